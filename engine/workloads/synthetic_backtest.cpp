#include "workloads/synthetic_backtest.hpp"

#include <memory>
#include <stdexcept>

#include "data/synthetic.hpp"

namespace tradelab::workloads {

SyntheticBacktest make_synthetic_backtest(int symbols, int years, std::uint64_t seed) {
    if (years < 2)
        throw std::invalid_argument("the synthetic backtest needs at least 2 years (1 of warm-up)");
    data::SynthOptions options;
    options.symbols = symbols + 1;  // the last one plays SPY
    options.years = years;
    options.seed = seed;
    options.correlated_groups = 10;
    options.patterns = {data::SynthPattern::Trend, data::SynthPattern::Breakout};
    auto universe = data::generate_synthetic(options);

    auto market = std::make_shared<data::MarketData>();
    config::StrategyConfig strategy;  // every default of spec 03 §2: equity momentum
    strategy.name = "equity_momentum";
    strategy.benchmark = "SPY";
    for (int i = 0; i < symbols; ++i) {
        market->add({universe.symbols[std::size_t(i)], AssetClass::Equity, false, {}},
                    std::move(universe.series[std::size_t(i)]));
        strategy.universe_symbols.push_back(universe.symbols[std::size_t(i)]);
    }
    market->add({"SPY", AssetClass::Equity, true, {}}, std::move(universe.series.back()));

    SyntheticBacktest workload;
    workload.run.random_seed = seed;
    workload.run.strategies.equity = config::StrategySlot{{}, true, strategy};
    const auto& dates = market->bars(0).date;
    workload.scenario.period_name = "synthetic";
    workload.scenario.start = dates[252];
    workload.scenario.end = dates.back();
    workload.scenario.seed = seed;
    workload.market = backtest::prepare_run_market(std::move(market), workload.run);
    return workload;
}

std::string synthetic_strategy_yaml(const SyntheticBacktest& workload) {
    const auto& strategy = *workload.run.strategies.equity->config;
    std::string yaml = "name: " + strategy.name + "\nasset_class: equity\nbenchmark: SPY\nuniverse: [";
    for (std::size_t i = 0; i < strategy.universe_symbols.size(); ++i)
        yaml += (i ? ", " : "") + strategy.universe_symbols[i];
    return yaml + "]\n";
}

}  // namespace tradelab::workloads
