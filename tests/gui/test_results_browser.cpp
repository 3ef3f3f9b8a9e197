// The results browser and the run comparison over a real results store: the three periods of eq.yaml
// backtested and stored by the engine, as `tradelab-cli backtest` stores them.
#include <qcustomplot.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "backtest/backtest.hpp"
#include "backtest/run_market.hpp"
#include "config/config_loader.hpp"
#include "metrics/benchmark_alignment.hpp"
#include "metrics/performance_metrics.hpp"
#include "qt_conversions.hpp"
#include "report/provenance.hpp"
#include "results_browser.hpp"
#include "run_compare_view.hpp"
#include "store/results_store.hpp"
#include "store/sqlite.hpp"

using namespace tradelab;
using namespace tradelab::gui;

namespace {

namespace fs = std::filesystem;
using Column = ResultsTableModel::Column;

const QString kEquityConfig = QStringLiteral(TRADELAB_REFERENCE_CONFIG_DIR "/eq.yaml");
const QStringList kPeriods = {QStringLiteral("train"), QStringLiteral("validation"),
                              QStringLiteral("holdout")};
// What `tradelab-cli validate` adds to a run's figures; stored on the holdout run only.
const QString kHoldoutVerdict = QStringLiteral("proceed - every check passed");
constexpr int kCopiesForTenThousand = 3333;  // 3 runs + 3 × 3333 copies = 10,002 runs

// Backtests eq.yaml's periods and stores them in `storeFile`; returns their ids in period order.
QList<qint64> storeEqPeriods(const fs::path& storeFile) {
    config::RunConfigLoad loaded = config::load_run_config(toPath(kEquityConfig));
    if (!loaded.ok()) throw std::runtime_error("eq.yaml does not load");
    const config::RunConfig& run = loaded.config;
    const backtest::RunMarket market = backtest::load_run_market(run);
    const auto provenance = report::make_provenance(toPath(kEquityConfig), run, market);
    store::ResultsStore results(storeFile);
    QList<qint64> ids;
    for (const QString& period : kPeriods) {
        const auto result =
            backtest::run_backtest(market, run, backtest::period_scenario(run, period.toStdString()));
        const auto metrics = metrics::compute_metrics(result, provenance.periods_per_year,
                                                      metrics::benchmark_returns(market, result));
        store::RunDescription description = store::describe_run(provenance, run, market);
        if (period == QLatin1String("holdout"))
            description.extra_figures_json =
                fmt::format(R"({{"verdict": "{}"}})", kHoldoutVerdict.toStdString());
        ids << results.store_run(result, metrics, description).run_id;
    }
    return ids;
}

std::vector<std::string> columnsOf(store::Database& db, const std::string& table) {
    auto query = db.prepare("SELECT name FROM pragma_table_info(?)");
    query.bind(1, table);
    std::vector<std::string> columns;
    while (query.step()) columns.push_back(query.column_text(0));
    return columns;
}

// Inserts `copies` copies of every row of `table` under the run ids id + stride × n (n = 1..copies), with
// the columns of `changed` computed from n, in one statement.
void copyRows(store::Database& db, const std::string& table, const std::string& key, int stride, int copies,
              const std::map<std::string, std::string>& changed = {}) {
    const std::vector<std::string> columns = columnsOf(db, table);
    std::vector<std::string> values;
    for (const auto& column : columns) {
        if (column == key)
            values.push_back(fmt::format("{} + {} * copy.n", key, stride));
        else if (const auto found = changed.find(column); found != changed.end())
            values.push_back(found->second);
        else
            values.push_back(column);
    }
    db.execute(
        fmt::format("WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < {0}) "
                    "INSERT INTO {1} ({2}) SELECT {3} FROM {1}, copy",
                    copies, table, fmt::join(columns, ", "), fmt::join(values, ", ")));
}

// Grows a store of `originals` runs (ids 1..originals) by `copies` copies of each, with their metrics (the
// sharpe ratio shifted a little per copy, so sorting has work to do) and a tag on every run.
void multiplyRuns(const fs::path& storeFile, int originals, int copies) {
    store::ResultsStore results(storeFile);
    store::Database& db = results.database();
    store::Transaction transaction(db);
    copyRows(db, "runs", "id", originals, copies, {{"variant", "'copy ' || copy.n"}});
    copyRows(db, "run_metrics", "run_id", originals, copies,
             {{"sharpe_ratio", "sharpe_ratio + 0.0001 * (copy.n % 977)"}});
    db.execute("INSERT OR IGNORE INTO run_tags (run_id, tag) SELECT id, 'bulk' FROM runs");
    transaction.commit();
}

int rowOfPeriod(const ResultsBrowser& browser, const QString& period) {
    const QAbstractItemModel& rows = *browser.proxyModel();
    for (int row = 0; row < rows.rowCount(); ++row)
        if (rows.index(row, Column::PeriodColumn).data().toString() == period) return row;
    return -1;
}

QStringList periodsInTableOrder(const ResultsBrowser& browser) {
    QStringList periods;
    for (int row = 0; row < browser.proxyModel()->rowCount(); ++row)
        periods << browser.proxyModel()->index(row, Column::PeriodColumn).data().toString();
    return periods;
}

QString screenshotPath(const QString& name) {
    return QDir(QCoreApplication::applicationDirPath()).filePath(name);
}

}  // namespace

class ResultsBrowserTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void listsTheStoredPeriodsWithTheirMetrics();
    void sortingBySharpeOrdersTheRows();
    void filterAndKindNarrowTheRows();
    void groupingPutsAConfigsPeriodsInOrder();
    void editingATagCellWritesRunTags();
    void editingNotesWritesTheRun();
    void failedWriteIsShown();
    void missingStoreIsNotCreated();
    void selectingRunsEmitsTheirIds();
    void opensTenThousandRuns();
    void compareTableShowsRunsSideBySide();
    void compareChartHasACurvePerRun();
    void compareOfAnUnknownRunSaysSo();
    void screenshots();

  private:
    // A copy of the store of eq.yaml's runs, for tests that change it beyond repair.
    QString copyOfStore(const QString& name) const;

    QTemporaryDir folder_;
    QString storePath_;
    QList<qint64> ids_;  // train, validation, holdout
    std::vector<store::StoredRun> stored_;
};

void ResultsBrowserTest::initTestCase() {
    QVERIFY(folder_.isValid());
    storePath_ = folder_.filePath(QStringLiteral("results.sqlite"));
    ids_ = storeEqPeriods(toPath(storePath_));
    QCOMPARE(ids_.size(), 3);
    store::ResultsStore results(toPath(storePath_));
    for (const qint64 id : ids_) stored_.push_back(results.get(id));
}

QString ResultsBrowserTest::copyOfStore(const QString& name) const {
    const QString copy = folder_.filePath(name);
    QFile::remove(copy);
    // Every engine connection is closed by now, so the file holds every committed run (no WAL beside it).
    if (!QFile::copy(storePath_, copy)) qFatal("cannot copy the store to %s", qPrintable(copy));
    return copy;
}

void ResultsBrowserTest::listsTheStoredPeriodsWithTheirMetrics() {
    ResultsBrowser browser;
    browser.setStorePath(storePath_);
    QCOMPARE(browser.proxyModel()->rowCount(), 3);
    QCOMPARE(browser.message(), QStringLiteral("3 of 3 runs shown"));
    for (std::size_t i = 0; i < stored_.size(); ++i) {
        const int row = rowOfPeriod(browser, kPeriods[qsizetype(i)]);
        QVERIFY2(row >= 0, qPrintable(kPeriods[qsizetype(i)]));
        const QAbstractItemModel& rows = *browser.proxyModel();
        const store::StoredRun& run = stored_[i];
        QCOMPARE(rows.index(row, Column::IdColumn).data(ResultsTableModel::RunIdRole).toLongLong(),
                 run.record.id);
        QCOMPARE(rows.index(row, Column::SharpeColumn).data(ResultsTableModel::SortRole).toDouble(),
                 run.metrics.sharpe_ratio);
        QCOMPARE(rows.index(row, Column::SharpeColumn).data().toString(),
                 QLocale().toString(run.metrics.sharpe_ratio, 'f', 2));
        QCOMPARE(rows.index(row, Column::TradesColumn).data(ResultsTableModel::SortRole).toInt(),
                 run.metrics.total_trades);
        QCOMPARE(rows.index(row, Column::ConfigColumn).data().toString(),
                 toQString(run.record.description.config_name));
        QCOMPARE(rows.index(row, Column::StartColumn).data().toString(),
                 toQDate(run.record.start).toString(Qt::ISODate));
        QCOMPARE(rows.index(row, Column::SeedColumn).data().toString(), QString::number(run.record.seed));
        QCOMPARE(rows.index(row, Column::StatusColumn).data().toString(), QStringLiteral("complete"));
    }
}

