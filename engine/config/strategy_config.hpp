#pragma once
// Typed strategy config (one YAML file per strategy). Every member carries the documented default, so a
// default-constructed StrategyConfig equals what the loader produces from a minimal file. The key
// table in config_schema.hpp is the source of those defaults; a test keeps the two in step.
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/asset_class.hpp"

namespace tradelab::config {

enum class StrategyType { Momentum, MeanReversion, Pairs, MultiTimeframe, Factor };
enum class ExitMode { MaCross, Staged };
enum class PredictionMode { ScoreEnhancement, Filter, Replace };
enum class SentimentMode { RandomWalk, PriceCorrelated, EventBased, RegimeBased, Combined };
enum class UniverseMode { Fixed, Custom, Dynamic };
enum class RebalanceFrequency { Never, Monthly, Quarterly };

std::string_view to_string(StrategyType type);
std::string_view to_string(ExitMode mode);
std::string_view to_string(PredictionMode mode);
std::string_view to_string(SentimentMode mode);
std::string_view to_string(UniverseMode mode);
std::string_view to_string(RebalanceFrequency frequency);

std::optional<StrategyType> parse_strategy_type(std::string_view text);
std::optional<ExitMode> parse_exit_mode(std::string_view text);
std::optional<PredictionMode> parse_prediction_mode(std::string_view text);
std::optional<SentimentMode> parse_sentiment_mode(std::string_view text);
std::optional<UniverseMode> parse_universe_mode(std::string_view text);
std::optional<RebalanceFrequency> parse_rebalance_frequency(std::string_view text);

// The reference picks the strategy class from the config name (first match wins): "pair" -> pairs,
// "mean_reversion" / "mean-reversion" / "meanreversion" -> mean reversion, "momentum" -> momentum,
// "multi_timeframe" / "mtf" -> multi-timeframe, "factor" -> factor, anything else -> momentum.
// Only used when the config has no explicit `strategy_type`.
StrategyType infer_strategy_type(std::string_view name);

// The reference's bucket strategies ("bucket_a"/"safe_sp", "bucket_b"/"topcat_crypto") are selected by
// name too but are not part of TradeLab; returns the bucket's name when `name` would select one.
std::optional<std::string_view> unsupported_bucket_strategy(std::string_view name);

// Whether the engine has a strategy of this type for this asset class (reference registry).
bool is_supported_combination(StrategyType type, AssetClass asset_class);

// A path as written in a config file and the same path resolved against the directory of that file.
struct ConfigPath {
    std::string text;                // as written; empty when absent
    std::filesystem::path resolved;  // absolute and lexically normalised; empty when absent

