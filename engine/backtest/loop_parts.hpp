#pragma once
// Pieces both daily loops (TradeLab's and the reference day cycle) share: the fill inputs of an order,
// the equity point of a day, the accounting check and the positions still open at the end.
#include <cstddef>
#include <span>
#include <vector>

#include "backtest/backtest.hpp"
#include "backtest/run_result.hpp"
#include "data/bar_series.hpp"
#include "execution/fill.hpp"
#include "indicators/correlation.hpp"
#include "indicators/feature_table.hpp"
#include "portfolio/portfolio.hpp"

namespace tradelab::backtest {

struct FillSource {
    data::SymbolId symbol = 0;
    AssetClass asset_class = AssetClass::Equity;
    int strategy_index = 0;
    const data::BarSeries* bars = nullptr;
    const indicators::FeatureTable* features = nullptr;
    const data::BarSeries* benchmark = nullptr;  // null: no stress input
};

struct FillTiming {
    std::size_t input_row = 0;      // the row whose ATR and ADV feed the slippage model
    std::size_t execution_row = 0;  // the row of the open the order fills at
    Date execution_day{};
    Date benchmark_day{};  // the benchmark weekly return uses closes up to this day
};

execution::FillContext make_fill_context(const FillSource& source, const FillTiming& timing, bool is_entry,
                                         double quantity, bool crash_day, double slippage_multiplier);

// An empty result carrying the scenario's name, dates and seed and the starting equity.
RunResult result_for(const Scenario& scenario, double starting_equity);

// The portfolio at the end of `day`, as a row of the equity curve.
EquityPoint equity_point(Date day, const portfolio::Portfolio& portfolio, double risk_multiplier,
                         double volatility, double avg_pairwise_correlation);

// Throws std::logic_error naming the day when cash + positions no longer equals equity (a bug).
void require_accounting(const portfolio::Portfolio& portfolio, Date day);

// The held positions' date-aligned 1-day returns on `days`, one row each, written into `buffer`
// (positions × days values, sized by the caller). `series_of(symbol)` gives the symbol's bars and
// features.
template <class SeriesOf>
indicators::ReturnWindow held_returns(const portfolio::Portfolio& portfolio, std::span<const Date> days,
                                      std::span<double> buffer, SeriesOf&& series_of) {
    std::size_t rows = 0;
    for (const portfolio::Position& position : portfolio.positions()) {
        const auto [bars, features] = series_of(position.symbol);
        indicators::gather_returns(days, bars->date, features->returns_1d(),
                                   buffer.subspan(rows * days.size(), days.size()));
        ++rows;
    }
    return {buffer.first(rows * days.size()), rows, days.size()};
}

// The positions still open, as trade records marked at their last close.
std::vector<TradeRecord> open_positions(const portfolio::Portfolio& portfolio,
                                        const data::MarketData& market);

}  // namespace tradelab::backtest
