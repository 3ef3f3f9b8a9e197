#pragma once
// Walk-forward optimisation: the grid is swept on an in-sample window, the best point (by the
// objective) is traded on the out-of-sample window that follows, and the window moves on by the
// out-of-sample length. Rolling windows keep the in-sample length; anchored windows keep the first
// in-sample start and grow. The out-of-sample runs chained together are the only figures no parameter
// choice has seen.
//
// Every run (sweep point, out-of-sample run) is an independent backtest with the config's seed: it
// starts flat at the starting equity, with indicators warmed up on the loaded data before its start.
// No position carries from one fold into the next.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backtest/backtest.hpp"
#include "config/run_config.hpp"
#include "core/date.hpp"
#include "core/progress.hpp"
#include "metrics/performance_metrics.hpp"
#include "validation/splits.hpp"
#include "validation/sweep.hpp"

namespace tradelab::validation {

// The pass/fail rules of a walk-forward result; every check passes at equality.
struct WalkForwardThresholds {
    double min_wfe = 0.5;                         // walk-forward efficiency
    double min_profitable_window_fraction = 0.5;  // folds with out-of-sample return > 0
    double max_single_window_profit_share = 0.5;  // of the folds' summed positive profit
    double max_drawdown = 0.40;                   // of the stitched out-of-sample curve
};

struct WalkForwardOptions {
    int in_sample_months = 24;
    int out_of_sample_months = 6;  // also the step from one fold to the next
    bool anchored = false;         // true: every in-sample window starts at the first start
    // The first in-sample day; default warm_up_start(dataset).
    std::optional<Date> first_start;
    std::optional<Date> end;                 // the last out-of-sample day; default dataset.end_date
    std::string objective = "sharpe_ratio";  // a name metric_value accepts
    int threads = 0;                         // for each fold's sweep; 0 = every hardware thread
    WalkForwardThresholds thresholds;
};

struct Fold {
    int number = 0;  // 1-based
    Period in_sample;
    Period out_of_sample;
    bool operator==(const Fold&) const = default;
};

// The default first in-sample day: dataset.start_date plus dataset.min_lookback_days trading days
// converted to calendar days (x 365 / 252, rounded up), so the indicators are warm when the first
// in-sample window opens. 250 trading days are 363 calendar days; the reference config's 60 are 87.
Date warm_up_start(const config::DatasetConfig& dataset);

// Folds from `first_start` to `end`. Every boundary is counted in months from `first_start`
// (add_months, day of the month clamped), fold k (0-based) having
//   out-of-sample start = first_start + (in_sample + k * out_of_sample) months,
//   out-of-sample end   = that start + out_of_sample months - 1 day, clipped to `end`,
//   in-sample           = [first_start + k * out_of_sample months (rolling) or first_start (anchored),
//                          out-of-sample start - 1 day].
// Stops at the first fold whose out-of-sample window would start after `end`, or would be clipped to less
// than half its length (unless it is the first fold). Throws
// std::invalid_argument naming the dates when no fold fits or a length is not positive.
std::vector<Fold> walk_forward_folds(Date first_start, Date end, int in_sample_months,
                                     int out_of_sample_months, bool anchored);

// The folds of `options` with its defaults resolved against `run`'s dataset.
std::vector<Fold> walk_forward_folds(const config::RunConfig& run, const WalkForwardOptions& options);

struct FoldResult {
    Fold fold;
    // The winner of the in-sample sweep: the valid, finished point with the highest finite objective,
    // the lowest grid index on a tie.
    std::size_t winner_index = 0;
    std::vector<std::string> winner_labels;  // one per grid axis
    double in_sample_objective = 0.0;
    double in_sample_annual_return = 0.0;  // CAGR of the winner's in-sample run
    std::string in_sample_digest;
    std::size_t points_scored = 0;  // valid, finished points with a finite objective
    metrics::PerformanceMetrics out_of_sample;
    std::string out_of_sample_digest;
    std::size_t out_of_sample_points = 0;   // equity curve points of the out-of-sample run
    double profit = 0.0;                    // the fold's change of the stitched curve, in currency
    backtest::RunResult out_of_sample_run;  // kept so the folds can be stored and charted
};

struct StitchedPoint {
    Date date{};
    double equity = 0.0;
};

struct WalkForwardCheck {
    std::string name;
    double value = 0.0;  // NaN when undefined (written as null)
    double threshold = 0.0;
    std::string comparison;  // ">", ">=" or "<=": how value is held against threshold
    bool passed = false;
    std::string note;
};

struct WalkForwardResult {
    WalkForwardOptions options;  // with first_start and end resolved
    SweepGrid grid;
    std::vector<Fold> planned;      // every fold of the schedule
    std::vector<FoldResult> folds;  // the completed ones, in order
    bool partial = false;           // cancelled: `folds` holds those completed before the cancel
    double starting_equity = 0.0;
    // The out-of-sample runs chained: each fold's curve scaled by (stitched equity before the fold) /
    // (starting equity), i.e. its daily returns compounded onto the curve. No starting point: the first
    // point is the first out-of-sample close, so the length is the sum of the folds' curve lengths.
    std::vector<StitchedPoint> stitched;
    double stitched_total_return = 0.0;
    double stitched_cagr = 0.0;
    double stitched_sharpe = 0.0;
    double stitched_max_drawdown = 0.0;
    // Walk-forward efficiency (Pardo): mean out-of-sample annualised return / mean in-sample annualised
    // return over the folds, both CAGRs. NaN when the in-sample mean is not positive (the ratio then
    // says nothing about how much of the in-sample edge survived); `wfe_note` says so.
    double mean_in_sample_annual_return = 0.0;
    double mean_out_of_sample_annual_return = 0.0;
    double wfe = 0.0;
    std::string wfe_note;
    std::vector<WalkForwardCheck> checks;
    bool passed = false;  // every check passed, and the run was not cancelled
};

// Runs the walk-forward optimisation of `grid` on `market` (prepared for source.base). Folds run one
// after the other, each sweep parallel over its points; the result does not depend on the thread count.
// Progress is the fraction of folds done; a cancel stops at once and returns the completed folds with
// `partial` set. Throws std::invalid_argument for a bad schedule or objective, std::runtime_error when a
// fold has no point to choose.
WalkForwardResult run_walk_forward(const backtest::RunMarket& market, const PointConfigSource& source,
                                   const SweepGrid& grid, const WalkForwardOptions& options,
                                   const Progress& progress = {});

// Everything: options (without the thread count, which does not change the result), the grid, the fold
// table, WFE, the checks and the stitched curve as [date, equity] pairs. Non-finite numbers are null.
nlohmann::ordered_json to_json(const WalkForwardResult& result);

}  // namespace tradelab::validation
