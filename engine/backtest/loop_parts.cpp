#include "backtest/loop_parts.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "execution/slippage_inputs.hpp"

namespace tradelab::backtest {

execution::FillContext make_fill_context(const FillSource& source, const FillTiming& timing, bool is_entry,
                                         double quantity, bool crash_day, double slippage_multiplier) {
    const auto& bars = *source.bars;
    const auto& features = *source.features;
    execution::FillContext context;
    context.symbol = source.symbol;
    context.asset_class = source.asset_class;
    context.side = is_entry ? execution::Side::Buy : execution::Side::Sell;
    context.is_entry = is_entry;
    context.strategy_index = source.strategy_index;
    context.execution_date = timing.execution_day;
    context.open_price = bars.open[timing.execution_row];
    context.quantity = quantity;
    context.atr = features.atr()[timing.input_row];
    context.atr_mean_60 = execution::trailing_atr_mean(features.atr(), timing.input_row);
    context.adv20 = features.adv()[timing.input_row];
    if (source.benchmark != nullptr) {
        context.benchmark_weekly_return = execution::benchmark_weekly_return(
            context.asset_class, source.benchmark->date, source.benchmark->close, timing.benchmark_day);
    }
    context.is_crash_date = crash_day;
    context.slippage_multiplier = slippage_multiplier;
    context.day_low = bars.low[timing.execution_row];
    context.day_high = bars.high[timing.execution_row];
    return context;
}

RunResult result_for(const Scenario& scenario, double starting_equity) {
    RunResult result;
    result.period_name = scenario.period_name;
    result.start = scenario.start;
    result.end = scenario.end;
    result.starting_equity = starting_equity;
    result.seed = scenario.seed;
    return result;
}

EquityPoint equity_point(Date day, const portfolio::Portfolio& portfolio, double risk_multiplier,
                         double volatility, double avg_pairwise_correlation) {
    EquityPoint point;
    point.date = day;
    point.equity = portfolio.equity();
    point.cash = portfolio.cash();
    point.positions = int(portfolio.position_count());
    point.positions_equity = int(portfolio.position_count(AssetClass::Equity));
    point.positions_crypto = int(portfolio.position_count(AssetClass::Crypto));
    point.gross_exposure = portfolio.gross_exposure();
    point.realized_pnl = portfolio.realized_pnl();
    point.unrealized_pnl = portfolio.unrealized_pnl();
    point.risk_multiplier = risk_multiplier;
    point.portfolio_vol_20d = volatility;
    point.avg_pairwise_corr = avg_pairwise_correlation;
    return point;
}

void require_accounting(const portfolio::Portfolio& portfolio, Date day) {
    const double gap = portfolio.check_accounting();
    if (gap > 1e-6 * std::max(1.0, std::abs(portfolio.equity()))) {
        throw std::logic_error(fmt::format(
            "accounting broke on {}: cash + positions differs from equity by {}", format_date(day), gap));
    }
}

std::vector<TradeRecord> open_positions(const portfolio::Portfolio& portfolio,
                                        const data::MarketData& market) {
    std::vector<TradeRecord> open;
    for (const portfolio::Position& position : portfolio.positions()) {
        open.push_back(portfolio.snapshot(position));
        open.back().symbol_name = market.info(position.symbol).symbol;
    }
    return open;
}

}  // namespace tradelab::backtest
