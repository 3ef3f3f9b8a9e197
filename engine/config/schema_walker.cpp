#include "config/schema_walker.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace tradelab::config::detail {

void Reporter::error(int line, std::string path, std::string message) const {
    out.push_back(Diagnostic{file, line, std::move(path), std::move(message), Severity::Error});
}

int line_of(const YAML::Node& node, int fallback) {
    const YAML::Mark mark = node.Mark();
    return mark.is_null() || mark.line < 0 ? fallback : mark.line + 1;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// A typo of a short word changes a larger share of it, so the tolerance grows with the length.
std::size_t typo_tolerance(std::size_t length) {
    if (length <= 3) return 1;
    if (length <= 8) return 2;
    return 3;
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    // Long inputs are not typos of a key name; also keeps the quadratic distance cheap on hostile input.
    if (word.empty() || word.size() > 64) return std::nullopt;
    const std::string word_lower = lower(word);
    std::optional<std::string> best;
    std::size_t best_distance = typo_tolerance(word.size()) + 1;
    for (const auto& candidate : candidates) {
        const std::size_t distance = edit_distance(word_lower, lower(candidate));
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

namespace {

std::string join_path(std::string_view section, std::string_view name) {
    if (section.empty()) return std::string(name);
    return fmt::format("{}.{}", section, name);
}

std::string parent_of(std::string_view path) {
    const auto dot = path.rfind('.');
    return dot == std::string_view::npos ? std::string() : std::string(path.substr(0, dot));
}

// Quoted scalars are text in YAML; a number or a boolean must be written plain.
bool is_quoted(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    return tag == "!" || tag == "tag:yaml.org,2002:str";
}

std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Null:
            return "null";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Map:
            return "a mapping";
        case YAML::NodeType::Scalar:
            return is_quoted(node) ? fmt::format("the string \"{}\"", node.Scalar())
                                   : fmt::format("'{}'", node.Scalar());
        case YAML::NodeType::Undefined:
            break;
    }
    return "nothing";
}

// YAML 1.1 allows digit groups such as 10_000_000; the reference's loader read them, so do we.
std::optional<std::string> without_digit_separators(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '_') {
            out += text[i];
            continue;
        }
        const bool between_digits = i > 0 && i + 1 < text.size() &&
                                    std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                                    std::isdigit(static_cast<unsigned char>(text[i + 1]));
        if (!between_digits) return std::nullopt;
    }
    return out;
}

