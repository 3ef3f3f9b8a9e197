#pragma once
// Typed run config: data, splits, strategy slots, portfolio-level controls, validation and output
// settings. Defaults mirror the key table in config_schema.hpp (a test keeps them in step).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/strategy_config.hpp"
#include "core/date.hpp"

namespace tradelab::config {

enum class DataFormat { Csv, Parquet, Database };
enum class VolScalingMode { Continuous, Regime, Off };
enum class SignalTiming { Close };
enum class ExecutionTiming { NextOpen };
enum class SlippageModel { Full, Simple, None };
enum class LogLevel { Debug, Info, Warning, Error, Critical };
enum class CryptoExitMode { Ma20, Ma50, Staged };  // sensitivity grid values for the crypto exit
enum class Conviction { Low, Medium, High };

std::string_view to_string(DataFormat format);
std::string_view to_string(VolScalingMode mode);
std::string_view to_string(SignalTiming timing);
std::string_view to_string(ExecutionTiming timing);
std::string_view to_string(SlippageModel model);
std::string_view to_string(LogLevel level);
std::string_view to_string(CryptoExitMode mode);
std::string_view to_string(Conviction conviction);

std::optional<DataFormat> parse_data_format(std::string_view text);
std::optional<VolScalingMode> parse_vol_scaling_mode(std::string_view text);  // "off", never "of"
std::optional<SignalTiming> parse_signal_timing(std::string_view text);
std::optional<ExecutionTiming> parse_execution_timing(std::string_view text);
std::optional<SlippageModel> parse_slippage_model(std::string_view text);
std::optional<LogLevel> parse_log_level(std::string_view text);  // case-insensitive
std::optional<CryptoExitMode> parse_crypto_exit_mode(std::string_view text);
std::optional<Conviction> parse_conviction(std::string_view text);

struct DatasetConfig {
    ConfigPath equity_path;
    ConfigPath crypto_path;
    ConfigPath benchmark_path;
    DataFormat format = DataFormat::Csv;
    Date start_date{};
    Date end_date{};
    int min_lookback_days = 250;
    bool operator==(const DatasetConfig&) const = default;
};

struct SplitsConfig {
    Date train_start{};
    Date train_end{};
    Date validation_start{};
    Date validation_end{};
    Date holdout_start{};
    Date holdout_end{};
    bool operator==(const SplitsConfig&) const = default;
};

struct StrategySlot {
    ConfigPath config_path;
    bool enabled = true;
    // The loaded strategy config; present when the slot is enabled and its file was read (even if that
    // file had errors: the diagnostics say so).
    std::optional<StrategyConfig> config;
    bool operator==(const StrategySlot&) const = default;
};

struct StrategiesConfig {
    std::optional<StrategySlot> equity;
    std::optional<StrategySlot> crypto;
    bool operator==(const StrategiesConfig&) const = default;
};

struct PortfolioConfig {
    double starting_equity = 100'000.0;
    bool operator==(const PortfolioConfig&) const = default;
};

struct VolatilityScalingConfig {
    bool enabled = true;
    VolScalingMode mode = VolScalingMode::Continuous;
    int lookback = 20;
    int baseline_lookback = 252;
    double min_multiplier = 0.33;
    double max_multiplier = 1.0;
    bool operator==(const VolatilityScalingConfig&) const = default;
};

struct CorrelationGuardConfig {
    bool enabled = true;
    int min_positions = 4;
    double avg_pairwise_threshold = 0.70;
    double candidate_threshold = 0.75;
    bool operator==(const CorrelationGuardConfig&) const = default;
};

// A weights map given in the file replaces the default map as a whole: names left out weigh 0.
struct ScoringWeights {
    double breakout = 0.50;
    double momentum = 0.30;
    double diversification = 0.20;
    bool operator==(const ScoringWeights&) const = default;
};

struct ScoringConfig {
    ScoringWeights weights;
    bool operator==(const ScoringConfig&) const = default;
};

struct ExecutionConfig {
    SignalTiming signal_timing = SignalTiming::Close;
    ExecutionTiming execution_timing = ExecutionTiming::NextOpen;
    SlippageModel slippage_model = SlippageModel::Full;
    bool operator==(const ExecutionConfig&) const = default;
};

struct OutputConfig {
    std::string base_path = "results/";  // relative to the working directory, like every output path
    std::optional<std::string> run_id;
    std::optional<std::string> config_name;
    std::string equity_curve = "equity_curve.csv";
    std::string trade_log = "trade_log.csv";
    std::string weekly_summary = "weekly_summary.csv";
    std::string monthly_report = "monthly_report.json";
    std::string scenario_comparison = "scenario_comparison.json";
    LogLevel log_level = LogLevel::Info;
    std::string log_file = "backtest.log";
    bool log_json_format = false;
    bool log_use_rich = true;
    bool operator==(const OutputConfig&) const = default;
};

struct SensitivityConfig {
    bool enabled = true;
    std::vector<double> equity_atr_mult{2.0, 2.5, 3.0, 3.5};
    std::vector<double> equity_breakout_clearance{0.0, 0.005, 0.010, 0.015};
    std::vector<int> equity_exit_ma{20, 50};
    std::vector<double> crypto_atr_mult{2.5, 3.0, 3.5, 4.0};
    std::vector<double> crypto_breakout_clearance{0.0, 0.005, 0.010, 0.015};
    std::vector<CryptoExitMode> crypto_exit_mode{CryptoExitMode::Ma20, CryptoExitMode::Ma50,
                                                 CryptoExitMode::Staged};
    std::vector<VolScalingMode> vol_scaling_mode{VolScalingMode::Continuous, VolScalingMode::Regime,
                                                 VolScalingMode::Off};
    bool operator==(const SensitivityConfig&) const = default;
};

// An absent `stress_tests` block runs every test with multipliers [2.0, 3.0] (the consumer decides).
struct StressTestsConfig {
    std::vector<double> slippage_multipliers{1.0, 2.0, 3.0};
    bool bear_market_test = true;
    bool range_market_test = true;
    bool flash_crash_test = true;
    bool operator==(const StressTestsConfig&) const = default;
};

struct StatisticalConfig {
    int bootstrap_iterations = 1000;
    int permutation_iterations = 1000;
    double bootstrap_5th_percentile_threshold = 0.4;
    bool operator==(const StatisticalConfig&) const = default;
};

struct ValidationConfig {
    std::optional<SensitivityConfig> sensitivity;
    std::optional<StressTestsConfig> stress_tests;
    std::optional<StatisticalConfig> statistical;
    bool operator==(const ValidationConfig&) const = default;
};

struct PrimaryMetrics {
    double sharpe_ratio_min = 1.0;
    double max_drawdown_max = 0.15;
    double calmar_ratio_min = 1.5;
    int min_trades = 50;
    bool operator==(const PrimaryMetrics&) const = default;
};

struct SecondaryMetrics {
    double expectancy_R_min = 0.3;
    double profit_factor_min = 1.4;
    double correlation_to_benchmark_max = 0.80;
    double percentile_99_daily_loss_max = 0.05;
    bool operator==(const SecondaryMetrics&) const = default;
};

struct RejectionMetrics {
    double max_drawdown_max = 0.20;
    double sharpe_ratio_min = 0.75;
    double calmar_ratio_min = 1.0;
    bool operator==(const RejectionMetrics&) const = default;
};

// Absent blocks mean "use the documented defaults" for the go/no-go evaluator.
struct MetricsConfig {
    std::optional<PrimaryMetrics> primary;
    std::optional<SecondaryMetrics> secondary;
    std::optional<RejectionMetrics> rejection;
    bool operator==(const MetricsConfig&) const = default;
};

struct MlDataCollectionConfig {
    bool enabled = false;
    std::string db_path = "features.db";  // an output: relative to the working directory
    bool operator==(const MlDataCollectionConfig&) const = default;
};

// News research and live signals are outside the research engine; kept so such files still load.
struct ResearchSentimentConfig {
    bool use_vader = true;
    bool use_finbert = false;
    double vader_threshold_positive = 0.05;
    double vader_threshold_negative = -0.05;
    double min_confidence = 0.5;
    bool operator==(const ResearchSentimentConfig&) const = default;
};

struct ResearchRelevanceConfig {
    double min_relevance_score = 0.3;
    double title_weight = 0.6;
    double summary_weight = 0.4;
    bool operator==(const ResearchRelevanceConfig&) const = default;
};

struct ResearchConfig {
    bool enabled = true;
    int lookback_hours = 48;
    int max_articles_per_symbol = 10;
    ResearchSentimentConfig sentiment;
    ResearchRelevanceConfig relevance;
    bool operator==(const ResearchConfig&) const = default;
};

struct SignalsConfig {
    int max_recommendations = 5;
    Conviction min_conviction = Conviction::Medium;
    double technical_weight = 0.6;
    double news_weight = 0.4;
    bool news_enabled = true;
    int news_lookback_hours = 48;
    double min_news_score_for_boost = 7.0;
    double max_news_score_for_penalty = 3.0;
    bool operator==(const SignalsConfig&) const = default;
};

struct RunConfig {
    std::string schema_version = "1.0";  // as declared in the file; "1.0" when absent
    DatasetConfig dataset;
    SplitsConfig splits;
    StrategiesConfig strategies;
    PortfolioConfig portfolio;
    VolatilityScalingConfig volatility_scaling;
    CorrelationGuardConfig correlation_guard;
    ScoringConfig scoring;
    ExecutionConfig execution;
    OutputConfig output;
    std::uint64_t random_seed = 42;
    ValidationConfig validation;
    MetricsConfig metrics;
    MlDataCollectionConfig ml_data_collection;
    ResearchConfig research;
    SignalsConfig signal_settings;  // YAML `signals` (a name Qt reserves as a macro)
    bool operator==(const RunConfig&) const = default;
};

}  // namespace tradelab::config
