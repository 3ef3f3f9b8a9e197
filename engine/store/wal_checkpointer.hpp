#pragma once
// Moves the write-ahead log back into the database file on its own thread and connection, so a commit
// never pays for a checkpoint (SQLite's automatic checkpoint runs inside the commit that crosses its
// threshold: about +10 ms on one store in eight). The writer's commit hook only counts WAL pages and
// wakes this thread; a PASSIVE checkpoint never blocks the writer or readers.
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite.hpp"

namespace tradelab::store {

class WalCheckpointer {
  public:
    // Takes over checkpointing of `writer`'s database (its automatic checkpoint is turned off).
    // Checkpoints once the WAL holds `threshold_pages` pages.
    explicit WalCheckpointer(Database& writer, int threshold_pages = 1000);
    // Stops the thread, then checkpoints what is left on the writer's connection.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    int checkpoints_done() const;    // for tests
    std::string last_error() const;  // why the last background checkpoint failed; empty when none

  private:
    static int on_commit(void* self, sqlite3* db, const char* name, int pages);
    void run(const std::stop_token& stop);

    Database& writer_;
    std::filesystem::path file_;
    int threshold_pages_;
    mutable std::mutex mutex_;
    std::condition_variable_any wake_;
    bool requested_ = false;
    int done_ = 0;
    std::string last_error_;
    std::jthread thread_;
};

}  // namespace tradelab::store
