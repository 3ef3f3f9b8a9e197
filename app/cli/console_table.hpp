#pragma once
// Console output shared by the commands that print stored runs: aligned tables and figures.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace tradelab::cli {

enum class Align { Left, Right };

struct Column {
    std::string header;
    Align align = Align::Right;
};

// Columns padded to their widest cell, two spaces apart, so the output reads as a table in any
// terminal and still splits on whitespace in scripts.
class Table {
  public:
    explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

    void print() const {
        std::vector<std::size_t> widths;
        for (const auto& column : columns_) widths.push_back(column.header.size());
        for (const auto& row : rows_)
            for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
                widths[c] = std::max(widths[c], row[c].size());
        std::vector<std::string> headers;
        for (const auto& column : columns_) headers.push_back(column.header);
        print_row(headers, widths);
        for (const auto& row : rows_) print_row(row, widths);
    }

  private:
    void print_row(const std::vector<std::string>& row, const std::vector<std::size_t>& widths) const {
        std::string line;
        for (std::size_t c = 0; c < row.size() && c < columns_.size(); ++c) {
            if (c > 0) line += "  ";
            line += columns_[c].align == Align::Left ? fmt::format("{:<{}}", row[c], widths[c])
                                                     : fmt::format("{:>{}}", row[c], widths[c]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        fmt::print("{}\n", line);
    }

    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

inline std::string number(double value, int decimals = 2) {
    if (std::isnan(value)) return "-";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    return fmt::format("{:.{}f}", value, decimals);
}

inline std::string percent(double value) {
    return std::isfinite(value) ? fmt::format("{:.2f}%", value * 100.0) : number(value);
}

}  // namespace tradelab::cli
