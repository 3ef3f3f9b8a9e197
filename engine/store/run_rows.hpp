#pragma once
// Rows of one run in and out of the store's tables. Internal to the store: ResultsStore decides the
// transactions and which database ("main" or the attached "archive") a run lives in.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/results_store.hpp"
#include "store/sqlite.hpp"

namespace tradelab::store {

// INSERTs rows kRowsPerStatement at a time through one multi-row statement, the rest one by one: the
// fixed cost of executing a statement is most of the cost of inserting one row.
class RowInserter {
  public:
    static constexpr std::size_t kRowsPerStatement = 32;

    // `columns`: the column list, as in "INSERT INTO table (columns)".
    RowInserter(Database& db, std::string_view table, std::string_view columns);

    // Calls bind_row(statement, first_parameter, row) for rows 0..count-1 and inserts them.
    template <typename BindRow>
    void insert(std::size_t count, BindRow bind_row) {
        std::size_t row = 0;
        for (; row + kRowsPerStatement <= count; row += kRowsPerStatement) {
            for (std::size_t k = 0; k < kRowsPerStatement; ++k)
                bind_row(many_, int(k * columns_) + 1, row + k);
            many_.run();
        }
        for (; row < count; ++row) {
            bind_row(one_, 1, row);
            one_.run();
        }
    }

  private:
    std::size_t columns_;
    Statement one_;
    Statement many_;
};

// Writes runs with statements prepared once per transaction: a sweep's batch reuses them for every
// run and every row.
class RunWriter {
  public:
    explicit RunWriter(Database& db);
    StoreOutcome write(const RunToStore& run, OnDuplicate on_duplicate);

  private:
    std::optional<std::int64_t> find_identical(const backtest::RunResult& result, const RunDescription& d);
    void check_parent(const RunDescription& description);
    void bind_run_row(Statement& statement, const backtest::RunResult& result, const RunDescription& d);
    void replace_contents(std::int64_t id);
    void write_metrics(std::int64_t id, const RunToStore& run);
    void write_curve(std::int64_t id, const std::vector<backtest::EquityPoint>& curve);
    void write_trades(std::int64_t id, const backtest::RunResult& result);
    void write_tags(std::int64_t id, const std::vector<std::string>& tags);

    Database& db_;
    Statement find_identical_;
    Statement parent_exists_;
    Statement insert_run_;
    Statement update_run_;
    Statement set_notes_;
    Statement write_inputs_;
    Statement delete_metrics_;
    Statement delete_points_;
    Statement delete_trades_;
    Statement insert_metrics_;
    RowInserter insert_points_;
    RowInserter insert_trades_;
    Statement insert_tag_;
};

// SELECT ... FROM <schema>.runs r LEFT JOIN <schema>.run_metrics m: the columns read_summary() reads.
// `full` adds config_text, data_files and metrics_json (left empty otherwise, for fast listings).
std::string summary_select(std::string_view schema, bool full);

struct SummaryRow {
    RunSummary summary;
    std::string metrics_json;
};
SummaryRow read_summary(const Statement& row, bool archived);

std::vector<backtest::EquityPoint> load_curve(Database& db, std::string_view schema, std::int64_t id);
// Closed trades into result.trades, positions open at the end into result.open_at_end.
void load_trades(Database& db, std::string_view schema, std::int64_t id, backtest::RunResult& result);

// "2024-05-01T12:34:56.789Z", now.
std::string utc_timestamp_now();

}  // namespace tradelab::store