void ResultsBrowserTest::sortingBySharpeOrdersTheRows() {
    ResultsBrowser browser;
    browser.setStorePath(storePath_);
    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        browser.table()->sortByColumn(Column::SharpeColumn, order);
        QList<double> sharpes;
        for (int row = 0; row < browser.proxyModel()->rowCount(); ++row)
            sharpes << browser.proxyModel()
                           ->index(row, Column::SharpeColumn)
                           .data(ResultsTableModel::SortRole)
                           .toDouble();
        QList<double> expected = sharpes;
        std::sort(expected.begin(), expected.end());
        if (order == Qt::DescendingOrder) std::reverse(expected.begin(), expected.end());
        QCOMPARE(sharpes, expected);
        QVERIFY(sharpes.first() != sharpes.last());  // the periods differ, so the order means something
    }
}

void ResultsBrowserTest::filterAndKindNarrowTheRows() {
    ResultsBrowser browser;
    browser.setStorePath(storePath_);
    browser.filterEdit()->setText(QStringLiteral("HOLD"));
    QCOMPARE(browser.proxyModel()->rowCount(), 1);
    QCOMPARE(periodsInTableOrder(browser), QStringList{QStringLiteral("holdout")});
    QCOMPARE(browser.message(), QStringLiteral("1 of 3 runs shown"));

    browser.filterEdit()->setText(QStringLiteral("no run has this"));
    QCOMPARE(browser.proxyModel()->rowCount(), 0);
    browser.filterEdit()->clear();
    QCOMPARE(browser.proxyModel()->rowCount(), 3);

    QComboBox& kinds = *browser.kindCombo();
    kinds.setCurrentIndex(kinds.findData(QStringLiteral("validation")));
    QCOMPARE(browser.proxyModel()->rowCount(), 0);  // the periods are backtests, not validation runs
    kinds.setCurrentIndex(kinds.findData(QStringLiteral("backtest")));
    QCOMPARE(browser.proxyModel()->rowCount(), 3);
}

void ResultsBrowserTest::groupingPutsAConfigsPeriodsInOrder() {
    ResultsBrowser browser;
    browser.setStorePath(storePath_);
    browser.table()->sortByColumn(Column::IdColumn, Qt::DescendingOrder);
    QCOMPARE(periodsInTableOrder(browser),
             (QStringList{QStringLiteral("holdout"), QStringLiteral("validation"), QStringLiteral("train")}));
    browser.setGroupedByConfig(true);
    QVERIFY(browser.groupByConfigBox()->isChecked());
    QCOMPARE(periodsInTableOrder(browser), kPeriods);
    browser.table()->sortByColumn(Column::SharpeColumn, Qt::AscendingOrder);
    QCOMPARE(periodsInTableOrder(browser), kPeriods);
    browser.setGroupedByConfig(false);
    browser.table()->sortByColumn(Column::IdColumn, Qt::DescendingOrder);
    QCOMPARE(periodsInTableOrder(browser).first(), QStringLiteral("holdout"));
}

