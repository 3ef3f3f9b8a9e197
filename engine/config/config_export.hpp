#pragma once
// Documents derived from the key table: JSON Schema (draft 2020-12), a commented YAML template that loads
// cleanly, and a Markdown reference. Nothing here is written by hand per key.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "config/config_schema.hpp"
#include "core/asset_class.hpp"

namespace tradelab::config {

// JSON Schema of a run or strategy config. Cross-key rules (start before end, weights summing to 1, ...)
// are not expressible there and are only checked by the loader. Extra annotations: "x-tradelab-type"
// (the table's type), "x-strategy-types" (parameters used by some strategy types only).
nlohmann::json json_schema(ConfigKind kind);

struct TemplateOptions {
    ConfigKind kind = ConfigKind::Run;
    AssetClass asset_class = AssetClass::Equity;
    StrategyType strategy_type = StrategyType::Momentum;  // strategy templates only
    // Run templates: the strategy file the slot points at; empty means "<asset_class>_strategy.yaml".
    std::string strategy_config_path;
};

// Every key with the value it gets (its default, or an example for keys that have none), each preceded
// by a comment with its description and range. Loads without errors (a run template needs its strategy
// file beside it).
std::string config_template(const TemplateOptions& options);

// Markdown tables of every key of both configs.
std::string markdown_reference();

}  // namespace tradelab::config
