#include "main_window.hpp"

#include <qcustomplot.h>
#include <sqlite3.h>

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTime>
#include <QToolButton>

#include "chart_export.hpp"
#include "config/config_loader.hpp"
#include "config_browser.hpp"
#include "config_editor.hpp"
#include "data_browser.hpp"
#include "equity_chart.hpp"
#include "market_data_loader.hpp"
#include "monthly_returns_chart.hpp"
#include "price_chart.hpp"
#include "qt_conversions.hpp"
#include "results_browser.hpp"
#include "run_compare_view.hpp"
#include "run_manager.hpp"
#include "run_queue_model.hpp"
#include "run_queue_view.hpp"
#include "sensitivity_heatmap.hpp"
#include "store/results_store.hpp"
#include "strategy_wizard.hpp"
#include "stress_view.hpp"
#include "symbol_table_model.hpp"
#include "trade_histogram.hpp"
#include "validation_view.hpp"
#include "walk_forward_view.hpp"

namespace tradelab::gui {
namespace {

// The periods Run > Backtest runs, in the order the views show them.
const QStringList kPeriods = {QStringLiteral("train"), QStringLiteral("validation"),
                              QStringLiteral("holdout")};
// What Run > Sensitivity Sweep runs: the grid over the train period, the holdout untouched.
const QString kSweepPeriod = QStringLiteral("train");
const QString kSweepObjective = QStringLiteral("sharpe_ratio");

// The first problem of a failed job, and how many more the run queue lists: the status bar has one line.
QString failureSummary(const RunJob& job) {
    const QStringList lines = job.message.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QString first = lines.isEmpty() ? QString() : lines.first();
    const QString name = QFileInfo(job.configPath).fileName();
    if (lines.size() <= 1) return MainWindow::tr("%1 %2 failed: %3").arg(name, job.period, first);
    return MainWindow::tr("%1 %2 failed: %3 (and %4 more in the run queue)")
        .arg(name, job.period, first)
        .arg(lines.size() - 1);
}

// The settings of every remembered window: organisation and application "TradeLab", in the user's
// configuration folder (on Linux under $XDG_CONFIG_HOME).
QSettings userSettings() {
    return QSettings(QStringLiteral("TradeLab"), QStringLiteral("TradeLab"));
}
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kRecentFilesKey = QStringLiteral("recentFiles");
const QString kConfigFolderKey = QStringLiteral("configFolder");
// Bumped when the docks change so much that an older saved layout would misplace them.
constexpr int kWindowStateVersion = 1;
constexpr int kLogLineLimit = 5000;  // the oldest lines go first; a long session must not grow without end

// "GCC 12.2.0": the compiler that built this binary.
QString compilerDescription() {
#if defined(__clang__)
    return QStringLiteral("Clang " __clang_version__);
#elif defined(__GNUC__)
    return QStringLiteral("GCC " __VERSION__);
#elif defined(_MSC_FULL_VER)
    return QStringLiteral("MSVC %1").arg(_MSC_FULL_VER);
#else
    return MainWindow::tr("an unknown compiler");
#endif
}

// "42 ms", "3.4 s": a backtest that shares its market load often ends within a tenth of a second.
QString durationText(qint64 milliseconds) {
    if (milliseconds < 1000) return MainWindow::tr("%1 ms").arg(milliseconds);
    return MainWindow::tr("%1 s").arg(QLocale().toString(double(milliseconds) / 1000.0, 'f', 1));
}

// "2.5, 0, 50, continuous": a grid point in a chart title, short enough to fit; the heatmap's axes and
// the status bar name the parameters.
QString gridPointValues(const validation::SweepResult& sweep, std::size_t point) {
    QStringList values;
    for (const std::string& label : sweep.points[point].labels) values << toQString(label);
    return values.join(QStringLiteral(", "));
}

}  // namespace

MainWindow::MainWindow(SessionMode mode, QWidget* parent)
    : QMainWindow(parent),
      loader_(new MarketDataLoader(this)),
      browser_(new DataBrowser(this)),
      chart_(new PriceChart(this)),
      runManager_(new RunManager(this)),
      runQueueModel_(new RunQueueModel(runManager_, this)),
      equityChart_(new EquityChart(this)),
      monthlyChart_(new MonthlyReturnsChart(this)),
      tradeHistogram_(new TradeHistogram(this)),
      sensitivityView_(new SensitivityHeatmapView(this)),
      resultsBrowser_(new ResultsBrowser(this)),
      compareView_(new RunCompareView(this)),
      configEditor_(new ConfigEditor(this)),
      validationView_(new ValidationView(this)),
      configBrowser_(new ConfigBrowser(this)),
      walkForwardView_(new WalkForwardView(this)),
      stressView_(new StressView(this)),
      sessionMode_(mode) {
    setWindowTitle(tr("TradeLab"));
    createViewTabs();
    createActions();
    createDataDock();
    createConfigsDock();
    createRunDock();
    createResultsDock();
    createLogDock();
    createConfigEditor();
    createMenus();
    createStatusBar();
    connectBrowserToChart();
    connectRunManager();
    updateRunActions();

    connect(loader_, &MarketDataLoader::progressChanged, this, &MainWindow::onLoadProgress);
    connect(loader_, &MarketDataLoader::finished, this, &MainWindow::onLoadFinished);
    if (sessionMode_ == SessionMode::Remembered) restoreSession();
}

MainWindow::~MainWindow() = default;

void MainWindow::createViewTabs() {
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    tabs_->addTab(chart_, tr("Price"));
    tabs_->addTab(configEditor_, tr("Config"));
    tabs_->addTab(equityChart_, tr("Equity && Drawdown"));
    tabs_->addTab(monthlyChart_, tr("Monthly Returns"));
    tabs_->addTab(tradeHistogram_, tr("Trades"));
    tabs_->addTab(sensitivityView_, tr("Sensitivity"));
    tabs_->addTab(validationView_, tr("Validation"));
    tabs_->addTab(walkForwardView_, tr("Walk-Forward"));
    tabs_->addTab(stressView_, tr("Stress"));
    tabs_->addTab(compareView_, tr("Compare"));
    setCentralWidget(tabs_);
    const QString hint = tr("No backtest results yet: File > Open Config…, then Run > Backtest (F5)");
    equityChart_->clear(hint);
    monthlyChart_->clear(hint);
    tradeHistogram_->clear(hint);
    sensitivityView_->clear(
        tr("No sensitivity sweep yet: File > Open Config…, then Run > Sensitivity Sweep (Ctrl+F5)"));
    stressView_->clear(
        tr("No stress tests yet: File > Open Config…, then Run > Stress Tests (Ctrl+Shift+F5)"));
    walkForwardView_->clear(
        tr("No walk-forward yet: File > Open Config…, then Run > Walk-Forward… (Alt+F5)"));
    connect(sensitivityView_, &SensitivityHeatmapView::cellActivated, this, &MainWindow::runSweepPoint);
}

void MainWindow::createActions() {
    // A run config is the document opened most often, so it takes the platform's Open key.
    openConfigAction_ = new QAction(tr("Open &Config…"), this);
    openConfigAction_->setShortcut(QKeySequence::Open);
    openConfigAction_->setStatusTip(tr("Choose the run config that Run > Backtest runs"));
    connect(openConfigAction_, &QAction::triggered, this, &MainWindow::chooseConfig);

    openAction_ = new QAction(tr("&Open Data Folder…"), this);
    openAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    openAction_->setStatusTip(tr("Load the market data of another folder"));
    connect(openAction_, &QAction::triggered, this, &MainWindow::chooseDataFolder);

    clearRecentAction_ = new QAction(tr("&Clear Recent Files"), this);
    connect(clearRecentAction_, &QAction::triggered, this, [this] {
        recentFiles_.clear();
        saveRecentFiles();
        updateRecentMenu();
    });

    // Ctrl+N and Ctrl+S stay free: they belong to the strategy wizard and the config editor.
    exportChartAction_ = new QAction(tr("&Export Chart…"), this);
    exportChartAction_->setShortcut(QKeySequence(tr("Ctrl+E")));
    exportChartAction_->setStatusTip(tr("Save the chart of the current tab as a PNG, PDF or SVG file"));
    connect(exportChartAction_, &QAction::triggered, this, &MainWindow::chooseExportFile);

    backtestAction_ = new QAction(tr("&Backtest"), this);
    backtestAction_->setShortcut(QKeySequence(Qt::Key_F5));
    backtestAction_->setStatusTip(tr("Run the train, validation and holdout periods of the open config"));
    connect(backtestAction_, &QAction::triggered, this, &MainWindow::runBacktest);

    sensitivityAction_ = new QAction(tr("&Sensitivity Sweep"), this);
    sensitivityAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F5));
    sensitivityAction_->setStatusTip(
        tr("Run the open config's parameter grid over the train period and show it as a heatmap"));
    connect(sensitivityAction_, &QAction::triggered, this, &MainWindow::runSensitivitySweep);

    validateAction_ = new QAction(tr("&Validate"), this);
    validateAction_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    validateAction_->setStatusTip(
        tr("Run the validation suite of the open config (bootstraps, permutation test, stress, verdict)"));
    connect(validateAction_, &QAction::triggered, this, &MainWindow::runValidation);

    walkForwardAction_ = new QAction(tr("&Walk-Forward…"), this);
    walkForwardAction_->setShortcut(QKeySequence(Qt::ALT | Qt::Key_F5));
    walkForwardAction_->setStatusTip(tr(
        "Optimise the open config's grid on rolling in-sample windows and trade each winner out of sample"));
    connect(walkForwardAction_, &QAction::triggered, this, &MainWindow::chooseWalkForward);

    stressAction_ = new QAction(tr("S&tress Tests"), this);
    stressAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
    stressAction_->setStatusTip(
        tr("Rerun the open config's train and validation span with doubled and tripled "
           "slippage and flash crashes; judge bear and range months"));
    connect(stressAction_, &QAction::triggered, this, &MainWindow::runStressTests);

    cancelJobAction_ = new QAction(tr("&Cancel Job"), this);
    cancelJobAction_->setShortcut(QKeySequence(Qt::Key_Escape));
    cancelJobAction_->setStatusTip(tr("Cancel the job selected in the run queue, or every running job"));
    connect(cancelJobAction_, &QAction::triggered, this, &MainWindow::cancelSelectedJob);

    logScaleAction_ = new QAction(tr("&Logarithmic Equity Scale"), this);
    logScaleAction_->setCheckable(true);
    connect(logScaleAction_, &QAction::toggled, equityChart_, &EquityChart::setLogScale);
    connect(equityChart_, &EquityChart::logScaleChanged, logScaleAction_, &QAction::setChecked);

    quitAction_ = new QAction(tr("&Quit"), this);
    quitAction_->setShortcut(QKeySequence(tr("Ctrl+Q")));
    quitAction_->setMenuRole(QAction::QuitRole);
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);

    candlesAction_ = new QAction(tr("&Candles"), this);
    ohlcAction_ = new QAction(tr("&OHLC Bars"), this);
    auto* styleGroup = new QActionGroup(this);
    for (QAction* action : {candlesAction_, ohlcAction_}) {
        action->setCheckable(true);
        styleGroup->addAction(action);
    }
    candlesAction_->setChecked(chart_->chartStyle() == PriceChart::ChartStyle::Candles);
    ohlcAction_->setChecked(chart_->chartStyle() == PriceChart::ChartStyle::Ohlc);
    connect(candlesAction_, &QAction::triggered, this,
            [this] { chart_->setChartStyle(PriceChart::ChartStyle::Candles); });
    connect(ohlcAction_, &QAction::triggered, this,
            [this] { chart_->setChartStyle(PriceChart::ChartStyle::Ohlc); });

    showAllAction_ = new QAction(tr("Show &All Bars"), this);
    showAllAction_->setShortcut(QKeySequence(tr("Ctrl+0")));
    connect(showAllAction_, &QAction::triggered, chart_, &PriceChart::showAllBars);

    aboutAction_ = new QAction(tr("&About TradeLab"), this);
    aboutAction_->setMenuRole(QAction::AboutRole);
    connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);
    aboutQtAction_ = new QAction(tr("About &Qt"), this);
    aboutQtAction_->setMenuRole(QAction::AboutQtRole);
    connect(aboutQtAction_, &QAction::triggered, qApp, &QApplication::aboutQt);

    compareAction_ = new QAction(tr("&Compare Selected Runs"), this);
    compareAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    compareAction_->setStatusTip(tr("Put the 2 to 4 runs selected in the Results dock side by side"));
    compareAction_->setEnabled(false);
    connect(compareAction_, &QAction::triggered, this,
            [this] { compareRuns(resultsBrowser_->selectedRunIds()); });
}

