#include "store/results_store.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <set>
#include <variant>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/metric_columns.hpp"
#include "store/run_rows.hpp"
#include "store/schema.hpp"

namespace tradelab::store {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMain = "main";
constexpr std::string_view kArchive = "archive";

struct KindName {
    RunKind kind;
    std::string_view name;
};
constexpr std::array<KindName, 5> kKinds = {{{RunKind::Backtest, "backtest"},
                                             {RunKind::Validation, "validation"},
                                             {RunKind::SensitivityPoint, "sensitivity_point"},
                                             {RunKind::WalkforwardFold, "walkforward_fold"},
                                             {RunKind::StressScenario, "stress_scenario"}}};

Database open_migrated(const fs::path& file) {
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    Database db(file);
    migrate(db);
    return db;
}

// Run ids as a JSON array: SQL takes a whole list as one parameter through json_each().
std::string json_ids(std::span<const std::int64_t> ids) {
    return fmt::format("[{}]", fmt::join(ids, ","));
}

constexpr std::string_view kIdsParameter = "(SELECT value FROM json_each(?))";

// The archive file attached to the store's connection as schema "archive" for the life of the object
// (created and migrated first when asked to).
class ArchiveAttachment {
  public:
    ArchiveAttachment(Database& db, const fs::path& file) : db_(db) {
        open_migrated(file);  // same schema version as the store before any row moves
        db_.prepare("ATTACH DATABASE ? AS archive").bind(1, file.string()).run();
    }
    ~ArchiveAttachment() {
        // Every statement on the archive is finished by now; a failing DETACH only leaves the file
        // attached to a connection that is about to be used without it.
        db_.execute_quietly("DETACH DATABASE archive");
    }
    ArchiveAttachment(const ArchiveAttachment&) = delete;
    ArchiveAttachment& operator=(const ArchiveAttachment&) = delete;

