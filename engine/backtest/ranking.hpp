#pragma once
// Cross-sectional scoring of the day's entry candidates (spec 01 §8.1): each component is rank-
// normalised across all candidates of the day, then weighted.
#include <cstddef>
#include <span>
#include <vector>

#include "config/run_config.hpp"

namespace tradelab::backtest {

// A finite value and its position among the values: rank_normalize()'s working space.
struct RankedValue {
    double value = 0.0;
    std::size_t index = 0;
};

// Non-finite values get 0 and take no rank; a single finite value gets 1; otherwise ranks 1..n with
// ties sharing their average rank, mapped to (rank - 1) / (n - 1). `scratch` is working space.
void rank_normalize(std::span<const double> values, std::span<double> out, std::vector<RankedValue>& scratch);

struct ScoreComponents {
    double breakout = 0.0;         // (close - MA) / ATR
    double momentum = 0.0;         // roc - benchmark roc (absolute roc when the benchmark is missing)
    double diversification = 0.5;  // 1 - correlation to the portfolio; 0.5 when unknown
};

// Scores every candidate: weights · rank-normalised components. Buffers are reused across days.
class Scorer {
  public:
    explicit Scorer(const config::ScoringWeights& weights) : weights_(weights) {}
    void score(std::span<const ScoreComponents> candidates, std::span<double> scores);

  private:
    config::ScoringWeights weights_;
    std::vector<double> column_;
    std::vector<double> breakout_rank_;
    std::vector<double> momentum_rank_;
    std::vector<double> diversification_rank_;
    std::vector<RankedValue> scratch_;
};

}  // namespace tradelab::backtest
