#include "store/run_rows.hpp"

#include "metrics/metrics_json.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <ctime>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tradelab::store {
namespace {

using backtest::EquityPoint;
using backtest::ExitReason;
using backtest::RunResult;
using backtest::TradeRecord;

// The runs columns written for every run, in bind order (notes and tags are handled apart: a
// replacement keeps the earlier ones).
constexpr std::string_view kRunColumns[] = {"created_at",
                                            "kind",
                                            "parent_run_id",
                                            "variant",
                                            "config_path",
                                            "config_name",
                                            "config_hash",
                                            "strategies",
                                            "period",
                                            "start_date",
                                            "end_date",
                                            "seed",
                                            "thread_count",
                                            "starting_equity",
                                            "periods_per_year",
                                            "tradelab_version",
                                            "data_fingerprint",
                                            "data_start",
                                            "data_end",
                                            "digest",
                                            "status"};

std::string insert_run_sql() {
    std::string names, marks;
    for (const auto column : kRunColumns) {
        names += (names.empty() ? "" : ", ") + std::string(column);
        marks += marks.empty() ? "?" : ", ?";
    }
    return fmt::format("INSERT INTO runs ({}) VALUES ({})", names, marks);
}

std::string update_run_sql() {
    std::string assignments;
    for (const auto column : kRunColumns)
        assignments += (assignments.empty() ? "" : ", ") + std::string(column) + " = ?";
    return fmt::format("UPDATE runs SET {} WHERE id = ?", assignments);
}

constexpr std::string_view kInsertMetrics =
    "INSERT INTO run_metrics (run_id, total_return, cagr, volatility, sharpe_ratio, max_drawdown, "
    "calmar_ratio, total_trades, winning_trades, losing_trades, win_rate, expectancy, profit_factor, "
    "correlation_to_benchmark, percentile_99_daily_loss, recovery_factor, drawdown_duration, turnover, "
    "average_holding_period, max_consecutive_losses, realized_pnl, final_equity, open_positions_at_end, "
    "metrics_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

constexpr std::string_view kPointColumns =
    "seq, date, equity, cash, positions, positions_equity, positions_crypto, gross_exposure, realized_pnl, "
    "unrealized_pnl, risk_multiplier, portfolio_vol_20d, avg_pairwise_corr";

constexpr std::string_view kTradeColumns =
    "seq, open_at_end, trade_id, symbol_id, symbol, asset_class, is_short, strategy_index, entry_date, "
    "exit_date, entry_price, exit_price, quantity, entry_fill_id, exit_fill_id, realized_pnl, "
    "entry_slippage_bps, entry_fee_bps, entry_fee, entry_slippage_cost, exit_slippage_bps, exit_fee_bps, "
    "exit_fee, exit_slippage_cost, initial_stop_price, stop_price, exit_reason, triggered_on, "
    "adv20_at_entry, entry_gap, holding_days, r_multiple";

// "YYYY-MM-DD" without a formatting library: a stored run writes thousands of dates.
class DateText {
  public:
    explicit DateText(Date date) {
        const std::chrono::year_month_day ymd{date};
        write(0, 4, int(ymd.year()));
        text_[4] = '-';
        write(5, 2, int(unsigned(ymd.month())));
        text_[7] = '-';
        write(8, 2, int(unsigned(ymd.day())));
    }
    std::string_view view() const { return {text_, sizeof text_}; }

