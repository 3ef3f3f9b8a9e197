// The results store: a real run stored and read back to the bit, filters, comparisons, archive,
// delete, replace-or-keep, and a version 1 file migrated with its data intact.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "backtest/backtest.hpp"
#include "config/config_loader.hpp"
#include "metrics/performance_metrics.hpp"
#include "report/run_outputs.hpp"
#include "store/results_store.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "workloads/synthetic_backtest.hpp"

namespace tradelab::store {
namespace {

namespace fs = std::filesystem;
using backtest::EquityPoint;
using backtest::RunResult;
using backtest::TradeRecord;

// A fresh folder per test, removed afterwards.
class StoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        static std::atomic<int> counter = 0;
        folder_ = fs::temp_directory_path() /
                  ("tradelab_store_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(folder_);
        fs::create_directories(folder_);
    }
    void TearDown() override { fs::remove_all(folder_); }
    fs::path file() const { return folder_ / "results.sqlite"; }

    fs::path folder_;
};

// A small synthetic result: `points` days of equity and `trades` closed trades, all figures depending on
// `seed` so runs differ.
RunResult synthetic_run(std::uint64_t seed, int points = 30, int trades = 5, std::string period = "train") {
    RunResult run;
    run.period_name = std::move(period);
    run.start = make_date(2021, 1, 4);
    run.seed = seed;
    run.starting_equity = 100'000.0;
    double equity = run.starting_equity;
    for (int i = 0; i < points; ++i) {
        equity *= 1.0 + 0.001 * double((int(seed) + i * 7) % 11 - 5);
        EquityPoint p;
        p.date = run.start + std::chrono::days{i};
        p.equity = equity;
        p.cash = equity * 0.4;
        p.positions = i % 4;
        p.positions_equity = i % 4;
        p.gross_exposure = equity * 0.6;
        p.realized_pnl = 10.0 * i;
        p.unrealized_pnl = -3.5 * i;
        p.risk_multiplier = i % 2 ? 1.0 : 0.66;
        p.portfolio_vol_20d = i < 20 ? std::nan("") : 0.15;
        run.equity_curve.push_back(p);
    }
    run.end = run.equity_curve.empty() ? run.start : run.equity_curve.back().date;
    for (int i = 0; i < trades; ++i) {
        TradeRecord t;
        t.trade_id = std::uint32_t(i + 1);
        t.symbol = std::uint32_t(i % 7);
        t.symbol_name = "SYM" + std::to_string(i % 7);
        t.entry_date = run.start + std::chrono::days{i};
        t.exit_date = t.entry_date + std::chrono::days{3 + i % 5};
        t.entry_price = 100.0 + i + double(seed % 13);
        t.exit_price = t.entry_price * (i % 3 ? 1.05 : 0.97);
        t.quantity = 10.0 + i;
        t.entry_fill_id = std::uint64_t(2 * i + 1);
        t.exit_fill_id = std::uint64_t(2 * i + 2);
        t.realized_pnl = (t.exit_price - t.entry_price) * t.quantity;
        t.initial_stop_price = i == 0 ? t.entry_price : t.entry_price * 0.95;  // the first: no risk, R = NaN
        t.stop_price = t.entry_price * 0.97;
        t.exit_reason = i % 2 ? backtest::ExitReason::TrailingMaCross : backtest::ExitReason::HardStop;
        t.triggered_on = i % 2 ? 55 : 20;
        t.adv20_at_entry = 1e6 + i;
        t.entry_gap = i == 2;
        run.trades.push_back(t);
    }
    return run;
}

RunDescription description(std::string config_hash = "c0ffee", RunKind kind = RunKind::Backtest) {
    RunDescription d;
    d.kind = kind;
    d.config_path = "/configs/eq.yaml";
    d.config_name = "eq";
    d.config_text = "dataset: {}\n--- equity\nname: equity_momentum\n";
    d.config_hash = std::move(config_hash);
    d.strategies = {"equity_momentum"};
    d.data_fingerprint = "da7a";
    d.data_files = {"data/equity/daily/AAPL.csv", "data/benchmarks/SPY.csv"};
    d.data_start = make_date(2015, 1, 2);
    d.data_end = make_date(2025, 6, 30);
    return d;
}

StoreOutcome store(ResultsStore& results, const RunResult& run, const RunDescription& d,
                   OnDuplicate on_duplicate = OnDuplicate::Replace) {
    return results.store_run(run, metrics::compute_metrics(run, 252.0), d, on_duplicate);
}

std::int64_t count_rows(ResultsStore& results, const std::string& table) {
    auto query = results.database().prepare("SELECT count(*) FROM " + table);
    query.step();
    return query.column_int64(0);
}

// Doubles compared bit for bit (NaN equal to NaN): the store must give back exactly what it was given.
bool same(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) ||
           (std::isnan(a) && std::isnan(b));
}

void expect_same_points(const std::vector<EquityPoint>& expected, const std::vector<EquityPoint>& actual) {
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& e = expected[i];
        const auto& a = actual[i];
        SCOPED_TRACE(format_date(e.date));
        EXPECT_EQ(e.date, a.date);
        EXPECT_EQ(e.positions, a.positions);
        EXPECT_EQ(e.positions_equity, a.positions_equity);
        EXPECT_EQ(e.positions_crypto, a.positions_crypto);
        for (const auto field :
             {&EquityPoint::equity, &EquityPoint::cash, &EquityPoint::gross_exposure,
              &EquityPoint::realized_pnl, &EquityPoint::unrealized_pnl, &EquityPoint::risk_multiplier,
              &EquityPoint::portfolio_vol_20d, &EquityPoint::avg_pairwise_corr}) {
            EXPECT_TRUE(same(e.*field, a.*field)) << e.*field << " vs " << a.*field;
        }
    }
}

