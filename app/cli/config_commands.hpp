#pragma once
// `tradelab-cli config ...`: validate, schema, init and docs for run and strategy configs.

namespace CLI {
class App;
}

namespace tradelab::cli {

// Adds the `config` subcommand (alias `cfg`) to `app`:
//   config validate FILE... [--type run|strategy|auto]   every diagnostic, then a summary line
//   config schema [--type run|strategy] [-o FILE]         JSON Schema (draft 2020-12)
//   config init [--type run|strategy] [--asset-class equity|crypto] [--strategy-type TYPE] [-o FILE]
//   [--force] config docs [-o FILE]                                 Markdown reference of every key
// The callbacks run inside app.parse() and store the process exit code in `exit_code`: 0 on success, 1 when
// a config has errors or an output file cannot be written. `exit_code` must outlive app.parse(); main returns
// it.
void register_config_commands(CLI::App& app, int& exit_code);

}  // namespace tradelab::cli
