#pragma once
// Internal: checks one parsed YAML document against a key table and keeps every value (or its default)
// by dotted path, with the line it came from. The typed builders read from this; nothing here knows
// the meaning of a key. Not part of the public API.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config_error.hpp"
#include "config/config_schema.hpp"
#include "core/date.hpp"

namespace tradelab::config::detail {

using SymbolPair = std::array<std::string, 2>;
using ValueData = std::variant<std::monostate,  // null, or missing and without a default
                               bool, std::int64_t, double, std::string, Date, std::vector<std::int64_t>,
                               std::vector<double>, std::vector<std::string>, std::vector<SymbolPair>,
                               std::map<std::string, double>>;

struct Value {
    const KeySpec* spec = nullptr;
    ValueData data;
    std::string text;       // scalar as written, or the default's YAML text
    int line = 0;           // line of the value (of the key when the value is null); 0 for defaults
    bool written = false;   // the key appears in the file
    bool rejected = false;  // the file's value was wrong; `data` then holds the default
    bool missing = false;   // a required key that is absent
};

// Parses the default of `spec` (cached). Null for keys without a default.
const ValueData& default_value(const KeySpec& spec);

// Where conversion problems go.
struct Reporter {
    const std::string& file;
    std::vector<Diagnostic>& out;
    void error(int line, std::string path, std::string message) const;
};

// Converts a non-null YAML value for the non-section key `spec`, reporting problems under `path` (lines
// default to `fallback_line` for nodes without a position). Used for file values and for the table's
// defaults alike, so both obey the same rules. Returns nullopt when the value is unusable.
std::optional<ValueData> convert(const KeySpec& spec, const YAML::Node& node, const std::string& path,
                                 int fallback_line, const Reporter& reporter);

class Document {
  public:
    Document(ConfigKind kind, StrategyType strategy_type, std::string file);

    // Walks `root` (a mapping) and records values and diagnostics.
    void read(const YAML::Node& root);

    ConfigKind kind() const { return kind_; }
    StrategyType strategy_type() const { return strategy_type_; }
    const std::string& file() const { return file_; }
    std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

    // A value or section written in the file with a non-null value.
    bool has(std::string_view path) const;
    // Usable for cross-field rules: written and accepted, or defaulted (not missing, not rejected).
    bool usable(std::string_view path) const;
    bool written(std::string_view path) const;
    // Written with a value the walker refused (and reported).
    bool rejected(std::string_view path) const;
    // Line to blame for `path`: its own line when written, else the line of the closest written section.
    int line(std::string_view path) const;
    // The value as written (or the default's text) for messages.
    std::string text(std::string_view path) const;

    bool get_bool(std::string_view path) const;
    std::int64_t get_int(std::string_view path) const;
    double get_float(std::string_view path) const;
    std::string get_string(std::string_view path) const;
    Date get_date(std::string_view path) const;
    std::optional<std::int64_t> get_optional_int(std::string_view path) const;
    std::optional<double> get_optional_float(std::string_view path) const;
    std::optional<std::string> get_optional_string(std::string_view path) const;
    std::vector<std::int64_t> get_ints(std::string_view path) const;
    std::vector<double> get_floats(std::string_view path) const;
    std::vector<std::string> get_strings(std::string_view path) const;
    std::vector<SymbolPair> get_pairs(std::string_view path) const;
    std::map<std::string, double> get_map(std::string_view path) const;
    const ValueData& get_raw(std::string_view path) const;

    // Paths the builder never asked for; a test uses it to prove every key reaches the typed struct.
    std::vector<std::string> unread_paths() const;

    void error(std::string_view path, std::string message) { add(path, std::move(message), Severity::Error); }
    void warning(std::string_view path, std::string message) {
        add(path, std::move(message), Severity::Warning);
    }
    void add(std::string_view path, std::string message, Severity severity);
    void add_at(int line, std::string path, std::string message, Severity severity);

  private:
    void read_section(const YAML::Node& node, const std::string& section, int section_line);
    void read_key(const KeySpec& spec, const YAML::Node& value, int key_line);
    void read_subsection(const KeySpec& spec, const YAML::Node& value, int key_line);
    void fill_defaults(const std::string& section, int section_line,
                       const std::set<std::string>& written_keys, bool report_missing);
    void report_unknown_key(const std::string& section, const std::string& name, int line);
    std::vector<const KeySpec*> keys_of(const std::string& section) const;
    const Value* find(std::string_view path) const;
    const ValueData& data(std::string_view path) const;

    ConfigKind kind_;
    StrategyType strategy_type_;
    std::string file_;
    std::map<std::string, Value, std::less<>> values_;
    mutable std::set<std::string, std::less<>> read_;
    std::vector<Diagnostic> diagnostics_;
    int root_line_ = 1;
};

// 1-based line of a node, or `fallback` when the node has no position.
int line_of(const YAML::Node& node, int fallback);

// Optimal-string-alignment edit distance (adjacent swaps count 1), for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word` when it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace tradelab::config::detail
