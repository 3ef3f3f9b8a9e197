#pragma once
// Daily OHLCV CSV files: plain, Yahoo, zipline csvdir, with an optional dollar_volume column.
// Delimiter (',', ';' or tab), UTF-8 BOM, CRLF and quoted fields are handled. Every problem becomes
// a DataIssue; see docs/decisions.md ("Invalid bars") for what is kept and what is dropped.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/progress.hpp"
#include "data/bar_series.hpp"
#include "data/data_issue.hpp"

namespace tradelab::data {

enum class InvalidBarPolicy {
    DropBar,     // the invalid bar is removed and the day treated as missing (default)
    DropSymbol,  // the whole series is rejected, as the Python reference did
};

struct CsvOptions {
    std::optional<Date> start;  // keep bars on or after this date
    std::optional<Date> end;    // keep bars on or before this date
    double extreme_move_threshold = 0.50;
    InvalidBarPolicy invalid_bar_policy = InvalidBarPolicy::DropBar;
};

struct LoadResult {
    BarSeries series;
    std::vector<DataIssue> issues;
    bool rejected = false;   // the series is unusable (file error, bad header, DropSymbol policy)
    bool cancelled = false;  // the progress callback asked to stop
};

// Parses CSV text; `file_label` names the source in issues.
LoadResult parse_csv(std::string_view text, const std::string& file_label, const CsvOptions& options = {},
                     const Progress& progress = {});

// Reads and parses one file.
LoadResult load_csv(const std::filesystem::path& path, const CsvOptions& options = {},
                    const Progress& progress = {});

}  // namespace tradelab::data
