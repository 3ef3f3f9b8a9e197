// The workstation's backtest side through the main window: the run manager and its queue, the equity
// and drawdown chart, the monthly-returns heatmap; the window's layout, recent files, log, export,
// About box and German translation; the trades on the price chart; how long the event loop stalls
// while a large sweep runs.
#include <qcustomplot.h>
#include <sqlite3.h>

#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileSystemModel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <atomic>
#include <map>
#include <memory>

#include "config_browser.hpp"
#include "config_editor.hpp"
#include "data_browser.hpp"
#include "equity_chart.hpp"
#include "main_window.hpp"
#include "market_data_loader.hpp"
#include "monthly_returns_chart.hpp"
#include "price_chart.hpp"
#include "results_browser.hpp"
#include "run_compare_view.hpp"
#include "run_manager.hpp"
#include "run_queue_model.hpp"
#include "run_queue_view.hpp"
#include "sensitivity_heatmap.hpp"
#include "stacked_panes.hpp"
#include "stress_view.hpp"
#include "ui_language.hpp"
#include "validation_view.hpp"
#include "walk_forward_view.hpp"

using namespace tradelab;
using namespace tradelab::gui;

namespace {

const QString kConfigDir = QStringLiteral(TRADELAB_REFERENCE_CONFIG_DIR);
const QString kEquityConfig = kConfigDir + QStringLiteral("/eq.yaml");
const QString kDataFolder = QStringLiteral(TRADELAB_BUNDLED_DATA_DIR);
const QString kSweep1000Config = QStringLiteral(TRADELAB_TEST_CONFIG_DIR "/sweep_1000/run.yaml");
constexpr int kEqTrainPoints = 333;  // NYSE days from 2024-03-01 to 2025-06-30
constexpr int kJobTimeoutMs = 60000;
constexpr int kSweepTimeoutMs = 5 * 60000;
constexpr int kTickMs = 5;  // the probe timer of the stall measurement

// The settings a remembered window reads and writes (under XDG_CONFIG_HOME, which the tests point into
// the build tree).
QSettings testSettings() {
    return QSettings(QStringLiteral("TradeLab"), QStringLiteral("TradeLab"));
}

// Lays the window out at a real size and draws its charts, so pixel positions mean something.
bool showLaidOut(MainWindow& window) {
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) return false;
    window.priceChart()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    window.equityChart()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    return true;
}

// A mouse move without buttons to `pixel` of `plot`, as the window system delivers one.
void moveMouse(QCustomPlot* plot, const QPointF& pixel) {
    QMouseEvent event(QEvent::MouseMove, pixel, plot->mapToGlobal(pixel), Qt::NoButton, Qt::NoButton,
                      Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &event);
}

QByteArray fileStart(const QString& path, qint64 bytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return file.read(bytes);
}

QString readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll());
}

bool writeAll(const QString& path, const QString& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size();
}

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
    void initTestCase();
    void backtestOfEqFillsTheEquityChart();
    void timeAxesOfBothPanesAreLinked();
    void logScaleToggles();
    void benchmarkOverlayIsSpyBoughtAndHeld();
    void monthlyHeatmapHasACellPerMonth();
    void cancellingARunningJobMarksItCancelled();
    void cancelButtonInTheQueueCancelsItsJob();
    void escapeCancelsTheSelectedJob();
    void cancelledBacktestStopsInTheDailyLoop();
    void brokenConfigShowsItsErrorInTheQueue();
    void runWithoutConfigAsksForOne();
    void editRunBrowseAndCompare();
    void tradesOfTheShownRunAreMarkedOnThePriceChart();
    void equityCrosshairReadsTheDayUnderTheMouse();
    void chartExportsToPngPdfAndSvg();
    void everyDockHasAnObjectName();
    void configsDockOpensTheConfigActivated();
    void configsDockShowsTheConfigsBesideTheData();
    void hiddenDockStaysHiddenInTheNextWindow();
    void recentConfigsKeepTheLatestEight();
    void missingRecentFileIsRemoved();
    void logRecordsJobsAndLoads();
    void aboutBoxNamesTheVersions();
    void germanTranslationTranslatesTheMenus();
    void eventLoopKeepsTickingDuringA1000PointSweep();
    void cancellingARunningSweepStopsItPromptly();
    void validationSuiteShowsItsVerdictAndIsStored();
    void walkForwardShowsTheStitchedCurveAndStoresItsFolds();
    void stressTestsShowEveryStressedCurveAndAreStored();

  private:
    // Opens eq.yaml in `window`, runs its periods and waits for them.
    void runEq(MainWindow& window);
    std::shared_ptr<const data::MarketData> market_;
};