    bool empty() const { return text.empty(); }
    bool operator==(const ConfigPath&) const = default;
};

struct UniverseConfig {
    UniverseMode mode = UniverseMode::Fixed;
    std::optional<std::vector<std::string>> symbols;
    std::optional<ConfigPath> universe_file_path;
    std::optional<double> min_market_cap_usd;
    std::optional<double> min_volume_usd;
    std::optional<double> min_liquidity_score;
    std::optional<int> max_symbols;
    RebalanceFrequency rebalance_frequency = RebalanceFrequency::Never;
    int rebalance_lookback_days = 30;
    bool operator==(const UniverseConfig&) const = default;
};

struct MeanReversionParameters {
    int lookback = 20;
    double entry_std = 2.0;
    double exit_std = 0.0;
    int max_hold_days = 5;
    int atr_period = 14;
    double stop_atr_mult = 2.0;
    double min_adv20 = 10'000'000.0;
    bool operator==(const MeanReversionParameters&) const = default;
};

struct PairsParameters {
    std::vector<std::array<std::string, 2>> pairs;
    int lookback = 60;
    double entry_zscore = 2.0;
    double exit_zscore = 0.5;
    int max_hold_days = 10;
    int atr_period = 14;
    double stop_atr_mult = 2.0;
    bool operator==(const PairsParameters&) const = default;
};

struct MultiTimeframeParameters {
    int higher_tf_ma = 50;
    int weekly_lookback = 4;
    int weekly_days = 28;
    int atr_period = 14;
    double stop_atr_mult = 2.0;
    int max_hold_days = 60;
    double min_adv20 = 10'000'000.0;
    bool operator==(const MultiTimeframeParameters&) const = default;
};

struct FactorWeights {
    double momentum = 0.4;
    double value = 0.3;
    double quality = 0.3;
    bool operator==(const FactorWeights&) const = default;
};

struct FactorParameters {
    FactorWeights factors;
    RebalanceFrequency rebalance_frequency = RebalanceFrequency::Monthly;
    double top_decile_pct = 0.20;
    int atr_period = 14;
    double stop_atr_mult = 2.0;
    double min_adv20 = 10'000'000.0;
    int max_hold_days = 90;
    bool operator==(const FactorParameters&) const = default;
};

// Only the block of the config's strategy type is read from the file; the others keep their defaults.
struct StrategyParameters {
    MeanReversionParameters mean_reversion;
    PairsParameters pairs;
    MultiTimeframeParameters multi_timeframe;
    FactorParameters factor;
    bool operator==(const StrategyParameters&) const = default;
};

struct IndicatorsConfig {
    std::vector<int> ma_periods{20, 50, 200};
    int atr_period = 14;
    int roc_period = 60;
    int breakout_fast = 20;
    int breakout_slow = 55;
    int adv_lookback = 20;
    int corr_lookback = 20;
    bool operator==(const IndicatorsConfig&) const = default;
};

struct EligibilityConfig {
    int trend_ma = 50;
    int ma_slope_lookback = 20;
    double ma_slope_min = 0.005;
    bool require_close_above_trend_ma = true;
    bool require_close_above_ma200 = false;
    bool relative_strength_enabled = false;
    double relative_strength_min = 0.0;
    bool operator==(const EligibilityConfig&) const = default;
};

struct EntryConfig {
    double fast_clearance = 0.005;
    double slow_clearance = 0.010;
    bool operator==(const EntryConfig&) const = default;
};

struct ExitConfig {
    ExitMode mode = ExitMode::MaCross;
    int exit_ma = 20;
    double hard_stop_atr_mult = 2.5;
    std::optional<double> tightened_stop_atr_mult;
    bool operator==(const ExitConfig&) const = default;
};

struct RiskConfig {
    double risk_per_trade = 0.0075;
    int max_positions = 8;
    double max_exposure = 0.80;
    double max_position_notional = 0.15;
    std::optional<double> max_net_exposure;
    std::optional<double> max_long_exposure;
    std::optional<double> max_short_exposure;
    bool operator==(const RiskConfig&) const = default;
};

struct CapacityConfig {
    double max_order_pct_adv = 0.005;
    bool operator==(const CapacityConfig&) const = default;
};

struct CostsConfig {
    int fee_bps = 1;
    int slippage_base_bps = 8;
    double slippage_std_mult = 0.75;
    double weekend_penalty = 1.0;
    double stress_threshold = -0.03;
    double stress_slippage_mult = 2.0;
    bool operator==(const CostsConfig&) const = default;
};

struct MlConfig {
    bool enabled = false;
    std::optional<ConfigPath> model_path;
    PredictionMode prediction_mode = PredictionMode::ScoreEnhancement;
    double ml_weight = 0.3;
    double confidence_threshold = 0.5;
    bool operator==(const MlConfig&) const = default;
};

struct SentimentConfig {
    bool enabled = false;
    SentimentMode mode = SentimentMode::PriceCorrelated;
    double weight = 0.15;
    int correlation_lag = 1;
    double noise_std = 0.2;
    std::optional<ConfigPath> event_calendar_path;
    double min_score_for_boost = 0.3;
    double max_score_for_penalty = -0.3;
    std::uint64_t seed = 42;
    bool operator==(const SentimentConfig&) const = default;
};

struct StrategyConfig {
    std::string schema_version = "1.0";  // as declared in the file; "1.0" when absent
    std::string name;
    StrategyType strategy_type = StrategyType::Momentum;  // explicit `strategy_type`, else inferred from name
    bool strategy_type_explicit = false;
    AssetClass asset_class = AssetClass::Equity;
    // A universe name (NASDAQ-100, SP500, crypto) or explicit symbols; exactly one of the two is set
    // after a successful load.
    std::optional<std::string> universe_name;
    std::vector<std::string> universe_symbols;
    std::string benchmark;
    double risk_allocation = 1.0;
    std::optional<UniverseConfig> universe_config;
    bool has_parameters = false;  // whether the file had a `parameters` block
    StrategyParameters parameters;
    IndicatorsConfig indicators;
    EligibilityConfig eligibility;
    EntryConfig entry;
    ExitConfig exit;
    RiskConfig risk;
    CapacityConfig capacity;
    CostsConfig costs;
    MlConfig ml;
    SentimentConfig sentiment;
    bool operator==(const StrategyConfig&) const = default;
};

}  // namespace tradelab::config
