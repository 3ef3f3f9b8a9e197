#include "data/data_issue.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tradelab::data {

std::string_view to_string(IssueKind kind) {
    switch (kind) {
        case IssueKind::FileError:
            return "file_error";
        case IssueKind::EmptyFile:
            return "empty_file";
        case IssueKind::BadHeader:
            return "bad_header";
        case IssueKind::WrongColumnCount:
            return "wrong_column_count";
        case IssueKind::BadDate:
            return "bad_date";
        case IssueKind::BadNumber:
            return "bad_number";
        case IssueKind::NonMonotonicDate:
            return "non_monotonic_date";
        case IssueKind::DuplicateDate:
            return "duplicate_date";
        case IssueKind::HighBelowLow:
            return "high_below_low";
        case IssueKind::OpenOutsideRange:
            return "open_outside_range";
        case IssueKind::CloseOutsideRange:
            return "close_outside_range";
        case IssueKind::NonPositivePrice:
            return "non_positive_price";
        case IssueKind::NegativeVolume:
            return "negative_volume";
        case IssueKind::ExtremeMove:
            return "extreme_move";
        case IssueKind::MissingSymbolFile:
            return "missing_symbol_file";
        case IssueKind::BadUniverse:
            return "bad_universe";
    }
    return "unknown";
}

std::string_view to_string(Severity severity) {
    return severity == Severity::Error ? "error" : "warning";
}

std::string format_issue(const DataIssue& issue) {
    std::string location = issue.line > 0 ? fmt::format("{}:{}", issue.file, issue.line) : issue.file;
    if (issue.field.empty()) return fmt::format("{}: {}", location, issue.message);
    return fmt::format("{}: {}: {}", location, issue.field, issue.message);
}

bool has_errors(const std::vector<DataIssue>& issues) {
    return std::any_of(issues.begin(), issues.end(),
                       [](const DataIssue& issue) { return issue.severity == Severity::Error; });
}

}  // namespace tradelab::data