  private:
    void write(int at, int digits, int value) {
        for (int i = at + digits - 1; i >= at; --i, value /= 10) text_[i] = char('0' + value % 10);
    }
    char text_[10];
};

std::string placeholders(int count) {
    std::string marks = "?";
    for (int i = 1; i < count; ++i) marks += ", ?";
    return marks;
}

int column_count(std::string_view columns) {
    return int(std::count(columns.begin(), columns.end(), ',')) + 1;
}

std::string join_lines(const std::vector<std::string>& items, char separator) {
    std::string text;
    for (const auto& item : items) {
        if (!text.empty()) text += separator;
        text += item;
    }
    return text;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> items;
    if (text.empty()) return items;
    std::size_t start = 0;
    while (true) {
        const auto at = text.find(separator, start);
        items.push_back(text.substr(start, at - start));
        if (at == std::string::npos) break;
        start = at + 1;
    }
    return items;
}

// Strategy names are stored comma-separated and tags one per row: neither may hide a separator.
void check_names(const RunDescription& d) {
    for (const auto& name : d.strategies)
        if (name.find(',') != std::string::npos)
            throw std::invalid_argument(fmt::format("strategy name '{}' contains a comma", name));
    for (const auto& tag : d.tags)
        if (tag.empty() || tag.find('\n') != std::string::npos)
            throw std::invalid_argument(fmt::format("tag '{}' is empty or spans lines", tag));
}

std::optional<std::string> optional_date(const std::optional<Date>& date) {
    if (!date) return std::nullopt;
    return format_date(*date);
}

Date parse_stored_date(const std::string& text) {
    if (const auto date = parse_date(text)) return *date;
    throw std::runtime_error(fmt::format("the store holds an invalid date '{}'", text));
}

std::optional<Date> parse_optional_date(const Statement& row, int column) {
    if (row.column_is_null(column)) return std::nullopt;
    return parse_stored_date(row.column_text(column));
}

nlohmann::ordered_json metrics_as_json(const metrics::PerformanceMetrics& m, const RunResult& result,
                                       const RunDescription& d) {
    auto json = metrics::metrics_to_json(m);
    json["final_equity"] = result.final_equity();
    json["open_positions_at_end"] = result.open_at_end.size();
    json["equity_points"] = result.equity_curve.size();
    json["periods_per_year"] = d.periods_per_year;
    if (!d.extra_figures_json.empty()) {
        const auto extra = nlohmann::ordered_json::parse(d.extra_figures_json);
        if (!extra.is_object()) throw std::invalid_argument("extra figures of a run must be a JSON object");
        for (const auto& [key, value] : extra.items()) json[key] = value;
    }
    return json;
}

ExitReason parse_exit_reason(const std::string& text) {
    for (const auto reason : {ExitReason::HardStop, ExitReason::TrailingMaCross, ExitReason::DataMissing,
                              ExitReason::CapacityReject, ExitReason::Manual, ExitReason::EndOfPeriod}) {
        if (backtest::to_string(reason) == text) return reason;
    }
    throw std::runtime_error(fmt::format("the store holds an unknown exit reason '{}'", text));
}

}  // namespace

// ---- writing -------------------------------------------------------------------------------------

RowInserter::RowInserter(Database& db, std::string_view table, std::string_view columns)
    : columns_(std::size_t(column_count(columns))),
      one_(db.prepare(
          fmt::format("INSERT INTO {} ({}) VALUES ({})", table, columns, placeholders(int(columns_))))),
      many_(db.prepare([&] {
          std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ", table, columns);
          const std::string row = "(" + placeholders(int(columns_)) + ")";
          for (std::size_t k = 0; k < kRowsPerStatement; ++k) sql += (k ? ", " : "") + row;
          return sql;
      }())) {}