void WorkstationTest::initTestCase() {
    // Remembered windows write the user's settings: never the real ones. ctest points XDG_CONFIG_HOME
    // into the build tree; a direct run without it gets a folder of its own.
    if (!qEnvironmentVariableIsSet("XDG_CONFIG_HOME"))
        qputenv("XDG_CONFIG_HOME",
                QDir::temp().filePath(QStringLiteral("tradelab-gui-test-config")).toUtf8());
    const MarketLoadOutcome outcome = loadMarketFolder(kDataFolder);
    QVERIFY2(outcome.market, qPrintable(outcome.error));
    market_ = outcome.market;
}

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

void WorkstationTest::benchmarkOverlayIsSpyBoughtAndHeld() {
    MainWindow window;
    runEq(window);
    if (QTest::currentTestFailed()) return;
    EquityChart& chart = *window.equityChart();
    const RunJob* train = jobOfPeriod(*window.runManager(), QStringLiteral("train"));
    QVERIFY(train && train->result);
    QCOMPARE(chart.benchmarkGraphs().size(), 3);
    const QCPGraph* benchmark = chart.benchmarkGraphs().first();
    QVERIFY(benchmark);
    QVERIFY(benchmark->visible());
    QVERIFY(benchmark->name().contains(QStringLiteral("SPY")));
    QCOMPARE(benchmark->data()->size(), kEqTrainPoints);

    // SPY's close on the train period's last day over its close the day before the first, times the
    // starting equity: the buy-and-hold figure, read straight from the bundled file's bars.
    const auto spy = market_->find_benchmark("SPY");
    QVERIFY(spy);
    const data::BarSeries& bars = market_->bars(*spy);
    const Date first = train->result->equity_curve.front().date;
    const Date last = train->result->equity_curve.back().date;
    const std::size_t firstIndex = bars.lower_bound(first);
    QVERIFY(firstIndex > 0 && firstIndex < bars.size());
    const std::size_t lastIndex = bars.lower_bound(last);
    QVERIFY(lastIndex < bars.size() && bars.date[lastIndex] == last);
    const double expected =
        train->result->starting_equity * bars.close[lastIndex] / bars.close[firstIndex - 1];
    QVERIFY2(
        std::abs(benchmark->data()->at(kEqTrainPoints - 1)->value - expected) < 1e-6 * expected,
        qPrintable(
            QStringLiteral("%1 vs %2").arg(benchmark->data()->at(kEqTrainPoints - 1)->value).arg(expected)));

    // Shown, the equity axis holds it; hidden, it leaves the legend and no longer widens the axis.
    bool inRange = false;
    QVERIFY(chart.equityAxis()->range().upper >= benchmark->getValueRange(inRange).upper);
    QCOMPARE(chart.plot()->legend->itemCount(), 2);
    chart.setBenchmarkShown(false);
    QVERIFY(!benchmark->visible());
    QCOMPARE(chart.plot()->legend->itemCount(), 1);
    bool found = false;
    const QCPRange strategy = chart.equityGraphs().first()->getValueRange(found);
    QVERIFY(chart.equityAxis()->range().upper < strategy.upper * 1.05);
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

// End to end, as a researcher works: open a copy of the EQ reference config, edit a parameter in the
// Config tab, run (the edit is saved first), the runs land in the store and show in the Results dock at
// once, the equity chart has a point per curve point, and the edited run compares with the original.
void WorkstationTest::editRunBrowseAndCompare() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = QStringLiteral(TRADELAB_BUNDLED_DATA_DIR);
    QString run = readAll(kEquityConfig);
    run.replace(QStringLiteral("\"../../data/"), QLatin1Char('"') + dataDir + QLatin1Char('/'));
    const QString runFile = dir.filePath(QStringLiteral("eq.yaml"));
    QVERIFY(writeAll(runFile, run));
    QVERIFY(QFile::copy(kConfigDir + QStringLiteral("/equity_strategy_production.yaml"),
                        dir.filePath(QStringLiteral("equity_strategy_production.yaml"))));

    MainWindow window;
    window.openConfig(runFile);
    QCOMPARE(window.configEditor()->filePath(), runFile);
    QSignalSpy ended(window.runManager(), &RunManager::allJobsEnded);
    QCOMPARE(window.runBacktest().size(), 3);
    QVERIFY(ended.wait(kJobTimeoutMs));
    const qint64 original = jobOfPeriod(*window.runManager(), QStringLiteral("train"))->storedRunId;
    QVERIFY(original > 0);

    // The edit: a larger account. The run saves it and trades with it.
    QVERIFY(window.configEditor()->setValue(QStringLiteral("portfolio.starting_equity"),
                                            QStringLiteral("250000")));
    QVERIFY(window.configEditor()->isDirty());
    QVERIFY(window.windowTitle().contains(QLatin1Char('*')));
    QCOMPARE(window.runBacktest().size(), 3);
    QVERIFY(!window.configEditor()->isDirty());
    QVERIFY(readAll(runFile).contains(QStringLiteral("starting_equity: 250000")));
    QVERIFY(ended.wait(kJobTimeoutMs));
    const RunJob* train = nullptr;
    for (const RunJob& job : window.runManager()->jobs())
        if (job.period == QStringLiteral("train") && job.storedRunId != original) train = &job;
    QVERIFY(train && train->result && train->state == JobState::Finished);
    QCOMPARE(train->result->starting_equity, 250000.0);

    ResultsBrowser& browser = *window.resultsBrowser();
    QCOMPARE(browser.selectRuns({original, train->storedRunId}), 2);
    QCOMPARE(window.equityChart()->equityGraphs().first()->data()->size(),
             int(train->result->equity_curve.size()));

    QVERIFY(window.compareRuns({original, train->storedRunId}));
    QCOMPARE(window.viewTabs()->currentWidget(), window.compareView());
    const RunCompareView& compare = *window.compareView();
    QCOMPARE(compare.runIds(), (QList<qint64>{original, train->storedRunId}));
    QCOMPARE(compare.equityGraphs().size(), 2);
    QCOMPARE(compare.equityGraphs().last()->data()->size(), int(train->result->equity_curve.size()));
}

