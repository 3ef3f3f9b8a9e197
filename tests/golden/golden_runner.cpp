// Runs one golden case: tests/golden/<case>/ holds config.yaml (a run config with its strategy
// configs and data beside it), case.yaml (which period, crash dates, slippage model) and expected/
// (summary.json and trade_log.csv as last reviewed). The run's trade log must match byte for byte and
// the summary's digest, trade count and final equity must agree; the accounting identity is checked
// by the loop on every day.
//
//   golden_runner CASE_DIR                   compare, exit 1 on any difference
//   golden_runner CASE_DIR --update-golden   rewrite expected/ (review the diff before committing)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "backtest/backtest.hpp"
#include "config/config_loader.hpp"
#include "execution/slippage.hpp"
#include "metrics/performance_metrics.hpp"
#include "report/atomic_file.hpp"
#include "report/run_outputs.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tradelab;

std::string read_text(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw std::runtime_error("cannot read " + path.string());
    std::stringstream text;
    text << stream.rdbuf();
    return text.str();
}

struct CaseSettings {
    std::string period = "train";
    std::vector<Date> crash_dates;
    std::string slippage = "normal";  // normal | none
};

CaseSettings read_case(const fs::path& dir) {
    CaseSettings settings;
    const YAML::Node root = YAML::LoadFile((dir / "case.yaml").string());
    if (root["period"]) settings.period = root["period"].as<std::string>();
    if (root["slippage"]) settings.slippage = root["slippage"].as<std::string>();
    for (const auto& node : root["crash_dates"]) {
        const auto date = parse_date(node.as<std::string>());
        if (!date) throw std::runtime_error(fmt::format("{}: bad crash date '{}'", (dir / "case.yaml").string(), node.as<std::string>()));
        settings.crash_dates.push_back(*date);
    }
    std::sort(settings.crash_dates.begin(), settings.crash_dates.end());
    return settings;
}

// The summary fields a golden case pins; paths and hashes of the checkout are left out on purpose.
nlohmann::json pinned_summary(const backtest::RunResult& result, const metrics::PerformanceMetrics& m) {
    return {{"period", result.period_name},
            {"digest", result.digest()},
            {"trades", result.trades.size()},
            {"open_positions_at_end", result.open_at_end.size()},
            {"equity_points", result.equity_curve.size()},
            {"final_equity", fmt::format("{:.2f}", result.final_equity())},
            {"total_return", fmt::format("{:.8f}", m.total_return)},
            {"max_drawdown", fmt::format("{:.8f}", m.max_drawdown)},
            {"sharpe_ratio", fmt::format("{:.6f}", m.sharpe_ratio)}};
}

int run_case(const fs::path& dir, bool update) {
    const auto settings = read_case(dir);
    const auto load = config::load_run_config(dir / "config.yaml");
    for (const auto& diagnostic : load.diagnostics) fmt::print(stderr, "{}\n", config::format_diagnostic(diagnostic));
    if (!load.ok()) return 1;
    const auto market = backtest::load_run_market(load.config);
    auto scenario = backtest::period_scenario(load.config, settings.period);
    scenario.crash_dates = settings.crash_dates;
    execution::NoSlippage no_slippage;
    backtest::RunOptions options;
    if (settings.slippage == "none") options.slippage = &no_slippage;
    const auto result = backtest::run_backtest(market, load.config, scenario, options);
    const auto metrics = metrics::compute_metrics(result, backtest::periods_per_year(market));

    const std::string summary = pinned_summary(result, metrics).dump(2) + "\n";
    const std::string trades = report::trade_log_csv(result);
    const fs::path expected = dir / "expected";
    if (update) {
        fs::create_directories(expected);
        report::write_file_atomically(expected / "summary.json", summary);
        report::write_file_atomically(expected / "trade_log.csv", trades);
        fmt::print("{}: expected/ rewritten ({} trades, digest {})\n", dir.filename().string(), result.trades.size(),
                   result.digest());
        return 0;
    }
    int failures = 0;
    if (read_text(expected / "summary.json") != summary) {
        fmt::print(stderr, "{}: summary differs\nexpected:\n{}\nactual:\n{}", dir.string(),
                   read_text(expected / "summary.json"), summary);
        ++failures;
    }
    if (read_text(expected / "trade_log.csv") != trades) {
        fmt::print(stderr, "{}: trade log differs\nexpected:\n{}\nactual:\n{}", dir.string(),
                   read_text(expected / "trade_log.csv"), trades);
        ++failures;
    }
    if (failures == 0) {
        fmt::print("{}: {} trades, digest {} as expected\n", dir.filename().string(), result.trades.size(),
                   result.digest());
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3 || (argc == 3 && std::string(argv[2]) != "--update-golden")) {
        fmt::print(stderr, "usage: {} CASE_DIR [--update-golden]\n", argv[0]);
        return 2;
    }
    try {
        return run_case(argv[1], argc == 3);
    } catch (const std::exception& error) {
        fmt::print(stderr, "{}: error: {}\n", argv[1], error.what());
        return 1;
    }
}
