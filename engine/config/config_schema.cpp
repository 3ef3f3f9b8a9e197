#include "config/config_schema.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace tradelab::config {

std::string_view to_string(ValueType type) {
    switch (type) {
        case ValueType::Bool:
            return "bool";
        case ValueType::Int:
            return "int";
        case ValueType::Float:
            return "float";
        case ValueType::String:
            return "string";
        case ValueType::Path:
            return "path";
        case ValueType::Date:
            return "date";
        case ValueType::Enum:
            return "enum";
        case ValueType::List:
            return "list";
        case ValueType::Map:
            return "map";
        case ValueType::Object:
            return "object";
    }
    return "?";
}

std::string_view to_string(ConfigKind kind) {
    return kind == ConfigKind::Run ? "run" : "strategy";
}

bool Range::contains(double value) const {
    if (min && (min_exclusive ? value <= *min : value < *min)) return false;
    if (max && (max_exclusive ? value >= *max : value > *max)) return false;
    return true;
}

namespace {

// Shortest text that reads back as the same double ("0.005", "100000", "1e+07" becomes "10000000").
std::string number_text(double value) {
    if (std::abs(value) < 1e15 && value == std::floor(value)) return fmt::format("{:.0f}", value);
    return fmt::format("{}", value);
}

}  // namespace

std::string Range::to_text() const {
    if (min && max) {
        return fmt::format("{}{}, {}{}", min_exclusive ? "(" : "[", number_text(*min), number_text(*max),
                           max_exclusive ? ")" : "]");
    }
    if (min) return fmt::format("{} {}", min_exclusive ? ">" : ">=", number_text(*min));
    if (max) return fmt::format("{} {}", max_exclusive ? "<" : "<=", number_text(*max));
    return {};
}