void MainWindow::createMenus() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(newStrategyAction_);
    fileMenu->addAction(openConfigAction_);
    fileMenu->addAction(openAction_);
    recentMenu_ = fileMenu->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    fileMenu->addAction(saveConfigAction_);
    fileMenu->addAction(saveConfigAsAction_);
    fileMenu->addSeparator();
    fileMenu->addAction(exportChartAction_);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction_);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(configEditor_->undoAction());
    editMenu->addAction(configEditor_->redoAction());

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(candlesAction_);
    viewMenu->addAction(ohlcAction_);
    viewMenu->addSeparator();
    viewMenu->addAction(showAllAction_);
    viewMenu->addAction(logScaleAction_);
    viewMenu->addSeparator();
    viewMenu->addAction(dataDock_->toggleViewAction());
    viewMenu->addAction(configsDock_->toggleViewAction());
    viewMenu->addAction(runDock_->toggleViewAction());
    viewMenu->addAction(resultsDock_->toggleViewAction());
    viewMenu->addAction(logDock_->toggleViewAction());

    QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(backtestAction_);
    runMenu->addAction(sensitivityAction_);
    runMenu->addAction(validateAction_);
    runMenu->addAction(stressAction_);
    runMenu->addAction(walkForwardAction_);
    runMenu->addAction(cancelJobAction_);
    runMenu->addSeparator();
    runMenu->addAction(compareAction_);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(aboutAction_);
    helpMenu->addAction(aboutQtAction_);
}