// The marks on the price chart are the closed trades of the selected symbol in the shown periods: one
// entry, one exit and one stop line each; a symbol the run never traded has none.
void WorkstationTest::tradesOfTheShownRunAreMarkedOnThePriceChart() {
    MainWindow window;
    window.setMarketData(market_, kDataFolder);
    runEq(window);
    if (QTest::currentTestFailed()) return;
    QVERIFY(showLaidOut(window));

    std::map<std::string, std::vector<backtest::TradeRecord>> tradesBySymbol;
    for (const PeriodResult& period : window.shownResults())
        for (const backtest::TradeRecord& trade : period.result->trades)
            tradesBySymbol[trade.symbol_name].push_back(trade);
    QVERIFY(!tradesBySymbol.empty());
    const auto mostTraded =
        std::max_element(tradesBySymbol.begin(), tradesBySymbol.end(),
                         [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
    const QString symbol = QString::fromStdString(mostTraded->first);
    const int count = int(mostTraded->second.size());

    window.showView(MainWindow::View::Price);
    QVERIFY(window.dataBrowser()->selectSymbol(symbol));
    PriceChart& chart = *window.priceChart();
    QCOMPARE(chart.entryMarks()->data()->size(), count);
    QCOMPARE(chart.exitMarks()->data()->size(), count);
    QCOMPARE(chart.stopLines().size(), count);
    QCOMPARE(int(chart.markedTrades().size()), count);
    QVERIFY2(chart.title().contains(QStringLiteral("%1 trades of eq.yaml").arg(count)),
             qPrintable(chart.title()));

    // The entry's tooltip names its date, price and R.
    const backtest::TradeRecord& trade = mostTraded->second.front();
    chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QPointF entryPixel(chart.timeAxis()->coordToPixel(PriceChart::plotKey(trade.entry_date)),
                             chart.financial()->valueAxis()->coordToPixel(trade.entry_price));
    const QString tip = chart.tradeToolTipAt(entryPixel);
    const QString entryDate = dateOfPlotKey(PriceChart::plotKey(trade.entry_date)).toString(Qt::ISODate);
    QVERIFY2(
        tip.contains(
            QStringLiteral("Entry %1 at %2").arg(entryDate, QLocale().toString(trade.entry_price, 'f', 2))),
        qPrintable(tip));
    QVERIFY2(tip.contains(QLocale().toString(trade.r_multiple(), 'f', 2) + QStringLiteral(" R")),
             qPrintable(tip));

    QVERIFY(!tradesBySymbol.count("ETH"));  // eq.yaml trades equities only
    QVERIFY(window.dataBrowser()->selectSymbol(QStringLiteral("ETH")));
    QCOMPARE(chart.entryMarks()->data()->size(), 0);
    QCOMPARE(chart.stopLines().size(), 0);
}

void WorkstationTest::equityCrosshairReadsTheDayUnderTheMouse() {
    MainWindow window;
    runEq(window);
    if (QTest::currentTestFailed()) return;
    window.showView(MainWindow::View::Equity);
    QVERIFY(showLaidOut(window));
    EquityChart& chart = *window.equityChart();
    const QCPGraphDataContainer& train = *chart.equityGraphs().first()->data();
    const QCPGraphData& day = *(train.constBegin() + train.size() / 2);

    const QPointF pixel(chart.equityTimeAxis()->coordToPixel(day.key),
                        chart.equityAxis()->coordToPixel(day.value));
    moveMouse(chart.plot(), pixel);
    QVERIFY(chart.crosshair()->isShown());
    const QString text = chart.crosshair()->text();
    QVERIFY2(text.startsWith(dateOfPlotKey(day.key).toString(Qt::ISODate)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Equity ") + QLocale().toString(day.value, 'f', 2)),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Train")), qPrintable(text));

    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(chart.plot(), &leave);
    QVERIFY(!chart.crosshair()->isShown());
}

void WorkstationTest::chartExportsToPngPdfAndSvg() {
    MainWindow window;
    runEq(window);
    if (QTest::currentTestFailed()) return;
    window.showView(MainWindow::View::Equity);
    QVERIFY(showLaidOut(window));
    QCOMPARE(window.currentPlot(), window.equityChart()->plot());
    QCOMPARE(window.exportChartAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+E")));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString& name :
         {QStringLiteral("equity.png"), QStringLiteral("equity.pdf"), QStringLiteral("equity.svg")}) {
        const QString path = dir.filePath(name);
        const QString error = window.exportCurrentChart(path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
    }
    QCOMPARE(fileStart(dir.filePath(QStringLiteral("equity.png")), 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    QCOMPARE(fileStart(dir.filePath(QStringLiteral("equity.pdf")), 5), QByteArray("%PDF-"));
    const QByteArray svg = fileStart(dir.filePath(QStringLiteral("equity.svg")), 4096);
    QVERIFY2(svg.startsWith("<?xml"), svg.left(80).constData());
    QVERIFY(svg.contains("<svg"));

    const QString refused = window.exportCurrentChart(dir.filePath(QStringLiteral("equity.bmp")));
    QVERIFY2(refused.contains(QStringLiteral(".png, .pdf or .svg")), qPrintable(refused));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("equity.bmp"))));
}

// saveState() finds docks by their object name: one without a name would lose its place.
void WorkstationTest::everyDockHasAnObjectName() {
    MainWindow window;
    const QList<QDockWidget*> docks = window.findChildren<QDockWidget*>();
    QCOMPARE(docks.size(), 5);  // Data, Configs, Run Queue, Results, Log
    QSet<QString> names;
    for (const QDockWidget* dock : docks) {
        QVERIFY2(!dock->objectName().isEmpty(), qPrintable(dock->windowTitle()));
        names.insert(dock->objectName());
    }
    QCOMPARE(names.size(), docks.size());
    for (const QToolBar* bar : window.findChildren<QToolBar*>()) QVERIFY(!bar->objectName().isEmpty());
}

void WorkstationTest::configsDockOpensTheConfigActivated() {
    MainWindow window;
    ConfigBrowser& configs = *window.configBrowser();
    QSignalSpy loaded(configs.model(), &QFileSystemModel::directoryLoaded);
    QVERIFY(configs.setFolder(kConfigDir));
    QVERIFY(!configs.setFolder(kConfigDir + QStringLiteral("/no-such-folder")));
    QCOMPARE(configs.folder(), QFileInfo(kConfigDir).absoluteFilePath());
    QVERIFY(loaded.wait(10000));
    // Only the YAML files: the five reference configs.
    const QModelIndex root = configs.view()->rootIndex();
    QCOMPARE(configs.model()->rowCount(root), 5);

    const QModelIndex eq = configs.model()->index(kEquityConfig);
    QVERIFY(eq.isValid());
    configs.view()->setCurrentIndex(eq);
    QTest::keyClick(configs.view(), Qt::Key_Return);  // what a double-click does
    QCOMPARE(window.configPath(), QFileInfo(kEquityConfig).absoluteFilePath());
    QCOMPARE(window.configEditor()->filePath(), QFileInfo(kEquityConfig).absoluteFilePath());

    // A config opened elsewhere (File > Open) is selected; one outside the folder brings its own folder.
    const QString crypto = kConfigDir + QStringLiteral("/cr.yaml");
    window.openConfig(crypto);
    QCOMPARE(configs.currentConfig(), QFileInfo(crypto).absoluteFilePath());
    window.openConfig(kSweep1000Config);
    QCOMPARE(configs.folder(), QFileInfo(kSweep1000Config).absolutePath());
    QTRY_COMPARE(configs.currentConfig(), QFileInfo(kSweep1000Config).absoluteFilePath());
}

void WorkstationTest::configsDockShowsTheConfigsBesideTheData() {
    MainWindow window;
    QVERIFY(window.configBrowser()->folder().isEmpty());
    QSignalSpy loaded(&window, &MainWindow::marketDataChanged);
    window.loadDataFolder(kDataFolder);
    QVERIFY(loaded.wait(kJobTimeoutMs));
    QCOMPARE(window.configBrowser()->folder(),
             QDir::cleanPath(QFileInfo(kDataFolder).absoluteFilePath() + QStringLiteral("/../configs")));
}

void WorkstationTest::hiddenDockStaysHiddenInTheNextWindow() {
    testSettings().clear();
    {
        MainWindow first(MainWindow::SessionMode::Remembered);
        QVERIFY(!first.restoredGeometry());
        first.resize(1200, 800);
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        QVERIFY(!first.dataDock()->isHidden());
        first.dataDock()->hide();
        first.close();  // saves the layout
    }
    MainWindow second(MainWindow::SessionMode::Remembered);
    QVERIFY(second.restoredGeometry());
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QVERIFY(second.dataDock()->isHidden());
    QVERIFY(!second.dataDock()->toggleViewAction()->isChecked());
    QCOMPARE(second.size(), QSize(1200, 800));

    MainWindow fresh;  // pictures and tests: the default layout whatever was saved
    fresh.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fresh));
    QVERIFY(!fresh.dataDock()->isHidden());
    testSettings().clear();
}

