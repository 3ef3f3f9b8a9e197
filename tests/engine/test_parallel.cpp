#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "core/parallel.hpp"
#include "core/random.hpp"

namespace tradelab {
namespace {

std::vector<double> seeded_draws(std::size_t count, int threads) {
    std::vector<double> results(count, 0.0);
    const auto outcome = parallel_for(count, threads, [&](std::size_t i, const CancelFlag&) {
        Random random(mix_seed(7, i));
        double sum = 0.0;
        for (int k = 0; k < 1000; ++k) sum += random.normal();
        results[i] = sum;
        return true;
    });
    EXPECT_TRUE(outcome.complete());
    EXPECT_EQ(outcome.completed, count);
    return results;
}

TEST(ParallelFor, SameResultsAtAnyThreadCount) {
    const auto one = seeded_draws(257, 1);
    const auto two = seeded_draws(257, 2);
    const auto eight = seeded_draws(257, 8);
    EXPECT_EQ(one, two);
    EXPECT_EQ(one, eight);
    EXPECT_NE(one[0], one[1]);
}

TEST(ParallelFor, CancelStopsRunningTasksPromptly) {
    std::atomic<int> started{0};
    const auto begin = std::chrono::steady_clock::now();
    const auto outcome = parallel_for(
        1000, 2,
        [&](std::size_t, const CancelFlag& cancel) {
            ++started;
            // A long task that polls the flag every millisecond.
            for (int ms = 0; ms < 10'000; ++ms) {
                if (cancel.load()) return false;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return true;
        },
        [&](double) { return std::chrono::steady_clock::now() - begin < std::chrono::milliseconds(50); });
    const auto elapsed = std::chrono::steady_clock::now() - begin;
    EXPECT_TRUE(outcome.cancelled);
    EXPECT_EQ(outcome.completed, 0u);
    EXPECT_LE(started.load(), 2);
    EXPECT_LT(elapsed, std::chrono::milliseconds(200));
}

TEST(ParallelFor, FirstExceptionIsRethrownAfterEveryThreadStopped) {
    std::atomic<int> ran{0};
    EXPECT_THROW(parallel_for(100, 2,
                              [&](std::size_t i, const CancelFlag&) {
                                  ++ran;
                                  std::this_thread::sleep_for(std::chrono::milliseconds(2));
                                  if (i == 3) throw std::runtime_error("task 3 failed");
                                  return true;
                              }),
                 std::runtime_error);
    EXPECT_LT(ran.load(), 100);
}

TEST(ParallelFor, ZeroTasksCompleteAtOnce) {
    const auto outcome = parallel_for(0, 2, [](std::size_t, const CancelFlag&) { return true; });
    EXPECT_TRUE(outcome.complete());
}

}  // namespace
}  // namespace tradelab
