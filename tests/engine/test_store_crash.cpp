// Nothing lost: a sweep writer killed with SIGKILL at arbitrary moments leaves a clean store holding
// every batch it committed and nothing of the batch it was writing; two processes writing the same
// store at once both succeed.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "metrics/performance_metrics.hpp"
#include "store/results_store.hpp"
#include "store/sqlite.hpp"

namespace tradelab::store {
namespace {

namespace fs = std::filesystem;
using backtest::RunResult;

constexpr int kSweepPoints = 500;
constexpr int kBatchSize = 10;
constexpr int kCurvePoints = 252;
constexpr int kTrades = 20;

class CrashTest : public ::testing::Test {
  protected:
    void SetUp() override {
        folder_ =
            fs::temp_directory_path() / ("tradelab_store_crash_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(folder_);
        fs::create_directories(folder_);
    }
    void TearDown() override { fs::remove_all(folder_); }
    fs::path file() const { return folder_ / "results.sqlite"; }

    fs::path folder_;
};

// One point of a synthetic parameter sweep: a year of equity and 20 trades, all depending on `point`.
RunResult sweep_point(int point) {
    RunResult run;
    run.period_name = "train";
    run.start = make_date(2022, 1, 3);
    run.seed = std::uint64_t(point);
    run.starting_equity = 100'000.0;
    double equity = run.starting_equity;
    for (int i = 0; i < kCurvePoints; ++i) {
        equity *= 1.0 + 0.0005 * double((point + i * 13) % 9 - 4);
        backtest::EquityPoint p;
        p.date = run.start + std::chrono::days{i};
        p.equity = equity;
        p.cash = equity / 2;
        p.gross_exposure = equity / 2;
        p.positions = i % 5;
        run.equity_curve.push_back(p);
    }
    run.end = run.equity_curve.back().date;
    for (int i = 0; i < kTrades; ++i) {
        backtest::TradeRecord t;
        t.trade_id = std::uint32_t(i + 1);
        t.symbol_name = "S" + std::to_string(i);
        t.entry_date = run.start + std::chrono::days{i * 10};
        t.exit_date = t.entry_date + std::chrono::days{5};
        t.entry_price = 50.0 + point % 17;
        t.exit_price = t.entry_price * (i % 2 ? 1.04 : 0.98);
        t.quantity = 100;
        t.initial_stop_price = t.entry_price * 0.9;
        t.realized_pnl = (t.exit_price - t.entry_price) * t.quantity;
        run.trades.push_back(t);
    }
    return run;
}

RunDescription sweep_description(int point, const std::string& config_hash = "sweep") {
    RunDescription d;
    d.kind = RunKind::SensitivityPoint;
    d.config_path = "/configs/sweep.yaml";
    d.config_name = "sweep";
    d.config_hash = config_hash;
    d.variant = "point " + std::to_string(point);
    d.strategies = {"equity_momentum"};
    d.data_fingerprint = "da7a";
    return d;
}

// Progress of a sweep writer, sent through a pipe: a batch about to be stored, or one committed.
struct Progress {
    int committed = 0;     // sweep points stored so far
    bool storing = false;  // true: the batch after `committed` has been handed to store_runs()
};

void report(int fd, Progress progress) {
    if (fd >= 0 && ::write(fd, &progress, sizeof progress) != sizeof progress) std::_Exit(3);
}

// Stores sweep points [first, kSweepPoints) in batches of kBatchSize, one transaction each, reporting
// on `report_fd` (when >= 0) before and after each batch.
void store_sweep(const fs::path& file, int first, int report_fd) {
    ResultsStore results(file);
    for (int start = first; start < kSweepPoints; start += kBatchSize) {
        std::vector<RunResult> runs;
        std::vector<metrics::PerformanceMetrics> figures;
        for (int point = start; point < start + kBatchSize; ++point) {
            runs.push_back(sweep_point(point));
            figures.push_back(metrics::compute_metrics(runs.back(), 252.0));
        }
        std::vector<RunToStore> batch;
        for (int i = 0; i < kBatchSize; ++i)
            batch.push_back({&runs[std::size_t(i)], &figures[std::size_t(i)], sweep_description(start + i)});
        report(report_fd, {start, true});
        results.store_runs(batch);
        report(report_fd, {start + kBatchSize, false});
    }
}

// The body of a forked child: never returns into the test runner.
template <typename Body>
[[noreturn]] void run_child(Body body) {
    try {
        body();
        std::_Exit(0);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "child %d: %s\n", int(::getpid()), error.what());
        std::_Exit(1);
    }
}

std::int64_t scalar(Database& db, const std::string& sql) {
    auto query = db.prepare(sql);
    if (!query.step()) throw std::runtime_error("no row from " + sql);
    return query.column_int64(0);
}

// Opens the store as a fresh process would and checks that it is sound, that it holds only whole
// batches and whole runs, and returns how many sweep points it holds.
int check_store(const fs::path& file) {
    Database db(file);
    auto integrity = db.prepare("PRAGMA integrity_check");
    EXPECT_TRUE(integrity.step());
    EXPECT_EQ(integrity.column_text(0), "ok");
    const auto runs = scalar(db, "SELECT count(*) FROM runs");
    EXPECT_EQ(runs % kBatchSize, 0) << "a partial batch is visible";
    // The points stored are exactly 0..runs-1: every committed batch is there, none twice.
    EXPECT_EQ(scalar(db, "SELECT count(DISTINCT seed) FROM runs"), runs);
    if (runs > 0) {
        EXPECT_EQ(scalar(db, "SELECT max(seed) FROM runs"), runs - 1);
    }
    // Every run is whole: metrics, every curve point, every trade.
    EXPECT_EQ(scalar(db,
                     "SELECT count(*) FROM runs r LEFT JOIN run_metrics m ON m.run_id = r.id "
                     "WHERE m.run_id IS NULL"),
              0);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM equity_points"), runs * kCurvePoints);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM trades"), runs * kTrades);
    EXPECT_EQ(scalar(db,
                     "SELECT count(*) FROM (SELECT run_id FROM equity_points GROUP BY run_id "
                     "HAVING count(*) <> " +
                         std::to_string(kCurvePoints) + ")"),
              0);
    EXPECT_EQ(
        scalar(db, "SELECT count(*) FROM (SELECT run_id FROM trades GROUP BY run_id HAVING count(*) <> " +
                       std::to_string(kTrades) + ")"),
        0);
    return int(runs);
}