void expect_same_trades(const std::vector<TradeRecord>& expected, const std::vector<TradeRecord>& actual) {
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& e = expected[i];
        const auto& a = actual[i];
        SCOPED_TRACE(e.trade_id);
        EXPECT_EQ(e.trade_id, a.trade_id);
        EXPECT_EQ(e.symbol, a.symbol);
        EXPECT_EQ(e.symbol_name, a.symbol_name);
        EXPECT_EQ(e.asset_class, a.asset_class);
        EXPECT_EQ(e.is_short, a.is_short);
        EXPECT_EQ(e.strategy_index, a.strategy_index);
        EXPECT_EQ(e.entry_date, a.entry_date);
        EXPECT_EQ(e.exit_date, a.exit_date);
        EXPECT_EQ(e.entry_fill_id, a.entry_fill_id);
        EXPECT_EQ(e.exit_fill_id, a.exit_fill_id);
        EXPECT_EQ(e.exit_reason, a.exit_reason);
        EXPECT_EQ(e.triggered_on, a.triggered_on);
        EXPECT_EQ(e.entry_gap, a.entry_gap);
        for (const auto field :
             {&TradeRecord::entry_price, &TradeRecord::exit_price, &TradeRecord::quantity,
              &TradeRecord::realized_pnl, &TradeRecord::entry_slippage_bps, &TradeRecord::entry_fee_bps,
              &TradeRecord::entry_fee, &TradeRecord::entry_slippage_cost, &TradeRecord::exit_slippage_bps,
              &TradeRecord::exit_fee_bps, &TradeRecord::exit_fee, &TradeRecord::exit_slippage_cost,
              &TradeRecord::initial_stop_price, &TradeRecord::stop_price, &TradeRecord::adv20_at_entry}) {
            EXPECT_TRUE(same(e.*field, a.*field)) << e.*field << " vs " << a.*field;
        }
    }
}

void expect_same_metrics(const metrics::PerformanceMetrics& e, const metrics::PerformanceMetrics& a) {
    for (const auto field :
         {&metrics::PerformanceMetrics::total_return, &metrics::PerformanceMetrics::cagr,
          &metrics::PerformanceMetrics::volatility, &metrics::PerformanceMetrics::sharpe_ratio,
          &metrics::PerformanceMetrics::max_drawdown, &metrics::PerformanceMetrics::calmar_ratio,
          &metrics::PerformanceMetrics::win_rate, &metrics::PerformanceMetrics::expectancy,
          &metrics::PerformanceMetrics::profit_factor, &metrics::PerformanceMetrics::correlation_to_benchmark,
          &metrics::PerformanceMetrics::percentile_99_daily_loss,
          &metrics::PerformanceMetrics::recovery_factor, &metrics::PerformanceMetrics::turnover,
          &metrics::PerformanceMetrics::average_holding_period, &metrics::PerformanceMetrics::realized_pnl}) {
        EXPECT_TRUE(same(e.*field, a.*field)) << e.*field << " vs " << a.*field;
    }
    EXPECT_EQ(e.total_trades, a.total_trades);
    EXPECT_EQ(e.winning_trades, a.winning_trades);
    EXPECT_EQ(e.losing_trades, a.losing_trades);
    EXPECT_EQ(e.drawdown_duration, a.drawdown_duration);
    EXPECT_EQ(e.max_consecutive_losses, a.max_consecutive_losses);
}

// ---- round trip ----------------------------------------------------------------------------------

TEST_F(StoreTest, RealBacktestComesBackToTheBit) {
    const auto workload = workloads::make_synthetic_backtest(20, 3, 1);
    const RunResult run = backtest::run_backtest(workload.market, workload.run, workload.scenario);
    ASSERT_GT(run.trades.size(), 0u);
    const auto metrics = metrics::compute_metrics(run, 252.0);

    ResultsStore results(file());
    const auto outcome = results.store_run(run, metrics, description());
    EXPECT_FALSE(outcome.replaced);
    const StoredRun stored = results.get(outcome.run_id);

    EXPECT_TRUE(stored.digest_verified);
    EXPECT_EQ(stored.record.digest, run.digest());
    EXPECT_EQ(stored.result.digest(), run.digest());
    EXPECT_EQ(stored.record.period, run.period_name);
    EXPECT_EQ(stored.record.start, run.start);
    EXPECT_EQ(stored.record.end, run.end);
    EXPECT_EQ(stored.record.seed, run.seed);
    EXPECT_EQ(stored.record.status, RunStatus::Complete);
    EXPECT_TRUE(same(stored.final_equity, run.final_equity()));
    expect_same_points(run.equity_curve, stored.result.equity_curve);
    expect_same_trades(run.trades, stored.result.trades);
    expect_same_trades(run.open_at_end, stored.result.open_at_end);
    expect_same_metrics(metrics, stored.metrics);
    EXPECT_NE(stored.metrics_json.find("\"sharpe_ratio\""), std::string::npos);
}