void MainWindow::createDataDock() {
    dataDock_ = new QDockWidget(tr("Data"), this);
    dataDock_->setObjectName(QStringLiteral("dataDock"));
    dataDock_->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    dataDock_->setWidget(browser_);
    addDockWidget(Qt::LeftDockWidgetArea, dataDock_);
}

// The configs of a folder, next to the data: double-click opens one in the Config tab.
void MainWindow::createConfigsDock() {
    configsDock_ = new QDockWidget(tr("Configs"), this);
    configsDock_->setObjectName(QStringLiteral("configsDock"));
    configsDock_->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    configsDock_->setWidget(configBrowser_);
    addDockWidget(Qt::LeftDockWidgetArea, configsDock_);
    tabifyDockWidget(dataDock_, configsDock_);
    dataDock_->raise();
    connect(configBrowser_, &ConfigBrowser::configActivated, this, [this](const QString& path) {
        openConfig(path);
        tabs_->setCurrentWidget(configEditor_);
    });
    connect(configBrowser_, &ConfigBrowser::folderChanged, this, [this](const QString& folder) {
        if (sessionMode_ == SessionMode::Remembered) userSettings().setValue(kConfigFolderKey, folder);
    });
}

void MainWindow::createRunDock() {
    runQueueView_ = new RunQueueView(runQueueModel_, this);
    runDock_ = new QDockWidget(tr("Run Queue"), this);
    runDock_->setObjectName(QStringLiteral("runQueueDock"));
    runDock_->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    runDock_->setWidget(runQueueView_);
    addDockWidget(Qt::BottomDockWidgetArea, runDock_);
    runDock_->hide();  // until there is something to run: Run > Backtest brings it up
}

// Every stored run, from the CLI or this window, newest first; selecting 2-4 enables Compare.
void MainWindow::createResultsDock() {
    resultsDock_ = new QDockWidget(tr("Results"), this);
    resultsDock_->setObjectName(QStringLiteral("resultsDock"));
    resultsDock_->setWidget(resultsBrowser_);
    addDockWidget(Qt::BottomDockWidgetArea, resultsDock_);
    if (runDock_) tabifyDockWidget(runDock_, resultsDock_);
    resultsBrowser_->setStorePath(resultsStorePath());
    compareView_->clear(tr("Select 2 to 4 runs in the Results dock, then Run > Compare Selected Runs"));
    connect(resultsBrowser_, &ResultsBrowser::selectionChangedRuns, this,
            [this](const QList<qint64>& ids) { compareAction_->setEnabled(ids.size() >= 2); });
    connect(resultsBrowser_, &ResultsBrowser::storeError, this,
            [this](const QString& message) { statusBar()->showMessage(message); });
}

// What happened, with the time: jobs starting and ending, loads, configs opened. Read-only: it is a
// record, and the run queue is where jobs are acted on.
void MainWindow::createLogDock() {
    logView_ = new QPlainTextEdit(this);
    logView_->setReadOnly(true);
    logView_->setMaximumBlockCount(kLogLineLimit);
    logView_->setLineWrapMode(QPlainTextEdit::NoWrap);
    logView_->setPlaceholderText(tr("Job starts and ends, loads and their problems appear here."));
    logDock_ = new QDockWidget(tr("Log"), this);
    logDock_->setObjectName(QStringLiteral("logDock"));
    logDock_->setWidget(logView_);
    addDockWidget(Qt::BottomDockWidgetArea, logDock_);
    tabifyDockWidget(resultsDock_, logDock_);
    resultsDock_->raise();  // the results are what the bottom area is mostly for
}

void MainWindow::appendLog(const QString& line) {
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    // A multi-line message (a failed job's problems) keeps its lines under the first, indented.
    QStringList lines = line.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty()) return;
    const QString separator = QStringLiteral("  ");
    logView_->appendPlainText(time + separator + lines.takeFirst());
    const QString indent(time.size() + separator.size(), QLatin1Char(' '));
    for (const QString& more : std::as_const(lines)) logView_->appendPlainText(indent + more);
}

QString MainWindow::resultsStorePath() const {
    return toQString(store::ResultsStore::default_path());
}

bool MainWindow::compareRuns(const QList<qint64>& ids) {
    const bool shown = compareView_->showRuns(resultsStorePath(), ids);
    tabs_->setCurrentWidget(compareView_);
    if (!shown) statusBar()->showMessage(compareView_->message());
    return shown;
}

