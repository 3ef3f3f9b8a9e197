#pragma once
// Correlation utilities of the correlation guard and the diversification score (spec 01 §2.3, §10.2).
// TradeLab uses the intended semantics, not the reference's: returns are trailing up to the current
// date (the reference cached each symbol's list once per run) and are matched by date (the reference
// matched list tails). "Undefined" is NaN throughout. Nothing here allocates; the caller owns buffers.
#include <cstddef>
#include <limits>
#include <span>

#include "core/date.hpp"

namespace tradelab::indicators {

// Pearson correlation over the positions where both values are finite (pairwise-complete, as pandas
// does). NaN when fewer than max(min_pairs, 2) such pairs or when either side has zero variance.
// Throws std::invalid_argument when the spans differ in length.
double pearson(std::span<const double> a, std::span<const double> b, std::size_t min_pairs = 2);

// What pearson() computes for one side of a pair that is the same for every partner when the row has
// no gap: with every value finite, the pairwise-complete positions are all of them for any partner
// that also has none, so the row's mean and centred sum of squares do not depend on the partner.
struct RowMoments {
    std::size_t finite = 0;  // finite values in the row
    double mean = 0.0;       // complete rows only: (sum in index order) / days, as pearson() divides
    double squares = 0.0;    // complete rows only: sum of (x - mean)^2 in index order
};

// Date-aligned trailing returns: row r is one symbol, column k the k-th date of a common window
// (oldest first); NaN where the symbol has no bar that date. Row-major, `rows * days` values.
// A window that serves many correlations (the held positions, against every candidate of a day) can
// carry what pearson() would otherwise recompute per pair, filled by prepare_rows(): `moments` (one
// per row) and `deviations`, each complete row's values minus its mean, day by day:
// deviations[k * deviation_stride(rows) + r]. Both or neither.
struct ReturnWindow {
    std::span<const double> values;
    std::size_t rows = 0;
    std::size_t days = 0;
    std::span<const RowMoments> moments = {};
    std::span<const double> deviations = {};

    std::span<const double> row(std::size_t r) const { return values.subspan(r * days, days); }
};

// The moments of one row, computed with exactly pearson()'s operations in its order.
RowMoments row_moments(std::span<const double> row);

// The row count `deviations` is laid out for (rows rounded up to a whole block of rows).
std::size_t deviation_stride(std::size_t rows);

// `window` carrying its rows' moments and deviations, written into `moments` (at least window.rows
// entries) and `deviations` (at least deviation_stride(window.rows) * window.days): each the exact
// value pearson() forms, so the correlations below give the same results, only faster.
ReturnWindow prepare_rows(const ReturnWindow& window, std::span<RowMoments> moments,
                          std::span<double> deviations);

// Fills one ReturnWindow row: the symbol's 1-day return (its returns_1d column, one value per row of
// `symbol_dates`) on each of `window_dates`, NaN where it has no bar. Only returns dated up to the last
// window date are read. Returns how many finite values were written. O(log d + window), d the rows
// from the window start to the end of `symbol_dates`: pass the history up to the window end.
std::size_t gather_returns(std::span<const Date> window_dates, std::span<const Date> symbol_dates,
                           std::span<const double> symbol_returns, std::span<double> out);

struct PairwiseCorrelationRules {
    std::size_t min_symbols = 4;   // fewer qualifying rows: undefined (reference: min_positions)
    std::size_t min_returns = 20;  // a row qualifies with this many finite returns (reference: lookback)
};

// Mean of the defined pairwise correlations among the qualifying rows (upper triangle, each pair over
// the dates both have). NaN when fewer than max(min_symbols, 2) rows qualify or no pair is defined.
double avg_pairwise_correlation(const ReturnWindow& returns, const PairwiseCorrelationRules& rules = {});

struct PortfolioCorrelationRules {
    std::size_t min_returns = 10;  // the candidate, and each candidate/position pair, need this many
};

inline constexpr std::size_t kNoRow = std::numeric_limits<std::size_t>::max();

// Mean correlation of `candidate` (a window row) with each row of `positions`, skipping `skip_row`
// (the candidate's own position when it is already held), pairs with fewer than min_returns common
// dates, and undefined correlations. NaN when the candidate has fewer than min_returns finite
// returns or no pair remains.
double correlation_to_portfolio(std::span<const double> candidate, const ReturnWindow& positions,
                                const PortfolioCorrelationRules& rules = {}, std::size_t skip_row = kNoRow);

}  // namespace tradelab::indicators
