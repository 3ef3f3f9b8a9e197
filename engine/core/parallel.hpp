#pragma once
// Independent tasks (grid points, permutations, bootstrap blocks, folds) on a few threads. Task i
// writes only its own result slot and draws from a seed derived from (master seed, i), so the output
// does not depend on the thread count or on which thread ran what.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/progress.hpp"

namespace tradelab {

// Set when the caller cancels; long tasks poll it and return early (their result then counts as
// not done).
using CancelFlag = std::atomic<bool>;

struct ParallelOutcome {
    std::vector<char> done;  // done[i] != 0 when task i ran to completion
    std::size_t completed = 0;
    bool cancelled = false;

    bool complete() const { return !cancelled && completed == done.size(); }
};

// The number of threads to use for `requested` (0 = every hardware thread), at least 1.
inline int resolve_threads(int requested) {
    if (requested > 0) return requested;
    const unsigned hardware = std::thread::hardware_concurrency();
    return hardware == 0 ? 1 : int(hardware);
}

// Runs task(i, cancel) for i in [0, count) on `threads` threads. The task returns true when it
// completed, false when it stopped because `cancel` was set. Progress is reported from the calling
// thread about every 20 ms (fraction of tasks completed); returning false sets `cancel`, running tasks
// see it at their next poll and no new task starts. The first exception a task throws cancels the rest
// and is rethrown here once every thread has stopped.
inline ParallelOutcome parallel_for(std::size_t count, int threads,
                                    const std::function<bool(std::size_t, const CancelFlag&)>& task,
                                    const Progress& progress = {}) {
    ParallelOutcome outcome;
    outcome.done.assign(count, 0);
    CancelFlag cancel{false};
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> completed{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;

    const auto worker = [&] {
        while (!cancel.load(std::memory_order_relaxed)) {
            const std::size_t i = next.fetch_add(1);
            if (i >= count) return;
            try {
                if (task(i, cancel)) {
                    outcome.done[i] = 1;
                    completed.fetch_add(1);
                }
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                cancel.store(true);
            }
        }
    };

    const std::size_t thread_count =
        std::min<std::size_t>(std::size_t(resolve_threads(threads)), std::max<std::size_t>(count, 1));
    {
        std::vector<std::jthread> pool;
        pool.reserve(thread_count);
        for (std::size_t t = 0; t < thread_count; ++t) pool.emplace_back(worker);
        auto last_report = std::chrono::steady_clock::now();
        // Each worker takes one index past the end before it leaves.
        while (next.load() < count + thread_count && !cancel.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(4));
            const auto now = std::chrono::steady_clock::now();
            if (now - last_report < std::chrono::milliseconds(20)) continue;
            last_report = now;
            if (!report_progress(progress, count == 0 ? 1.0 : double(completed.load()) / double(count))) {
                cancel.store(true);
                outcome.cancelled = true;
            }
        }
    }  // joins every worker
    if (failure) std::rethrow_exception(failure);
    outcome.completed = completed.load();
    if (!outcome.cancelled) report_progress(progress, 1.0);
    return outcome;
}

}  // namespace tradelab