TEST_F(StoreTest, DescriptionComesBackWhole) {
    ResultsStore results(file());
    RunDescription d = description();
    d.kind = RunKind::StressScenario;
    d.variant = "slippage_2x";
    d.thread_count = 8;
    d.periods_per_year = 365.0;
    d.tradelab_version = "9.9.9";
    d.tags = {"zeta", "baseline"};
    d.notes = "first look\nsecond line";
    RunResult run = synthetic_run(std::numeric_limits<std::uint64_t>::max());
    run.cancelled = true;
    const auto id = store(results, run, d).run_id;

    const auto stored = results.get(id);
    const auto& r = stored.record;
    EXPECT_EQ(r.description.kind, RunKind::StressScenario);
    EXPECT_EQ(r.description.variant, "slippage_2x");
    EXPECT_EQ(r.description.config_path, d.config_path);
    EXPECT_EQ(r.description.config_name, d.config_name);
    EXPECT_EQ(r.description.config_text, d.config_text);
    EXPECT_EQ(r.description.config_hash, d.config_hash);
    EXPECT_EQ(r.description.strategies, d.strategies);
    EXPECT_EQ(r.description.thread_count, 8);
    EXPECT_EQ(r.description.periods_per_year, 365.0);
    EXPECT_EQ(r.description.tradelab_version, "9.9.9");
    EXPECT_EQ(r.description.data_fingerprint, d.data_fingerprint);
    EXPECT_EQ(r.description.data_files, d.data_files);
    EXPECT_EQ(r.description.data_start, d.data_start);
    EXPECT_EQ(r.description.data_end, d.data_end);
    EXPECT_EQ(r.description.tags, (std::vector<std::string>{"baseline", "zeta"}));
    EXPECT_EQ(r.description.notes, d.notes);
    EXPECT_EQ(r.seed, std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(r.status, RunStatus::Partial);
    EXPECT_TRUE(stored.result.cancelled);
    EXPECT_FALSE(r.archived);
    EXPECT_EQ(r.created_at.size(), 24u) << r.created_at;  // 2024-05-01T12:34:56.789Z
}

TEST(DescribeRun, TakesProvenanceConfigAndData) {
    const fs::path config_file = fs::path(TRADELAB_CONFIG_DIR) / "reference" / "eq.yaml";
    const auto load = config::load_run_config(config_file);
    ASSERT_TRUE(load.ok());
    const auto market = backtest::load_run_market(load.config);
    const report::RunProvenance provenance{config_file.string(), "c0ffee", "da7a", "1.2.3", 252.0};

    const RunDescription d = describe_run(provenance, load.config, market);
    EXPECT_EQ(d.kind, RunKind::Backtest);
    EXPECT_EQ(d.config_path, config_file.lexically_normal().string());
    EXPECT_EQ(d.config_hash, "c0ffee");
    EXPECT_EQ(d.data_fingerprint, "da7a");
    EXPECT_EQ(d.tradelab_version, "1.2.3");
    ASSERT_EQ(d.strategies.size(), 1u);
    EXPECT_FALSE(d.config_name.empty());
    // The run config followed by the equity strategy file, as the backtest command hashes them.
    std::ifstream run_file(config_file);
    const std::string run_text((std::istreambuf_iterator<char>(run_file)), std::istreambuf_iterator<char>());
    EXPECT_EQ(d.config_text.rfind(run_text, 0), 0u);
    EXPECT_NE(d.config_text.find("\n--- equity\n"), std::string::npos);
    EXPECT_EQ(d.data_files.size(), market.data->symbol_count());
    ASSERT_TRUE(d.data_start && d.data_end);
    EXPECT_LT(*d.data_start, *d.data_end);
}

TEST_F(StoreTest, InfiniteProfitFactorSurvives) {
    ResultsStore results(file());
    const RunResult run = synthetic_run(3);
    auto metrics = metrics::compute_metrics(run, 252.0);
    metrics.profit_factor = std::numeric_limits<double>::infinity();
    const auto id = results.store_run(run, metrics, description()).run_id;
    EXPECT_EQ(results.get(id).metrics.profit_factor, std::numeric_limits<double>::infinity());
}

TEST_F(StoreTest, UnknownIdIsAnError) {
    ResultsStore results(file());
    EXPECT_FALSE(results.find(42).has_value());
    try {
        results.get(42);
        FAIL() << "no error for an unknown id";
    } catch (const UnknownRunError& error) {
        EXPECT_EQ(error.ids(), std::vector<std::int64_t>{42});
        EXPECT_NE(std::string(error.what()).find("42"), std::string::npos);
    }
}

TEST_F(StoreTest, SqlErrorsNameTheStatement) {
    ResultsStore results(file());
    try {
        results.database().prepare("SELEC nonsense FROM runs");
        FAIL() << "no error for broken SQL";
    } catch (const SqliteError& error) {
        EXPECT_NE(std::string(error.what()).find("SELEC nonsense FROM runs"), std::string::npos)
            << error.what();
        EXPECT_NE(std::string(error.what()).find("syntax error"), std::string::npos) << error.what();
    }
}

TEST_F(StoreTest, OpensInWalModeWithForeignKeys) {
    ResultsStore results(file());
    auto mode = results.database().prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.step());
    EXPECT_EQ(mode.column_text(0), "wal");
    auto keys = results.database().prepare("PRAGMA foreign_keys");
    ASSERT_TRUE(keys.step());
    EXPECT_EQ(keys.column_int(0), 1);
    EXPECT_EQ(schema_version(results.database()), kSchemaVersion);
}

// ---- replace or keep -----------------------------------------------------------------------------

TEST_F(StoreTest, StoringTheSameRunAgainReplacesIt) {
    ResultsStore results(file());
    RunDescription d = description();
    d.tags = {"first"};
    d.notes = "keep me";
    const auto first = store(results, synthetic_run(7), d);
    d.tags = {"second"};
    d.notes.clear();
    RunResult again = synthetic_run(7);
    again.equity_curve.back().equity += 1.0;  // a changed engine gives a changed result for the same inputs
    again.trades.pop_back();
    const auto second = store(results, again, d);

    EXPECT_TRUE(second.replaced);
    EXPECT_EQ(second.run_id, first.run_id);
    EXPECT_EQ(count_rows(results, "runs"), 1);
    EXPECT_EQ(count_rows(results, "run_metrics"), 1);
    EXPECT_EQ(count_rows(results, "trades"), 4);
    EXPECT_EQ(count_rows(results, "equity_points"), 30);
    const auto stored = results.get(first.run_id);
    EXPECT_EQ(stored.result.equity_curve.back().equity, again.equity_curve.back().equity);
    EXPECT_TRUE(stored.digest_verified);
    EXPECT_EQ(stored.record.description.tags, (std::vector<std::string>{"first", "second"}));
    EXPECT_EQ(stored.record.description.notes, "keep me");
}