void MainWindow::createStatusBar() {
    summaryLabel_ = new QLabel(tr("No data loaded"), this);
    progressBar_ = new QProgressBar(this);
    progressBar_->setRange(0, 100);
    progressBar_->setMaximumWidth(220);
    cancelButton_ = new QToolButton(this);
    cancelButton_->setText(tr("Cancel"));
    connect(cancelButton_, &QToolButton::clicked, loader_, &MarketDataLoader::cancel);

    statusBar()->addWidget(summaryLabel_, 1);
    statusBar()->addPermanentWidget(progressBar_);
    statusBar()->addPermanentWidget(cancelButton_);
    progressBar_->hide();
    cancelButton_->hide();
}

void MainWindow::connectBrowserToChart() {
    connect(browser_, &DataBrowser::seriesSelected, this, &MainWindow::showSeries);
    connect(browser_, &DataBrowser::noSeriesSelected, this,
            [this] { chart_->clear(tr("No price data for this selection")); });
    connect(chart_, &PriceChart::chartStyleChanged, this, [this](PriceChart::ChartStyle style) {
        (style == PriceChart::ChartStyle::Candles ? candlesAction_ : ohlcAction_)->setChecked(true);
    });
}

void MainWindow::connectRunManager() {
    connect(runManager_, &RunManager::jobEnded, this, &MainWindow::onJobEnded);
    connect(runManager_, &RunManager::jobChanged, this, &MainWindow::updateRunActions);
    connect(runManager_, &RunManager::jobAdded, this, &MainWindow::updateRunActions);
    connect(runManager_, &RunManager::jobAdded, this, &MainWindow::logJobChange);
    connect(runManager_, &RunManager::jobChanged, this, &MainWindow::logJobChange);
}

// A job's progress changes it many times a second; the log records only its queueing and its start.
void MainWindow::logJobChange(int id) {
    const RunJob* job = runManager_->job(id);
    if (!job || loggedJobStates_.value(id, JobState::Finished) == job->state) return;
    if (job->state != JobState::Queued && job->state != JobState::Running) return;
    loggedJobStates_.insert(id, job->state);
    const QString name = QFileInfo(job->configPath).fileName();
    appendLog(job->state == JobState::Queued ? tr("%1 %2 queued (job %3)").arg(name, job->period).arg(id)
                                             : tr("%1 %2 started (job %3)").arg(name, job->period).arg(id));
}

void MainWindow::logJobEnd(int id) {
    const RunJob& job = *runManager_->job(id);
    loggedJobStates_.remove(id);
    const QString name = QFileInfo(job.configPath).fileName();
    const QString elapsed = durationText(runManager_->elapsedMs(id));
    switch (job.state) {
        case JobState::Finished:
            appendLog(tr("%1 %2 finished in %3: %4").arg(name, job.period, elapsed, job.message));
            break;
        case JobState::Cancelled:
            appendLog(tr("%1 %2 cancelled after %3").arg(name, job.period, elapsed));
            break;
        case JobState::Failed:
            appendLog(tr("%1 %2 failed after %3: %4").arg(name, job.period, elapsed, job.message));
            break;
        default:
            break;
    }
}

void MainWindow::chooseConfig() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Run Config"), QFileInfo(configPath_).path(),
                                     tr("Run configs (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty()) openConfig(path);
}

void MainWindow::openConfig(const QString& given) {
    // One spelling per file, so reopening the edited file keeps its edits and undo history.
    const QString path = QFileInfo(given).absoluteFilePath();
    QString problem;
    if (configEditor_->filePath() != path && !configEditor_->openFile(path, &problem))
        statusBar()->showMessage(tr("Cannot edit %1: %2").arg(QDir::toNativeSeparators(path), problem));
    if (config::detect_config_kind(toPath(path)) == config::ConfigKind::Strategy) {
        // A strategy config is edited here; runs keep using the open run config.
        configBrowser_->setCurrentConfig(path);
        tabs_->setCurrentWidget(configEditor_);
        updateTitle();
        return;
    }
    configPath_ = path;
    updateTitle();
    statusBar()->showMessage(
        tr("Opened %1. Run > Backtest (F5) runs its periods.").arg(QFileInfo(path).fileName()), 5000);
    appendLog(tr("Opened config %1").arg(QDir::toNativeSeparators(path)));
    configBrowser_->setCurrentConfig(path);
    addRecentFile(path);
    updateRunActions();
}

QList<int> MainWindow::runBacktest() {
    if (!readyToRun()) return {};
    showResultsOnFinish_ = true;
    return runManager_->submitBacktest(configPath_, kPeriods);
}

int MainWindow::runSensitivitySweep() {
    if (!readyToRun()) return 0;
    SweepJob job{std::make_shared<PreparedRun>(configPath_), std::make_shared<SweepOutput>()};
    const int id = runManager_->submit(configPath_, tr("sweep"),
                                       sensitivitySweepWork(job.prepared, job.output, kSweepPeriod,
                                                            kSweepObjective, configEditor_->sweepRanges()));
    sweepJobs_.insert(id, job);
    return id;
}

int MainWindow::runSweepPoint(std::size_t pointIndex) {
    const std::shared_ptr<const validation::SweepResult>& sweep = sensitivityView_->sweep();
    if (!sweep || !shownSweepRun_ || pointIndex >= sweep->points.size()) return 0;
    runDock_->show();
    const int id = runManager_->submit(shownSweepConfig_, tr("point %1").arg(pointIndex),
                                       sweepPointWork(shownSweepRun_, sweep, pointIndex));
    sweepPointJobs_.insert(id, SweepPointJob{sweep, pointIndex});
    statusBar()->showMessage(
        tr("Running grid point %1: %2…").arg(pointIndex).arg(gridPointLabels(*sweep, pointIndex)), 5000);
    return id;
}

void MainWindow::cancelSelectedJob() {
    const RunJob* selected = runManager_->job(runQueueView_->selectedJobId());
    if (selected && selected->isActive()) {
        runManager_->cancel(selected->id);
    } else {
        runManager_->cancelAll();
    }
}

void MainWindow::updateRunActions() {
    backtestAction_->setEnabled(!configPath_.isEmpty());
    sensitivityAction_->setEnabled(!configPath_.isEmpty());
    validateAction_->setEnabled(!configPath_.isEmpty());
    walkForwardAction_->setEnabled(!configPath_.isEmpty());
    stressAction_->setEnabled(!configPath_.isEmpty());
    cancelJobAction_->setEnabled(runManager_->hasActiveJobs());
}

