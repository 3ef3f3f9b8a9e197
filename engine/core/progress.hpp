#pragma once
#include <functional>
#include <stdexcept>

namespace tradelab {

// Long work reports its fraction done (0..1) and stops early when the callback returns false.
// An empty callback means "no progress wanted, never cancel".
using Progress = std::function<bool(double fraction_done)>;

inline bool report_progress(const Progress& progress, double fraction_done) {
    return !progress || progress(fraction_done);
}

// Thrown by work that has nothing partial to return when its progress callback cancels it: the caller
// tells a cancel from a failure by the type, never by the message.
class Cancelled : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace tradelab
