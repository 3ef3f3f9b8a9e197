#include "store/sqlite.hpp"

#include <chrono>
#include <cmath>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <sqlite3.h>

namespace tradelab::store {
namespace {

// SQL shown in error messages: long statements are cut, so the message stays readable.
std::string sql_excerpt(std::string_view sql) {
    constexpr std::size_t kLimit = 300;
    std::string text(sql.substr(0, kLimit));
    if (sql.size() > kLimit) text += " ...";
    return text;
}

[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view what) {
    const int extended = db ? sqlite3_extended_errcode(db) : code;
    const char* message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw SqliteError(extended, fmt::format("{}: {}", what, message));
}

}  // namespace

// ---- Database ------------------------------------------------------------------------------------

Database::Database(const std::filesystem::path& file, int busy_timeout_ms) : file_(file) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int code = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
    if (code != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError(code, fmt::format("cannot open {}: {}", file.string(), message));
    }
    sqlite3_extended_result_codes(db_, 1);
    // The timeout first: switching to WAL itself needs a lock another process may hold.
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    switch_to_wal(busy_timeout_ms);
    // In WAL mode NORMAL syncs at checkpoints, not at every commit: a killed process never loses a
    // committed transaction; a power cut may lose the last few but never corrupts the file.
    execute("PRAGMA synchronous = NORMAL");
    execute("PRAGMA foreign_keys = ON");
}

// Two processes opening a new file at once both hold a shared lock and both want the exclusive one
// the switch needs; SQLite then answers BUSY at once to one of them, without its busy handler (that
// would deadlock). The loser retries after the winner is done, within the same timeout.
void Database::switch_to_wal(int busy_timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    for (;;) {
        try {
            execute("PRAGMA journal_mode = WAL");
            return;
        } catch (const SqliteError& error) {
            const bool busy = (error.code() & 0xff) == SQLITE_BUSY;
            if (!busy || std::chrono::steady_clock::now() >= deadline) throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

Database::~Database() {
    sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        file_ = std::move(other.file_);
    }
    return *this;
}

void Database::execute(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    const int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
        const std::string reason = message ? message : sqlite3_errstr(code);
        sqlite3_free(message);
        throw SqliteError(sqlite3_extended_errcode(db_),
                          fmt::format("{} failed on {}: {}", sql_excerpt(sql), file_.string(), reason));
    }
}

bool Database::execute_quietly(const char* sql) noexcept {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

Statement Database::prepare(std::string_view sql) {
    return Statement(db_, sql);
}

std::int64_t Database::last_insert_id() const {
    return sqlite3_last_insert_rowid(db_);
}

int Database::changes() const {
    return sqlite3_changes(db_);
}

bool Database::in_transaction() const {
    return sqlite3_get_autocommit(db_) == 0;
}

// ---- Statement -----------------------------------------------------------------------------------

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db), sql_(sql) {
    const int code = sqlite3_prepare_v2(db_, sql_.data(), int(sql_.size()), &statement_, nullptr);
    if (code != SQLITE_OK) fail(code, "cannot prepare");
}

Statement::~Statement() {
    sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), statement_(std::exchange(other.statement_, nullptr)), sql_(std::move(other.sql_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(statement_);
        db_ = other.db_;
        statement_ = std::exchange(other.statement_, nullptr);
        sql_ = std::move(other.sql_);
    }
    return *this;
}

void Statement::fail(int code, std::string_view what) const {
    throw_error(db_, code, fmt::format("{} [{}]", what, sql_excerpt(sql_)));
}

void Statement::check_bind(int code, int index) {
    if (code != SQLITE_OK) fail(code, fmt::format("cannot bind parameter {}", index));
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(statement_, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (std::isnan(value)) return bind(index, std::nullopt);
    check_bind(sqlite3_bind_double(statement_, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    check_bind(sqlite3_bind_text(statement_, index, value.data(), int(value.size()), SQLITE_TRANSIENT),
               index);
    return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
    check_bind(sqlite3_bind_null(statement_, index), index);
    return *this;
}

bool Statement::step() {
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    fail(code, "cannot execute");
}

void Statement::run() {
    while (step()) {
    }
    sqlite3_reset(statement_);
}

void Statement::reset() {
    // sqlite3_reset repeats the error of the last step, which step() has already reported.
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

int Statement::column_count() const {
    return sqlite3_column_count(statement_);
}

bool Statement::column_is_null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int column) const {
    return sqlite3_column_int64(statement_, column);
}

double Statement::column_double(int column) const {
    if (column_is_null(column)) return std::nan("");
    return sqlite3_column_double(statement_, column);
}

std::string Statement::column_text(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (!text) return {};
    return std::string(text, std::size_t(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
    if (column_is_null(column)) return std::nullopt;
    return column_int64(column);
}

// ---- Transaction ---------------------------------------------------------------------------------

Transaction::Transaction(Database& db, TransactionMode mode) : db_(db) {
    db_.execute(mode == TransactionMode::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    // Rolling back is the whole point when an exception unwinds through here; a failing ROLLBACK
    // (the connection already rolled back by SQLite itself) leaves nothing to undo.
    if (open_ && db_.in_transaction()) db_.execute_quietly("ROLLBACK");
}

void Transaction::commit() {
    db_.execute("COMMIT");
    open_ = false;
}

}  // namespace tradelab::store
