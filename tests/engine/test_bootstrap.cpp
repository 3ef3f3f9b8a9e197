#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "core/random.hpp"
#include "validation/bootstrap.hpp"

namespace tradelab::validation {
namespace {

std::vector<double> normal_sample(std::size_t n, double mean, double stddev, std::uint64_t seed) {
    Random random(seed);
    std::vector<double> values(n);
    for (double& v : values) v = random.normal(mean, stddev);
    return values;
}

double mean_of(const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

// Cancels at the first progress report after some work completed, so at least one chunk is kept.
Progress cancel_after_first_chunk() {
    return [](double fraction) { return fraction == 0.0; };
}

// ---------------------------------------------------------------------------------------------------
// R-multiple statistics

TEST(RBootstrapStatistics, HandComputedSharpeDrawdownAndCalmar) {
    const std::vector<double> r{1.0, -1.0, 2.0};
    // mean 2/3, population std sqrt(14/9) → per-trade Sharpe 2/sqrt(14), × sqrt(15).
    const double expected_sharpe = 2.0 * std::sqrt(15.0 / 14.0);
    EXPECT_NEAR(sharpe_r(r, 15.0), expected_sharpe, 1e-12);
    // +1 R lifts the equity by 0.75 %, -1 R takes 0.75 % of that: a 0.75 % drawdown, then +2 R makes a
    // new peak.
    EXPECT_NEAR(max_drawdown_r(r, 0.0075), 0.0075, 1e-12);
    EXPECT_NEAR(calmar_r(expected_sharpe, 0.0075), expected_sharpe / 0.0075, 1e-9);

    // Two losses in a row compound: 1 - 0.9925 × 0.985; the final +1 R does not recover the peak.
    EXPECT_NEAR(max_drawdown_r(std::vector<double>{2.0, -1.0, -2.0, 1.0}, 0.0075), 1.0 - 0.9925 * 0.985,
                1e-12);
}

TEST(RBootstrapStatistics, DegenerateInputsGiveZero) {
    EXPECT_EQ(sharpe_r(std::vector<double>{1.5}, 15.0), 0.0);
    EXPECT_EQ(sharpe_r(std::vector<double>(7, 0.1), 15.0), 0.0);  // rounding noise is not a deviation
    EXPECT_EQ(max_drawdown_r(std::vector<double>{0.5, 1.0, 0.0}, 0.0075), 0.0);
    EXPECT_EQ(calmar_r(2.0, 0.0), 0.0);
}

TEST(PercentileRank, MatchesScipyRankKind) {
    EXPECT_DOUBLE_EQ(percentile_rank(std::vector<double>{1, 2, 3, 4}, 3), 75.0);
    EXPECT_DOUBLE_EQ(percentile_rank(std::vector<double>{1, 2, 3, 3, 4}, 3), 70.0);    // ties averaged
    EXPECT_DOUBLE_EQ(percentile_rank(std::vector<double>{1, 2, 3, 3, 4}, 3.5), 80.0);  // between values
    EXPECT_DOUBLE_EQ(percentile_rank(std::vector<double>{1, 1, 1}, 1), 200.0 / 3.0);   // ranks 1, 2, 3
    EXPECT_DOUBLE_EQ(percentile_rank(std::vector<double>{1, 2, 3, 4}, 0), 0.0);
    EXPECT_DOUBLE_EQ(percentile_rank(std::vector<double>{1, 2, 3, 4}, 9), 100.0);
    EXPECT_DOUBLE_EQ(percentile_rank(std::vector<double>{}, 1), 0.0);
}

// ---------------------------------------------------------------------------------------------------
// R-multiple bootstrap

TEST(RBootstrap, ConstantRGivesEveryPercentileEqualToTheOriginal) {
    RBootstrapParams params;
    params.iterations = 200;
    const auto gains = bootstrap_r_multiples(std::vector<double>(40, 0.5), params);
    EXPECT_EQ(gains.iterations_done, 200);
    EXPECT_FALSE(gains.partial);
    EXPECT_EQ(gains.original_sharpe, 0.0);  // no deviation
    for (const double v : {gains.sharpe_5th, gains.sharpe_25th, gains.sharpe_50th, gains.sharpe_75th,
                           gains.sharpe_95th, gains.calmar_5th, gains.calmar_50th, gains.calmar_95th})
        EXPECT_EQ(v, 0.0);
    for (const double v : {gains.max_dd_5th, gains.max_dd_50th, gains.max_dd_95th, gains.original_max_dd})
        EXPECT_EQ(v, 0.0);
    for (const double v : {gains.expectancy_5th, gains.expectancy_50th, gains.expectancy_95th})
        EXPECT_EQ(v, gains.original_expectancy);
    EXPECT_EQ(gains.original_expectancy, 0.5);
    // Every resample ties with the original: average rank of 1..200.
    EXPECT_DOUBLE_EQ(gains.sharpe_percentile_rank, 50.0 + 50.0 / 200.0);
    EXPECT_FALSE(gains.passed);  // Sharpe 0 is below the 0.4 threshold
    ASSERT_EQ(gains.rejections.size(), 1u);

    // Constant losses: the same drawdown in every resample.
    const auto losses = bootstrap_r_multiples(std::vector<double>(40, -0.5), params);
    EXPECT_GT(losses.original_max_dd, 0.0);
    for (const double v : {losses.max_dd_5th, losses.max_dd_50th, losses.max_dd_95th})
        EXPECT_EQ(v, losses.original_max_dd);
}

void expect_identical(const RBootstrapResult& a, const RBootstrapResult& b) {
    EXPECT_EQ(a.sharpe_5th, b.sharpe_5th);
    EXPECT_EQ(a.sharpe_25th, b.sharpe_25th);
    EXPECT_EQ(a.sharpe_50th, b.sharpe_50th);
    EXPECT_EQ(a.sharpe_75th, b.sharpe_75th);
    EXPECT_EQ(a.sharpe_95th, b.sharpe_95th);
    EXPECT_EQ(a.max_dd_5th, b.max_dd_5th);
    EXPECT_EQ(a.max_dd_50th, b.max_dd_50th);
    EXPECT_EQ(a.max_dd_95th, b.max_dd_95th);
    EXPECT_EQ(a.calmar_5th, b.calmar_5th);
    EXPECT_EQ(a.calmar_50th, b.calmar_50th);
    EXPECT_EQ(a.calmar_95th, b.calmar_95th);
    EXPECT_EQ(a.expectancy_5th, b.expectancy_5th);
    EXPECT_EQ(a.expectancy_50th, b.expectancy_50th);
    EXPECT_EQ(a.expectancy_95th, b.expectancy_95th);
    EXPECT_EQ(a.original_sharpe, b.original_sharpe);
    EXPECT_EQ(a.original_max_dd, b.original_max_dd);
    EXPECT_EQ(a.original_calmar, b.original_calmar);
    EXPECT_EQ(a.original_expectancy, b.original_expectancy);
    EXPECT_EQ(a.sharpe_percentile_rank, b.sharpe_percentile_rank);
    EXPECT_EQ(a.calmar_percentile_rank, b.calmar_percentile_rank);
    EXPECT_EQ(a.passed, b.passed);
    EXPECT_EQ(a.rejections, b.rejections);
    EXPECT_EQ(a.warnings, b.warnings);
    EXPECT_EQ(a.iterations_done, b.iterations_done);
    EXPECT_EQ(a.partial, b.partial);
}

TEST(RBootstrap, SameResultAtOneAndTwoThreads) {
    const auto r = normal_sample(500, 0.3, 1.5, 11);
    RBootstrapParams params;
    params.seed = 2024;
    const auto one = bootstrap_r_multiples(r, params, 1);
    const auto two = bootstrap_r_multiples(r, params, 2);
    expect_identical(one, two);
    EXPECT_EQ(one.iterations_done, 1000);
    EXPECT_LT(one.sharpe_5th, one.sharpe_50th);
    EXPECT_LT(one.sharpe_50th, one.sharpe_95th);
    EXPECT_LT(one.max_dd_5th, one.max_dd_95th);

    params.seed = 2025;
    EXPECT_NE(bootstrap_r_multiples(r, params, 2).sharpe_50th, one.sharpe_50th);
}

TEST(RBootstrap, CancelKeepsTheCompletedChunks) {
    const auto r = normal_sample(1000, 0.3, 1.5, 12);
    RBootstrapParams params;
    params.iterations = 100'000;  // seconds of work unless cancelled
    const auto result = bootstrap_r_multiples(r, params, 2, cancel_after_first_chunk());
    EXPECT_TRUE(result.partial);
    EXPECT_GT(result.iterations_done, 0);
    EXPECT_LT(result.iterations_done, params.iterations);
    EXPECT_LE(result.sharpe_5th, result.sharpe_95th);
    EXPECT_GT(result.sharpe_95th, 0.0);
}

TEST(RBootstrap, ChecksFollowTheConfiguredThresholds) {
    const auto r = normal_sample(200, 1.0, 1.0, 13);  // Sharpe about 1 × sqrt(15)
    RBootstrapParams params;
    const auto strong = bootstrap_r_multiples(r, params);
    EXPECT_TRUE(strong.passed) << (strong.rejections.empty() ? "" : strong.rejections.front());
    EXPECT_GT(strong.sharpe_5th, 0.6);
    EXPECT_GE(strong.sharpe_percentile_rank, 40.0);
    EXPECT_LE(strong.sharpe_percentile_rank, 60.0);
    EXPECT_TRUE(strong.warnings.empty());

    params.sharpe_5th_reject_below = strong.sharpe_5th + 0.1;  // as from bootstrap_5th_percentile_threshold
    params.risk_fraction = 0.25;                               // deep drawdowns: the 95th exceeds 25 %
    const auto strict = bootstrap_r_multiples(r, params);
    EXPECT_FALSE(strict.passed);
    ASSERT_EQ(strict.rejections.size(), 1u);
    EXPECT_NE(strict.rejections.front().find("5th-percentile Sharpe"), std::string::npos);
    EXPECT_GT(strict.max_dd_95th, 0.25);
    ASSERT_EQ(strict.warnings.size(), 1u);
    EXPECT_NE(strict.warnings.front().find("max drawdown"), std::string::npos);
}

TEST(RBootstrap, RejectsUnusableInput) {
    RBootstrapParams params;
    EXPECT_THROW(bootstrap_r_multiples(std::vector<double>{}, params), std::invalid_argument);
    EXPECT_THROW(bootstrap_r_multiples(std::vector<double>{1.0, NAN}, params), std::invalid_argument);
    params.iterations = 0;
    EXPECT_THROW(bootstrap_r_multiples(std::vector<double>{1.0, 2.0}, params), std::invalid_argument);
    params.iterations = 10;
    params.trades_per_year = 0.0;
    EXPECT_THROW(bootstrap_r_multiples(std::vector<double>{1.0, 2.0}, params), std::invalid_argument);
    params.trades_per_year = 15.0;
    params.risk_fraction = 1.5;
    EXPECT_THROW(bootstrap_r_multiples(std::vector<double>{1.0, 2.0}, params), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------------
// Stationary resampling

TEST(StationaryResample, HugeBlockLengthRotatesTheSeries) {
    std::vector<double> series(100);
    std::iota(series.begin(), series.end(), 0.0);
    std::vector<double> out(series.size());
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        Random random(seed);
        stationary_resample(series, 1e12, random, out);
        const auto start = std::size_t(out[0]);
        for (std::size_t i = 0; i < out.size(); ++i)
            ASSERT_EQ(out[i], series[(start + i) % series.size()]) << "seed " << seed << " position " << i;
    }
}

TEST(StationaryResample, BlocksHaveTheRequestedMeanLength) {
    std::vector<double> series(1000);
    std::iota(series.begin(), series.end(), 0.0);
    std::vector<double> out(series.size());
    Random random(3);
    std::size_t continuations = 0, steps = 0;
    for (int k = 0; k < 200; ++k) {
        stationary_resample(series, 10.0, random, out);
        for (std::size_t i = 1; i < out.size(); ++i, ++steps)
            continuations += out[i] == double((std::size_t(out[i - 1]) + 1) % series.size());
    }
    // A block continues with probability 1 - 1/10 (a fresh start lands on the successor 1 time in 1000).
    EXPECT_NEAR(double(continuations) / double(steps), 0.9 + 0.1 / 1000.0, 0.005);
}

TEST(StationaryResample, PreservesTheMeanInExpectation) {
    const auto returns = normal_sample(2520, 0.0005, 0.01, 21);
    std::vector<double> out(returns.size());
    Random random(4);
    double sum_of_means = 0.0;
    const int resamples = 2000;
    for (int k = 0; k < resamples; ++k) {
        stationary_resample(returns, 20.0, random, out);
        sum_of_means += mean_of(out);
    }
    // One resample mean varies by about 0.01 / sqrt(2520) = 2e-4; the average of 2000 by about 5e-6.
    EXPECT_NEAR(sum_of_means / resamples, mean_of(returns), 3e-5);
}

TEST(OptimalBlockLength, LongerForPersistentSeries) {
    const auto noise = normal_sample(2520, 0.0, 0.01, 31);
    std::vector<double> persistent(noise.size());
    double previous = 0.0;
    for (std::size_t t = 0; t < noise.size(); ++t) persistent[t] = previous = 0.7 * previous + noise[t];

    const double white = optimal_block_length(noise);
    const double ar1 = optimal_block_length(persistent);
    EXPECT_GE(white, 1.0);
    EXPECT_LT(white, 4.0);
    EXPECT_GT(ar1, 3.0 * white);
    EXPECT_LE(ar1, std::ceil(3.0 * std::sqrt(2520.0)));
    EXPECT_EQ(optimal_block_length(std::vector<double>(50, 0.001)), 1.0);
    EXPECT_THROW(optimal_block_length(std::vector<double>{0.01}), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------------
// Stationary bootstrap

TEST(StationaryBootstrap, OriginalStatisticsByHand) {
    const std::vector<double> returns{0.10, -0.20, 0.05};
    StationaryBootstrapParams params;
    params.iterations = 64;
    params.mean_block_length = 2.0;
    params.periods_per_year = 6.0;  // three periods = half a year
    const auto result = stationary_bootstrap(returns, params);
    EXPECT_NEAR(result.original_total_return, 1.1 * 0.8 * 1.05 - 1.0, 1e-12);
    EXPECT_NEAR(result.original_max_dd, 0.2, 1e-12);  // 1.1 → 0.88
    EXPECT_NEAR(result.original_cagr, std::pow(1.1 * 0.8 * 1.05, 2.0) - 1.0, 1e-12);
    const double mean = -0.05 / 3.0;
    const double deviation =
        std::sqrt((std::pow(0.10 - mean, 2) + std::pow(-0.20 - mean, 2) + std::pow(0.05 - mean, 2)) / 3.0);
    EXPECT_NEAR(result.original_sharpe, mean / deviation * std::sqrt(6.0), 1e-12);
    EXPECT_EQ(result.mean_block_length, 2.0);
}

void expect_identical(const StationaryBootstrapResult& a, const StationaryBootstrapResult& b) {
    EXPECT_EQ(a.mean_block_length, b.mean_block_length);
    EXPECT_EQ(a.sharpe_5th, b.sharpe_5th);
    EXPECT_EQ(a.sharpe_50th, b.sharpe_50th);
    EXPECT_EQ(a.sharpe_95th, b.sharpe_95th);
    EXPECT_EQ(a.max_dd_5th, b.max_dd_5th);
    EXPECT_EQ(a.max_dd_50th, b.max_dd_50th);
    EXPECT_EQ(a.max_dd_95th, b.max_dd_95th);
    EXPECT_EQ(a.total_return_5th, b.total_return_5th);
    EXPECT_EQ(a.total_return_50th, b.total_return_50th);
    EXPECT_EQ(a.total_return_95th, b.total_return_95th);
    EXPECT_EQ(a.cagr_5th, b.cagr_5th);
    EXPECT_EQ(a.cagr_50th, b.cagr_50th);
    EXPECT_EQ(a.cagr_95th, b.cagr_95th);
    EXPECT_EQ(a.probability_sharpe_nonpositive, b.probability_sharpe_nonpositive);
    EXPECT_EQ(a.original_sharpe, b.original_sharpe);
    EXPECT_EQ(a.original_max_dd, b.original_max_dd);
    EXPECT_EQ(a.original_total_return, b.original_total_return);
    EXPECT_EQ(a.original_cagr, b.original_cagr);
    EXPECT_EQ(a.iterations_done, b.iterations_done);
    EXPECT_EQ(a.partial, b.partial);
}

TEST(StationaryBootstrap, SameResultAtOneAndTwoThreads) {
    const auto returns = normal_sample(2520, 0.0004, 0.01, 41);
    StationaryBootstrapParams params;  // automatic block length
    const auto one = stationary_bootstrap(returns, params, 1);
    const auto two = stationary_bootstrap(returns, params, 2);
    expect_identical(one, two);
    EXPECT_EQ(one.iterations_done, 1000);
    EXPECT_EQ(one.mean_block_length, optimal_block_length(returns));
    EXPECT_LT(one.sharpe_5th, one.original_sharpe);
    EXPECT_GT(one.sharpe_95th, one.original_sharpe);
    EXPECT_GT(one.max_dd_5th, 0.0);
    EXPECT_LT(one.max_dd_5th, one.max_dd_95th);
    EXPECT_LT(one.cagr_5th, one.cagr_95th);
}

TEST(StationaryBootstrap, ProbabilityOfNonPositiveSharpeFollowsTheDrift) {
    StationaryBootstrapParams params;
    params.iterations = 256;
    params.mean_block_length = 20.0;
    const auto rising = stationary_bootstrap(normal_sample(1000, 0.003, 0.01, 51), params);
    const auto falling = stationary_bootstrap(normal_sample(1000, -0.003, 0.01, 52), params);
    EXPECT_EQ(rising.probability_sharpe_nonpositive, 0.0);
    EXPECT_EQ(falling.probability_sharpe_nonpositive, 1.0);
}

TEST(StationaryBootstrap, CancelKeepsTheCompletedChunks) {
    const auto returns = normal_sample(2520, 0.0004, 0.01, 61);
    StationaryBootstrapParams params;
    params.iterations = 100'000;  // seconds of work unless cancelled
    params.mean_block_length = 20.0;
    const auto result = stationary_bootstrap(returns, params, 2, cancel_after_first_chunk());
    EXPECT_TRUE(result.partial);
    EXPECT_GT(result.iterations_done, 0);
    EXPECT_LT(result.iterations_done, params.iterations);
    EXPECT_LE(result.sharpe_5th, result.sharpe_95th);
}

TEST(StationaryBootstrap, RejectsUnusableInput) {
    StationaryBootstrapParams params;
    EXPECT_THROW(stationary_bootstrap(std::vector<double>{0.01}, params), std::invalid_argument);
    EXPECT_THROW(stationary_bootstrap(std::vector<double>{0.01, INFINITY}, params), std::invalid_argument);
    params.mean_block_length = 0.5;
    EXPECT_THROW(stationary_bootstrap(std::vector<double>{0.01, 0.02}, params), std::invalid_argument);
    params.mean_block_length = 5.0;
    params.periods_per_year = 0.0;
    EXPECT_THROW(stationary_bootstrap(std::vector<double>{0.01, 0.02}, params), std::invalid_argument);
}

}  // namespace
}  // namespace tradelab::validation
