#include "config/config_loader.hpp"
#include "config/yaml_document_scan.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "config/config_build.hpp"
#include "config/schema_walker.hpp"

namespace tradelab::config {

namespace fs = std::filesystem;

namespace detail {

ConfigPath resolve_path(const std::string& text, const fs::path& base_dir) {
    if (text.empty()) return {};
    fs::path path = fs::path(text);
    if (path.is_relative()) path = base_dir / path;
    path = path.lexically_normal();
    if (path.has_parent_path() && !path.has_filename()) path = path.parent_path();  // "data/" -> "data"
    return ConfigPath{text, path};
}

std::string display_path(const std::string& label, const std::string& text) {
    const fs::path path(text);
    if (path.is_absolute()) return path.lexically_normal().string();
    return (fs::path(label).parent_path() / path).lexically_normal().string();
}

StrategyType peek_strategy_type(const YAML::Node& root) {
    if (!root.IsMap()) return StrategyType::Momentum;
    std::optional<StrategyType> declared;
    std::string name;
    for (const auto& entry : root) {
        if (!entry.first.IsScalar() || !entry.second.IsScalar()) continue;
        if (entry.first.Scalar() == "strategy_type") declared = parse_strategy_type(entry.second.Scalar());
        if (entry.first.Scalar() == "name") name = entry.second.Scalar();
    }
    return declared.value_or(infer_strategy_type(name));
}

double number_at(const Document& document, std::string_view path) {
    const auto& data = document.get_raw(path);
    if (const auto* value = std::get_if<double>(&data)) return *value;
    if (const auto* value = std::get_if<std::int64_t>(&data)) return static_cast<double>(*value);
    return 0.0;
}

void require_order(Document& doc, std::string_view first, std::string_view second, Order order,
                   bool blame_second) {
    if (!doc.usable(first) || !doc.usable(second)) return;  // a bad value has its own diagnostic already
    const auto* first_date = std::get_if<Date>(&doc.get_raw(first));
    const auto* second_date = std::get_if<Date>(&doc.get_raw(second));
    const bool dates = first_date && second_date;
    bool in_order = false;
    if (dates) {
        in_order = order == Order::Less ? *first_date < *second_date : *first_date <= *second_date;
    } else {
        const double a = number_at(doc, first);
        const double b = number_at(doc, second);
        in_order = order == Order::Less ? a < b : a <= b;
    }
    if (in_order) return;

    // Point at a key the author wrote; a default is never the culprit.
    const bool blame_b = blame_second ? (doc.written(second) || !doc.written(first))
                                      : (!doc.written(first) && doc.written(second));
    const bool strict = order == Order::Less;
    if (blame_b) {
        const char* relation = dates ? "after" : strict ? "greater than" : "at least";
        doc.error(second, fmt::format("must be {} {} ({}), got {}", relation, first, doc.text(first),
                                      doc.text(second)));
    } else {
        const char* relation = dates ? "before" : strict ? "less than" : "at most";
        doc.error(first, fmt::format("must be {} {} ({}), got {}", relation, second, doc.text(second),
                                     doc.text(first)));
    }
}

}  // namespace detail

namespace {

using detail::Document;

// Parses one YAML document; a syntax error becomes a diagnostic with the parser's line.
std::optional<YAML::Node> parse_yaml(std::string_view text, const std::string& label,
                                     std::vector<Diagnostic>& out) {
    const std::string content(text);
    try {
        const YamlDocumentScan scan = scan_yaml_documents(content);
        if (scan.stuck) {
            const YAML::Mark& mark = *scan.stuck;
            const auto pos = static_cast<std::size_t>(std::max(mark.pos, 0));
            const std::string token =
                pos < content.size() ? content.substr(pos, 1) : std::string("end of file");
            out.push_back(Diagnostic{label, mark.line + 1, "",
                                     fmt::format("YAML syntax error: unexpected '{}'", token),
                                     Severity::Error});
            return std::nullopt;
        }
        if (scan.second_document) {
            out.push_back(Diagnostic{label, scan.second_document->line + 1, "",
                                     "a second YAML document starts here; a config file holds one",
                                     Severity::Error});
        }
        return YAML::Load(content);
    } catch (const YAML::ParserException& error) {
        const int line = error.mark.is_null() ? 0 : error.mark.line + 1;
        out.push_back(Diagnostic{label, line, "", "YAML syntax error: " + error.msg, Severity::Error});
        return std::nullopt;
    }
}

std::optional<std::string> read_text(const fs::path& file, std::string& problem) {
    std::error_code error;
    if (fs::is_directory(file, error)) {
        problem = "is a folder, not a config file";
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problem = fs::exists(file, error) ? "cannot open the file" : "file not found";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

fs::path directory_of(const fs::path& file) {
    std::error_code error;
    const fs::path absolute = fs::absolute(file, error);
    return (error ? file : absolute).lexically_normal().parent_path();
}

fs::path base_directory(const fs::path& base_dir, const std::string& label) {
    return base_dir.empty() ? directory_of(fs::path(label)) : base_dir;
}

void sort_by_line(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
}

void append(std::vector<Diagnostic>& to, const std::vector<Diagnostic>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

// Turns an unexpected failure into a diagnostic: loaders promise not to throw on any input.
Diagnostic internal_error(const std::string& label, const char* what) {
    return Diagnostic{label, 0, "", fmt::format("internal error while reading the config: {}", what),
                      Severity::Error};
}

StrategyConfigLoad load_strategy_text(std::string_view yaml, const std::string& label, const fs::path& base) {
    StrategyConfigLoad result;
    const auto root = parse_yaml(yaml, label, result.diagnostics);
    if (!root) return result;
    Document document(ConfigKind::Strategy, detail::peek_strategy_type(*root), label);
    document.read(*root);
    result.config = detail::build_strategy_config(document, base);
    detail::check_strategy_rules(document, result.config);
    sort_by_line(document.diagnostics());
    append(result.diagnostics, document.diagnostics());
    return result;
}

// Loads the strategy file of one slot; problems with the reference itself go to the run file.
void load_slot(Document& run, const std::string& slot_name, std::optional<StrategySlot>& slot,
               std::vector<Diagnostic>& strategy_diagnostics) {
    const std::string key = fmt::format("strategies.{}.config_path", slot_name);
    if (!slot || !run.usable(key)) return;
    const std::string display = detail::display_path(run.file(), slot->config_path.text);
    std::error_code error;
    if (!fs::is_regular_file(slot->config_path.resolved, error)) {
        if (slot->enabled) {
            run.error(key, fmt::format("file not found: {}", display));
        } else {
            run.warning(key, fmt::format("file not found: {} (the strategy is disabled)", display));
        }
        return;
    }
    if (!slot->enabled) return;
    std::string problem;
    const auto text = read_text(slot->config_path.resolved, problem);
    if (!text) {
        run.error(key, fmt::format("{}: {}", display, problem));
        return;
    }
    StrategyConfigLoad loaded = load_strategy_text(*text, display, slot->config_path.resolved.parent_path());
    const bool asset_class_ok = std::none_of(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                                             [](const Diagnostic& d) { return d.key_path == "asset_class"; });
    if (asset_class_ok && to_string(loaded.config.asset_class) != slot_name) {
        run.error(key, fmt::format("{} is a {} strategy, but this is the {} slot", display,
                                   to_string(loaded.config.asset_class), slot_name));
    }
    slot->config = std::move(loaded.config);
    append(strategy_diagnostics, loaded.diagnostics);
}

RunConfigLoad load_run_text(std::string_view yaml, const std::string& label, const fs::path& base) {
    RunConfigLoad result;
    const auto root = parse_yaml(yaml, label, result.diagnostics);
    if (!root) return result;
    Document document(ConfigKind::Run, StrategyType::Momentum, label);
    document.read(*root);
    result.config = detail::build_run_config(document, base);
    detail::check_run_rules(document, result.config);
    std::vector<Diagnostic> strategy_diagnostics;
    load_slot(document, "equity", result.config.strategies.equity, strategy_diagnostics);
    load_slot(document, "crypto", result.config.strategies.crypto, strategy_diagnostics);
    sort_by_line(document.diagnostics());
    append(result.diagnostics, document.diagnostics());
    append(result.diagnostics, strategy_diagnostics);
    return result;
}

}  // namespace

RunConfigLoad load_run_config_from_string(std::string_view yaml, const std::string& label,
                                          const fs::path& base_dir) noexcept {
    try {
        return load_run_text(yaml, label, base_directory(base_dir, label));
    } catch (const std::exception& error) {
        RunConfigLoad result;
        result.diagnostics.push_back(internal_error(label, error.what()));
        return result;
    }
}

StrategyConfigLoad load_strategy_config_from_string(std::string_view yaml, const std::string& label,
                                                    const fs::path& base_dir) noexcept {
    try {
        return load_strategy_text(yaml, label, base_directory(base_dir, label));
    } catch (const std::exception& error) {
        StrategyConfigLoad result;
        result.diagnostics.push_back(internal_error(label, error.what()));
        return result;
    }
}

RunConfigLoad load_run_config(const fs::path& file) {
    std::string problem;
    const auto text = read_text(file, problem);
    if (!text) return RunConfigLoad{{}, {Diagnostic{file.string(), 0, "", problem, Severity::Error}}};
    return load_run_config_from_string(*text, file.string(), directory_of(file));
}

StrategyConfigLoad load_strategy_config(const fs::path& file) {
    std::string problem;
    const auto text = read_text(file, problem);
    if (!text) return StrategyConfigLoad{{}, {Diagnostic{file.string(), 0, "", problem, Severity::Error}}};
    return load_strategy_config_from_string(*text, file.string(), directory_of(file));
}

const RunConfig& require_ok(const RunConfigLoad& load) {
    if (!load.ok()) throw ConfigError(load.diagnostics);
    return load.config;
}

const StrategyConfig& require_ok(const StrategyConfigLoad& load) {
    if (!load.ok()) throw ConfigError(load.diagnostics);
    return load.config;
}

namespace {

std::optional<ConfigKind> kind_from_keys(const YAML::Node& root) {
    if (!root.IsMap()) return std::nullopt;
    int run_keys = 0;
    int strategy_keys = 0;
    for (const auto& entry : root) {
        if (!entry.first.IsScalar()) continue;
        const std::string& key = entry.first.Scalar();
        if (key == "dataset" || key == "splits" || key == "strategies" || key == "portfolio") ++run_keys;
        if (key == "name" || key == "asset_class" || key == "universe" || key == "indicators" ||
            key == "entry" || key == "exit" || key == "risk") {
            ++strategy_keys;
        }
    }
    if (run_keys == strategy_keys) return std::nullopt;
    return run_keys > strategy_keys ? ConfigKind::Run : ConfigKind::Strategy;
}

ConfigKind kind_from_name(const fs::path& file) {
    const std::string name = file.filename().string();
    for (const char* hint : {"strategy", "equity_config", "crypto_config"}) {
        if (name.find(hint) != std::string::npos) return ConfigKind::Strategy;
    }
    return ConfigKind::Run;
}

}  // namespace

ConfigKind detect_config_kind(const fs::path& file) {
    std::string problem;
    if (const auto text = read_text(file, problem)) {
        std::vector<Diagnostic> ignored;  // the real load reports syntax errors
        if (const auto root = parse_yaml(*text, file.string(), ignored)) {
            if (const auto kind = kind_from_keys(*root)) return *kind;
        }
    }
    return kind_from_name(file);
}

}  // namespace tradelab::config
