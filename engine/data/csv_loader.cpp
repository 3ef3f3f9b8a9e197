#include "data/csv_loader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <numeric>
#include <optional>

#include <fmt/format.h>

namespace tradelab::data {
namespace {

constexpr std::size_t kProgressEveryRows = 1 << 14;

enum Column : std::size_t { kDate, kOpen, kHigh, kLow, kClose, kVolume, kDollarVolume, kColumnCount };
constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"date",  "open",   "high",         "low",
                                                                     "close", "volume", "dollar_volume"};

inline std::string_view trim(std::string_view text) {
    if (text.empty() || (text.front() > ' ' && text.back() > ' ')) return text;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// Splits one line into fields. The fast path (no quote in the line) only records views; quoted
// fields are unescaped into `scratch`, which keeps its capacity from line to line.
class LineSplitter {
  public:
    LineSplitter(char delimiter, bool may_have_quotes)
        : delimiter_(delimiter), may_have_quotes_(may_have_quotes) {}

    const std::vector<std::string_view>& split(std::string_view line) {
        fields_.clear();
        if (!may_have_quotes_ || line.find('"') == std::string_view::npos) {
            split_plain(line);
        } else {
            split_quoted(line);
        }
        return fields_;
    }

  private:
    // Fields are short, so a byte loop beats a memchr call per field.
    void split_plain(std::string_view line) {
        const char* begin = line.data();
        const char* const end = begin + line.size();
        for (const char* cursor = begin; cursor != end; ++cursor) {
            if (*cursor == delimiter_) {
                fields_.push_back(trim(std::string_view(begin, std::size_t(cursor - begin))));
                begin = cursor + 1;
            }
        }
        fields_.push_back(trim(std::string_view(begin, std::size_t(end - begin))));
    }

    void split_quoted(std::string_view line) {
        // Unescaped fields go to scratch_; views are taken once the line is done, so that growing
        // scratch_ cannot invalidate them.
        scratch_.clear();
        bounds_.clear();
        std::size_t i = 0;
        while (true) {
            const std::size_t field_start = scratch_.size();
            while (i < line.size() && line[i] == ' ') ++i;
            if (i < line.size() && line[i] == '"') {
                ++i;
                while (i < line.size()) {
                    if (line[i] == '"') {
                        if (i + 1 < line.size() && line[i + 1] == '"') {
                            scratch_.push_back('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    scratch_.push_back(line[i++]);
                }
                while (i < line.size() && line[i] != delimiter_) scratch_.push_back(line[i++]);
            } else {
                while (i < line.size() && line[i] != delimiter_) scratch_.push_back(line[i++]);
            }
            bounds_.emplace_back(field_start, scratch_.size());
            if (i >= line.size()) break;
            ++i;  // the delimiter
        }
        for (const auto& [begin, end] : bounds_) {
            fields_.push_back(trim(std::string_view(scratch_).substr(begin, end - begin)));
        }
    }

    char delimiter_;
    bool may_have_quotes_;
    std::vector<std::string_view> fields_;
    std::string scratch_;
    std::vector<std::pair<std::size_t, std::size_t>> bounds_;
};

char detect_delimiter(std::string_view header) {
    const auto count = [&](char c) { return std::count(header.begin(), header.end(), c); };
    const auto commas = count(',');
    const auto semicolons = count(';');
    const auto tabs = count('\t');
    if (tabs > commas && tabs >= semicolons) return '\t';
    if (semicolons > commas) return ';';
    return ',';
}

// Plain decimals ("123.4567", at most 15 significant digits) are exact as mantissa / 10^k: both
// are exactly representable, so one IEEE division rounds correctly and gives the same double as
// from_chars (Clinger's fast path). Anything else (exponents, long mantissas) goes to from_chars.
constexpr std::array<double, 16> kPowersOfTen = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

bool parse_plain_decimal(std::string_view text, double& value) {
    std::size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative) ++i;
    std::uint64_t mantissa = 0;
    int digits = 0;
    int fraction_digits = 0;
    bool seen_point = false;
    bool seen_digit = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            seen_digit = true;
            if (mantissa == 0 && c == '0' && !seen_point) continue;  // leading zeros carry no digits
            mantissa = mantissa * 10 + std::uint64_t(c - '0');
            ++digits;
            if (seen_point) ++fraction_digits;
            if (digits > 15) return false;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            return false;
        }
    }
    if (!seen_digit) return false;
    if (seen_point && mantissa == 0) fraction_digits = 0;
    value = double(mantissa) / kPowersOfTen[std::size_t(fraction_digits)];
    if (negative) value = -value;
    return true;
}

bool parse_number(std::string_view text, double& value) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return false;
    if (parse_plain_decimal(text, value)) return true;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() && std::isfinite(value);
}

struct HeaderLayout {
    std::array<std::size_t, kColumnCount> index{};
    std::size_t field_count = 0;
};

class CsvParser {
  public:
    CsvParser(std::string_view text, const std::string& file, const CsvOptions& options,
              const Progress& progress)
        : text_(text), file_(file), options_(options), progress_(progress) {}

