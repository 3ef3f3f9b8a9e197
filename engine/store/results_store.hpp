#pragma once
// The results store: every stored run with its provenance, headline metrics, equity curve and trades,
// in one SQLite file that the CLI writes and the workstation reads (docs/user-guide.md, "Stored
// runs"). Several processes may write it at once. Archived runs move to a second file beside it
// (<stem>_archive<ext>), keeping their ids: run ids are never reused.
//
// Writes are all-or-nothing per call: store_run() commits one run, store_runs() one batch. A process
// killed at any point leaves every committed call intact and nothing of the interrupted one.
// A ResultsStore is one SQLite connection: use one per thread.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "backtest/run_result.hpp"
#include "core/date.hpp"
#include "metrics/performance_metrics.hpp"
#include "store/sqlite.hpp"
#include "store/wal_checkpointer.hpp"

namespace tradelab::config {
struct RunConfig;
}
namespace tradelab::backtest {
struct RunMarket;
}
namespace tradelab::report {
struct RunProvenance;
}

namespace tradelab::store {

enum class RunKind { Backtest, Validation, SensitivityPoint, WalkforwardFold, StressScenario };
std::string_view to_string(RunKind kind);
std::optional<RunKind> parse_run_kind(std::string_view text);

// Partial: the run was cancelled and holds only the days it processed.
enum class RunStatus { Complete, Partial };
std::string_view to_string(RunStatus status);
std::optional<RunStatus> parse_run_status(std::string_view text);

// Everything about a run other than its figures: where it came from, enough to reproduce it and to
// tell it from its neighbours.
struct RunDescription {
    RunKind kind = RunKind::Backtest;
    std::optional<std::int64_t> parent_run_id;  // e.g. the validation run of a stress scenario
    std::string variant;  // what tells siblings apart: "slippage_2x", "entry=20,exit=50", "fold 3"
    std::string config_path;
    std::string config_name;
    std::string config_text;  // the config files as they were run
    std::string config_hash;
    std::vector<std::string> strategies;
    int thread_count = 1;
    double periods_per_year = 252.0;
    std::string tradelab_version = TRADELAB_VERSION;
    std::string data_fingerprint;
    std::vector<std::string> data_files;
    std::optional<Date> data_start;
    std::optional<Date> data_end;
    std::vector<std::string> tags;
    std::string notes;
    // Figures beyond the metrics, merged into the stored metrics JSON (a validation's verdict, a sweep
    // point's parameters); a JSON object or empty.
    std::string extra_figures_json;
};

// The description of a backtest period run from what `tradelab-cli backtest` has at hand: the
// provenance it writes to summary.json, the loaded config (strategy names, config name, and the run and
// strategy files re-read as config_text) and the market (files and date range).
RunDescription describe_run(const report::RunProvenance& provenance, const config::RunConfig& run,
                            const backtest::RunMarket& market);

// One stored run's row. In listings config_text and data_files are left empty (they can be large).
struct RunRecord {
    std::int64_t id = 0;
    std::string created_at;  // UTC, "YYYY-MM-DDTHH:MM:SS.sssZ"
    RunDescription description;
    std::string period;
    Date start{};
    Date end{};
    std::uint64_t seed = 0;
    double starting_equity = 0.0;
    std::string digest;
    RunStatus status = RunStatus::Complete;
    bool archived = false;
};

struct RunSummary {
    RunRecord record;
    metrics::PerformanceMetrics metrics;
    double final_equity = 0.0;
};

struct StoredRun {
    RunRecord record;
    metrics::PerformanceMetrics metrics;
    double final_equity = 0.0;
    std::string metrics_json;  // every stored figure, as JSON
    backtest::RunResult result;
    bool digest_verified = false;  // the reloaded trades and final equity give the stored digest
};

enum class Threshold { AtLeast, AtMost, Above, Below };

// "sharpe_ratio >= 1". Metric names are the run_metrics columns (metric_names()); a few short aliases
// are accepted: sharpe, calmar, trades, return, drawdown.
struct MetricCondition {
    std::string metric;
    Threshold threshold = Threshold::AtLeast;
    double value = 0.0;
};
// Parses "sharpe>=1", "max_drawdown<0.2", ... Throws std::invalid_argument.
MetricCondition parse_metric_condition(std::string_view text);

struct RunFilter {
    std::optional<std::string> config_path;
    std::optional<std::string> config_hash;  // a prefix is enough
    std::optional<std::string> strategy;
    std::optional<std::string> period;
    std::optional<RunKind> kind;
    std::optional<RunStatus> status;
    std::optional<std::string> tag;
    std::optional<std::int64_t> parent_run_id;
    std::optional<Date> created_from;  // UTC dates, inclusive
    std::optional<Date> created_to;
    std::vector<MetricCondition> metrics;
    std::size_t limit = 0;  // 0: no limit
    bool archived = false;  // list the archive instead of the store
};

// Which way is better for a metric; degradation is measured in that direction.
enum class Better { Higher, Lower, Neither };

struct MetricComparison {
    std::string metric;
    Better better = Better::Higher;
    std::vector<double> values;       // one per compared run (NaN when not stored)
    std::vector<double> differences;  // value - first run's value
    // How much worse than the first run, in % of |first|: positive = worse, negative = better. Absent
    // for the first run, when the first value is 0 or not finite, and for metrics with no better side.
    std::vector<std::optional<double>> degradation_pct;
};

struct RunComparison {
    std::vector<RunRecord> runs;
    std::vector<MetricComparison> metrics;
};

// How much worse `value` is than the baseline `first`, in % of |first| in the metric's better direction
// (positive = worse); none for a metric with no better side, a zero or non-finite baseline, or a
// non-finite value. The rule of compare() and of every comparison view.
std::optional<double> degradation(Better better, double first, double value);

// The metrics compare() shows by default, in order.
std::span<const std::string_view> default_comparison_metrics();
// Every metric column of run_metrics.
std::span<const std::string_view> metric_names();

enum class OnDuplicate { Replace, KeepBoth };

struct RunToStore {
    const backtest::RunResult* result = nullptr;
    const metrics::PerformanceMetrics* metrics = nullptr;
    RunDescription description;
};

struct StoreOutcome {
    std::int64_t run_id = 0;
    bool replaced = false;  // an identical earlier run was replaced (and its id reused)
};

// Thrown for run ids in neither the store nor its archive.
class UnknownRunError : public std::runtime_error {
  public:
    explicit UnknownRunError(std::vector<std::int64_t> ids);
    const std::vector<std::int64_t>& ids() const { return ids_; }

