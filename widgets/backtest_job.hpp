#pragma once
// The work of one backtest job, run on a worker thread: load the run config and its market (once per
// config, shared by the jobs of its periods), then run one period. Never throws: every failure comes
// back as text the user can read in the run queue.
#include <QString>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "backtest/run_result.hpp"
#include "core/progress.hpp"
#include "period_result.hpp"

namespace tradelab::config {
struct RunConfig;
struct RunConfigLoad;
}  // namespace tradelab::config
namespace tradelab::backtest {
struct RunMarket;
}
namespace tradelab::store {
class ResultsStore;
struct RunDescription;
}  // namespace tradelab::store

namespace tradelab::gui {

struct RunJobOutcome {
    std::shared_ptr<const backtest::RunResult> result;  // null when the job failed or was cancelled
    double periodsPerYear = 252.0;
    QString error;  // why `result` is null; empty when cancelled
    bool cancelled = false;
    std::int64_t storedRunId = 0;  // the result's id in the results store; 0 when not stored
    QString storeProblem;          // why a finished result was not stored
    std::shared_ptr<const BenchmarkCurve> benchmark;  // null without a benchmark
};

// What a job does on its worker thread. `progress` reports 0..1 and returns false once the job is
// cancelled; the work should then stop and return an outcome with `cancelled` set.
using RunJobWork = std::function<RunJobOutcome(const Progress& progress)>;

// The config and market of one run config file, loaded by whichever of its jobs gets there first. A
// config or data error is remembered (every job of the file reports it); a cancelled load is not, so
// the next job loads again.
class PreparedRun {
  public:
    explicit PreparedRun(QString configPath);
    ~PreparedRun();

    QString configPath() const { return configPath_; }

    struct Prepared {
        const config::RunConfig* config = nullptr;
        const backtest::RunMarket* market = nullptr;
        QString error;
        bool cancelled = false;
    };
    // Loads on first use; later calls wait for the first and share its result.
    Prepared prepare(const Progress& progress);

  private:
    Prepared load(const Progress& progress);

    QString configPath_;
    std::mutex mutex_;
    std::unique_ptr<config::RunConfig> config_;
    std::unique_ptr<backtest::RunMarket> market_;
    QString error_;
};

// `progress` mapped onto [from, to] of a larger job's bar.
Progress scaled(const Progress& progress, double from, double to);

// The benchmark of `market` over `result`'s curve dates; null when the market has none.
std::shared_ptr<const BenchmarkCurve> benchmarkCurve(const backtest::RunMarket& market,
                                                     const backtest::RunResult& result);

// Every error of a config load, one "file:line: key: message" per line.
QString configErrors(const config::RunConfigLoad& load);

// The start of every job: `prepared`'s config and market, loaded in the first `loadShare` of the
// progress bar (or shared with an earlier job). False, with `outcome` saying why (an error, or
// cancelled), when the job cannot go on.
bool prepareJob(PreparedRun& prepared, const Progress& progress, double loadShare,
                PreparedRun::Prepared& ready, RunJobOutcome& outcome);

// Stores what a finished job produced as the command line would: `storeRuns` gets the user's results
// store and the config's run description (provenance, hashes) to adapt. A store that cannot be written
// leaves the result shown, with the reason in `outcome.storeProblem`.
using StoreRuns = std::function<void(store::ResultsStore& results, const store::RunDescription& base)>;
void storeJobRuns(const QString& configPath, const PreparedRun::Prepared& ready, RunJobOutcome& outcome,
                  const StoreRuns& storeRuns);

// The work of running `period` ("train", "validation" or "holdout") of `prepared`'s config.
RunJobWork backtestWork(std::shared_ptr<PreparedRun> prepared, const QString& period);

}  // namespace tradelab::gui
