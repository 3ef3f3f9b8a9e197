// tradelab-cli: the headless face of TradeLab. It parses arguments and calls the engine; no trading
// logic lives here.
#include <exception>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "backtest_commands.hpp"
#include "bench_commands.hpp"
#include "config_commands.hpp"
#include "data_commands.hpp"
#include "report_commands.hpp"
#include "validation_commands.hpp"
#include "runs_commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"TradeLab: research workstation for systematic daily-bar strategies (command line)"};
    app.set_version_flag("--version", std::string("tradelab-cli ") + TRADELAB_VERSION);
    app.require_subcommand(1);
    int exit_code = 0;
    tradelab::cli::register_data_commands(app, exit_code);
    tradelab::cli::register_config_commands(app, exit_code);
    tradelab::cli::register_backtest_commands(app, exit_code);
    tradelab::cli::register_bench_commands(app, exit_code);
    tradelab::cli::register_runs_commands(app, exit_code);
    tradelab::cli::register_report_commands(app, exit_code);
    tradelab::cli::register_validation_commands(app, exit_code);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error);
    } catch (const std::exception& error) {
        fmt::print(stderr, "error: {}\n", error.what());
        return 1;
    }
    return exit_code;
}