  private:
    Database& db_;
};

bool contains(Database& db, std::string_view schema, std::int64_t id) {
    auto query = db.prepare(fmt::format("SELECT 1 FROM {}.runs WHERE id = ?", schema));
    query.bind(1, id);
    return query.step();
}

// The ids and every run below them (children, grandchildren, ...), ascending.
std::vector<std::int64_t> with_descendants(Database& db, std::string_view schema,
                                           std::span<const std::int64_t> ids) {
    auto query = db.prepare(fmt::format(
        "WITH RECURSIVE tree(id) AS (SELECT value FROM json_each(?) UNION "
        "SELECT r.id FROM {}.runs r JOIN tree ON r.parent_run_id = tree.id) SELECT id FROM tree ORDER BY id",
        schema));
    query.bind(1, json_ids(ids));
    std::vector<std::int64_t> all;
    while (query.step()) all.push_back(query.column_int64(0));
    return all;
}

void delete_from(Database& db, std::string_view schema, std::span<const std::int64_t> ids) {
    // The foreign keys cascade to metrics, curve points, trades and tags.
    db.prepare(fmt::format("DELETE FROM {}.runs WHERE id IN {}", schema, kIdsParameter))
        .bind(1, json_ids(ids))
        .run();
}

// Where each id lives. The archive schema must be attached when `archive_attached`.
struct Locations {
    std::vector<std::int64_t> main;
    std::vector<std::int64_t> archive;
    std::vector<std::int64_t> unknown;
};

Locations locate(Database& db, std::span<const std::int64_t> ids, bool archive_attached) {
    Locations where;
    for (const auto id : std::set<std::int64_t>(ids.begin(), ids.end())) {
        if (contains(db, kMain, id))
            where.main.push_back(id);
        else if (archive_attached && contains(db, kArchive, id))
            where.archive.push_back(id);
        else
            where.unknown.push_back(id);
    }
    return where;
}

// Calls `change(schema, ids)` for the given runs found in the store and for those in the archive, all in
// one transaction. Unknown ids throw UnknownRunError before anything changes.
using Change = std::function<void(std::string_view schema, const std::vector<std::int64_t>& ids)>;

void change_runs(Database& db, const std::optional<fs::path>& archive_file, std::span<const std::int64_t> ids,
                 const Change& change) {
    std::optional<ArchiveAttachment> archive;
    if (archive_file) archive.emplace(db, *archive_file);
    Transaction transaction(db);
    const Locations where = locate(db, ids, archive.has_value());
    if (!where.unknown.empty()) throw UnknownRunError(where.unknown);
    for (const auto& [schema, group] : {std::pair{kMain, &where.main}, {kArchive, &where.archive}})
        if (!group->empty()) change(schema, *group);
    transaction.commit();
}

void check_tag(const std::string& tag) {
    if (tag.empty() || tag.find('\n') != std::string::npos)
        throw std::invalid_argument(fmt::format("tag '{}' is empty or spans lines", tag));
}

std::optional<SummaryRow> find_summary(Database& db, std::string_view schema, std::int64_t id, bool full) {
    auto query = db.prepare(summary_select(schema, full) + " WHERE r.id = ?");
    query.bind(1, id);
    if (!query.step()) return std::nullopt;
    return read_summary(query, schema == kArchive);
}

StoredRun load_run(Database& db, std::string_view schema, SummaryRow row) {
    StoredRun run;
    run.record = std::move(row.summary.record);
    run.metrics = row.summary.metrics;
    run.final_equity = row.summary.final_equity;
    run.metrics_json = std::move(row.metrics_json);
    backtest::RunResult& result = run.result;
    result.period_name = run.record.period;
    result.start = run.record.start;
    result.end = run.record.end;
    result.starting_equity = run.record.starting_equity;
    result.seed = run.record.seed;
    result.cancelled = run.record.status == RunStatus::Partial;
    result.equity_curve = load_curve(db, schema, run.record.id);
    load_trades(db, schema, run.record.id, result);
    run.digest_verified = result.digest() == run.record.digest;
    return run;
}

// ---- listing -------------------------------------------------------------------------------------

using Parameter = std::variant<std::int64_t, double, std::string>;

struct Where {
    std::vector<std::string> clauses;
    std::vector<Parameter> parameters;

    void add(std::string clause, Parameter parameter) {
        clauses.push_back(std::move(clause));
        parameters.push_back(std::move(parameter));
    }
    std::string sql() const {
        return clauses.empty() ? std::string() : " WHERE " + fmt::format("{}", fmt::join(clauses, " AND "));
    }
};

Where where_of(const RunFilter& f, std::string_view schema) {
    Where where;
    if (f.config_path) where.add("r.config_path = ?", *f.config_path);
    if (f.config_hash) where.add("instr(r.config_hash, ?) = 1", *f.config_hash);
    if (f.strategy) where.add("instr(',' || r.strategies || ',', ',' || ? || ',') > 0", *f.strategy);
    if (f.period) where.add("r.period = ?", *f.period);
    if (f.kind) where.add("r.kind = ?", std::string(to_string(*f.kind)));
    if (f.status) where.add("r.status = ?", std::string(to_string(*f.status)));
    if (f.tag)
        where.add(
            fmt::format("EXISTS (SELECT 1 FROM {}.run_tags t WHERE t.run_id = r.id AND t.tag = ?)", schema),
            *f.tag);
    if (f.parent_run_id) where.add("r.parent_run_id = ?", *f.parent_run_id);
    // created_at is ISO text, so a date compares as the start of that day.
    if (f.created_from) where.add("r.created_at >= ?", format_date(*f.created_from));
    if (f.created_to) where.add("r.created_at < ?", format_date(*f.created_to + std::chrono::days{1}));
    for (const auto& condition : f.metrics) {
        const auto column = metric_column(condition.metric);
        where.add(fmt::format("m.{} {} ?", column.name, sql_operator(condition.threshold)), condition.value);
    }
    return where;
}

void bind_parameters(Statement& statement, const std::vector<Parameter>& parameters) {
    for (std::size_t i = 0; i < parameters.size(); ++i)
        std::visit([&](const auto& value) { statement.bind(int(i) + 1, value); }, parameters[i]);
}

// ---- comparing -----------------------------------------------------------------------------------

std::vector<double> metric_values(Database& db, std::string_view schema, std::int64_t id,
                                  const std::vector<MetricColumn>& columns) {
    std::vector<std::string> names;
    for (const auto& column : columns) names.emplace_back(column.name);
    auto query = db.prepare(
        fmt::format("SELECT {} FROM {}.run_metrics WHERE run_id = ?", fmt::join(names, ", "), schema));
    query.bind(1, id);
    std::vector<double> values(columns.size(), std::nan(""));
    if (query.step())
        for (std::size_t i = 0; i < columns.size(); ++i) values[i] = query.column_double(int(i));
    return values;
}

std::vector<MetricColumn> comparison_columns(std::span<const std::string> metrics) {
    std::vector<MetricColumn> columns;
    if (metrics.empty())
        for (const auto name : default_comparison_metrics()) columns.push_back(metric_column(name));
    for (const auto& name : metrics) columns.push_back(metric_column(name));
    return columns;
}

}  // namespace

