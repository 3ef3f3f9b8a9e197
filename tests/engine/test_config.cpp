// Config loading: exact diagnostics for broken files, spec defaults, path resolution, the shipped configs,
// and the documents derived from the key table (JSON Schema, template).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "config/config_build.hpp"
#include "config/config_export.hpp"
#include "config/config_loader.hpp"
#include "config/schema_walker.hpp"

namespace fs = std::filesystem;
using namespace tradelab;
using namespace tradelab::config;

namespace {

const std::string kFixtures = std::string(TRADELAB_TEST_DATA_DIR) + "/configs/";
const fs::path kShipped = TRADELAB_CONFIG_DIR;
const fs::path kBundledData = TRADELAB_BUNDLED_DATA_DIR;

std::vector<std::string> formatted(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> lines;
    for (const auto& diagnostic : diagnostics) lines.push_back(format_diagnostic(diagnostic));
    return lines;
}

std::vector<std::string> run_problems(const std::string& fixture) {
    return formatted(load_run_config(kFixtures + fixture).diagnostics);
}

std::vector<std::string> strategy_problems(const std::string& fixture) {
    return formatted(load_strategy_config(kFixtures + fixture).diagnostics);
}

// Prefixes every expected line with the fixture's path, as the loader names files as given.
std::vector<std::string> in_file(const std::string& fixture, const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    for (const auto& line : lines) out.push_back(kFixtures + fixture + ":" + line);
    return out;
}

const std::string kMinimalStrategy = R"(
name: "test_momentum"
asset_class: "equity"
universe: ["AAPL"]
benchmark: "SPY"
)";

StrategyConfigLoad strategy_from(const std::string& extra, const std::string& base = kMinimalStrategy) {
    return load_strategy_config_from_string(base + extra, "test.yaml", kFixtures);
}

TemplateOptions template_for(ConfigKind kind, AssetClass asset_class = AssetClass::Equity,
                             StrategyType type = StrategyType::Momentum) {
    TemplateOptions options;
    options.kind = kind;
    options.asset_class = asset_class;
    options.strategy_type = type;
    return options;
}

// A scratch folder removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("tradelab_config_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name) << text;
        return path / name;
    }
};

}  // namespace

// ----- Diagnostics: one fixture per kind of problem, every message checked exactly
// -----------------------------

TEST(ConfigDiagnostics, FormatsFileLineKeyAndMessage) {
    EXPECT_EQ(format_diagnostic({"a.yaml", 7, "risk.max_positions", "bad", Severity::Error}),
              "a.yaml:7: risk.max_positions: bad");
    EXPECT_EQ(format_diagnostic({"a.yaml", 7, "risk.max_positions", "odd", Severity::Warning}),
              "a.yaml:7: risk.max_positions: warning: odd");
    EXPECT_EQ(format_diagnostic({"a.yaml", 0, "", "file not found", Severity::Error}),
              "a.yaml: file not found");
}

TEST(ConfigDiagnostics, UnknownKeysSuggestTheClosestKnownKey) {
    EXPECT_EQ(
        strategy_problems("unknown_key.yaml"),
        in_file("unknown_key.yaml",
                {"6: risk.max_postions: unknown key 'max_postions' (did you mean 'max_positions'?)",
                 "9: entry.fast_clearence: unknown key 'fast_clearence' (did you mean 'fast_clearance'?)",
                 "10: max_exposure: unknown key 'max_exposure' (did you mean 'risk.max_exposure'?)",
                 "11: trailing_stop: unknown key 'trailing_stop'"}));
}

TEST(ConfigDiagnostics, WrongTypesAreErrorsButWholeFloatsCountAsIntegers) {
    const auto load = load_strategy_config(kFixtures + "wrong_type.yaml");
    EXPECT_EQ(formatted(load.diagnostics),
              in_file("wrong_type.yaml",
                      {"6: indicators.atr_period: expected an integer, got '20.5'",
                       "8: indicators.ma_periods: expected a list, got '50'",
                       "10: risk.max_positions: expected an integer, got the string \"5\"",
                       "11: risk.max_exposure: expected a number, got 'high'",
                       "13: eligibility.relative_strength_enabled: expected true or false, got 'yes'",
                       "14: exit: expected a mapping, got a list"}));
    EXPECT_EQ(load.config.indicators.breakout_fast, 20);  // written 20.0
    EXPECT_EQ(load.config.indicators.atr_period, 14);     // a rejected value keeps its default
}

TEST(ConfigDiagnostics, OutOfRangeValuesNameTheRange) {
    EXPECT_EQ(
        strategy_problems("out_of_range.yaml"),
        in_file("out_of_range.yaml", {"5: risk_allocation: value 0 is out of range (0, 1]",
                                      "7: indicators.ma_periods[1]: value 0 is out of range [1, 252]",
                                      "7: indicators.ma_periods[2]: value 300 is out of range [1, 252]",
                                      "9: risk.risk_per_trade: value 0.2 is out of range (0, 0.05]",
                                      "10: risk.max_positions: value 51 is out of range [1, 50]",
                                      "12: exit.hard_stop_atr_mult: value 0 is out of range (0, 10]",
                                      "14: sentiment.weight: value 0.75 is out of range [0, 0.5]",
                                      "15: sentiment.correlation_lag: value -1 is out of range [0, 5]"}));
}

TEST(ConfigDiagnostics, MissingRequiredKeysPointAtTheirSection) {
    EXPECT_EQ(run_problems("missing_required.yaml"),
              in_file("missing_required.yaml",
                      {"2: dataset.end_date: missing required key", "2: splits: missing required key",
                       "8: strategies.equity.config_path: missing required key"}));
    EXPECT_EQ(strategy_problems("missing_required_strategy.yaml"),
              in_file("missing_required_strategy.yaml",
                      {"1: asset_class: missing required key", "1: benchmark: missing required key",
                       "3: exit.tightened_stop_atr_mult: required when exit.mode is staged"}));
}

