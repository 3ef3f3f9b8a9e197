#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "backtest/backtest.hpp"
#include "config/config_loader.hpp"
#include "metrics/benchmark_alignment.hpp"
#include "report/provenance.hpp"
#include "store/results_store.hpp"
#include "validation/splits.hpp"
#include "validation/sweep.hpp"
#include "validation/validation_store.hpp"
#include "validation/walk_forward.hpp"

namespace tradelab::validation {
namespace {

namespace fs = std::filesystem;

const fs::path kEqConfig = fs::path(TRADELAB_CONFIG_DIR) / "reference" / "eq.yaml";

Date day(int year, unsigned month, unsigned d) {
    return make_date(year, month, d);
}

Period period(Date start, Date end) {
    return {start, end};
}

backtest::Scenario scenario(const std::string& name, const Period& window, std::uint64_t seed) {
    backtest::Scenario s;
    s.period_name = name;
    s.start = window.start;
    s.end = window.end;
    s.seed = seed;
    return s;
}

// A fresh folder per test for the YAML files it writes.
class TempDir {
  public:
    TempDir() {
        path_ = fs::temp_directory_path() /
                ("tradelab_splits_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                 "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }

    const fs::path& path() const { return path_; }

    fs::path write(const std::string& name, const std::string& text) const {
        const fs::path file = path_ / name;
        std::ofstream(file) << text;
        return file;
    }

  private:
    fs::path path_;
};

std::string load_error(const fs::path& file) {
    try {
        load_splits_file(file);
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "(no error)";
}

// ---------------------------------------------------------------------------------------------------------
// Splits

TEST(Split, DefaultTwentyFourMonthsIsTheSpecExample) {
    const Split split = default_split(day(2023, 1, 1), 24);
    EXPECT_EQ(split.name, "default_24m");
    EXPECT_EQ(split.train, period(day(2023, 1, 1), day(2024, 3, 31)));
    EXPECT_EQ(split.validation, period(day(2024, 4, 1), day(2024, 6, 30)));
    EXPECT_EQ(split.holdout, period(day(2024, 7, 1), day(2024, 12, 31)));
}

TEST(Split, DefaultEighteenMonthsIsTwelveThreeThree) {
    const Split split = default_split(day(2023, 1, 1), 18);
    EXPECT_EQ(split.train, period(day(2023, 1, 1), day(2023, 12, 31)));
    EXPECT_EQ(split.validation, period(day(2024, 1, 1), day(2024, 3, 31)));
    EXPECT_EQ(split.holdout, period(day(2024, 4, 1), day(2024, 6, 30)));
}

TEST(Split, DefaultOfAnotherLengthThrows) {
    EXPECT_THROW(default_split(day(2023, 1, 1), 12), std::invalid_argument);
    EXPECT_THROW(default_split(day(2023, 1, 1), 0), std::invalid_argument);
}

TEST(Split, MonthsClampTheDayAndCountFromTheStart) {
    EXPECT_EQ(add_months(day(2024, 1, 31), 1), day(2024, 2, 29));
    EXPECT_EQ(add_months(day(2023, 1, 31), 1), day(2023, 2, 28));
    EXPECT_EQ(add_months(day(2024, 3, 31), -1), day(2024, 2, 29));
    EXPECT_EQ(add_months(day(2024, 12, 15), 1), day(2025, 1, 15));
    // From the 31st the boundaries stay at month ends (no drift to the 29th after February).
    const Split split = default_split(day(2024, 1, 31), 18);
    EXPECT_EQ(split.train, period(day(2024, 1, 31), day(2025, 1, 30)));
    EXPECT_EQ(split.validation, period(day(2025, 1, 31), day(2025, 4, 29)));
    EXPECT_EQ(split.holdout, period(day(2025, 4, 30), day(2025, 7, 30)));
}

TEST(Split, OrderProblemsBlameTheLaterDate) {
    Split split = default_split(day(2023, 1, 1), 24);
    EXPECT_TRUE(split_problems(split).empty());
    split.validation.start = split.train.end;  // periods may not share a day
    split.holdout.end = split.holdout.start;   // a period's start is strictly before its end
    const auto problems = split_problems(split);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].key, "validation.start");
    EXPECT_EQ(problems[0].message, "must be after train.end (2024-03-31), got 2024-03-31");
    EXPECT_EQ(problems[1].key, "holdout.end");
    EXPECT_THROW(require_valid(split), std::invalid_argument);
}

TEST(Split, FileWithTwoSplitsLoads) {
    const TempDir dir;
    const auto file = dir.write("splits.yaml", R"(splits:
  - name: early
    train: {start: 2023-01-01, end: 2023-06-30}
    validation: {start: 2023-07-01, end: 2023-09-30}
    holdout: {start: 2023-10-01, end: 2023-12-31}
  - name: late
    train:
      start: "2024-01-01"
      end: "2024-06-30"
    validation:
      start: "2024-07-15"
      end: "2024-09-30"
    holdout:
      start: "2024-10-01"
      end: "2024-12-31"
)");
    const auto splits = load_splits_file(file);
    ASSERT_EQ(splits.size(), 2u);
    EXPECT_EQ(splits[0], (Split{"early", period(day(2023, 1, 1), day(2023, 6, 30)),
                                period(day(2023, 7, 1), day(2023, 9, 30)),
                                period(day(2023, 10, 1), day(2023, 12, 31))}));
    EXPECT_EQ(splits[1].name, "late");
    EXPECT_EQ(splits[1].validation, period(day(2024, 7, 15), day(2024, 9, 30)));  // a gap is allowed
}

TEST(Split, BrokenFileListsEveryProblemAtItsLine) {
    const TempDir dir;
    const auto file = dir.write("broken.yaml", R"(splits:
  - name: first
    train: {start: 2023-01-01, end: 2023-06-30}
    validation: {start: 2023-07-01, end: 2023-09-30}
    holdout: {start: 2023-10-01, end: 2023-12-31}
  - name: second
    train:
      start: 2023-01-01
      end: 2023-06-30
    validation:
      start: 2023-06-30
      end: 2023-09-31
    holdout:
      start: 2023-10-01
  - name: first
    train: {start: 2024-01-01, end: 2024-06-30}
    validation: {start: 2024-07-01, end: 2024-09-30}
    holdot: {start: 2024-10-01, end: 2024-12-31}
)");
    const std::string f = file.string();
    const std::string text = load_error(file);
    const std::vector<std::string> expected{
        f + ":11: splits[1].validation.start: must be after train.end (2023-06-30), got 2023-06-30",
        f + ":12: splits[1].validation.end: '2023-09-31' is not a date YYYY-MM-DD",
        f + ":14: splits[1].holdout.end: missing (a date YYYY-MM-DD)",
        f + ":15: splits[2].holdout: missing (a map with start and end)",
        f + ":15: splits[2].name: duplicate name 'first' (also splits[0])",
        f + ":18: splits[2].holdot: unknown key (expected name, train, validation, holdout)",
    };
    std::string joined;
    for (const auto& line : expected) joined += (joined.empty() ? "" : "\n") + line;
    EXPECT_EQ(text, joined);
}

TEST(Split, FileWithoutAListOrWithBadYamlNamesTheFile) {
    const TempDir dir;
    const auto empty = dir.write("empty.yaml", "split: []\n");
    EXPECT_EQ(load_error(empty), empty.string() + ":1: split: unknown key (expected splits)\n" +
                                     empty.string() +
                                     ":1: splits: missing: the file needs a top-level list `splits:`");
    const auto bad = dir.write("bad.yaml", "splits: [\n  {name: a\n");
    EXPECT_NE(load_error(bad).find(bad.string() + ":"), std::string::npos);
    EXPECT_EQ(load_error(dir.path() / "missing.yaml"),
              (dir.path() / "missing.yaml").string() + ": cannot read the file");
}

// ---------------------------------------------------------------------------------------------------------
// The reference EQ config (data 2024-01-01..2025-12-31, min_lookback_days 60)

struct EqFixture {
    PointConfigSource source{kEqConfig, config::require_ok(config::load_run_config(kEqConfig)), {}};
    backtest::RunMarket market = backtest::load_run_market(source.base);
};

const EqFixture& eq() {
    static const EqFixture fixture;
    return fixture;
}

TEST(Split, ConfigSplitIsTheReferenceSplitsBlock) {
    const Split split = config_split(eq().source.base);
    EXPECT_EQ(split, (Split{"config_split", period(day(2024, 3, 1), day(2025, 6, 30)),
                            period(day(2025, 7, 1), day(2025, 9, 30)),
                            period(day(2025, 10, 1), day(2025, 12, 30))}));
}

TEST(Split, RunSplitEqualsThreeDirectBacktests) {
    const auto& run = eq().source.base;
    const auto results = run_split(eq().market, run, config_split(run));
    ASSERT_EQ(results.size(), 3u);
    const std::vector<std::string> periods{"train", "validation", "holdout"};
    for (std::size_t p = 0; p < periods.size(); ++p) {
        const auto direct =
            backtest::run_backtest(eq().market, run, backtest::period_scenario(run, periods[p]));
        EXPECT_EQ(results[p].period_name, periods[p]);
        EXPECT_EQ(results[p].seed, run.random_seed);
        EXPECT_EQ(results[p].digest(), direct.digest()) << periods[p];
        EXPECT_EQ(results[p].equity_curve.size(), direct.equity_curve.size()) << periods[p];
    }
}

// ---------------------------------------------------------------------------------------------------------
// Fold schedule

TEST(WalkForwardFolds, RollingAndAnchoredShareTheOutOfSampleWindows) {
    const auto rolling = walk_forward_folds(day(2024, 1, 1), day(2024, 12, 15), 6, 2, false);
    const std::vector<Fold> expected{
        {1, period(day(2024, 1, 1), day(2024, 6, 30)), period(day(2024, 7, 1), day(2024, 8, 31))},
        {2, period(day(2024, 3, 1), day(2024, 8, 31)), period(day(2024, 9, 1), day(2024, 10, 31))},
        {3, period(day(2024, 5, 1), day(2024, 10, 31)),
         period(day(2024, 11, 1), day(2024, 12, 15))},  // clipped
    };
    EXPECT_EQ(rolling, expected);
    const auto anchored = walk_forward_folds(day(2024, 1, 1), day(2024, 12, 15), 6, 2, true);
    ASSERT_EQ(anchored.size(), 3u);
    for (std::size_t k = 0; k < anchored.size(); ++k) {
        EXPECT_EQ(anchored[k].in_sample, period(day(2024, 1, 1), expected[k].in_sample.end));
        EXPECT_EQ(anchored[k].out_of_sample, expected[k].out_of_sample);
    }
    // A last out-of-sample window clipped to less than half its length (here one day) is left out; the
    // 45 of 61 days above are kept.
    EXPECT_EQ(walk_forward_folds(day(2024, 1, 1), day(2024, 11, 1), 6, 2, false).size(), 2u);
    EXPECT_EQ(walk_forward_folds(day(2024, 1, 1), day(2024, 11, 30), 6, 2, false).size(), 2u);
    EXPECT_EQ(walk_forward_folds(day(2024, 1, 1), day(2024, 12, 1), 6, 2, false).size(), 3u);
    // ...unless it is the only fold.
    EXPECT_EQ(walk_forward_folds(day(2024, 1, 1), day(2024, 7, 1), 6, 2, false).size(), 1u);
    EXPECT_EQ(walk_forward_folds(day(2024, 1, 1), day(2024, 10, 31), 6, 2, false).size(), 2u);
    // Two years of monthly steps after a year in sample: 12 folds either way.
    EXPECT_EQ(walk_forward_folds(day(2020, 1, 1), day(2021, 12, 31), 12, 1, false).size(), 12u);
    EXPECT_EQ(walk_forward_folds(day(2020, 1, 1), day(2021, 12, 31), 12, 1, true).size(), 12u);
}

TEST(WalkForwardFolds, NoFoldThrowsNamingTheDates) {
    try {
        walk_forward_folds(day(2024, 3, 28), day(2025, 12, 31), 24, 6, false);
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(
            error.what(),
            "no walk-forward fold fits: 24 in-sample months from 2024-03-28 end on 2026-03-27, after the "
            "last day 2025-12-31");
    }
    EXPECT_THROW(walk_forward_folds(day(2024, 1, 1), day(2025, 1, 1), 0, 3, false), std::invalid_argument);
}

TEST(WalkForwardFolds, FirstStartWaitsForTheWarmUp) {
    config::DatasetConfig dataset;
    dataset.start_date = day(2024, 1, 1);
    dataset.min_lookback_days = 60;  // 60 x 365 / 252 = 86.9 -> 87 calendar days
    EXPECT_EQ(warm_up_start(dataset), day(2024, 3, 28));
    dataset.min_lookback_days = 250;  // 362.1 -> 363
    EXPECT_EQ(warm_up_start(dataset), day(2024, 12, 29));
    WalkForwardOptions options;
    options.in_sample_months = 9;
    options.out_of_sample_months = 3;
    const auto folds = walk_forward_folds(eq().source.base, options);
    // The fifth window (2025-12-28..31) is 4 of 92 days: left out.
    ASSERT_EQ(folds.size(), 4u);
    EXPECT_EQ(folds[0].in_sample, period(day(2024, 3, 28), day(2024, 12, 27)));
    EXPECT_EQ(folds[3].out_of_sample, period(day(2025, 9, 28), day(2025, 12, 27)));
}

// ---------------------------------------------------------------------------------------------------------
// Walk-forward optimisation on the reference EQ config: stop 2, 2.5, 3 ATR x fast clearance 0, 0.005,
// 9 months in sample, 3 out of sample, over the bundled data.

SweepGrid small_grid() {
    auto grid = grids_from_config(eq().source.base)[0];
    std::erase_if(grid.axes, [](const ParameterAxis& axis) {
        return axis.name != "exit.hard_stop_atr_mult" && axis.name != "entry.fast_clearance";
    });
    apply_axes(grid,
               {parse_axis("exit.hard_stop_atr_mult=2:3:0.5"), parse_axis("entry.fast_clearance=0,0.005")});
    return grid;
}

WalkForwardOptions small_options(int threads) {
    WalkForwardOptions options;
    options.in_sample_months = 9;
    options.out_of_sample_months = 3;
    options.threads = threads;
    return options;
}

const WalkForwardResult& eq_walk_forward(int threads) {
    static const auto one = run_walk_forward(eq().market, eq().source, small_grid(), small_options(1));
    static const auto two = run_walk_forward(eq().market, eq().source, small_grid(), small_options(2));
    return threads == 1 ? one : two;
}

TEST(WalkForward, EachWinnerIsTheArgmaxOfItsInSampleSweep) {
    const auto& result = eq_walk_forward(2);
    const auto grid = small_grid();
    ASSERT_EQ(grid.size(), 6u);
    ASSERT_EQ(result.folds.size(), 4u);
    EXPECT_FALSE(result.partial);
    for (const auto& fold : result.folds) {
        SweepOptions options;
        options.period = "custom";
        options.scenario = scenario("is", fold.fold.in_sample, eq().source.base.random_seed);
        const auto sweep = run_sweep(eq().market, eq().source, grid, options);
        std::size_t best = 0;
        for (std::size_t i = 1; i < sweep.points.size(); ++i)
            if (sweep.points[i].objective > sweep.points[best].objective) best = i;
        EXPECT_EQ(fold.winner_index, best) << "fold " << fold.fold.number;
        EXPECT_EQ(fold.winner_labels, sweep.points[best].labels);
        EXPECT_EQ(fold.in_sample_objective, sweep.points[best].metrics.sharpe_ratio);
        EXPECT_EQ(fold.in_sample_annual_return, sweep.points[best].metrics.cagr);
        EXPECT_EQ(fold.in_sample_digest, sweep.points[best].digest);
        EXPECT_EQ(fold.points_scored, 6u);
    }
}

TEST(WalkForward, OutOfSampleRunsChainIntoTheStitchedCurve) {
    const auto& result = eq_walk_forward(2);
    const auto grid = small_grid();
    const PointConfigs configs(eq().source, grid);
    const double start = eq().source.base.portfolio.starting_equity;
    std::size_t points = 0;
    double chained = start;
    for (const auto& fold : result.folds) {
        // The fold's out-of-sample figures are those of a plain backtest of the winner's config.
        std::vector<std::string> errors;
        const auto run = configs.build(fold.winner_index, errors);
        ASSERT_TRUE(run.has_value());
        const auto direct =
            backtest::run_backtest(backtest::rebind_run_market(eq().market, *run), *run,
                                   scenario("oos", fold.fold.out_of_sample, run->random_seed));
        EXPECT_EQ(fold.out_of_sample_digest, direct.digest());
        ASSERT_EQ(fold.out_of_sample_points, direct.equity_curve.size());
        if (fold.fold.number == 1) {
            ASSERT_FALSE(direct.equity_curve.empty());
            const double r1 = direct.equity_curve.front().equity / start - 1.0;
            EXPECT_NEAR(result.stitched.front().equity, start * (1.0 + r1), 1e-9 * start);
            EXPECT_EQ(result.stitched.front().date, direct.equity_curve.front().date);
        }
        const double before = chained;
        chained *= 1.0 + fold.out_of_sample.total_return;
        points += fold.out_of_sample_points;
        ASSERT_LE(points, result.stitched.size());
        EXPECT_NEAR(result.stitched[points - 1].equity, chained, 1e-6 * start) << "fold " << fold.fold.number;
        EXPECT_NEAR(fold.profit, chained - before, 1e-6 * start);
    }
    EXPECT_EQ(result.stitched.size(), points);
    EXPECT_NEAR(result.stitched_total_return, chained / start - 1.0, 1e-12);
    for (std::size_t i = 1; i < result.stitched.size(); ++i)
        EXPECT_LT(result.stitched[i - 1].date, result.stitched[i].date);
}

TEST(WalkForward, EfficiencyAndChecksFollowTheirDefinitions) {
    const auto& result = eq_walk_forward(2);
    double is_sum = 0.0;
    double oos_sum = 0.0;
    int profitable = 0;
    for (const auto& fold : result.folds) {
        is_sum += fold.in_sample_annual_return;
        oos_sum += fold.out_of_sample.cagr;
        profitable += fold.out_of_sample.total_return > 0.0 ? 1 : 0;
    }
    const double n = double(result.folds.size());
    EXPECT_DOUBLE_EQ(result.mean_in_sample_annual_return, is_sum / n);
    EXPECT_DOUBLE_EQ(result.mean_out_of_sample_annual_return, oos_sum / n);
    if (is_sum > 0.0)
        EXPECT_DOUBLE_EQ(result.wfe, oos_sum / is_sum);
    else
        EXPECT_TRUE(std::isnan(result.wfe));
    ASSERT_EQ(result.checks.size(), 5u);
    EXPECT_EQ(result.checks[0].name, "profitable_overall");
    EXPECT_EQ(result.checks[0].passed, result.stitched_total_return > 0.0);
    EXPECT_EQ(result.checks[2].name, "profitable_window_fraction");
    EXPECT_DOUBLE_EQ(result.checks[2].value, profitable / n);
    EXPECT_EQ(result.checks[4].name, "max_drawdown");
    EXPECT_EQ(result.checks[4].value, result.stitched_max_drawdown);
    bool all = true;
    for (const auto& c : result.checks) all = all && c.passed;
    EXPECT_EQ(result.passed, all);
}

TEST(WalkForward, SameJsonAtOneAndTwoThreads) {
    const auto one = to_json(eq_walk_forward(1));
    const auto two = to_json(eq_walk_forward(2));
    EXPECT_EQ(one.dump(), two.dump());
    EXPECT_EQ(one["folds"].size(), 4u);
    EXPECT_EQ(one["options"]["first_start"], "2024-03-28");
    EXPECT_EQ(one["stitched"]["curve"].size(), eq_walk_forward(1).stitched.size());
    EXPECT_EQ(one["stitched"]["curve"][0][0], format_date(eq_walk_forward(1).stitched.front().date));
}

TEST(WalkForward, CancelKeepsTheCompletedFolds) {
    const auto& full = eq_walk_forward(2);
    // Let the first fold finish (a quarter of the work), cancel in the second.
    const auto partial = run_walk_forward(eq().market, eq().source, small_grid(), small_options(2),
                                          [](double fraction) { return fraction < 0.26; });
    EXPECT_TRUE(partial.partial);
    EXPECT_FALSE(partial.passed);
    ASSERT_GE(partial.folds.size(), 1u);
    ASSERT_LT(partial.folds.size(), full.folds.size());
    for (std::size_t k = 0; k < partial.folds.size(); ++k)
        EXPECT_EQ(partial.folds[k].out_of_sample_digest, full.folds[k].out_of_sample_digest);
    EXPECT_EQ(partial.planned.size(), full.planned.size());
}

TEST(WalkForward, StoreKeepsEachFoldsOutOfSampleRunUnderItsWinner) {
    const auto& result = eq_walk_forward(2);
    ASSERT_EQ(result.folds.size(), 4u);
    const TempDir dir;
    const fs::path file = dir.path() / "results.sqlite";
    std::vector<std::int64_t> ids;
    {
        store::ResultsStore results_store(file);
        const auto provenance = report::make_provenance(kEqConfig, eq().source.base, eq().market);
        const auto base = store::describe_run(provenance, eq().source.base, eq().market);
        const auto stored = store_walk_forward(results_store, base, result, eq().market);
        EXPECT_EQ(stored.folds(), 4u);
        ids = stored.fold_run_ids;
        // The same folds again replace the first ones instead of adding four more.
        EXPECT_EQ(store_walk_forward(results_store, base, result, eq().market).fold_run_ids, ids);
    }
    store::ResultsStore reopened(file);
    store::RunFilter filter;
    filter.kind = store::RunKind::WalkforwardFold;
    auto listed = reopened.list(filter);
    ASSERT_EQ(listed.size(), 4u);
    EXPECT_EQ(reopened.list().size(), 4u);  // nothing but the folds
    std::ranges::sort(listed, {}, [](const store::RunSummary& s) { return s.record.id; });
    for (std::size_t k = 0; k < listed.size(); ++k) {
        const auto& fold = result.folds[k];
        const auto& run = listed[k];
        EXPECT_EQ(run.record.id, ids[k]);
        EXPECT_EQ(run.record.description.kind, store::RunKind::WalkforwardFold);
        std::string labels;
        for (const auto& label : fold.winner_labels) labels += (labels.empty() ? "" : ",") + label;
        EXPECT_EQ(run.record.description.variant, "fold " + std::to_string(k + 1) + " " + labels);
        EXPECT_EQ(run.record.start, fold.out_of_sample_run.start) << "fold " << k + 1;
        EXPECT_EQ(run.record.end, fold.out_of_sample_run.end) << "fold " << k + 1;
        EXPECT_EQ(run.record.digest, fold.out_of_sample_digest) << "fold " << k + 1;
        EXPECT_EQ(run.metrics.total_return, fold.out_of_sample.total_return) << "fold " << k + 1;
        EXPECT_EQ(run.metrics.sharpe_ratio, fold.out_of_sample.sharpe_ratio) << "fold " << k + 1;
        EXPECT_EQ(run.metrics.total_trades, fold.out_of_sample.total_trades) << "fold " << k + 1;
        // ...and, unlike the walk-forward's own figures, the correlation with the benchmark.
        const auto against_benchmark =
            metrics::compute_metrics(fold.out_of_sample_run, backtest::periods_per_year(eq().market),
                                     metrics::benchmark_returns(eq().market, fold.out_of_sample_run));
        EXPECT_EQ(run.metrics.correlation_to_benchmark, against_benchmark.correlation_to_benchmark)
            << "fold " << k + 1;
    }
}

}  // namespace
}  // namespace tradelab::validation
