#include "config/strategy_config.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "config/config_build.hpp"
#include "config/enum_names.hpp"

namespace tradelab::config {

using detail::name_of;
using detail::parse_name;

namespace {

// Names in enum order; they are the spellings the key table allows.
constexpr std::array<std::string_view, 5> kStrategyTypes{"momentum", "mean_reversion", "pairs",
                                                         "multi_timeframe", "factor"};
constexpr std::array<std::string_view, 2> kExitModes{"ma_cross", "staged"};
constexpr std::array<std::string_view, 3> kPredictionModes{"score_enhancement", "filter", "replace"};
constexpr std::array<std::string_view, 5> kSentimentModes{"random_walk", "price_correlated", "event_based",
                                                          "regime_based", "combined"};
constexpr std::array<std::string_view, 3> kUniverseModes{"fixed", "custom", "dynamic"};
constexpr std::array<std::string_view, 3> kRebalanceFrequencies{"never", "monthly", "quarterly"};

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

}  // namespace

std::string_view to_string(StrategyType type) {
    return name_of(type, kStrategyTypes);
}
std::string_view to_string(ExitMode mode) {
    return name_of(mode, kExitModes);
}
std::string_view to_string(PredictionMode mode) {
    return name_of(mode, kPredictionModes);
}
std::string_view to_string(SentimentMode mode) {
    return name_of(mode, kSentimentModes);
}
std::string_view to_string(UniverseMode mode) {
    return name_of(mode, kUniverseModes);
}
std::string_view to_string(RebalanceFrequency frequency) {
    return name_of(frequency, kRebalanceFrequencies);
}

std::optional<StrategyType> parse_strategy_type(std::string_view text) {
    return parse_name<StrategyType>(text, kStrategyTypes);
}
std::optional<ExitMode> parse_exit_mode(std::string_view text) {
    return parse_name<ExitMode>(text, kExitModes);
}
std::optional<PredictionMode> parse_prediction_mode(std::string_view text) {
    return parse_name<PredictionMode>(text, kPredictionModes);
}
std::optional<SentimentMode> parse_sentiment_mode(std::string_view text) {
    return parse_name<SentimentMode>(text, kSentimentModes);
}
std::optional<UniverseMode> parse_universe_mode(std::string_view text) {
    return parse_name<UniverseMode>(text, kUniverseModes);
}
std::optional<RebalanceFrequency> parse_rebalance_frequency(std::string_view text) {
    return parse_name<RebalanceFrequency>(text, kRebalanceFrequencies);
}

StrategyType infer_strategy_type(std::string_view name) {
    const std::string text = lowercase(name);
    if (contains(text, "pair")) return StrategyType::Pairs;
    if (contains(text, "mean_reversion") || contains(text, "mean-reversion") ||
        contains(text, "meanreversion")) {
        return StrategyType::MeanReversion;
    }
    if (contains(text, "momentum")) return StrategyType::Momentum;
    if (contains(text, "multi_timeframe") || contains(text, "mtf")) return StrategyType::MultiTimeframe;
    if (contains(text, "factor")) return StrategyType::Factor;
    return StrategyType::Momentum;
}

std::optional<std::string_view> unsupported_bucket_strategy(std::string_view name) {
    const std::string text = lowercase(name);
    if (contains(text, "bucket_a") || contains(text, "safe_sp")) return "safe_sp";
    if (contains(text, "bucket_b") || contains(text, "topcat_crypto")) return "topcat_crypto";
    return std::nullopt;
}

bool is_supported_combination(StrategyType type, AssetClass asset_class) {
    switch (type) {
        case StrategyType::Momentum:
        case StrategyType::Pairs:
            return true;
        case StrategyType::MeanReversion:
        case StrategyType::MultiTimeframe:
        case StrategyType::Factor:
            return asset_class == AssetClass::Equity;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------------------------

namespace detail {

namespace {

int int_at(const Document& doc, std::string_view path) {
    return static_cast<int>(doc.get_int(path));
}

template <typename Enum>
Enum enum_at(const Document& doc, std::string_view path, std::optional<Enum> (*parse)(std::string_view),
             Enum fallback) {
    return parse(doc.get_string(path)).value_or(fallback);
}

std::optional<ConfigPath> optional_path(const Document& doc, std::string_view path,
                                        const std::filesystem::path& base) {
    const auto text = doc.get_optional_string(path);
    return text ? std::optional<ConfigPath>(resolve_path(*text, base)) : std::nullopt;
}

// The reference also accepts S&P spellings for the S&P 500 list; the data layer knows it as SP500.
std::string canonical_universe_name(const std::string& name) {
    if (name == "S&P500" || name == "S&P_500") return "SP500";
    return name;
}

UniverseConfig build_universe_config(const Document& doc, const std::filesystem::path& base) {
    UniverseConfig u;
    u.mode = enum_at(doc, "universe_config.mode", parse_universe_mode, u.mode);
    if (doc.has("universe_config.symbols")) u.symbols = doc.get_strings("universe_config.symbols");
    u.universe_file_path = optional_path(doc, "universe_config.universe_file_path", base);
    u.min_market_cap_usd = doc.get_optional_float("universe_config.min_market_cap_usd");
    u.min_volume_usd = doc.get_optional_float("universe_config.min_volume_usd");
    u.min_liquidity_score = doc.get_optional_float("universe_config.min_liquidity_score");
    if (const auto max_symbols = doc.get_optional_int("universe_config.max_symbols")) {
        u.max_symbols = static_cast<int>(*max_symbols);
    }
    u.rebalance_frequency =
        enum_at(doc, "universe_config.rebalance_frequency", parse_rebalance_frequency, u.rebalance_frequency);
    u.rebalance_lookback_days = int_at(doc, "universe_config.rebalance_lookback_days");
    return u;
}

void read_mean_reversion(const Document& doc, MeanReversionParameters& p) {
    p.lookback = int_at(doc, "parameters.lookback");
    p.entry_std = doc.get_float("parameters.entry_std");
    p.exit_std = doc.get_float("parameters.exit_std");
    p.max_hold_days = int_at(doc, "parameters.max_hold_days");
    p.atr_period = int_at(doc, "parameters.atr_period");
    p.stop_atr_mult = doc.get_float("parameters.stop_atr_mult");
    p.min_adv20 = doc.get_float("parameters.min_adv20");
}

void read_pairs(const Document& doc, PairsParameters& p) {
    p.pairs = doc.get_pairs("parameters.pairs");
    p.lookback = int_at(doc, "parameters.lookback");
    p.entry_zscore = doc.get_float("parameters.entry_zscore");
    p.exit_zscore = doc.get_float("parameters.exit_zscore");
    p.max_hold_days = int_at(doc, "parameters.max_hold_days");
    p.atr_period = int_at(doc, "parameters.atr_period");
    p.stop_atr_mult = doc.get_float("parameters.stop_atr_mult");
}

void read_multi_timeframe(const Document& doc, MultiTimeframeParameters& p) {
    p.higher_tf_ma = int_at(doc, "parameters.higher_tf_ma");
    p.weekly_lookback = int_at(doc, "parameters.weekly_lookback");
    p.weekly_days = int_at(doc, "parameters.weekly_days");
    p.atr_period = int_at(doc, "parameters.atr_period");
    p.stop_atr_mult = doc.get_float("parameters.stop_atr_mult");
    p.max_hold_days = int_at(doc, "parameters.max_hold_days");
    p.min_adv20 = doc.get_float("parameters.min_adv20");
}

void read_factor(const Document& doc, FactorParameters& p) {
    // A weights map replaces the default map as a whole: names left out weigh 0.
    const auto factors = doc.get_map("parameters.factors");
    auto weight = [&](const char* name) {
        const auto it = factors.find(name);
        return it == factors.end() ? 0.0 : it->second;
    };
    p.factors = FactorWeights{weight("momentum"), weight("value"), weight("quality")};
    p.rebalance_frequency =
        enum_at(doc, "parameters.rebalance_frequency", parse_rebalance_frequency, p.rebalance_frequency);
    p.top_decile_pct = doc.get_float("parameters.top_decile_pct");
    p.atr_period = int_at(doc, "parameters.atr_period");
    p.stop_atr_mult = doc.get_float("parameters.stop_atr_mult");
    p.min_adv20 = doc.get_float("parameters.min_adv20");
    p.max_hold_days = int_at(doc, "parameters.max_hold_days");
}

void read_parameters(const Document& doc, StrategyType type, StrategyParameters& parameters) {
    switch (type) {
        case StrategyType::Momentum:
            break;
        case StrategyType::MeanReversion:
            read_mean_reversion(doc, parameters.mean_reversion);
            break;
        case StrategyType::Pairs:
            read_pairs(doc, parameters.pairs);
            break;
        case StrategyType::MultiTimeframe:
            read_multi_timeframe(doc, parameters.multi_timeframe);
            break;
        case StrategyType::Factor:
            read_factor(doc, parameters.factor);
            break;
    }
}

void read_trading_blocks(const Document& doc, StrategyConfig& c) {
    std::vector<int> ma_periods;
    for (const auto period : doc.get_ints("indicators.ma_periods"))
        ma_periods.push_back(static_cast<int>(period));
    c.indicators = IndicatorsConfig{ma_periods,
                                    int_at(doc, "indicators.atr_period"),
                                    int_at(doc, "indicators.roc_period"),
                                    int_at(doc, "indicators.breakout_fast"),
                                    int_at(doc, "indicators.breakout_slow"),
                                    int_at(doc, "indicators.adv_lookback"),
                                    int_at(doc, "indicators.corr_lookback")};
    c.eligibility = EligibilityConfig{int_at(doc, "eligibility.trend_ma"),
                                      int_at(doc, "eligibility.ma_slope_lookback"),
                                      doc.get_float("eligibility.ma_slope_min"),
                                      doc.get_bool("eligibility.require_close_above_trend_ma"),
                                      doc.get_bool("eligibility.require_close_above_ma200"),
                                      doc.get_bool("eligibility.relative_strength_enabled"),
                                      doc.get_float("eligibility.relative_strength_min")};
    c.entry = EntryConfig{doc.get_float("entry.fast_clearance"), doc.get_float("entry.slow_clearance")};
    c.exit = ExitConfig{enum_at(doc, "exit.mode", parse_exit_mode, ExitMode::MaCross),
                        int_at(doc, "exit.exit_ma"), doc.get_float("exit.hard_stop_atr_mult"),
                        doc.get_optional_float("exit.tightened_stop_atr_mult")};
    c.risk = RiskConfig{doc.get_float("risk.risk_per_trade"),
                        int_at(doc, "risk.max_positions"),
                        doc.get_float("risk.max_exposure"),
                        doc.get_float("risk.max_position_notional"),
                        doc.get_optional_float("risk.max_net_exposure"),
                        doc.get_optional_float("risk.max_long_exposure"),
                        doc.get_optional_float("risk.max_short_exposure")};
    c.capacity = CapacityConfig{doc.get_float("capacity.max_order_pct_adv")};
    c.costs = CostsConfig{int_at(doc, "costs.fee_bps"),
                          int_at(doc, "costs.slippage_base_bps"),
                          doc.get_float("costs.slippage_std_mult"),
                          doc.get_float("costs.weekend_penalty"),
                          doc.get_float("costs.stress_threshold"),
                          doc.get_float("costs.stress_slippage_mult")};
}

void read_model_blocks(const Document& doc, const std::filesystem::path& base, StrategyConfig& c) {
    c.ml =
        MlConfig{doc.get_bool("ml.enabled"), optional_path(doc, "ml.model_path", base),
                 enum_at(doc, "ml.prediction_mode", parse_prediction_mode, PredictionMode::ScoreEnhancement),
                 doc.get_float("ml.ml_weight"), doc.get_float("ml.confidence_threshold")};
    c.sentiment =
        SentimentConfig{doc.get_bool("sentiment.enabled"),
                        enum_at(doc, "sentiment.mode", parse_sentiment_mode, SentimentMode::PriceCorrelated),
                        doc.get_float("sentiment.weight"),
                        int_at(doc, "sentiment.correlation_lag"),
                        doc.get_float("sentiment.noise_std"),
                        optional_path(doc, "sentiment.event_calendar_path", base),
                        doc.get_float("sentiment.min_score_for_boost"),
                        doc.get_float("sentiment.max_score_for_penalty"),
                        static_cast<std::uint64_t>(doc.get_int("sentiment.seed"))};
}

}  // namespace

StrategyConfig build_strategy_config(const Document& doc, const std::filesystem::path& base_dir) {
    StrategyConfig c;
    c.schema_version = doc.get_string("schema_version");
    c.name = doc.get_string("name");
    c.strategy_type = doc.strategy_type();
    c.strategy_type_explicit = doc.get_optional_string("strategy_type").has_value();
    c.asset_class = parse_asset_class(doc.get_string("asset_class")).value_or(AssetClass::Equity);
    const auto& universe = doc.get_raw("universe");
    if (const auto* name = std::get_if<std::string>(&universe))
        c.universe_name = canonical_universe_name(*name);
    if (const auto* symbols = std::get_if<std::vector<std::string>>(&universe)) c.universe_symbols = *symbols;
    c.benchmark = doc.get_string("benchmark");
    c.risk_allocation = doc.get_float("risk_allocation");
    if (doc.has("universe_config")) c.universe_config = build_universe_config(doc, base_dir);
    c.has_parameters = doc.has("parameters");
    if (c.has_parameters) read_parameters(doc, c.strategy_type, c.parameters);
    read_trading_blocks(doc, c);
    read_model_blocks(doc, base_dir, c);
    return c;
}

// ---------------------------------------------------------------------------------------------------------------

namespace {

const std::set<std::string> kBuiltInUniverses{"NASDAQ-100", "SP500", "crypto"};

// Which key chose the strategy type, so a problem with the type points at it.
std::string_view type_key(const StrategyConfig& c) {
    return c.strategy_type_explicit ? "strategy_type" : "name";
}

void check_strategy_type(Document& doc, const StrategyConfig& c) {
    if (!c.strategy_type_explicit && doc.usable("name")) {
        if (const auto bucket = unsupported_bucket_strategy(c.name)) {
            doc.error(
                "name",
                fmt::format("the name selects the reference's '{}' bucket strategy, which TradeLab does "
                            "not have; set strategy_type to use another strategy",
                            *bucket));
            return;
        }
    }
    if (doc.usable("asset_class") && !is_supported_combination(c.strategy_type, c.asset_class)) {
        doc.error(type_key(c), fmt::format("strategy type {} is not available for asset class {}",
                                           to_string(c.strategy_type), to_string(c.asset_class)));
    }
}

void check_universe(Document& doc, const StrategyConfig& c) {
    if (!doc.usable("universe")) return;
    if (c.universe_name) {
        if (kBuiltInUniverses.count(*c.universe_name) == 0) {
            doc.warning("universe",
                        fmt::format("'{}' is not a built-in universe (NASDAQ-100, SP500, crypto); it is "
                                    "read from {}.csv in the universe folder",
                                    *c.universe_name, *c.universe_name));
        }
        return;
    }
    if (c.universe_symbols.empty() && c.strategy_type != StrategyType::Pairs && !c.universe_config) {
        doc.error("universe", "must name a universe or list at least one symbol");
    }
    std::set<std::string> seen;
    for (const auto& symbol : c.universe_symbols) {
        if (!seen.insert(symbol).second)
            doc.warning("universe", fmt::format("symbol '{}' is listed twice", symbol));
    }
}

void check_universe_config(Document& doc, const StrategyConfig& c) {
    if (!c.universe_config || !doc.usable("universe_config.mode")) return;
    const UniverseConfig& u = *c.universe_config;
    if (u.mode == UniverseMode::Custom && !u.symbols && !u.universe_file_path) {
        doc.error("universe_config.mode",
                  "custom mode needs universe_config.symbols or universe_config.universe_file_path");
    }
    if (u.mode == UniverseMode::Dynamic && !u.min_market_cap_usd && !u.min_volume_usd &&
        !u.min_liquidity_score) {
        doc.error(
            "universe_config.mode",
            "dynamic mode needs at least one of min_market_cap_usd, min_volume_usd, min_liquidity_score");
    }
}

void check_parameters(Document& doc, const StrategyConfig& c) {
    if (c.strategy_type == StrategyType::MeanReversion && !c.has_parameters) {
        doc.error("parameters", "required for strategy type mean_reversion");
    }
    if (c.strategy_type != StrategyType::Pairs) return;
    if (!c.has_parameters) {
        doc.error("parameters.pairs", "missing required key");
        return;
    }
    require_order(doc, "parameters.exit_zscore", "parameters.entry_zscore", Order::Less, false);
    for (std::size_t i = 0; i < c.parameters.pairs.pairs.size(); ++i) {
        const auto& pair = c.parameters.pairs.pairs[i];
        if (pair[0] == pair[1]) {
            doc.add_at(doc.line("parameters.pairs"), fmt::format("parameters.pairs[{}]", i),
                       fmt::format("a pair needs two different symbols, got {} twice", pair[0]),
                       Severity::Error);
        }
    }
}

void check_exit(Document& doc, const StrategyConfig& c) {
    const bool staged = c.exit.mode == ExitMode::Staged && doc.usable("exit.mode");
    if (staged && !c.exit.tightened_stop_atr_mult) {
        // A value the walker already rejected has its own diagnostic.
        if (!doc.rejected("exit.tightened_stop_atr_mult")) {
            doc.error("exit.tightened_stop_atr_mult", "required when exit.mode is staged");
        }
    } else if (staged) {
        require_order(doc, "exit.tightened_stop_atr_mult", "exit.hard_stop_atr_mult", Order::Less, false);
    }
    if (!staged && c.exit.tightened_stop_atr_mult && doc.usable("exit.mode")) {
        doc.warning("exit.tightened_stop_atr_mult", "only used when exit.mode is staged");
    }
    if (c.strategy_type == StrategyType::Momentum && c.asset_class == AssetClass::Crypto &&
        doc.usable("asset_class") && doc.usable("exit.mode") && c.exit.mode != ExitMode::Staged) {
        doc.error("exit.mode", "crypto momentum requires exit.mode 'staged'");
    }
    if (c.strategy_type == StrategyType::Momentum && doc.usable("exit.exit_ma") && c.exit.exit_ma != 20 &&
        c.exit.exit_ma != 50) {
        doc.warning("exit.exit_ma",
                    fmt::format("momentum exits on MA20 or MA50 only; with {} positions leave by "
                                "their stop alone",
                                c.exit.exit_ma));
    }
}

void check_eligibility(Document& doc, const StrategyConfig& c) {
    const bool equity_momentum =
        c.strategy_type == StrategyType::Momentum && c.asset_class == AssetClass::Equity;
    if (equity_momentum && c.eligibility.require_close_above_trend_ma && doc.usable("eligibility.trend_ma") &&
        c.eligibility.trend_ma != 50 && c.eligibility.trend_ma != 200) {
        doc.warning("eligibility.trend_ma",
                    fmt::format("equity momentum supports trend_ma 50 or 200; with {} no symbol is eligible",
                                c.eligibility.trend_ma));
    }
}

void check_risk(Document& doc, const StrategyConfig& c) {
    require_order(doc, "risk.max_position_notional", "risk.max_exposure", Order::LessOrEqual, false);
    if (c.risk.max_long_exposure) {
        require_order(doc, "risk.max_long_exposure", "risk.max_exposure", Order::LessOrEqual, false);
    }
    if (c.risk.max_short_exposure) {
        require_order(doc, "risk.max_short_exposure", "risk.max_exposure", Order::LessOrEqual, false);
    }
    if (c.risk.max_net_exposure && c.risk.max_long_exposure) {
        require_order(doc, "risk.max_net_exposure", "risk.max_long_exposure", Order::LessOrEqual, false);
    }
    if (c.risk.max_net_exposure && c.risk.max_short_exposure) {
        require_order(doc, "risk.max_net_exposure", "risk.max_short_exposure", Order::LessOrEqual, false);
    }
}

}  // namespace

void check_strategy_rules(Document& doc, const StrategyConfig& c) {
    check_strategy_type(doc, c);
    check_universe(doc, c);
    check_universe_config(doc, c);
    check_parameters(doc, c);
    require_order(doc, "indicators.breakout_fast", "indicators.breakout_slow", Order::Less, false);
    check_eligibility(doc, c);
    require_order(doc, "entry.fast_clearance", "entry.slow_clearance", Order::Less, false);
    check_exit(doc, c);
    check_risk(doc, c);
    if (c.ml.enabled && !c.ml.model_path && doc.usable("ml.enabled")) {
        doc.error("ml.model_path", "required when ml.enabled is true");
    }
}

}  // namespace detail

}  // namespace tradelab::config