TEST(ConfigDiagnostics, CrossFieldRulesOfTheRunConfig) {
    EXPECT_EQ(
        run_problems("cross_field_run.yaml"),
        in_file("cross_field_run.yaml",
                {"6: dataset.end_date: must be after dataset.start_date (2025-12-31), got 2024-01-01",
                 "10: splits.validation_start: must be after splits.train_end (2025-07-15), got 2025-07-01",
                 "12: splits.holdout_start: must be after splits.validation_end (2025-09-30), got 2025-09-30",
                 "13: splits.holdout_end: must be after splits.holdout_start (2025-09-30), got 2025-09-01",
                 "14: strategies: no strategy is enabled",
                 "19: volatility_scaling.min_multiplier: must be at most volatility_scaling.max_multiplier "
                 "(0.5), got 0.9",
                 "23: scoring.weights: weights must sum to 1, got 1.1"}));
}

TEST(ConfigDiagnostics, CrossFieldRulesOfTheStrategyConfig) {
    EXPECT_EQ(
        strategy_problems("cross_field_strategy.yaml"),
        in_file("cross_field_strategy.yaml",
                {"6: indicators.breakout_fast: must be less than indicators.breakout_slow (20), got 55",
                 "9: entry.fast_clearance: must be less than entry.slow_clearance (0.01), got 0.01",
                 "14: exit.tightened_stop_atr_mult: must be less than exit.hard_stop_atr_mult (2.0), got 2.5",
                 "17: risk.max_position_notional: must be at most risk.max_exposure (0.5), got 0.6",
                 "18: ml.model_path: required when ml.enabled is true"}));
}

TEST(ConfigDiagnostics, YamlSyntaxErrorsCarryTheParserLine) {
    EXPECT_EQ(strategy_problems("syntax_error.yaml"),
              in_file("syntax_error.yaml", {"4: YAML syntax error: end of sequence flow not found"}));
}

TEST(ConfigDiagnostics, BadDates) {
    EXPECT_EQ(
        run_problems("bad_date.yaml"),
        in_file("bad_date.yaml",
                {"9: splits.train_end: '2025-02-30' is not a calendar date",
                 "10: splits.validation_start: expected a date YYYY-MM-DD, got the string \"01/07/2025\"",
                 "12: splits.holdout_start: expected a date YYYY-MM-DD, got the string \"2025-10-01 09:30\"",
                 "13: splits.holdout_end: expected a date YYYY-MM-DD, got '20251230'"}));
}

TEST(ConfigDiagnostics, BadEnumsAndTheOffSpelling) {
    EXPECT_EQ(
        run_problems("bad_enum.yaml"),
        in_file(
            "bad_enum.yaml",
            {"5: dataset.format: 'CSV' is not one of csv, parquet, database (did you mean 'csv'?)",
             "19: volatility_scaling.mode: 'of' is not one of continuous, regime, off (did you mean 'off'?)",
             "21: execution.execution_timing: 'next_close' is not one of next_open",
             "23: output.log_level: 'verbose' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
             "26: validation.sensitivity.vol_scaling_mode[2]: 'of' is not one of continuous, regime, off "
             "(did you mean 'off'?)"}));
}

TEST(ConfigDiagnostics, EveryProblemOfAFileIsReportedInLineOrder) {
    EXPECT_EQ(strategy_problems("several_errors.yaml"),
              in_file("several_errors.yaml",
                      {"6: risk_allocation: value 1.5 is out of range (0, 1]",
                       "8: indicators.atr_period: expected an integer, got the string \"14\"",
                       "9: indicators.roc_periods: unknown key 'roc_periods' (did you mean 'roc_period'?)",
                       "11: entry.fast_clearance: must be less than entry.slow_clearance (0.010), got 0.02",
                       "13: exit.mode: 'trailing' is not one of ma_cross, staged",
                       "15: exit.exit_ma: duplicate key 'exit_ma'",
                       "17: risk.max_positions: value 0 is out of range [1, 50]",
                       "19: costs.fee_bps: expected an integer, got '1.5'"}));
}

TEST(ConfigDiagnostics, UnknownSchemaVersionIsAnError) {
    EXPECT_EQ(strategy_problems("unknown_version.yaml"),
              in_file("unknown_version.yaml",
                      {"1: schema_version: unsupported schema version '2.0' (supported: 1.0, 1.1)"}));
}

TEST(ConfigDiagnostics, MissingFileAndEmptyOrShapelessDocuments) {
    EXPECT_EQ(formatted(load_run_config(kFixtures + "nope.yaml").diagnostics),
              std::vector<std::string>{kFixtures + "nope.yaml: file not found"});
    EXPECT_EQ(formatted(load_run_config_from_string("", "empty.yaml").diagnostics),
              std::vector<std::string>{"empty.yaml:1: the file is empty"});
    EXPECT_EQ(
        formatted(load_run_config_from_string("- a\n- b\n", "list.yaml").diagnostics),
        std::vector<std::string>{"list.yaml:1: expected a mapping of keys at the top level, got a list"});
    EXPECT_EQ(
        formatted(
            load_strategy_config_from_string(kMinimalStrategy + "---\nname: x\n", "two.yaml").diagnostics),
        std::vector<std::string>{"two.yaml:6: a second YAML document starts here; a config file holds one"});
}

// yaml-cpp 0.7 loops forever, allocating, on a stray top-level ',' (jbeder/yaml-cpp#1040); found by the
// mutation test below, which the OOM killer stopped.
TEST(ConfigDiagnostics, StrayFlowIndicatorIsASyntaxErrorNotAnEndlessLoop) {
    EXPECT_EQ(formatted(load_run_config_from_string(", a\n", "comma.yaml").diagnostics),
              std::vector<std::string>{"comma.yaml:1: YAML syntax error: unexpected ','"});
    EXPECT_EQ(formatted(load_strategy_config_from_string("- a\n,\n", "comma.yaml").diagnostics),
              std::vector<std::string>{"comma.yaml:2: YAML syntax error: unexpected ','"});
}

