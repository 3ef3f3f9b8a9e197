#pragma once
// Is an observed Sharpe ratio better than luck? The Probabilistic Sharpe Ratio (Bailey & López de Prado,
// "The Sharpe Ratio Efficient Frontier", 2012) and the Deflated Sharpe Ratio (Bailey & López de Prado,
// "The Deflated Sharpe Ratio: Correcting for Selection Bias, Backtest Overfitting and Non-Normality",
// 2014). Formulas in docs/metrics.md.
//
// Every Sharpe ratio here is PER PERIOD (mean / std of the per-period returns, not annualised):
//   per period = annualised / sqrt(periods_per_year)
//   variance of per-period Sharpe across trials = variance of annualised Sharpe / periods_per_year
// (sharpe_per_period / sharpe_variance_per_period below). Kurtosis is the plain fourth standardised
// moment (a normal distribution has 3), not the excess kurtosis of PerformanceMetrics.
#include <cmath>
#include <cstddef>
#include <span>

namespace tradelab::metrics {

inline constexpr double kEulerMascheroni = 0.57721566490153286;

inline double sharpe_per_period(double annualised_sharpe, double periods_per_year) {
    return annualised_sharpe / std::sqrt(periods_per_year);
}
inline double sharpe_variance_per_period(double annualised_sharpe_variance, double periods_per_year) {
    return annualised_sharpe_variance / periods_per_year;
}

// PSR(SR*) = Φ( (SR - SR*) sqrt(T - 1) / sqrt(1 - skew SR + (kurtosis - 1) / 4 SR^2) ): the probability
// that the true Sharpe exceeds `benchmark_sharpe_per_period` given SR observed over T = `observations`.
// std::invalid_argument for T < 2, a non-finite input or a non-positive term under the square root.
double probabilistic_sharpe_ratio(double sharpe_per_period, double benchmark_sharpe_per_period,
                                  std::size_t observations, double skewness, double kurtosis);

// E[max SR] = sqrt(V) ((1 - γ) Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e))), γ Euler–Mascheroni: the Sharpe the
// best of N independent zero-skill trials reaches by luck. V is the variance of the per-period Sharpe
// across the trials. N = 1 gives 0 (no selection). std::invalid_argument for N < 1 or V < 0.
double expected_max_sharpe(double sharpe_variance_across_trials, std::size_t trials);

// The observed per-period statistics PSR and DSR need.
struct SharpeSample {
    double sharpe = 0.0;  // per period
    std::size_t observations = 0;
    double skewness = 0.0;
    double kurtosis = 3.0;  // non-excess
};

struct DeflatedSharpe {
    double sharpe = 0.0;               // per period, observed
    double expected_max_sharpe = 0.0;  // per period, the deflation benchmark SR0
    double psr_zero = 0.0;             // PSR against 0: skill without the multiple-testing correction
    double dsr = 0.0;                  // PSR against SR0
    std::size_t trials = 0;
    std::size_t observations = 0;
    double skewness = 0.0;
    double kurtosis = 3.0;  // non-excess
};

// DSR = PSR(SR0) with SR0 = expected_max_sharpe(V, N).
DeflatedSharpe deflated_sharpe_ratio(const SharpeSample& observed, std::size_t trials,
                                     double sharpe_variance_across_trials);
// From the per-period returns of the selected strategy: SR = mean / population std, population
// skewness and kurtosis. std::invalid_argument also when the returns are constant.
DeflatedSharpe deflated_sharpe_ratio(std::span<const double> returns, std::size_t trials,
                                     double sharpe_variance_across_trials);

}  // namespace tradelab::metrics