TEST_F(StoreTest, KeepBothStoresASecondRun) {
    ResultsStore results(file());
    const auto first = store(results, synthetic_run(7), description());
    const auto second = store(results, synthetic_run(7), description(), OnDuplicate::KeepBoth);
    EXPECT_FALSE(second.replaced);
    EXPECT_NE(second.run_id, first.run_id);
    EXPECT_EQ(count_rows(results, "runs"), 2);
    // Replacing afterwards takes the newest of the two.
    const auto third = store(results, synthetic_run(7), description());
    EXPECT_EQ(third.run_id, second.run_id);
    EXPECT_EQ(count_rows(results, "runs"), 2);
}

TEST_F(StoreTest, AnyDifferenceInTheIdentityMakesANewRun) {
    ResultsStore results(file());
    const auto base = store(results, synthetic_run(7), description()).run_id;
    RunDescription other_variant = description();
    other_variant.variant = "entry=55";
    RunDescription other_data = description();
    other_data.data_fingerprint = "beef";
    RunDescription other_kind = description("c0ffee", RunKind::SensitivityPoint);
    RunDescription child = description();
    child.parent_run_id = base;
    EXPECT_FALSE(store(results, synthetic_run(8), description()).replaced);
    EXPECT_FALSE(store(results, synthetic_run(7, 30, 5, "validation"), description()).replaced);
    EXPECT_FALSE(store(results, synthetic_run(7), description("0ther")).replaced);
    EXPECT_FALSE(store(results, synthetic_run(7), other_variant).replaced);
    EXPECT_FALSE(store(results, synthetic_run(7), other_data).replaced);
    EXPECT_FALSE(store(results, synthetic_run(7), other_kind).replaced);
    EXPECT_FALSE(store(results, synthetic_run(7), child).replaced);
    EXPECT_EQ(count_rows(results, "runs"), 8);
}

// ---- batches -------------------------------------------------------------------------------------

TEST_F(StoreTest, BatchIsAllOrNothing) {
    ResultsStore results(file());
    std::vector<RunResult> runs;
    std::vector<metrics::PerformanceMetrics> figures;
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
        runs.push_back(synthetic_run(seed));
        figures.push_back(metrics::compute_metrics(runs.back(), 252.0));
    }
    std::vector<RunToStore> batch;
    for (std::size_t i = 0; i < runs.size(); ++i)
        batch.push_back({&runs[i], &figures[i], description("c0ffee", RunKind::SensitivityPoint)});
    const auto outcomes = results.store_runs(batch);
    ASSERT_EQ(outcomes.size(), 10u);
    for (std::size_t i = 1; i < outcomes.size(); ++i)
        EXPECT_EQ(outcomes[i].run_id, outcomes[i - 1].run_id + 1);

    for (auto& item : batch) item.description.config_hash = "second batch";
    batch.back().description.parent_run_id = 999;  // no such parent: the whole batch must be refused
    EXPECT_THROW(results.store_runs(batch), std::invalid_argument);
    EXPECT_EQ(count_rows(results, "runs"), 10);
    EXPECT_EQ(count_rows(results, "equity_points"), 10 * 30);
}

// ---- listing -------------------------------------------------------------------------------------

class ListTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        results_.emplace(file());
        RunDescription a = description("aaaa1111");
        a.tags = {"baseline"};
        ids_.push_back(store(*results_, synthetic_run(1, 60, 8), a).run_id);
        RunDescription b = description("bbbb2222", RunKind::Validation);
        b.strategies = {"equity_momentum", "crypto_momentum"};
        b.config_path = "/configs/comb.yaml";
        ids_.push_back(store(*results_, synthetic_run(2, 60, 8, "validation"), b).run_id);
        RunDescription c = description("aaaa1111", RunKind::StressScenario);
        c.parent_run_id = ids_[1];
        c.variant = "slippage_3x";
        c.tags = {"baseline", "stress"};
        ids_.push_back(store(*results_, synthetic_run(3, 60, 8, "holdout"), c).run_id);
    }
    std::vector<std::int64_t> ids_of(const RunFilter& filter) {
        std::vector<std::int64_t> ids;
        for (const auto& run : results_->list(filter)) ids.push_back(run.record.id);
        return ids;
    }

    std::optional<ResultsStore> results_;
    std::vector<std::int64_t> ids_;
};

TEST_F(ListTest, NewestFirstWithHeadlineMetrics) {
    const auto runs = results_->list();
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].record.id, ids_[2]);
    EXPECT_EQ(runs[2].record.id, ids_[0]);
    const auto expected = metrics::compute_metrics(synthetic_run(1, 60, 8), 252.0);
    expect_same_metrics(expected, runs[2].metrics);
    EXPECT_TRUE(runs[2].record.description.config_text.empty());  // listings leave the big texts out
    EXPECT_EQ(runs[2].record.description.tags, std::vector<std::string>{"baseline"});
}