TEST(ConfigDiagnostics, VersionAliasesAreOneKey) {
    EXPECT_TRUE(strategy_from("version: 1.1\n").ok());
    EXPECT_EQ(strategy_from("version: 1.1\n").config.schema_version, "1.1");
    EXPECT_EQ(strategy_from("config_version: \"1.0\"\n").config.schema_version, "1.0");
    EXPECT_EQ(strategy_from("").config.schema_version, "1.0");  // absent means 1.0
    EXPECT_EQ(
        formatted(strategy_from("version: \"1.1\"\nschema_version: \"1.1\"\n").diagnostics),
        std::vector<std::string>{
            "test.yaml:7: schema_version: duplicate key 'schema_version' (already given as 'version')"});
}

// ----- Strategy-specific rules
// ---------------------------------------------------------------------------------

TEST(ConfigStrategyRules, CryptoMomentumRequiresTheStagedExit) {
    const std::string crypto =
        "name: \"crypto_momentum\"\nasset_class: \"crypto\"\nuniverse: [\"BTC\"]\nbenchmark: \"BTC\"\n";
    EXPECT_EQ(
        formatted(strategy_from("", crypto).diagnostics),
        std::vector<std::string>{"test.yaml:1: exit.mode: crypto momentum requires exit.mode 'staged'"});
}

TEST(ConfigStrategyRules, StrategyTypeIsExplicitOrInferredFromTheName) {
    EXPECT_EQ(infer_strategy_type("equity_momentum_prod"), StrategyType::Momentum);
    EXPECT_EQ(infer_strategy_type("SPY_mean-reversion"), StrategyType::MeanReversion);
    EXPECT_EQ(infer_strategy_type("sector_pairs"), StrategyType::Pairs);
    EXPECT_EQ(infer_strategy_type("equity_mtf"), StrategyType::MultiTimeframe);
    EXPECT_EQ(infer_strategy_type("multi_timeframe_momentum"),
              StrategyType::Momentum);  // "momentum" is checked first
    EXPECT_EQ(infer_strategy_type("value_factor"), StrategyType::Factor);
    EXPECT_EQ(infer_strategy_type("anything"), StrategyType::Momentum);

    const std::string mtf =
        "name: \"my_mtf\"\nasset_class: \"equity\"\nuniverse: [\"AAPL\"]\nbenchmark: \"SPY\"\n";
    const auto inferred = strategy_from("", mtf);
    EXPECT_EQ(inferred.config.strategy_type, StrategyType::MultiTimeframe);
    EXPECT_FALSE(inferred.config.strategy_type_explicit);
    const auto declared = strategy_from("strategy_type: \"factor\"\n", mtf);
    EXPECT_EQ(declared.config.strategy_type, StrategyType::Factor);
    EXPECT_TRUE(declared.config.strategy_type_explicit);
}

TEST(ConfigStrategyRules, UnsupportedTypesAndCombinations) {
    const std::string bucket =
        "name: \"bucket_a_safe\"\nasset_class: \"equity\"\nuniverse: [\"SPY\"]\nbenchmark: \"SPY\"\n";
    EXPECT_EQ(formatted(strategy_from("", bucket).diagnostics),
              std::vector<std::string>{
                  "test.yaml:1: name: the name selects the reference's 'safe_sp' bucket strategy, "
                  "which TradeLab does not have; set strategy_type to use another strategy"});
    EXPECT_TRUE(strategy_from("strategy_type: \"momentum\"\n", bucket).ok());

    const std::string crypto_mr =
        "name: \"c\"\nstrategy_type: \"mean_reversion\"\nasset_class: \"crypto\"\n"
        "universe: [\"BTC\"]\nbenchmark: \"BTC\"\nparameters: {}\n";
    EXPECT_EQ(formatted(strategy_from("", crypto_mr).diagnostics),
              std::vector<std::string>{"test.yaml:2: strategy_type: strategy type mean_reversion is not "
                                       "available for asset class crypto"});
}

TEST(ConfigStrategyRules, ParametersBelongToTheirStrategyType) {
    EXPECT_EQ(formatted(strategy_from("parameters:\n  lookback: 30\n").diagnostics),
              std::vector<std::string>{
                  "test.yaml:7: parameters.lookback: warning: not used by strategy type momentum (used by "
                  "mean_reversion, pairs)"});
    const std::string mr =
        "name: \"spy_mean_reversion\"\nasset_class: \"equity\"\nuniverse: [\"SPY\"]\nbenchmark: \"SPY\"\n";
    EXPECT_EQ(formatted(strategy_from("", mr).diagnostics),
              std::vector<std::string>{"test.yaml:1: parameters: required for strategy type mean_reversion"});
    const auto tuned = strategy_from("parameters:\n  lookback: 30\n  entry_std: 2.5\n", mr);
    EXPECT_TRUE(tuned.ok());
    EXPECT_EQ(tuned.config.parameters.mean_reversion.lookback, 30);
    EXPECT_EQ(tuned.config.parameters.mean_reversion.entry_std, 2.5);
    EXPECT_EQ(tuned.config.parameters.mean_reversion.max_hold_days, 5);

    const std::string pairs =
        "name: \"etf_pairs\"\nasset_class: \"equity\"\nuniverse: []\nbenchmark: \"SPY\"\n";
    EXPECT_EQ(formatted(strategy_from("", pairs).diagnostics),
              std::vector<std::string>{"test.yaml:1: parameters.pairs: missing required key"});
    const auto bad_pairs = strategy_from("parameters:\n  pairs: [[XLE, XLK], [GLD], [SPY, SPY]]\n", pairs);
    EXPECT_EQ(formatted(bad_pairs.diagnostics),
              std::vector<std::string>{
                  "test.yaml:6: parameters.pairs[1]: expected a pair [symbol1, symbol2], got a list"});
    const auto good_pairs =
        strategy_from("parameters:\n  pairs: [[XLE, XLK], [GLD, TLT]]\n  exit_zscore: 0.4\n", pairs);
    EXPECT_TRUE(good_pairs.ok());
    EXPECT_EQ(good_pairs.config.parameters.pairs.pairs,
              (std::vector<std::array<std::string, 2>>{{"XLE", "XLK"}, {"GLD", "TLT"}}));
    EXPECT_EQ(good_pairs.config.parameters.pairs.lookback, 60);  // same key, pairs default
    EXPECT_EQ(good_pairs.config.parameters.pairs.exit_zscore, 0.4);
}

