#include "execution/replay_slippage.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "data/csv_records.hpp"

namespace tradelab::execution {
namespace {

constexpr std::array<std::string_view, 5> kRequiredColumns{"symbol", "entry_date", "exit_date",
                                                           "entry_slippage_bps", "exit_slippage_bps"};

auto key_of(std::string_view symbol, ReplaySide side, Date date) {
    return std::make_tuple(symbol, side, date);
}

}  // namespace

std::string_view to_string(ReplaySide side) {
    return side == ReplaySide::Entry ? "entry" : "exit";
}

void ReplayTable::add(std::string symbol, ReplaySide side, Date date, double bps) {
    const auto key = key_of(symbol, side, date);
    const auto it =
        std::lower_bound(entries_.begin(), entries_.end(), key,
                         [](const Entry& e, const auto& k) { return key_of(e.symbol, e.side, e.date) < k; });
    if (it != entries_.end() && key_of(it->symbol, it->side, it->date) == key) {
        if (it->bps == bps) return;
        throw std::invalid_argument(fmt::format("replay table: {} {} on {} given twice ({} and {} bps)",
                                                symbol, to_string(side), format_date(date), it->bps, bps));
    }
    entries_.insert(it, Entry{std::move(symbol), side, date, bps});
}

std::optional<double> ReplayTable::find(std::string_view symbol, ReplaySide side, Date date) const {
    const auto key = key_of(symbol, side, date);
    const auto it =
        std::lower_bound(entries_.begin(), entries_.end(), key,
                         [](const Entry& e, const auto& k) { return key_of(e.symbol, e.side, e.date) < k; });
    if (it == entries_.end() || key_of(it->symbol, it->side, it->date) != key) return std::nullopt;
    return it->bps;
}

namespace {

ReplayTable replay_table_of(const data::CsvRecords& log) {
    enum { Symbol, EntryDate, ExitDate, EntryBps, ExitBps };
    ReplayTable table;
    const auto bps = [&](const data::CsvRecords::Row& row, std::size_t k) {
        const double value = log.number(row, k);
        if (value < 0.0) {
            throw std::runtime_error(log.located(row, fmt::format("{} '{}' is not a non-negative number",
                                                                  kRequiredColumns[k], log.text(row, k))));
        }
        return value;
    };
    for (const auto& row : log.rows()) {
        const std::string symbol(log.text(row, Symbol));
        if (symbol.empty()) throw std::runtime_error(log.located(row, "empty symbol"));
        try {
            table.add(symbol, ReplaySide::Entry, log.date(row, EntryDate), bps(row, EntryBps));
            if (!log.text(row, ExitDate).empty()) {
                table.add(symbol, ReplaySide::Exit, log.date(row, ExitDate), bps(row, ExitBps));
            }
        } catch (const std::invalid_argument& conflict) {
            throw std::runtime_error(log.located(row, conflict.what()));
        }
    }
    return table;
}

}  // namespace

ReplayTable parse_replay_table(std::string_view csv_text, std::string_view source) {
    return replay_table_of(data::CsvRecords(csv_text, std::string(source), kRequiredColumns, "trade log"));
}

ReplayTable load_replay_table(const std::filesystem::path& trade_log_csv) {
    return replay_table_of(data::CsvRecords::load(trade_log_csv, kRequiredColumns, "trade log"));
}

MissingReplayError::MissingReplayError(std::string symbol, ReplaySide side, Date date)
    : std::runtime_error(fmt::format(
          "replay slippage: the reference trade log has no {} fill of {} on {} (a trade the reference "
          "did not make)",
          to_string(side), symbol, format_date(date))),
      symbol_(std::move(symbol)),
      side_(side),
      date_(date) {}

ReplaySlippage::ReplaySlippage(ReplayTable table, std::vector<std::string> symbol_names, MissingReplay mode)
    : table_(std::move(table)), names_(std::move(symbol_names)), mode_(mode) {}

double ReplaySlippage::draw_bps(const FillContext& context) {
    if (context.symbol >= names_.size())
        throw std::out_of_range(
            fmt::format("replay slippage: symbol id {} but {} names known", context.symbol, names_.size()));
    const std::string& symbol = names_[context.symbol];
    const ReplaySide side = context.is_entry ? ReplaySide::Entry : ReplaySide::Exit;
    if (const auto bps = table_.find(symbol, side, context.execution_date)) return *bps;
    if (mode_ == MissingReplay::Error) throw MissingReplayError(symbol, side, context.execution_date);
    ++(side == ReplaySide::Entry ? missing_entries_ : missing_exits_);
    return 0.0;
}

std::vector<std::string> symbol_names(const data::MarketData& market) {
    std::vector<std::string> names;
    names.reserve(market.symbol_count());
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) names.push_back(market.info(id).symbol);
    return names;
}

}  // namespace tradelab::execution