void WorkstationTest::recentConfigsKeepTheLatestEight() {
    testSettings().clear();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList configs;
    for (int i = 0; i < MainWindow::kMaxRecentFiles + 1; ++i) {
        configs << dir.filePath(QStringLiteral("config_%1.yaml").arg(i));
        QFile file(configs.last());
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    {
        MainWindow window(MainWindow::SessionMode::Remembered);
        for (const QString& config : std::as_const(configs)) window.openConfig(config);
        QCOMPARE(window.recentFiles().size(), MainWindow::kMaxRecentFiles);
        QCOMPARE(window.recentFiles().first(), configs.last());
        QVERIFY(!window.recentFiles().contains(configs.first()));  // the oldest went
        window.openConfig(configs[3]);  // opening one again moves it to the top, not in twice
        QCOMPARE(window.recentFiles().first(), configs[3]);
        QCOMPARE(window.recentFiles().count(configs[3]), 1);
        // The eight files, a separator and Clear Recent Files.
        QCOMPARE(window.recentMenu()->actions().size(), MainWindow::kMaxRecentFiles + 2);
        QVERIFY(window.recentMenu()->actions().first()->text().contains(QStringLiteral("config_3.yaml")));
    }
    MainWindow next(MainWindow::SessionMode::Remembered);  // the list is in the settings
    QCOMPARE(next.recentFiles().first(), configs[3]);
    QCOMPARE(next.recentFiles().size(), MainWindow::kMaxRecentFiles);
    QVERIFY(MainWindow().recentFiles().isEmpty());  // a fresh window reads no settings
    testSettings().clear();
}

void WorkstationTest::missingRecentFileIsRemoved() {
    testSettings().clear();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString kept = dir.filePath(QStringLiteral("kept.yaml"));
    const QString gone = dir.filePath(QStringLiteral("gone.yaml"));
    for (const QString& path : {kept, gone}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    MainWindow window(MainWindow::SessionMode::Remembered);
    window.openConfig(kept);
    window.openConfig(gone);
    QVERIFY(QFile::remove(gone));

    QVERIFY(!window.openRecent(gone));
    QCOMPARE(window.recentFiles(), QStringList{kept});
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("no longer exists")),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(window.configPath(), gone);  // what was open stays open
    QVERIFY(window.openRecent(kept));
    QCOMPARE(window.configPath(), kept);
    QCOMPARE(MainWindow(MainWindow::SessionMode::Remembered).recentFiles(), QStringList{kept});
    testSettings().clear();
}

void WorkstationTest::logRecordsJobsAndLoads() {
    MainWindow window;
    window.setMarketData(market_, kDataFolder);
    runEq(window);
    if (QTest::currentTestFailed()) return;
    const QString log = window.logView()->toPlainText();
    QVERIFY2(window.logView()->isReadOnly(), "the log is a record, not an editor");
    QVERIFY2(log.contains(QStringLiteral("22 symbols, ")) && log.contains(QStringLiteral(" loaded from ")),
             qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("Opened config ")), qPrintable(log));
    for (const QString& period :
         {QStringLiteral("train"), QStringLiteral("validation"), QStringLiteral("holdout")}) {
        QVERIFY2(log.contains(QStringLiteral("eq.yaml %1 started").arg(period)), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("eq.yaml %1 finished in ").arg(period)), qPrintable(log));
    }
    const QRegularExpression timestamped(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d  \\S"));
    for (const QString& line : log.split(QLatin1Char('\n')))
        QVERIFY2(timestamped.match(line).hasMatch() || line.startsWith(QStringLiteral("          ")),
                 qPrintable(line));

    window.openConfig(kConfigDir + QStringLiteral("/no-such-config.yaml"));
    QSignalSpy ended(window.runManager(), &RunManager::allJobsEnded);
    window.runBacktest();
    QVERIFY(ended.wait(kJobTimeoutMs));
    QVERIFY2(
        window.logView()->toPlainText().contains(QStringLiteral("no-such-config.yaml train failed after")),
        qPrintable(window.logView()->toPlainText()));
}