TEST_F(ListTest, Filters) {
    RunFilter f;
    f.config_hash = "aaaa";
    EXPECT_EQ(ids_of(f), (std::vector<std::int64_t>{ids_[2], ids_[0]}));
    f = {};
    f.config_path = "/configs/comb.yaml";
    EXPECT_EQ(ids_of(f), std::vector<std::int64_t>{ids_[1]});
    f = {};
    f.strategy = "crypto_momentum";
    EXPECT_EQ(ids_of(f), std::vector<std::int64_t>{ids_[1]});
    f.strategy = "crypto";  // whole names only
    EXPECT_TRUE(ids_of(f).empty());
    f = {};
    f.period = "holdout";
    EXPECT_EQ(ids_of(f), std::vector<std::int64_t>{ids_[2]});
    f = {};
    f.kind = RunKind::Validation;
    EXPECT_EQ(ids_of(f), std::vector<std::int64_t>{ids_[1]});
    f = {};
    f.tag = "baseline";
    EXPECT_EQ(ids_of(f), (std::vector<std::int64_t>{ids_[2], ids_[0]}));
    f = {};
    f.parent_run_id = ids_[1];
    EXPECT_EQ(ids_of(f), std::vector<std::int64_t>{ids_[2]});
    f = {};
    f.limit = 2;
    EXPECT_EQ(ids_of(f), (std::vector<std::int64_t>{ids_[2], ids_[1]}));
}

TEST_F(ListTest, CreatedDateRange) {
    const Date today = *parse_date(results_->list().front().record.created_at);
    RunFilter f;
    f.created_from = today;
    f.created_to = today;
    EXPECT_EQ(ids_of(f).size(), 3u);
    f.created_from = today + std::chrono::days{1};
    f.created_to.reset();
    EXPECT_TRUE(ids_of(f).empty());
    f.created_from.reset();
    f.created_to = today - std::chrono::days{1};
    EXPECT_TRUE(ids_of(f).empty());
}

TEST_F(ListTest, MetricThresholds) {
    std::vector<std::pair<std::int64_t, double>> sharpe;
    for (const auto& run : results_->list()) sharpe.emplace_back(run.record.id, run.metrics.sharpe_ratio);
    std::sort(sharpe.begin(), sharpe.end(), [](auto a, auto b) { return a.second < b.second; });
    ASSERT_LT(sharpe[0].second, sharpe[1].second);

    RunFilter f;
    f.metrics = {parse_metric_condition(fmt::format("sharpe>={}", sharpe[1].second))};
    auto ids = ids_of(f);
    std::sort(ids.begin(), ids.end());
    std::vector<std::int64_t> expected = {sharpe[1].first, sharpe[2].first};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(ids, expected);
    f.metrics = {parse_metric_condition(fmt::format("sharpe_ratio < {}", sharpe[1].second)),
                 parse_metric_condition("trades>=8")};
    EXPECT_EQ(ids_of(f), std::vector<std::int64_t>{sharpe[0].first});
}

TEST(MetricCondition, Parses) {
    const auto c = parse_metric_condition("max_dd < 0.2");
    EXPECT_EQ(c.metric, "max_drawdown");
    EXPECT_EQ(c.threshold, Threshold::Below);
    EXPECT_EQ(c.value, 0.2);
    EXPECT_EQ(parse_metric_condition("calmar>=1.5").threshold, Threshold::AtLeast);
    EXPECT_THROW(parse_metric_condition("sharpe>=abc"), std::invalid_argument);
    EXPECT_THROW(parse_metric_condition("luck>=1"), std::invalid_argument);
    EXPECT_THROW(parse_metric_condition("sharpe=1"), std::invalid_argument);
    EXPECT_THROW(parse_metric_condition("sharpe>=1; DROP TABLE runs"), std::invalid_argument);
}

// ---- compare -------------------------------------------------------------------------------------

TEST_F(StoreTest, CompareGivesDifferencesAndDegradation) {
    ResultsStore results(file());
    const RunResult run = synthetic_run(1);
    const auto with = [&](double sharpe, double drawdown, int trades, double expectancy, std::uint64_t seed) {
        metrics::PerformanceMetrics m;
        m.sharpe_ratio = sharpe;
        m.max_drawdown = drawdown;
        m.total_trades = trades;
        m.expectancy = expectancy;
        RunResult copy = run;
        copy.seed = seed;
        return results.store_run(copy, m, description()).run_id;
    };
    const std::int64_t train = with(2.0, 0.10, 40, 0.0, 1);
    const std::int64_t validation = with(1.5, 0.15, 30, 0.5, 2);
    const std::int64_t holdout = with(2.5, 0.05, 50, -0.5, 3);
    const std::vector<std::int64_t> ids = {train, validation, holdout};
    const auto comparison = results.compare(ids, {});
    ASSERT_EQ(comparison.runs.size(), 3u);
    EXPECT_EQ(comparison.runs[1].id, validation);

    const auto metric = [&](std::string_view name) -> const MetricComparison& {
        for (const auto& m : comparison.metrics)
            if (m.metric == name) return m;
        throw std::runtime_error("metric missing from the comparison");
    };
    const auto& sharpe = metric("sharpe_ratio");
    EXPECT_EQ(sharpe.values, (std::vector<double>{2.0, 1.5, 2.5}));
    EXPECT_EQ(sharpe.differences, (std::vector<double>{0.0, -0.5, 0.5}));
    EXPECT_FALSE(sharpe.degradation_pct[0].has_value());
    EXPECT_DOUBLE_EQ(*sharpe.degradation_pct[1], 25.0);   // a quarter lower: 25 % worse
    EXPECT_DOUBLE_EQ(*sharpe.degradation_pct[2], -25.0);  // better
    const auto& drawdown = metric("max_drawdown");
    EXPECT_DOUBLE_EQ(*drawdown.degradation_pct[1], 50.0);  // lower is better: deeper is worse
    EXPECT_DOUBLE_EQ(*drawdown.degradation_pct[2], -50.0);
    const auto& trades = metric("total_trades");
    EXPECT_EQ(trades.differences[1], -10.0);
    EXPECT_FALSE(trades.degradation_pct[1].has_value());                // no better side
    EXPECT_FALSE(metric("expectancy").degradation_pct[1].has_value());  // baseline 0: no ratio

    const std::vector<std::string> chosen = {"calmar", "win_rate"};
    const auto narrow = results.compare(ids, chosen);
    ASSERT_EQ(narrow.metrics.size(), 2u);
    EXPECT_EQ(narrow.metrics[0].metric, "calmar_ratio");

    const std::vector<std::int64_t> one = {train};
    EXPECT_THROW(results.compare(one, {}), std::invalid_argument);
    const std::vector<std::int64_t> unknown = {train, 777};
    EXPECT_THROW(results.compare(unknown, {}), UnknownRunError);
}

