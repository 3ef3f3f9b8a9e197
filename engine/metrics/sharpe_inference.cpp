#include "metrics/sharpe_inference.hpp"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include <fmt/format.h>

#include "metrics/performance_metrics.hpp"

namespace tradelab::metrics {
namespace {

const boost::math::normal_distribution<double> kStandardNormal(0.0, 1.0);

void require_finite(double value, const char* name) {
    if (!std::isfinite(value))
        throw std::invalid_argument(fmt::format("{} must be finite, got {}", name, value));
}

// The per-period Sharpe with the engine's population std; a constant series has none.
double per_period_sharpe(std::span<const double> returns) {
    const double m = mean(returns);
    const double deviation = population_std(returns);
    if (!(deviation > 0.0))
        throw std::invalid_argument(
            "deflated Sharpe ratio: the returns are constant, so their Sharpe ratio is undefined");
    return m / deviation;
}

}  // namespace

double probabilistic_sharpe_ratio(double sharpe_per_period, double benchmark_sharpe_per_period,
                                  std::size_t observations, double skewness, double kurtosis) {
    require_finite(sharpe_per_period, "PSR: sharpe_per_period");
    require_finite(benchmark_sharpe_per_period, "PSR: benchmark_sharpe_per_period");
    require_finite(skewness, "PSR: skewness");
    require_finite(kurtosis, "PSR: kurtosis");
    if (observations < 2)
        throw std::invalid_argument(fmt::format("PSR needs at least 2 observations, got {}", observations));
    // The variance of the Sharpe estimator under non-normal returns (Mertens 2002), times T - 1.
    const double estimator_variance =
        1.0 - skewness * sharpe_per_period + (kurtosis - 1.0) / 4.0 * sharpe_per_period * sharpe_per_period;
    if (!(estimator_variance > 0.0)) {
        throw std::invalid_argument(fmt::format(
            "PSR: 1 - skew*SR + (kurtosis-1)/4*SR^2 = {} is not positive (SR {}, skewness {}, kurtosis {}); "
            "is the kurtosis excess instead of plain?",
            estimator_variance, sharpe_per_period, skewness, kurtosis));
    }
    const double z = (sharpe_per_period - benchmark_sharpe_per_period) *
                     std::sqrt(double(observations) - 1.0) / std::sqrt(estimator_variance);
    return boost::math::cdf(kStandardNormal, z);
}

double expected_max_sharpe(double sharpe_variance_across_trials, std::size_t trials) {
    require_finite(sharpe_variance_across_trials, "expected max Sharpe: sharpe_variance_across_trials");
    if (trials < 1) throw std::invalid_argument("expected max Sharpe needs at least 1 trial, got 0");
    if (sharpe_variance_across_trials < 0.0) {
        throw std::invalid_argument(
            fmt::format("expected max Sharpe: the variance of the trials' Sharpe ratios is negative ({})",
                        sharpe_variance_across_trials));
    }
    // Φ⁻¹(1 - 1/N) is -inf for N = 1; a single trial involves no selection, so its expected maximum
    // is the null's expected Sharpe, 0.
    if (trials == 1) return 0.0;
    const double n = double(trials);
    const double quantile_n = boost::math::quantile(kStandardNormal, 1.0 - 1.0 / n);
    const double quantile_ne = boost::math::quantile(kStandardNormal, 1.0 - 1.0 / (n * std::numbers::e));
    return std::sqrt(sharpe_variance_across_trials) *
           ((1.0 - kEulerMascheroni) * quantile_n + kEulerMascheroni * quantile_ne);
}

DeflatedSharpe deflated_sharpe_ratio(const SharpeSample& observed, std::size_t trials,
                                     double sharpe_variance_across_trials) {
    DeflatedSharpe result;
    result.sharpe = observed.sharpe;
    result.trials = trials;
    result.observations = observed.observations;
    result.skewness = observed.skewness;
    result.kurtosis = observed.kurtosis;
    result.expected_max_sharpe = expected_max_sharpe(sharpe_variance_across_trials, trials);
    result.psr_zero = probabilistic_sharpe_ratio(observed.sharpe, 0.0, observed.observations,
                                                 observed.skewness, observed.kurtosis);
    result.dsr = probabilistic_sharpe_ratio(observed.sharpe, result.expected_max_sharpe,
                                            observed.observations, observed.skewness, observed.kurtosis);
    return result;
}

DeflatedSharpe deflated_sharpe_ratio(std::span<const double> returns, std::size_t trials,
                                     double sharpe_variance_across_trials) {
    if (returns.size() < 2) {
        throw std::invalid_argument(
            fmt::format("deflated Sharpe ratio needs at least 2 returns, got {}", returns.size()));
    }
    SharpeSample observed;
    observed.sharpe = per_period_sharpe(returns);
    observed.observations = returns.size();
    observed.skewness = skewness(returns);
    observed.kurtosis = excess_kurtosis(returns) + 3.0;
    return deflated_sharpe_ratio(observed, trials, sharpe_variance_across_trials);
}

}  // namespace tradelab::metrics