    LoadResult run() {
        strip_bom();
        if (!read_header()) return finish_rejected();
        read_rows();
        if (result_.cancelled) return std::move(result_);
        if (rows_seen_ == 0) {
            add_issue(IssueKind::EmptyFile, Severity::Error, 0, "", "the file has a header but no data rows");
            return finish_rejected();
        }
        order_by_date();
        check_extreme_moves();
        if (options_.invalid_bar_policy == InvalidBarPolicy::DropSymbol && invalid_bars_ > 0) {
            return finish_rejected();
        }
        series_lines_.clear();
        result_.series = std::move(series_);
        return std::move(result_);
    }

  private:
    void add_issue(IssueKind kind, Severity severity, int line, std::string_view field, std::string message) {
        result_.issues.push_back(
            DataIssue{kind, severity, file_, line, std::string(field), std::move(message)});
    }

    LoadResult finish_rejected() {
        result_.rejected = true;
        result_.series = BarSeries{};
        return std::move(result_);
    }

    void strip_bom() {
        if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
    }

    std::string_view next_line() {
        const std::size_t end = text_.find('\n', position_);
        std::string_view line;
        if (end == std::string_view::npos) {
            line = text_.substr(position_);
            position_ = text_.size();
        } else {
            line = text_.substr(position_, end - position_);
            position_ = end + 1;
        }
        ++line_number_;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return line;
    }

    bool at_end() const { return position_ >= text_.size(); }

    bool read_header() {
        while (!at_end()) {
            const std::string_view line = next_line();
            if (trim(line).empty()) continue;
            return parse_header(line);
        }
        add_issue(IssueKind::EmptyFile, Severity::Error, 0, "", "the file is empty");
        return false;
    }

    bool parse_header(std::string_view line) {
        // One scan of the whole text decides whether any line needs the quote-aware splitter.
        may_have_quotes_ = text_.find('"') != std::string_view::npos;
        delimiter_ = detect_delimiter(line);
        splitter_ = LineSplitter(delimiter_, may_have_quotes_);
        const auto& names = splitter_.split(line);
        layout_.field_count = names.size();
        layout_.index.fill(kNoColumn);
        bool ok = true;
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string name = lower(names[i]);
            const auto column = std::find(kColumnNames.begin(), kColumnNames.end(), name);
            if (column == kColumnNames.end()) continue;  // e.g. Adj Close, dividend, split: not used
            const auto slot = static_cast<std::size_t>(column - kColumnNames.begin());
            if (layout_.index[slot] != kNoColumn) {
                add_issue(IssueKind::BadHeader, Severity::Error, line_number_, name, "column appears twice");
                ok = false;
            }
            layout_.index[slot] = i;
        }
        slot_of_field_.assign(layout_.field_count, kNoColumn);
        for (std::size_t slot = kDate; slot < kColumnCount; ++slot) {
            if (layout_.index[slot] != kNoColumn) slot_of_field_[layout_.index[slot]] = slot;
        }
        for (std::size_t slot = kDate; slot <= kVolume; ++slot) {
            if (layout_.index[slot] == kNoColumn) {
                add_issue(IssueKind::BadHeader, Severity::Error, line_number_, kColumnNames[slot],
                          "required column is missing (need date, open, high, low, close, volume)");
                ok = false;
            }
        }
        return ok;
    }

