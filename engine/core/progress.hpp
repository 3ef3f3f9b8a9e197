#pragma once
#include <functional>

namespace tradelab {

// Long work reports its fraction done (0..1) and stops early when the callback returns false.
// An empty callback means "no progress wanted, never cancel".
using Progress = std::function<bool(double fraction_done)>;

inline bool report_progress(const Progress& progress, double fraction_done) {
    return !progress || progress(fraction_done);
}

}  // namespace tradelab
