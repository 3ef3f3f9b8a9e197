#include "backtest/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tradelab::backtest {

void rank_normalize(std::span<const double> values, std::span<double> out, std::vector<std::size_t>& order) {
    order.clear();
    for (std::size_t i = 0; i < values.size(); ++i) {
        out[i] = 0.0;
        if (std::isfinite(values[i])) order.push_back(i);
    }
    if (order.empty()) return;
    if (order.size() == 1) {
        out[order.front()] = 1.0;
        return;
    }
    // Index as tie-break: a total order, so std::sort needs no temporary buffer and is deterministic.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return values[a] != values[b] ? values[a] < values[b] : a < b;
    });
    const double scale = 1.0 / double(order.size() - 1);
    for (std::size_t first = 0; first < order.size();) {
        std::size_t last = first;
        while (last + 1 < order.size() && values[order[last + 1]] == values[order[first]]) ++last;
        const double average_rank = 0.5 * double(first + last) + 1.0;  // 1-based ranks first+1 .. last+1
        for (std::size_t k = first; k <= last; ++k) out[order[k]] = (average_rank - 1.0) * scale;
        first = last + 1;
    }
}

void Scorer::score(std::span<const ScoreComponents> candidates, std::span<double> scores) {
    const std::size_t n = candidates.size();
    for (auto* buffer : {&column_, &breakout_rank_, &momentum_rank_, &diversification_rank_})
        buffer->resize(n);
    const auto rank_component = [&](double ScoreComponents::*member, std::vector<double>& ranks) {
        for (std::size_t i = 0; i < n; ++i) column_[i] = candidates[i].*member;
        rank_normalize(column_, ranks, order_);
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