std::optional<double> degradation(Better better, double first, double value) {
    if (better == Better::Neither || !std::isfinite(first) || first == 0.0 || !std::isfinite(value))
        return std::nullopt;
    const double change = (value - first) / std::abs(first) * 100.0;
    return better == Better::Higher ? -change : change;
}

// ---- names ---------------------------------------------------------------------------------------

std::string_view to_string(RunKind kind) {
    for (const auto& entry : kKinds)
        if (entry.kind == kind) return entry.name;
    return "backtest";
}

std::optional<RunKind> parse_run_kind(std::string_view text) {
    for (const auto& entry : kKinds)
        if (entry.name == text) return entry.kind;
    return std::nullopt;
}

std::string_view to_string(RunStatus status) {
    return status == RunStatus::Complete ? "complete" : "partial";
}

std::optional<RunStatus> parse_run_status(std::string_view text) {
    if (text == "complete") return RunStatus::Complete;
    if (text == "partial") return RunStatus::Partial;
    return std::nullopt;
}

UnknownRunError::UnknownRunError(std::vector<std::int64_t> ids)
    : std::runtime_error(fmt::format("no stored run with id {}", fmt::join(ids, ", "))),
      ids_(std::move(ids)) {}

// ---- ResultsStore --------------------------------------------------------------------------------

ResultsStore::ResultsStore(const fs::path& file)
    : db_(open_migrated(file)), checkpointer_(std::make_unique<WalCheckpointer>(db_)) {}
ResultsStore::~ResultsStore() = default;

fs::path ResultsStore::default_path() {
    // The XDG base directory rules: a relative XDG_DATA_HOME is invalid and ignored.
    const char* xdg = std::getenv("XDG_DATA_HOME");
    if (xdg && *xdg && fs::path(xdg).is_absolute()) return fs::path(xdg) / "TradeLab" / "results.sqlite";
    const char* home = std::getenv("HOME");
    if (!home || !*home)
        throw std::runtime_error("no place for the results store: neither XDG_DATA_HOME nor HOME is set");
    return fs::path(home) / ".local" / "share" / "TradeLab" / "results.sqlite";
}

fs::path ResultsStore::archive_file() const {
    const fs::path& file = db_.file();
    return file.parent_path() / (file.stem().string() + "_archive" + file.extension().string());
}

bool ResultsStore::has_archive() const {
    return fs::exists(archive_file());
}

std::optional<fs::path> ResultsStore::existing_archive() const {
    if (!has_archive()) return std::nullopt;
    return archive_file();
}

StoreOutcome ResultsStore::store_run(const backtest::RunResult& result,
                                     const metrics::PerformanceMetrics& metrics,
                                     const RunDescription& description, OnDuplicate on_duplicate) {
    const RunToStore run{&result, &metrics, description};
    return store_runs(std::span(&run, 1), on_duplicate).front();
}

