#pragma once
// Loading run and strategy configs from YAML. Every problem of a file is reported (unknown keys with a
// suggestion, wrong types, out-of-range values, missing keys, cross-key rules, YAML syntax), each as a
// Diagnostic "file:line: key.path: message". Loading never throws for bad input: the typed config is
// always filled (values that were wrong keep their defaults) and `ok()` says whether it may be used.
//
// Paths a run reads (dataset folders, strategy configs, model and universe files) are resolved against
// the directory of the file that names them; paths a run writes (output.base_path, the feature store)
// stay relative to the working directory.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.hpp"
#include "config/config_schema.hpp"
#include "config/run_config.hpp"
#include "config/strategy_config.hpp"

namespace tradelab::config {

struct StrategyConfigLoad {
    StrategyConfig config;
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !has_errors(diagnostics); }
};

struct RunConfigLoad {
    RunConfig config;  // enabled strategy slots carry their loaded StrategyConfig
    // The run file's diagnostics (sorted by line), then those of each loaded strategy file.
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !has_errors(diagnostics); }
};

// Diagnostics name the file as given here; strategy files named by a run file appear as that file's
// directory joined with the config_path text.
RunConfigLoad load_run_config(const std::filesystem::path& file);
StrategyConfigLoad load_strategy_config(const std::filesystem::path& file);

// In-memory text. `label` names it in diagnostics; relative paths are resolved against `base_dir`, or
// against the directory of `label` when `base_dir` is empty. Never throws: every problem, including an
// unexpected failure, becomes a diagnostic (this is the entry point of the fuzz harness).
RunConfigLoad load_run_config_from_string(std::string_view yaml, const std::string& label,
                                          const std::filesystem::path& base_dir = {}) noexcept;
StrategyConfigLoad load_strategy_config_from_string(std::string_view yaml, const std::string& label,
                                                    const std::filesystem::path& base_dir = {}) noexcept;

// Throws ConfigError (listing every error) when the load failed; returns the config otherwise.
const RunConfig& require_ok(const RunConfigLoad& load);
const StrategyConfig& require_ok(const StrategyConfigLoad& load);

// Whether a file is a run or a strategy config, judged by its top-level keys (dataset/splits/strategies
// versus name/asset_class/universe...), then by its file name ("strategy", "equity_config",
// "crypto_config" mean strategy); a run config when nothing tells.
ConfigKind detect_config_kind(const std::filesystem::path& file);

}  // namespace tradelab::config