// ---- archive and delete --------------------------------------------------------------------------

TEST_F(StoreTest, ArchiveMovesARunAndItsChildren) {
    ResultsStore results(file());
    const auto parent = store(results, synthetic_run(1), description("p", RunKind::Validation)).run_id;
    RunDescription child = description("p", RunKind::StressScenario);
    child.parent_run_id = parent;
    child.variant = "slippage_2x";
    child.tags = {"stress"};
    const auto first_child = store(results, synthetic_run(2), child).run_id;
    child.variant = "slippage_3x";
    RunDescription grandchild = description("p", RunKind::StressScenario);
    const auto second_child = store(results, synthetic_run(3), child).run_id;
    grandchild.parent_run_id = second_child;
    const auto grandchild_id = store(results, synthetic_run(4), grandchild).run_id;
    const auto unrelated = store(results, synthetic_run(5), description("u")).run_id;
    const auto before = results.get(second_child);

    const std::vector<std::int64_t> target = {parent};
    const auto moved = results.archive(target);
    EXPECT_EQ(moved, (std::vector<std::int64_t>{parent, first_child, second_child, grandchild_id}));
    EXPECT_TRUE(fs::exists(folder_ / "results_archive.sqlite"));
    EXPECT_EQ(results.archive_file(), folder_ / "results_archive.sqlite");

    const auto remaining = results.list();
    ASSERT_EQ(remaining.size(), 1u);
    EXPECT_EQ(remaining[0].record.id, unrelated);
    RunFilter archived;
    archived.archived = true;
    EXPECT_EQ(results.list(archived).size(), 4u);
    EXPECT_EQ(count_rows(results, "equity_points"), 30);  // only the unrelated run's curve is left

    const auto after = results.get(second_child);  // found in the archive
    EXPECT_TRUE(after.record.archived);
    EXPECT_TRUE(after.digest_verified);
    EXPECT_EQ(after.record.description.tags, std::vector<std::string>{"stress"});
    expect_same_points(before.result.equity_curve, after.result.equity_curve);
    expect_same_trades(before.result.trades, after.result.trades);
    EXPECT_THROW(results.archive(target), std::invalid_argument);  // already archived

    // Ids are never reused, so an archived id can always come back.
    const auto newer = store(results, synthetic_run(6), description("n")).run_id;
    EXPECT_GT(newer, grandchild_id);
    EXPECT_EQ(results.unarchive(target), moved);
    EXPECT_EQ(results.list().size(), 6u);
    EXPECT_TRUE(results.list(archived).empty());
    EXPECT_FALSE(results.get(parent).record.archived);

    // A sweep's children can be archived on their own too.
    const std::vector<std::int64_t> one_child = {first_child};
    EXPECT_EQ(results.archive(one_child), one_child);
    EXPECT_EQ(results.get(parent).record.archived, false);
}

TEST_F(StoreTest, DeleteRemovesRunsChildrenAndRows) {
    ResultsStore results(file());
    RunDescription parent_description = description("p", RunKind::Validation);
    parent_description.tags = {"x"};
    const auto parent = store(results, synthetic_run(1), parent_description).run_id;
    RunDescription child = description("p", RunKind::WalkforwardFold);
    child.parent_run_id = parent;
    child.tags = {"y"};
    const auto child_id = store(results, synthetic_run(2), child).run_id;
    const auto kept = store(results, synthetic_run(3), description("k")).run_id;
    const auto archived = store(results, synthetic_run(4), description("a")).run_id;
    const std::vector<std::int64_t> to_archive = {archived};
    results.archive(to_archive);

    const std::vector<std::int64_t> unknown = {parent, 4242};
    EXPECT_THROW(results.delete_runs(unknown), UnknownRunError);
    EXPECT_EQ(count_rows(results, "runs"), 3);  // nothing deleted

    const std::vector<std::int64_t> target = {parent};
    EXPECT_EQ(results.delete_runs(target), (std::vector<std::int64_t>{parent, child_id}));
    EXPECT_EQ(count_rows(results, "runs"), 1);
    EXPECT_EQ(count_rows(results, "run_metrics"), 1);
    EXPECT_EQ(count_rows(results, "equity_points"), 30);
    EXPECT_EQ(count_rows(results, "trades"), 5);
    EXPECT_EQ(count_rows(results, "run_tags"), 0);
    EXPECT_TRUE(results.find(kept).has_value());
    EXPECT_FALSE(results.find(child_id).has_value());

    EXPECT_EQ(results.delete_runs(to_archive), to_archive);  // from the archive
    EXPECT_FALSE(results.find(archived).has_value());
}

TEST_F(StoreTest, TagsAndNotes) {
    ResultsStore results(file());
    const auto id = store(results, synthetic_run(1), description()).run_id;
    const std::vector<std::int64_t> ids = {id};
    const std::vector<std::string> tags = {"keeper", "q3"};
    results.add_tags(ids, tags);
    results.set_notes(id, "looks robust");
    const std::vector<std::string> q3 = {"q3"};
    results.remove_tags(ids, q3);
    const auto stored = results.get(id);
    EXPECT_EQ(stored.record.description.tags, std::vector<std::string>{"keeper"});
    EXPECT_EQ(stored.record.description.notes, "looks robust");
    const std::vector<std::int64_t> unknown = {id + 1};
    EXPECT_THROW(results.add_tags(unknown, tags), UnknownRunError);
}