std::vector<StoreOutcome> ResultsStore::store_runs(std::span<const RunToStore> batch,
                                                   OnDuplicate on_duplicate) {
    Transaction transaction(db_);
    if (!writer_) writer_ = std::make_unique<RunWriter>(db_);
    std::vector<StoreOutcome> outcomes;
    outcomes.reserve(batch.size());
    for (const auto& run : batch) outcomes.push_back(writer_->write(run, on_duplicate));
    transaction.commit();
    return outcomes;
}

std::optional<StoredRun> ResultsStore::find(std::int64_t id) {
    {
        Transaction snapshot(db_, TransactionMode::Read);
        if (auto row = find_summary(db_, kMain, id, true)) return load_run(db_, kMain, std::move(*row));
    }
    if (!has_archive()) return std::nullopt;
    ArchiveAttachment archive(db_, archive_file());
    Transaction snapshot(db_, TransactionMode::Read);
    if (auto row = find_summary(db_, kArchive, id, true)) return load_run(db_, kArchive, std::move(*row));
    return std::nullopt;
}

StoredRun ResultsStore::get(std::int64_t id) {
    if (auto run = find(id)) return std::move(*run);
    throw UnknownRunError({id});
}

std::vector<RunSummary> ResultsStore::list(const RunFilter& filter) {
    std::optional<ArchiveAttachment> archive;
    if (filter.archived) {
        if (!has_archive()) return {};
        archive.emplace(db_, archive_file());
    }
    const std::string_view schema = filter.archived ? kArchive : kMain;
    const Where where = where_of(filter, schema);
    std::string sql = summary_select(schema, false) + where.sql() + " ORDER BY r.created_at DESC, r.id DESC";
    if (filter.limit > 0) sql += fmt::format(" LIMIT {}", filter.limit);
    auto query = db_.prepare(sql);
    bind_parameters(query, where.parameters);
    std::vector<RunSummary> runs;
    while (query.step()) runs.push_back(std::move(read_summary(query, filter.archived).summary));
    return runs;
}

RunComparison ResultsStore::compare(std::span<const std::int64_t> ids, std::span<const std::string> metrics) {
    if (ids.size() < 2) throw std::invalid_argument("a comparison needs at least two runs");
    const auto columns = comparison_columns(metrics);
    std::optional<ArchiveAttachment> archive;
    if (has_archive()) archive.emplace(db_, archive_file());
    Transaction snapshot(db_, TransactionMode::Read);
    const Locations where = locate(db_, ids, archive.has_value());
    if (!where.unknown.empty()) throw UnknownRunError(where.unknown);

    RunComparison comparison;
    std::vector<std::vector<double>> values;  // [run][metric]
    for (const auto id : ids) {
        const bool archived = std::binary_search(where.archive.begin(), where.archive.end(), id);
        const std::string_view schema = archived ? kArchive : kMain;
        comparison.runs.push_back(find_summary(db_, schema, id, false)->summary.record);
        values.push_back(metric_values(db_, schema, id, columns));
    }
    for (std::size_t m = 0; m < columns.size(); ++m) {
        MetricComparison row{std::string(columns[m].name), columns[m].better, {}, {}, {}};
        const double first = values.front()[m];
        for (std::size_t r = 0; r < ids.size(); ++r) {
            row.values.push_back(values[r][m]);
            row.differences.push_back(values[r][m] - first);
            row.degradation_pct.push_back(r == 0 ? std::nullopt
                                                 : degradation(row.better, first, values[r][m]));
        }
        comparison.metrics.push_back(std::move(row));
    }
    return comparison;
}

std::vector<std::int64_t> ResultsStore::archive(std::span<const std::int64_t> ids) {
    return move_runs(ids, kMain, kArchive);
}

std::vector<std::int64_t> ResultsStore::unarchive(std::span<const std::int64_t> ids) {
    if (!ids.empty() && !has_archive()) throw UnknownRunError({ids.begin(), ids.end()});
    return move_runs(ids, kArchive, kMain);
}