    void read_rows() {
        const auto expected_rows =
            static_cast<std::size_t>(std::count(text_.begin() + position_, text_.end(), '\n')) + 1;
        series_.reserve(expected_rows);
        series_lines_.reserve(expected_rows);
        std::size_t rows_since_progress = 0;
        while (!at_end()) {
            const std::string_view line = next_line();
            if (line.empty() || trim(line).empty()) continue;
            ++rows_seen_;
            read_row(line);
            if (++rows_since_progress == kProgressEveryRows) {
                rows_since_progress = 0;
                if (!report_progress(progress_, double(position_) / double(text_.size()))) {
                    result_.cancelled = true;
                    return;
                }
            }
        }
        report_progress(progress_, 1.0);
    }

    // Reads "[-]digits[.digits]" (at most 15 digits, the exact fast path of parse_plain_decimal) from
    // `cursor` up to the delimiter or the line end, and leaves `cursor` there. Anything else (spaces,
    // exponents, long mantissas, an empty field) returns false with `cursor` unchanged.
    bool scan_plain_decimal(const char*& cursor, const char* end, double& value) const {
        const char* p = cursor;
        const bool negative = p != end && *p == '-';
        p += negative ? 1 : 0;
        const char* const digits_begin = p;
        const char* point = nullptr;
        std::uint64_t mantissa = 0;
        for (; p != end && *p != delimiter_; ++p) {
            const unsigned digit = unsigned(*p) - unsigned('0');
            if (digit <= 9) {
                mantissa = mantissa * 10 + digit;
            } else if (*p == '.' && point == nullptr) {
                point = p;
            } else {
                return false;
            }
        }
        const auto digits = std::size_t(p - digits_begin) - (point != nullptr ? 1 : 0);
        if (digits == 0 || digits > 15) return false;
        const auto fraction_digits = point != nullptr ? std::size_t(p - point - 1) : 0;
        value = fraction_digits == 0 ? double(mantissa) : double(mantissa) / kPowersOfTen[fraction_digits];
        if (negative) value = -value;
        cursor = p;
        return true;
    }

    // The common case, a line without quotes whose fields are all well formed, is parsed in one
    // pass without building a field list. Anything unusual falls back to read_row_checked(), which
    // produces the precise issue.
    bool read_row_fast(std::string_view line) {
        if (may_have_quotes_) return false;
        std::array<double, kColumnCount> value{};
        std::optional<Date> date;
        const char* cursor = line.data();
        const char* const end = cursor + line.size();
        for (std::size_t field = 0; field < layout_.field_count; ++field) {
            const std::size_t slot = slot_of_field_[field];
            const bool last = field + 1 == layout_.field_count;
            // Plain decimals are read while looking for the delimiter: one pass over the field.
            if (slot != kDate && slot != kNoColumn && scan_plain_decimal(cursor, end, value[slot])) {
                if ((cursor == end) != last) return false;  // wrong column count
                cursor += last ? 0 : 1;
                continue;
            }
            const char* field_end = cursor;
            while (field_end != end && *field_end != delimiter_) ++field_end;
            if ((field_end == end) != last) return false;  // wrong column count
            const std::string_view text = trim(std::string_view(cursor, std::size_t(field_end - cursor)));
            if (slot == kDate) {
                date = parse_date(text);
                if (!date) return false;
            } else if (slot != kNoColumn) {
                if (slot == kDollarVolume && text.empty())
                    value[slot] = 0.0;
                else if (!parse_number(text, value[slot]))
                    return false;
            }
            cursor = field_end + (last ? 0 : 1);
        }
        if ((options_.start && *date < *options_.start) || (options_.end && *date > *options_.end))
            return true;
        if (!bar_is_valid(value)) {
            ++invalid_bars_;
            return true;
        }
        append(*date, value);
        return true;
    }

    void read_row(std::string_view line) {
        if (!read_row_fast(line)) read_row_checked(line);
    }

