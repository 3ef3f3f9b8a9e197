#include "backtest/run_result.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <string>

#include <fmt/format.h>

namespace tradelab::backtest {
namespace {

// Fixed-point text with a canonical zero: a value that rounds to zero never prints as "-0.00".
std::string fixed(double value, int decimals) {
    std::string text = fmt::format("{:.{}f}", value, decimals);
    const bool only_zeros =
        std::all_of(text.begin() + 1, text.end(), [](char c) { return c == '0' || c == '.'; });
    if (text.front() == '-' && only_zeros) text.erase(text.begin());
    return text;
}

}  // namespace

std::string_view to_string(ExitReason reason) {
    switch (reason) {
        case ExitReason::HardStop:
            return "hard_stop";
        case ExitReason::TrailingMaCross:
            return "trailing_ma_cross";
        case ExitReason::DataMissing:
            return "data_missing";
        case ExitReason::CapacityReject:
            return "capacity_reject";
        case ExitReason::Manual:
            return "manual";
        case ExitReason::EndOfPeriod:
            return "end_of_period";
    }
    return "unknown";
}

double TradeRecord::r_multiple() const {
    const double direction = is_short ? -1.0 : 1.0;
    const double initial_risk = direction * (entry_price - initial_stop_price);
    if (!(initial_risk > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    return direction * (exit_price - entry_price) / initial_risk;
}

std::string canonical_text(const RunResult& result) {
    std::string text;
    text.reserve(result.trades.size() * 96 + 32);
    for (const TradeRecord& trade : result.trades) {
        fmt::format_to(std::back_inserter(text), "{},{},{},{},{},{}\n", trade.symbol_name,
                       format_date(trade.entry_date), format_date(trade.exit_date), fixed(trade.quantity, 8),
                       fixed(trade.entry_price, 8), fixed(trade.exit_price, 8));
    }
    fmt::format_to(std::back_inserter(text), "final_equity,{}\n", fixed(result.final_equity(), 2));
    return text;
}

std::string fnv1a64_hex(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return fmt::format("{:016x}", hash);
}

std::string RunResult::digest() const {
    return fnv1a64_hex(canonical_text(*this));
}

}  // namespace tradelab::backtest