void WorkstationTest::aboutBoxNamesTheVersions() {
    const QString about = MainWindow().aboutText();
    QVERIFY2(about.contains(QStringLiteral("TradeLab " TRADELAB_VERSION)), qPrintable(about));
    QVERIFY2(about.contains(QString::fromLatin1(qVersion())), qPrintable(about));
    QVERIFY2(about.contains(QStringLiteral(QCUSTOMPLOT_VERSION_STR)), qPrintable(about));
    QVERIFY2(about.contains(QString::fromLatin1(sqlite3_libversion())), qPrintable(about));
    QVERIFY2(about.contains(QStringLiteral("yaml-cpp</td><td>0.")), qPrintable(about));
    QVERIFY2(about.contains(QStringLiteral("GCC ")) || about.contains(QStringLiteral("Clang ")),
             qPrintable(about));
    QVERIFY2(about.contains(QStringLiteral("Build type")), qPrintable(about));
}

void WorkstationTest::germanTranslationTranslatesTheMenus() {
    QVERIFY(!tradeLabTranslator(QLocale(QLocale::English, QLocale::UnitedStates)));  // the source language
    const std::unique_ptr<QTranslator> german =
        tradeLabTranslator(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY2(german, "tradelab_de.qm is missing from the resources");
    QCoreApplication::installTranslator(german.get());
    {
        MainWindow window;
        QStringList menus;
        for (const QAction* menu : window.menuBar()->actions()) menus << menu->text();
        QCOMPARE(menus, (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                                     QStringLiteral("&Ansicht"), QStringLiteral("&Ausführen"),
                                     QStringLiteral("&Hilfe")}));
        QCOMPARE(window.dataDock()->windowTitle(), QStringLiteral("Daten"));
        QCOMPARE(window.viewTabs()->tabText(0), QStringLiteral("Kurs"));
        QCOMPARE(window.exportChartAction()->text(), QStringLiteral("Diagramm &exportieren…"));
    }
    QCoreApplication::removeTranslator(german.get());
    QCOMPARE(MainWindow().menuBar()->actions().first()->text(), QStringLiteral("&File"));
}