// ---- migrations ----------------------------------------------------------------------------------

// The schema of version 1 as it was shipped (no notes, no tags), with one run in it.
constexpr const char* kVersion1File = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (1);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('backtest', 'validation', 'sensitivity_point', 'walkforward_fold',
                                       'stress_scenario')),
    parent_run_id INTEGER, variant TEXT NOT NULL DEFAULT '', config_path TEXT NOT NULL, config_name TEXT NOT NULL,
    config_hash TEXT NOT NULL, strategies TEXT NOT NULL, period TEXT NOT NULL,
    start_date TEXT NOT NULL, end_date TEXT NOT NULL, seed INTEGER NOT NULL, thread_count INTEGER NOT NULL,
    starting_equity REAL NOT NULL, periods_per_year REAL NOT NULL, tradelab_version TEXT NOT NULL,
    data_fingerprint TEXT NOT NULL, data_start TEXT, data_end TEXT,
    digest TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('complete', 'partial')));
CREATE TABLE run_inputs (
    run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE, config_text TEXT NOT NULL,
    data_files TEXT NOT NULL);
CREATE INDEX idx_runs_identity ON runs (config_hash, period, seed, kind, data_fingerprint);
CREATE INDEX idx_runs_created ON runs (created_at);
CREATE INDEX idx_runs_config_path ON runs (config_path);
CREATE INDEX idx_runs_parent ON runs (parent_run_id);
CREATE INDEX idx_runs_kind_period ON runs (kind, period);
CREATE TABLE run_metrics (
    run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE, total_return REAL, cagr REAL,
    volatility REAL, sharpe_ratio REAL, max_drawdown REAL, calmar_ratio REAL, total_trades INTEGER,
    winning_trades INTEGER, losing_trades INTEGER, win_rate REAL, expectancy REAL, profit_factor REAL,
    correlation_to_benchmark REAL, percentile_99_daily_loss REAL, recovery_factor REAL,
    drawdown_duration INTEGER, turnover REAL, average_holding_period REAL, max_consecutive_losses INTEGER,
    realized_pnl REAL, final_equity REAL, open_positions_at_end INTEGER, metrics_json TEXT NOT NULL);
CREATE INDEX idx_metrics_sharpe ON run_metrics (sharpe_ratio);
CREATE TABLE equity_points (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, seq INTEGER NOT NULL, date TEXT NOT NULL,
    equity REAL NOT NULL, cash REAL NOT NULL, positions INTEGER NOT NULL, positions_equity INTEGER NOT NULL,
    positions_crypto INTEGER NOT NULL, gross_exposure REAL NOT NULL, realized_pnl REAL NOT NULL,
    unrealized_pnl REAL NOT NULL, risk_multiplier REAL NOT NULL, portfolio_vol_20d REAL,
    avg_pairwise_corr REAL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
CREATE TABLE trades (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, seq INTEGER NOT NULL,
    open_at_end INTEGER NOT NULL, trade_id INTEGER NOT NULL, symbol_id INTEGER NOT NULL, symbol TEXT NOT NULL,
    asset_class TEXT NOT NULL, is_short INTEGER NOT NULL, strategy_index INTEGER NOT NULL,
    entry_date TEXT NOT NULL, exit_date TEXT NOT NULL, entry_price REAL NOT NULL, exit_price REAL NOT NULL,
    quantity REAL NOT NULL, entry_fill_id INTEGER NOT NULL, exit_fill_id INTEGER NOT NULL,
    realized_pnl REAL NOT NULL, entry_slippage_bps REAL NOT NULL, entry_fee_bps REAL NOT NULL,
    entry_fee REAL NOT NULL, entry_slippage_cost REAL NOT NULL, exit_slippage_bps REAL NOT NULL,
    exit_fee_bps REAL NOT NULL, exit_fee REAL NOT NULL, exit_slippage_cost REAL NOT NULL,
    initial_stop_price REAL NOT NULL, stop_price REAL NOT NULL, exit_reason TEXT NOT NULL,
    triggered_on INTEGER NOT NULL, adv20_at_entry REAL NOT NULL, entry_gap INTEGER NOT NULL,
    holding_days INTEGER NOT NULL, r_multiple REAL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;

INSERT INTO runs VALUES (7, '2024-03-01T10:00:00.000Z', 'backtest', NULL, '', '/configs/eq.yaml', 'eq',
    'c0ffee', 'equity_momentum', 'train', '2021-01-04', '2021-01-06', 42, 1, 100000.0, 252.0,
    '0.1.0', 'da7a', '2015-01-02', '2025-06-30', 'to be checked', 'complete');
INSERT INTO run_inputs VALUES (7, 'dataset: {}', 'SPY.csv');
INSERT INTO run_metrics (run_id, sharpe_ratio, total_trades, final_equity, metrics_json)
    VALUES (7, 1.25, 1, 101000.0, '{"sharpe_ratio": 1.25}');
INSERT INTO equity_points VALUES (7, 0, '2021-01-04', 100500.0, 50000.0, 1, 1, 0, 50500.0, 0.0, 500.0, 1.0, NULL, NULL);
INSERT INTO equity_points VALUES (7, 1, '2021-01-05', 100800.0, 50000.0, 1, 1, 0, 50800.0, 0.0, 800.0, 1.0, NULL, NULL);
INSERT INTO equity_points VALUES (7, 2, '2021-01-06', 101000.0, 101000.0, 0, 0, 0, 0.0, 1000.0, 0.0, 1.0, NULL, NULL);
INSERT INTO trades VALUES (7, 0, 0, 1, 3, 'AAPL', 'equity', 0, 0, '2021-01-04', '2021-01-06', 100.0, 102.0,
    500.0, 1, 2, 1000.0, 5.0, 1.0, 5.0, 25.0, 5.0, 1.0, 5.1, 25.5, 95.0, 99.0, 'trailing_ma_cross', 20, 2e6, 0,
    2, 0.4);
)sql";

void write_version1_file(const fs::path& path) {
    Database db(path);
    db.execute(kVersion1File);
}

TEST_F(StoreTest, MigratesAVersion1FileWithItsData) {
    write_version1_file(file());
    {
        Database db(file());
        EXPECT_EQ(schema_version(db), 1);
    }
    ResultsStore results(file());
    EXPECT_EQ(schema_version(results.database()), 2);

    const auto run = results.get(7);
    EXPECT_EQ(run.record.created_at, "2024-03-01T10:00:00.000Z");
    EXPECT_EQ(run.record.description.config_hash, "c0ffee");
    EXPECT_EQ(run.record.description.config_text, "dataset: {}");
    EXPECT_EQ(run.record.description.data_files, std::vector<std::string>{"SPY.csv"});
    EXPECT_EQ(run.record.description.notes, "");
    EXPECT_TRUE(run.record.description.tags.empty());
    EXPECT_EQ(run.metrics.sharpe_ratio, 1.25);
    EXPECT_EQ(run.final_equity, 101000.0);
    ASSERT_EQ(run.result.equity_curve.size(), 3u);
    EXPECT_EQ(run.result.equity_curve[1].equity, 100800.0);
    EXPECT_EQ(run.result.equity_curve[2].date, make_date(2021, 1, 6));
    ASSERT_EQ(run.result.trades.size(), 1u);
    EXPECT_EQ(run.result.trades[0].symbol_name, "AAPL");
    EXPECT_EQ(run.result.trades[0].exit_reason, backtest::ExitReason::TrailingMaCross);
    EXPECT_EQ(run.result.trades[0].exit_fee, 5.1);

    // What version 2 added works on the migrated file, and new runs take ids after the old ones.
    const std::vector<std::int64_t> ids = {7};
    const std::vector<std::string> tags = {"migrated"};
    results.add_tags(ids, tags);
    results.set_notes(7, "from version 1");
    EXPECT_EQ(results.get(7).record.description.tags, tags);
    EXPECT_GT(store(results, synthetic_run(1), description()).run_id, 7);
    auto check = results.database().prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.column_text(0), "ok");
}