std::optional<double> parse_number(std::string_view raw) {
    const auto cleaned = without_digit_separators(raw);
    if (!cleaned || cleaned->empty()) return std::nullopt;
    std::string_view text = *cleaned;
    if (text.front() == '+') {
        text.remove_prefix(1);
        if (text.empty() || text.front() == '-') return std::nullopt;
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

enum class IntStatus { Ok, NotANumber, NotWhole, TooLarge };

// Plain integers, and numbers with a zero fraction such as 20.0 (the reference accepted those too).
IntStatus parse_integer(std::string_view raw, std::int64_t& value) {
    const auto cleaned = without_digit_separators(raw);
    if (cleaned && !cleaned->empty()) {
        std::string_view text = *cleaned;
        if (text.front() == '+' && text.size() > 1 && text[1] != '-') text.remove_prefix(1);
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (end == text.data() + text.size()) {
            if (error == std::errc()) return IntStatus::Ok;
            if (error == std::errc::result_out_of_range) return IntStatus::TooLarge;
        }
    }
    const auto number = parse_number(raw);
    if (!number) return IntStatus::NotANumber;
    if (*number != std::floor(*number)) return IntStatus::NotWhole;
    if (std::abs(*number) >= 9.2e18) return IntStatus::TooLarge;
    value = static_cast<std::int64_t>(*number);
    return IntStatus::Ok;
}

// Ints without an explicit bound still have to fit the int fields of the typed structs.
Range effective_int_range(const Range& range) {
    Range out = range;
    if (!out.min) out.min = static_cast<double>(INT_MIN);
    if (!out.max) out.max = static_cast<double>(INT_MAX);
    return out;
}

std::string out_of_range_message(std::string_view text, const Range& range) {
    return fmt::format("value {} is out of range {}", text, range.to_text());
}

std::string expected_text(ValueType type) {
    switch (type) {
        case ValueType::Bool:
            return "expected true or false";
        case ValueType::Int:
            return "expected an integer";
        case ValueType::Float:
            return "expected a number";
        case ValueType::String:
            return "expected a string";
        case ValueType::Path:
            return "expected a path";
        case ValueType::Date:
            return "expected a date YYYY-MM-DD";
        case ValueType::Enum:
            return "expected one of the listed values";
        case ValueType::List:
            return "expected a list";
        case ValueType::Map:
            return "expected a mapping";
        case ValueType::Object:
            return "expected a mapping";
    }
    return "unexpected value";
}

// Converters for single scalars; each returns nullopt after reporting.
struct ScalarContext {
    const KeySpec& spec;
    const std::string& path;
    int line;
    const Reporter& reporter;

    void fail(std::string message) const { reporter.error(line, path, std::move(message)); }
    void fail_type(ValueType type, const YAML::Node& node) const {
        fail(fmt::format("{}, got {}", expected_text(type), describe(node)));
    }
};

std::optional<bool> to_bool(const ScalarContext& ctx, const YAML::Node& node) {
    if (node.IsScalar() && !is_quoted(node)) {
        const std::string& text = node.Scalar();
        if (text == "true" || text == "True" || text == "TRUE") return true;
        if (text == "false" || text == "False" || text == "FALSE") return false;
    }
    ctx.fail_type(ValueType::Bool, node);
    return std::nullopt;
}

std::optional<std::int64_t> to_int(const ScalarContext& ctx, const YAML::Node& node) {
    if (!node.IsScalar() || is_quoted(node)) {
        ctx.fail_type(ValueType::Int, node);
        return std::nullopt;
    }
    std::int64_t value = 0;
    const Range range = effective_int_range(ctx.spec.range);
    switch (parse_integer(node.Scalar(), value)) {
        case IntStatus::Ok:
            break;
        case IntStatus::TooLarge:
            ctx.fail(out_of_range_message(node.Scalar(), range));
            return std::nullopt;
        case IntStatus::NotANumber:
        case IntStatus::NotWhole:
            ctx.fail_type(ValueType::Int, node);
            return std::nullopt;
    }
    if (!range.contains(static_cast<double>(value))) {
        ctx.fail(out_of_range_message(node.Scalar(), range));
        return std::nullopt;
    }
    return value;
}

std::optional<double> to_float(const ScalarContext& ctx, const YAML::Node& node) {
    const auto value = node.IsScalar() && !is_quoted(node) ? parse_number(node.Scalar()) : std::nullopt;
    if (!value) {
        ctx.fail_type(ValueType::Float, node);
        return std::nullopt;
    }
    if (!ctx.spec.range.contains(*value)) {
        ctx.fail(out_of_range_message(node.Scalar(), ctx.spec.range));
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> to_text(const ScalarContext& ctx, const YAML::Node& node, ValueType type) {
    if (!node.IsScalar()) {
        ctx.fail_type(type, node);
        return std::nullopt;
    }
    if (ctx.spec.required && node.Scalar().empty()) {
        ctx.fail("must not be empty");
        return std::nullopt;
    }
    return node.Scalar();
}

bool looks_like_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
}

std::optional<Date> to_date(const ScalarContext& ctx, const YAML::Node& node) {
    if (!node.IsScalar() || !looks_like_date(node.Scalar())) {
        ctx.fail_type(ValueType::Date, node);
        return std::nullopt;
    }
    const auto date = parse_date(node.Scalar());
    if (!date) {
        ctx.fail(fmt::format("'{}' is not a calendar date", node.Scalar()));
        return std::nullopt;
    }
    return date;
}

std::string join_values(const std::vector<std::string>& values) {
    return fmt::format("{}", fmt::join(values, ", "));
}

std::optional<std::string> to_enum(const ScalarContext& ctx, const YAML::Node& node) {
    const auto& allowed = ctx.spec.allowed;
    if (!node.IsScalar()) {
        ctx.fail(fmt::format("expected one of {}, got {}", join_values(allowed), describe(node)));
        return std::nullopt;
    }
    const std::string& text = node.Scalar();
    for (const auto& value : allowed) {
        if (value == text || (ctx.spec.case_insensitive && lower(value) == lower(text))) return value;
    }
    if (ctx.spec.path == "schema_version") {
        ctx.fail(fmt::format("unsupported schema version '{}' (supported: {})", text, join_values(allowed)));
        return std::nullopt;
    }
    std::string message = fmt::format("'{}' is not one of {}", text, join_values(allowed));
    if (const auto suggestion = closest_match(text, allowed)) {
        message += fmt::format(" (did you mean '{}'?)", *suggestion);
    }
    ctx.fail(std::move(message));
    return std::nullopt;
}

// One list item, converted as a scalar of the list's item type with the list's range and values.
template <typename T>
std::optional<T> convert_item(const KeySpec& list_spec, const YAML::Node& item, const std::string& path,
                              int line, const Reporter& reporter) {
    KeySpec item_spec = list_spec;
    item_spec.type = list_spec.item_type;
    item_spec.required = true;  // an empty symbol in a list is never meant
    const ScalarContext ctx{item_spec, path, line, reporter};
    if (item.IsNull()) {
        ctx.fail_type(list_spec.item_type, item);
        return std::nullopt;
    }
    if constexpr (std::is_same_v<T, std::int64_t>) {
        return to_int(ctx, item);
    } else if constexpr (std::is_same_v<T, double>) {
        return to_float(ctx, item);
    } else if constexpr (std::is_same_v<T, SymbolPair>) {
        if (!item.IsSequence() || static_cast<int>(item.size()) != list_spec.item_length) {
            ctx.fail(fmt::format("expected a pair [symbol1, symbol2], got {}", describe(item)));
            return std::nullopt;
        }
        SymbolPair pair;
        bool ok = true;
        for (std::size_t i = 0; i < pair.size(); ++i) {
            const auto symbol = to_text(
                ScalarContext{item_spec, fmt::format("{}[{}]", path, i), line_of(item[i], line), reporter},
                item[i], ValueType::String);
            if (symbol) pair[i] = *symbol;
            ok = ok && symbol.has_value();
        }
        return ok ? std::optional<SymbolPair>(pair) : std::nullopt;
    } else if (list_spec.item_type == ValueType::Enum) {
        return to_enum(ctx, item);
    } else {
        return to_text(ctx, item, ValueType::String);
    }
}

template <typename T>
std::optional<ValueData> convert_list(const KeySpec& spec, const YAML::Node& node, const std::string& path,
                                      int line, const Reporter& reporter) {
    std::vector<T> items;
    bool ok = true;
    std::size_t index = 0;
    for (const auto& item : node) {
        const std::string item_path = fmt::format("{}[{}]", path, index++);
        auto value = convert_item<T>(spec, item, item_path, line_of(item, line), reporter);
        if (value) items.push_back(std::move(*value));
        ok = ok && value.has_value();
    }
    if (!ok) return std::nullopt;
    if (static_cast<int>(items.size()) < spec.min_items) {
        reporter.error(line, path,
                       spec.min_items == 1 ? std::string("must not be empty")
                                           : fmt::format("needs at least {} items", spec.min_items));
        return std::nullopt;
    }
    return ValueData{std::move(items)};
}

std::optional<ValueData> convert_list_value(const KeySpec& spec, const YAML::Node& node,
                                            const std::string& path, int line, const Reporter& reporter) {
    if (node.IsScalar() && spec.accepts_single) {
        const auto name = to_text(ScalarContext{spec, path, line, reporter}, node, ValueType::String);
        return name ? std::optional<ValueData>(ValueData{*name}) : std::nullopt;
    }
    if (!node.IsSequence()) {
        reporter.error(line, path, fmt::format("expected a list, got {}", describe(node)));
        return std::nullopt;
    }
    switch (spec.item_type) {
        case ValueType::Int:
            return convert_list<std::int64_t>(spec, node, path, line, reporter);
        case ValueType::Float:
            return convert_list<double>(spec, node, path, line, reporter);
        case ValueType::List:
            return convert_list<SymbolPair>(spec, node, path, line, reporter);
        default:
            return convert_list<std::string>(spec, node, path, line, reporter);
    }
}

std::optional<ValueData> convert_map(const KeySpec& spec, const YAML::Node& node, const std::string& path,
                                     int line, const Reporter& reporter) {
    if (!node.IsMap()) {
        reporter.error(line, path, fmt::format("expected a mapping, got {}", describe(node)));
        return std::nullopt;
    }
    KeySpec value_spec = spec;
    value_spec.type = ValueType::Float;
    std::map<std::string, double> values;
    bool ok = true;
    for (const auto& entry : node) {
        const int key_line = line_of(entry.first, line);
        if (!entry.first.IsScalar()) {
            reporter.error(key_line, path, fmt::format("keys must be names, got {}", describe(entry.first)));
            ok = false;
            continue;
        }
        const std::string name = entry.first.Scalar();
        const std::string entry_path = join_path(path, name);
        if (std::find(spec.map_keys.begin(), spec.map_keys.end(), name) == spec.map_keys.end()) {
            std::string message = fmt::format("unknown key '{}'", name);
            if (const auto suggestion = closest_match(name, spec.map_keys)) {
                message += fmt::format(" (did you mean '{}'?)", *suggestion);
            }
            reporter.error(key_line, entry_path, std::move(message));
            ok = false;
            continue;
        }
        if (values.count(name) > 0) {
            reporter.error(key_line, entry_path, fmt::format("duplicate key '{}'", name));
            ok = false;
            continue;
        }
        const auto value = to_float(
            ScalarContext{value_spec, entry_path, line_of(entry.second, key_line), reporter}, entry.second);
        if (value) values[name] = *value;
        ok = ok && value.has_value();
    }
    return ok ? std::optional<ValueData>(ValueData{std::move(values)}) : std::nullopt;
}

template <typename T>
std::optional<ValueData> wrap(std::optional<T> value) {
    return value ? std::optional<ValueData>(ValueData{std::move(*value)}) : std::nullopt;
}

}  // namespace

std::optional<ValueData> convert(const KeySpec& spec, const YAML::Node& node, const std::string& path,
                                 int fallback_line, const Reporter& reporter) {
    const int line = line_of(node, fallback_line);
    const ScalarContext ctx{spec, path, line, reporter};
    switch (spec.type) {
        case ValueType::Bool:
            return wrap(to_bool(ctx, node));
        case ValueType::Int:
            return wrap(to_int(ctx, node));
        case ValueType::Float:
            return wrap(to_float(ctx, node));
        case ValueType::String:
        case ValueType::Path:
            return wrap(to_text(ctx, node, spec.type));
        case ValueType::Date:
            return wrap(to_date(ctx, node));
        case ValueType::Enum:
            return wrap(to_enum(ctx, node));
        case ValueType::List:
            return convert_list_value(spec, node, path, line, reporter);
        case ValueType::Map:
            return convert_map(spec, node, path, line, reporter);
        case ValueType::Object:
            break;
    }
    reporter.error(line, path, "a section has no scalar value");
    return std::nullopt;
}

namespace {

ValueData parse_default(const KeySpec& spec) {
    if (spec.type == ValueType::Object || spec.default_yaml.empty() || spec.default_yaml == "null") return {};
    std::vector<Diagnostic> problems;
    const std::string label = "default of " + spec.path;
    const auto value = convert(spec, YAML::Load(spec.default_yaml), spec.path, 0, Reporter{label, problems});
    if (!value || !problems.empty()) {
        throw std::logic_error(
            fmt::format("config key table: bad default '{}' for {}", spec.default_yaml, spec.path));
    }
    return *value;
}

}  // namespace

const ValueData& default_value(const KeySpec& spec) {
    static const std::map<const KeySpec*, ValueData> defaults = [] {
        std::map<const KeySpec*, ValueData> all;
        for (const auto* schema : {&run_config_schema(), &strategy_config_schema()}) {
            for (const auto& key : *schema) all.emplace(&key, parse_default(key));
        }
        return all;
    }();
    static const ValueData none;
    const auto it = defaults.find(&spec);
    return it == defaults.end() ? none : it->second;
}

// ---------------------------------------------------------------------------------------------------------------

Document::Document(ConfigKind kind, StrategyType strategy_type, std::string file)
    : kind_(kind), strategy_type_(strategy_type), file_(std::move(file)) {}

void Document::add_at(int line, std::string path, std::string message, Severity severity) {
    diagnostics_.push_back(Diagnostic{file_, line, std::move(path), std::move(message), severity});
}

void Document::add(std::string_view path, std::string message, Severity severity) {
    add_at(line(path), std::string(path), std::move(message), severity);
}

std::vector<const KeySpec*> Document::keys_of(const std::string& section) const {
    std::vector<const KeySpec*> keys;
    for (const auto& spec : config_schema(kind_)) {
        if (spec.parent_path() == section && spec.applies_to(strategy_type_)) keys.push_back(&spec);
    }
    return keys;
}

void Document::read(const YAML::Node& root) {
    root_line_ = line_of(root, 1);
    if (root.IsNull()) {
        add_at(1, "", "the file is empty", Severity::Error);
    } else if (!root.IsMap()) {
        add_at(root_line_, "",
               fmt::format("expected a mapping of keys at the top level, got {}", describe(root)),
               Severity::Error);
    }
    if (root.IsMap()) {
        read_section(root, "", root_line_);
    } else {
        // Still record defaults so the typed config is complete; missing keys were summed up above.
        fill_defaults("", root_line_, {}, false);
    }
}

void Document::read_section(const YAML::Node& node, const std::string& section, int section_line) {
    const auto keys = keys_of(section);
    std::map<std::string, std::string> written_as;  // key path -> the spelling used (aliases differ)
    for (const auto& entry : node) {
        const int key_line = line_of(entry.first, section_line);
        if (!entry.first.IsScalar()) {
            add_at(key_line, section, fmt::format("keys must be names, got {}", describe(entry.first)),
                   Severity::Error);
            continue;
        }
        const std::string name = entry.first.Scalar();
        const auto spec = std::find_if(keys.begin(), keys.end(), [&](const KeySpec* key) {
            return key->name() == name ||
                   std::find(key->aliases.begin(), key->aliases.end(), name) != key->aliases.end();
        });
        if (spec == keys.end()) {
            report_unknown_key(section, name, key_line);
            continue;
        }
        const auto [first, inserted] = written_as.emplace((*spec)->path, name);
        if (!inserted) {
            const std::string earlier =
                first->second == name ? "" : fmt::format(" (already given as '{}')", first->second);
            add_at(key_line, join_path(section, name), fmt::format("duplicate key '{}'{}", name, earlier),
                   Severity::Error);
            continue;
        }
        read_key(**spec, entry.second, key_line);
    }
    std::set<std::string> written_keys;
    for (const auto& [path, spelling] : written_as) written_keys.insert(path);
    fill_defaults(section, section_line, written_keys, true);
}

void Document::report_unknown_key(const std::string& section, const std::string& name, int line) {
    const std::string path = join_path(section, name);
    const KeySpec* section_spec = section.empty() ? nullptr : find_key(kind_, section, strategy_type_);
    if (section_spec && section_spec->open) {
        add_at(line, path,
               fmt::format("key '{}' is not checked ({} is outside the backtest engine)", name, section),
               Severity::Warning);
        return;
    }
    // A parameter of another strategy type is harmless but probably not what the author meant.
    std::vector<std::string> owners;
    for (const auto& spec : config_schema(kind_)) {
        if (spec.path != path) continue;
        for (const auto type : spec.strategy_types) owners.emplace_back(to_string(type));
    }
    if (!owners.empty()) {
        add_at(line, path,
               fmt::format("not used by strategy type {} (used by {})", to_string(strategy_type_),
                           join_values(owners)),
               Severity::Warning);
        return;
    }
    std::vector<std::string> candidates;
    for (const auto* key : keys_of(section)) candidates.push_back(key->name());
    std::string message = fmt::format("unknown key '{}'", name);
    if (auto suggestion = closest_match(name, candidates)) {
        message += fmt::format(" (did you mean '{}'?)", *suggestion);
    } else {
        // The right key in the wrong section: point at where it belongs.
        for (const auto& spec : config_schema(kind_)) {
            if (spec.name() == name && spec.parent_path() != section) {
                message += fmt::format(" (did you mean '{}'?)", spec.path);
                break;
            }
        }
    }
    add_at(line, path, std::move(message), Severity::Error);
}

void Document::read_key(const KeySpec& spec, const YAML::Node& value, int key_line) {
    if (spec.type == ValueType::Object) {
        read_subsection(spec, value, key_line);
        return;
    }
    Value entry;
    entry.spec = &spec;
    entry.written = true;
    entry.line = value.IsNull() ? key_line : line_of(value, key_line);
    entry.text = value.IsScalar() ? value.Scalar() : std::string();
    if (value.IsNull() && spec.nullable) {
        entry.text = "null";
    } else if (value.IsNull()) {
        add_at(entry.line, spec.path, fmt::format("{}, got null", expected_text(spec.type)), Severity::Error);
        entry.rejected = true;
    } else if (auto converted = convert(spec, value, spec.path, key_line, Reporter{file_, diagnostics_})) {
        entry.data = std::move(*converted);
    } else {
        entry.rejected = true;
    }
    if (entry.rejected) {
        entry.data = default_value(spec);
        entry.missing = spec.required;
    }
    values_[spec.path] = std::move(entry);
}

// A section written as `name:` with nothing below is an empty section (defaults), unless the section
// itself may be null, in which case it is absent.
void Document::read_subsection(const KeySpec& spec, const YAML::Node& value, int key_line) {
    Value entry;
    entry.spec = &spec;
    entry.written = true;
    entry.line = key_line;
    if (value.IsMap()) {
        entry.data = true;
        values_[spec.path] = entry;
        read_section(value, spec.path, key_line);
        return;
    }
    if (!value.IsNull()) {
        add_at(line_of(value, key_line), spec.path,
               fmt::format("expected a mapping, got {}", describe(value)), Severity::Error);
        entry.rejected = true;
    }
    const bool present = !spec.nullable;
    if (present) entry.data = true;
    values_[spec.path] = entry;
    if (present) fill_defaults(spec.path, key_line, {}, !entry.rejected);
}

void Document::fill_defaults(const std::string& section, int section_line,
                             const std::set<std::string>& written_keys, bool report_missing) {
    for (const KeySpec* spec : keys_of(section)) {
        if (written_keys.count(spec->path) > 0) continue;
        Value entry;
        entry.spec = spec;
        entry.line = 0;
        if (spec->type == ValueType::Object) {
            // An absent optional section stays absent; a required one is reported once, not key by key.
            if (spec->nullable) {
                values_[spec->path] = entry;
                continue;
            }
            entry.data = true;
            entry.missing = spec->required;
            if (spec->required && report_missing)
                add_at(section_line, spec->path, "missing required key", Severity::Error);
            values_[spec->path] = entry;
            fill_defaults(spec->path, section_line, {}, report_missing && !spec->required);
            continue;
        }
        entry.data = default_value(*spec);
        entry.text = spec->default_yaml;
        if (spec->required) {
            entry.missing = true;
            if (report_missing) add_at(section_line, spec->path, "missing required key", Severity::Error);
        }
        values_[spec->path] = entry;
    }
}

// ---------------------------------------------------------------------------------------------------------------

const Value* Document::find(std::string_view path) const {
    const auto it = values_.find(path);
    return it == values_.end() ? nullptr : &it->second;
}

const ValueData& Document::data(std::string_view path) const {
    static const ValueData none;
    read_.emplace(path);
    const Value* value = find(path);
    return value ? value->data : none;
}

bool Document::has(std::string_view path) const {
    const Value* value = find(path);
    if (!value || std::holds_alternative<std::monostate>(value->data)) return false;
    return value->written || value->spec->type == ValueType::Object;
}

bool Document::written(std::string_view path) const {
    const Value* value = find(path);
    return value && value->written;
}

bool Document::rejected(std::string_view path) const {
    const Value* value = find(path);
    return value && value->rejected;
}

bool Document::usable(std::string_view path) const {
    const Value* value = find(path);
    return value && !value->rejected && !value->missing &&
           !std::holds_alternative<std::monostate>(value->data);
}

int Document::line(std::string_view path) const {
    for (std::string current(path); !current.empty(); current = parent_of(current)) {
        const Value* value = find(current);
        if (value && value->written && value->line > 0) return value->line;
    }
    return root_line_;
}

std::string Document::text(std::string_view path) const {
    const Value* value = find(path);
    return value ? value->text : std::string();
}

namespace {

template <typename T>
T get_or(const ValueData& data, T fallback = T{}) {
    const auto* value = std::get_if<T>(&data);
    return value ? *value : fallback;
}

}  // namespace

bool Document::get_bool(std::string_view path) const {
    return get_or<bool>(data(path));
}
std::int64_t Document::get_int(std::string_view path) const {
    return get_or<std::int64_t>(data(path));
}
double Document::get_float(std::string_view path) const {
    return get_or<double>(data(path));
}
std::string Document::get_string(std::string_view path) const {
    return get_or<std::string>(data(path));
}
Date Document::get_date(std::string_view path) const {
    return get_or<Date>(data(path));
}

std::optional<std::int64_t> Document::get_optional_int(std::string_view path) const {
    const auto* value = std::get_if<std::int64_t>(&data(path));
    return value ? std::optional<std::int64_t>(*value) : std::nullopt;
}

std::optional<double> Document::get_optional_float(std::string_view path) const {
    const auto* value = std::get_if<double>(&data(path));
    return value ? std::optional<double>(*value) : std::nullopt;
}

std::optional<std::string> Document::get_optional_string(std::string_view path) const {
    const auto* value = std::get_if<std::string>(&data(path));
    return value ? std::optional<std::string>(*value) : std::nullopt;
}

std::vector<std::int64_t> Document::get_ints(std::string_view path) const {
    return get_or<std::vector<std::int64_t>>(data(path));
}
std::vector<double> Document::get_floats(std::string_view path) const {
    return get_or<std::vector<double>>(data(path));
}
std::vector<std::string> Document::get_strings(std::string_view path) const {
    return get_or<std::vector<std::string>>(data(path));
}
std::vector<SymbolPair> Document::get_pairs(std::string_view path) const {
    return get_or<std::vector<SymbolPair>>(data(path));
}
std::map<std::string, double> Document::get_map(std::string_view path) const {
    return get_or<std::map<std::string, double>>(data(path));
}
const ValueData& Document::get_raw(std::string_view path) const {
    return data(path);
}

std::vector<std::string> Document::unread_paths() const {
    std::vector<std::string> unread;
    for (const auto& [path, value] : values_) {
        if (value.spec->type != ValueType::Object && read_.count(path) == 0) unread.push_back(path);
    }
    return unread;
}

}  // namespace tradelab::config::detail
