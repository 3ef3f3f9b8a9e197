#pragma once
// Internal: turns a checked Document into the typed configs and applies the rules that involve more
// than one key. Not part of the public API (tests use it to prove every key reaches the structs).
#include <filesystem>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "config/run_config.hpp"
#include "config/schema_walker.hpp"
#include "config/strategy_config.hpp"

namespace tradelab::config::detail {

// `text` resolved against `base_dir` (absolute, lexically normal, no trailing separator).
ConfigPath resolve_path(const std::string& text, const std::filesystem::path& base_dir);

// How a diagnostic names a file referenced from the file `label`: label's directory joined with `text`.
std::string display_path(const std::string& label, const std::string& text);

// The strategy type a strategy file asks for: its `strategy_type` when valid, else inferred from `name`.
StrategyType peek_strategy_type(const YAML::Node& root);

StrategyConfig build_strategy_config(const Document& document, const std::filesystem::path& base_dir);
void check_strategy_rules(Document& document, const StrategyConfig& config);

RunConfig build_run_config(const Document& document, const std::filesystem::path& base_dir);
void check_run_rules(Document& document, const RunConfig& config);

// Shared by both rule sets: "first < second" (or <=) on dates or numbers. The message goes to the key the
// file wrote (preferring `blame_second` when both are written) and names the other key with its value.
enum class Order { Less, LessOrEqual };
void require_order(Document& document, std::string_view first, std::string_view second, Order order,
                   bool blame_second);

double number_at(const Document& document, std::string_view path);

}  // namespace tradelab::config::detail