std::string KeySpec::name() const {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string KeySpec::parent_path() const {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

int KeySpec::depth() const {
    return static_cast<int>(std::count(path.begin(), path.end(), '.'));
}

bool KeySpec::applies_to(StrategyType type) const {
    return strategy_types.empty() ||
           std::find(strategy_types.begin(), strategy_types.end(), type) != strategy_types.end();
}

namespace {

// Fluent builder so each table row reads as one sentence.
class Key {
  public:
    Key(std::string path, ValueType type) {
        spec_.path = std::move(path);
        spec_.type = type;
    }
    Key& def(std::string yaml) { return set(&KeySpec::default_yaml, std::move(yaml)); }
    Key& required() { return set(&KeySpec::required, true); }
    Key& nullable() { return set(&KeySpec::nullable, true); }
    Key& open() { return set(&KeySpec::open, true); }
    Key& between(double lo, double hi) { return at_least(lo).at_most(hi); }
    Key& at_least(double lo) {
        spec_.range.min = lo;
        spec_.range.min_exclusive = false;
        return *this;
    }
    Key& above(double lo) {
        spec_.range.min = lo;
        spec_.range.min_exclusive = true;
        return *this;
    }
    Key& at_most(double hi) {
        spec_.range.max = hi;
        spec_.range.max_exclusive = false;
        return *this;
    }
    Key& one_of(std::vector<std::string> values) { return set(&KeySpec::allowed, std::move(values)); }
    Key& ignoring_case() { return set(&KeySpec::case_insensitive, true); }
    Key& items(ValueType type) { return set(&KeySpec::item_type, type); }
    Key& item_length(int length) { return set(&KeySpec::item_length, length); }
    Key& min_items(int count) { return set(&KeySpec::min_items, count); }
    Key& accepts_single() { return set(&KeySpec::accepts_single, true); }
    Key& names(std::vector<std::string> keys) { return set(&KeySpec::map_keys, std::move(keys)); }
    Key& aliases(std::vector<std::string> names) { return set(&KeySpec::aliases, std::move(names)); }
    Key& only_for(std::vector<StrategyType> types) { return set(&KeySpec::strategy_types, std::move(types)); }
    Key& doc(std::string text) { return set(&KeySpec::description, std::move(text)); }
    operator KeySpec() const { return spec_; }  // NOLINT: rows convert implicitly into the table

  private:
    template <typename Member, typename Value>
    Key& set(Member member, Value&& value) {
        spec_.*member = std::forward<Value>(value);
        return *this;
    }
    KeySpec spec_;
};

Key section(std::string path, std::string doc) {
    return std::move(Key(std::move(path), ValueType::Object).doc(std::move(doc)));
}
Key boolean(std::string path, std::string def) {
    return std::move(Key(std::move(path), ValueType::Bool).def(std::move(def)));
}
Key integer(std::string path, std::string def) {
    return std::move(Key(std::move(path), ValueType::Int).def(std::move(def)));
}
Key number(std::string path, std::string def) {
    return std::move(Key(std::move(path), ValueType::Float).def(std::move(def)));
}
Key text(std::string path, std::string def) {
    return std::move(Key(std::move(path), ValueType::String).def(std::move(def)));
}
Key file_path(std::string path) {
    return Key(std::move(path), ValueType::Path);
}
Key date(std::string path) {
    return Key(std::move(path), ValueType::Date);
}
Key choice(std::string path, std::string def, std::vector<std::string> values) {
    return std::move(Key(std::move(path), ValueType::Enum).def(std::move(def)).one_of(std::move(values)));
}
Key list_of(std::string path, ValueType item, std::string def) {
    return std::move(Key(std::move(path), ValueType::List).items(item).def(std::move(def)));
}

constexpr double kMaxSeed = 4294967295.0;  // 32-bit unsigned, what std::mt19937 and numpy both accept

KeySpec schema_version_key() {
    return Key("schema_version", ValueType::Enum)
        .def("\"1.0\"")
        .one_of({"1.0", "1.1"})
        .aliases({"version", "config_version"})
        .doc(
            "Config format version (also spelled version or config_version); absent means 1.0, current is "
            "1.1.");
}

std::vector<KeySpec> make_run_schema() {
    const std::vector<std::string> vol_modes{"continuous", "regime", "off"};
    return {
        schema_version_key(),

        section("dataset", "Where the market data lives and which dates are loaded.").required(),
        file_path("dataset.equity_path")
            .required()
            .doc("Folder of equity daily bars, one <SYMBOL>.csv per symbol."),
        file_path("dataset.crypto_path")
            .required()
            .doc("Folder of crypto daily bars, one <SYMBOL>.csv per symbol."),
        file_path("dataset.benchmark_path")
            .required()
            .doc("Folder holding the benchmarks SPY.csv and BTC.csv."),
        choice("dataset.format", "csv", {"csv", "parquet", "database"})
            .doc("Storage format of the bars; only csv is read."),
        date("dataset.start_date")
            .required()
            .doc("First date loaded (must be before end_date); leave room for indicator warm-up."),
        date("dataset.end_date").required().doc("Last date loaded (inclusive)."),
        integer("dataset.min_lookback_days", "250")
            .between(1, 1000)
            .doc("Bars of history wanted before the first traded day."),

        section("splits", "Walk-forward periods: train, then validation, then holdout, in that order.")
            .required(),
        date("splits.train_start").required().doc("First day of the train period."),
        date("splits.train_end").required().doc("Last day of the train period; before validation_start."),
        date("splits.validation_start").required().doc("First day of the validation period."),
        date("splits.validation_end")
            .required()
            .doc("Last day of the validation period; before holdout_start."),
        date("splits.holdout_start").required().doc("First day of the holdout period (never tune on it)."),
        date("splits.holdout_end").required().doc("Last day of the holdout period."),

        section("strategies", "Strategy slots; at least one must be present and enabled.").required(),
        section("strategies.equity", "Equity strategy slot.").nullable(),
        file_path("strategies.equity.config_path").required().doc("Strategy config file of the equity slot."),
        boolean("strategies.equity.enabled", "true").doc("Whether the equity strategy trades in this run."),
        section("strategies.crypto", "Crypto strategy slot.").nullable(),
        file_path("strategies.crypto.config_path").required().doc("Strategy config file of the crypto slot."),
        boolean("strategies.crypto.enabled", "true").doc("Whether the crypto strategy trades in this run."),

        section("portfolio", "Account settings shared by all strategies."),
        number("portfolio.starting_equity", "100000").above(0).doc("Cash at the start of every period."),

        section("volatility_scaling", "Risk multiplier for new entries from portfolio volatility."),
        boolean("volatility_scaling.enabled", "true")
            .doc("Scale the risk of new entries by recent portfolio volatility."),
        choice("volatility_scaling.mode", "continuous", vol_modes)
            .doc("continuous: 1/max(vol20/median, 1); regime: 0.5 when vol20 > 2x median; off: always 1."),
        integer("volatility_scaling.lookback", "20")
            .between(1, 252)
            .doc("Days in the recent volatility window."),
        integer("volatility_scaling.baseline_lookback", "252")
            .at_least(1)
            .doc("Days in the baseline (median) window."),
        number("volatility_scaling.min_multiplier", "0.33")
            .between(0, 1)
            .doc("Lowest risk multiplier; at most max_multiplier."),
        number("volatility_scaling.max_multiplier", "1.0").between(0, 5).doc("Highest risk multiplier."),

        section("correlation_guard", "Rejects entries that would crowd an already correlated portfolio."),
        boolean("correlation_guard.enabled", "true").doc("Apply the correlation guard to queued entries."),
        integer("correlation_guard.min_positions", "4")
            .at_least(1)
            .doc("Open positions needed before the guard applies."),
        number("correlation_guard.avg_pairwise_threshold", "0.70")
            .between(0, 1)
            .doc("Guard applies when the average pairwise correlation of holdings exceeds this."),
        number("correlation_guard.candidate_threshold", "0.75")
            .between(0, 1)
            .doc("A candidate more correlated than this with the portfolio is rejected."),

        section("scoring", "Cross-sectional ranking of the day's signals."),
        Key("scoring.weights", ValueType::Map)
            .def("{breakout: 0.50, momentum: 0.30, diversification: 0.20}")
            .names({"breakout", "momentum", "diversification"})
            .between(0, 1)
            .doc("Score weights; must sum to 1 (names left out weigh 0)."),

        section("execution", "When signals are taken and orders filled."),
        choice("execution.signal_timing", "close", {"close"}).doc("Signals are computed at the close."),
        choice("execution.execution_timing", "next_open", {"next_open"})
            .doc("Orders fill at the next session's open."),
        choice("execution.slippage_model", "full", {"full", "simple", "none"})
            .doc("full: base, volatility, size, weekend and stress terms; simple: base only; none: zero."),

        section("output", "Where results and logs are written (relative to the working directory)."),
        text("output.base_path", "results/").doc("Folder that receives one sub-folder per run."),
        text("output.run_id", "null")
            .nullable()
            .doc("Run folder name; null means run_YYYYMMDD_HHMMSS[_<config_name>]."),
        text("output.config_name", "null").nullable().doc("Label appended to generated run ids."),
        text("output.equity_curve", "equity_curve.csv").doc("File name of the daily equity curve."),
        text("output.trade_log", "trade_log.csv").doc("File name of the closed-trade log."),
        text("output.weekly_summary", "weekly_summary.csv").doc("File name of the weekly summary."),
        text("output.monthly_report", "monthly_report.json").doc("File name of the monthly report."),
        text("output.scenario_comparison", "scenario_comparison.json")
            .doc("File name of the scenario comparison."),
        choice("output.log_level", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"})
            .ignoring_case()
            .doc("Console log level (any case)."),
        text("output.log_file", "backtest.log")
            .doc("Log file name inside the run folder (always at DEBUG level)."),
        boolean("output.log_json_format", "false").doc("Write the log file as JSON lines."),
        boolean("output.log_use_rich", "true").doc("Coloured console output."),

        integer("random_seed", "42")
            .between(0, kMaxSeed)
            .doc("Seed for slippage draws, bootstrap, permutations and crash dates."),

        section("validation", "Validation-suite settings; each block is optional.").nullable(),
        section("validation.sensitivity", "Parameter grid of the sensitivity command.").nullable(),
        boolean("validation.sensitivity.enabled", "true").doc("Run the sensitivity grid."),
        list_of("validation.sensitivity.equity_atr_mult", ValueType::Float, "[2.0, 2.5, 3.0, 3.5]")
            .above(0)
            .at_most(10)
            .min_items(1)
            .doc("Equity exit.hard_stop_atr_mult values to try."),
        list_of("validation.sensitivity.equity_breakout_clearance", ValueType::Float,
                "[0, 0.005, 0.010, 0.015]")
            .between(0, 0.1)
            .min_items(1)
            .doc("Equity entry.fast_clearance values to try."),
        list_of("validation.sensitivity.equity_exit_ma", ValueType::Int, "[20, 50]")
            .between(1, 200)
            .min_items(1)
            .doc("Equity exit.exit_ma values to try."),
        list_of("validation.sensitivity.crypto_atr_mult", ValueType::Float, "[2.5, 3.0, 3.5, 4.0]")
            .above(0)
            .at_most(10)
            .min_items(1)
            .doc("Crypto exit.hard_stop_atr_mult values to try."),
        list_of("validation.sensitivity.crypto_breakout_clearance", ValueType::Float,
                "[0, 0.005, 0.010, 0.015]")
            .between(0, 0.1)
            .min_items(1)
            .doc("Crypto entry.fast_clearance values to try."),
        list_of("validation.sensitivity.crypto_exit_mode", ValueType::Enum, "[MA20, MA50, staged]")
            .one_of({"MA20", "MA50", "staged"})
            .min_items(1)
            .doc("Crypto exits to try: MA20 / MA50 (ma_cross with that MA) or staged."),
        list_of("validation.sensitivity.vol_scaling_mode", ValueType::Enum, "[continuous, regime, off]")
            .one_of(vol_modes)
            .min_items(1)
            .doc("volatility_scaling.mode values to try."),
        section("validation.stress_tests",
                "Stress tests of the validate command (absent: all tests, multipliers 2 and 3).")
            .nullable(),
        list_of("validation.stress_tests.slippage_multipliers", ValueType::Float, "[1.0, 2.0, 3.0]")
            .above(0)
            .at_most(100)
            .doc("Slippage multipliers to run (1.0 is the baseline and skipped)."),
        boolean("validation.stress_tests.bear_market_test", "true")
            .doc("Run on bear months only (benchmark month < -5%)."),
        boolean("validation.stress_tests.range_market_test", "true").doc("Run on range-bound months only."),
        boolean("validation.stress_tests.flash_crash_test", "true").doc("Inject flash-crash days."),
        section("validation.statistical", "Bootstrap and permutation tests.").nullable(),
        integer("validation.statistical.bootstrap_iterations", "1000")
            .at_least(1)
            .doc("Bootstrap resamples of trade R-multiples."),
        integer("validation.statistical.permutation_iterations", "1000")
            .at_least(1)
            .doc("Permutations of the permutation test."),
        number("validation.statistical.bootstrap_5th_percentile_threshold", "0.4")
            .doc("Reject when the bootstrap 5th-percentile Sharpe is below this."),

        section("metrics", "Go/no-go targets for the holdout evaluation; each block is optional.").nullable(),
        section("metrics.primary", "All must pass.").nullable(),
        number("metrics.primary.sharpe_ratio_min", "1.0").doc("Sharpe ratio must exceed this."),
        number("metrics.primary.max_drawdown_max", "0.15")
            .between(0, 1)
            .doc("Maximum drawdown must stay below this."),
        number("metrics.primary.calmar_ratio_min", "1.5").doc("Calmar ratio must exceed this."),
        integer("metrics.primary.min_trades", "50")
            .at_least(0)
            .doc("Closed trades needed (all strategies together)."),
        section("metrics.secondary", "At least 3 of 4 must pass.").nullable(),
        number("metrics.secondary.expectancy_R_min", "0.3")
            .doc("Expectancy after costs, in R, must exceed this."),
        number("metrics.secondary.profit_factor_min", "1.4")
            .at_least(0)
            .doc("Profit factor must exceed this."),
        number("metrics.secondary.correlation_to_benchmark_max", "0.80")
            .between(-1, 1)
            .doc("Correlation to the benchmark must stay below this."),
        number("metrics.secondary.percentile_99_daily_loss_max", "0.05")
            .between(0, 1)
            .doc("99th-percentile daily loss must stay below this."),
        section("metrics.rejection", "Any failure rejects the strategy.").nullable(),
        number("metrics.rejection.max_drawdown_max", "0.20")
            .between(0, 1)
            .doc("Reject when the maximum drawdown exceeds this."),
        number("metrics.rejection.sharpe_ratio_min", "0.75")
            .doc("Reject when the Sharpe ratio is below this."),
        number("metrics.rejection.calmar_ratio_min", "1.0")
            .doc("Reject when the Calmar ratio is below this."),

        section("ml_data_collection", "Collects features and outcomes for offline model training."),
        boolean("ml_data_collection.enabled", "false")
            .doc("Write features at signal time and outcomes at trade close."),
        text("ml_data_collection.db_path", "features.db")
            .doc("SQLite feature store (relative to the working directory)."),

        section("research",
                "News research for live recommendations (outside the backtest; keys not listed are kept "
                "unchecked).")
            .open(),
        boolean("research.enabled", "true").doc("Enable news research."),
        integer("research.lookback_hours", "48").at_least(1).doc("Hours of news considered."),
        integer("research.max_articles_per_symbol", "10").at_least(1).doc("Articles read per symbol."),
        section("research.sentiment", "News sentiment models."),
        boolean("research.sentiment.use_vader", "true").doc("Score articles with VADER."),
        boolean("research.sentiment.use_finbert", "false").doc("Score articles with FinBERT."),
        number("research.sentiment.vader_threshold_positive", "0.05")
            .between(-1, 1)
            .doc("VADER score counted as positive."),
        number("research.sentiment.vader_threshold_negative", "-0.05")
            .between(-1, 1)
            .doc("VADER score counted as negative."),
        number("research.sentiment.min_confidence", "0.5")
            .between(0, 1)
            .doc("Minimum model confidence to use a score."),
        section("research.relevance", "Article relevance scoring."),
        number("research.relevance.min_relevance_score", "0.3")
            .between(0, 1)
            .doc("Articles below this relevance are dropped."),
        number("research.relevance.title_weight", "0.6")
            .between(0, 1)
            .doc("Weight of the title in relevance."),
        number("research.relevance.summary_weight", "0.4")
            .between(0, 1)
            .doc("Weight of the summary in relevance."),

        section("signals", "Live recommendation settings (outside the backtest)."),
        integer("signals.max_recommendations", "5").at_least(1).doc("Recommendations per day."),
        choice("signals.min_conviction", "MEDIUM", {"LOW", "MEDIUM", "HIGH"})
            .ignoring_case()
            .doc("Lowest conviction recommended."),
        number("signals.technical_weight", "0.6").between(0, 1).doc("Weight of the technical score."),
        number("signals.news_weight", "0.4").between(0, 1).doc("Weight of the news score."),
        boolean("signals.news_enabled", "true").doc("Blend news into recommendations."),
        integer("signals.news_lookback_hours", "48").at_least(1).doc("Hours of news considered."),
        number("signals.min_news_score_for_boost", "7.0")
            .between(0, 10)
            .doc("News score (0-10) that boosts a signal."),
        number("signals.max_news_score_for_penalty", "3.0")
            .between(0, 10)
            .doc("News score (0-10) that penalises a signal."),
    };
}

std::vector<KeySpec> make_strategy_schema() {
    using ST = StrategyType;
    const std::vector<ST> mean_reversion{ST::MeanReversion};
    const std::vector<ST> pairs{ST::Pairs};
    const std::vector<ST> mtf{ST::MultiTimeframe};
    const std::vector<ST> factor{ST::Factor};
    auto atr_period = [](std::vector<ST> types) {
        return integer("parameters.atr_period", "14")
            .between(1, 252)
            .only_for(std::move(types))
            .doc("ATR window of the stop.");
    };
    auto stop_atr_mult = [](std::vector<ST> types) {
        return number("parameters.stop_atr_mult", "2.0")
            .above(0)
            .at_most(10)
            .only_for(std::move(types))
            .doc("Stop distance from the entry close, in ATRs.");
    };
    auto min_adv20 = [](std::vector<ST> types) {
        return number("parameters.min_adv20", "10000000")
            .at_least(0)
            .only_for(std::move(types))
            .doc("Minimum 20-day average dollar volume.");
    };
    auto max_hold_days = [](std::string def, std::vector<ST> types) {
        return integer("parameters.max_hold_days", std::move(def))
            .at_least(1)
            .only_for(std::move(types))
            .doc("Time stop in calendar days.");
    };
    return {
        schema_version_key(),
        text("name", "")
            .required()
            .doc("Strategy name; selects the strategy type when strategy_type is absent."),
        choice("strategy_type", "null", {"momentum", "mean_reversion", "pairs", "multi_timeframe", "factor"})
            .nullable()
            .doc(
                "Strategy type; null infers it from the name (pair, mean_reversion, momentum, mtf, factor)."),
        choice("asset_class", "", {"equity", "crypto"}).required().doc("Asset class traded by the strategy."),
        list_of("universe", ValueType::String, "")
            .required()
            .accepts_single()
            .doc("A universe name (NASDAQ-100, SP500, crypto) or a list of symbols."),
        text("benchmark", "").required().doc("Benchmark symbol: SPY for equity, BTC for crypto."),
        number("risk_allocation", "1.0")
            .above(0)
            .at_most(1)
            .doc("Share of capital for this strategy in multi-strategy runs."),

        section("universe_config", "Crypto universe selection; overrides universe when present.").nullable(),
        choice("universe_config.mode", "fixed", {"fixed", "custom", "dynamic"})
            .doc(
                "fixed: symbols or the 10 default coins; custom: symbols or a file; dynamic: filters below."),
        list_of("universe_config.symbols", ValueType::String, "null")
            .nullable()
            .doc("Symbols for fixed or custom mode."),
        file_path("universe_config.universe_file_path")
            .def("null")
            .nullable()
            .doc("CSV with a symbol column (custom mode)."),
        number("universe_config.min_market_cap_usd", "null")
            .nullable()
            .at_least(0)
            .doc("Dynamic mode: minimum market cap."),
        number("universe_config.min_volume_usd", "null")
            .nullable()
            .at_least(0)
            .doc("Dynamic mode: minimum average daily dollar volume."),
        number("universe_config.min_liquidity_score", "null")
            .nullable()
            .between(0, 1)
            .doc("Dynamic mode: minimum normalised liquidity score."),
        integer("universe_config.max_symbols", "null")
            .nullable()
            .at_least(1)
            .doc("Dynamic mode: keep at most this many."),
        choice("universe_config.rebalance_frequency", "never", {"never", "monthly", "quarterly"})
            .doc("Dynamic mode: how often the selection is redone."),
        integer("universe_config.rebalance_lookback_days", "30")
            .between(1, 365)
            .doc("Dynamic mode: calendar days of history behind the selection."),

        section("parameters",
                "Settings of the strategy type (mean_reversion, pairs, multi_timeframe, factor).")
            .nullable(),
        integer("parameters.lookback", "20").between(2, 252).only_for(mean_reversion).doc("Z-score window."),
        number("parameters.entry_std", "2.0")
            .above(0)
            .only_for(mean_reversion)
            .doc("Enter when |z| exceeds this."),
        number("parameters.exit_std", "0.0")
            .at_least(0)
            .only_for(mean_reversion)
            .doc("Exit when z returns within this."),
        max_hold_days("5", mean_reversion),
        atr_period(mean_reversion),
        stop_atr_mult(mean_reversion),
        min_adv20(mean_reversion),
        Key("parameters.pairs", ValueType::List)
            .items(ValueType::List)
            .item_length(2)
            .min_items(1)
            .required()
            .only_for(pairs)
            .doc("Pairs to trade, as [symbol1, symbol2] lists."),
        integer("parameters.lookback", "60").between(2, 252).only_for(pairs).doc("Spread z-score window."),
        number("parameters.entry_zscore", "2.0").above(0).only_for(pairs).doc("Enter when |z| exceeds this."),
        number("parameters.exit_zscore", "0.5")
            .at_least(0)
            .only_for(pairs)
            .doc("Exit both legs when |z| falls below this; below entry_zscore."),
        max_hold_days("10", pairs),
        atr_period(pairs),
        stop_atr_mult(pairs),
        integer("parameters.higher_tf_ma", "50")
            .between(1, 252)
            .only_for(mtf)
            .doc("Higher-timeframe trend MA (informational)."),
        integer("parameters.weekly_lookback", "4")
            .between(1, 52)
            .only_for(mtf)
            .doc("Weeks of the weekly breakout (informational)."),
        integer("parameters.weekly_days", "28")
            .between(1, 365)
            .only_for(mtf)
            .doc("Calendar days of the weekly window (informational)."),
        atr_period(mtf),
        stop_atr_mult(mtf),
        max_hold_days("60", mtf),
        min_adv20(mtf),
        Key("parameters.factors", ValueType::Map)
            .def("{momentum: 0.4, value: 0.3, quality: 0.3}")
            .names({"momentum", "value", "quality"})
            .between(0, 1)
            .only_for(factor)
            .doc("Composite factor weights (names left out weigh 0)."),
        choice("parameters.rebalance_frequency", "monthly", {"monthly", "quarterly"})
            .only_for(factor)
            .doc("Rebalance on the first days of each month or quarter."),
        number("parameters.top_decile_pct", "0.20")
            .above(0)
            .at_most(1)
            .only_for(factor)
            .doc("Share of the universe selected at each rebalance."),
        atr_period(factor),
        stop_atr_mult(factor),
        min_adv20(factor),
        max_hold_days("90", factor),

        section("indicators", "Indicator windows, in bars."),
        list_of("indicators.ma_periods", ValueType::Int, "[20, 50, 200]")
            .between(1, 252)
            .min_items(1)
            .doc("Moving-average windows computed."),
        integer("indicators.atr_period", "14").between(1, 252).doc("ATR window."),
        integer("indicators.roc_period", "60").between(1, 252).doc("Rate-of-change window."),
        integer("indicators.breakout_fast", "20")
            .between(1, 252)
            .doc("Fast breakout window; below breakout_slow."),
        integer("indicators.breakout_slow", "55").between(1, 252).doc("Slow breakout window."),
        integer("indicators.adv_lookback", "20").between(1, 252).doc("Average dollar volume window."),
        integer("indicators.corr_lookback", "20").between(1, 252).doc("Correlation window."),

        section("eligibility", "Trend filters a symbol must pass before an entry."),
        integer("eligibility.trend_ma", "50").between(1, 252).doc("Trend MA of equity momentum: 50 or 200."),
        integer("eligibility.ma_slope_lookback", "20")
            .between(1, 252)
            .doc("Bars over which the MA slope is measured."),
        number("eligibility.ma_slope_min", "0.005")
            .doc("Minimum MA50 rise over the slope window (equity, trend_ma 50)."),
        boolean("eligibility.require_close_above_trend_ma", "true")
            .doc("Require close above the trend MA (equity)."),
        boolean("eligibility.require_close_above_ma200", "false")
            .doc("Require close above MA200 (crypto always does)."),
        boolean("eligibility.relative_strength_enabled", "false")
            .doc("Require outperforming the benchmark over 60 days."),
        number("eligibility.relative_strength_min", "0.0").doc("Minimum 60-day ROC lead over the benchmark."),

        section("entry", "Breakout entry triggers."),
        number("entry.fast_clearance", "0.005")
            .between(0, 0.1)
            .doc("Close above the prior fast high by this fraction; below slow_clearance."),
        number("entry.slow_clearance", "0.010")
            .between(0, 0.1)
            .doc("Close above the prior slow high by this fraction."),

        section("exit", "Exit rules."),
        choice("exit.mode", "ma_cross", {"ma_cross", "staged"})
            .doc("ma_cross: hard stop or close below exit MA; staged: tighten the stop on an MA20 break "
                 "(crypto)."),
        integer("exit.exit_ma", "20").between(1, 200).doc("MA whose cross exits the position (20 or 50)."),
        number("exit.hard_stop_atr_mult", "2.5")
            .above(0)
            .at_most(10)
            .doc("Initial stop distance below entry, in ATRs."),
        number("exit.tightened_stop_atr_mult", "null")
            .nullable()
            .above(0)
            .at_most(10)
            .doc("Staged mode: stop distance after tightening; required for staged, below "
                 "hard_stop_atr_mult."),

        section("risk", "Position sizing and exposure limits (frozen)."),
        number("risk.risk_per_trade", "0.0075")
            .above(0)
            .at_most(0.05)
            .doc("Fraction of equity risked per trade."),
        integer("risk.max_positions", "8").between(1, 50).doc("Maximum open positions."),
        number("risk.max_exposure", "0.80")
            .above(0)
            .at_most(1)
            .doc("Maximum gross exposure as a fraction of equity."),
        number("risk.max_position_notional", "0.15")
            .above(0)
            .at_most(1)
            .doc("Maximum size of one position; at most max_exposure."),
        number("risk.max_net_exposure", "null")
            .nullable()
            .above(0)
            .at_most(1)
            .doc("Maximum net exposure; at most the long and short limits."),
        number("risk.max_long_exposure", "null")
            .nullable()
            .above(0)
            .at_most(1)
            .doc("Maximum long exposure; at most max_exposure."),
        number("risk.max_short_exposure", "null")
            .nullable()
            .above(0)
            .at_most(1)
            .doc("Maximum short exposure; at most max_exposure."),

        section("capacity", "Liquidity limits."),
        number("capacity.max_order_pct_adv", "0.005")
            .above(0)
            .at_most(1)
            .doc("Largest order as a fraction of 20-day average dollar volume."),

        section("costs", "Execution costs."),
        integer("costs.fee_bps", "1").between(0, 1000).doc("Fee per side, in basis points of notional."),
        integer("costs.slippage_base_bps", "8").between(0, 1000).doc("Mean slippage, in basis points."),
        number("costs.slippage_std_mult", "0.75")
            .at_least(0)
            .doc("Slippage standard deviation as a multiple of the mean."),
        number("costs.weekend_penalty", "1.0")
            .at_least(0)
            .doc("Slippage multiplier on weekend fills (crypto)."),
        number("costs.stress_threshold", "-0.03")
            .between(-1, 0)
            .doc("Benchmark weekly return below which slippage is stressed."),
        number("costs.stress_slippage_mult", "2.0").at_least(0).doc("Slippage multiplier under stress."),

        section("ml", "Model-based score adjustment."),
        boolean("ml.enabled", "false").doc("Apply a trained model to the day's signals."),
        file_path("ml.model_path").def("null").nullable().doc("Model folder or file; required when enabled."),
        choice("ml.prediction_mode", "score_enhancement", {"score_enhancement", "filter", "replace"})
            .doc("score_enhancement: blend; filter: demote below threshold; replace: use the model score."),
        number("ml.ml_weight", "0.3").between(0, 1).doc("Weight of the model in score_enhancement mode."),
        number("ml.confidence_threshold", "0.5")
            .between(0, 1)
            .doc("Filter mode: signals below this are ranked last."),

        section("sentiment", "Synthetic sentiment for backtests."),
        boolean("sentiment.enabled", "false").doc("Add synthetic sentiment to signal scores."),
        choice("sentiment.mode", "price_correlated",
               {"random_walk", "price_correlated", "event_based", "regime_based", "combined"})
            .doc("How the synthetic sentiment series is generated."),
        number("sentiment.weight", "0.15").between(0, 0.5).doc("Weight of sentiment in the score."),
        integer("sentiment.correlation_lag", "1").between(0, 5).doc("Days by which sentiment follows price."),
        number("sentiment.noise_std", "0.2").between(0, 0.5).doc("Noise added to the sentiment series."),
        file_path("sentiment.event_calendar_path")
            .def("null")
            .nullable()
            .doc("Event calendar for event_based mode."),
        number("sentiment.min_score_for_boost", "0.3")
            .between(0, 1)
            .doc("Sentiment above this boosts a signal."),
        number("sentiment.max_score_for_penalty", "-0.3")
            .between(-1, 0)
            .doc("Sentiment below this penalises a signal."),
        integer("sentiment.seed", "42").between(0, kMaxSeed).doc("Seed of the sentiment generator."),
    };
}

}  // namespace

const std::vector<KeySpec>& run_config_schema() {
    static const std::vector<KeySpec> schema = make_run_schema();
    return schema;
}

const std::vector<KeySpec>& strategy_config_schema() {
    static const std::vector<KeySpec> schema = make_strategy_schema();
    return schema;
}

const std::vector<KeySpec>& config_schema(ConfigKind kind) {
    return kind == ConfigKind::Run ? run_config_schema() : strategy_config_schema();
}

const KeySpec* find_key(ConfigKind kind, std::string_view path, StrategyType type) {
    for (const auto& spec : config_schema(kind)) {
        if (spec.path == path && spec.applies_to(type)) return &spec;
    }
    return nullptr;
}

}  // namespace tradelab::config
