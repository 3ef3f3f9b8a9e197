#include "store/schema.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

namespace tradelab::store {
namespace {

// Version 1: runs, their headline metrics, equity curves and trades. Frozen: a change to the tables
// is a new migration below, never an edit here.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (0);

CREATE TABLE runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so archived ids stay unique
    created_at       TEXT NOT NULL,                      -- UTC, YYYY-MM-DDTHH:MM:SS.sssZ
    kind             TEXT NOT NULL CHECK (kind IN ('backtest', 'validation', 'sensitivity_point',
                                                   'walkforward_fold', 'stress_scenario')),
    parent_run_id    INTEGER,                            -- the validation/sweep run this one belongs to
    variant          TEXT NOT NULL DEFAULT '',           -- what tells siblings apart: grid point, fold
    config_path      TEXT NOT NULL,
    config_name      TEXT NOT NULL,
    config_hash      TEXT NOT NULL,
    strategies       TEXT NOT NULL,                      -- strategy names, comma-separated
    period           TEXT NOT NULL,
    start_date       TEXT NOT NULL,                      -- YYYY-MM-DD
    end_date         TEXT NOT NULL,
    seed             INTEGER NOT NULL,                   -- the 64-bit seed's bit pattern
    thread_count     INTEGER NOT NULL,
    starting_equity  REAL NOT NULL,
    periods_per_year REAL NOT NULL,
    tradelab_version TEXT NOT NULL,
    data_fingerprint TEXT NOT NULL,
    data_start       TEXT,
    data_end         TEXT,
    digest           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('complete', 'partial'))
);
-- The large texts of a run apart from its row: a listing reads the runs rows only, and a row whose
-- texts spilled onto overflow pages would make it read those pages too.
CREATE TABLE run_inputs (
    run_id      INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    config_text TEXT NOT NULL,                           -- run config and strategy files as run
    data_files  TEXT NOT NULL                            -- one loaded file per line
);
CREATE INDEX idx_runs_identity ON runs (config_hash, period, seed, kind, data_fingerprint);
CREATE INDEX idx_runs_created ON runs (created_at);
CREATE INDEX idx_runs_config_path ON runs (config_path);
CREATE INDEX idx_runs_parent ON runs (parent_run_id);
CREATE INDEX idx_runs_kind_period ON runs (kind, period);

CREATE TABLE run_metrics (
    run_id                   INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    total_return             REAL,
    cagr                     REAL,
    volatility               REAL,
    sharpe_ratio             REAL,
    max_drawdown             REAL,
    calmar_ratio             REAL,
    total_trades             INTEGER,
    winning_trades           INTEGER,
    losing_trades            INTEGER,
    win_rate                 REAL,
    expectancy               REAL,
    profit_factor            REAL,
    correlation_to_benchmark REAL,
    percentile_99_daily_loss REAL,
    recovery_factor          REAL,
    drawdown_duration        INTEGER,
    turnover                 REAL,
    average_holding_period   REAL,
    max_consecutive_losses   INTEGER,
    realized_pnl             REAL,
    final_equity             REAL,
    open_positions_at_end    INTEGER,
    metrics_json             TEXT NOT NULL                -- every figure, including ones added later
);
CREATE INDEX idx_metrics_sharpe ON run_metrics (sharpe_ratio);

CREATE TABLE equity_points (
    run_id            INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,                   -- 0-based position in the curve
    date              TEXT NOT NULL,
    equity            REAL NOT NULL,
    cash              REAL NOT NULL,
    positions         INTEGER NOT NULL,
    positions_equity  INTEGER NOT NULL,
    positions_crypto  INTEGER NOT NULL,
    gross_exposure    REAL NOT NULL,
    realized_pnl      REAL NOT NULL,
    unrealized_pnl    REAL NOT NULL,
    risk_multiplier   REAL NOT NULL,
    portfolio_vol_20d REAL,
    avg_pairwise_corr REAL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE trades (
    run_id              INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,                 -- closed trades first, in closing order
    open_at_end         INTEGER NOT NULL,                 -- 1: still open after the last day, marked
    trade_id            INTEGER NOT NULL,
    symbol_id           INTEGER NOT NULL,
    symbol              TEXT NOT NULL,
    asset_class         TEXT NOT NULL,
    is_short            INTEGER NOT NULL,
    strategy_index      INTEGER NOT NULL,
    entry_date          TEXT NOT NULL,
    exit_date           TEXT NOT NULL,
    entry_price         REAL NOT NULL,
    exit_price          REAL NOT NULL,
    quantity            REAL NOT NULL,
    entry_fill_id       INTEGER NOT NULL,
    exit_fill_id        INTEGER NOT NULL,
    realized_pnl        REAL NOT NULL,
    entry_slippage_bps  REAL NOT NULL,
    entry_fee_bps       REAL NOT NULL,
    entry_fee           REAL NOT NULL,
    entry_slippage_cost REAL NOT NULL,
    exit_slippage_bps   REAL NOT NULL,
    exit_fee_bps        REAL NOT NULL,
    exit_fee            REAL NOT NULL,
    exit_slippage_cost  REAL NOT NULL,
    initial_stop_price  REAL NOT NULL,
    stop_price          REAL NOT NULL,
    exit_reason         TEXT NOT NULL,
    triggered_on        INTEGER NOT NULL,
    adv20_at_entry      REAL NOT NULL,
    entry_gap           INTEGER NOT NULL,
    holding_days        INTEGER NOT NULL,
    r_multiple          REAL,                             -- NULL when the initial risk is not positive
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
)sql";

// Version 2: free-form notes on a run and any number of tags, searchable through their own index.
constexpr std::string_view kVersion2 = R"sql(
ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT '';
CREATE TABLE run_tags (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    tag    TEXT NOT NULL,
    PRIMARY KEY (run_id, tag)
) WITHOUT ROWID;
CREATE INDEX idx_run_tags_tag ON run_tags (tag);
)sql";

// kMigrations[v] brings a database from version v to v + 1.
constexpr std::array<std::string_view, kSchemaVersion> kMigrations = {kVersion1, kVersion2};

bool table_exists(Database& db, std::string_view name) {
    auto query = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    query.bind(1, name);
    return query.step();
}

}  // namespace

int schema_version(Database& db) {
    if (!table_exists(db, "schema_version")) return 0;
    auto query = db.prepare("SELECT max(version) FROM schema_version");
    return query.step() ? query.column_int(0) : 0;
}

void migrate(Database& db) {
    // The common case, an up-to-date file, needs no write lock.
    if (schema_version(db) == kSchemaVersion) return;
    // Read the version again inside the write transaction: two processes opening a new file at once
    // must not both run the migrations.
    Transaction transaction(db);
    const int found = schema_version(db);
    if (found > kSchemaVersion) {
        throw std::runtime_error(
            fmt::format("{} has results store schema version {}, newer than the {} this "
                        "TradeLab understands; use a newer TradeLab",
                        db.file().string(), found, kSchemaVersion));
    }
    if (found == kSchemaVersion) return;  // nothing written: the rollback is a no-op
    for (int version = found; version < kSchemaVersion; ++version)
        db.execute(kMigrations[std::size_t(version)]);
    db.prepare("UPDATE schema_version SET version = ?").bind(1, kSchemaVersion).run();
    transaction.commit();
}

}  // namespace tradelab::store
