// The workstation's backtest side through the main window: the run manager and its queue, the equity
// and drawdown chart, the monthly-returns heatmap.
#include <qcustomplot.h>

#include <QFile>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <memory>

#include "equity_chart.hpp"
#include "main_window.hpp"
#include "monthly_returns_chart.hpp"
#include "results_browser.hpp"
#include "run_compare_view.hpp"
#include "run_manager.hpp"
#include "run_queue_model.hpp"
#include "run_queue_view.hpp"

using namespace tradelab;
using namespace tradelab::gui;

namespace {

const QString kConfigDir = QStringLiteral(TRADELAB_REFERENCE_CONFIG_DIR);
const QString kEquityConfig = kConfigDir + QStringLiteral("/eq.yaml");
constexpr int kEqTrainPoints = 333;  // NYSE days from 2024-03-01 to 2025-06-30
constexpr int kJobTimeoutMs = 60000;

const RunJob* jobOfPeriod(const RunManager& manager, const QString& period) {
    for (const RunJob& job : manager.jobs()) {
        if (job.period == period) return &job;
    }
    return nullptr;
}

// Work that keeps reporting progress until it is told to stop (or gives up after a while, so a broken
// cancel fails the test instead of hanging it).
RunJobWork workUntilCancelled(std::shared_ptr<std::atomic_int> calls) {
    return [calls](const Progress& progress) {
        RunJobOutcome outcome;
        for (int step = 0; step < 20000; ++step) {
            ++*calls;
            if (!progress(0.5)) {
                outcome.cancelled = true;
                return outcome;
            }
            QThread::msleep(1);
        }
        outcome.error = QStringLiteral("never cancelled");
        return outcome;
    };
}

}  // namespace

class WorkstationTest : public QObject {
    Q_OBJECT

  private slots:
    void backtestOfEqFillsTheEquityChart();
    void timeAxesOfBothPanesAreLinked();
    void logScaleToggles();
    void monthlyHeatmapHasACellPerMonth();
    void cancellingARunningJobMarksItCancelled();
    void cancelButtonInTheQueueCancelsItsJob();
    void escapeCancelsTheSelectedJob();
    void cancelledBacktestStopsInTheDailyLoop();
    void brokenConfigShowsItsErrorInTheQueue();
    void runWithoutConfigAsksForOne();
    void finishedRunsAppearInTheBrowserAndCompare();

  private:
    // Opens eq.yaml in `window`, runs its periods and waits for them.
    void runEq(MainWindow& window);
};

void WorkstationTest::runEq(MainWindow& window) {
    window.openConfig(kEquityConfig);
    QSignalSpy ended(window.runManager(), &RunManager::allJobsEnded);
    QCOMPARE(window.runBacktest().size(), 3);
    QVERIFY(ended.wait(kJobTimeoutMs));
    for (const RunJob& job : window.runManager()->jobs())
        QVERIFY2(job.state == JobState::Finished,
                 qPrintable(job.period + QStringLiteral(": ") + job.message));
}

void WorkstationTest::backtestOfEqFillsTheEquityChart() {
    MainWindow window;
    runEq(window);
    if (QTest::currentTestFailed()) return;

    const RunJob* train = jobOfPeriod(*window.runManager(), QStringLiteral("train"));
    QVERIFY(train && train->result);
    QCOMPARE(int(train->result->equity_curve.size()), kEqTrainPoints);

    const EquityChart& chart = *window.equityChart();
    QCOMPARE(chart.equityGraphs().size(), 3);  // train, validation, holdout in period order
    QCOMPARE(chart.drawdownGraphs().size(), 3);
    QCOMPARE(chart.periodShades().size(), 6);  // each period shaded in both panes
    QCOMPARE(chart.equityGraphs().first()->data()->size(), kEqTrainPoints);
    QCOMPARE(chart.drawdownGraphs().first()->data()->size(), kEqTrainPoints);
    QCOMPARE(chart.equityGraphs().first()->data()->at(kEqTrainPoints - 1)->value,
             train->result->equity_curve.back().equity);
    QVERIFY(EquityChart::periodColor(QStringLiteral("train")) !=
            EquityChart::periodColor(QStringLiteral("validation")));

    // Drawdowns are at or below zero, and the deepest one is the run's max drawdown.
    double deepest = 0.0;
    for (auto point = chart.drawdownGraphs().first()->data()->constBegin();
         point != chart.drawdownGraphs().first()->data()->constEnd(); ++point) {
        QVERIFY(point->value <= 0.0);
        deepest = std::min(deepest, point->value);
    }
    QVERIFY(deepest < 0.0);
    QVERIFY2(train->message.contains(QLocale().toString(-deepest, 'f', 2)), qPrintable(train->message));
    // Finished runs go into the results store (XDG_DATA_HOME points into the build tree for tests).
    QVERIFY2(train->message.contains(QStringLiteral("stored as run")), qPrintable(train->message));

    QCOMPARE(window.runQueueModel()->rowCount(), 3);
    QCOMPARE(window.runQueueModel()->index(0, RunQueueModel::StateColumn).data().toString(),
             QStringLiteral("Finished"));
    QCOMPARE(window.runQueueModel()->index(0, RunQueueModel::ProgressColumn).data().toInt(), 100);
    QVERIFY(chart.title().contains(QStringLiteral("eq.yaml")));
}