void MainWindow::onJobEnded(int id) {
    updateRunActions();
    logJobEnd(id);
    const RunJob& job = *runManager_->job(id);
    if (job.storedRunId > 0) resultsBrowser_->reload();
    const QString name = QFileInfo(job.configPath).fileName();
    switch (job.state) {
        case JobState::Finished:
            if (validationJobs_.contains(id)) {
                showFinishedValidation(id);
            } else if (walkForwardJobs_.contains(id)) {
                showWalkForward(id);
            } else if (stressJobs_.contains(id)) {
                showStressTests(id);
            } else if (sweepJobs_.contains(id)) {
                showFinishedSweep(id);
            } else if (sweepPointJobs_.contains(id)) {
                showFinishedSweepPoint(id);
            } else {
                showFinishedJob(id);
            }
            break;
        case JobState::Cancelled:
            statusBar()->showMessage(tr("%1 %2: cancelled.").arg(name, job.period), 5000);
            if (walkForwardJobs_.contains(id)) showWalkForward(id);  // the folds done before the cancel
            break;
        case JobState::Failed:
            statusBar()->showMessage(failureSummary(job));
            break;
        default:
            break;
    }
    sweepJobs_.remove(id);
    sweepPointJobs_.remove(id);
    validationJobs_.remove(id);
    walkForwardJobs_.remove(id);
    stressJobs_.remove(id);
}

void MainWindow::showFinishedJob(int id) {
    const RunJob& job = *runManager_->job(id);
    if (job.configPath != resultsConfig_ || showingSweepPoint_) {
        resultsConfig_ = job.configPath;
        shownResults_.clear();
        showingSweepPoint_ = false;
    }
    // Train, validation and holdout in that order whatever order they finish in; any other period
    // (a job submitted by other means) after them.
    const int order = kPeriods.indexOf(job.period);
    shownResults_.insert(order < 0 ? int(kPeriods.size()) + id : order,
                         PeriodResult{job.period, job.result, job.benchmark});

    QStringList periods;
    for (const PeriodResult& period : shownResults_) periods << period.period;
    showResultViews(
        tr("%1 — %2").arg(QFileInfo(resultsConfig_).fileName(), periods.join(QStringLiteral(", "))));
    if (showResultsOnFinish_ && tabs_->currentWidget() == chart_) tabs_->setCurrentWidget(equityChart_);
    showResultsOnFinish_ = false;  // later results update the views without taking the user away
    statusBar()->showMessage(
        tr("%1 %2 finished: %3").arg(QFileInfo(job.configPath).fileName(), job.period, job.message), 5000);
    emit resultsShown();
}

void MainWindow::showResultViews(const QString& title) {
    const PeriodResults results = shownResults();
    equityChart_->showResults(tr("Equity — %1").arg(title), results);
    monthlyChart_->showResults(tr("Monthly returns — %1").arg(title), results);
    tradeHistogram_->showResults(tr("Trades — %1").arg(title), results);
    showTradesOfShownSymbol();
}

int MainWindow::runValidation() {
    if (!readyToRun()) return 0;
    auto output = std::make_shared<ValidationOutput>();
    const int id = runManager_->submit(configPath_, tr("validation suite"),
                                       validationWork(std::make_shared<PreparedRun>(configPath_), output));
    validationJobs_.insert(id, output);
    return id;
}

// The schedule dialog first: its folds follow the config's data range, so the config is read here.
void MainWindow::chooseWalkForward() {
    if (configPath_.isEmpty()) {
        statusBar()->showMessage(tr("Open a run config first (File > Open Config…)."), 5000);
        return;
    }
    if (configEditor_->isDirty() && !saveConfig()) return;
    const config::RunConfigLoad loaded = config::load_run_config(toPath(configPath_));
    if (!loaded.ok()) {
        QMessageBox::warning(this, tr("Cannot Run a Walk-Forward"), configErrors(loaded));
        return;
    }
    const validation::WalkForwardOptions initial = walkForwardOptions_.contains(configPath_)
                                                       ? walkForwardOptions_.value(configPath_)
                                                       : suggestedWalkForwardOptions(loaded.config);
    WalkForwardSettingsDialog dialog(loaded.config, initial, this);
    if (dialog.exec() != QDialog::Accepted) return;
    walkForwardOptions_.insert(configPath_, dialog.options());
    runWalkForward(dialog.options());
}

int MainWindow::runWalkForward(const validation::WalkForwardOptions& options) {
    if (!readyToRun()) return 0;
    auto output = std::make_shared<WalkForwardOutput>();
    const int id =
        runManager_->submit(configPath_, tr("walk-forward"),
                            walkForwardWork(std::make_shared<PreparedRun>(configPath_), options, output));
    walkForwardJobs_.insert(id, output);
    return id;
}

int MainWindow::runWalkForward() {
    if (configPath_.isEmpty())
        return runWalkForward(validation::WalkForwardOptions{});  // says what is missing
    const config::RunConfigLoad loaded = config::load_run_config(toPath(configPath_));
    return runWalkForward(loaded.ok() ? suggestedWalkForwardOptions(loaded.config)
                                      : validation::WalkForwardOptions{});  // the job reports the errors
}

void MainWindow::showWalkForward(int id) {
    const RunJob& job = *runManager_->job(id);
    const std::shared_ptr<WalkForwardOutput> output = walkForwardJobs_.value(id);
    if (!output || !output->result) return;
    walkForwardView_->setResult(*output->result, QFileInfo(job.configPath).fileName());
    tabs_->setCurrentWidget(walkForwardView_);
    statusBar()->showMessage(walkForwardView_->headlineText(), 10000);
}

int MainWindow::runStressTests() {
    if (!readyToRun()) return 0;
    auto output = std::make_shared<StressOutput>();
    const int id = runManager_->submit(configPath_, tr("stress tests"),
                                       stressWork(std::make_shared<PreparedRun>(configPath_), output));
    stressJobs_.insert(id, output);
    return id;
}