// Reads progress reports until `committed` points are stored and the next batch is being stored;
// returns that report.
Progress wait_for_batch_in_flight(int fd, int committed) {
    Progress progress;
    while (!(progress.storing && progress.committed >= committed)) {
        if (::read(fd, &progress, sizeof progress) != sizeof progress)
            throw std::runtime_error("the sweep writer stopped reporting");
    }
    return progress;
}

TEST_F(CrashTest, KilledSweepWriterLosesNoCommittedBatch) {
    { const ResultsStore created(file()); }  // the store exists before the first writer starts
    // Each writer is killed some time after it handed a batch to store_runs(): with no delay the kill
    // lands inside that batch's transaction; with the longest the batch has usually been committed.
    // Either way the store must hold whole batches only, and every committed one.
    const std::vector<int> kill_delays_us = {0, 0, 300, 1000, 2500, 5000, 20000};
    int interrupted_batches = 0;
    for (const int delay_us : kill_delays_us) {
        const int resume = check_store(file());
        int pipe_fds[2];
        ASSERT_EQ(::pipe(pipe_fds), 0);
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::close(pipe_fds[0]);
            run_child([&] { store_sweep(file(), resume, pipe_fds[1]); });
        }
        ::close(pipe_fds[1]);
        const Progress in_flight = wait_for_batch_in_flight(pipe_fds[0], resume + 3 * kBatchSize);
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
        ::kill(child, SIGKILL);
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        ::close(pipe_fds[0]);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "the writer was not killed mid-sweep";
        const int found = check_store(file());
        EXPECT_GE(found, in_flight.committed) << "a committed batch went missing";
        if (found == in_flight.committed) ++interrupted_batches;
        std::printf("killed %5d us into storing batch %2d: %3d sweep points in the store (%s)\n", delay_us,
                    in_flight.committed / kBatchSize + 1, found,
                    found == in_flight.committed ? "that batch left no trace" : "that batch had committed");
    }
    EXPECT_GE(interrupted_batches, 1) << "no kill landed inside a batch; the test proved less than it should";
    // The sweep resumes from what the store holds and completes.
    store_sweep(file(), check_store(file()), -1);
    EXPECT_EQ(check_store(file()), kSweepPoints);
    ResultsStore results(file());
    RunFilter filter;
    filter.kind = RunKind::SensitivityPoint;
    const auto runs = results.list(filter);
    ASSERT_EQ(runs.size(), std::size_t(kSweepPoints));
    for (const auto& run : runs) {
        if (run.record.id % 50 == 0) {
            EXPECT_TRUE(results.get(run.record.id).digest_verified) << run.record.id;
        }
    }
}

TEST_F(CrashTest, TwoProcessesWriteTheSameStoreAtOnce) {
    constexpr int kRunsPerWriter = 40;
    int start_gate[2];
    ASSERT_EQ(::pipe(start_gate), 0);
    std::vector<pid_t> writers;
    for (int writer = 0; writer < 2; ++writer) {
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::close(start_gate[1]);
            char go = 0;
            (void)::read(start_gate[0], &go, 1);  // returns at EOF, when the parent opens the gate
            run_child([&] {
                // Both create the (missing) file at the same moment, then store one run per transaction.
                ResultsStore results(file());
                for (int i = 0; i < kRunsPerWriter; ++i) {
                    const int point = writer * 1000 + i;
                    const RunResult run = sweep_point(point);
                    results.store_run(run, metrics::compute_metrics(run, 252.0),
                                      sweep_description(point, "writer " + std::to_string(writer)));
                }
            });
        }
        writers.push_back(child);
    }
    ::close(start_gate[0]);
    ::close(start_gate[1]);  // both start now
    for (const pid_t child : writers) {
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
            << "a writer failed (see its message above)";
    }
    Database db(file());
    auto integrity = db.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.step());
    EXPECT_EQ(integrity.column_text(0), "ok");
    for (const char* writer : {"writer 0", "writer 1"}) {
        EXPECT_EQ(scalar(db, std::string("SELECT count(*) FROM runs WHERE config_hash = '") + writer + "'"),
                  kRunsPerWriter);
    }
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM equity_points"), 2 * kRunsPerWriter * kCurvePoints);
}

}  // namespace
}  // namespace tradelab::store