void WorkstationTest::timeAxesOfBothPanesAreLinked() {
    MainWindow window;
    runEq(window);
    if (QTest::currentTestFailed()) return;
    EquityChart& chart = *window.equityChart();
    QCOMPARE(chart.drawdownTimeAxis()->range(), chart.equityTimeAxis()->range());

    const QCPRange full = chart.equityTimeAxis()->range();
    const QCPRange zoomed(full.lower + full.size() * 0.25, full.lower + full.size() * 0.5);
    chart.equityTimeAxis()->setRange(zoomed);
    QCOMPARE(chart.drawdownTimeAxis()->range(), zoomed);

    const QCPRange panned(zoomed.lower + 86400.0 * 20, zoomed.upper + 86400.0 * 20);
    chart.drawdownTimeAxis()->setRange(panned);
    QCOMPARE(chart.equityTimeAxis()->range(), panned);
}

void WorkstationTest::logScaleToggles() {
    MainWindow window;
    runEq(window);
    if (QTest::currentTestFailed()) return;
    EquityChart& chart = *window.equityChart();
    QCOMPARE(chart.equityAxis()->scaleType(), QCPAxis::stLinear);
    window.logScaleAction()->trigger();
    QVERIFY(chart.logScale());
    QCOMPARE(chart.equityAxis()->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(chart.equityAxis()->range().lower > 0.0);
    chart.setLogScale(false);
    QVERIFY(!window.logScaleAction()->isChecked());  // the menu follows the chart's own check box
    QCOMPARE(chart.equityAxis()->scaleType(), QCPAxis::stLinear);
}

void WorkstationTest::monthlyHeatmapHasACellPerMonth() {
    MainWindow window;
    runEq(window);
    if (QTest::currentTestFailed()) return;
    const MonthlyReturns returns = monthlyReturns(window.shownResults());
    // Train starts in March 2024 and holdout ends in December 2025: 22 months.
    QCOMPARE(int(returns.size()), 22);
    QCOMPARE(returns.begin()->first, std::make_pair(2024, 3));
    QCOMPARE(returns.rbegin()->first, std::make_pair(2025, 12));

    // The months of a period chain to its total return.
    const RunJob* validation = jobOfPeriod(*window.runManager(), QStringLiteral("validation"));
    double chained = 1.0;
    for (int month = 7; month <= 9; ++month) chained *= 1.0 + returns.at({2025, month});
    QVERIFY(qAbs(chained * validation->result->starting_equity - validation->result->final_equity()) < 1e-6);

    const MonthlyReturnsChart& chart = *window.monthlyReturnsChart();
    QCOMPARE(chart.colorMap()->data()->keySize(), 12);
    QCOMPARE(chart.colorMap()->data()->valueSize(), 2);
    QCOMPARE(chart.cellLabels().size(), 22);
    // The colour scale is centred on zero.
    QCOMPARE(chart.colorMap()->dataRange().lower, -chart.colorMap()->dataRange().upper);
    QVERIFY(qIsNaN(chart.colorMap()->data()->cell(0, 0)));  // January 2024: before the train period
}

void WorkstationTest::cancellingARunningJobMarksItCancelled() {
    RunManager manager;
    auto calls = std::make_shared<std::atomic_int>(0);
    const int id =
        manager.submit(QStringLiteral("slow.yaml"), QStringLiteral("train"), workUntilCancelled(calls));
    QTRY_COMPARE_WITH_TIMEOUT(manager.job(id)->state, JobState::Running, kJobTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(manager.job(id)->percent, 50, kJobTimeoutMs);
    QVERIFY(*calls > 0);

    QSignalSpy ended(&manager, &RunManager::jobEnded);
    QVERIFY(manager.cancel(id));
    QVERIFY(ended.wait(kJobTimeoutMs));
    QCOMPARE(manager.job(id)->state, JobState::Cancelled);
    QVERIFY(!manager.job(id)->result);
    QVERIFY(!manager.cancel(id));  // an ended job stays as it ended

    RunQueueModel model(&manager);
    QCOMPARE(model.rowCount(), 1);  // a model made later lists the jobs that were already there
    QCOMPARE(model.index(0, RunQueueModel::StateColumn).data().toString(), QStringLiteral("Cancelled"));
}

void WorkstationTest::cancelButtonInTheQueueCancelsItsJob() {
    RunManager manager;
    RunQueueModel model(&manager);
    RunQueueView view(&model);
    view.resize(900, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    auto calls = std::make_shared<std::atomic_int>(0);
    const int id =
        manager.submit(QStringLiteral("slow.yaml"), QStringLiteral("train"), workUntilCancelled(calls));
    QCOMPARE(model.rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(manager.job(id)->state, JobState::Running, kJobTimeoutMs);
    const QModelIndex button = model.index(0, RunQueueModel::CancelColumn);
    QVERIFY(button.data(RunQueueModel::CancellableRole).toBool());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(button).center());
    QVERIFY(manager.job(id)->cancelRequested);
    if (manager.job(id)->isActive())  // until the worker has seen the request
        QCOMPARE(model.index(0, RunQueueModel::StateColumn).data().toString(), QStringLiteral("Cancelling…"));
    QTRY_COMPARE_WITH_TIMEOUT(manager.job(id)->state, JobState::Cancelled, kJobTimeoutMs);
    QVERIFY(!model.index(0, RunQueueModel::CancelColumn).data(RunQueueModel::CancellableRole).toBool());
}

void WorkstationTest::escapeCancelsTheSelectedJob() {
    MainWindow window;
    RunManager& manager = *window.runManager();
    auto calls = std::make_shared<std::atomic_int>(0);
    const int first =
        manager.submit(QStringLiteral("a.yaml"), QStringLiteral("train"), workUntilCancelled(calls));
    const int second =
        manager.submit(QStringLiteral("b.yaml"), QStringLiteral("train"), workUntilCancelled(calls));
    QTRY_COMPARE_WITH_TIMEOUT(manager.job(second)->state, JobState::Running, kJobTimeoutMs);

    window.runQueueView()->selectRow(window.runQueueModel()->rowOfJob(second));
    QCOMPARE(window.runQueueView()->selectedJobId(), second);
    QVERIFY(window.cancelJobAction()->isEnabled());
    QCOMPARE(window.cancelJobAction()->shortcut(), QKeySequence(Qt::Key_Escape));
    window.cancelJobAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(manager.job(second)->state, JobState::Cancelled, kJobTimeoutMs);
    QVERIFY(manager.job(first)->isActive());  // only the selected one
    QCOMPARE(window.runQueueModel()->index(1, RunQueueModel::StateColumn).data().toString(),
             QStringLiteral("Cancelled"));

    window.runQueueView()->clearSelection();
    window.runQueueView()->setCurrentIndex({});
    window.cancelJobAction()->trigger();  // nothing selected: every active job
    QTRY_COMPARE_WITH_TIMEOUT(manager.job(first)->state, JobState::Cancelled, kJobTimeoutMs);
}

void WorkstationTest::cancelledBacktestStopsInTheDailyLoop() {
    // The real work of a job, on this thread, with a progress callback that cancels once the daily loop
    // has begun (past the market load's share of the bar).
    const RunJobWork work =
        backtestWork(std::make_shared<PreparedRun>(kEquityConfig), QStringLiteral("train"));
    int callsInLoop = 0;
    const RunJobOutcome outcome = work([&callsInLoop](double fraction) {
        if (fraction > 0.25) ++callsInLoop;
        return callsInLoop < 2;
    });
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY(outcome.cancelled);
    QVERIFY(!outcome.result);
    QVERIFY(callsInLoop <= 3);  // it stopped right after the first refusal

    const RunJobOutcome full =
        backtestWork(std::make_shared<PreparedRun>(kEquityConfig), QStringLiteral("train"))({});
    QVERIFY(full.result);
    QCOMPARE(int(full.result->equity_curve.size()), kEqTrainPoints);
}

void WorkstationTest::brokenConfigShowsItsErrorInTheQueue() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile source(kEquityConfig);
    QVERIFY(source.open(QIODevice::ReadOnly | QIODevice::Text));
    QString text = QString::fromUtf8(source.readAll());
    QVERIFY(text.contains(QStringLiteral("start_date: \"2024-01-01\"")));
    text.replace(QStringLiteral("start_date: \"2024-01-01\""), QStringLiteral("start_date: \"2024-13-45\""));
    const QString broken = dir.filePath(QStringLiteral("broken.yaml"));
    QFile target(broken);
    QVERIFY(target.open(QIODevice::WriteOnly | QIODevice::Text));
    target.write(text.toUtf8());
    target.close();

    MainWindow window;
    window.openConfig(broken);
    QSignalSpy ended(window.runManager(), &RunManager::allJobsEnded);
    QCOMPARE(window.runBacktest().size(), 3);
    QVERIFY(ended.wait(kJobTimeoutMs));

    const RunQueueModel& model = *window.runQueueModel();
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, RunQueueModel::StateColumn).data().toString(), QStringLiteral("Failed"));
        const QString message = model.index(row, RunQueueModel::MessageColumn).data().toString();
        QVERIFY2(message.contains(QStringLiteral("dataset.start_date")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("broken.yaml")), qPrintable(message));
    }
    const QString status = window.statusBar()->currentMessage();
    QVERIFY2(status.contains(QStringLiteral("failed")) && status.contains(QStringLiteral("start_date")),
             qPrintable(status));
    QVERIFY(window.equityChart()->equityGraphs().isEmpty());  // nothing to show
}

