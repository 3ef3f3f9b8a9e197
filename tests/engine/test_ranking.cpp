#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "backtest/ranking.hpp"

namespace tradelab::backtest {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> ranks(const std::vector<double>& values) {
    std::vector<double> out(values.size());
    std::vector<RankedValue> scratch;
    rank_normalize(values, out, scratch);
    return out;
}

TEST(RankNormalize, DistinctValuesSpreadOverZeroToOne) {
    EXPECT_EQ(ranks({3.0, 1.0, 2.0}), (std::vector<double>{1.0, 0.0, 0.5}));
}

TEST(RankNormalize, TiesShareTheAverageRank) {
    // ranks 1, 2.5, 2.5, 4 -> (r - 1) / 3
    EXPECT_EQ(ranks({1.0, 5.0, 5.0, 9.0}), (std::vector<double>{0.0, 0.5, 0.5, 1.0}));
}

TEST(RankNormalize, NonFiniteValuesGetZeroAndNoRank) {
    EXPECT_EQ(ranks({kNaN, 2.0, std::numeric_limits<double>::infinity(), 1.0}),
              (std::vector<double>{0.0, 1.0, 0.0, 0.0}));
}

TEST(RankNormalize, SingleFiniteValueGetsOne) {
    EXPECT_EQ(ranks({kNaN, 7.0}), (std::vector<double>{0.0, 1.0}));
}

TEST(Scorer, WeightsTheRankedComponents) {
    Scorer scorer(config::ScoringWeights{});  // 0.50 / 0.30 / 0.20
    const std::vector<ScoreComponents> candidates = {{2.0, 0.1, 0.5}, {1.0, 0.3, 0.5}};
    std::vector<double> scores(2);
    scorer.score(candidates, scores);
    // breakout ranks 1, 0; momentum ranks 0, 1; diversification tied at 0.5 each.
    EXPECT_DOUBLE_EQ(scores[0], 0.50 * 1.0 + 0.30 * 0.0 + 0.20 * 0.5);
    EXPECT_DOUBLE_EQ(scores[1], 0.50 * 0.0 + 0.30 * 1.0 + 0.20 * 0.5);
}

TEST(Scorer, ConfiguredWeightsAreHonoured) {
    Scorer scorer(config::ScoringWeights{0.0, 1.0, 0.0});
    const std::vector<ScoreComponents> candidates = {{2.0, 0.1, 0.5}, {1.0, 0.3, 0.9}};
    std::vector<double> scores(2);
    scorer.score(candidates, scores);
    EXPECT_DOUBLE_EQ(scores[0], 0.0);
    EXPECT_DOUBLE_EQ(scores[1], 1.0);
}

}  // namespace
}  // namespace tradelab::backtest
