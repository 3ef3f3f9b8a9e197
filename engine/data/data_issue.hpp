#pragma once
// Every problem found in a data file is a typed issue that names the file, the line and the field.
// The loader never drops or repairs anything without leaving one of these behind.
#include <string>
#include <string_view>
#include <vector>

namespace tradelab::data {

enum class IssueKind {
    FileError,          // cannot open or read the file
    EmptyFile,          // no header or no rows
    BadHeader,          // a required column is missing, or a column name appears twice
    WrongColumnCount,   // a row has more or fewer fields than the header
    BadDate,            // not YYYY-MM-DD[ time]
    BadNumber,          // a price or volume field is not a finite number
    NonMonotonicDate,   // a date earlier than the one before it (rows are sorted)
    DuplicateDate,      // the same date twice (the later row is dropped)
    HighBelowLow,       // high < low
    OpenOutsideRange,   // open outside [low, high]
    CloseOutsideRange,  // close outside [low, high]
    NonPositivePrice,   // open/high/low/close <= 0
    NegativeVolume,     // volume < 0
    ExtremeMove,        // |close / previous close - 1| above the threshold (50 % by default)
    MissingSymbolFile,  // a universe symbol has no data file
    BadUniverse,        // an unknown universe name or an unreadable universe file
};

enum class Severity { Warning, Error };

struct DataIssue {
    IssueKind kind{};
    Severity severity{};
    std::string file;
    int line = 0;  // 1-based line in the file; 0 when the issue concerns the whole file
    std::string field;
    std::string message;
};

std::string_view to_string(IssueKind kind);
std::string_view to_string(Severity severity);

// "file:line: field: message" (the line part is left out when it is 0).
std::string format_issue(const DataIssue& issue);

bool has_errors(const std::vector<DataIssue>& issues);

}  // namespace tradelab::data