RunWriter::RunWriter(Database& db)
    : db_(db),
      find_identical_(db.prepare(
          "SELECT id FROM runs WHERE config_hash = ? AND period = ? AND seed = ? AND kind = ? AND "
          "data_fingerprint = ? AND variant = ? AND start_date = ? AND end_date = ? AND parent_run_id IS ? "
          "ORDER BY id DESC LIMIT 1")),
      parent_exists_(db.prepare("SELECT 1 FROM runs WHERE id = ?")),
      insert_run_(db.prepare(insert_run_sql())),
      update_run_(db.prepare(update_run_sql())),
      set_notes_(db.prepare("UPDATE runs SET notes = ? WHERE id = ?")),
      write_inputs_(
          db.prepare("INSERT OR REPLACE INTO run_inputs (run_id, config_text, data_files) VALUES (?, ?, ?)")),
      delete_metrics_(db.prepare("DELETE FROM run_metrics WHERE run_id = ?")),
      delete_points_(db.prepare("DELETE FROM equity_points WHERE run_id = ?")),
      delete_trades_(db.prepare("DELETE FROM trades WHERE run_id = ?")),
      insert_metrics_(db.prepare(kInsertMetrics)),
      insert_points_(db, "equity_points", fmt::format("run_id, {}", kPointColumns)),
      insert_trades_(db, "trades", fmt::format("run_id, {}", kTradeColumns)),
      insert_tag_(db.prepare("INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)")) {}

StoreOutcome RunWriter::write(const RunToStore& run, OnDuplicate on_duplicate) {
    if (!run.result || !run.metrics)
        throw std::invalid_argument("a run to store needs a result and its metrics");
    const RunDescription& d = run.description;
    check_names(d);
    check_parent(d);
    StoreOutcome outcome;
    const auto identical =
        on_duplicate == OnDuplicate::Replace ? find_identical(*run.result, d) : std::nullopt;
    if (identical) {
        outcome = {*identical, true};
        replace_contents(*identical);
        bind_run_row(update_run_, *run.result, d);
        update_run_.bind(int(std::size(kRunColumns)) + 1, *identical).run();
        if (!d.notes.empty()) set_notes_.bind_all(d.notes, *identical).run();
    } else {
        bind_run_row(insert_run_, *run.result, d);
        insert_run_.run();
        outcome = {db_.last_insert_id(), false};
        set_notes_.bind_all(d.notes, outcome.run_id).run();
    }
    write_inputs_.bind_all(outcome.run_id, d.config_text, join_lines(d.data_files, '\n')).run();
    write_metrics(outcome.run_id, run);
    write_curve(outcome.run_id, run.result->equity_curve);
    write_trades(outcome.run_id, *run.result);
    write_tags(outcome.run_id, d.tags);
    return outcome;
}

std::optional<std::int64_t> RunWriter::find_identical(const RunResult& result, const RunDescription& d) {
    find_identical_.bind_all(d.config_hash, result.period_name, std::bit_cast<std::int64_t>(result.seed),
                             to_string(d.kind), d.data_fingerprint, d.variant, format_date(result.start),
                             format_date(result.end), d.parent_run_id);
    std::optional<std::int64_t> id;
    if (find_identical_.step()) id = find_identical_.column_int64(0);
    find_identical_.reset();
    return id;
}

void RunWriter::check_parent(const RunDescription& d) {
    if (!d.parent_run_id) return;
    parent_exists_.bind(1, *d.parent_run_id);
    const bool found = parent_exists_.step();
    parent_exists_.reset();
    if (!found)
        throw std::invalid_argument(fmt::format("parent run {} is not in {} (deleted or archived?)",
                                                *d.parent_run_id, db_.file().string()));
}

void RunWriter::bind_run_row(Statement& statement, const RunResult& result, const RunDescription& d) {
    statement.bind_all(utc_timestamp_now(), to_string(d.kind), d.parent_run_id, d.variant, d.config_path,
                       d.config_name, d.config_hash, join_lines(d.strategies, ','), result.period_name,
                       format_date(result.start), format_date(result.end),
                       std::bit_cast<std::int64_t>(result.seed), d.thread_count, result.starting_equity,
                       d.periods_per_year, d.tradelab_version, d.data_fingerprint,
                       optional_date(d.data_start), optional_date(d.data_end), result.digest(),
                       to_string(result.cancelled ? RunStatus::Partial : RunStatus::Complete));
}