void ResultsBrowserTest::editingATagCellWritesRunTags() {
    ResultsBrowser browser;
    browser.resize(1200, 300);
    browser.setStorePath(storePath_);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    const int row = rowOfPeriod(browser, QStringLiteral("validation"));
    const QModelIndex cell = browser.proxyModel()->index(row, Column::TagsColumn);
    QVERIFY(cell.flags() & Qt::ItemIsEditable);

    // As a user edits it: the editor opened on the cell, text typed, Enter.
    browser.table()->setCurrentIndex(cell);
    browser.table()->edit(cell);
    auto* editor = browser.table()->viewport()->findChild<QLineEdit*>();
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("robust, oos ,robust"));
    QTest::keyClick(editor, Qt::Key_Return);  // the delegate commits on its next event loop pass
    QTRY_COMPARE(cell.data().toString(), QStringLiteral("oos, robust"));

    store::ResultsStore results(toPath(storePath_));
    const qint64 id = cell.data(ResultsTableModel::RunIdRole).toLongLong();
    QCOMPARE(results.get(id).record.description.tags, (std::vector<std::string>{"oos", "robust"}));
    browser.reload();
    QCOMPARE(browser.proxyModel()
                 ->index(rowOfPeriod(browser, QStringLiteral("validation")), Column::TagsColumn)
                 .data()
                 .toString(),
             QStringLiteral("oos, robust"));
    browser.filterEdit()->setText(QStringLiteral("robust"));  // tags are filtered on too
    QCOMPARE(periodsInTableOrder(browser), QStringList{QStringLiteral("validation")});

    QVERIFY(browser.proxyModel()->setData(browser.proxyModel()->index(0, Column::TagsColumn), QString()));
    QVERIFY(results.get(id).record.description.tags.empty());
}

void ResultsBrowserTest::editingNotesWritesTheRun() {
    ResultsBrowser browser;
    browser.setStorePath(storePath_);
    const int row = rowOfPeriod(browser, QStringLiteral("train"));
    const QModelIndex cell = browser.proxyModel()->index(row, Column::NotesColumn);
    const qint64 id = cell.data(ResultsTableModel::RunIdRole).toLongLong();
    QVERIFY(browser.proxyModel()->setData(cell, QStringLiteral("fees at 2x next")));
    store::ResultsStore results(toPath(storePath_));
    QCOMPARE(results.get(id).record.description.notes, std::string("fees at 2x next"));
    QVERIFY2(browser.proxyModel()->setData(cell, QString()), qPrintable(browser.message()));
    QCOMPARE(results.get(id).record.description.notes, std::string());
    QVERIFY(!(browser.proxyModel()->index(row, Column::SharpeColumn).flags() & Qt::ItemIsEditable));
}

void ResultsBrowserTest::failedWriteIsShown() {
    const QString path = copyOfStore(QStringLiteral("deleted_meanwhile.sqlite"));
    ResultsBrowser browser;
    browser.setStorePath(path);
    QSignalSpy errors(&browser, &ResultsBrowser::storeError);
    const QModelIndex cell = browser.proxyModel()->index(0, Column::TagsColumn);
    const qint64 id = cell.data(ResultsTableModel::RunIdRole).toLongLong();
    {
        store::ResultsStore results(toPath(path));
        const std::vector<std::int64_t> gone = {id};
        results.delete_runs(gone);  // by another process, while the list shows the run
    }
    QVERIFY(!browser.proxyModel()->setData(cell, QStringLiteral("late")));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(browser.message().contains(QStringLiteral("no longer in the store")),
             qPrintable(browser.message()));
    QCOMPARE(cell.data().toString(), QString());  // nothing shown that is not stored
}

void ResultsBrowserTest::missingStoreIsNotCreated() {
    const QString path = folder_.filePath(QStringLiteral("not_yet/results.sqlite"));
    ResultsBrowser browser;
    browser.setStorePath(path);
    QCOMPARE(browser.proxyModel()->rowCount(), 0);
    QVERIFY2(browser.message().contains(QStringLiteral("No runs stored yet")), qPrintable(browser.message()));
    QVERIFY(!QFile::exists(path));
    browser.reload();
    QVERIFY(!QFile::exists(path));
}

