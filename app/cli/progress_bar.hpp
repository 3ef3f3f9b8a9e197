#pragma once
// A one-line progress bar on stderr for interactive terminals; silent when stderr is not a terminal
// (logs and CI stay clean).
#include <string>

#include "core/progress.hpp"

namespace tradelab::cli {

class ProgressBar {
  public:
    explicit ProgressBar(std::string label);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    Progress callback();

  private:
    void draw(double fraction);

    std::string label_;
    bool enabled_;
    int last_percent_ = -1;
};

}  // namespace tradelab::cli