// How long the event loop goes without a turn while a 1,000-point sweep runs as a job: a probe timer
// fires every 5 ms and the longest gap between its ticks is the worst stall a user would feel. Only
// printed: the figure depends on the machine.
void WorkstationTest::eventLoopKeepsTickingDuringA1000PointSweep() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openConfig(kSweep1000Config);

    QElapsedTimer clock;
    qint64 lastTick = 0;
    qint64 longestGap = 0;
    QTimer probe;
    probe.setInterval(kTickMs);
    connect(&probe, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        longestGap = std::max(longestGap, now - lastTick);
        lastTick = now;
    });
    QSignalSpy shown(&window, &MainWindow::sweepShown);
    clock.start();
    probe.start();
    QVERIFY(window.runSensitivitySweep() > 0);
    QVERIFY(shown.wait(kSweepTimeoutMs));
    probe.stop();

    qInfo(
        "Longest event-loop stall while a 1,000-point sweep ran: %lld ms (probe every %d ms, %lld ms in all)",
        longestGap, kTickMs, clock.elapsed());
    const std::shared_ptr<const validation::SweepResult>& sweep = window.sensitivityView()->sweep();
    QVERIFY(sweep);
    QVERIFY(!sweep->partial);
    QCOMPARE(sweep->points.size(), std::size_t(1000));
    QCOMPARE(window.sensitivityView()->analysis().evaluated, std::size_t(1000));
}