void ResultsBrowserTest::selectingRunsEmitsTheirIds() {
    ResultsBrowser browser;
    browser.setStorePath(storePath_);
    browser.setGroupedByConfig(true);  // train, validation, holdout
    QSignalSpy selections(&browser, &ResultsBrowser::selectionChangedRuns);
    QCOMPARE(browser.selectRuns({ids_[2], ids_[0]}), 2);
    QCOMPARE(selections.size(), 1);
    QCOMPARE(selections.takeFirst().first().value<QList<qint64>>(), (QList<qint64>{ids_[0], ids_[2]}));
    QCOMPARE(browser.selectRuns(ids_), 3);
    QCOMPARE(selections.takeFirst().first().value<QList<qint64>>(), ids_);
    browser.reload();  // a stored run must not lose the selection
    QCOMPARE(browser.selectedRunIds(), ids_);
    QCOMPARE(selections.size(), 0);
    browser.table()->clearSelection();
    QCOMPARE(selections.takeFirst().first().value<QList<qint64>>(), QList<qint64>());
}

void ResultsBrowserTest::opensTenThousandRuns() {
    const QString path = copyOfStore(QStringLiteral("ten_thousand.sqlite"));
    multiplyRuns(toPath(path), int(ids_.size()), kCopiesForTenThousand);

    QElapsedTimer timer;
    timer.start();
    ResultsBrowser browser;
    browser.setStorePath(path);
    const qint64 openMs = timer.elapsed();
    const int runs = int(ids_.size()) * (kCopiesForTenThousand + 1);
    QCOMPARE(browser.proxyModel()->rowCount(), runs);
    qInfo("opened %d stored runs in %lld ms", runs, openMs);

    timer.restart();
    browser.table()->sortByColumn(Column::SharpeColumn, Qt::DescendingOrder);
    qInfo("sorted them by sharpe in %lld ms", timer.elapsed());
    const double top =
        browser.proxyModel()->index(0, Column::SharpeColumn).data(ResultsTableModel::SortRole).toDouble();
    const double next =
        browser.proxyModel()->index(1, Column::SharpeColumn).data(ResultsTableModel::SortRole).toDouble();
    QVERIFY(top >= next);

    timer.restart();
    browser.filterEdit()->setText(QStringLiteral("copy 12"));  // copies 12, 120..129, 1200..1299
    qInfo("filtered them in %lld ms", timer.elapsed());
    QCOMPARE(browser.proxyModel()->rowCount(), 3 * (1 + 10 + 100));

    timer.restart();
    browser.reload();
    qInfo("reloaded them in %lld ms", timer.elapsed());
    QCOMPARE(browser.model()->rowCount(), runs);
}

void ResultsBrowserTest::compareTableShowsRunsSideBySide() {
    RunCompareView view;
    QVERIFY2(view.showRuns(storePath_, ids_), qPrintable(view.message()));
    const QTableWidget& table = *view.metricsTable();
    QCOMPARE(table.columnCount(), 1 + 3 + 3);
    const int sharpeRow = view.metricRow(QStringLiteral("sharpe_ratio"));
    QVERIFY(sharpeRow >= 0);
    const auto valueAt = [&](int row, int column) {
        return table.item(row, column)->data(RunCompareView::ValueRole).toDouble();
    };
    for (int r = 0; r < 3; ++r)
        QCOMPARE(valueAt(sharpeRow, RunCompareView::valueColumn(r)),
                 stored_[std::size_t(r)].metrics.sharpe_ratio);

    // Differences and worse % as `runs compare` gives them.
    store::ResultsStore results(toPath(storePath_));
    const std::vector<std::int64_t> ids(ids_.begin(), ids_.end());
    const std::vector<std::string> metrics = {"sharpe_ratio", "max_drawdown"};
    const store::RunComparison comparison = results.compare(ids, metrics);
    for (const store::MetricComparison& metric : comparison.metrics) {
        const int row = view.metricRow(QString::fromStdString(metric.metric));
        for (int r = 1; r < 3; ++r) {
            const double a = metric.values[0];
            const double b = metric.values[std::size_t(r)];
            QCOMPARE(valueAt(row, RunCompareView::differenceColumn(r)), b - a);
            const auto& worse = metric.degradation_pct[std::size_t(r)];
            QVERIFY(worse.has_value());
            QCOMPARE(valueAt(row, RunCompareView::worseColumn(r)), *worse);
            QCOMPARE(table.item(row, RunCompareView::worseColumn(r))->text(),
                     QStringLiteral("%1%2%").arg(*worse >= 0 ? QStringLiteral("+") : QString(),
                                                 QLocale().toString(*worse, 'f', 1)));
        }
    }
    const int tradesRow = view.metricRow(QStringLiteral("total_trades"));
    QCOMPARE(table.item(tradesRow, RunCompareView::worseColumn(1))->text(),
             QStringLiteral("—"));  // no better side

    const int verdictRow = view.metricRow(QStringLiteral("verdict"));
    QCOMPARE(table.item(verdictRow, RunCompareView::valueColumn(0))->text(), QStringLiteral("—"));
    QCOMPARE(table.item(verdictRow, RunCompareView::valueColumn(2))->text(), kHoldoutVerdict);
    QVERIFY(table.horizontalHeaderItem(RunCompareView::valueColumn(1))
                ->text()
                .contains(QStringLiteral("validation")));
}

