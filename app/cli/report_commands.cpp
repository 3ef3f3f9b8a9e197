#include "report_commands.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "console_table.hpp"
#include "report/atomic_file.hpp"
#include "report/period_reports.hpp"
#include "report/tearsheet.hpp"
#include "store/results_store.hpp"
#include "store_access.hpp"

namespace tradelab::cli {
namespace {

namespace fs = std::filesystem;
using store::ResultsStore;
using store::StoredRun;

struct ReportOptions {
    std::int64_t id = 0;
    std::string db;
    std::string output;  // empty: ./report_<id>
};

// train, validation, holdout first, in that order; any other period after them.
int period_rank(const std::string& period) {
    static const std::map<std::string, int> ranks = {{"train", 0}, {"validation", 1}, {"holdout", 2}};
    const auto found = ranks.find(period);
    return found == ranks.end() ? 3 : found->second;
}

bool same_group(const store::RunRecord& a, const store::RunRecord& b) {
    return a.seed == b.seed && a.description.variant == b.description.variant &&
           a.description.parent_run_id == b.description.parent_run_id;
}

// The run and the newest stored backtest of each other period of its config, seed and variant. A
// re-run replaces its predecessor in the store, so "newest" only matters after a data change.
std::vector<StoredRun> period_group(ResultsStore& results, StoredRun run) {
    store::RunFilter filter;
    filter.config_hash = run.record.description.config_hash;
    filter.kind = store::RunKind::Backtest;
    std::map<std::string, std::int64_t> newest_of_period;
    for (const auto& summary : results.list(filter)) {
        const auto& record = summary.record;
        if (record.period == run.record.period || !same_group(record, run.record)) continue;
        newest_of_period.try_emplace(record.period, record.id);  // the listing is newest first
    }
    std::vector<StoredRun> group;
    group.push_back(std::move(run));
    for (const auto& [period, id] : newest_of_period) group.push_back(results.get(id));
    std::stable_sort(group.begin(), group.end(), [](const StoredRun& a, const StoredRun& b) {
        return period_rank(a.record.period) < period_rank(b.record.period);
    });
    return group;
}

// Period names come from config files: keep file names to letters, digits, '-' and '_'.
std::string file_safe(const std::string& text) {
    std::string safe = text;
    for (char& c : safe)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    return safe;
}

std::string change_cell(std::string_view metric, double train, double other) {
    const auto degradation = report::degradation_pct(metric, train, other);
    return degradation ? fmt::format("{:+.1f}%", *degradation) : "-";
}

struct ConsoleMetric {
    std::string label;
    std::string_view key;
    bool fraction = false;  // shown in %
    int decimals = 2;
};

const std::vector<ConsoleMetric>& console_metrics() {
    static const std::vector<ConsoleMetric> rows = {
        {"Sharpe", "sharpe_ratio"},         {"Max DD", "max_drawdown", true},
        {"Calmar", "calmar_ratio"},         {"Trades", "total_trades", false, 0},
        {"Win rate", "win_rate", true},     {"Expectancy R", "expectancy"},
        {"Profit factor", "profit_factor"}, {"Recovery factor", "recovery_factor"}};
    return rows;
}

// The periods side by side; then, for each later period, how much worse than train it is in %
// (positive = worse, whichever way the metric is better).
void print_period_table(const std::vector<StoredRun>& group) {
    const StoredRun* train = group.front().record.period == "train" ? &group.front() : nullptr;
    std::vector<Column> columns = {{"metric", Align::Left}};
    for (const auto& run : group)
        columns.push_back({fmt::format("{} #{}", run.record.period, run.record.id)});
    if (train)
        for (std::size_t i = 1; i < group.size(); ++i)
            columns.push_back({fmt::format("{} vs train", group[i].record.period)});
    Table table(columns);
    for (const auto& metric : console_metrics()) {
        std::vector<std::string> row = {metric.label};
        for (const auto& run : group) {
            const double value = report::key_metric_value(run.metrics, metric.key);
            row.push_back(metric.fraction ? percent(value) : number(value, metric.decimals));
        }
        if (train)
            for (std::size_t i = 1; i < group.size(); ++i)
                row.push_back(change_cell(metric.key, report::key_metric_value(train->metrics, metric.key),
                                          report::key_metric_value(group[i].metrics, metric.key)));
        table.add(std::move(row));
    }
    table.print();
    if (train && group.size() > 1) fmt::print("(vs train: degradation in %, positive = worse)\n");
}

void write_reports(const fs::path& folder, const StoredRun& run, const std::vector<StoredRun>& group) {
    fs::create_directories(folder);
    const report::ReportOrigin origin{std::to_string(run.record.id), fs::absolute(folder).string()};
    report::write_file_atomically(folder / "summary_report.json", report::summary_report_json(group, origin));
    if (const auto comparison = report::comparison_report_json(group, origin))
        report::write_file_atomically(folder / "comparison_report.json", *comparison);
    else
        fmt::print(stderr, "warning: run #{} has no sibling period; comparison_report.json not written\n",
                   run.record.id);
    report::write_file_atomically(folder / "tearsheet.html", report::tearsheet_html(run));
    for (const auto& period : group)
        report::write_file_atomically(
            folder / fmt::format("tearsheet_{}.html", file_safe(period.record.period)),
            report::tearsheet_html(period));
}

int run_report(const ReportOptions& options) {
    ResultsStore results = open_existing_store(options.db);
    std::optional<StoredRun> run = results.find(options.id);
    if (!run) {
        fmt::print(stderr, "error: no run #{} in {} (see `tradelab-cli runs list`)\n", options.id,
                   results.file().string());
        return 1;
    }
    const std::int64_t id = run->record.id;
    const std::vector<StoredRun> group = period_group(results, std::move(*run));
    const StoredRun& the_run =
        *std::find_if(group.begin(), group.end(), [&](const StoredRun& r) { return r.record.id == id; });
    const auto& record = the_run.record;
    fmt::print("run #{}: {} {} {} .. {}, seed {}, config {}\n", id, record.description.config_name,
               record.period, format_date(record.start), format_date(record.end), record.seed,
               record.description.config_hash);
    print_period_table(group);

    const fs::path folder =
        options.output.empty() ? fs::path(fmt::format("report_{}", id)) : fs::path(options.output);
    write_reports(folder, the_run, group);
    fmt::print("wrote the reports of {} period{} to {}\n", group.size(), group.size() == 1 ? "" : "s",
               folder.string());
    return 0;
}

}  // namespace

void register_report_commands(CLI::App& app, int& exit_code) {
    static ReportOptions options;
    auto* report = app.add_subcommand(
        "report", "Reports of a stored run and its sibling periods: JSON summaries and HTML tear sheets");
    report->add_option("run", options.id, "Stored run id (see `tradelab-cli runs list`)")->required();
    report->add_option("--db", options.db, "Results store file (default: the user's results store)");
    report->add_option("-o,--output", options.output, "Folder for the reports (default: ./report_<id>)");
    report->callback([&exit_code] { exit_code = run_report(options); });
}

}  // namespace tradelab::cli