// A running 1,000-point sweep shows how long is left, and Cancel ends it within moments (the points
// running poll the cancel flag every day of their backtest).
void WorkstationTest::cancellingARunningSweepStopsItPromptly() {
    MainWindow window;
    window.openConfig(kSweep1000Config);
    const int id = window.runSensitivitySweep();
    QVERIFY(id > 0);
    RunManager& manager = *window.runManager();
    QTRY_VERIFY_WITH_TIMEOUT(manager.job(id)->percent >= 10, kJobTimeoutMs);
    const int row = manager.indexOf(id);
    QTRY_VERIFY_WITH_TIMEOUT(window.runQueueModel()
                                 ->index(row, RunQueueModel::ElapsedColumn)
                                 .data()
                                 .toString()
                                 .contains(QStringLiteral("left")),
                             5000);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(manager.cancel(id));
    QTRY_COMPARE_WITH_TIMEOUT(manager.job(id)->state, JobState::Cancelled, 5000);
    qInfo("sweep cancelled %lld ms after Cancel, at %d %%", clock.elapsed(), manager.job(id)->percent);
}

// Run > Validate on the EQ reference config: the Validation tab shows the verdict the command line
// gives (REJECT), the table of its 18 checks, and the validation is in the store at once.
void WorkstationTest::validationSuiteShowsItsVerdictAndIsStored() {
    MainWindow window;
    window.openConfig(kEquityConfig);
    QSignalSpy ended(window.runManager(), &RunManager::allJobsEnded);
    const int id = window.runValidation();
    QVERIFY(id > 0);
    QVERIFY(ended.wait(kJobTimeoutMs * 2));
    const RunJob& job = *window.runManager()->job(id);
    QVERIFY2(job.state == JobState::Finished, qPrintable(job.message));
    QVERIFY(job.storedRunId > 0);
    QCOMPARE(window.viewTabs()->currentWidget(), window.validationView());
    QVERIFY2(window.validationView()->verdictText().contains(QStringLiteral("REJECT")),
             qPrintable(window.validationView()->verdictText()));
    QCOMPARE(window.validationView()->checksTable()->rowCount(), 18);
    QVERIFY(
        window.validationView()->summaryText()->toPlainText().contains(QStringLiteral("permutation test")));
    QCOMPARE(window.resultsBrowser()->selectRuns({job.storedRunId}), 1);
}

