#pragma once
// The key table: one row per config key, the single source of truth for validation, defaults, the
// JSON Schema, the commented template, the reference documentation and (later) the GUI's forms and
// tooltips. Rows are listed in document order; a section row (type Object) precedes its keys.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/strategy_config.hpp"

namespace tradelab::config {

enum class ValueType {
    Bool,
    Int,
    Float,
    String,
    Path,  // a string naming an input file or folder, resolved against the directory of the config file
    Date,  // "YYYY-MM-DD"
    Enum,
    List,
    Map,     // name -> number, names limited to `map_keys`
    Object,  // a section whose keys are the rows below it
};

std::string_view to_string(ValueType type);

// Bounds for numbers, list items and map values; a missing side is unbounded.
struct Range {
    std::optional<double> min;
    std::optional<double> max;
    bool min_exclusive = false;
    bool max_exclusive = false;

    bool empty() const { return !min && !max; }
    bool contains(double value) const;
    // "[1, 50]", "(0, 0.05]", ">= 1", "> 0", "<= 0"; empty string when unbounded.
    std::string to_text() const;
};

enum class ConfigKind { Run, Strategy };
std::string_view to_string(ConfigKind kind);

struct KeySpec {
    std::string path;  // dotted, e.g. "risk.max_positions"
    ValueType type = ValueType::String;
    // YAML text of the default ("8", "[20, 50, 200]", "null"); empty when the key has none (required keys,
    // sections). A section's defaults are those of its keys.
    std::string default_yaml;
    bool required = false;             // required whenever its section is present
    bool nullable = false;             // `null` is a valid value (optional sections and optional scalars)
    Range range;                       // numbers, list items and map values
    std::vector<std::string> allowed;  // enum values (list items when item_type is Enum)
    bool case_insensitive = false;     // enum matched ignoring case and stored in the listed spelling
    ValueType item_type = ValueType::String;  // List: type of each item; List means "list of symbols"
    int item_length = 0;                      // List of lists: exact length of each inner list (pairs: 2)
    int min_items = 0;                        // List: minimum length
    bool accepts_single = false;              // List: a single scalar is also accepted (a universe name)
    std::vector<std::string> map_keys;        // Map: the names allowed
    std::vector<std::string> aliases;         // other spellings of the same key (schema_version)
    std::vector<StrategyType>
        strategy_types;       // strategy `parameters`: the types that use the key; empty = all
    bool open = false;        // Object: unlisted keys are a warning, not an error
    std::string description;  // one line, for tooltips and comments

    std::string name() const;         // last component of the path
    std::string parent_path() const;  // path without the last component; empty at the top level
    int depth() const;                // number of dots in the path
    bool applies_to(StrategyType type) const;
};

const std::vector<KeySpec>& run_config_schema();
const std::vector<KeySpec>& strategy_config_schema();
const std::vector<KeySpec>& config_schema(ConfigKind kind);

// The row for `path` (for strategy `parameters`, the row used by `type`); nullptr when unknown.
const KeySpec* find_key(ConfigKind kind, std::string_view path, StrategyType type = StrategyType::Momentum);

inline constexpr std::string_view kCurrentSchemaVersion = "1.1";
inline constexpr std::string_view kDefaultSchemaVersion = "1.0";  // a file without a version key

}  // namespace tradelab::config