TEST(ConfigStrategyRules, UniverseIsANameOrSymbols) {
    EXPECT_EQ(strategy_from("", "name: x\nasset_class: equity\nuniverse: \"S&P500\"\nbenchmark: SPY\n")
                  .config.universe_name,
              "SP500");
    EXPECT_EQ(
        formatted(strategy_from("", "name: x\nasset_class: equity\nuniverse: \"small\"\nbenchmark: SPY\n")
                      .diagnostics),
        std::vector<std::string>{
            "test.yaml:3: universe: warning: 'small' is not a built-in universe (NASDAQ-100, "
            "SP500, crypto); it is read from small.csv in the universe folder"});
    EXPECT_EQ(
        formatted(
            strategy_from("", "name: x\nasset_class: equity\nuniverse: []\nbenchmark: SPY\n").diagnostics),
        std::vector<std::string>{"test.yaml:3: universe: must name a universe or list at least one symbol"});
}

TEST(ConfigStrategyRules, ExposureLimitsNest) {
    EXPECT_EQ(
        formatted(strategy_from("risk:\n  max_long_exposure: 0.9\n  max_net_exposure: 0.95\n").diagnostics),
        (std::vector<std::string>{
            "test.yaml:7: risk.max_long_exposure: must be at most risk.max_exposure (0.80), got 0.9",
            "test.yaml:8: risk.max_net_exposure: must be at most risk.max_long_exposure (0.9), got 0.95"}));
}

// ----- Defaults
// ------------------------------------------------------------------------------------------------

TEST(ConfigDefaults, MinimalStrategyGetsEverySpecDefault) {
    const auto load = load_strategy_config(kFixtures + "minimal_strategy.yaml");
    ASSERT_TRUE(load.diagnostics.empty()) << formatted(load.diagnostics).front();
    StrategyConfig expected;
    expected.name = "minimal_momentum";
    expected.universe_symbols = {"AAPL", "MSFT"};
    expected.benchmark = "SPY";
    EXPECT_EQ(load.config, expected);

    // Spot checks against the numbers of spec 03 §2, so the struct defaults cannot drift with the table.
    const StrategyConfig& c = load.config;
    EXPECT_EQ(c.strategy_type, StrategyType::Momentum);
    EXPECT_EQ(c.risk_allocation, 1.0);
    EXPECT_EQ(c.indicators.ma_periods, (std::vector<int>{20, 50, 200}));
    EXPECT_EQ(c.indicators.breakout_slow, 55);
    EXPECT_EQ(c.eligibility.trend_ma, 50);
    EXPECT_EQ(c.eligibility.ma_slope_min, 0.005);
    EXPECT_EQ(c.entry.slow_clearance, 0.010);
    EXPECT_EQ(c.exit.mode, ExitMode::MaCross);
    EXPECT_EQ(c.exit.hard_stop_atr_mult, 2.5);
    EXPECT_FALSE(c.exit.tightened_stop_atr_mult);
    EXPECT_EQ(c.risk.risk_per_trade, 0.0075);
    EXPECT_EQ(c.risk.max_positions, 8);
    EXPECT_EQ(c.risk.max_exposure, 0.80);
    EXPECT_EQ(c.risk.max_position_notional, 0.15);
    EXPECT_EQ(c.capacity.max_order_pct_adv, 0.005);
    EXPECT_EQ(c.costs.fee_bps, 1);
    EXPECT_EQ(c.costs.stress_threshold, -0.03);
    EXPECT_EQ(c.ml.prediction_mode, PredictionMode::ScoreEnhancement);
    EXPECT_EQ(c.sentiment.mode, SentimentMode::PriceCorrelated);
    EXPECT_EQ(c.sentiment.max_score_for_penalty, -0.3);
}

TEST(ConfigDefaults, EmptyParameterBlocksGetTheirTypeDefaults) {
    auto parameters_of = [](const std::string& type, const std::string& block) {
        const auto load = strategy_from("strategy_type: \"" + type + "\"\nparameters:\n" + block);
        EXPECT_TRUE(load.ok()) << type;
        return load.config.parameters;
    };
    EXPECT_EQ(parameters_of("mean_reversion", "  {}\n").mean_reversion, MeanReversionParameters{});
    EXPECT_EQ(parameters_of("multi_timeframe", "  {}\n").multi_timeframe, MultiTimeframeParameters{});
    EXPECT_EQ(parameters_of("factor", "  {}\n").factor, FactorParameters{});
    PairsParameters pairs;
    pairs.pairs = {{"A", "B"}};
    EXPECT_EQ(parameters_of("pairs", "  pairs: [[A, B]]\n").pairs, pairs);
    EXPECT_EQ(FactorParameters{}.min_adv20, 10'000'000.0);
    EXPECT_EQ(parameters_of("factor", "  factors: {momentum: 1.0}\n").factor.factors,
              (FactorWeights{1.0, 0.0, 0.0}));
}

TEST(ConfigDefaults, MinimalRunGetsEverySpecDefault) {
    const auto load = load_run_config(kFixtures + "minimal_run.yaml");
    ASSERT_TRUE(load.diagnostics.empty()) << formatted(load.diagnostics).front();
    RunConfig expected;
    expected.dataset = load.config.dataset;
    expected.splits = load.config.splits;
    expected.strategies = load.config.strategies;
    EXPECT_EQ(load.config, expected);
    EXPECT_EQ(load.config.dataset.format, DataFormat::Csv);
    EXPECT_EQ(load.config.dataset.min_lookback_days, 250);

    const RunConfig& c = load.config;
    EXPECT_EQ(c.portfolio.starting_equity, 100000.0);
    EXPECT_EQ(c.volatility_scaling.mode, VolScalingMode::Continuous);
    EXPECT_EQ(c.volatility_scaling.min_multiplier, 0.33);
    EXPECT_EQ(c.correlation_guard.min_positions, 4);
    EXPECT_EQ(c.correlation_guard.candidate_threshold, 0.75);
    EXPECT_EQ(c.scoring.weights, (ScoringWeights{0.50, 0.30, 0.20}));
    EXPECT_EQ(c.execution.slippage_model, SlippageModel::Full);
    EXPECT_EQ(c.output.base_path, "results/");
    EXPECT_FALSE(c.output.run_id);
    EXPECT_EQ(c.output.log_level, LogLevel::Info);
    EXPECT_EQ(c.random_seed, 42u);
    EXPECT_FALSE(c.validation.sensitivity);
    EXPECT_FALSE(c.metrics.primary);
    EXPECT_FALSE(c.ml_data_collection.enabled);
    EXPECT_EQ(c.signal_settings.min_conviction, Conviction::Medium);
    ASSERT_TRUE(c.strategies.equity);
    EXPECT_TRUE(c.strategies.equity->enabled);
    EXPECT_FALSE(c.strategies.crypto);
}