void MainWindow::showStressTests(int id) {
    const RunJob& job = *runManager_->job(id);
    const std::shared_ptr<StressOutput> output = stressJobs_.value(id);
    if (!output || !output->report || !output->baseline) return;
    stressView_->setReport(*output->report, *output->baseline, QFileInfo(job.configPath).fileName());
    tabs_->setCurrentWidget(stressView_);
    statusBar()->showMessage(stressView_->headlineText(), 10000);
}

void MainWindow::showFinishedValidation(int id) {
    const RunJob& job = *runManager_->job(id);
    const std::shared_ptr<ValidationOutput> output = validationJobs_.value(id);
    if (!output || !output->report) return;
    const QString name = QFileInfo(job.configPath).fileName();
    validationView_->setReport(*output->report, name);
    tabs_->setCurrentWidget(validationView_);
    statusBar()->showMessage(ValidationView::verdictLine(*output->report, name), 10000);
}

void MainWindow::showFinishedSweep(int id) {
    const RunJob& job = *runManager_->job(id);
    const SweepJob sweepJob = sweepJobs_.value(id);
    const std::shared_ptr<const validation::SweepResult> sweep = sweepJob.output->sweep;
    if (!sweep) return;  // the job reports a result only with its sweep; nothing else to show
    shownSweepRun_ = sweepJob.prepared;
    shownSweepConfig_ = job.configPath;
    const QString name = QFileInfo(job.configPath).fileName();
    sensitivityView_->setSweep(sweep, name);
    tabs_->setCurrentWidget(sensitivityView_);
    const validation::SweepAnalysis& analysis = sensitivityView_->analysis();
    statusBar()->showMessage(
        tr("%1 sweep finished: %2 of %3 points evaluated in %4 s. Click a cell to run its best point.")
            .arg(name)
            .arg(analysis.evaluated)
            .arg(analysis.total)
            .arg(QLocale().toString(sweep->seconds, 'f', 1)),
        10000);
    emit sweepShown();
}

// One grid point's run replaces the periods in the views: mixing it with the config's own runs would
// compare different parameters as if they were one strategy.
void MainWindow::showFinishedSweepPoint(int id) {
    const RunJob& job = *runManager_->job(id);
    const SweepPointJob point = sweepPointJobs_.value(id);
    resultsConfig_ = job.configPath;
    showingSweepPoint_ = true;
    shownResults_.clear();
    shownResults_.insert(0, PeriodResult{toQString(point.sweep->period), job.result, job.benchmark});
    showResultViews(
        tr("%1 — grid point %2 (%3), %4")
            .arg(QFileInfo(job.configPath).fileName())
            .arg(point.pointIndex)
            .arg(gridPointValues(*point.sweep, point.pointIndex), toQString(point.sweep->period)));
    tabs_->setCurrentWidget(equityChart_);  // the user clicked the cell to see this run
    statusBar()->showMessage(
        tr("%1 %2 finished: %3").arg(QFileInfo(job.configPath).fileName(), job.period, job.message), 5000);
    emit resultsShown();
}

PeriodResults MainWindow::shownResults() const {
    return shownResults_.values();
}

void MainWindow::showView(View view) {
    switch (view) {
        case View::Price:
            tabs_->setCurrentWidget(chart_);
            break;
        case View::Equity:
            equityChart_->setFocusedPane(EquityChart::Pane::Equity);
            tabs_->setCurrentWidget(equityChart_);
            break;
        case View::Drawdown:
            equityChart_->setFocusedPane(EquityChart::Pane::Drawdown);
            tabs_->setCurrentWidget(equityChart_);
            break;
        case View::MonthlyReturns:
            tabs_->setCurrentWidget(monthlyChart_);
            break;
        case View::Trades:
            tabs_->setCurrentWidget(tradeHistogram_);
            break;
        case View::Sensitivity:
            tabs_->setCurrentWidget(sensitivityView_);
            break;
        case View::Browser:
            resultsDock_->show();
            resultsDock_->raise();
            break;
        case View::Compare:
            tabs_->setCurrentWidget(compareView_);
            break;
        case View::Config:
            tabs_->setCurrentWidget(configEditor_);
            break;
        case View::Validation:
            tabs_->setCurrentWidget(validationView_);
            break;
        case View::WalkForward:
            tabs_->setCurrentWidget(walkForwardView_);
            break;
        case View::Stress:
            tabs_->setCurrentWidget(stressView_);
            break;
    }
}

void MainWindow::loadDataFolder(const QString& folder) {
    if (!loader_->start(folder)) {
        statusBar()->showMessage(tr("Still loading the previous folder; cancel it or wait."), 5000);
        return;
    }
    setLoading(true, folder);
}

void MainWindow::chooseDataFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Data Folder"), dataFolder_);
    if (!folder.isEmpty()) loadDataFolder(folder);
}

void MainWindow::setLoading(bool loading, const QString& folder) {
    openAction_->setEnabled(!loading);
    progressBar_->setValue(0);
    progressBar_->setVisible(loading);
    cancelButton_->setVisible(loading);
    if (loading) {
        summaryLabel_->setText(tr("Loading %1…").arg(QDir::toNativeSeparators(folder)));
    } else {
        showSummary();
    }
}

void MainWindow::onLoadProgress(int percent) {
    progressBar_->setValue(percent);
}

void MainWindow::onLoadFinished(const MarketLoadOutcome& outcome) {
    setLoading(false);
    const QString folder = QDir::toNativeSeparators(outcome.folder);
    if (outcome.cancelled) {
        const QString message = tr("Loading %1 was cancelled.").arg(folder);
        statusBar()->showMessage(message, 5000);
        appendLog(message);
        return;
    }
    if (!outcome.market) {
        appendLog(tr("Loading %1 failed: %2").arg(folder, outcome.error));
        QMessageBox::critical(this, tr("Cannot Load Market Data"), outcome.error);
        return;
    }
    setMarketData(outcome.market, outcome.folder);
    addRecentFile(outcome.folder);
}

void MainWindow::setMarketData(std::shared_ptr<const data::MarketData> market, const QString& folder) {
    market_ = std::move(market);
    dataFolder_ = folder;
    browser_->setMarketData(market_);
    // The configs that come with the data (a "configs" folder beside it), until the user picks others.
    if (configBrowser_->folder().isEmpty()) {
        const QString besideData = QDir(folder).absoluteFilePath(QStringLiteral("../configs"));
        if (QFileInfo(besideData).isDir()) configBrowser_->setFolder(QDir::cleanPath(besideData));
    }
    shownSymbol_.reset();
    const QString summary = statusSummary();
    showSummary();
    appendLog(summary);
    resizeDocks({dataDock_}, {browser_->sizeHint().width()}, Qt::Horizontal);
    chart_->clear(tr("No symbol selected"));
    browser_->selectFirstRow();
    emit marketDataChanged();
}