void RunWriter::replace_contents(std::int64_t id) {
    for (auto* statement : {&delete_metrics_, &delete_points_, &delete_trades_}) statement->bind(1, id).run();
}

void RunWriter::write_metrics(std::int64_t id, const RunToStore& run) {
    const metrics::PerformanceMetrics& m = *run.metrics;
    const RunResult& result = *run.result;
    insert_metrics_
        .bind_all(id, m.total_return, m.cagr, m.volatility, m.sharpe_ratio, m.max_drawdown, m.calmar_ratio,
                  m.total_trades, m.winning_trades, m.losing_trades, m.win_rate, m.expectancy,
                  m.profit_factor, m.correlation_to_benchmark, m.percentile_99_daily_loss, m.recovery_factor,
                  m.drawdown_duration, m.turnover, m.average_holding_period, m.max_consecutive_losses,
                  m.realized_pnl, result.final_equity(), std::int64_t(result.open_at_end.size()),
                  metrics_as_json(m, result, run.description).dump())
        .run();
}

void RunWriter::write_curve(std::int64_t id, const std::vector<EquityPoint>& curve) {
    insert_points_.insert(curve.size(), [&](Statement& statement, int first, std::size_t seq) {
        const EquityPoint& p = curve[seq];
        statement.bind_from(first, id, std::int64_t(seq), DateText(p.date).view(), p.equity, p.cash,
                            p.positions, p.positions_equity, p.positions_crypto, p.gross_exposure,
                            p.realized_pnl, p.unrealized_pnl, p.risk_multiplier, p.portfolio_vol_20d,
                            p.avg_pairwise_corr);
    });
}

void RunWriter::write_trades(std::int64_t id, const RunResult& result) {
    const std::size_t closed = result.trades.size();
    insert_trades_.insert(
        closed + result.open_at_end.size(), [&](Statement& statement, int first, std::size_t seq) {
            const bool open_at_end = seq >= closed;
            const TradeRecord& t = open_at_end ? result.open_at_end[seq - closed] : result.trades[seq];
            statement.bind_from(
                first, id, std::int64_t(seq), open_at_end, std::int64_t(t.trade_id), std::int64_t(t.symbol),
                t.symbol_name, to_string(t.asset_class), t.is_short, t.strategy_index,
                DateText(t.entry_date).view(), DateText(t.exit_date).view(), t.entry_price, t.exit_price,
                t.quantity, std::bit_cast<std::int64_t>(t.entry_fill_id),
                std::bit_cast<std::int64_t>(t.exit_fill_id), t.realized_pnl, t.entry_slippage_bps,
                t.entry_fee_bps, t.entry_fee, t.entry_slippage_cost, t.exit_slippage_bps, t.exit_fee_bps,
                t.exit_fee, t.exit_slippage_cost, t.initial_stop_price, t.stop_price,
                backtest::to_string(t.exit_reason), t.triggered_on, t.adv20_at_entry, t.entry_gap,
                t.holding_days(), t.r_multiple());
        });
}

void RunWriter::write_tags(std::int64_t id, const std::vector<std::string>& tags) {
    for (const auto& tag : tags) insert_tag_.bind_all(id, tag).run();
}

// ---- reading -------------------------------------------------------------------------------------

