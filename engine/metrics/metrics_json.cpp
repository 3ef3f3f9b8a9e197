#include "metrics/metrics_json.hpp"

#include <cmath>

namespace tradelab::metrics {

nlohmann::ordered_json metrics_to_json(const PerformanceMetrics& m) {
    const auto finite = [](double v) {
        return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
    };
    return {{"total_return", m.total_return},
            {"cagr", m.cagr},
            {"volatility", m.volatility},
            {"sharpe_ratio", m.sharpe_ratio},
            {"max_drawdown", m.max_drawdown},
            {"calmar_ratio", m.calmar_ratio},
            {"total_trades", m.total_trades},
            {"winning_trades", m.winning_trades},
            {"losing_trades", m.losing_trades},
            {"win_rate", m.win_rate},
            {"expectancy", m.expectancy},
            {"profit_factor", finite(m.profit_factor)},
            {"correlation_to_benchmark", m.correlation_to_benchmark},
            {"percentile_99_daily_loss", m.percentile_99_daily_loss},
            {"recovery_factor", m.recovery_factor},
            {"drawdown_duration", m.drawdown_duration},
            {"turnover", m.turnover},
            {"average_holding_period", m.average_holding_period},
            {"max_consecutive_losses", m.max_consecutive_losses},
            {"realized_pnl", m.realized_pnl},
            // Tearsheet additions, appended so earlier keys keep their positions.
            {"sortino_ratio", m.sortino_ratio},
            {"omega_ratio", m.omega_ratio},
            {"tail_ratio", m.tail_ratio},
            {"skewness", m.skewness},
            {"excess_kurtosis", m.excess_kurtosis},
            {"value_at_risk_95", m.value_at_risk_95},
            {"conditional_value_at_risk_95", m.conditional_value_at_risk_95},
            {"beta_to_benchmark", m.beta_to_benchmark},
            {"exposure", m.exposure},
            {"time_in_market", m.time_in_market},
            {"max_drawdown_duration_days", m.max_drawdown_duration_days},
            {"expectancy_r_after_costs", m.expectancy_r_after_costs}};
}

}  // namespace tradelab::metrics
