#include "main_window.hpp"

#include <qcustomplot.h>

#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>

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
#include "symbol_table_model.hpp"
#include "trade_histogram.hpp"

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

// "2.5, 0, 50, continuous": a grid point in a chart title, short enough to fit; the heatmap's axes and
// the status bar name the parameters.
QString gridPointValues(const validation::SweepResult& sweep, std::size_t point) {
    QStringList values;
    for (const std::string& label : sweep.points[point].labels) values << toQString(label);
    return values.join(QStringLiteral(", "));
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
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
      compareView_(new RunCompareView(this)) {
    setWindowTitle(tr("TradeLab"));
    createViewTabs();
    createActions();
    createDataDock();
    createRunDock();
    createResultsDock();
    createMenus();
    createStatusBar();
    connectBrowserToChart();
    connectRunManager();
    updateRunActions();

    connect(loader_, &MarketDataLoader::progressChanged, this, &MainWindow::onLoadProgress);
    connect(loader_, &MarketDataLoader::finished, this, &MainWindow::onLoadFinished);
}

MainWindow::~MainWindow() = default;

void MainWindow::createViewTabs() {
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    tabs_->addTab(chart_, tr("Price"));
    tabs_->addTab(equityChart_, tr("Equity && Drawdown"));
    tabs_->addTab(monthlyChart_, tr("Monthly Returns"));
    tabs_->addTab(tradeHistogram_, tr("Trades"));
    tabs_->addTab(sensitivityView_, tr("Sensitivity"));
    tabs_->addTab(compareView_, tr("Compare"));
    setCentralWidget(tabs_);
    const QString hint = tr("No backtest results yet: File > Open Config…, then Run > Backtest (F5)");
    equityChart_->clear(hint);
    monthlyChart_->clear(hint);
    tradeHistogram_->clear(hint);
    sensitivityView_->clear(
        tr("No sensitivity sweep yet: File > Open Config…, then Run > Sensitivity Sweep (Ctrl+F5)"));
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

    backtestAction_ = new QAction(tr("&Backtest"), this);
    backtestAction_->setShortcut(QKeySequence(Qt::Key_F5));
    backtestAction_->setStatusTip(tr("Run the train, validation and holdout periods of the open config"));
    connect(backtestAction_, &QAction::triggered, this, &MainWindow::runBacktest);

    sensitivityAction_ = new QAction(tr("&Sensitivity Sweep"), this);
    sensitivityAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F5));
    sensitivityAction_->setStatusTip(
        tr("Run the open config's parameter grid over the train period and show it as a heatmap"));
    connect(sensitivityAction_, &QAction::triggered, this, &MainWindow::runSensitivitySweep);

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
    fileMenu->addAction(openConfigAction_);
    fileMenu->addAction(openAction_);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction_);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(candlesAction_);
    viewMenu->addAction(ohlcAction_);
    viewMenu->addSeparator();
    viewMenu->addAction(showAllAction_);
    viewMenu->addAction(logScaleAction_);
    viewMenu->addSeparator();
    viewMenu->addAction(dataDock_->toggleViewAction());
    viewMenu->addAction(runDock_->toggleViewAction());
    viewMenu->addAction(resultsDock_->toggleViewAction());

    QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(backtestAction_);
    runMenu->addAction(sensitivityAction_);
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

QString MainWindow::resultsStorePath() const {
    return QString::fromStdString(store::ResultsStore::default_path().string());
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
}

void MainWindow::chooseConfig() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Run Config"), QFileInfo(configPath_).path(),
                                     tr("Run configs (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty()) openConfig(path);
}

void MainWindow::openConfig(const QString& path) {
    configPath_ = path;
    setWindowTitle(tr("%1 — TradeLab").arg(QFileInfo(path).fileName()));
    statusBar()->showMessage(
        tr("Opened %1. Run > Backtest (F5) runs its periods.").arg(QDir::toNativeSeparators(path)), 5000);
    updateRunActions();
}

QList<int> MainWindow::runBacktest() {
    if (configPath_.isEmpty()) {
        statusBar()->showMessage(tr("Open a run config first (File > Open Config…)."), 5000);
        return {};
    }
    runDock_->show();
    showResultsOnFinish_ = true;
    return runManager_->submitBacktest(configPath_, kPeriods);
}

int MainWindow::runSensitivitySweep() {
    if (configPath_.isEmpty()) {
        statusBar()->showMessage(tr("Open a run config first (File > Open Config…)."), 5000);
        return 0;
    }
    runDock_->show();
    SweepJob job{std::make_shared<PreparedRun>(configPath_), std::make_shared<SweepOutput>()};
    const int id =
        runManager_->submit(configPath_, tr("sweep"),
                            sensitivitySweepWork(job.prepared, job.output, kSweepPeriod, kSweepObjective));
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
    cancelJobAction_->setEnabled(runManager_->hasActiveJobs());
}

