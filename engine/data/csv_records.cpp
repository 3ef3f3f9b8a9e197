#include "data/csv_records.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::data {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    return text;
}

std::vector<std::string> split_fields(std::string_view line) {
    std::vector<std::string> fields;
    for (std::size_t start = 0;;) {
        const std::size_t comma = line.find(',', start);
        fields.emplace_back(
            trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start)));
        if (comma == std::string_view::npos) return fields;
        start = comma + 1;
    }
}

}  // namespace

CsvRecords::CsvRecords(std::string_view text, std::string source, std::span<const std::string_view> columns,
                       std::string what)
    : source_(std::move(source)), names_(columns.begin(), columns.end()) {
    bool have_header = false;
    for (std::size_t line_number = 1; !text.empty(); ++line_number) {
        const std::size_t newline = text.find('\n');
        const std::string_view line = trim(text.substr(0, newline));
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        if (line.empty()) continue;
        auto fields = split_fields(line);
        if (have_header) {
            rows_.push_back({line_number, std::move(fields)});
            continue;
        }
        have_header = true;
        for (const auto& name : names_) {
            const auto it = std::find(fields.begin(), fields.end(), name);
            if (it == fields.end()) {
                throw std::runtime_error(
                    fmt::format("{}:{}: {} has no column '{}'", source_, line_number, what, name));
            }
            index_.push_back(std::size_t(it - fields.begin()));
        }
    }
    if (!have_header) throw std::runtime_error(fmt::format("{}: {} is empty", source_, what));
}

CsvRecords CsvRecords::load(const std::filesystem::path& file, std::span<const std::string_view> columns,
                            std::string what) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("cannot open {} {}", what, file.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return CsvRecords(text.str(), file.string(), columns, std::move(what));
}

std::string_view CsvRecords::text(const Row& row, std::size_t k) const {
    const std::size_t at = index_.at(k);
    if (at >= row.fields.size()) {
        throw std::runtime_error(
            located(row, fmt::format("{} fields, column '{}' missing", row.fields.size(), names_[k])));
    }
    return row.fields[at];
}

Date CsvRecords::date(const Row& row, std::size_t k) const {
    const std::string_view value = text(row, k);
    const auto parsed = parse_date(value);
    if (!parsed)
        throw std::runtime_error(located(row, fmt::format("{} '{}' is not a date", names_[k], value)));
    return *parsed;
}

double CsvRecords::number(const Row& row, std::size_t k) const {
    const std::string_view value = text(row, k);
    double parsed = 0.0;
    const auto [end, code] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (code != std::errc{} || end != value.data() + value.size() || !std::isfinite(parsed)) {
        throw std::runtime_error(located(row, fmt::format("{} '{}' is not a number", names_[k], value)));
    }
    return parsed;
}

std::string CsvRecords::located(const Row& row, std::string_view message) const {
    return fmt::format("{}:{}: {}", source_, row.line, message);
}

}  // namespace tradelab::data