    void read_row_checked(std::string_view line) {
        const auto& fields = splitter_.split(line);
        if (fields.size() != layout_.field_count) {
            add_issue(
                IssueKind::WrongColumnCount, Severity::Error, line_number_, "",
                fmt::format("expected {} fields, found {}; row skipped", layout_.field_count, fields.size()));
            return;
        }
        const std::string_view date_text = fields[layout_.index[kDate]];
        const auto date = parse_date(date_text);
        if (!date) {
            add_issue(IssueKind::BadDate, Severity::Error, line_number_, "date",
                      fmt::format("'{}' is not a date (YYYY-MM-DD); row skipped", date_text));
            return;
        }
        if ((options_.start && *date < *options_.start) || (options_.end && *date > *options_.end)) return;

        std::array<double, kColumnCount> value{};
        for (std::size_t slot = kOpen; slot < kColumnCount; ++slot) {
            if (!read_value(fields, slot, value[slot])) return;
        }
        if (!bar_is_valid(value)) {
            ++invalid_bars_;
            return;
        }
        append(*date, value);
    }

    bool read_value(const std::vector<std::string_view>& fields, std::size_t slot, double& value) {
        const std::size_t column = layout_.index[slot];
        if (column == kNoColumn) {
            value = 0.0;
            return true;
        }
        const std::string_view text = fields[column];
        if (slot == kDollarVolume && text.empty()) {
            value = 0.0;
            return true;
        }
        if (parse_number(text, value)) return true;
        add_issue(IssueKind::BadNumber, Severity::Error, line_number_, kColumnNames[slot],
                  fmt::format("'{}' is not a finite number; row skipped", text));
        return false;
    }

    // Spec 01 §1.1 bar invariants. Each violated invariant is its own issue; the bar is dropped.
    bool bar_is_valid(const std::array<double, kColumnCount>& v) {
        bool valid = true;
        const auto fail = [&](IssueKind kind, std::string_view field, std::string message) {
            const bool drop_symbol = options_.invalid_bar_policy == InvalidBarPolicy::DropSymbol;
            add_issue(kind, Severity::Error, line_number_, field,
                      std::move(message) + (drop_symbol ? "; symbol rejected" : "; bar dropped"));
            valid = false;
        };
        for (std::size_t slot = kOpen; slot <= kClose; ++slot) {
            if (v[slot] <= 0.0)
                fail(IssueKind::NonPositivePrice, kColumnNames[slot],
                     fmt::format("price {} is not positive", v[slot]));
        }
        if (v[kVolume] < 0.0)
            fail(IssueKind::NegativeVolume, "volume", fmt::format("volume {} is negative", v[kVolume]));
        if (!valid) return false;
        if (v[kHigh] < v[kLow]) {
            fail(IssueKind::HighBelowLow, "high", fmt::format("high {} is below low {}", v[kHigh], v[kLow]));
            return false;
        }
        if (v[kOpen] < v[kLow] || v[kOpen] > v[kHigh]) {
            fail(IssueKind::OpenOutsideRange, "open",
                 fmt::format("open {} is outside [low {}, high {}]", v[kOpen], v[kLow], v[kHigh]));
        }
        if (v[kClose] < v[kLow] || v[kClose] > v[kHigh]) {
            fail(IssueKind::CloseOutsideRange, "close",
                 fmt::format("close {} is outside [low {}, high {}]", v[kClose], v[kLow], v[kHigh]));
        }
        return valid;
    }

    void append(Date date, const std::array<double, kColumnCount>& v) {
        series_.date.push_back(date);
        series_.open.push_back(v[kOpen]);
        series_.high.push_back(v[kHigh]);
        series_.low.push_back(v[kLow]);
        series_.close.push_back(v[kClose]);
        series_.volume.push_back(v[kVolume]);
        series_.dollar_volume.push_back(v[kDollarVolume] > 0.0 ? v[kDollarVolume] : v[kClose] * v[kVolume]);
        series_lines_.push_back(line_number_);
    }

