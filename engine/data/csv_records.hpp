#pragma once
// Header-indexed rows of a plain CSV file written by a program (trade logs of TradeLab or of the
// Python reference): comma-separated, no quoting. Every error names the file and the line.
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace tradelab::data {

class CsvRecords {
  public:
    struct Row {
        std::size_t line = 0;
        std::vector<std::string> fields;
    };

    // `what` names the kind of file in messages ("trade log"). Throws std::runtime_error when the text
    // has no header or the header lacks one of `columns`.
    CsvRecords(std::string_view text, std::string source, std::span<const std::string_view> columns,
               std::string what);
    static CsvRecords load(const std::filesystem::path& file, std::span<const std::string_view> columns,
                           std::string what);

    const std::vector<Row>& rows() const { return rows_; }
    const std::string& source() const { return source_; }

    // The field of `columns[k]` in `row`; the typed readers throw naming file, line, column and value.
    std::string_view text(const Row& row, std::size_t k) const;
    Date date(const Row& row, std::size_t k) const;
    double number(const Row& row, std::size_t k) const;  // finite

    // "<source>:<line>: <message>", for checks the caller makes on a row.
    std::string located(const Row& row, std::string_view message) const;

  private:
    std::string source_;
    std::vector<std::string> names_;  // of the requested columns, for messages
    std::vector<std::size_t> index_;  // requested column -> field position
    std::vector<Row> rows_;
};

}  // namespace tradelab::data
