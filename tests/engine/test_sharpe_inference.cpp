// Known answers for the Probabilistic and Deflated Sharpe Ratio. Reference figures were recomputed
// independently in Python 3 with statistics.NormalDist (cdf, inv_cdf) and math, from the formulas of
// Bailey & López de Prado (2012, 2014); they agree with this code to 1e-12 (the normal quantile of
// Boost.Math and of Python differ in the last bits only).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "metrics/performance_metrics.hpp"
#include "metrics/sharpe_inference.hpp"

namespace tradelab::metrics {
namespace {

constexpr double kTight = 1e-12;

// Bailey & López de Prado, "The Deflated Sharpe Ratio" (2014), numerical example: annualised SR 2.5
// over T = 1250 daily observations, skewness -3, kurtosis 10, N = 100 trials whose annualised Sharpe
// ratios have variance 0.5, 250 periods a year. The paper reports E[max SR] ≈ 0.1132 per period
// (≈ 1.79 annualised) and DSR ≈ 0.9004, rounded to 4 decimals: checked to 5e-5, the Python figures to 1e-12.
SharpeSample paper_example() {
    SharpeSample sample;
    sample.sharpe = sharpe_per_period(2.5, 250.0);
    sample.observations = 1250;
    sample.skewness = -3.0;
    sample.kurtosis = 10.0;
    return sample;
}

TEST(DeflatedSharpe, PublishedWorkedExample) {
    const auto result = deflated_sharpe_ratio(paper_example(), 100, sharpe_variance_per_period(0.5, 250.0));
    EXPECT_NEAR(result.sharpe, 0.15811388300841897, kTight);  // 2.5 / sqrt(250)
    EXPECT_NEAR(result.expected_max_sharpe, 0.1132, 5e-5);
    EXPECT_NEAR(result.expected_max_sharpe, 0.11317200186513214, kTight);
    EXPECT_NEAR(result.expected_max_sharpe * std::sqrt(250.0), 1.7894064662732077, 1e-10);
    EXPECT_NEAR(result.dsr, 0.9004, 5e-5);
    EXPECT_NEAR(result.dsr, 0.9003968344493904, kTight);
    EXPECT_NEAR(result.psr_zero, 0.9999968595078976, kTight);
    EXPECT_EQ(result.trials, 100u);
    EXPECT_EQ(result.observations, 1250u);
}

TEST(DeflatedSharpe, FromReturnsUsesPopulationMoments) {
    // r = [0.01, -0.02, 0.015, 0.005, -0.01, 0.03]: SR = mean / pstdev = 0.3061862178478973,
    // skewness -0.08611487376972142, kurtosis 1.9746093750000004 (population moments, Python).
    const std::vector<double> returns{0.01, -0.02, 0.015, 0.005, -0.01, 0.03};
    const auto result = deflated_sharpe_ratio(returns, 10, 0.01);
    EXPECT_NEAR(result.sharpe, 0.3061862178478973, kTight);
    EXPECT_NEAR(result.skewness, -0.08611487376972142, kTight);
    EXPECT_NEAR(result.kurtosis, 1.9746093750000004, kTight);
    EXPECT_NEAR(result.expected_max_sharpe, 0.157459830134575, kTight);
    EXPECT_NEAR(result.psr_zero, 0.748062361056576, kTight);
    EXPECT_NEAR(result.dsr, 0.6272845065696103, kTight);
}

TEST(ExpectedMaxSharpe, OneTrialHasNoSelectionBias) {
    EXPECT_EQ(expected_max_sharpe(0.5, 1), 0.0);
    EXPECT_EQ(expected_max_sharpe(0.0, 100), 0.0);
}

TEST(ProbabilisticSharpe, BenchmarkEqualToObservedIsOneHalf) {
    EXPECT_DOUBLE_EQ(probabilistic_sharpe_ratio(0.15, 0.15, 500, -1.0, 6.0), 0.5);
}

TEST(ProbabilisticSharpe, HandComputedCases) {
    // Normal returns: z = 0.1 * sqrt(100) / sqrt(1 + 2/4 * 0.01) = 0.9975093361076329, Φ(z) by Python.
    EXPECT_NEAR(probabilistic_sharpe_ratio(0.1, 0.0, 101, 0.0, 3.0), 0.8407413278013518, kTight);
    // z = 0.15 * sqrt(50) / sqrt(1 + 0.2 + 5/4 * 0.04) = 0.9486832980505137.
    EXPECT_NEAR(probabilistic_sharpe_ratio(0.2, 0.05, 51, -1.0, 6.0), 0.8286091444260444, kTight);
}

TEST(SharpeInference, RejectsInvalidInput) {
    EXPECT_THROW(expected_max_sharpe(0.5, 0), std::invalid_argument);
    EXPECT_THROW(expected_max_sharpe(-0.1, 10), std::invalid_argument);
    EXPECT_THROW(probabilistic_sharpe_ratio(0.1, 0.0, 1, 0.0, 3.0), std::invalid_argument);
    // 1 - 3 * 1 + (1 - 1) / 4 = -2 under the square root.
    EXPECT_THROW(probabilistic_sharpe_ratio(1.0, 0.0, 100, 3.0, 1.0), std::invalid_argument);
    EXPECT_THROW(probabilistic_sharpe_ratio(std::nan(""), 0.0, 100, 0.0, 3.0), std::invalid_argument);
    EXPECT_THROW(deflated_sharpe_ratio(paper_example(), 0, 0.002), std::invalid_argument);
    const std::vector<double> one{0.01};
    EXPECT_THROW(deflated_sharpe_ratio(one, 10, 0.01), std::invalid_argument);
    const std::vector<double> constant{0.01, 0.01, 0.01};
    EXPECT_THROW(deflated_sharpe_ratio(constant, 10, 0.01), std::invalid_argument);
}

TEST(SharpeInference, ErrorMessageNamesTheProblem) {
    try {
        probabilistic_sharpe_ratio(0.1, 0.0, 1, 0.0, 3.0);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("at least 2 observations"), std::string::npos)
            << error.what();
    }
}

}  // namespace
}  // namespace tradelab::metrics