TEST_F(StoreTest, AMigratedFileMatchesAFreshOne) {
    write_version1_file(folder_ / "old.sqlite");
    ResultsStore migrated(folder_ / "old.sqlite");
    ResultsStore fresh(file());
    const auto columns = [](ResultsStore& results, const char* table) {
        auto query = results.database().prepare(std::string("PRAGMA table_info(") + table + ")");
        std::vector<std::string> names;
        while (query.step()) names.push_back(query.column_text(1) + " " + query.column_text(2));
        return names;
    };
    for (const char* table : {"runs", "run_inputs", "run_metrics", "equity_points", "trades", "run_tags"})
        EXPECT_EQ(columns(migrated, table), columns(fresh, table)) << table;
}

TEST_F(StoreTest, RefusesAFileFromANewerVersion) {
    {
        ResultsStore results(file());
        results.database().execute("UPDATE schema_version SET version = 99");
    }
    try {
        ResultsStore results(file());
        FAIL() << "a newer file was opened";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("version 99"), std::string::npos) << error.what();
    }
}

// ---- location ------------------------------------------------------------------------------------

class EnvironmentVariable {
  public:
    EnvironmentVariable(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~EnvironmentVariable() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(StoreLocation, FollowsXdgDataHomeElseHome) {
    const EnvironmentVariable home("HOME", "/home/researcher");
    {
        const EnvironmentVariable xdg("XDG_DATA_HOME", "/data/xdg");
        EXPECT_EQ(ResultsStore::default_path(), fs::path("/data/xdg/TradeLab/results.sqlite"));
    }
    {
        const EnvironmentVariable xdg("XDG_DATA_HOME", nullptr);
        EXPECT_EQ(ResultsStore::default_path(),
                  fs::path("/home/researcher/.local/share/TradeLab/results.sqlite"));
    }
    {
        const EnvironmentVariable xdg("XDG_DATA_HOME", "relative/path");  // invalid by the XDG rules
        EXPECT_EQ(ResultsStore::default_path(),
                  fs::path("/home/researcher/.local/share/TradeLab/results.sqlite"));
    }
}

TEST_F(StoreTest, CreatesItsFolderOnFirstUse) {
    const fs::path nested = folder_ / "TradeLab" / "deeper" / "results.sqlite";
    ResultsStore results(nested);
    EXPECT_TRUE(fs::exists(nested));
}

}  // namespace
}  // namespace tradelab::store

namespace tradelab::store {
namespace {

// Commits never checkpoint: the WAL is moved into the database on the checkpointer's thread, and what
// is left at close is checkpointed then, so the data is all in the main file afterwards.
TEST_F(StoreTest, WalIsCheckpointedInTheBackgroundNotByTheCommit) {
    {
        Database db(file());
        db.execute("CREATE TABLE t (x BLOB)");
        WalCheckpointer checkpointer(db, 16);
        for (int i = 0; i < 40; ++i) db.execute("INSERT INTO t VALUES (zeroblob(8192))");
        for (int wait = 0; wait < 500 && checkpointer.checkpoints_done() == 0; ++wait)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_GT(checkpointer.checkpoints_done(), 0);
        EXPECT_EQ(checkpointer.last_error(), "");
    }
    // 40 rows of 8 KiB made it into the main file.
    EXPECT_GT(fs::file_size(file()), 40u * 8192u);
    Database reopened(file());
    auto count = reopened.prepare("SELECT count(*) FROM t");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.column_int(0), 40);
}

}  // namespace
}  // namespace tradelab::store