    // Rows out of order are reported and sorted; a duplicated date keeps its first row.
    void order_by_date() {
        const auto& dates = series_.date;
        const bool strictly_increasing =
            std::adjacent_find(dates.begin(), dates.end(), std::greater_equal<>{}) == dates.end();
        if (strictly_increasing) return;
        report_out_of_order_rows();
        std::vector<std::size_t> order(dates.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return dates[a] < dates[b]; });
        std::vector<std::size_t> kept;
        kept.reserve(order.size());
        for (const std::size_t row : order) {
            if (!kept.empty() && dates[kept.back()] == dates[row]) {
                add_issue(IssueKind::DuplicateDate, Severity::Error, series_lines_[row], "date",
                          fmt::format("{} already appears on line {}; row dropped", format_date(dates[row]),
                                      series_lines_[kept.back()]));
                continue;
            }
            kept.push_back(row);
        }
        permute(kept);
    }

    void report_out_of_order_rows() {
        const auto& dates = series_.date;
        const bool descending =
            dates.size() > 1 && std::is_sorted(dates.rbegin(), dates.rend(), std::less<>{});
        if (descending) {
            add_issue(IssueKind::NonMonotonicDate, Severity::Warning, series_lines_.front(), "date",
                      "rows are in descending date order; sorted ascending");
            return;
        }
        for (std::size_t i = 1; i < dates.size(); ++i) {
            if (dates[i] < dates[i - 1]) {
                add_issue(IssueKind::NonMonotonicDate, Severity::Warning, series_lines_[i], "date",
                          fmt::format("{} comes after {}; rows sorted by date", format_date(dates[i]),
                                      format_date(dates[i - 1])));
            }
        }
    }

    void permute(const std::vector<std::size_t>& rows) {
        const auto take = [&](auto& column) {
            std::remove_reference_t<decltype(column)> sorted;
            sorted.reserve(rows.size());
            for (const std::size_t row : rows) sorted.push_back(column[row]);
            column = std::move(sorted);
        };
        take(series_.date);
        take(series_.open);
        take(series_.high);
        take(series_.low);
        take(series_.close);
        take(series_.volume);
        take(series_.dollar_volume);
        take(series_lines_);
    }

    void check_extreme_moves() {
        const auto& close = series_.close;
        for (std::size_t i = 1; i < close.size(); ++i) {
            const double move = close[i] / close[i - 1] - 1.0;
            if (std::abs(move) > options_.extreme_move_threshold) {
                add_issue(IssueKind::ExtremeMove, Severity::Warning, series_lines_[i], "close",
                          fmt::format("close moved {:+.1f}% from {} to {} (threshold {:.0f}%); bar kept",
                                      move * 100.0, close[i - 1], close[i],
                                      options_.extreme_move_threshold * 100.0));
            }
        }
    }

    std::string_view text_;
    const std::string& file_;
    const CsvOptions& options_;
    const Progress& progress_;
    std::size_t position_ = 0;
    int line_number_ = 0;
    std::size_t rows_seen_ = 0;
    std::size_t invalid_bars_ = 0;
    LineSplitter splitter_{',', true};
    char delimiter_ = ',';
    bool may_have_quotes_ = true;
    std::vector<std::size_t> slot_of_field_;  // header column -> Column slot, or kNoColumn
    HeaderLayout layout_;
    BarSeries series_;
    std::vector<int> series_lines_;
    LoadResult result_;
};

}  // namespace

LoadResult parse_csv(std::string_view text, const std::string& file_label, const CsvOptions& options,
                     const Progress& progress) {
    return CsvParser(text, file_label, options, progress).run();
}

LoadResult load_csv(const std::filesystem::path& path, const CsvOptions& options, const Progress& progress) {
    const std::string label = path.string();
    std::ifstream stream(path, std::ios::binary);
    std::string text;
    if (stream) {
        stream.seekg(0, std::ios::end);
        const auto size = stream.tellg();
        stream.seekg(0, std::ios::beg);
        if (size > 0) {
            text.resize(static_cast<std::size_t>(size));
            stream.read(text.data(), size);
        }
    }
    if (!stream) {
        LoadResult result;
        result.rejected = true;
        result.issues.push_back(
            DataIssue{IssueKind::FileError, Severity::Error, label, 0, "",
                      std::filesystem::exists(path) ? "cannot read the file" : "no such file"});
        return result;
    }
    return parse_csv(text, label, options, progress);
}

}  // namespace tradelab::data
