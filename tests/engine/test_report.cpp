// The period reports and the HTML tear sheet, on three periods of a real (synthetic-market) backtest
// stored in a temporary results store.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>
#include <nlohmann/json.hpp>

#include "backtest/backtest.hpp"
#include "metrics/performance_metrics.hpp"
#include "report/period_reports.hpp"
#include "report/tearsheet.hpp"
#include "store/results_store.hpp"
#include "workloads/synthetic_backtest.hpp"

namespace tradelab::report {
namespace {

namespace fs = std::filesystem;
using store::StoredRun;

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
        ++count;
    return count;
}

std::string between(const std::string& text, const std::string& from, const std::string& to) {
    const auto start = text.find(from);
    if (start == std::string::npos) return {};
    const auto end = text.find(to, start);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Train, validation and holdout: the synthetic workload's history cut in three, stored as the
// backtest command stores the periods of one config.
class PeriodRuns : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        folder_ = fs::temp_directory_path() / ("tradelab_report_test_" + std::to_string(::getpid()));
        fs::remove_all(folder_);
        store::ResultsStore results(folder_ / "results.sqlite");
        const auto workload = workloads::make_synthetic_backtest(20, 4, 1);
        const Date start = workload.scenario.start, end = workload.scenario.end;
        const auto third = (end - start) / 3;
        const std::vector<std::pair<std::string, std::pair<Date, Date>>> periods = {
            {"train", {start, start + third}},
            {"validation", {start + third + std::chrono::days(1), start + 2 * third}},
            {"holdout", {start + 2 * third + std::chrono::days(1), end}}};
        store::RunDescription description;
        description.config_name = "synthetic <momentum>";
        description.config_hash = "c0ffee";
        description.data_fingerprint = "da7a";
        description.strategies = {"equity_momentum"};
        for (const auto& [name, dates] : periods) {
            backtest::Scenario scenario = workload.scenario;
            scenario.period_name = name;
            scenario.start = dates.first;
            scenario.end = dates.second;
            const auto result = backtest::run_backtest(workload.market, workload.run, scenario);
            const auto id =
                results.store_run(result, metrics::compute_metrics(result, 252.0), description).run_id;
            runs_->push_back(results.get(id));
        }
    }
    static void TearDownTestSuite() {
        fs::remove_all(folder_);
        runs_->clear();
    }

    static const StoredRun& train() { return runs_->at(0); }
    static const std::vector<StoredRun>& runs() { return *runs_; }

    static inline fs::path folder_;
    static inline auto runs_ = std::make_unique<std::vector<StoredRun>>();
};

TEST_F(PeriodRuns, TearsheetIsSelfContained) {
    const std::string html = tearsheet_html(train());
    EXPECT_EQ(html.find("http"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("synthetic &lt;momentum&gt;"), std::string::npos) << "the config name is escaped";
    EXPECT_NE(html.find(train().record.digest), std::string::npos);
    EXPECT_NE(html.find("No validation verdict stored for this run."), std::string::npos);
}

TEST_F(PeriodRuns, EquityPolylineHasOnePointPerCurvePoint) {
    const std::string html = tearsheet_html(train());
    ASSERT_NE(html.find("<svg"), std::string::npos);
    const std::string points = between(html, "<polyline class=\"equity\" points=\"", "\"/>");
    ASSERT_FALSE(points.empty());
    EXPECT_EQ(count_of(points, ","), train().result.equity_curve.size());
}

TEST_F(PeriodRuns, TradeTableHasOneRowPerTrade) {
    ASSERT_GT(train().result.trades.size(), 0u);
    const std::string body = between(tearsheet_html(train()), "<tbody>", "</tbody>");
    EXPECT_EQ(count_of(body, "<tr>"), train().result.trades.size());
}

TEST_F(PeriodRuns, MonthlyTableHasTheMonthsOfTheRun) {
    std::set<std::pair<int, unsigned>> months;
    std::set<int> years;
    for (const auto& point : train().result.equity_curve) {
        const std::chrono::year_month_day day{point.date};
        months.insert({int(day.year()), unsigned(day.month())});
        years.insert(int(day.year()));
    }
    const std::string table = between(tearsheet_html(train()), "<table class=\"monthly\">", "</table>");
    for (const int year : years)
        EXPECT_NE(table.find("<tr><th>" + std::to_string(year) + "</th>"), std::string::npos);
    // One filled cell per month and one per year (the year's compounded return).
    const std::size_t filled = count_of(table, "<td") - count_of(table, "<td class=\"empty\">");
    EXPECT_EQ(filled, months.size() + years.size());
    EXPECT_EQ(monthly_returns(train().result).size(), months.size());
}

TEST_F(PeriodRuns, SummaryReportHasEveryPeriod) {
    const auto summary = nlohmann::json::parse(summary_report_json(runs(), {"1", "out"}));
    EXPECT_EQ(summary["run_id"], "1");
    ASSERT_EQ(summary["periods"].size(), 3u);
    for (const auto& run : runs()) {
        const auto& period = summary["periods"][run.record.period];
        EXPECT_EQ(period["date_range"]["trading_days"], run.result.equity_curve.size());
        EXPECT_EQ(period["trades"]["total"], run.result.trades.size());
        EXPECT_DOUBLE_EQ(period["equity"]["end"].get<double>(), run.result.final_equity());
    }
}

TEST_F(PeriodRuns, ComparisonReportCarriesTheDegradation) {
    const auto comparison = nlohmann::json::parse(comparison_report_json(runs(), {"1", "out"}).value());
    const double train_sharpe = runs()[0].metrics.sharpe_ratio;
    const double holdout_sharpe = runs()[2].metrics.sharpe_ratio;
    ASSERT_NE(train_sharpe, 0.0);
    const auto& sharpe = comparison["degradation_train_to_holdout"]["sharpe_ratio"];
    EXPECT_DOUBLE_EQ(sharpe["train"].get<double>(), train_sharpe);
    EXPECT_DOUBLE_EQ(sharpe["holdout"].get<double>(), holdout_sharpe);
    EXPECT_NEAR(sharpe["change_pct"].get<double>(), (holdout_sharpe - train_sharpe) / train_sharpe * 100.0,
                1e-9);
    EXPECT_NEAR(sharpe["degradation_pct"].get<double>(),
                (train_sharpe - holdout_sharpe) / std::abs(train_sharpe) * 100.0, 1e-9);
    EXPECT_TRUE(comparison["degradation_train_to_validation"].contains("max_drawdown"));
    EXPECT_EQ(comparison["comparison"]["sharpe_ratio"]["values"].size(), 3u);
}

TEST(PeriodReports, ComparisonNeedsTwoPeriods) {
    std::vector<StoredRun> one(1);
    one[0].record.period = "train";
    EXPECT_FALSE(comparison_report_json(one, {"1", "out"}).has_value());
    EXPECT_THROW(summary_report_json({}, {"1", "out"}), std::invalid_argument);
}

TEST(PeriodReports, DegradationFollowsTheBetterSide) {
    EXPECT_DOUBLE_EQ(*degradation_pct("sharpe_ratio", 2.0, 1.0), 50.0);
    EXPECT_DOUBLE_EQ(*degradation_pct("max_drawdown", 0.10, 0.15), 50.0);
    EXPECT_DOUBLE_EQ(*change_pct(2.0, 1.0), -50.0);
    EXPECT_FALSE(change_pct(0.0, 1.0).has_value());
    EXPECT_FALSE(change_pct(1.0, NAN).has_value());
}

TEST(Tearsheet, EscapesHtml) {
    EXPECT_EQ(escape_html("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
}

}  // namespace
}  // namespace tradelab::report
