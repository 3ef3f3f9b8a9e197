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

namespace tradelab::execution {
namespace {

constexpr std::array<std::string_view, 5> kRequiredColumns{"symbol", "entry_date", "exit_date",
                                                           "entry_slippage_bps", "exit_slippage_bps"};

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    return text;
}

std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(
            trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start)));
        if (comma == std::string_view::npos) return fields;
        start = comma + 1;
    }
}

struct Columns {
    std::array<std::size_t, kRequiredColumns.size()> index{};
};

Columns find_columns(const std::vector<std::string_view>& header, std::string_view source) {
    Columns columns;
    for (std::size_t k = 0; k < kRequiredColumns.size(); ++k) {
        const auto it = std::find(header.begin(), header.end(), kRequiredColumns[k]);
        if (it == header.end())
            throw std::runtime_error(
                fmt::format("{}:1: trade log has no column '{}'", source, kRequiredColumns[k]));
        columns.index[k] = static_cast<std::size_t>(it - header.begin());
    }
    return columns;
}

Date parse_date_field(std::string_view text, std::string_view column, std::string_view source,
                      std::size_t line) {
    const auto date = parse_date(text);
    if (!date)
        throw std::runtime_error(fmt::format("{}:{}: {} '{}' is not a date", source, line, column, text));
    return *date;
}

double parse_bps_field(std::string_view text, std::string_view column, std::string_view source,
                       std::size_t line) {
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) || value < 0.0)
        throw std::runtime_error(
            fmt::format("{}:{}: {} '{}' is not a non-negative number", source, line, column, text));
    return value;
}

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

ReplayTable parse_replay_table(std::string_view csv_text, std::string_view source) {
    ReplayTable table;
    std::optional<Columns> columns;
    std::size_t line_number = 0;
    while (!csv_text.empty()) {
        const std::size_t newline = csv_text.find('\n');
        const std::string_view line = trim(csv_text.substr(0, newline));
        csv_text.remove_prefix(newline == std::string_view::npos ? csv_text.size() : newline + 1);
        ++line_number;
        if (line.empty()) continue;
        const auto fields = split_fields(line);
        if (!columns) {
            columns = find_columns(fields, source);
            continue;
        }
        const auto field = [&](std::size_t k) -> std::string_view {
            const std::size_t column = columns->index[k];
            if (column >= fields.size())
                throw std::runtime_error(fmt::format("{}:{}: {} fields, column '{}' missing", source,
                                                     line_number, fields.size(), kRequiredColumns[k]));
            return fields[column];
        };
        const std::string_view symbol = field(0);
        if (symbol.empty()) throw std::runtime_error(fmt::format("{}:{}: empty symbol", source, line_number));
        try {
            table.add(std::string(symbol), ReplaySide::Entry,
                      parse_date_field(field(1), "entry_date", source, line_number),
                      parse_bps_field(field(3), "entry_slippage_bps", source, line_number));
            if (!field(2).empty())
                table.add(std::string(symbol), ReplaySide::Exit,
                          parse_date_field(field(2), "exit_date", source, line_number),
                          parse_bps_field(field(4), "exit_slippage_bps", source, line_number));
        } catch (const std::invalid_argument& conflict) {
            throw std::runtime_error(fmt::format("{}:{}: {}", source, line_number, conflict.what()));
        }
    }
    if (!columns) throw std::runtime_error(fmt::format("{}: trade log is empty", source));
    return table;
}

ReplayTable load_replay_table(const std::filesystem::path& trade_log_csv) {
    std::ifstream in(trade_log_csv, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("cannot open trade log {}", trade_log_csv.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return parse_replay_table(text.str(), trade_log_csv.string());
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
