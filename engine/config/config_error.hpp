#pragma once
// A config problem is a value, not a log line: it names the file, the 1-based line, the dotted key path and
// what is wrong. Loaders collect every problem of a file instead of stopping at the first one.
#include <cstddef>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace tradelab::config {

enum class Severity { Warning, Error };

struct Diagnostic {
    std::string file;      // the file as the caller named it (or a label for in-memory text)
    int line = 0;          // 1-based; 0 when the problem concerns the whole file
    std::string key_path;  // dotted path such as "risk.max_positions"; empty for file-level problems
    std::string message;
    Severity severity = Severity::Error;

    bool operator==(const Diagnostic&) const = default;
};

std::string_view to_string(Severity severity);

// Errors:   "file:line: key.path: message"
// Warnings: "file:line: key.path: warning: message"
// The line is left out when it is 0 and the key path when it is empty.
std::string format_diagnostic(const Diagnostic& diagnostic);

bool has_errors(const std::vector<Diagnostic>& diagnostics);
std::size_t count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity);

// Thrown only by the convenience helpers that insist on a clean config (`require_ok`); the loaders
// themselves report problems as diagnostics and never throw for bad input.
class ConfigError : public std::exception {
  public:
    explicit ConfigError(std::vector<Diagnostic> diagnostics);
    const char* what() const noexcept override { return summary_.c_str(); }
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
    std::string summary_;
};

}  // namespace tradelab::config
