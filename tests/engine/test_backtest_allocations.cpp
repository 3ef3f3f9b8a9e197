// The daily loop allocates nothing per day: a run over three times as many days makes no more heap
// allocations than the growth of its result vectors needs. Counted with a replaced global operator new,
// so this test lives in its own binary.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "backtest/backtest.hpp"
#include "workloads/synthetic_backtest.hpp"

namespace {
std::atomic<std::size_t> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

namespace tradelab::backtest {
namespace {

std::size_t allocations_of_run(const workloads::SyntheticBacktest& workload, Date end, std::size_t& trades,
                               std::size_t& days) {
    auto scenario = workload.scenario;
    scenario.end = end;
    const std::size_t before = allocations.load();
    const auto result = run_backtest(workload.market, workload.run, scenario);
    const std::size_t count = allocations.load() - before;
    trades = result.trades.size();
    days = result.equity_curve.size();
    return count;
}

TEST(BacktestAllocations, DailyLoopAllocatesNothingPerDay) {
    const auto workload = workloads::make_synthetic_backtest(40, 8, 3);
    const auto& dates = workload.market.data->bars(0).date;
    std::size_t short_trades = 0, short_days = 0, long_trades = 0, long_days = 0;
    allocations_of_run(workload, dates[300], short_trades, short_days);  // one-time statics (calendars)
    const std::size_t short_run = allocations_of_run(workload, dates[252 + 400], short_trades, short_days);
    const std::size_t long_run = allocations_of_run(workload, dates.back(), long_trades, long_days);
    std::printf("%zu allocations for %zu days (%zu trades), %zu for %zu days (%zu trades)\n", short_run,
                short_days, short_trades, long_run, long_days, long_trades);
    ASSERT_GT(long_days, 4 * short_days);
    ASSERT_GT(long_trades, 2 * short_trades);
    // Set-up (buffers sized once) plus the doubling growth of the trade and open-position vectors.
    EXPECT_LT(long_run, short_run + 16) << short_run << " allocations for " << short_days << " days, "
                                        << long_run << " for " << long_days << " days";
    EXPECT_LT(long_run, 200u);
}

}  // namespace
}  // namespace tradelab::backtest