void WorkstationTest::walkForwardShowsTheStitchedCurveAndStoresItsFolds() {
    MainWindow window;
    window.openConfig(kEquityConfig);
    QSignalSpy ended(window.runManager(), &RunManager::allJobsEnded);
    // The schedule suggested for eq.yaml's data: 12 months in sample, 3 out, three folds.
    const int id = window.runWalkForward();
    QVERIFY(id > 0);
    QVERIFY(ended.wait(kJobTimeoutMs * 2));
    const RunJob& job = *window.runManager()->job(id);
    QVERIFY2(job.state == JobState::Finished, qPrintable(job.message));
    QCOMPARE(window.viewTabs()->currentWidget(), window.walkForwardView());
    const WalkForwardView& view = *window.walkForwardView();
    QCOMPARE(view.foldTable()->rowCount(), 3);
    QVERIFY(view.stitchedGraph()->data()->size() > 150);  // three quarters of NYSE days
    QVERIFY2(view.headlineText().contains(QStringLiteral("walk-forward")), qPrintable(view.headlineText()));
    // Its last fold is the job's stored run, listed in the Results dock at once.
    QVERIFY(job.storedRunId > 0);
    QCOMPARE(window.resultsBrowser()->selectRuns({job.storedRunId}), 1);
}

void WorkstationTest::stressTestsShowEveryStressedCurveAndAreStored() {
    MainWindow window;
    window.openConfig(kEquityConfig);
    QSignalSpy ended(window.runManager(), &RunManager::allJobsEnded);
    const int id = window.runStressTests();
    QVERIFY(id > 0);
    QVERIFY(ended.wait(kJobTimeoutMs * 2));
    const RunJob& job = *window.runManager()->job(id);
    QVERIFY2(job.state == JobState::Finished, qPrintable(job.message));
    QCOMPARE(window.viewTabs()->currentWidget(), window.stressView());
    const StressView& view = *window.stressView();
    // The baseline, 2x and 3x slippage and the flash crash; the five gates.
    QCOMPARE(view.curveGraphs().size(), 4);
    QCOMPARE(view.checksTable()->rowCount(), 5);
    QVERIFY2(view.headlineText().contains(QStringLiteral("FAILED")), qPrintable(view.headlineText()));
    // The job's result is the continuous baseline: train start to validation end.
    QVERIFY(job.result);
    QCOMPARE(view.curveGraphs().first()->data()->size(), int(job.result->equity_curve.size()));
    QVERIFY(job.storedRunId > 0);
    QCOMPARE(window.resultsBrowser()->selectRuns({job.storedRunId}), 1);
}

QTEST_MAIN(WorkstationTest)
#include "test_workstation.moc"