void MainWindow::onJobEnded(int id) {
    updateRunActions();
    const RunJob& job = *runManager_->job(id);
    if (job.storedRunId > 0) resultsBrowser_->reload();
    const QString name = QFileInfo(job.configPath).fileName();
    switch (job.state) {
        case JobState::Finished:
            if (sweepJobs_.contains(id)) {
                showFinishedSweep(id);
            } else if (sweepPointJobs_.contains(id)) {
                showFinishedSweepPoint(id);
            } else {
                showFinishedJob(id);
            }
            break;
        case JobState::Cancelled:
            statusBar()->showMessage(tr("%1 %2: cancelled.").arg(name, job.period), 5000);
            break;
        case JobState::Failed:
            statusBar()->showMessage(failureSummary(job));
            break;
        default:
            break;
    }
    sweepJobs_.remove(id);
    sweepPointJobs_.remove(id);
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
    shownResults_.insert(order < 0 ? int(kPeriods.size()) + id : order, PeriodResult{job.period, job.result});

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
    equityChart_->showResults(tr("Equity — %1").arg(title), shownResults());
    monthlyChart_->showResults(tr("Monthly returns — %1").arg(title), shownResults());
    tradeHistogram_->showResults(tr("Trades — %1").arg(title), shownResults());
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
    shownResults_.insert(0, PeriodResult{toQString(point.sweep->period), job.result});
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
        summaryLabel_->setText(statusSummary());
    }
}

void MainWindow::onLoadProgress(int percent) {
    progressBar_->setValue(percent);
}

void MainWindow::onLoadFinished(const MarketLoadOutcome& outcome) {
    setLoading(false);
    if (outcome.cancelled) {
        statusBar()->showMessage(
            tr("Loading %1 was cancelled.").arg(QDir::toNativeSeparators(outcome.folder)), 5000);
        return;
    }
    if (!outcome.market) {
        QMessageBox::critical(this, tr("Cannot Load Market Data"), outcome.error);
        return;
    }
    setMarketData(outcome.market, outcome.folder);
}

void MainWindow::setMarketData(std::shared_ptr<const data::MarketData> market, const QString& folder) {
    market_ = std::move(market);
    dataFolder_ = folder;
    browser_->setMarketData(market_);
    summaryLabel_->setText(statusSummary());
    resizeDocks({dataDock_}, {browser_->sizeHint().width()}, Qt::Horizontal);
    chart_->clear(tr("No symbol selected"));
    browser_->selectFirstRow();
    emit marketDataChanged();
}

QString MainWindow::statusSummary() const {
    if (!market_) return tr("No data loaded");
    std::size_t bars = 0;
    for (data::SymbolId id = 0; id < market_->symbol_count(); ++id) bars += market_->bars(id).size();
    const std::size_t issues = market_->issues().size();
    const QLocale locale;
    return tr("%1 symbols, %2 bars loaded from %3, %4")
        .arg(locale.toString(qulonglong(market_->symbol_count())), locale.toString(qulonglong(bars)),
             QDir::toNativeSeparators(dataFolder_),
             issues == 1 ? tr("1 issue") : tr("%1 issues").arg(locale.toString(qulonglong(issues))));
}

void MainWindow::showSeries(data::SymbolId id) {
    chart_->showSeries(chartTitle(id), market_->bars(id));
}

QString MainWindow::chartTitle(data::SymbolId id) const {
    const data::SymbolInfo& info = market_->info(id);
    const data::BarSeries& bars = market_->bars(id);
    if (bars.empty()) return tr("%1 — no bars").arg(toQString(info.symbol));
    return tr("%1 — %2 — %3 bars from %4 to %5")
        .arg(toQString(info.symbol), SymbolTableModel::assetClassName(info),
             QLocale().toString(qulonglong(bars.size())), toQDate(bars.date.front()).toString(Qt::ISODate),
             toQDate(bars.date.back()).toString(Qt::ISODate));
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About TradeLab"),
                       tr("<h3>TradeLab %1</h3>"
                          "<p>A research workstation for systematic daily-bar trading strategies.</p>"
                          "<p>Built with Qt %2, running on Qt %3.<br>Charts drawn with QCustomPlot %4.</p>")
                           .arg(QStringLiteral(TRADELAB_VERSION), QStringLiteral(QT_VERSION_STR),
                                QString::fromLatin1(qVersion()), QStringLiteral(QCUSTOMPLOT_VERSION_STR)));
}

}  // namespace tradelab::gui