std::string summary_select(std::string_view schema, bool full) {
    return fmt::format(
        "SELECT r.id, r.created_at, r.kind, r.parent_run_id, r.variant, r.config_path, r.config_name, {1}, "
        "r.config_hash, r.strategies, r.period, r.start_date, r.end_date, r.seed, r.thread_count, "
        "r.starting_equity, r.periods_per_year, r.tradelab_version, r.data_fingerprint, {2}, r.data_start, "
        "r.data_end, r.digest, r.status, r.notes, "
        "(SELECT group_concat(tag, char(10)) FROM {0}.run_tags t WHERE t.run_id = r.id), "
        "m.total_return, m.cagr, m.volatility, m.sharpe_ratio, m.max_drawdown, m.calmar_ratio, "
        "m.total_trades, "
        "m.winning_trades, m.losing_trades, m.win_rate, m.expectancy, m.profit_factor, "
        "m.correlation_to_benchmark, m.percentile_99_daily_loss, m.recovery_factor, m.drawdown_duration, "
        "m.turnover, m.average_holding_period, m.max_consecutive_losses, m.realized_pnl, m.final_equity, "
        "{3} FROM {0}.runs r LEFT JOIN {0}.run_metrics m ON m.run_id = r.id{4}",
        schema, full ? "i.config_text" : "''", full ? "i.data_files" : "''", full ? "m.metrics_json" : "''",
        full ? fmt::format(" LEFT JOIN {}.run_inputs i ON i.run_id = r.id", schema) : "");
}

namespace {

RunRecord read_record(const Statement& row, bool archived) {
    RunRecord record;
    RunDescription& d = record.description;
    record.id = row.column_int64(0);
    record.created_at = row.column_text(1);
    const auto kind = parse_run_kind(row.column_text(2));
    if (!kind)
        throw std::runtime_error(
            fmt::format("run {} has an unknown kind '{}'", record.id, row.column_text(2)));
    d.kind = *kind;
    d.parent_run_id = row.column_optional_int64(3);
    d.variant = row.column_text(4);
    d.config_path = row.column_text(5);
    d.config_name = row.column_text(6);
    d.config_text = row.column_text(7);
    d.config_hash = row.column_text(8);
    d.strategies = split(row.column_text(9), ',');
    record.period = row.column_text(10);
    record.start = parse_stored_date(row.column_text(11));
    record.end = parse_stored_date(row.column_text(12));
    record.seed = std::bit_cast<std::uint64_t>(row.column_int64(13));
    d.thread_count = row.column_int(14);
    record.starting_equity = row.column_double(15);
    d.periods_per_year = row.column_double(16);
    d.tradelab_version = row.column_text(17);
    d.data_fingerprint = row.column_text(18);
    d.data_files = split(row.column_text(19), '\n');
    d.data_start = parse_optional_date(row, 20);
    d.data_end = parse_optional_date(row, 21);
    record.digest = row.column_text(22);
    record.status = parse_run_status(row.column_text(23)).value_or(RunStatus::Partial);
    d.notes = row.column_text(24);
    d.tags = split(row.column_text(25), '\n');
    std::sort(d.tags.begin(), d.tags.end());
    record.archived = archived;
    return record;
}

metrics::PerformanceMetrics read_metrics(const Statement& row, int first) {
    metrics::PerformanceMetrics m;
    int c = first;
    m.total_return = row.column_double(c++);
    m.cagr = row.column_double(c++);
    m.volatility = row.column_double(c++);
    m.sharpe_ratio = row.column_double(c++);
    m.max_drawdown = row.column_double(c++);
    m.calmar_ratio = row.column_double(c++);
    m.total_trades = row.column_int(c++);
    m.winning_trades = row.column_int(c++);
    m.losing_trades = row.column_int(c++);
    m.win_rate = row.column_double(c++);
    m.expectancy = row.column_double(c++);
    m.profit_factor = row.column_double(c++);
    m.correlation_to_benchmark = row.column_double(c++);
    m.percentile_99_daily_loss = row.column_double(c++);
    m.recovery_factor = row.column_double(c++);
    m.drawdown_duration = row.column_int(c++);
    m.turnover = row.column_double(c++);
    m.average_holding_period = row.column_double(c++);
    m.max_consecutive_losses = row.column_int(c++);
    m.realized_pnl = row.column_double(c++);
    return m;
}

constexpr int kFirstMetricColumn = 26;
constexpr int kFinalEquityColumn = kFirstMetricColumn + 20;
constexpr int kMetricsJsonColumn = kFinalEquityColumn + 1;

}  // namespace

