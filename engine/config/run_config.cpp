#include "config/run_config.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "config/config_build.hpp"
#include "config/enum_names.hpp"

namespace tradelab::config {

using detail::name_of;
using detail::parse_name;

namespace {

// Names in enum order; they are the spellings the key table allows.
constexpr std::array<std::string_view, 3> kDataFormats{"csv", "parquet", "database"};
constexpr std::array<std::string_view, 3> kVolScalingModes{"continuous", "regime", "off"};
constexpr std::array<std::string_view, 1> kSignalTimings{"close"};
constexpr std::array<std::string_view, 1> kExecutionTimings{"next_open"};
constexpr std::array<std::string_view, 3> kSlippageModels{"full", "simple", "none"};
constexpr std::array<std::string_view, 5> kLogLevels{"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};
constexpr std::array<std::string_view, 3> kCryptoExitModes{"MA20", "MA50", "staged"};
constexpr std::array<std::string_view, 3> kConvictions{"LOW", "MEDIUM", "HIGH"};

}  // namespace

std::string_view to_string(DataFormat format) {
    return name_of(format, kDataFormats);
}
std::string_view to_string(VolScalingMode mode) {
    return name_of(mode, kVolScalingModes);
}
std::string_view to_string(SignalTiming timing) {
    return name_of(timing, kSignalTimings);
}
std::string_view to_string(ExecutionTiming timing) {
    return name_of(timing, kExecutionTimings);
}
std::string_view to_string(SlippageModel model) {
    return name_of(model, kSlippageModels);
}
std::string_view to_string(LogLevel level) {
    return name_of(level, kLogLevels);
}
std::string_view to_string(CryptoExitMode mode) {
    return name_of(mode, kCryptoExitModes);
}
std::string_view to_string(Conviction conviction) {
    return name_of(conviction, kConvictions);
}

std::optional<DataFormat> parse_data_format(std::string_view text) {
    return parse_name<DataFormat>(text, kDataFormats);
}
std::optional<VolScalingMode> parse_vol_scaling_mode(std::string_view text) {
    return parse_name<VolScalingMode>(text, kVolScalingModes);
}
std::optional<SignalTiming> parse_signal_timing(std::string_view text) {
    return parse_name<SignalTiming>(text, kSignalTimings);
}
std::optional<ExecutionTiming> parse_execution_timing(std::string_view text) {
    return parse_name<ExecutionTiming>(text, kExecutionTimings);
}
std::optional<SlippageModel> parse_slippage_model(std::string_view text) {
    return parse_name<SlippageModel>(text, kSlippageModels);
}
std::optional<LogLevel> parse_log_level(std::string_view text) {
    return parse_name<LogLevel>(text, kLogLevels, true);
}
std::optional<CryptoExitMode> parse_crypto_exit_mode(std::string_view text) {
    return parse_name<CryptoExitMode>(text, kCryptoExitModes);
}
std::optional<Conviction> parse_conviction(std::string_view text) {
    return parse_name<Conviction>(text, kConvictions, true);
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

template <typename Enum>
std::vector<Enum> enums_at(const Document& doc, std::string_view path,
                           std::optional<Enum> (*parse)(std::string_view)) {
    std::vector<Enum> values;
    for (const auto& text : doc.get_strings(path)) {
        if (const auto value = parse(text)) values.push_back(*value);
    }
    return values;
}

std::vector<int> ints_at(const Document& doc, std::string_view path) {
    std::vector<int> values;
    for (const auto value : doc.get_ints(path)) values.push_back(static_cast<int>(value));
    return values;
}

ConfigPath path_at(const Document& doc, std::string_view path, const std::filesystem::path& base) {
    return resolve_path(doc.get_string(path), base);
}

DatasetConfig build_dataset(const Document& doc, const std::filesystem::path& base) {
    return DatasetConfig{path_at(doc, "dataset.equity_path", base),
                         path_at(doc, "dataset.crypto_path", base),
                         path_at(doc, "dataset.benchmark_path", base),
                         enum_at(doc, "dataset.format", parse_data_format, DataFormat::Csv),
                         doc.get_date("dataset.start_date"),
                         doc.get_date("dataset.end_date"),
                         int_at(doc, "dataset.min_lookback_days")};
}

SplitsConfig build_splits(const Document& doc) {
    return SplitsConfig{doc.get_date("splits.train_start"),      doc.get_date("splits.train_end"),
                        doc.get_date("splits.validation_start"), doc.get_date("splits.validation_end"),
                        doc.get_date("splits.holdout_start"),    doc.get_date("splits.holdout_end")};
}

std::optional<StrategySlot> build_slot(const Document& doc, const std::string& slot,
                                       const std::filesystem::path& base) {
    if (!doc.has("strategies." + slot)) return std::nullopt;
    StrategySlot s;
    s.config_path = path_at(doc, "strategies." + slot + ".config_path", base);
    s.enabled = doc.get_bool("strategies." + slot + ".enabled");
    return s;
}

OutputConfig build_output(const Document& doc) {
    return OutputConfig{doc.get_string("output.base_path"),
                        doc.get_optional_string("output.run_id"),
                        doc.get_optional_string("output.config_name"),
                        doc.get_string("output.equity_curve"),
                        doc.get_string("output.trade_log"),
                        doc.get_string("output.weekly_summary"),
                        doc.get_string("output.monthly_report"),
                        doc.get_string("output.scenario_comparison"),
                        enum_at(doc, "output.log_level", parse_log_level, LogLevel::Info),
                        doc.get_string("output.log_file"),
                        doc.get_bool("output.log_json_format"),
                        doc.get_bool("output.log_use_rich")};
}

ValidationConfig build_validation(const Document& doc) {
    ValidationConfig v;
    if (doc.has("validation.sensitivity")) {
        const std::string s = "validation.sensitivity.";
        v.sensitivity = SensitivityConfig{doc.get_bool(s + "enabled"),
                                          doc.get_floats(s + "equity_atr_mult"),
                                          doc.get_floats(s + "equity_breakout_clearance"),
                                          ints_at(doc, s + "equity_exit_ma"),
                                          doc.get_floats(s + "crypto_atr_mult"),
                                          doc.get_floats(s + "crypto_breakout_clearance"),
                                          enums_at(doc, s + "crypto_exit_mode", parse_crypto_exit_mode),
                                          enums_at(doc, s + "vol_scaling_mode", parse_vol_scaling_mode)};
    }
    if (doc.has("validation.stress_tests")) {
        const std::string s = "validation.stress_tests.";
        v.stress_tests = StressTestsConfig{
            doc.get_floats(s + "slippage_multipliers"), doc.get_bool(s + "bear_market_test"),
            doc.get_bool(s + "range_market_test"), doc.get_bool(s + "flash_crash_test")};
    }
    if (doc.has("validation.statistical")) {
        const std::string s = "validation.statistical.";
        v.statistical = StatisticalConfig{int_at(doc, s + "bootstrap_iterations"),
                                          int_at(doc, s + "permutation_iterations"),
                                          doc.get_float(s + "bootstrap_5th_percentile_threshold")};
    }
    return v;
}

MetricsConfig build_metrics(const Document& doc) {
    MetricsConfig m;
    if (doc.has("metrics.primary")) {
        const std::string s = "metrics.primary.";
        m.primary =
            PrimaryMetrics{doc.get_float(s + "sharpe_ratio_min"), doc.get_float(s + "max_drawdown_max"),
                           doc.get_float(s + "calmar_ratio_min"), int_at(doc, s + "min_trades")};
    }
    if (doc.has("metrics.secondary")) {
        const std::string s = "metrics.secondary.";
        m.secondary =
            SecondaryMetrics{doc.get_float(s + "expectancy_R_min"), doc.get_float(s + "profit_factor_min"),
                             doc.get_float(s + "correlation_to_benchmark_max"),
                             doc.get_float(s + "percentile_99_daily_loss_max")};
    }
    if (doc.has("metrics.rejection")) {
        const std::string s = "metrics.rejection.";
        m.rejection =
            RejectionMetrics{doc.get_float(s + "max_drawdown_max"), doc.get_float(s + "sharpe_ratio_min"),
                             doc.get_float(s + "calmar_ratio_min")};
    }
    return m;
}

ResearchConfig build_research(const Document& doc) {
    return ResearchConfig{
        doc.get_bool("research.enabled"), int_at(doc, "research.lookback_hours"),
        int_at(doc, "research.max_articles_per_symbol"),
        ResearchSentimentConfig{doc.get_bool("research.sentiment.use_vader"),
                                doc.get_bool("research.sentiment.use_finbert"),
                                doc.get_float("research.sentiment.vader_threshold_positive"),
                                doc.get_float("research.sentiment.vader_threshold_negative"),
                                doc.get_float("research.sentiment.min_confidence")},
        ResearchRelevanceConfig{doc.get_float("research.relevance.min_relevance_score"),
                                doc.get_float("research.relevance.title_weight"),
                                doc.get_float("research.relevance.summary_weight")}};
}

SignalsConfig build_signals(const Document& doc) {
    return SignalsConfig{int_at(doc, "signals.max_recommendations"),
                         enum_at(doc, "signals.min_conviction", parse_conviction, Conviction::Medium),
                         doc.get_float("signals.technical_weight"),
                         doc.get_float("signals.news_weight"),
                         doc.get_bool("signals.news_enabled"),
                         int_at(doc, "signals.news_lookback_hours"),
                         doc.get_float("signals.min_news_score_for_boost"),
                         doc.get_float("signals.max_news_score_for_penalty")};
}

ScoringWeights build_scoring_weights(const Document& doc) {
    // A weights map replaces the default map as a whole: names left out weigh 0.
    const auto weights = doc.get_map("scoring.weights");
    auto weight = [&](const char* name) {
        const auto it = weights.find(name);
        return it == weights.end() ? 0.0 : it->second;
    };
    return ScoringWeights{weight("breakout"), weight("momentum"), weight("diversification")};
}

}  // namespace

RunConfig build_run_config(const Document& doc, const std::filesystem::path& base_dir) {
    RunConfig c;
    c.schema_version = doc.get_string("schema_version");
    c.dataset = build_dataset(doc, base_dir);
    c.splits = build_splits(doc);
    c.strategies = StrategiesConfig{build_slot(doc, "equity", base_dir), build_slot(doc, "crypto", base_dir)};
    c.portfolio = PortfolioConfig{doc.get_float("portfolio.starting_equity")};
    c.volatility_scaling = VolatilityScalingConfig{
        doc.get_bool("volatility_scaling.enabled"),
        enum_at(doc, "volatility_scaling.mode", parse_vol_scaling_mode, VolScalingMode::Continuous),
        int_at(doc, "volatility_scaling.lookback"),
        int_at(doc, "volatility_scaling.baseline_lookback"),
        doc.get_float("volatility_scaling.min_multiplier"),
        doc.get_float("volatility_scaling.max_multiplier")};
    c.correlation_guard = CorrelationGuardConfig{doc.get_bool("correlation_guard.enabled"),
                                                 int_at(doc, "correlation_guard.min_positions"),
                                                 doc.get_float("correlation_guard.avg_pairwise_threshold"),
                                                 doc.get_float("correlation_guard.candidate_threshold")};
    c.scoring = ScoringConfig{build_scoring_weights(doc)};
    c.execution = ExecutionConfig{
        enum_at(doc, "execution.signal_timing", parse_signal_timing, SignalTiming::Close),
        enum_at(doc, "execution.execution_timing", parse_execution_timing, ExecutionTiming::NextOpen),
        enum_at(doc, "execution.slippage_model", parse_slippage_model, SlippageModel::Full)};
    c.output = build_output(doc);
    c.random_seed = static_cast<std::uint64_t>(doc.get_int("random_seed"));
    c.validation = build_validation(doc);
    c.metrics = build_metrics(doc);
    c.ml_data_collection = MlDataCollectionConfig{doc.get_bool("ml_data_collection.enabled"),
                                                  doc.get_string("ml_data_collection.db_path")};
    c.research = build_research(doc);
    c.signal_settings = build_signals(doc);
    return c;
}

// ---------------------------------------------------------------------------------------------------------------

namespace {

void check_dates(Document& doc, const RunConfig& c) {
    require_order(doc, "dataset.start_date", "dataset.end_date", Order::Less, true);
    require_order(doc, "splits.train_start", "splits.train_end", Order::Less, true);
    require_order(doc, "splits.validation_start", "splits.validation_end", Order::Less, true);
    require_order(doc, "splits.holdout_start", "splits.holdout_end", Order::Less, true);
    require_order(doc, "splits.train_end", "splits.validation_start", Order::Less, true);
    require_order(doc, "splits.validation_end", "splits.holdout_start", Order::Less, true);

    // Splits should lie inside the loaded data; only worth saying when the data range itself is sound.
    if (!doc.usable("dataset.start_date") || !doc.usable("dataset.end_date")) return;
    const Date start = c.dataset.start_date;
    const Date end = c.dataset.end_date;
    if (start >= end) return;
    for (const char* key :
         {"train_start", "train_end", "validation_start", "validation_end", "holdout_start", "holdout_end"}) {
        const std::string path = fmt::format("splits.{}", key);
        if (!doc.usable(path)) continue;
        const Date date = doc.get_date(path);
        if (date < start || date > end) {
            doc.warning(path, fmt::format("{} is outside the loaded data {}..{}", format_date(date),
                                          format_date(start), format_date(end)));
        }
    }
}

void check_strategy_slots(Document& doc, const RunConfig& c) {
    if (!doc.usable("strategies")) return;
    const auto& slots = c.strategies;
    if (!slots.equity && !slots.crypto) {
        doc.error("strategies", "needs an equity or a crypto strategy");
        return;
    }
    const bool any_enabled =
        (slots.equity && slots.equity->enabled) || (slots.crypto && slots.crypto->enabled);
    if (!any_enabled) doc.error("strategies", "no strategy is enabled");
}

void check_data_folders(Document& doc, const RunConfig& c) {
    auto check = [&](const char* path, const ConfigPath& folder) {
        std::error_code error;
        if (!doc.usable(path) || std::filesystem::is_directory(folder.resolved, error)) return;
        doc.warning(path, fmt::format("folder not found: {}", display_path(doc.file(), folder.text)));
    };
    const auto enabled = [](const std::optional<StrategySlot>& slot) { return slot && slot->enabled; };
    if (enabled(c.strategies.equity)) check("dataset.equity_path", c.dataset.equity_path);
    if (enabled(c.strategies.crypto)) check("dataset.crypto_path", c.dataset.crypto_path);
    check("dataset.benchmark_path", c.dataset.benchmark_path);
    if (doc.usable("dataset.format") && c.dataset.format != DataFormat::Csv) {
        doc.warning("dataset.format", fmt::format("only csv data can be read; {} is not supported yet",
                                                  to_string(c.dataset.format)));
    }
}

void check_scoring_weights(Document& doc, const RunConfig& c) {
    if (!doc.usable("scoring.weights")) return;
    const auto& w = c.scoring.weights;
    const double sum = w.breakout + w.momentum + w.diversification;
    if (std::abs(sum - 1.0) > 0.001)
        doc.error("scoring.weights", fmt::format("weights must sum to 1, got {:.6g}", sum));
}

}  // namespace

void check_run_rules(Document& doc, const RunConfig& c) {
    check_dates(doc, c);
    check_strategy_slots(doc, c);
    check_data_folders(doc, c);
    require_order(doc, "volatility_scaling.min_multiplier", "volatility_scaling.max_multiplier",
                  Order::LessOrEqual, false);
    check_scoring_weights(doc, c);
}

}  // namespace detail

}  // namespace tradelab::config
