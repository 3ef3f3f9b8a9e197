#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "core/random.hpp"
#include "validation/pbo.hpp"

namespace tradelab::validation {
namespace {

using Columns = std::vector<std::vector<double>>;

// `configs` columns of daily returns, independent normal noise around each column's drift.
Columns noise_columns(std::size_t configs, std::size_t periods, std::uint64_t seed,
                      const std::vector<double>& drifts = {}) {
    Columns columns(configs, std::vector<double>(periods));
    for (std::size_t c = 0; c < configs; ++c) {
        Random random(mix_seed(seed, c));
        const double drift = c < drifts.size() ? drifts[c] : 0.0;
        for (double& v : columns[c]) v = random.normal(drift, 0.01);
    }
    return columns;
}

TEST(Pbo, HandComputedTwoBlockCase) {
    // Per-block Sharpe (periods_per_year 1): A = (2, 0), B = (1, 2), every block std 0.01.
    const Columns columns{{0.01, 0.03, -0.01, 0.01}, {0.00, 0.02, 0.01, 0.03}};
    PboParams params;
    params.blocks = 2;
    params.periods_per_year = 1.0;
    const auto result = probability_of_backtest_overfitting(columns, params);
    ASSERT_EQ(result.splits_total, 2u);
    ASSERT_EQ(result.splits.size(), 2u);
    // Block 0 in-sample selects A (2 > 1), which is last out of sample (0 < 2): rank 1 of 2.
    EXPECT_EQ(result.splits[0].in_sample_blocks, 0b01u);
    EXPECT_EQ(result.splits[0].selected, 0u);
    EXPECT_NEAR(result.splits[0].in_sample_sharpe, 2.0, 1e-9);
    EXPECT_NEAR(result.splits[0].out_of_sample_sharpe, 0.0, 1e-9);
    EXPECT_DOUBLE_EQ(result.splits[0].relative_rank, 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(result.splits[0].logit, std::log(0.5));
    // Block 1 in-sample selects B (2 > 0), last out of sample (1 < 2).
    EXPECT_EQ(result.splits[1].in_sample_blocks, 0b10u);
    EXPECT_EQ(result.splits[1].selected, 1u);
    EXPECT_NEAR(result.splits[1].out_of_sample_sharpe, 1.0, 1e-9);
    EXPECT_DOUBLE_EQ(result.pbo, 1.0);
    EXPECT_EQ(result.probability_oos_loss, 0.0);  // OOS Sharpe 0 and 1: no loss
    // Both selections have IS Sharpe 2: no spread, a flat fit through the mean OOS Sharpe.
    EXPECT_EQ(result.degradation_slope, 0.0);
    EXPECT_NEAR(result.degradation_intercept, 0.5, 1e-9);
    EXPECT_FALSE(result.partial);
}

TEST(Pbo, TiesSelectTheFirstConfigAndShareTheirRank) {
    const auto noise = noise_columns(1, 40, 5);
    const Columns twins{noise[0], noise[0]};
    PboParams params;
    params.blocks = 4;
    const auto result = probability_of_backtest_overfitting(twins, params);
    ASSERT_EQ(result.splits.size(), 6u);  // C(4, 2)
    for (const auto& split : result.splits) {
        EXPECT_EQ(split.selected, 0u);
        EXPECT_DOUBLE_EQ(split.relative_rank, 0.5);  // rank 1.5 of 2
        EXPECT_DOUBLE_EQ(split.logit, 0.0);
    }
    EXPECT_DOUBLE_EQ(result.pbo, 1.0);  // λ = 0 counts as overfit
}

TEST(Pbo, SplitsAreEveryHalfOfTheBlocksInIncreasingOrder) {
    PboParams params;
    params.blocks = 4;
    const auto result = probability_of_backtest_overfitting(noise_columns(3, 10, 6), params);
    std::vector<std::uint32_t> masks;
    for (const auto& split : result.splits) masks.push_back(split.in_sample_blocks);
    EXPECT_EQ(masks, (std::vector<std::uint32_t>{0b0011, 0b0101, 0b0110, 0b1001, 0b1010, 0b1100}));
}

TEST(Pbo, PureNoiseIsNearOneHalf) {
    // 50 configurations without any edge: the in-sample winner's out-of-sample rank is uniform, so PBO
    // is 0.5 in expectation. Splits share data, so one matrix's PBO spreads widely (standard deviation
    // about 0.1 at N = 50 over 30 seeds); the mean over 8 fixed seeds must lie within 0.5 ± 0.1.
    double sum = 0.0;
    const int matrices = 8;
    for (int seed = 1; seed <= matrices; ++seed) {
        const auto result = probability_of_backtest_overfitting(noise_columns(50, 800, seed), PboParams{}, 2);
        EXPECT_EQ(result.splits_done, 12'870u);
        sum += result.pbo;
    }
    EXPECT_NEAR(sum / matrices, 0.5, 0.1);
}

TEST(Pbo, GenuinelyBestConfigIsNotOverfit) {
    std::vector<double> drifts(20, 0.0);
    drifts[7] = 0.004;  // Sharpe about 6: best in every block
    const auto result = probability_of_backtest_overfitting(noise_columns(20, 1600, 8, drifts), PboParams{});
    EXPECT_LE(result.pbo, 0.01);
    EXPECT_LE(result.probability_oos_loss, 0.01);
    std::size_t selected_seven = 0;
    for (const auto& split : result.splits) selected_seven += split.selected == 7;
    EXPECT_EQ(selected_seven, result.splits.size());
    EXPECT_NEAR(result.logit_50th, std::log(20.0), 1e-9);  // rank N: ω = N / (N + 1)
}

TEST(Pbo, ZeroSumConfigsAreOverfit) {
    // Each column is demeaned over the whole sample, so in-sample and out-of-sample means cancel: the
    // in-sample winner is the out-of-sample loser.
    auto columns = noise_columns(20, 1600, 9);
    for (auto& column : columns) {
        const double mean = std::accumulate(column.begin(), column.end(), 0.0) / double(column.size());
        for (double& v : column) v -= mean;
    }
    const auto result = probability_of_backtest_overfitting(columns, PboParams{});
    EXPECT_GE(result.pbo, 0.95);
    EXPECT_GE(result.probability_oos_loss, 0.95);
    EXPECT_LT(result.degradation_slope, 0.0);
}

void expect_identical(const PboResult& a, const PboResult& b) {
    EXPECT_EQ(a.pbo, b.pbo);
    EXPECT_EQ(a.probability_oos_loss, b.probability_oos_loss);
    EXPECT_EQ(a.logit_mean, b.logit_mean);
    EXPECT_EQ(a.logit_std, b.logit_std);
    EXPECT_EQ(a.logit_5th, b.logit_5th);
    EXPECT_EQ(a.logit_50th, b.logit_50th);
    EXPECT_EQ(a.logit_95th, b.logit_95th);
    EXPECT_EQ(a.degradation_slope, b.degradation_slope);
    EXPECT_EQ(a.degradation_intercept, b.degradation_intercept);
    EXPECT_EQ(a.splits_total, b.splits_total);
    EXPECT_EQ(a.splits_done, b.splits_done);
    EXPECT_EQ(a.partial, b.partial);
    ASSERT_EQ(a.splits.size(), b.splits.size());
    for (std::size_t i = 0; i < a.splits.size(); ++i) {
        EXPECT_EQ(a.splits[i].in_sample_blocks, b.splits[i].in_sample_blocks);
        EXPECT_EQ(a.splits[i].selected, b.splits[i].selected);
        EXPECT_EQ(a.splits[i].in_sample_sharpe, b.splits[i].in_sample_sharpe);
        EXPECT_EQ(a.splits[i].out_of_sample_sharpe, b.splits[i].out_of_sample_sharpe);
        EXPECT_EQ(a.splits[i].relative_rank, b.splits[i].relative_rank);
        EXPECT_EQ(a.splits[i].logit, b.splits[i].logit);
    }
}

TEST(Pbo, SameResultAtOneAndTwoThreads) {
    const auto columns = noise_columns(10, 800, 10);
    expect_identical(probability_of_backtest_overfitting(columns, PboParams{}, 1),
                     probability_of_backtest_overfitting(columns, PboParams{}, 2));
}

TEST(Pbo, CancelKeepsTheCompletedSplitsInOrder) {
    PboParams params;
    params.blocks = 20;  // 184,756 splits: seconds of work unless cancelled
    const auto result = probability_of_backtest_overfitting(noise_columns(50, 2000, 11), params, 2,
                                                            [](double fraction) { return fraction == 0.0; });
    EXPECT_TRUE(result.partial);
    EXPECT_GT(result.splits_done, 0u);
    EXPECT_LT(result.splits_done, result.splits_total);
    EXPECT_EQ(result.splits.size(), result.splits_done);
    for (std::size_t i = 1; i < result.splits.size(); ++i)
        ASSERT_LT(result.splits[i - 1].in_sample_blocks, result.splits[i].in_sample_blocks);
    EXPECT_GE(result.pbo, 0.0);
    EXPECT_LE(result.pbo, 1.0);
}

TEST(Pbo, RejectsUnusableInput) {
    const auto columns = noise_columns(3, 40, 12);
    PboParams odd;
    odd.blocks = 5;
    EXPECT_THROW(probability_of_backtest_overfitting(columns, odd), std::invalid_argument);
    PboParams too_many;
    too_many.blocks = 26;
    EXPECT_THROW(probability_of_backtest_overfitting(columns, too_many), std::invalid_argument);
    EXPECT_THROW(probability_of_backtest_overfitting(noise_columns(3, 10, 12), PboParams{}),
                 std::invalid_argument);  // 10 periods, 16 blocks
    EXPECT_THROW(probability_of_backtest_overfitting(noise_columns(1, 40, 12), PboParams{}),
                 std::invalid_argument);
    auto ragged = columns;
    ragged[2].pop_back();
    EXPECT_THROW(probability_of_backtest_overfitting(ragged, PboParams{}), std::invalid_argument);
    auto with_nan = columns;
    with_nan[1][5] = NAN;
    EXPECT_THROW(probability_of_backtest_overfitting(with_nan, PboParams{}), std::invalid_argument);
    PboParams two;
    two.blocks = 2;
    EXPECT_THROW(probability_of_backtest_overfitting(std::vector<double>(10), 4, 2, two),
                 std::invalid_argument);  // 10 values for 4 periods × 2 configurations
}

}  // namespace
}  // namespace tradelab::validation