void WorkstationTest::runWithoutConfigAsksForOne() {
    MainWindow window;
    QVERIFY(!window.backtestAction()->isEnabled());
    QVERIFY(window.runBacktest().isEmpty());
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Open a run config")));
    QCOMPARE(window.backtestAction()->shortcut(), QKeySequence(Qt::Key_F5));
}

// End to end: the periods of eq.yaml run, land in the store, show in the Results dock at once, and the
// three stored runs compare side by side with the equity curves the jobs produced.
void WorkstationTest::finishedRunsAppearInTheBrowserAndCompare() {
    MainWindow window;
    runEq(window);
    if (QTest::currentTestFailed()) return;
    QList<qint64> stored;
    for (const RunJob& job : window.runManager()->jobs()) {
        QVERIFY2(job.storedRunId > 0, qPrintable(job.message));
        stored << job.storedRunId;
    }
    ResultsBrowser& browser = *window.resultsBrowser();
    QCOMPARE(browser.selectRuns(stored), 3);
    QCOMPARE(browser.selectedRunIds().size(), 3);

    QVERIFY(window.compareRuns(stored));
    QCOMPARE(window.viewTabs()->currentWidget(), window.compareView());
    const RunCompareView& compare = *window.compareView();
    QCOMPARE(compare.runIds(), stored);
    QCOMPARE(compare.equityGraphs().size(), 3);
    const RunJob* train = jobOfPeriod(*window.runManager(), QStringLiteral("train"));
    QCOMPARE(compare.equityGraphs().first()->data()->size(), int(train->result->equity_curve.size()));
    QCOMPARE(window.equityChart()->equityGraphs().first()->data()->size(),
             int(train->result->equity_curve.size()));
}

QTEST_MAIN(WorkstationTest)
#include "test_workstation.moc"