void ResultsBrowserTest::compareChartHasACurvePerRun() {
    RunCompareView view;
    QVERIFY2(view.showRuns(storePath_, ids_), qPrintable(view.message()));
    for (const bool calendarDates : {false, true}) {
        view.setCalendarDates(calendarDates);
        const QList<QCPGraph*> graphs = view.equityGraphs();
        QCOMPARE(graphs.size(), 3);
        for (int r = 0; r < 3; ++r) {
            const store::StoredRun& run = stored_[std::size_t(r)];
            const auto& curve = run.result.equity_curve;
            QCOMPARE(graphs[r]->data()->size(), int(curve.size()));
            QCOMPARE(graphs[r]->data()->at(int(curve.size()) - 1)->value,
                     curve.back().equity / run.record.starting_equity * 100.0);
            QVERIFY(graphs[r]->name().contains(QString::number(run.record.id)));
            QVERIFY(graphs[r]->name().contains(kPeriods[r]));
        }
    }
}

void ResultsBrowserTest::compareOfAnUnknownRunSaysSo() {
    RunCompareView view;
    QSignalSpy failures(&view, &RunCompareView::loadFailed);
    QVERIFY(!view.showRuns(storePath_, {ids_[0], 987654}));
    QCOMPARE(failures.size(), 1);
    QVERIFY2(view.message().contains(QStringLiteral("987654")), qPrintable(view.message()));
    QVERIFY(view.equityGraphs().isEmpty());
    QVERIFY(!view.showRuns(storePath_, {1, 2, 3, 4, 5}));
    QVERIFY(!view.showRuns(folder_.filePath(QStringLiteral("none.sqlite")), ids_));
    QVERIFY(!QFile::exists(folder_.filePath(QStringLiteral("none.sqlite"))));
}

void ResultsBrowserTest::screenshots() {
    ResultsBrowser browser;
    browser.resize(1500, 260);
    browser.setStorePath(storePath_);
    browser.setGroupedByConfig(true);
    QVERIFY(browser.proxyModel()->setData(
        browser.proxyModel()->index(rowOfPeriod(browser, QStringLiteral("holdout")), Column::TagsColumn),
        QStringLiteral("candidate, oos")));
    browser.selectRuns(ids_);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    QVERIFY(browser.grab().save(screenshotPath(QStringLiteral("results_browser.png"))));

    RunCompareView view;
    view.resize(1100, 860);
    QVERIFY(view.showRuns(storePath_, ids_));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.grab().save(screenshotPath(QStringLiteral("run_compare_view.png"))));
    view.setCalendarDates(true);
    QVERIFY(view.grab().save(screenshotPath(QStringLiteral("run_compare_view_dates.png"))));
}

QTEST_MAIN(ResultsBrowserTest)
#include "test_results_browser.moc"
