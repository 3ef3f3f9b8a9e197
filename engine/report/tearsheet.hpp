#pragma once
// A one-page HTML tear sheet of a stored run: provenance, headline metrics, equity and drawdown
// charts, monthly returns and the trade list. The page is self-contained (inline CSS and SVG, no
// scripts, no network) so it can be mailed, archived or opened offline years later.
#include <string>
#include <string_view>
#include <vector>

#include "store/results_store.hpp"

namespace tradelab::report {

// `text` with &, <, >, " and ' replaced by their HTML entities.
std::string escape_html(std::string_view text);

// Month-end equity over the previous month-end (the starting equity for the first month) minus one.
struct MonthlyReturn {
    int year = 0;
    unsigned month = 0;  // 1..12
    double value = 0.0;
};
std::vector<MonthlyReturn> monthly_returns(const backtest::RunResult& run);

// The page of `run`. The charts draw every point of the equity curve (no downsampling), so the
// equity polyline has exactly one point per curve point.
std::string tearsheet_html(const store::StoredRun& run);

}  // namespace tradelab::report
