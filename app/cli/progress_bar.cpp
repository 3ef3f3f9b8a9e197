#include "progress_bar.hpp"

#include <cstdio>

#include <fmt/format.h>
#include <unistd.h>

namespace tradelab::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(::isatty(STDERR_FILENO) != 0) {}

ProgressBar::~ProgressBar() {
    if (enabled_ && last_percent_ >= 0) fmt::print(stderr, "\n");
}

Progress ProgressBar::callback() {
    return [this](double fraction) {
        draw(fraction);
        return true;
    };
}

void ProgressBar::draw(double fraction) {
    if (!enabled_) return;
    const int percent = int(fraction * 100.0 + 0.5);
    if (percent == last_percent_) return;
    last_percent_ = percent;
    constexpr int kWidth = 30;
    const int filled = percent * kWidth / 100;
    fmt::print(stderr, "\r{:<12} [{}{}] {:3d}%", label_, std::string(std::size_t(filled), '#'),
               std::string(std::size_t(kWidth - filled), ' '), percent);
    std::fflush(stderr);
}

}  // namespace tradelab::cli
