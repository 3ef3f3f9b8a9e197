#include "data_commands.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "data/csv_loader.hpp"
#include "data/synthetic.hpp"
#include "data/universe.hpp"

namespace tradelab::cli {
namespace {

namespace fs = std::filesystem;

struct CheckTotals {
    std::size_t files = 0;
    std::size_t bars = 0;
    std::size_t errors = 0;
    std::size_t warnings = 0;
};

// A universe list is a CSV whose header is the single column `symbol`.
bool is_universe_list(const fs::path& path) {
    std::ifstream stream(path);
    std::string header;
    std::getline(stream, header);
    if (header.starts_with("\xEF\xBB\xBF")) header.erase(0, 3);
    while (!header.empty() && (header.back() == '\r' || header.back() == ' ')) header.pop_back();
    std::transform(header.begin(), header.end(), header.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return header == "symbol";
}

void print_issues(const std::vector<data::DataIssue>& issues, CheckTotals& totals) {
    for (const auto& issue : issues) {
        fmt::print("{}\n", data::format_issue(issue));
        (issue.severity == data::Severity::Error ? totals.errors : totals.warnings) += 1;
    }
}

void check_file(const fs::path& path, const data::CsvOptions& options, CheckTotals& totals) {
    ++totals.files;
    if (is_universe_list(path)) {
        print_issues(data::read_universe_file(path).issues, totals);
        return;
    }
    const data::LoadResult result = data::load_csv(path, options);
    totals.bars += result.series.size();
    print_issues(result.issues, totals);
}

std::vector<fs::path> csv_files_under(const fs::path& root) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file() && entry.path().extension() == ".csv") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

int run_check(const std::vector<std::string>& paths, double extreme_move) {
    data::CsvOptions options;
    options.extreme_move_threshold = extreme_move;
    CheckTotals totals;
    for (const auto& text : paths) {
        const fs::path path(text);
        if (fs::is_directory(path)) {
            for (const auto& file : csv_files_under(path)) check_file(file, options, totals);
        } else {
            check_file(path, options, totals);
        }
    }
    fmt::print("checked {} file(s), {} bar(s): {} error(s), {} warning(s)\n", totals.files, totals.bars,
               totals.errors, totals.warnings);
    return totals.errors > 0 ? 1 : 0;
}

std::vector<data::SynthPattern> parse_patterns(const std::vector<std::string>& names) {
    std::vector<data::SynthPattern> patterns;
    for (const auto& name : names) {
        const auto pattern = data::parse_synth_pattern(name);
        if (!pattern) {
            throw CLI::ValidationError("--patterns",
                                       fmt::format("unknown pattern '{}' (trend, breakout, flash-crash, "
                                                   "missing-days, invalid-ohlc)",
                                                   name));
        }
        patterns.push_back(*pattern);
    }
    return patterns;
}

void register_check(CLI::App& data_command, int& exit_code) {
    auto* check =
        data_command.add_subcommand("check", "Check data files; prints file:line: field: message per issue");
    static std::vector<std::string> paths;
    static double extreme_move = 0.50;
    check->add_option("paths", paths, "CSV files or folders (searched recursively)")
        ->required()
        ->check(CLI::ExistingPath);
    check->add_option("--extreme-move", extreme_move, "Close-to-close move reported as extreme")
        ->default_val(0.50)
        ->check(CLI::Range(0.0, 10.0));
    check->callback([&exit_code] { exit_code = run_check(paths, extreme_move); });
}

void register_synth(CLI::App& data_command, int& exit_code) {
    auto* synth = data_command.add_subcommand("synth", "Write a deterministic synthetic universe");
    static data::SynthOptions options;
    static std::string out;
    static std::string start = "2015-01-02";
    static std::vector<std::string> pattern_names;
    synth->add_option("--symbols", options.symbols, "Number of symbols")
        ->default_val(10)
        ->check(CLI::Range(1, 100000));
    synth->add_option("--years", options.years, "Years of 252 business days")
        ->default_val(5)
        ->check(CLI::Range(1, 100));
    synth->add_option("--seed", options.seed, "Random seed")->default_val(1);
    synth->add_option("--start", start, "First business day (YYYY-MM-DD)")->default_val("2015-01-02");
    synth->add_option("--drift", options.annual_drift, "Annual drift")->default_val(0.08);
    synth->add_option("--volatility", options.annual_volatility, "Annual volatility")
        ->default_val(0.30)
        ->check(CLI::Range(0.0, 5.0));
    synth->add_option("--groups", options.correlated_groups, "Correlated groups (0: independent)")
        ->default_val(0)
        ->check(CLI::Range(0, 1000));
    synth->add_option("--group-correlation", options.group_correlation, "Correlation within a group")
        ->default_val(0.6)
        ->check(CLI::Range(0.0, 1.0));
    synth
        ->add_option("--patterns", pattern_names,
                     "Comma-separated: trend, breakout, flash-crash, missing-days, invalid-ohlc")
        ->delimiter(',');
    synth->add_option("--out", out, "Output folder")->required();
    synth->callback([&exit_code] {
        const auto start_date = parse_date(start);
        if (!start_date)
            throw CLI::ValidationError("--start", fmt::format("'{}' is not a date (YYYY-MM-DD)", start));
        options.start = *start_date;
        options.patterns = parse_patterns(pattern_names);
        const auto universe = data::generate_synthetic(options);
        data::write_synthetic(universe, options, out);
        std::size_t bars = 0;
        for (const auto& series : universe.series) bars += series.size();
        fmt::print("wrote {} symbols, {} bars, {} planted events to {}\n", universe.symbols.size(), bars,
                   universe.events.size(), out);
        exit_code = 0;
    });
}

}  // namespace

void register_data_commands(CLI::App& app, int& exit_code) {
    auto* data_command = app.add_subcommand("data", "Check and generate market data");
    data_command->require_subcommand(1);
    register_check(*data_command, exit_code);
    register_synth(*data_command, exit_code);
}

}  // namespace tradelab::cli
