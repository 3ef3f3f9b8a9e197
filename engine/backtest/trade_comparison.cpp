#include "backtest/trade_comparison.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "data/csv_records.hpp"

namespace tradelab::backtest {
namespace {

enum Column { Symbol, EntryDate, ExitDate, EntryPrice, ExitPrice, Quantity, RealizedPnl, ExitReasonColumn };
constexpr std::array<std::string_view, 8> kColumns{"symbol",     "entry_date", "exit_date",    "entry_price",
                                                   "exit_price", "quantity",   "realized_pnl", "exit_reason"};

bool close_enough(double reference, double tradelab, double tolerance) {
    return std::abs(reference - tradelab) <= tolerance;
}

std::string number_text(double value) {
    return fmt::format("{:.10g}", value);
}

std::vector<FieldDifference> differences_of(const ReferenceTrade& reference, const TradeRecord& tradelab,
                                            const ComparisonTolerance& tolerance) {
    std::vector<FieldDifference> differences;
    const auto add = [&](std::string field, std::string ref, std::string ours) {
        differences.push_back({std::move(field), std::move(ref), std::move(ours)});
    };
    if (reference.exit_date != tradelab.exit_date)
        add("exit_date", format_date(reference.exit_date), format_date(tradelab.exit_date));
    if (reference.quantity != tradelab.quantity)
        add("quantity", number_text(reference.quantity), number_text(tradelab.quantity));
    const auto compare_price = [&](const char* field, double ref, double ours) {
        if (!close_enough(ref, ours, tolerance.price_relative * std::abs(ref)))
            add(field, number_text(ref), number_text(ours));
    };
    compare_price("entry_price", reference.entry_price, tradelab.entry_price);
    compare_price("exit_price", reference.exit_price, tradelab.exit_price);
    const double notional = std::abs(reference.entry_price * reference.quantity);
    if (!close_enough(reference.realized_pnl, tradelab.realized_pnl, tolerance.pnl_relative * notional))
        add("realized_pnl", number_text(reference.realized_pnl), number_text(tradelab.realized_pnl));
    if (reference.exit_reason != to_string(tradelab.exit_reason))
        add("exit_reason", reference.exit_reason, std::string(to_string(tradelab.exit_reason)));
    return differences;
}

}  // namespace

namespace {

std::vector<ReferenceTrade> reference_trades_of(const data::CsvRecords& log) {
    std::vector<ReferenceTrade> trades;
    for (const auto& row : log.rows()) {
        ReferenceTrade trade;
        trade.symbol = std::string(log.text(row, Symbol));
        trade.entry_date = log.date(row, EntryDate);
        trade.exit_date = log.date(row, ExitDate);
        trade.entry_price = log.number(row, EntryPrice);
        trade.exit_price = log.number(row, ExitPrice);
        trade.quantity = log.number(row, Quantity);
        trade.realized_pnl = log.number(row, RealizedPnl);
        trade.exit_reason = std::string(log.text(row, ExitReasonColumn));
        trade.line = row.line;
        trades.push_back(std::move(trade));
    }
    return trades;
}

}  // namespace

std::vector<ReferenceTrade> parse_reference_trade_log(std::string_view csv_text, std::string_view source) {
    return reference_trades_of(data::CsvRecords(csv_text, std::string(source), kColumns, "trade log"));
}

std::vector<ReferenceTrade> load_reference_trade_log(const std::filesystem::path& trade_log_csv) {
    return reference_trades_of(data::CsvRecords::load(trade_log_csv, kColumns, "trade log"));
}

std::size_t TradeComparison::exact_matches() const {
    return std::size_t(
        std::count_if(matched.begin(), matched.end(), [](const TradeMatch& m) { return m.exact(); }));
}

std::size_t TradeComparison::same_decisions() const {
    return std::size_t(std::count_if(matched.begin(), matched.end(), [](const TradeMatch& m) {
        return std::none_of(m.differences.begin(), m.differences.end(), [](const FieldDifference& d) {
            return d.field == "exit_date" || d.field == "quantity" || d.field == "exit_reason";
        });
    }));
}

double TradeComparison::max_price_error() const {
    double worst = 0.0;
    for (const TradeMatch& m : matched) {
        const ReferenceTrade& ref = reference_trades[m.reference];
        const TradeRecord& ours = tradelab_trades[m.tradelab];
        worst = std::max({worst, std::abs(ours.entry_price / ref.entry_price - 1.0),
                          std::abs(ours.exit_price / ref.exit_price - 1.0)});
    }
    return worst;
}

std::size_t TradeComparison::differences() const {
    return matched.size() - exact_matches() + only_in_reference.size() + only_in_tradelab.size();
}

TradeComparison compare_trades(std::vector<ReferenceTrade> reference, std::vector<TradeRecord> tradelab,
                               const ComparisonTolerance& tolerance) {
    TradeComparison comparison;
    comparison.reference_trades = std::move(reference);
    comparison.tradelab_trades = std::move(tradelab);
    std::vector<bool> used(comparison.tradelab_trades.size(), false);
    for (std::size_t r = 0; r < comparison.reference_trades.size(); ++r) {
        const ReferenceTrade& ref = comparison.reference_trades[r];
        const auto& ours = comparison.tradelab_trades;
        std::size_t found = ours.size();
        for (std::size_t t = 0; t < ours.size(); ++t) {
            if (!used[t] && ours[t].symbol_name == ref.symbol && ours[t].entry_date == ref.entry_date) {
                found = t;
                break;
            }
        }
        if (found == ours.size()) {
            comparison.only_in_reference.push_back(r);
            continue;
        }
        used[found] = true;
        comparison.matched.push_back({r, found, differences_of(ref, ours[found], tolerance)});
    }
    for (std::size_t t = 0; t < used.size(); ++t)
        if (!used[t]) comparison.only_in_tradelab.push_back(t);
    return comparison;
}

std::vector<ReferenceTrade> as_reference_trades(const std::vector<TradeRecord>& trades) {
    std::vector<ReferenceTrade> converted;
    converted.reserve(trades.size());
    for (const TradeRecord& trade : trades) {
        converted.push_back({trade.symbol_name, trade.entry_date, trade.exit_date, trade.entry_price,
                             trade.exit_price, trade.quantity, trade.realized_pnl,
                             std::string(to_string(trade.exit_reason)), 0});
    }
    return converted;
}

std::string trade_key(std::string_view symbol, Date entry_date) {
    return fmt::format("{} {}", symbol, format_date(entry_date));
}

std::vector<std::string> describe_differences(const TradeComparison& comparison) {
    std::vector<std::string> lines;
    for (const TradeMatch& match : comparison.matched) {
        if (match.exact()) continue;
        const ReferenceTrade& ref = comparison.reference_trades[match.reference];
        std::string line = fmt::format("differs  {}:", trade_key(ref.symbol, ref.entry_date));
        for (std::size_t k = 0; k < match.differences.size(); ++k) {
            const auto& d = match.differences[k];
            line += fmt::format("{} {} {} vs {}", k == 0 ? "" : ";", d.field, d.reference, d.tradelab);
        }
        lines.push_back(std::move(line));
    }
    for (const std::size_t r : comparison.only_in_reference) {
        const ReferenceTrade& ref = comparison.reference_trades[r];
        lines.push_back(fmt::format("only in reference  {} -> {} qty {} {}",
                                    trade_key(ref.symbol, ref.entry_date), format_date(ref.exit_date),
                                    number_text(ref.quantity), ref.exit_reason));
    }
    for (const std::size_t t : comparison.only_in_tradelab) {
        const TradeRecord& ours = comparison.tradelab_trades[t];
        lines.push_back(fmt::format("only in tradelab  {} -> {} qty {} {}",
                                    trade_key(ours.symbol_name, ours.entry_date), format_date(ours.exit_date),
                                    number_text(ours.quantity), to_string(ours.exit_reason)));
    }
    return lines;
}

std::string summary_line(const TradeComparison& comparison) {
    return fmt::format("reference {}, tradelab {}, exact {}, same decisions {}, differences {}",
                       comparison.reference_trades.size(), comparison.tradelab_trades.size(),
                       comparison.exact_matches(), comparison.same_decisions(), comparison.differences());
}

}  // namespace tradelab::backtest