SummaryRow read_summary(const Statement& row, bool archived) {
    SummaryRow result;
    result.summary.record = read_record(row, archived);
    result.summary.metrics = read_metrics(row, kFirstMetricColumn);
    result.summary.final_equity = row.column_double(kFinalEquityColumn);
    result.metrics_json = row.column_text(kMetricsJsonColumn);
    return result;
}

std::vector<EquityPoint> load_curve(Database& db, std::string_view schema, std::int64_t id) {
    auto query = db.prepare(
        fmt::format("SELECT {} FROM {}.equity_points WHERE run_id = ? ORDER BY seq", kPointColumns, schema));
    query.bind(1, id);
    std::vector<EquityPoint> curve;
    while (query.step()) {
        EquityPoint& p = curve.emplace_back();
        p.date = parse_stored_date(query.column_text(1));
        p.equity = query.column_double(2);
        p.cash = query.column_double(3);
        p.positions = query.column_int(4);
        p.positions_equity = query.column_int(5);
        p.positions_crypto = query.column_int(6);
        p.gross_exposure = query.column_double(7);
        p.realized_pnl = query.column_double(8);
        p.unrealized_pnl = query.column_double(9);
        p.risk_multiplier = query.column_double(10);
        p.portfolio_vol_20d = query.column_double(11);
        p.avg_pairwise_corr = query.column_double(12);
    }
    return curve;
}

namespace {

TradeRecord read_trade(const Statement& row) {
    TradeRecord t;
    int c = 2;  // after seq and open_at_end
    t.trade_id = std::uint32_t(row.column_int64(c++));
    t.symbol = data::SymbolId(row.column_int64(c++));
    t.symbol_name = row.column_text(c++);
    t.asset_class = parse_asset_class(row.column_text(c++)).value_or(AssetClass::Equity);
    t.is_short = row.column_int(c++) != 0;
    t.strategy_index = row.column_int(c++);
    t.entry_date = parse_stored_date(row.column_text(c++));
    t.exit_date = parse_stored_date(row.column_text(c++));
    t.entry_price = row.column_double(c++);
    t.exit_price = row.column_double(c++);
    t.quantity = row.column_double(c++);
    t.entry_fill_id = std::bit_cast<std::uint64_t>(row.column_int64(c++));
    t.exit_fill_id = std::bit_cast<std::uint64_t>(row.column_int64(c++));
    t.realized_pnl = row.column_double(c++);
    t.entry_slippage_bps = row.column_double(c++);
    t.entry_fee_bps = row.column_double(c++);
    t.entry_fee = row.column_double(c++);
    t.entry_slippage_cost = row.column_double(c++);
    t.exit_slippage_bps = row.column_double(c++);
    t.exit_fee_bps = row.column_double(c++);
    t.exit_fee = row.column_double(c++);
    t.exit_slippage_cost = row.column_double(c++);
    t.initial_stop_price = row.column_double(c++);
    t.stop_price = row.column_double(c++);
    t.exit_reason = parse_exit_reason(row.column_text(c++));
    t.triggered_on = row.column_int(c++);
    t.adv20_at_entry = row.column_double(c++);
    t.entry_gap = row.column_int(c++) != 0;
    return t;  // holding_days and r_multiple are derived again from the fields
}

}  // namespace

void load_trades(Database& db, std::string_view schema, std::int64_t id, RunResult& result) {
    auto query = db.prepare(
        fmt::format("SELECT {} FROM {}.trades WHERE run_id = ? ORDER BY seq", kTradeColumns, schema));
    query.bind(1, id);
    while (query.step()) {
        const bool open_at_end = query.column_int(1) != 0;
        (open_at_end ? result.open_at_end : result.trades).push_back(read_trade(query));
    }
}

std::string utc_timestamp_now() {
    const auto now = std::chrono::system_clock::now();
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = std::time_t(millis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                       utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis % 1000);
}

}  // namespace tradelab::store
