#include "indicators/correlation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool both_finite(double a, double b) {
    return std::isfinite(a) && std::isfinite(b);
}

std::size_t count_finite(std::span<const double> values) {
    return static_cast<std::size_t>(
        std::count_if(values.begin(), values.end(), [](double v) { return std::isfinite(v); }));
}

void check_window(const ReturnWindow& window, const char* caller) {
    if (window.values.size() != window.rows * window.days)
        throw std::invalid_argument(fmt::format("{}: {} values for {} rows x {} days", caller,
                                                window.values.size(), window.rows, window.days));
}

}  // namespace

double pearson(std::span<const double> a, std::span<const double> b, std::size_t min_pairs) {
    if (a.size() != b.size())
        throw std::invalid_argument(fmt::format("pearson: spans of {} and {} values", a.size(), b.size()));
    // Two passes (means, then centred sums): windows are short, and this stays exact for returns
    // that share a large common offset.
    std::size_t pairs = 0;
    double sum_a = 0.0;
    double sum_b = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (!both_finite(a[k], b[k])) continue;
        ++pairs;
        sum_a += a[k];
        sum_b += b[k];
    }
    if (pairs < std::max<std::size_t>(min_pairs, 2)) return kNaN;
    const double mean_a = sum_a / static_cast<double>(pairs);
    const double mean_b = sum_b / static_cast<double>(pairs);
    double cross = 0.0;
    double squares_a = 0.0;
    double squares_b = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (!both_finite(a[k], b[k])) continue;
        const double da = a[k] - mean_a;
        const double db = b[k] - mean_b;
        cross += da * db;
        squares_a += da * da;
        squares_b += db * db;
    }
    if (squares_a == 0.0 || squares_b == 0.0) return kNaN;
    return std::clamp(cross / std::sqrt(squares_a * squares_b), -1.0, 1.0);
}

std::size_t gather_returns(std::span<const Date> window_dates, std::span<const Date> symbol_dates,
                           std::span<const double> symbol_returns, std::span<double> out) {
    if (symbol_returns.size() != symbol_dates.size())
        throw std::invalid_argument(fmt::format("gather_returns: {} returns for {} dates",
                                                symbol_returns.size(), symbol_dates.size()));
    if (out.size() != window_dates.size())
        throw std::invalid_argument(
            fmt::format("gather_returns: output has {} slots for {} dates", out.size(), window_dates.size()));
    std::fill(out.begin(), out.end(), kNaN);
    if (window_dates.empty()) return 0;
    // Jump to the window start, then walk both ascending lists together.
    auto row = std::lower_bound(symbol_dates.begin(), symbol_dates.end(), window_dates.front());
    std::size_t written = 0;
    for (std::size_t k = 0; k < window_dates.size() && row != symbol_dates.end(); ++k) {
        while (row != symbol_dates.end() && *row < window_dates[k]) ++row;
        if (row == symbol_dates.end() || *row != window_dates[k]) continue;
        out[k] = symbol_returns[static_cast<std::size_t>(row - symbol_dates.begin())];
        if (std::isfinite(out[k])) ++written;
    }
    return written;
}

double avg_pairwise_correlation(const ReturnWindow& returns, const PairwiseCorrelationRules& rules) {
    check_window(returns, "avg_pairwise_correlation");
    const auto qualifies = [&](std::size_t r) { return count_finite(returns.row(r)) >= rules.min_returns; };
    std::size_t qualifying = 0;
    for (std::size_t r = 0; r < returns.rows; ++r) qualifying += qualifies(r) ? 1 : 0;
    if (qualifying < std::max<std::size_t>(rules.min_symbols, 2)) return kNaN;

    double sum = 0.0;
    std::size_t defined = 0;
    for (std::size_t r = 0; r < returns.rows; ++r) {
        if (!qualifies(r)) continue;
        for (std::size_t s = r + 1; s < returns.rows; ++s) {
            if (!qualifies(s)) continue;
            const double corr = pearson(returns.row(r), returns.row(s));
            if (std::isnan(corr)) continue;
            sum += corr;
            ++defined;
        }
    }
    return defined == 0 ? kNaN : sum / static_cast<double>(defined);
}

double correlation_to_portfolio(std::span<const double> candidate, const ReturnWindow& positions,
                                const PortfolioCorrelationRules& rules, std::size_t skip_row) {
    check_window(positions, "correlation_to_portfolio");
    if (candidate.size() != positions.days)
        throw std::invalid_argument(
            fmt::format("correlation_to_portfolio: candidate has {} days, positions {}", candidate.size(),
                        positions.days));
    if (count_finite(candidate) < rules.min_returns) return kNaN;
    double sum = 0.0;
    std::size_t defined = 0;
    for (std::size_t r = 0; r < positions.rows; ++r) {
        if (r == skip_row) continue;
        const double corr = pearson(candidate, positions.row(r), rules.min_returns);
        if (std::isnan(corr)) continue;
        sum += corr;
        ++defined;
    }
    return defined == 0 ? kNaN : sum / static_cast<double>(defined);
}

}  // namespace tradelab::indicators
