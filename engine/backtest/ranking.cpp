#include "backtest/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>

namespace tradelab::backtest {

namespace {

// (rank - 1) / (n - 1) for a tie group at 0-based sorted positions first..last.
double normalized_rank(std::size_t first, std::size_t last, double scale) {
    const double average_rank = 0.5 * double(first + last) + 1.0;  // 1-based ranks first+1 .. last+1
    return (average_rank - 1.0) * scale;
}

// Up to this many finite values, a value's tie group is found by counting the values below and equal
// to it, two at a time and without branches, which beats sorting a day's few dozen candidates.
constexpr std::size_t kCountedRanks = 64;

using Pair = double __attribute__((vector_size(16)));
using PairMask = std::int64_t __attribute__((vector_size(16)));

// Ranks the finite values in `scratch` (2 <= size <= kCountedRanks). A group starts after the values
// below it and holds those equal to it (== also joins -0.0 and 0.0): the positions a sort finds.
void counted_ranks(const std::vector<RankedValue>& scratch, std::span<double> out, double scale) {
    const std::size_t n = scratch.size();
    alignas(16) double finite[kCountedRanks + 1];
    for (std::size_t k = 0; k < n; ++k) finite[k] = scratch[k].value;
    finite[n] = std::numeric_limits<double>::quiet_NaN();  // pads the last pair; counts nowhere
    const std::size_t pairs = (n + 1) / 2;
    for (std::size_t k = 0; k < n; ++k) {
        const Pair value = {finite[k], finite[k]};
        PairMask below = {0, 0};
        PairMask equal = {0, 0};
        for (std::size_t j = 0; j < pairs; ++j) {
            Pair other;
            std::memcpy(&other, finite + 2 * j, sizeof other);
            below -= other < value;  // a true lane is -1
            equal -= other == value;
        }
        const auto first = std::size_t(below[0] + below[1]);
        const auto last = first + std::size_t(equal[0] + equal[1]) - 1;
        out[scratch[k].index] = normalized_rank(first, last, scale);
    }
}

}  // namespace

void rank_normalize(std::span<const double> values, std::span<double> out,
                    std::vector<RankedValue>& scratch) {
    scratch.clear();
    for (std::size_t i = 0; i < values.size(); ++i) {
        out[i] = 0.0;
        if (std::isfinite(values[i])) scratch.push_back({values[i], i});
    }
    if (scratch.empty()) return;
    if (scratch.size() == 1) {
        out[scratch.front().index] = 1.0;
        return;
    }
    const double scale = 1.0 / double(scratch.size() - 1);
    if (scratch.size() <= kCountedRanks) {
        counted_ranks(scratch, out, scale);
        return;
    }
    // Sorted by value alone: the order inside a tie group is irrelevant, as every member gets the
    // group's average rank, and equal values (== also joins -0.0 and 0.0) end up adjacent either way.
    // Values held next to their indices keep the comparisons off indirect loads.
    std::sort(scratch.begin(), scratch.end(),
              [](const RankedValue& a, const RankedValue& b) { return a.value < b.value; });
    for (std::size_t first = 0; first < scratch.size();) {
        std::size_t last = first;
        while (last + 1 < scratch.size() && scratch[last + 1].value == scratch[first].value) ++last;
        for (std::size_t k = first; k <= last; ++k)
            out[scratch[k].index] = normalized_rank(first, last, scale);
        first = last + 1;
    }
}

void Scorer::score(std::span<const ScoreComponents> candidates, std::span<double> scores) {
    const std::size_t n = candidates.size();
    for (auto* buffer : {&column_, &breakout_rank_, &momentum_rank_, &diversification_rank_})
        buffer->resize(n);
    const auto rank_component = [&](double ScoreComponents::*member, std::vector<double>& ranks) {
        for (std::size_t i = 0; i < n; ++i) column_[i] = candidates[i].*member;
        rank_normalize(column_, ranks, scratch_);
    };
    rank_component(&ScoreComponents::breakout, breakout_rank_);
    rank_component(&ScoreComponents::momentum, momentum_rank_);
    rank_component(&ScoreComponents::diversification, diversification_rank_);
    for (std::size_t i = 0; i < n; ++i) {
        scores[i] = weights_.breakout * breakout_rank_[i] + weights_.momentum * momentum_rank_[i] +
                    weights_.diversification * diversification_rank_[i];
    }
}

}  // namespace tradelab::backtest