// The status bar names the data folder only (the full path is in its tooltip and in the log): a long
// path would push the job messages out of sight.
void MainWindow::showSummary() {
    summaryLabel_->setText(statusSummary(FolderShown::Name));
    summaryLabel_->setToolTip(market_ ? QDir::toNativeSeparators(dataFolder_) : QString());
}

QString MainWindow::statusSummary(FolderShown folder) const {
    if (!market_) return tr("No data loaded");
    std::size_t bars = 0;
    for (data::SymbolId id = 0; id < market_->symbol_count(); ++id) bars += market_->bars(id).size();
    const std::size_t issues = market_->issues().size();
    const QLocale locale;
    return tr("%1 symbols, %2 bars loaded from %3, %4")
        .arg(locale.toString(qulonglong(market_->symbol_count())), locale.toString(qulonglong(bars)),
             folder == FolderShown::Path ? QDir::toNativeSeparators(dataFolder_)
                                         : QFileInfo(dataFolder_).fileName(),
             issues == 1 ? tr("1 issue") : tr("%1 issues").arg(locale.toString(qulonglong(issues))));
}

void MainWindow::showSeries(data::SymbolId id) {
    shownSymbol_ = id;
    chart_->showSeries(chartTitle(id), market_->bars(id));
    showTradesOfShownSymbol();
}

// Trades are matched by symbol name: the backtest loaded its own copy of the market, whose ids need not
// be this window's.
void MainWindow::showTradesOfShownSymbol() {
    if (!market_ || !shownSymbol_) return;
    const std::string& symbol = market_->info(*shownSymbol_).symbol;
    std::vector<backtest::TradeRecord> trades;
    QStringList periods;
    for (const PeriodResult& period : std::as_const(shownResults_)) {
        const std::size_t before = trades.size();
        for (const backtest::TradeRecord& trade : period.result->trades)
            if (trade.symbol_name == symbol) trades.push_back(trade);
        if (trades.size() > before) periods << period.period;
    }
    chart_->showTrades(trades);
    const QString title = chartTitle(*shownSymbol_);
    if (trades.empty()) {
        chart_->setTitle(title);
        return;
    }
    const QString count = trades.size() == 1 ? tr("1 trade") : tr("%1 trades").arg(trades.size());
    // On a second line: with the trades one line no longer fits a half-screen chart.
    chart_->setTitle(
        tr("%1\n%2 of %3 (%4)")
            .arg(title, count, QFileInfo(resultsConfig_).fileName(), periods.join(QStringLiteral(", "))));
}

QString MainWindow::chartTitle(data::SymbolId id) const {
    const data::SymbolInfo& info = market_->info(id);
    const data::BarSeries& bars = market_->bars(id);
    if (bars.empty()) return tr("%1 — no bars").arg(toQString(info.symbol));
    return tr("%1 — %2 — %3 bars from %4 to %5")
        .arg(toQString(info.symbol), SymbolTableModel::assetClassName(info),
             QLocale().toString(qulonglong(bars.size())), isoDate(bars.date.front()),
             isoDate(bars.date.back()));
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About TradeLab"), aboutText());
}

QString MainWindow::aboutText() const {
    QStringList rows;
    const auto row = [&rows](const QString& name, const QString& version) {
        rows << QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(name.toHtmlEscaped(), version.toHtmlEscaped());
    };
    // Product names stay as they are in every language.
    row(QStringLiteral("Qt"),
        tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    row(QStringLiteral("QCustomPlot"), QStringLiteral(QCUSTOMPLOT_VERSION_STR));
    // The version of the yaml-cpp package the build found; yaml-cpp's headers name none.
    const QString yamlCpp = QStringLiteral(TRADELAB_YAML_CPP_VERSION);
    if (!yamlCpp.isEmpty()) row(QStringLiteral("yaml-cpp"), yamlCpp);
    row(QStringLiteral("SQLite"), QString::fromLatin1(sqlite3_libversion()));
    row(tr("Compiler"), compilerDescription());
    const QString buildType = QStringLiteral(TRADELAB_BUILD_TYPE);
    row(tr("Build type"), buildType.isEmpty() ? tr("unspecified") : buildType);
    return tr("<h3>TradeLab %1</h3>"
              "<p>A research workstation for systematic daily-bar trading strategies.</p>"
              "<table cellspacing=\"2\" cellpadding=\"2\">%2</table>")
        .arg(QStringLiteral(TRADELAB_VERSION), rows.join(QString()));
}

QCustomPlot* MainWindow::currentPlot() const {
    QWidget* current = tabs_->currentWidget();
    if (current == chart_) return chart_->plot();
    if (current == equityChart_) return equityChart_->plot();
    if (current == monthlyChart_) return monthlyChart_->plot();
    if (current == tradeHistogram_) return tradeHistogram_->plot();
    if (current == sensitivityView_) return sensitivityView_->plot();
    if (current == compareView_) return compareView_->plot();
    return nullptr;
}

QString MainWindow::exportCurrentChart(const QString& path) {
    QCustomPlot* plot = currentPlot();
    if (!plot) return tr("The current tab has no chart to export.");
    QString error = exportPlot(plot, path);
    if (error.isEmpty()) {
        statusBar()->showMessage(tr("Exported the chart to %1.").arg(QDir::toNativeSeparators(path)), 5000);
        appendLog(tr("Exported the %1 chart to %2")
                      .arg(tabs_->tabText(tabs_->currentIndex()).remove(QLatin1Char('&')),
                           QDir::toNativeSeparators(path)));
    }
    return error;
}

// The file type follows the name's extension; a name without one takes the chosen filter's.
void MainWindow::chooseExportFile() {
    const QString png = tr("PNG image (*.png)");
    const QString pdf = tr("PDF document (*.pdf)");
    const QString svg = tr("SVG image (*.svg)");
    QString filter = png;
    QString path =
        QFileDialog::getSaveFileName(this, tr("Export Chart"), QFileInfo(configPath_).path(),
                                     QStringList{png, pdf, svg}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == pdf   ? QStringLiteral(".pdf")
                : filter == svg ? QStringLiteral(".svg")
                                : QStringLiteral(".png");
    const QString error = exportCurrentChart(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Cannot Export the Chart"), error);
}

// Saved layouts from this window's own versions only; geometry first, so the docks fit the window.
void MainWindow::restoreSession() {
    QSettings settings = userSettings();
    restoredGeometry_ = restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray(), kWindowStateVersion);
    recentFiles_ = settings.value(kRecentFilesKey).toStringList().mid(0, kMaxRecentFiles);
    updateRecentMenu();
    const QString configFolder = settings.value(kConfigFolderKey).toString();
    if (!configFolder.isEmpty()) configBrowser_->setFolder(configFolder);  // gone meanwhile: left unset
}

void MainWindow::saveWindowState() const {
    QSettings settings = userSettings();
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kWindowStateVersion));
}