TEST(ConfigDefaults, OptionalBlocksWrittenEmptyGetTheirDefaults) {
    const std::string run = R"(
dataset: {equity_path: a, crypto_path: b, benchmark_path: c, start_date: 2024-01-01, end_date: 2025-12-31}
splits: {train_start: 2024-03-01, train_end: 2024-06-30, validation_start: 2024-07-01,
         validation_end: 2024-09-30, holdout_start: 2024-10-01, holdout_end: 2024-12-30}
strategies: {equity: {config_path: minimal_strategy.yaml}}
validation: {sensitivity: {}, stress_tests: {}, statistical: {}}
metrics: {primary: {}, secondary: {}, rejection: {}}
output: {log_level: warning}
)";
    const auto load = load_run_config_from_string(run, "run.yaml", kFixtures);
    EXPECT_FALSE(has_errors(load.diagnostics));
    EXPECT_EQ(load.config.validation.sensitivity, SensitivityConfig{});
    EXPECT_EQ(load.config.validation.stress_tests, StressTestsConfig{});
    EXPECT_EQ(load.config.validation.statistical, StatisticalConfig{});
    EXPECT_EQ(load.config.metrics.primary, PrimaryMetrics{});
    EXPECT_EQ(load.config.metrics.secondary, SecondaryMetrics{});
    EXPECT_EQ(load.config.metrics.rejection, RejectionMetrics{});
    EXPECT_EQ(load.config.output.log_level, LogLevel::Warning);  // any case
    EXPECT_EQ(SensitivityConfig{}.vol_scaling_mode.back(), VolScalingMode::Off);
}

// ----- Paths and strategy slots
// --------------------------------------------------------------------------------

TEST(ConfigPaths, ResolvedAgainstTheFileThatNamesThem) {
    const auto load = load_run_config(kFixtures + "nested/run.yaml");
    ASSERT_TRUE(load.ok()) << formatted(load.diagnostics).front();
    const RunConfig& c = load.config;
    EXPECT_EQ(c.dataset.equity_path.text, "../../../../data/equity/daily");
    EXPECT_EQ(c.dataset.equity_path.resolved, (kBundledData / "equity/daily").lexically_normal());
    const fs::path nested = fs::path(kFixtures + "nested").lexically_normal();
    ASSERT_TRUE(c.strategies.crypto && c.strategies.crypto->config);
    EXPECT_EQ(c.strategies.crypto->config_path.resolved, nested / "strategies/crypto.yaml");
    const StrategyConfig& s = *c.strategies.crypto->config;
    EXPECT_EQ(s.universe_name, "crypto");
    ASSERT_TRUE(s.universe_config && s.universe_config->universe_file_path);
    EXPECT_EQ(s.universe_config->universe_file_path->text, "../universes/coins.csv");
    EXPECT_EQ(s.universe_config->universe_file_path->resolved, nested / "universes/coins.csv");
    ASSERT_TRUE(s.ml.model_path);
    EXPECT_EQ(s.ml.model_path->resolved, (nested / "../models/signal_quality").lexically_normal());
}

TEST(ConfigPaths, DisabledStrategyWithoutFileIsOnlyAWarning) {
    const auto load = load_run_config(kFixtures + "disabled_missing_strategy.yaml");
    EXPECT_TRUE(load.ok());
    EXPECT_EQ(formatted(load.diagnostics),
              in_file("disabled_missing_strategy.yaml",
                      {"18: strategies.crypto.config_path: warning: file not found: " + kFixtures +
                       "does_not_exist.yaml (the strategy is disabled)"}));
    ASSERT_TRUE(load.config.strategies.crypto);
    EXPECT_FALSE(load.config.strategies.crypto->config);
}

TEST(ConfigPaths, EnabledStrategyProblemsAreReportedInTheirOwnFile) {
    const auto load = load_run_config(kFixtures + "broken_strategy_reference.yaml");
    auto expected =
        in_file("broken_strategy_reference.yaml",
                {"19: strategies.crypto.config_path: file not found: " + kFixtures + "does_not_exist.yaml"});
    const auto strategy_lines = strategy_problems("unknown_key.yaml");
    expected.insert(expected.end(), strategy_lines.begin(), strategy_lines.end());
    EXPECT_EQ(formatted(load.diagnostics), expected);
}

TEST(ConfigPaths, StrategyInTheWrongSlot) {
    const std::string run =
        R"(dataset: {equity_path: a, crypto_path: b, benchmark_path: c, start_date: 2024-01-01,
          end_date: 2025-12-31}
splits: {train_start: 2024-03-01, train_end: 2024-06-30, validation_start: 2024-07-01,
         validation_end: 2024-09-30, holdout_start: 2024-10-01, holdout_end: 2024-12-30}
strategies:
  crypto: {config_path: minimal_strategy.yaml}
)";
    const auto load = load_run_config_from_string(run, "run.yaml", kFixtures);
    EXPECT_TRUE(has_errors(load.diagnostics));
    EXPECT_NE(std::find(load.diagnostics.begin(), load.diagnostics.end(),
                        Diagnostic{"run.yaml", 6, "strategies.crypto.config_path",
                                   "minimal_strategy.yaml is a equity strategy, but this is the crypto slot",
                                   Severity::Error}),
              load.diagnostics.end());
}

