#include "config/config_export.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "config/schema_walker.hpp"

namespace tradelab::config {

using nlohmann::json;

namespace {

template <typename... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

json to_json(const detail::ValueData& value) {
    return std::visit(Overloaded{[](std::monostate) { return json(nullptr); },
                                 [](const Date& date) { return json(format_date(date)); },
                                 [](const auto& other) { return json(other); }},
                      value);
}

bool is_parameter(const KeySpec& spec) {
    return !spec.strategy_types.empty();
}

std::string join(const std::vector<std::string>& values, std::string_view separator = ", ") {
    return fmt::format("{}", fmt::join(values, separator));
}

std::vector<std::string> type_names(const std::vector<StrategyType>& types) {
    std::vector<std::string> names;
    for (const auto type : types) names.emplace_back(to_string(type));
    return names;
}

// ----- JSON Schema
// ---------------------------------------------------------------------------------------------

void add_range(json& schema, const Range& range) {
    if (range.min) schema[range.min_exclusive ? "exclusiveMinimum" : "minimum"] = *range.min;
    if (range.max) schema[range.max_exclusive ? "exclusiveMaximum" : "maximum"] = *range.max;
}

json scalar_schema(const KeySpec& spec, ValueType type) {
    json schema = json::object();
    switch (type) {
        case ValueType::Bool:
            schema["type"] = "boolean";
            break;
        case ValueType::Int:
            schema["type"] = "integer";
            add_range(schema, spec.range);
            break;
        case ValueType::Float:
            schema["type"] = "number";
            add_range(schema, spec.range);
            break;
        case ValueType::String:
        case ValueType::Path:
            schema["type"] = "string";
            if (spec.required) schema["minLength"] = 1;
            break;
        case ValueType::Date:
            schema["type"] = "string";
            schema["format"] = "date";
            schema["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
            break;
        case ValueType::Enum:
            schema["enum"] = spec.allowed;
            break;
        case ValueType::List:  // a list item that is itself a list: a symbol pair
            schema = {{"type", "array"},
                      {"items", {{"type", "string"}, {"minLength", 1}}},
                      {"minItems", spec.item_length},
                      {"maxItems", spec.item_length}};
            break;
        case ValueType::Map:
        case ValueType::Object:
            schema["type"] = "object";
            break;
    }
    return schema;
}

json list_schema(const KeySpec& spec) {
    KeySpec item = spec;
    item.required = true;
    json schema = {{"type", "array"}, {"items", scalar_schema(item, spec.item_type)}};
    if (spec.min_items > 0) schema["minItems"] = spec.min_items;
    if (!spec.accepts_single) return schema;
    return json{{"anyOf", json::array({json{{"type", "string"}, {"minLength", 1}}, schema})}};
}

json map_schema(const KeySpec& spec) {
    json properties = json::object();
    for (const auto& name : spec.map_keys) properties[name] = scalar_schema(spec, ValueType::Float);
    return {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
}

void allow_null(json& schema) {
    if (schema.contains("type")) {
        schema["type"] = json::array({schema["type"], "null"});
    } else if (schema.contains("enum")) {
        schema["enum"].push_back(nullptr);
    } else if (schema.contains("anyOf")) {
        schema["anyOf"].push_back(json{{"type", "null"}});
    }
}

json object_schema(ConfigKind kind, const std::string& section);

json key_schema(ConfigKind kind, const KeySpec& spec) {
    json schema;
    switch (spec.type) {
        case ValueType::Object:
            schema = object_schema(kind, spec.path);
            break;
        case ValueType::List:
            schema = list_schema(spec);
            break;
        case ValueType::Map:
            schema = map_schema(spec);
            break;
        default:
            schema = scalar_schema(spec, spec.type);
            break;
    }
    if (spec.nullable) allow_null(schema);
    schema["description"] = spec.description;
    schema["x-tradelab-type"] = std::string(to_string(spec.type));
    if (!spec.default_yaml.empty()) schema["default"] = to_json(detail::default_value(spec));
    return schema;
}

// Keys used by several strategy types appear once, with the types and their defaults listed.
void merge_parameter(json& schema, const KeySpec& spec) {
    schema["x-strategy-types"].push_back(std::string(to_string(spec.strategy_types.front())));
    const json other_default = to_json(detail::default_value(spec));
    if (schema.contains("default") && schema["default"] != other_default) schema.erase("default");
}

void describe_parameter_defaults(json& schema, const std::vector<const KeySpec*>& rows) {
    std::vector<std::string> defaults;
    for (const auto* row : rows) {
        for (const auto type : row->strategy_types) {
            defaults.push_back(fmt::format("{} {}", to_string(type), row->default_yaml));
        }
    }
    if (rows.size() > 1 && !schema.contains("default")) {
        schema["description"] = fmt::format("{} Defaults: {}.", rows.front()->description, join(defaults));
    }
}

json object_schema(ConfigKind kind, const std::string& section) {
    json properties = json::object();
    json required = json::array();
    std::map<std::string, std::vector<const KeySpec*>> parameter_rows;
    const KeySpec* section_spec = section.empty() ? nullptr : find_key(kind, section);
    for (const auto& spec : config_schema(kind)) {
        if (spec.parent_path() != section) continue;
        const std::string name = spec.name();
        if (is_parameter(spec)) parameter_rows[name].push_back(&spec);
        if (properties.contains(name)) {
            merge_parameter(properties[name], spec);
            continue;
        }
        properties[name] = key_schema(kind, spec);
        if (is_parameter(spec)) properties[name]["x-strategy-types"] = type_names(spec.strategy_types);
        for (const auto& alias : spec.aliases) {
            properties[alias] = properties[name];
            properties[alias]["description"] = fmt::format("Alias of {}.", name);
        }
        if (spec.required && !is_parameter(spec)) required.push_back(name);
    }
    for (const auto& [name, rows] : parameter_rows) describe_parameter_defaults(properties[name], rows);
    json schema = {{"type", "object"}, {"properties", properties}};
    schema["additionalProperties"] = section_spec != nullptr && section_spec->open;
    if (!required.empty()) schema["required"] = required;
    return schema;
}

}  // namespace

json json_schema(ConfigKind kind) {
    json schema = object_schema(kind, "");
    json document = {
        {"$schema", "https://json-schema.org/draft/2020-12/schema"},
        {"$id", fmt::format("https://tradelab.invalid/schemas/{}-config-{}.json", to_string(kind),
                            kCurrentSchemaVersion)},
        {"title", fmt::format("TradeLab {} config", to_string(kind))},
        {"description", kind == ConfigKind::Run
                            ? "Run config: data, splits, strategy slots, portfolio-level controls, "
                              "validation and output."
                            : "Strategy config: universe, indicators, entry, exit, risk and costs of "
                              "one strategy."}};
    document.update(schema);
    return document;
}

// ----- Template
// ------------------------------------------------------------------------------------------------

namespace {

std::string yaml_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string yaml_quoted_list(const std::vector<std::string>& symbols) {
    std::vector<std::string> items;
    for (const auto& symbol : symbols) items.push_back(yaml_quoted(symbol));
    return "[" + join(items) + "]";
}

const std::vector<std::string> kCryptoCoins{"BTC", "ETH", "BNB",   "XRP", "ADA",
                                            "SOL", "DOT", "MATIC", "LTC", "LINK"};

using Values = std::map<std::string, std::string>;

Values run_template_values(const TemplateOptions& options) {
    const std::string slot(to_string(options.asset_class));
    const std::string other = options.asset_class == AssetClass::Equity ? "crypto" : "equity";
    const std::string strategy_file =
        options.strategy_config_path.empty() ? slot + "_strategy.yaml" : options.strategy_config_path;
    return Values{
        {"dataset.equity_path", yaml_quoted("data/equity/daily")},
        {"dataset.crypto_path", yaml_quoted("data/crypto/daily")},
        {"dataset.benchmark_path", yaml_quoted("data/benchmarks")},
        {"dataset.start_date", yaml_quoted("2024-01-01")},
        {"dataset.end_date", yaml_quoted("2025-12-31")},
        {"splits.train_start", yaml_quoted("2024-03-01")},
        {"splits.train_end", yaml_quoted("2025-06-30")},
        {"splits.validation_start", yaml_quoted("2025-07-01")},
        {"splits.validation_end", yaml_quoted("2025-09-30")},
        {"splits.holdout_start", yaml_quoted("2025-10-01")},
        {"splits.holdout_end", yaml_quoted("2025-12-30")},
        {"strategies." + slot + ".config_path", yaml_quoted(strategy_file)},
        {"strategies." + other + ".config_path", yaml_quoted(other + "_strategy.yaml")},
    };
}

// Example values of the reference's example configs for each strategy type (spec 03 §2.1).
void add_type_examples(Values& values, StrategyType type) {
    switch (type) {
        case StrategyType::Momentum:
            break;
        case StrategyType::MeanReversion:
            values["universe"] =
                yaml_quoted_list({"SPY", "QQQ", "IWM", "DIA", "XLF", "XLE", "XLK", "XLV", "XLI", "XLP"});
            values["risk.max_positions"] = "5";
            values["risk.max_exposure"] = "0.50";
            break;
        case StrategyType::Pairs:
            values["universe"] = "[]";
            values["parameters.pairs"] =
                R"([["XLE", "XLK"], ["GLD", "TLT"], ["IWM", "SPY"], ["XLF", "XLK"]])";
            values["risk.max_positions"] = "6";
            values["risk.max_exposure"] = "0.60";
            break;
        case StrategyType::MultiTimeframe:
            values["exit.exit_ma"] = "50";
            values["risk.max_exposure"] = "0.70";
            break;
        case StrategyType::Factor:
            values["universe"] = yaml_quoted("SP500");
            values["risk.max_positions"] = "30";
            break;
    }
}

Values strategy_template_values(const TemplateOptions& options) {
    const bool crypto = options.asset_class == AssetClass::Crypto;
    const std::string asset_class(to_string(options.asset_class));
    Values values{
        {"name", yaml_quoted(asset_class + "_" + std::string(to_string(options.strategy_type)))},
        {"strategy_type", yaml_quoted(to_string(options.strategy_type))},
        {"asset_class", yaml_quoted(asset_class)},
        {"universe", crypto ? yaml_quoted_list(kCryptoCoins) : yaml_quoted("NASDAQ-100")},
        {"benchmark", yaml_quoted(crypto ? "BTC" : "SPY")},
    };
    if (crypto) {
        // The reference's crypto example: MA200 filter, staged exit, wider stops, tighter capacity, dearer
        // costs.
        values.insert({{"eligibility.trend_ma", "200"},
                       {"eligibility.require_close_above_trend_ma", "false"},
                       {"eligibility.require_close_above_ma200", "true"},
                       {"exit.mode", yaml_quoted("staged")},
                       {"exit.exit_ma", "50"},
                       {"exit.hard_stop_atr_mult", "3.0"},
                       {"exit.tightened_stop_atr_mult", "2.0"},
                       {"capacity.max_order_pct_adv", "0.0025"},
                       {"costs.fee_bps", "8"},
                       {"costs.slippage_base_bps", "10"},
                       {"costs.weekend_penalty", "1.5"},
                       {"costs.stress_threshold", "-0.05"}});
    }
    add_type_examples(values, options.strategy_type);
    if (options.strategy_type == StrategyType::Pairs && crypto) {
        values["parameters.pairs"] = R"([["BTC", "ETH"], ["SOL", "ADA"]])";
    }
    return values;
}

bool is_text(ValueType type) {
    return type == ValueType::String || type == ValueType::Path || type == ValueType::Date ||
           type == ValueType::Enum;
}

std::string default_text(const KeySpec& spec) {
    if (spec.default_yaml == "null" || !is_text(spec.type)) return spec.default_yaml;
    return yaml_quoted(YAML::Load(spec.default_yaml).Scalar());
}

std::string details(const KeySpec& spec) {
    std::vector<std::string> parts;
    if (spec.type == ValueType::Enum || (spec.type == ValueType::List && spec.item_type == ValueType::Enum)) {
        parts.push_back(fmt::format("One of: {}.", join(spec.allowed)));
    }
    const std::string range = spec.range.to_text();
    if (!range.empty()) {
        const bool per_item = spec.type == ValueType::List || spec.type == ValueType::Map;
        parts.push_back(fmt::format("{} {}.", per_item ? "Each value" : "Range", range));
    }
    if (spec.required) parts.emplace_back("Required.");
    return join(parts, " ");
}

// Word-wraps a comment so the template stays readable in an 110-column editor.
void write_comment(std::ostringstream& out, const std::string& indent, const std::string& text) {
    constexpr std::size_t kWidth = 108;
    std::istringstream stream(text);
    std::vector<std::string> words;
    int depth = 0;  // inside "(0, 10]" the space is not a break
    for (std::string word; stream >> word;) {
        if (depth > 0) {
            words.back() += " " + word;
        } else {
            words.push_back(word);
        }
        depth += static_cast<int>(
            std::count_if(word.begin(), word.end(), [](char c) { return c == '(' || c == '['; }));
        depth -= static_cast<int>(
            std::count_if(word.begin(), word.end(), [](char c) { return c == ')' || c == ']'; }));
        depth = std::max(depth, 0);
    }
    std::string line;
    for (const auto& word : words) {
        if (!line.empty() && indent.size() + 2 + line.size() + 1 + word.size() > kWidth) {
            out << indent << "# " << line << "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty()) out << indent << "# " << line << "\n";
}

class TemplateWriter {
  public:
    explicit TemplateWriter(const TemplateOptions& options) : options_(options) {
        values_ = options.kind == ConfigKind::Run ? run_template_values(options)
                                                  : strategy_template_values(options);
        values_["schema_version"] = yaml_quoted(kCurrentSchemaVersion);
        if (options.kind == ConfigKind::Run) {
            commented_.insert(options.asset_class == AssetClass::Equity ? "strategies.crypto"
                                                                        : "strategies.equity");
        } else {
            commented_.insert("universe_config");  // present means "overrides universe": opt in
        }
    }

    std::string write() {
        write_header();
        for (const auto& spec : config_schema(options_.kind)) {
            if (skipped(spec)) continue;
            write_key(spec);
        }
        return out_.str();
    }

  private:
    void write_header() {
        const bool run = options_.kind == ConfigKind::Run;
        out_ << fmt::format("# TradeLab {} config (schema {}), written by `tradelab-cli config init`.\n",
                            to_string(options_.kind), kCurrentSchemaVersion);
        out_ << "# Every key is listed with the value it takes when left out (or an example where there is "
                "none).\n";
        out_ << "# Relative input paths are resolved against the folder of this file.\n";
        if (run) {
            out_ << "# The strategy slot points at a strategy config: create it with\n";
            out_ << "#   tradelab-cli config init --type strategy --asset-class "
                 << to_string(options_.asset_class) << " -o <file>\n";
        }
    }

    bool skipped(const KeySpec& spec) const {
        if (options_.kind != ConfigKind::Strategy) return false;
        if (spec.path == "parameters") return options_.strategy_type == StrategyType::Momentum;
        return !spec.applies_to(options_.strategy_type);
    }

    // The commented-out section holding `spec`, if any.
    const std::string* commented_section(const KeySpec& spec) const {
        for (const auto& section : commented_) {
            if (spec.path == section || spec.path.rfind(section + ".", 0) == 0) return &section;
        }
        return nullptr;
    }

    std::string value_of(const KeySpec& spec) const {
        const auto it = values_.find(spec.path);
        return it != values_.end() ? it->second : default_text(spec);
    }

    void write_key(const KeySpec& spec) {
        const std::string indent(static_cast<std::size_t>(spec.depth()) * 2, ' ');
        if (spec.depth() == 0) out_ << "\n";
        const std::string* section = commented_section(spec);
        if (section && spec.path != *section) {
            // Inside an opted-out section: keys only, no comments, behind one "#" at the section's column.
            const std::size_t column =
                static_cast<std::size_t>(std::count(section->begin(), section->end(), '.')) * 2;
            const std::string line = indent.substr(column) + key_line(spec);
            out_ << std::string(column, ' ') << "# " << line << "\n";
            return;
        }
        std::string comment = spec.description;
        if (spec.type != ValueType::Object) comment += " " + details(spec);
        if (spec.type != ValueType::Object && values_.count(spec.path) && !spec.default_yaml.empty() &&
            value_of(spec) != default_text(spec)) {
            comment += fmt::format(" Default: {}.", spec.default_yaml);
        }
        if (section) comment += " Uncomment to use.";
        write_comment(out_, indent, comment);
        out_ << indent << (section ? "# " : "") << key_line(spec) << "\n";
    }

    std::string key_line(const KeySpec& spec) const {
        if (spec.type == ValueType::Object) return spec.name() + ":";
        return spec.name() + ": " + value_of(spec);
    }

    const TemplateOptions& options_;
    Values values_;
    std::set<std::string> commented_;
    std::ostringstream out_;
};

}  // namespace

std::string config_template(const TemplateOptions& options) {
    return TemplateWriter(options).write();
}

// ----- Markdown
// ------------------------------------------------------------------------------------------------

namespace {

std::string type_text(const KeySpec& spec) {
    std::string text;
    switch (spec.type) {
        case ValueType::Object:
            text = "section";
            break;
        case ValueType::List:
            text = spec.item_type == ValueType::List ? "list of [symbol, symbol]"
                                                     : fmt::format("list of {}", to_string(spec.item_type));
            if (spec.accepts_single) text = "name or " + text;
            break;
        case ValueType::Map:
            text = "map name → float";
            break;
        default:
            text = std::string(to_string(spec.type));
            break;
    }
    return spec.nullable ? text + " or null" : text;
}

std::string allowed_text(const KeySpec& spec) {
    std::vector<std::string> parts;
    if (!spec.allowed.empty()) parts.push_back(join(spec.allowed));
    if (!spec.map_keys.empty()) parts.push_back("names: " + join(spec.map_keys));
    if (!spec.range.empty()) parts.push_back(spec.range.to_text());
    if (spec.min_items > 0)
        parts.push_back(fmt::format("at least {} item{}", spec.min_items, spec.min_items > 1 ? "s" : ""));
    return join(parts, "; ");
}

// Angle brackets in descriptions ("<SYMBOL>.csv") would read as HTML tags, pipes ("|z|") as cell ends.
std::string markdown_text(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '<') {
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else if (c == '|') {
            out += "\\|";  // a bare pipe would end the table cell
        } else {
            out += c;
        }
    }
    return out;
}

std::string default_cell(const KeySpec& spec) {
    if (spec.required) return "required";
    if (spec.default_yaml.empty()) return "";
    return fmt::format("`{}`", spec.default_yaml);
}

void write_table(std::ostringstream& out, ConfigKind kind) {
    out << "| Key | Type | Default | Allowed | Description |\n|---|---|---|---|---|\n";
    for (const auto& spec : config_schema(kind)) {
        std::string description = spec.description;
        if (is_parameter(spec))
            description += fmt::format(" *({} only)*", join(type_names(spec.strategy_types)));
        out << fmt::format("| `{}` | {} | {} | {} | {} |\n", spec.path, type_text(spec), default_cell(spec),
                           allowed_text(spec), markdown_text(description));
    }
}

}  // namespace

constexpr std::string_view kReferenceIntro = R"(# Config reference

<!-- Generated by `tradelab-cli config docs -o docs/configs.md` from the key table in
     engine/config/config_schema.cpp. Edit the table, not this file. -->

TradeLab reads two kinds of YAML file:

- a **run config** names the data, the walk-forward periods, one strategy config per asset class
  (`strategies.equity`, `strategies.crypto`) and the portfolio-level settings;
- a **strategy config** describes one strategy: universe, indicators, entry, exit, risk and costs.

```
tradelab-cli config init --type run --asset-class equity -o my_run.yaml     # every key, commented
tradelab-cli config init --type strategy --asset-class equity -o equity_strategy.yaml
tradelab-cli config validate my_run.yaml                                   # checks the strategy files too
tradelab-cli config schema --type strategy -o strategy.schema.json         # JSON Schema for editors
```

## How files are read

- **Every problem is reported**, each as `file:line: key.path: message`; warnings read
  `file:line: key.path: warning: message`. A config with an error is rejected.
- **Unknown keys are errors**, with the closest known key suggested
  (`unknown key 'max_postions' (did you mean 'max_positions'?)`).
- **Types are strict.** A quoted value is text: `"20"` is not an integer and `"true"` is not a boolean.
  Booleans are `true`/`false` (not `yes`/`on`). A whole number written `20.0` is accepted for an integer;
  `20.5` is not. Digit groups such as `10_000_000` are accepted. Dates are `YYYY-MM-DD`.
- **Keys left out take the defaults below.** A section written empty (`risk:`) takes its defaults; an
  optional section (`validation.sensitivity`, `metrics.primary`, `universe_config`, ...) is absent until
  written. A `scoring.weights` or `parameters.factors` map replaces the default map: names left out weigh 0.
- **Paths a run reads** (`dataset.*_path`, `strategies.*.config_path`, `ml.model_path`,
  `universe_config.universe_file_path`, `sentiment.event_calendar_path`) are relative to the folder of the
  file that names them. **Paths a run writes** (`output.base_path`, `ml_data_collection.db_path`) are
  relative to the working directory.
- **Strategy slots:** only enabled strategies are loaded. A disabled strategy whose file is missing is a
  warning; an enabled one is an error. A strategy file in the wrong slot (`asset_class: equity` under
  `strategies.crypto`) is an error.
- **Strategy type:** `strategy_type` when given; otherwise inferred from `name` as the reference did
  (contains `pair` → pairs, `mean_reversion` → mean_reversion, `momentum` → momentum,
  `multi_timeframe`/`mtf` → multi_timeframe, `factor` → factor, else momentum). `parameters` holds the
  settings of that type; keys of other types are warned about.
- **Version:** `schema_version` (also `version` or `config_version`); absent means `1.0`, current is
  `1.1`. 1.0 files load unchanged; an unknown version is an error.

## Rules between keys

- `dataset.start_date` < `dataset.end_date`; each split's start < its end; `splits.train_end` <
  `splits.validation_start`; `splits.validation_end` < `splits.holdout_start` (splits outside the loaded
  dates are a warning).
- At least one strategy slot present and enabled.
- `scoring.weights` sum to 1 (± 0.001); `volatility_scaling.min_multiplier` ≤ `max_multiplier`.
- `volatility_scaling.mode` is `off`, not the reference's `of`.
- `indicators.breakout_fast` < `breakout_slow`; `entry.fast_clearance` < `slow_clearance`.
- `risk.max_position_notional` ≤ `risk.max_exposure`; long and short limits ≤ `max_exposure`; net ≤ long
  and short.
- `exit.mode: staged` needs `exit.tightened_stop_atr_mult` < `exit.hard_stop_atr_mult`; crypto momentum
  needs `exit.mode: staged`.
- `ml.enabled: true` needs `ml.model_path`.
- mean_reversion needs a `parameters` block; pairs needs `parameters.pairs`, and `exit_zscore` <
  `entry_zscore`. Mean reversion, multi-timeframe and factor strategies are equity only.
- `universe_config.mode: custom` needs `symbols` or `universe_file_path`; `dynamic` needs one of the
  `min_*` filters.

)";

std::string markdown_reference() {
    std::ostringstream out;
    out << kReferenceIntro;
    out << "## Run config\n\n";
    write_table(out, ConfigKind::Run);
    out << "\n## Strategy config\n\n";
    write_table(out, ConfigKind::Strategy);
    return out.str();
}

}  // namespace tradelab::config
