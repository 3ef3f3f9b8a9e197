#include "runs_commands.hpp"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "console_table.hpp"
#include "report/atomic_file.hpp"
#include "report/run_outputs.hpp"
#include "store/results_store.hpp"
#include "store_access.hpp"

namespace tradelab::cli {
namespace {

namespace fs = std::filesystem;
using store::ResultsStore;

struct RunsOptions {
    std::string db;
    std::int64_t id = 0;  // show, export, note
    std::vector<std::int64_t> ids;
    // list
    std::string config_path, config_hash, strategy, period, kind, status, tag, since, until;
    std::optional<std::int64_t> parent;
    std::vector<std::string> where;
    std::size_t limit = 50;
    bool archived = false;
    // show
    bool show_trades = false;
    bool show_config = false;
    // compare
    std::vector<std::string> metrics;
    // export
    std::string format;
    std::string table = "curve";
    std::string output;
    // tag, note
    std::vector<std::string> add_tags, remove_tags;
    std::string notes;
};

// ---- figures -------------------------------------------------------------------------------------

bool is_fraction_metric(std::string_view metric) {
    static const std::set<std::string_view> fractions = {
        "total_return", "cagr", "volatility", "max_drawdown", "win_rate", "percentile_99_daily_loss"};
    return fractions.count(metric) > 0;
}

bool is_count_metric(std::string_view metric) {
    static const std::set<std::string_view> counts = {"total_trades",           "winning_trades",
                                                      "losing_trades",          "drawdown_duration",
                                                      "max_consecutive_losses", "open_positions_at_end"};
    return counts.count(metric) > 0;
}

std::string metric_value(std::string_view metric, double value) {
    if (is_fraction_metric(metric)) return percent(value);
    return number(value, is_count_metric(metric) ? 0 : 2);
}

// Differences of fractions read as percentage points, so "+1.50pp" is not mistaken for a ratio.
std::string metric_difference(std::string_view metric, double difference) {
    if (!std::isfinite(difference)) return number(difference);
    if (is_fraction_metric(metric)) return fmt::format("{:+.2f}pp", difference * 100.0);
    return fmt::format("{:+.{}f}", difference, is_count_metric(metric) ? 0 : 2);
}

std::string created_short(const std::string& created_at) {
    std::string text = created_at.substr(0, 16);  // YYYY-MM-DDTHH:MM (UTC)
    if (text.size() > 10) text[10] = ' ';
    return text;
}

std::string run_label(const store::RunRecord& record) {
    return fmt::format("#{}", record.id);
}

// ---- store access --------------------------------------------------------------------------------

fs::path store_path(const RunsOptions& options) {
    return cli::store_path(options.db);
}

ResultsStore open_existing(const RunsOptions& options) {
    return open_existing_store(options.db);
}

// Runs `body` on the store, adding the store's file to an unknown-id error.
template <typename Body>
int with_store(const RunsOptions& options, Body body) {
    ResultsStore store = open_existing(options);
    try {
        return body(store);
    } catch (const store::UnknownRunError& error) {
        throw std::runtime_error(fmt::format("{} in {}", error.what(), store.file().string()));
    }
}

Date parse_date_option(const std::string& text, const char* option) {
    if (const auto date = parse_date(text)) return *date;
    throw std::invalid_argument(fmt::format("{} '{}' is not a date (YYYY-MM-DD)", option, text));
}

// ---- list ----------------------------------------------------------------------------------------

store::RunFilter filter_of(const RunsOptions& o) {
    store::RunFilter filter;
    const auto set = [](std::optional<std::string>& field, const std::string& value) {
        if (!value.empty()) field = value;
    };
    set(filter.config_path,
        o.config_path.empty() ? "" : fs::absolute(o.config_path).lexically_normal().string());
    set(filter.config_hash, o.config_hash);
    set(filter.strategy, o.strategy);
    set(filter.period, o.period);
    set(filter.tag, o.tag);
    if (!o.kind.empty()) filter.kind = store::parse_run_kind(o.kind);
    if (!o.status.empty()) filter.status = store::parse_run_status(o.status);
    filter.parent_run_id = o.parent;
    if (!o.since.empty()) filter.created_from = parse_date_option(o.since, "--since");
    if (!o.until.empty()) filter.created_to = parse_date_option(o.until, "--until");
    for (const auto& condition : o.where) filter.metrics.push_back(store::parse_metric_condition(condition));
    filter.archived = o.archived;
    return filter;
}

int run_list(const RunsOptions& options) {
    const fs::path path = store_path(options);
    if (!fs::exists(path)) {
        fmt::print("no runs stored yet ({} does not exist)\n", path.string());
        return 0;
    }
    ResultsStore store(path);
    store::RunFilter filter = filter_of(options);
    if (options.limit > 0) filter.limit = options.limit + 1;  // one more tells whether there are more
    auto runs = store.list(filter);
    const bool more = options.limit > 0 && runs.size() > options.limit;
    if (more) runs.resize(options.limit);

    bool any_parent = false, any_variant = false;
    for (const auto& run : runs) {
        any_parent |= run.record.description.parent_run_id.has_value();
        any_variant |= !run.record.description.variant.empty();
    }
    std::vector<Column> columns = {{"id"},
                                   {"created (UTC)", Align::Left},
                                   {"kind", Align::Left},
                                   {"config", Align::Left},
                                   {"period", Align::Left},
                                   {"start", Align::Left},
                                   {"end", Align::Left},
                                   {"seed"},
                                   {"return"},
                                   {"sharpe"},
                                   {"max_dd"},
                                   {"trades"},
                                   {"win%"},
                                   {"status", Align::Left},
                                   {"tags", Align::Left}};
    if (any_parent) columns.push_back({"parent"});
    if (any_variant) columns.push_back({"variant", Align::Left});
    Table table(columns);
    for (const auto& run : runs) {
        const auto& r = run.record;
        const auto& m = run.metrics;
        std::vector<std::string> row = {std::to_string(r.id),
                                        created_short(r.created_at),
                                        std::string(store::to_string(r.description.kind)),
                                        r.description.config_name,
                                        r.period,
                                        format_date(r.start),
                                        format_date(r.end),
                                        std::to_string(r.seed),
                                        percent(m.total_return),
                                        number(m.sharpe_ratio),
                                        percent(m.max_drawdown),
                                        std::to_string(m.total_trades),
                                        number(m.win_rate * 100.0, 1),
                                        std::string(store::to_string(r.status)),
                                        fmt::format("{}", fmt::join(r.description.tags, ","))};
        if (any_parent)
            row.push_back(r.description.parent_run_id ? std::to_string(*r.description.parent_run_id) : "");
        if (any_variant) row.push_back(r.description.variant);
        table.add(std::move(row));
    }
    if (!runs.empty()) table.print();
    fmt::print("{} run{}{}{}\n", runs.size(), runs.size() == 1 ? "" : "s",
               options.archived ? " in the archive" : "",
               more ? fmt::format(" (the newest {}; --limit 0 lists all)", options.limit) : "");
    return 0;
}

// ---- show ----------------------------------------------------------------------------------------

void print_field(std::string_view name, const std::string& value) {
    if (!value.empty()) fmt::print("{:<17}{}\n", name, value);
}

void print_record(const store::StoredRun& run) {
    const auto& r = run.record;
    const auto& d = r.description;
    fmt::print("run {} ({}, {}){}\n", r.id, store::to_string(d.kind), store::to_string(r.status),
               r.archived ? ", archived" : "");
    print_field("created (UTC)", r.created_at);
    print_field("config", fmt::format("{}  {}", d.config_name, d.config_path));
    print_field("config hash", d.config_hash);
    print_field("strategies", fmt::format("{}", fmt::join(d.strategies, ", ")));
    print_field("period", fmt::format("{}  {} .. {}", r.period, format_date(r.start), format_date(r.end)));
    print_field("variant", d.variant);
    print_field("parent run", d.parent_run_id ? std::to_string(*d.parent_run_id) : "");
    print_field("seed", std::to_string(r.seed));
    print_field("threads", std::to_string(d.thread_count));
    print_field("starting equity", number(r.starting_equity));
    const std::string data_range =
        d.data_start && d.data_end
            ? fmt::format(", {} .. {}", format_date(*d.data_start), format_date(*d.data_end))
            : "";
    print_field("data", fmt::format("{}  ({} files{})", d.data_fingerprint, d.data_files.size(), data_range));
    print_field("tradelab", d.tradelab_version);
    print_field("digest",
                fmt::format("{}  ({})", r.digest,
                            run.digest_verified ? "verified against the stored trades"
                                                : "MISMATCH: the stored trades give " + run.result.digest()));
    print_field("tags", fmt::format("{}", fmt::join(d.tags, ", ")));
    print_field("notes", d.notes);
}

void print_metrics(const store::StoredRun& run) {
    const auto metrics = nlohmann::ordered_json::parse(run.metrics_json);
    Table table({{"metric", Align::Left}, {"value"}});
    for (const auto name : store::metric_names()) {
        const auto it = metrics.find(std::string(name));
        // JSON keeps no infinity: the profit factor of a run without losses is null there.
        const double value = name == "profit_factor"                  ? run.metrics.profit_factor
                             : name == "final_equity"                 ? run.final_equity
                             : it != metrics.end() && it->is_number() ? it->get<double>()
                                                                      : std::nan("");
        table.add({std::string(name), metric_value(name, value)});
    }
    table.print();
}

void print_trades(const std::vector<backtest::TradeRecord>& trades, const char* title) {
    if (trades.empty()) return;
    fmt::print("\n{}\n", title);
    Table table({{"#"},
                 {"symbol", Align::Left},
                 {"entry", Align::Left},
                 {"exit", Align::Left},
                 {"qty"},
                 {"entry_px"},
                 {"exit_px"},
                 {"pnl"},
                 {"R"},
                 {"reason", Align::Left}});
    for (const auto& t : trades) {
        table.add({std::to_string(t.trade_id), t.symbol_name, format_date(t.entry_date),
                   format_date(t.exit_date), number(t.quantity, 0), number(t.entry_price, 4),
                   number(t.exit_price, 4), number(t.realized_pnl), number(t.r_multiple()),
                   std::string(backtest::to_string(t.exit_reason))});
    }
    table.print();
}

int run_show(const RunsOptions& options) {
    return with_store(options, [&](ResultsStore& store) {
        const auto run = store.get(options.id);
        print_record(run);
        const auto& curve = run.result.equity_curve;
        if (!curve.empty())
            print_field("equity curve",
                        fmt::format("{} points, {} .. {}, final equity {}", curve.size(),
                                    format_date(curve.front().date), format_date(curve.back().date),
                                    number(run.final_equity)));
        print_field("trades", fmt::format("{} closed, {} open at the end", run.result.trades.size(),
                                          run.result.open_at_end.size()));
        fmt::print("\n");
        print_metrics(run);
        if (options.show_trades) {
            print_trades(run.result.trades, "closed trades");
            print_trades(run.result.open_at_end, "open at the end (marked to market)");
        }
        if (options.show_config) fmt::print("\nconfig as run:\n{}\n", run.record.description.config_text);
        return run.digest_verified ? 0 : 1;
    });
}

// ---- compare -------------------------------------------------------------------------------------

void print_compared_runs(const store::RunComparison& comparison) {
    Table table({{"run", Align::Left},
                 {"kind", Align::Left},
                 {"config", Align::Left},
                 {"period", Align::Left},
                 {"start", Align::Left},
                 {"end", Align::Left},
                 {"seed"},
                 {"variant", Align::Left},
                 {"created (UTC)", Align::Left}});
    for (const auto& r : comparison.runs) {
        table.add({run_label(r), std::string(store::to_string(r.description.kind)), r.description.config_name,
                   r.period, format_date(r.start), format_date(r.end), std::to_string(r.seed),
                   r.description.variant, created_short(r.created_at)});
    }
    table.print();
}

int run_compare(const RunsOptions& options) {
    return with_store(options, [&](ResultsStore& store) {
        const auto comparison = store.compare(options.ids, options.metrics);
        print_compared_runs(comparison);
        fmt::print("\n");
        std::vector<Column> columns = {{"metric", Align::Left}, {run_label(comparison.runs.front())}};
        for (std::size_t r = 1; r < comparison.runs.size(); ++r) {
            const std::string label = run_label(comparison.runs[r]);
            columns.insert(columns.end(), {{label}, {"diff"}, {"worse%"}});
        }
        Table table(columns);
        for (const auto& metric : comparison.metrics) {
            std::vector<std::string> row = {metric.metric,
                                            metric_value(metric.metric, metric.values.front())};
            for (std::size_t r = 1; r < metric.values.size(); ++r) {
                const auto& worse = metric.degradation_pct[r];
                row.insert(row.end(), {metric_value(metric.metric, metric.values[r]),
                                       metric_difference(metric.metric, metric.differences[r]),
                                       worse ? fmt::format("{:+.1f}%", *worse) : "-"});
            }
            table.add(std::move(row));
        }
        table.print();
        fmt::print(
            "diff: value minus {}'s; worse%: how much worse than {} in % of its value (negative: better)\n",
            run_label(comparison.runs.front()), run_label(comparison.runs.front()));
        return 0;
    });
}

// ---- archive, delete, tag, note ------------------------------------------------------------------

int run_archive(const RunsOptions& options, bool restore) {
    return with_store(options, [&](ResultsStore& store) {
        const auto moved = restore ? store.unarchive(options.ids) : store.archive(options.ids);
        fmt::print("{} run{} {} {}: {}\n", moved.size(), moved.size() == 1 ? "" : "s",
                   restore ? "restored from" : "moved to", store.archive_file().string(),
                   fmt::join(moved, ", "));
        return 0;
    });
}

int run_delete(const RunsOptions& options) {
    return with_store(options, [&](ResultsStore& store) {
        const auto deleted = store.delete_runs(options.ids);
        fmt::print("deleted {} run{} (with their child runs): {}\n", deleted.size(),
                   deleted.size() == 1 ? "" : "s", fmt::join(deleted, ", "));
        return 0;
    });
}

int run_tag(const RunsOptions& options) {
    if (options.add_tags.empty() && options.remove_tags.empty())
        throw std::invalid_argument("nothing to do: give --add TAG and/or --remove TAG");
    return with_store(options, [&](ResultsStore& store) {
        store.add_tags(options.ids, options.add_tags);
        store.remove_tags(options.ids, options.remove_tags);
        return 0;
    });
}

int run_note(const RunsOptions& options) {
    return with_store(options, [&](ResultsStore& store) {
        store.set_notes(options.id, options.notes);
        return 0;
    });
}

// ---- export --------------------------------------------------------------------------------------

nlohmann::ordered_json json_of(const backtest::EquityPoint& p) {
    return {{"date", format_date(p.date)},
            {"equity", p.equity},
            {"cash", p.cash},
            {"positions", p.positions},
            {"positions_equity", p.positions_equity},
            {"positions_crypto", p.positions_crypto},
            {"gross_exposure", p.gross_exposure},
            {"realized_pnl", p.realized_pnl},
            {"unrealized_pnl", p.unrealized_pnl},
            {"risk_multiplier", p.risk_multiplier},
            {"portfolio_vol_20d", p.portfolio_vol_20d},
            {"avg_pairwise_corr", p.avg_pairwise_corr}};
}

nlohmann::ordered_json json_of(const backtest::TradeRecord& t) {
    return {{"trade_id", t.trade_id},
            {"symbol", t.symbol_name},
            {"asset_class", to_string(t.asset_class)},
            {"is_short", t.is_short},
            {"strategy_index", t.strategy_index},
            {"entry_date", format_date(t.entry_date)},
            {"exit_date", format_date(t.exit_date)},
            {"entry_price", t.entry_price},
            {"exit_price", t.exit_price},
            {"quantity", t.quantity},
            {"entry_fill_id", t.entry_fill_id},
            {"exit_fill_id", t.exit_fill_id},
            {"realized_pnl", t.realized_pnl},
            {"entry_slippage_bps", t.entry_slippage_bps},
            {"entry_fee_bps", t.entry_fee_bps},
            {"entry_fee", t.entry_fee},
            {"entry_slippage_cost", t.entry_slippage_cost},
            {"exit_slippage_bps", t.exit_slippage_bps},
            {"exit_fee_bps", t.exit_fee_bps},
            {"exit_fee", t.exit_fee},
            {"exit_slippage_cost", t.exit_slippage_cost},
            {"initial_stop_price", t.initial_stop_price},
            {"stop_price", t.stop_price},
            {"exit_reason", backtest::to_string(t.exit_reason)},
            {"triggered_on", t.triggered_on},
            {"adv20_at_entry", t.adv20_at_entry},
            {"entry_gap", t.entry_gap},
            {"holding_days", t.holding_days()},
            {"r_multiple", t.r_multiple()}};
}

nlohmann::ordered_json json_of(const store::StoredRun& run) {
    const auto& r = run.record;
    const auto& d = r.description;
    const auto optional_date = [](const std::optional<Date>& date) {
        return date ? nlohmann::ordered_json(format_date(*date)) : nlohmann::ordered_json();
    };
    nlohmann::ordered_json record = {
        {"id", r.id},
        {"created_at", r.created_at},
        {"kind", store::to_string(d.kind)},
        {"parent_run_id",
         d.parent_run_id ? nlohmann::ordered_json(*d.parent_run_id) : nlohmann::ordered_json()},
        {"variant", d.variant},
        {"status", store::to_string(r.status)},
        {"archived", r.archived},
        {"config_path", d.config_path},
        {"config_name", d.config_name},
        {"config_hash", d.config_hash},
        {"config_text", d.config_text},
        {"strategies", d.strategies},
        {"period", r.period},
        {"start_date", format_date(r.start)},
        {"end_date", format_date(r.end)},
        {"seed", r.seed},
        {"thread_count", d.thread_count},
        {"starting_equity", r.starting_equity},
        {"periods_per_year", d.periods_per_year},
        {"tradelab_version", d.tradelab_version},
        {"data_fingerprint", d.data_fingerprint},
        {"data_files", d.data_files},
        {"data_start", optional_date(d.data_start)},
        {"data_end", optional_date(d.data_end)},
        {"digest", r.digest},
        {"digest_verified", run.digest_verified},
        {"tags", d.tags},
        {"notes", d.notes}};
    nlohmann::ordered_json curve = nlohmann::ordered_json::array(), trades = nlohmann::ordered_json::array(),
                           open = nlohmann::ordered_json::array();
    for (const auto& point : run.result.equity_curve) curve.push_back(json_of(point));
    for (const auto& trade : run.result.trades) trades.push_back(json_of(trade));
    for (const auto& trade : run.result.open_at_end) open.push_back(json_of(trade));
    return {{"run", record},
            {"metrics", nlohmann::ordered_json::parse(run.metrics_json)},
            {"equity_curve", curve},
            {"trades", trades},
            {"open_at_end", open}};
}

std::string metrics_csv(const store::StoredRun& run) {
    const auto metrics = nlohmann::ordered_json::parse(run.metrics_json);
    std::string text = "metric,value\n";
    for (const auto& [name, value] : metrics.items()) {
        const std::string shown = name == "profit_factor" ? fmt::format("{}", run.metrics.profit_factor)
                                  : value.is_null()       ? ""
                                                          : value.dump();
        text += name + "," + shown + "\n";
    }
    return text;
}

std::string export_text(const RunsOptions& options, const store::StoredRun& run) {
    if (options.format == "json") return json_of(run).dump(2) + "\n";
    if (options.table == "trades") return report::trade_log_csv(run.result);
    if (options.table == "metrics") return metrics_csv(run);
    return report::equity_curve_csv(run.result);
}

int run_export(const RunsOptions& options) {
    return with_store(options, [&](ResultsStore& store) {
        const auto run = store.get(options.id);
        const std::string text = export_text(options, run);
        if (options.output.empty()) {
            std::cout << text;
        } else {
            report::write_file_atomically(options.output, text);
            fmt::print(stderr, "run {} written to {}\n", run.record.id, options.output);
        }
        return 0;
    });
}

// ---- registration --------------------------------------------------------------------------------

CLI::App* subcommand(CLI::App* runs, RunsOptions& options, const char* name, const char* description) {
    auto* command = runs->add_subcommand(name, description);
    command->add_option("--db", options.db,
                        "Results store file (default: $XDG_DATA_HOME/TradeLab/results.sqlite, else "
                        "~/.local/share/TradeLab/results.sqlite)");
    return command;
}

void add_list_filters(CLI::App* list, RunsOptions& o) {
    list->add_option("--config", o.config_path, "Runs of this run config file");
    list->add_option("--config-hash", o.config_hash, "Runs whose config hash starts with this");
    list->add_option("--strategy", o.strategy, "Runs of this strategy (name)");
    list->add_option("--period", o.period, "train, validation, holdout, ...");
    list->add_option("--kind", o.kind, "Run kind")
        ->check(CLI::IsMember(
            {"backtest", "validation", "sensitivity_point", "walkforward_fold", "stress_scenario"}));
    list->add_option("--status", o.status, "complete or partial")
        ->check(CLI::IsMember({"complete", "partial"}));
    list->add_option("--tag", o.tag, "Runs carrying this tag");
    list->add_option("--parent", o.parent, "Child runs of this run");
    list->add_option("--since", o.since, "Stored on or after this UTC date (YYYY-MM-DD)");
    list->add_option("--until", o.until, "Stored on or before this UTC date (YYYY-MM-DD)");
    list->add_option("-w,--where", o.where, "Metric condition, repeatable: 'sharpe>=1', 'max_drawdown<0.2'");
    list->add_option("-n,--limit", o.limit, "Newest runs to show; 0 for all")->default_val(50);
    list->add_flag("--archived", o.archived, "List the archive instead");
}

}  // namespace

void register_runs_commands(CLI::App& app, int& exit_code) {
    static RunsOptions options;
    auto* runs = app.add_subcommand("runs", "Stored runs: list, inspect, compare, archive, delete, export");
    runs->require_subcommand(1);

    auto* list =
        subcommand(runs, options, "list", "List stored runs with their headline metrics, newest first");
    add_list_filters(list, options);
    list->callback([&exit_code] { exit_code = run_list(options); });

    auto* show = subcommand(runs, options, "show", "A stored run's provenance, metrics and trades");
    show->add_option("id", options.id, "Run id")->required();
    show->add_flag("--trades", options.show_trades, "List the trades");
    show->add_flag("--config-text", options.show_config, "Print the config files as they were run");
    show->callback([&exit_code] { exit_code = run_show(options); });

    auto* compare =
        subcommand(runs, options, "compare", "Metrics of 2 or more runs side by side, against the first");
    compare->add_option("ids", options.ids, "Run ids; the first is the baseline")
        ->required()
        ->expected(2, -1);
    compare->add_option("-m,--metric", options.metrics,
                        "Metric to compare, repeatable (default: the headline set)");
    compare->callback([&exit_code] { exit_code = run_compare(options); });

    auto* archive =
        subcommand(runs, options, "archive", "Move runs and their child runs to the archive file");
    archive->add_option("ids", options.ids, "Run ids")->required()->expected(1, -1);
    archive->callback([&exit_code] { exit_code = run_archive(options, false); });

    auto* unarchive = subcommand(runs, options, "unarchive", "Bring archived runs back into the store");
    unarchive->add_option("ids", options.ids, "Run ids")->required()->expected(1, -1);
    unarchive->callback([&exit_code] { exit_code = run_archive(options, true); });

    auto* remove = subcommand(runs, options, "delete", "Delete runs, their child runs and all their rows");
    remove->add_option("ids", options.ids, "Run ids")->required()->expected(1, -1);
    remove->callback([&exit_code] { exit_code = run_delete(options); });

    auto* exporter = subcommand(runs, options, "export", "Write a stored run as JSON or CSV");
    exporter->add_option("id", options.id, "Run id")->required();
    exporter->add_option("-f,--format", options.format, "json (everything) or csv (one table)")
        ->required()
        ->check(CLI::IsMember({"csv", "json"}));
    exporter->add_option("--table", options.table, "With csv: curve, trades or metrics")
        ->default_val("curve")
        ->check(CLI::IsMember({"curve", "trades", "metrics"}));
    exporter->add_option("-o,--output", options.output, "Output file (default: standard output)");
    exporter->callback([&exit_code] { exit_code = run_export(options); });

    auto* tag = subcommand(runs, options, "tag", "Add or remove tags");
    tag->add_option("ids", options.ids, "Run ids")->required()->expected(1, -1);
    tag->add_option("--add", options.add_tags, "Tag to add, repeatable");
    tag->add_option("--remove", options.remove_tags, "Tag to remove, repeatable");
    tag->callback([&exit_code] { exit_code = run_tag(options); });

    auto* note = subcommand(runs, options, "note", "Set a run's notes");
    note->add_option("id", options.id, "Run id")->required();
    note->add_option("text", options.notes, "The notes (replace the earlier ones)")->required();
    note->callback([&exit_code] { exit_code = run_note(options); });
}

}  // namespace tradelab::cli