// ----- Shipped configs
// -----------------------------------------------------------------------------------------

TEST(ShippedConfigs, AllLoadWithoutAnyDiagnostic) {
    int checked = 0;
    for (const fs::path& folder : {kShipped, kShipped / "reference"}) {
        for (const auto& entry : fs::directory_iterator(folder)) {
            if (entry.path().extension() != ".yaml") continue;
            ++checked;
            const auto diagnostics = detect_config_kind(entry.path()) == ConfigKind::Run
                                         ? load_run_config(entry.path()).diagnostics
                                         : load_strategy_config(entry.path()).diagnostics;
            EXPECT_EQ(formatted(diagnostics), std::vector<std::string>{}) << entry.path();
        }
    }
    EXPECT_GE(checked, 9);
}

TEST(ShippedConfigs, ReferenceEquityRunKeepsTheReferenceValues) {
    const RunConfig eq = require_ok(load_run_config(kShipped / "reference/eq.yaml"));
    EXPECT_EQ(eq.portfolio.starting_equity, 100000.0);
    EXPECT_EQ(eq.random_seed, 42u);
    EXPECT_EQ(eq.dataset.start_date, make_date(2024, 1, 1));
    EXPECT_EQ(eq.dataset.min_lookback_days, 60);
    EXPECT_EQ(eq.splits.train_start, make_date(2024, 3, 1));
    EXPECT_EQ(eq.splits.train_end, make_date(2025, 6, 30));
    EXPECT_EQ(eq.splits.validation_end, make_date(2025, 9, 30));
    EXPECT_EQ(eq.splits.holdout_end, make_date(2025, 12, 30));
    EXPECT_FALSE(eq.correlation_guard.enabled);
    EXPECT_EQ(eq.output.config_name, "production");
    EXPECT_EQ(eq.dataset.equity_path.resolved, (kBundledData / "equity/daily").lexically_normal());
    EXPECT_EQ(eq.dataset.crypto_path.resolved, (kBundledData / "crypto/daily").lexically_normal());
    EXPECT_EQ(eq.dataset.benchmark_path.resolved, (kBundledData / "benchmarks").lexically_normal());

    ASSERT_TRUE(eq.strategies.equity && eq.strategies.equity->config);
    const StrategyConfig& equity = *eq.strategies.equity->config;
    EXPECT_EQ(equity.name, "equity_momentum_prod");
    EXPECT_EQ(equity.risk.max_positions, 5);
    EXPECT_EQ(equity.universe_symbols, (std::vector<std::string>{"AAPL", "MSFT", "GOOGL", "AMZN", "NVDA"}));
    ASSERT_TRUE(eq.strategies.crypto);
    EXPECT_FALSE(eq.strategies.crypto->enabled);
    EXPECT_FALSE(eq.strategies.crypto->config);  // disabled slots are not loaded
    EXPECT_EQ(eq.strategies.crypto->config_path.resolved,
              (kShipped / "reference/production_crypto_config.yaml").lexically_normal());
}

TEST(ShippedConfigs, ReferenceCryptoAndCombinedRuns) {
    const RunConfig cr = require_ok(load_run_config(kShipped / "reference/cr.yaml"));
    EXPECT_FALSE(cr.strategies.equity->enabled);
    ASSERT_TRUE(cr.strategies.crypto && cr.strategies.crypto->config);
    const StrategyConfig& crypto = *cr.strategies.crypto->config;
    EXPECT_EQ(crypto.asset_class, AssetClass::Crypto);
    EXPECT_EQ(crypto.exit.mode, ExitMode::Staged);
    EXPECT_EQ(crypto.exit.hard_stop_atr_mult, 3.0);
    EXPECT_EQ(crypto.exit.tightened_stop_atr_mult, 2.0);
    EXPECT_EQ(crypto.capacity.max_order_pct_adv, 0.0025);
    EXPECT_EQ(crypto.costs.fee_bps, 8);
    EXPECT_EQ(crypto.universe_symbols.size(), 10u);

    const RunConfig comb = require_ok(load_run_config(kShipped / "reference/comb.yaml"));
    EXPECT_TRUE(comb.strategies.equity->config && comb.strategies.crypto->config);
    EXPECT_EQ(comb.output.config_name, "anchor_combined");
}

TEST(ShippedConfigs, RequireOkThrowsWithEveryError) {
    try {
        require_ok(load_strategy_config(kFixtures + "cross_field_strategy.yaml"));
        FAIL() << "expected a ConfigError";
    } catch (const ConfigError& error) {
        EXPECT_EQ(error.diagnostics().size(), 5u);
        EXPECT_NE(std::string(error.what()).find("ml.model_path: required when ml.enabled is true"),
                  std::string::npos);
    }
}

// ----- The key table and what is derived from it
// ---------------------------------------------------------------

TEST(ConfigSchema, TableIsWellFormed) {
    for (const auto kind : {ConfigKind::Run, ConfigKind::Strategy}) {
        std::set<std::pair<std::string, int>> seen;
        std::set<std::string> sections{""};
        for (const auto& spec : config_schema(kind)) {
            SCOPED_TRACE(spec.path);
            EXPECT_TRUE(sections.count(spec.parent_path())) << "section row must come before its keys";
            if (spec.type == ValueType::Object) sections.insert(spec.path);
            const int type_mask =
                spec.strategy_types.empty() ? -1 : static_cast<int>(spec.strategy_types.front());
            EXPECT_TRUE(seen.emplace(spec.path, type_mask).second) << "duplicate row";
            EXPECT_FALSE(spec.description.empty());
            EXPECT_EQ(spec.description.find('\n'), std::string::npos);
            EXPECT_NO_THROW(detail::default_value(spec));  // every default obeys its own key's rules
            if (spec.type == ValueType::Enum) {
                EXPECT_FALSE(spec.allowed.empty());
            }
            if (!spec.required && spec.type != ValueType::Object && spec.path != "parameters.pairs") {
                EXPECT_FALSE(spec.default_yaml.empty()) << "optional keys need a default";
            }
        }
    }
    EXPECT_EQ(find_key(ConfigKind::Strategy, "parameters.lookback", StrategyType::Pairs)->default_yaml, "60");
    EXPECT_EQ(
        find_key(ConfigKind::Strategy, "parameters.lookback", StrategyType::MeanReversion)->default_yaml,
        "20");
    EXPECT_EQ(find_key(ConfigKind::Strategy, "parameters.lookback", StrategyType::Momentum), nullptr);
    EXPECT_EQ(find_key(ConfigKind::Run, "risk.max_positions"), nullptr);
}