// Two transactions, copy then delete: SQLite commits a transaction over two WAL files atomically per
// file only, and in this order an interruption leaves a run in both files (the next move replaces the
// copy), never in neither.
std::vector<std::int64_t> ResultsStore::move_runs(std::span<const std::int64_t> ids, std::string_view from,
                                                  std::string_view to) {
    if (ids.empty()) return {};
    ArchiveAttachment archive(db_, archive_file());
    std::vector<std::int64_t> missing;
    for (const auto id : ids)
        if (!contains(db_, from, id)) missing.push_back(id);
    if (!missing.empty()) {
        if (std::all_of(missing.begin(), missing.end(), [&](auto id) { return contains(db_, to, id); }))
            throw std::invalid_argument(fmt::format("run {} is {}", fmt::join(missing, ", "),
                                                    to == kArchive ? "already archived" : "not archived"));
        throw UnknownRunError(missing);
    }
    const auto all = with_descendants(db_, from, ids);
    const std::string id_list = json_ids(all);
    {
        Transaction copy(db_);
        delete_from(db_, to, all);  // what an interrupted earlier move left behind
        // Both files went through the same migrations, so their tables have the same columns in the
        // same order and SELECT * lines up.
        for (const auto& [table, key] : {std::pair{"runs", "id"},
                                         {"run_inputs", "run_id"},
                                         {"run_metrics", "run_id"},
                                         {"equity_points", "run_id"},
                                         {"trades", "run_id"},
                                         {"run_tags", "run_id"}}) {
            db_.prepare(fmt::format("INSERT INTO {0}.{2} SELECT * FROM {1}.{2} WHERE {3} IN {4}", to, from,
                                    table, key, kIdsParameter))
                .bind(1, id_list)
                .run();
        }
        copy.commit();
    }
    Transaction remove(db_);
    delete_from(db_, from, all);
    remove.commit();
    return all;
}

std::vector<std::int64_t> ResultsStore::delete_runs(std::span<const std::int64_t> ids) {
    std::vector<std::int64_t> deleted;
    change_runs(db_, existing_archive(), ids,
                [&](std::string_view schema, const std::vector<std::int64_t>& group) {
                    const auto all = with_descendants(db_, schema, group);
                    delete_from(db_, schema, all);
                    deleted.insert(deleted.end(), all.begin(), all.end());
                });
    std::sort(deleted.begin(), deleted.end());
    return deleted;
}

void ResultsStore::add_tags(std::span<const std::int64_t> ids, std::span<const std::string> tags) {
    for (const auto& tag : tags) check_tag(tag);
    change_runs(db_, existing_archive(), ids,
                [&](std::string_view schema, const std::vector<std::int64_t>& group) {
                    auto insert = db_.prepare(
                        fmt::format("INSERT OR IGNORE INTO {}.run_tags (run_id, tag) VALUES (?, ?)", schema));
                    for (const auto id : group)
                        for (const auto& tag : tags) insert.bind_all(id, tag).run();
                });
}

void ResultsStore::remove_tags(std::span<const std::int64_t> ids, std::span<const std::string> tags) {
    change_runs(
        db_, existing_archive(), ids, [&](std::string_view schema, const std::vector<std::int64_t>& group) {
            auto remove =
                db_.prepare(fmt::format("DELETE FROM {}.run_tags WHERE run_id = ? AND tag = ?", schema));
            for (const auto id : group)
                for (const auto& tag : tags) remove.bind_all(id, tag).run();
        });
}

void ResultsStore::set_notes(std::int64_t id, std::string_view notes) {
    change_runs(db_, existing_archive(), std::span(&id, 1),
                [&](std::string_view schema, const std::vector<std::int64_t>&) {
                    db_.prepare(fmt::format("UPDATE {}.runs SET notes = ? WHERE id = ?", schema))
                        .bind_all(notes, id)
                        .run();
                });
}

}  // namespace tradelab::store
