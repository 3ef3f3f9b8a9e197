#include "store/metric_columns.hpp"

#include <array>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tradelab::store {
namespace {

constexpr std::array<MetricColumn, 22> kColumns = {{
    {"total_return", Better::Higher},
    {"cagr", Better::Higher},
    {"volatility", Better::Lower},
    {"sharpe_ratio", Better::Higher},
    {"max_drawdown", Better::Lower},
    {"calmar_ratio", Better::Higher},
    {"total_trades", Better::Neither},
    {"winning_trades", Better::Neither},
    {"losing_trades", Better::Neither},
    {"win_rate", Better::Higher},
    {"expectancy", Better::Higher},
    {"profit_factor", Better::Higher},
    {"correlation_to_benchmark", Better::Neither},
    {"percentile_99_daily_loss", Better::Lower},
    {"recovery_factor", Better::Higher},
    {"drawdown_duration", Better::Lower},
    {"turnover", Better::Neither},
    {"average_holding_period", Better::Neither},
    {"max_consecutive_losses", Better::Lower},
    {"realized_pnl", Better::Higher},
    {"final_equity", Better::Higher},
    {"open_positions_at_end", Better::Neither},
}};

struct Alias {
    std::string_view alias;
    std::string_view column;
};
constexpr std::array<Alias, 6> kAliases = {{{"sharpe", "sharpe_ratio"},
                                            {"calmar", "calmar_ratio"},
                                            {"trades", "total_trades"},
                                            {"return", "total_return"},
                                            {"drawdown", "max_drawdown"},
                                            {"max_dd", "max_drawdown"}}};

const std::array<std::string_view, kColumns.size()> kNames = [] {
    std::array<std::string_view, kColumns.size()> names{};
    for (std::size_t i = 0; i < kColumns.size(); ++i) names[i] = kColumns[i].name;
    return names;
}();

constexpr std::array<std::string_view, 14> kDefaultComparison = {
    "total_return",           "cagr",        "volatility", "sharpe_ratio",  "max_drawdown",    "calmar_ratio",
    "total_trades",           "win_rate",    "expectancy", "profit_factor", "recovery_factor", "turnover",
    "max_consecutive_losses", "final_equity"};

struct ThresholdText {
    std::string_view text;
    Threshold threshold;
};
// Two-character operators first, so ">=" is not read as ">" followed by "=1".
constexpr std::array<ThresholdText, 4> kOperators = {{{">=", Threshold::AtLeast},
                                                      {"<=", Threshold::AtMost},
                                                      {">", Threshold::Above},
                                                      {"<", Threshold::Below}}};

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<MetricColumn> find_metric_column(std::string_view name) {
    for (const auto& alias : kAliases)
        if (alias.alias == name) name = alias.column;
    for (const auto& column : kColumns)
        if (column.name == name) return column;
    return std::nullopt;
}

MetricColumn metric_column(std::string_view name) {
    if (const auto column = find_metric_column(name)) return *column;
    throw std::invalid_argument(
        fmt::format("unknown metric '{}'; known metrics: {}", name, fmt::join(kNames, ", ")));
}

std::string_view sql_operator(Threshold threshold) {
    switch (threshold) {
        case Threshold::AtLeast:
            return ">=";
        case Threshold::AtMost:
            return "<=";
        case Threshold::Above:
            return ">";
        case Threshold::Below:
            return "<";
    }
    return ">=";
}

std::span<const std::string_view> metric_names() {
    return kNames;
}

std::span<const std::string_view> default_comparison_metrics() {
    return kDefaultComparison;
}

MetricCondition parse_metric_condition(std::string_view text) {
    for (const auto& op : kOperators) {
        const auto at = text.find(op.text);
        if (at == std::string_view::npos) continue;
        const std::string_view name = trim(text.substr(0, at));
        const std::string_view number = trim(text.substr(at + op.text.size()));
        double value = 0.0;
        const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (error != std::errc() || end != number.data() + number.size() || number.empty())
            throw std::invalid_argument(fmt::format("'{}': '{}' is not a number", text, number));
        return {std::string(metric_column(name).name), op.threshold, value};
    }
    throw std::invalid_argument(
        fmt::format("'{}' is not a metric condition such as sharpe>=1 or max_drawdown<0.2 "
                    "(operators: >=, <=, >, <)",
                    text));
}

}  // namespace tradelab::store
