#include "store/wal_checkpointer.hpp"

#include <optional>

#include <sqlite3.h>

namespace tradelab::store {

WalCheckpointer::WalCheckpointer(Database& writer, int threshold_pages)
    : writer_(writer), file_(writer.file()), threshold_pages_(threshold_pages) {
    // The hook replaces SQLite's automatic checkpoint for this connection.
    sqlite3_wal_hook(writer_.handle(), &WalCheckpointer::on_commit, this);
    thread_ = std::jthread([this](const std::stop_token& stop) { run(stop); });
}

WalCheckpointer::~WalCheckpointer() {
    thread_.request_stop();
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
    // What the thread did not get to: a passive checkpoint on the writer, never an error at close.
    writer_.execute_quietly("PRAGMA wal_checkpoint(PASSIVE)");
}

int WalCheckpointer::checkpoints_done() const {
    const std::lock_guard lock(mutex_);
    return done_;
}

int WalCheckpointer::on_commit(void* self, sqlite3*, const char*, int pages) {
    auto* checkpointer = static_cast<WalCheckpointer*>(self);
    if (pages >= checkpointer->threshold_pages_) {
        {
            const std::lock_guard lock(checkpointer->mutex_);
            checkpointer->requested_ = true;
        }
        checkpointer->wake_.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run(const std::stop_token& stop) {
    // Its own connection (connections are not shared between threads here), opened at the first
    // request: most stores never grow a WAL worth checkpointing.
    std::optional<Database> connection;
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(mutex_);
            if (!wake_.wait(lock, stop, [this] { return requested_; })) return;
            requested_ = false;
        }
        try {
            if (!connection) connection.emplace(file_);
            // PASSIVE: copies what no reader still needs, without waiting for anyone; a busy database
            // is tried again at the next request.
            if (connection->execute_quietly("PRAGMA wal_checkpoint(PASSIVE)")) {
                const std::lock_guard lock(mutex_);
                ++done_;
            }
        } catch (const SqliteError& error) {
            // The checkpoint is an optimisation: the writer's own checkpoint at close still runs.
            const std::lock_guard lock(mutex_);
            last_error_ = error.what();
        }
    }
}

std::string WalCheckpointer::last_error() const {
    const std::lock_guard lock(mutex_);
    return last_error_;
}

}  // namespace tradelab::store