TEST(ConfigSchema, EnumNamesMatchTheTable) {
    struct EnumCheck {
        ConfigKind kind;
        std::string path;
        std::function<std::string(const std::string&)> round_trip;
    };
    auto via = [](auto parse) {
        return [parse](const std::string& text) {
            const auto value = parse(text);
            return value ? std::string(to_string(*value)) : std::string("<unparsed>");
        };
    };
    const std::vector<EnumCheck> checks{
        {ConfigKind::Run, "dataset.format", via(parse_data_format)},
        {ConfigKind::Run, "volatility_scaling.mode", via(parse_vol_scaling_mode)},
        {ConfigKind::Run, "execution.signal_timing", via(parse_signal_timing)},
        {ConfigKind::Run, "execution.execution_timing", via(parse_execution_timing)},
        {ConfigKind::Run, "execution.slippage_model", via(parse_slippage_model)},
        {ConfigKind::Run, "output.log_level", via(parse_log_level)},
        {ConfigKind::Run, "validation.sensitivity.crypto_exit_mode", via(parse_crypto_exit_mode)},
        {ConfigKind::Run, "signals.min_conviction", via(parse_conviction)},
        {ConfigKind::Strategy, "strategy_type", via(parse_strategy_type)},
        {ConfigKind::Strategy, "asset_class", via(parse_asset_class)},
        {ConfigKind::Strategy, "exit.mode", via(parse_exit_mode)},
        {ConfigKind::Strategy, "ml.prediction_mode", via(parse_prediction_mode)},
        {ConfigKind::Strategy, "sentiment.mode", via(parse_sentiment_mode)},
        {ConfigKind::Strategy, "universe_config.mode", via(parse_universe_mode)},
        {ConfigKind::Strategy, "universe_config.rebalance_frequency", via(parse_rebalance_frequency)},
    };
    for (const auto& check : checks) {
        const KeySpec* spec = find_key(check.kind, check.path);
        ASSERT_NE(spec, nullptr) << check.path;
        for (const auto& value : spec->allowed) EXPECT_EQ(check.round_trip(value), value) << check.path;
    }
    EXPECT_FALSE(parse_vol_scaling_mode("of"));
    EXPECT_EQ(parse_log_level("debug"), LogLevel::Debug);
}

namespace {

// The JSON Schema node of a dotted path, following nested "properties".
const nlohmann::json* schema_node(const nlohmann::json& schema, const std::string& path) {
    const nlohmann::json* node = &schema;
    std::stringstream parts(path);
    for (std::string part; std::getline(parts, part, '.');) {
        if (!node->contains("properties") || !(*node)["properties"].contains(part)) return nullptr;
        node = &(*node)["properties"][part];
    }
    return node;
}

}  // namespace

TEST(ConfigSchema, JsonSchemaHasEveryKeyOfTheTable) {
    for (const auto kind : {ConfigKind::Run, ConfigKind::Strategy}) {
        const nlohmann::json schema = json_schema(kind);
        EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        EXPECT_EQ(schema["additionalProperties"], false);
        for (const auto& spec : config_schema(kind)) {
            const auto* node = schema_node(schema, spec.path);
            ASSERT_NE(node, nullptr) << spec.path;
            EXPECT_TRUE(node->contains("description")) << spec.path;
            for (const auto& alias : spec.aliases) EXPECT_TRUE(schema["properties"].contains(alias));
        }
    }
    const nlohmann::json strategy = json_schema(ConfigKind::Strategy);
    EXPECT_EQ(strategy["required"], nlohmann::json({"name", "asset_class", "universe", "benchmark"}));
    const auto& max_positions = *schema_node(strategy, "risk.max_positions");
    EXPECT_EQ(max_positions["type"], "integer");
    EXPECT_EQ(max_positions["minimum"], 1);
    EXPECT_EQ(max_positions["maximum"], 50);
    EXPECT_EQ(max_positions["default"], 8);
    const auto& risk_per_trade = *schema_node(strategy, "risk.risk_per_trade");
    EXPECT_EQ(risk_per_trade["exclusiveMinimum"], 0);
    EXPECT_EQ(risk_per_trade["maximum"], 0.05);
    EXPECT_EQ((*schema_node(strategy, "exit.tightened_stop_atr_mult"))["type"],
              nlohmann::json({"number", "null"}));
    EXPECT_EQ((*schema_node(strategy, "parameters.lookback"))["x-strategy-types"],
              nlohmann::json({"mean_reversion", "pairs"}));
    const nlohmann::json run = json_schema(ConfigKind::Run);
    EXPECT_EQ((*schema_node(run, "volatility_scaling.mode"))["enum"],
              nlohmann::json({"continuous", "regime", "off"}));
    EXPECT_EQ((*schema_node(run, "scoring.weights"))["default"],
              nlohmann::json({{"breakout", 0.5}, {"momentum", 0.3}, {"diversification", 0.2}}));
    EXPECT_EQ((*schema_node(run, "splits.train_start"))["format"], "date");
}

TEST(ConfigTemplate, RunTemplatesLoadWithoutErrors) {
    for (const auto asset_class : {AssetClass::Equity, AssetClass::Crypto}) {
        TempDir dir;
        const std::string name(to_string(asset_class));
        dir.write(name + "_strategy.yaml", config_template(template_for(ConfigKind::Strategy, asset_class)));
        const fs::path run =
            dir.write("run.yaml", config_template(template_for(ConfigKind::Run, asset_class)));
        const auto load = load_run_config(run);
        EXPECT_FALSE(has_errors(load.diagnostics)) << formatted(load.diagnostics).front();
        EXPECT_EQ(load.config.schema_version, "1.1");
        const auto& slot =
            asset_class == AssetClass::Equity ? load.config.strategies.equity : load.config.strategies.crypto;
        ASSERT_TRUE(slot && slot->config) << name;
        EXPECT_EQ(slot->config->asset_class, asset_class);
        // Written out in full, so equal to the defaults apart from the example values.
        EXPECT_EQ(load.config.validation.sensitivity, SensitivityConfig{});
        EXPECT_EQ(load.config.metrics.rejection, RejectionMetrics{});
        EXPECT_EQ(load.config.scoring, ScoringConfig{});
    }
}