void MainWindow::createConfigEditor() {
    newStrategyAction_ = new QAction(tr("&New Strategy…"), this);
    newStrategyAction_->setShortcut(QKeySequence::New);
    newStrategyAction_->setStatusTip(tr("Create a run config and its strategy configs step by step"));
    connect(newStrategyAction_, &QAction::triggered, this, &MainWindow::newStrategy);
    saveConfigAction_ = new QAction(tr("&Save Config"), this);
    saveConfigAction_->setShortcut(QKeySequence::Save);
    saveConfigAction_->setEnabled(false);
    connect(saveConfigAction_, &QAction::triggered, this, &MainWindow::saveConfig);
    saveConfigAsAction_ = new QAction(tr("Save Config &As…"), this);
    saveConfigAsAction_->setShortcut(QKeySequence::SaveAs);
    saveConfigAsAction_->setEnabled(false);
    connect(saveConfigAsAction_, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save Config As"), configEditor_->filePath(), tr("YAML configs (*.yaml *.yml)"));
        if (path.isEmpty()) return;
        const ConfigSaveResult result = configEditor_->saveAs(path);
        statusBar()->showMessage(result.message, 8000);
        if (result.saved) openConfig(path);
    });
    connect(configEditor_, &ConfigEditor::dirtyChanged, this, [this] { updateTitle(); });
    connect(configEditor_, &ConfigEditor::filePathChanged, this, [this] {
        saveConfigAction_->setEnabled(true);
        saveConfigAsAction_->setEnabled(true);
        updateTitle();
    });
    connect(configEditor_, &ConfigEditor::problemInOtherFileActivated, this,
            [this](const QString& file, int) { openConfig(file); });
}

void MainWindow::updateTitle() {
    const QString name = configEditor_->filePath().isEmpty() ? QFileInfo(configPath_).fileName()
                                                             : configEditor_->displayName();
    setWindowTitle(name.isEmpty() ? tr("TradeLab") : tr("%1 — TradeLab").arg(name));
}

bool MainWindow::saveConfig() {
    if (configEditor_->filePath().isEmpty()) return false;
    const ConfigSaveResult result = configEditor_->save();
    statusBar()->showMessage(result.message, 8000);
    appendLog(result.message);
    return result.saved;
}

// What every run needs: a run config, its edits saved (runs read the files, so edits are saved first,
// atomically, like a build saving its sources), and the queue in view.
bool MainWindow::readyToRun() {
    if (configPath_.isEmpty()) {
        statusBar()->showMessage(tr("Open a run config first (File > Open Config…)."), 5000);
        return false;
    }
    if (configEditor_->isDirty() && !saveConfig()) return false;
    runDock_->show();
    return true;
}

void MainWindow::newStrategy() {
    StrategyWizard wizard(this);
    if (wizard.exec() != QDialog::Accepted || wizard.createdConfig().isEmpty()) return;
    openConfig(wizard.createdConfig());
    tabs_->setCurrentWidget(configEditor_);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (sessionMode_ == SessionMode::Remembered && configEditor_->isDirty()) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved changes"),
            tr("%1 has unsaved changes. Save them before closing?").arg(configEditor_->displayName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !saveConfig())) {
            event->ignore();
            return;
        }
    }
    if (sessionMode_ == SessionMode::Remembered) saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::addRecentFile(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recentFiles_.removeAll(absolute);
    recentFiles_.prepend(absolute);
    while (recentFiles_.size() > kMaxRecentFiles) recentFiles_.removeLast();
    saveRecentFiles();
    updateRecentMenu();
}

// Written at once, not on close: the list survives a crash, and other windows see it when they start.
void MainWindow::saveRecentFiles() const {
    if (sessionMode_ != SessionMode::Remembered) return;
    userSettings().setValue(kRecentFilesKey, recentFiles_);
}

void MainWindow::updateRecentMenu() {
    if (!recentMenu_) return;
    recentMenu_->clear();
    for (qsizetype i = 0; i < recentFiles_.size(); ++i) {
        const QString& path = recentFiles_[i];
        const QFileInfo info(path);
        // "&1 eq.yaml — /path/to/configs": the name first, then its folder to tell same-named files apart.
        const QString name = info.isDir() ? tr("%1 (data folder)").arg(info.fileName()) : info.fileName();
        QAction* action = recentMenu_->addAction(
            tr("&%1 %2 — %3").arg(i + 1).arg(name, QDir::toNativeSeparators(info.path())));
        action->setData(path);
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openRecent(path); });
    }
    if (recentFiles_.isEmpty()) recentMenu_->addAction(tr("No recent files"))->setEnabled(false);
    recentMenu_->addSeparator();
    recentMenu_->addAction(clearRecentAction_);
    clearRecentAction_->setEnabled(!recentFiles_.isEmpty());
}

bool MainWindow::openRecent(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) {
        recentFiles_.removeAll(path);
        saveRecentFiles();
        updateRecentMenu();
        statusBar()->showMessage(
            tr("%1 no longer exists; removed it from the recent files.").arg(QDir::toNativeSeparators(path)),
            8000);
        return false;
    }
    if (info.isDir()) {
        loadDataFolder(path);
    } else {
        openConfig(path);
    }
    return true;
}

}  // namespace tradelab::gui