  private:
    std::vector<std::int64_t> ids_;
};

class RunWriter;

class ResultsStore {
  public:
    // Opens `file`, creating it and its folder when missing, and migrates an older schema.
    explicit ResultsStore(const std::filesystem::path& file = default_path());
    ~ResultsStore();
    ResultsStore(const ResultsStore&) = delete;  // the cached statements belong to this object
    ResultsStore& operator=(const ResultsStore&) = delete;

    // $XDG_DATA_HOME/TradeLab/results.sqlite, else ~/.local/share/TradeLab/results.sqlite.
    static std::filesystem::path default_path();
    const std::filesystem::path& file() const { return db_.file(); }
    std::filesystem::path archive_file() const;

    // Stores one run in one transaction. A run identical to an earlier one — same kind, config hash,
    // data fingerprint, period, start and end dates, seed, variant and parent — replaces it in place
    // (same id; its tags are kept, its notes unless new ones are given) unless `on_duplicate` is
    // KeepBoth. A parent run must already be in the store.
    StoreOutcome store_run(const backtest::RunResult& result, const metrics::PerformanceMetrics& metrics,
                           const RunDescription& description,
                           OnDuplicate on_duplicate = OnDuplicate::Replace);
    // Stores a batch (a sweep's points) in one transaction: all of them or, on failure, none.
    std::vector<StoreOutcome> store_runs(std::span<const RunToStore> batch,
                                         OnDuplicate on_duplicate = OnDuplicate::Replace);

    // A run with its curve and trades, from the store or else the archive; nullopt for an unknown id.
    std::optional<StoredRun> find(std::int64_t id);
    StoredRun get(std::int64_t id);  // throws UnknownRunError
    // Without curves and trades; newest first.
    std::vector<RunSummary> list(const RunFilter& filter = {});
    // 2..N runs side by side (store or archive); `metrics` empty: default_comparison_metrics().
    RunComparison compare(std::span<const std::int64_t> ids, std::span<const std::string> metrics = {});

    // Each moves or removes the runs and all their descendants (child runs, recursively) and returns
    // every id affected, ascending. Unknown ids throw UnknownRunError before anything changes.
    std::vector<std::int64_t> archive(std::span<const std::int64_t> ids);
    std::vector<std::int64_t> unarchive(std::span<const std::int64_t> ids);
    std::vector<std::int64_t> delete_runs(std::span<const std::int64_t> ids);  // from store or archive

    void add_tags(std::span<const std::int64_t> ids, std::span<const std::string> tags);
    void remove_tags(std::span<const std::int64_t> ids, std::span<const std::string> tags);
    void set_notes(std::int64_t id, std::string_view notes);

    Database& database() { return db_; }

  private:
    bool has_archive() const;
    std::optional<std::filesystem::path> existing_archive() const;  // the archive file when it exists
    std::vector<std::int64_t> move_runs(std::span<const std::int64_t> ids, std::string_view from,
                                        std::string_view to);

    Database db_;
    std::unique_ptr<RunWriter>
        writer_;  // prepared once, on first use: preparing costs as much as a small run
    std::unique_ptr<WalCheckpointer> checkpointer_;  // declared last: stops before db_ closes
};

}  // namespace tradelab::store
