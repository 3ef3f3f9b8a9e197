#include "main_window.hpp"

#include <qcustomplot.h>

#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

#include "data_browser.hpp"
#include "market_data_loader.hpp"
#include "price_chart.hpp"
#include "qt_conversions.hpp"
#include "symbol_table_model.hpp"

namespace tradelab::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      loader_(new MarketDataLoader(this)),
      browser_(new DataBrowser(this)),
      chart_(new PriceChart(this)) {
    setWindowTitle(tr("TradeLab"));
    setCentralWidget(chart_);
    createActions();
    createDataDock();
    createMenus();
    createStatusBar();
    connectBrowserToChart();

    connect(loader_, &MarketDataLoader::progressChanged, this, &MainWindow::onLoadProgress);
    connect(loader_, &MarketDataLoader::finished, this, &MainWindow::onLoadFinished);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    openAction_ = new QAction(tr("&Open Data Folder…"), this);
    openAction_->setShortcut(QKeySequence::Open);
    openAction_->setStatusTip(tr("Load the market data of another folder"));
    connect(openAction_, &QAction::triggered, this, &MainWindow::chooseDataFolder);

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
}

void MainWindow::createMenus() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(openAction_);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction_);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(candlesAction_);
    viewMenu->addAction(ohlcAction_);
    viewMenu->addSeparator();
    viewMenu->addAction(showAllAction_);
    viewMenu->addSeparator();
    viewMenu->addAction(dataDock_->toggleViewAction());

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
