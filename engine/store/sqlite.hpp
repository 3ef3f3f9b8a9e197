#pragma once
// A thin RAII layer over the SQLite C API: a connection, prepared statements and transactions. Every
// failure throws store::SqliteError naming the SQL that failed and SQLite's own message, so an error
// seen in the CLI or the GUI points straight at the statement.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tradelab::store {

class SqliteError : public std::runtime_error {
  public:
    SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }  // the SQLite result code (extended when available)

  private:
    int code_;
};

class Statement;

class Database {
  public:
    // Opens (creating when missing) `file` with WAL journaling, foreign keys on and a busy timeout, so
    // several processes can write the same file: a writer waits up to `busy_timeout_ms` for another
    // writer's transaction instead of failing at once.
    explicit Database(const std::filesystem::path& file, int busy_timeout_ms = 5000);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements that return no rows of interest.
    void execute(std::string_view sql);
    // For destructors, which must not throw: runs `sql` and reports whether it succeeded.
    bool execute_quietly(const char* sql) noexcept;
    Statement prepare(std::string_view sql);

    std::int64_t last_insert_id() const;
    int changes() const;  // rows changed by the last INSERT, UPDATE or DELETE
    bool in_transaction() const;
    const std::filesystem::path& file() const { return file_; }
    sqlite3* handle() const { return db_; }

  private:
    void switch_to_wal(int busy_timeout_ms);

    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
};

// A prepared statement. Parameters are 1-based like SQLite's; columns are 0-based. A NULL column
// reads as NaN (double), 0 (integer) or "" (text); column_is_null() tells them apart.
class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t(value)); }
    Statement& bind(int index, bool value) { return bind(index, std::int64_t(value ? 1 : 0)); }
    Statement& bind(int index, double value);  // NaN binds NULL
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullopt_t);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, std::nullopt);
    }

    // Binds every argument in order, starting at parameter 1.
    template <typename... Args>
    Statement& bind_all(const Args&... args) {
        return bind_from(1, args...);
    }
    // Binds every argument in order, starting at parameter `first` (a row of a multi-row INSERT).
    template <typename... Args>
    Statement& bind_from(int first, const Args&... args) {
        int index = first - 1;
        (bind(++index, args), ...);
        return *this;
    }

    // Advances to the next row: true when a row is available, false when the statement is done.
    bool step();
    // Steps a statement that returns no rows, then resets it for reuse. The bindings stay: callers
    // bind every parameter before each run, and clearing a 1,000-parameter statement is not free.
    void run();
    // Resets to the start and clears the bindings.
    void reset();

    int column_count() const;
    bool column_is_null(int column) const;
    std::int64_t column_int64(int column) const;
    int column_int(int column) const { return int(column_int64(column)); }
    double column_double(int column) const;
    std::string column_text(int column) const;
    std::optional<std::int64_t> column_optional_int64(int column) const;

    const std::string& sql() const { return sql_; }

  private:
    [[noreturn]] void fail(int code, std::string_view what) const;
    void check_bind(int code, int index);

    sqlite3* db_ = nullptr;
    sqlite3_stmt* statement_ = nullptr;
    std::string sql_;
};

// BEGIN ... COMMIT; rolls back when destroyed uncommitted. A Write transaction begins IMMEDIATE: a
// deferred one that later wants to write can fail with SQLITE_BUSY without waiting when another process
// wrote in between, while an immediate one takes the write lock up front and so benefits from the busy
// timeout. A Read transaction sees one snapshot of the file throughout, whatever other processes commit.
enum class TransactionMode { Read, Write };

class Transaction {
  public:
    explicit Transaction(Database& db, TransactionMode mode = TransactionMode::Write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

  private:
    Database& db_;
    bool open_ = true;
};

}  // namespace tradelab::store