TEST(ConfigTemplate, StrategyTemplatesLoadCleanlyForEveryType) {
    for (const auto asset_class : {AssetClass::Equity, AssetClass::Crypto}) {
        for (const auto type : {StrategyType::Momentum, StrategyType::MeanReversion, StrategyType::Pairs,
                                StrategyType::MultiTimeframe, StrategyType::Factor}) {
            if (!is_supported_combination(type, asset_class)) continue;
            const std::string text = config_template(template_for(ConfigKind::Strategy, asset_class, type));
            const auto load = load_strategy_config_from_string(text, "template.yaml", kFixtures);
            EXPECT_EQ(formatted(load.diagnostics), std::vector<std::string>{}) << to_string(type);
            EXPECT_EQ(load.config.strategy_type, type);
            EXPECT_EQ(load.config.asset_class, asset_class);
        }
    }
    const auto crypto = load_strategy_config_from_string(
        config_template(template_for(ConfigKind::Strategy, AssetClass::Crypto)), "crypto.yaml", kFixtures);
    EXPECT_EQ(crypto.config.capacity.max_order_pct_adv, 0.0025);
    EXPECT_EQ(crypto.config.exit.mode, ExitMode::Staged);
}

// Every key that a file can hold must reach the typed struct: a key the builder forgets shows up here.
TEST(ConfigTemplate, EveryKeyReachesTheTypedConfig) {
    auto unread = [](ConfigKind kind, StrategyType type, const std::string& text) {
        detail::Document document(kind, type, "template.yaml");
        document.read(YAML::Load(text));
        if (kind == ConfigKind::Run) {
            detail::build_run_config(document, kFixtures);
        } else {
            detail::build_strategy_config(document, kFixtures);
        }
        return document.unread_paths();
    };
    EXPECT_EQ(unread(ConfigKind::Run, StrategyType::Momentum, config_template(template_for(ConfigKind::Run))),
              std::vector<std::string>{});
    for (const auto type : {StrategyType::Momentum, StrategyType::MeanReversion, StrategyType::Pairs,
                            StrategyType::MultiTimeframe, StrategyType::Factor}) {
        std::string text = config_template(template_for(ConfigKind::Strategy, AssetClass::Equity, type));
        text += "universe_config:\n  mode: custom\n  symbols: [A]\n";  // the template leaves it commented out
        EXPECT_EQ(unread(ConfigKind::Strategy, type, text), std::vector<std::string>{}) << to_string(type);
    }
}

TEST(ConfigTemplate, MarkdownReferenceListsEveryKey) {
    const std::string markdown = markdown_reference();
    for (const auto kind : {ConfigKind::Run, ConfigKind::Strategy}) {
        for (const auto& spec : config_schema(kind)) {
            EXPECT_NE(markdown.find("| `" + spec.path + "` |"), std::string::npos) << spec.path;
        }
    }
}

// ----- Robustness: the from-string loaders never throw or crash
// ------------------------------------------------

TEST(ConfigRobustness, HostileYamlBecomesDiagnostics) {
    const std::vector<std::string> inputs{
        "&a [*a]",
        "a: &a {b: *a}\nname: *a\n",
        std::string(5000, '[') + std::string(5000, ']'),
        std::string("name: \0x\n", 9),
        "? [a, b]\n: c\n",
        "{[1]: 2}",
        "name: !!binary aGVsbG8=\n",
        "risk: {max_positions: 99999999999999999999999}\n",
        "risk: {max_positions: 1e400, max_exposure: .nan, risk_per_trade: .inf}\n",
        "dataset: {start_date: 9999-99-99}\n",
        ":\n",
        "\t- x",
        "universe: *undefined_alias\n",
        "%YAML 1.2\n---\nname: x\n",
        "strategies: {equity: {config_path: /dev/null}, crypto: {config_path: \"\"}}\n",
    };
    for (const auto& input : inputs) {
        EXPECT_NO_THROW({
            const auto run = load_run_config_from_string(input, "fuzz.yaml");
            const auto strategy = load_strategy_config_from_string(input, "fuzz.yaml");
            EXPECT_FALSE(run.diagnostics.empty());
            EXPECT_FALSE(strategy.diagnostics.empty());
        }) << input.substr(0, 40);
    }
}

TEST(ConfigRobustness, RandomMutationsOfShippedConfigsNeverThrow) {
    std::vector<std::string> seeds;
    for (const auto* name :
         {"reference/eq.yaml", "reference/production_crypto_config.yaml", "crypto_momentum.yaml"}) {
        std::ifstream in(kShipped / name);
        seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const std::string alphabet = ":-[]{},&*!|>'\"#%@`?\n\t 0123456789.eE+abc";
    std::mt19937 rng(20240601);
    for (int i = 0; i < 1500; ++i) {
        std::string text = seeds[static_cast<std::size_t>(i) % seeds.size()];
        const int edits = 1 + static_cast<int>(rng() % 8);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            const std::size_t at = rng() % text.size();
            switch (rng() % 3) {
                case 0:
                    text[at] = alphabet[rng() % alphabet.size()];
                    break;
                case 1:
                    text.erase(at, 1 + rng() % 20);
                    break;
                default:
                    text.insert(at, text.substr(rng() % text.size(), rng() % 40));
                    break;
            }
        }
        EXPECT_NO_THROW({
            load_run_config_from_string(text, "mutant.yaml", kShipped / "reference");
            load_strategy_config_from_string(text, "mutant.yaml", kShipped / "reference");
        });
    }
}
