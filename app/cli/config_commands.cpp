#include "config_commands.hpp"

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "config/config_export.hpp"
#include "config/config_loader.hpp"

namespace tradelab::cli {

namespace {

namespace cfg = tradelab::config;

struct ValidateOptions {
    std::vector<std::string> files;
    std::string type = "auto";
};

struct SchemaOptions {
    std::string type = "run";
    std::string output;
};

struct InitOptions {
    std::string type = "run";
    std::string asset_class = "equity";
    std::string strategy_type = "momentum";
    std::string output;
    bool force = false;
};

struct DocsOptions {
    std::string output;
};

cfg::ConfigKind kind_from(const std::string& type) {
    return type == "strategy" ? cfg::ConfigKind::Strategy : cfg::ConfigKind::Run;
}

std::string plural(std::size_t count, const char* noun) {
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

// Prints every diagnostic of every file, then one summary line. Returns the exit code.
int run_validate(const ValidateOptions& options) {
    std::vector<cfg::Diagnostic> all;
    std::size_t files_checked = 0;
    for (const auto& file : options.files) {
        const auto kind = options.type == "auto" ? cfg::detect_config_kind(file) : kind_from(options.type);
        ++files_checked;
        if (kind == cfg::ConfigKind::Run) {
            const auto load = cfg::load_run_config(file);
            for (const auto* slot : {&load.config.strategies.equity, &load.config.strategies.crypto}) {
                if (*slot && (*slot)->config) ++files_checked;
            }
            all.insert(all.end(), load.diagnostics.begin(), load.diagnostics.end());
        } else {
            const auto load = cfg::load_strategy_config(file);
            all.insert(all.end(), load.diagnostics.begin(), load.diagnostics.end());
        }
    }
    for (const auto& diagnostic : all) std::cout << cfg::format_diagnostic(diagnostic) << "\n";
    const std::size_t errors = cfg::count_severity(all, cfg::Severity::Error);
    const std::size_t warnings = cfg::count_severity(all, cfg::Severity::Warning);
    std::cout << fmt::format("{} checked: {}, {}\n", plural(files_checked, "config file"),
                             plural(errors, "error"), plural(warnings, "warning"));
    return errors > 0 ? 1 : 0;
}

// Writes `text` to `output`, or to stdout when `output` is empty. Returns the exit code.
int write_output(const std::string& text, const std::string& output, bool force = true) {
    if (output.empty()) {
        std::cout << text;
        return 0;
    }
    std::error_code error;
    if (!force && std::filesystem::exists(output, error)) {
        std::cerr << fmt::format("{}: already exists (use --force to overwrite)\n", output);
        return 1;
    }
    std::ofstream out(output, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        std::cerr << fmt::format("{}: cannot write the file\n", output);
        return 1;
    }
    return 0;
}

int run_init(const InitOptions& options) {
    cfg::TemplateOptions template_options;
    template_options.kind = kind_from(options.type);
    template_options.asset_class =
        tradelab::parse_asset_class(options.asset_class).value_or(AssetClass::Equity);
    template_options.strategy_type =
        cfg::parse_strategy_type(options.strategy_type).value_or(cfg::StrategyType::Momentum);
    if (!cfg::is_supported_combination(template_options.strategy_type, template_options.asset_class)) {
        std::cerr << fmt::format("strategy type {} is not available for asset class {}\n",
                                 options.strategy_type, options.asset_class);
        return 1;
    }
    return write_output(cfg::config_template(template_options), options.output, options.force);
}

void add_validate(CLI::App& config, int& exit_code) {
    auto options = std::make_shared<ValidateOptions>();
    auto* command = config.add_subcommand("validate", "Check config files and print every problem found");
    command->add_option("files", options->files, "Run or strategy config files")->required();
    command->add_option("--type", options->type, "Config kind; auto looks at the top-level keys")
        ->check(CLI::IsMember({"run", "strategy", "auto"}))
        ->capture_default_str();
    command->callback([options, &exit_code] { exit_code = run_validate(*options); });
}

void add_schema(CLI::App& config, int& exit_code) {
    auto options = std::make_shared<SchemaOptions>();
    auto* command = config.add_subcommand("schema", "Write the JSON Schema (draft 2020-12) of a config");
    command->add_option("--type", options->type, "Config kind")
        ->check(CLI::IsMember({"run", "strategy"}))
        ->capture_default_str();
    command->add_option("-o,--output", options->output, "Output file (default: standard output)");
    command->callback([options, &exit_code] {
        exit_code = write_output(cfg::json_schema(kind_from(options->type)).dump(2) + "\n", options->output);
    });
}

void add_init(CLI::App& config, int& exit_code) {
    auto options = std::make_shared<InitOptions>();
    auto* command = config.add_subcommand("init", "Write a commented config template with every key");
    command->add_option("--type", options->type, "Config kind")
        ->check(CLI::IsMember({"run", "strategy"}))
        ->capture_default_str();
    command->add_option("--asset-class", options->asset_class, "Asset class of the strategy")
        ->check(CLI::IsMember({"equity", "crypto"}))
        ->capture_default_str();
    command->add_option("--strategy-type", options->strategy_type, "Strategy type (strategy templates)")
        ->check(CLI::IsMember({"momentum", "mean_reversion", "pairs", "multi_timeframe", "factor"}))
        ->capture_default_str();
    command->add_option("-o,--output", options->output, "Output file (default: standard output)");
    command->add_flag("--force", options->force, "Overwrite an existing output file");
    command->callback([options, &exit_code] { exit_code = run_init(*options); });
}

void add_docs(CLI::App& config, int& exit_code) {
    auto options = std::make_shared<DocsOptions>();
    auto* command = config.add_subcommand("docs", "Write the Markdown reference of every config key");
    command->add_option("-o,--output", options->output, "Output file (default: standard output)");
    command->callback(
        [options, &exit_code] { exit_code = write_output(cfg::markdown_reference(), options->output); });
}

}  // namespace

void register_config_commands(CLI::App& app, int& exit_code) {
    auto* config = app.add_subcommand("config", "Validate, document and create run and strategy configs");
    config->alias("cfg");
    config->require_subcommand(1);
    add_validate(*config, exit_code);
    add_schema(*config, exit_code);
    add_init(*config, exit_code);
    add_docs(*config, exit_code);
}

}  // namespace tradelab::cli
