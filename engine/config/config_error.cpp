#include "config/config_error.hpp"

#include <algorithm>

namespace tradelab::config {

std::string_view to_string(Severity severity) {
    return severity == Severity::Error ? "error" : "warning";
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
    std::string text = diagnostic.file;
    if (diagnostic.line > 0) text += ":" + std::to_string(diagnostic.line);
    text += ": ";
    if (!diagnostic.key_path.empty()) text += diagnostic.key_path + ": ";
    if (diagnostic.severity == Severity::Warning) text += "warning: ";
    text += diagnostic.message;
    return text;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return count_severity(diagnostics, Severity::Error) > 0;
}

std::size_t count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity) {
    return static_cast<std::size_t>(std::count_if(
        diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

namespace {

std::string summarise(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& diagnostic : diagnostics) {
        if (diagnostic.severity != Severity::Error) continue;
        if (!text.empty()) text += "\n";
        text += format_diagnostic(diagnostic);
    }
    return text.empty() ? std::string("invalid configuration") : text;
}

}  // namespace

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : diagnostics_(std::move(diagnostics)), summary_(summarise(diagnostics_)) {}

}  // namespace tradelab::config
