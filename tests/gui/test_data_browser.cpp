// The data browser and the price chart over the bundled data, through the main window.
#include <qcustomplot.h>

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <algorithm>
#include <memory>

#include "data/data_issue.hpp"
#include "data_browser.hpp"
#include "main_window.hpp"
#include "market_data_loader.hpp"
#include "price_chart.hpp"
#include "stacked_panes.hpp"
#include "symbol_table_model.hpp"

using namespace tradelab;
using namespace tradelab::gui;

namespace {

const QString kDataFolder = QStringLiteral(TRADELAB_BUNDLED_DATA_DIR);
constexpr int kBundledSeries = 22;  // 10 equities, 10 crypto, SPY and BTC benchmarks

// Data rows of a CSV file: every non-empty line after the header.
int countDataRows(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return -1;
    int rows = -1;
    while (!file.atEnd()) {
        if (!file.readLine().trimmed().isEmpty()) ++rows;
    }
    return rows;
}

QString cell(const SymbolTableModel& model, int row, int column) {
    return model.index(row, column).data().toString();
}

}  // namespace

class DataBrowserTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void init();
    void cleanup();

    void modelListsEveryBundledSeries();
    void aaplRowMatchesItsCsvFile();
    void filterNarrowsTheTable();
    void firstSymbolIsSelectedOnLoad();
    void selectingAaplChartsEveryBar();
    void zoomingInTimeRefitsTheValueAxes();
    void viewMenuSwitchesCandlesAndOhlc();
    void loaderReportsProgress();
    void statusBarSummarisesTheLoad();
    void issuesAreListedUnderTheirSymbol();
    void missingFolderIsReported();
    void windowLoadsInTheBackground();
    void priceCrosshairReadsTheBarUnderTheMouse();
    void loadedFolderBecomesARecentFile();

  private:
    std::shared_ptr<const data::MarketData> market_;
    std::unique_ptr<MainWindow> window_;
};

void DataBrowserTest::initTestCase() {
    // A remembered window writes the user's settings: never the real ones (ctest sets a folder in the
    // build tree; a direct run gets one of its own).
    if (!qEnvironmentVariableIsSet("XDG_CONFIG_HOME"))
        qputenv("XDG_CONFIG_HOME",
                QDir::temp().filePath(QStringLiteral("tradelab-gui-test-config")).toUtf8());
    const MarketLoadOutcome outcome = loadMarketFolder(kDataFolder);
    QVERIFY2(outcome.market, qPrintable(outcome.error));
    market_ = outcome.market;
}

void DataBrowserTest::init() {
    window_ = std::make_unique<MainWindow>();
    window_->setMarketData(market_, kDataFolder);
}

void DataBrowserTest::cleanup() {
    window_.reset();
}

void DataBrowserTest::modelListsEveryBundledSeries() {
    const SymbolTableModel& model = *window_->dataBrowser()->model();
    QCOMPARE(int(market_->symbol_count()), kBundledSeries);
    QCOMPARE(model.rowCount(), kBundledSeries);
    QCOMPARE(window_->dataBrowser()->proxyModel()->rowCount(), kBundledSeries);
    QVERIFY(model.rowOfSymbol(QStringLiteral("SPY")) >= 0);
    QVERIFY(model.rowOfSymbol(QStringLiteral("ETH")) >= 0);
}

void DataBrowserTest::aaplRowMatchesItsCsvFile() {
    const SymbolTableModel& model = *window_->dataBrowser()->model();
    const int row = model.rowOfSymbol(QStringLiteral("AAPL"));
    QVERIFY(row >= 0);
    const int csvRows = countDataRows(kDataFolder + QStringLiteral("/equity/daily/AAPL.csv"));
    QVERIFY(csvRows > 0);

    QCOMPARE(cell(model, row, SymbolTableModel::SymbolColumn), QStringLiteral("AAPL"));
    QCOMPARE(cell(model, row, SymbolTableModel::ClassColumn), QStringLiteral("Equity"));
    QCOMPARE(cell(model, row, SymbolTableModel::FirstDateColumn), QStringLiteral("2024-01-02"));
    QCOMPARE(model.index(row, SymbolTableModel::FirstDateColumn).data(SymbolTableModel::SortRole).toDate(),
             QDate(2024, 1, 2));
    QCOMPARE(model.index(row, SymbolTableModel::BarsColumn).data().toInt(), csvRows);
    QCOMPARE(model.index(row, SymbolTableModel::WarningsColumn).data().toInt() +
                 model.index(row, SymbolTableModel::ErrorsColumn).data().toInt(),
             model.issueTexts(row).size());
}

void DataBrowserTest::filterNarrowsTheTable() {
    DataBrowser& browser = *window_->dataBrowser();
    browser.filterEdit()->setText(QStringLiteral("aap"));
    QCOMPARE(browser.proxyModel()->rowCount(), 1);
    QCOMPARE(browser.proxyModel()->index(0, SymbolTableModel::SymbolColumn).data().toString(),
             QStringLiteral("AAPL"));

    browser.filterEdit()->setText(QStringLiteral("crypto"));  // the class column is searched too
    QCOMPARE(browser.proxyModel()->rowCount(), 11);           // 10 coins and the BTC benchmark

    browser.filterEdit()->clear();
    QCOMPARE(browser.proxyModel()->rowCount(), kBundledSeries);
}

void DataBrowserTest::firstSymbolIsSelectedOnLoad() {
    const QTableView& table = *window_->dataBrowser()->table();
    QVERIFY(table.currentIndex().isValid());
    QCOMPARE(table.currentIndex().row(), 0);
    QVERIFY(!window_->priceChart()->financial()->data()->isEmpty());
}

void DataBrowserTest::selectingAaplChartsEveryBar() {
    QVERIFY(window_->dataBrowser()->selectSymbol(QStringLiteral("MSFT")));  // so AAPL is a real change
    QVERIFY(window_->dataBrowser()->selectSymbol(QStringLiteral("AAPL")));
    const int csvRows = countDataRows(kDataFolder + QStringLiteral("/equity/daily/AAPL.csv"));

    const PriceChart& chart = *window_->priceChart();
    QVERIFY(chart.title().startsWith(QStringLiteral("AAPL")));
    QCOMPARE(chart.financial()->data()->size(), csvRows);
    QCOMPARE(chart.volumeBars()->data()->size(), csvRows);

    const data::BarSeries& bars = market_->bars(*market_->find("AAPL"));
    const QCPRange visible = chart.timeAxis()->range();
    QVERIFY(visible.lower <= PriceChart::plotKey(bars.date.front()));
    QVERIFY(visible.upper >= PriceChart::plotKey(bars.date.back()));
    QCOMPARE(chart.volumeBars()->keyAxis()->range(), visible);  // the volume pane shares the time range

    // The value axis is fitted to the bars in view.
    bool found = false;
    const QCPRange prices = chart.financial()->getValueRange(found, QCP::sdBoth, visible);
    QVERIFY(found);
    QVERIFY(chart.financial()->valueAxis()->range().contains(prices.lower));
    QVERIFY(chart.financial()->valueAxis()->range().contains(prices.upper));
}

void DataBrowserTest::zoomingInTimeRefitsTheValueAxes() {
    QVERIFY(window_->dataBrowser()->selectSymbol(QStringLiteral("AAPL")));
    PriceChart& chart = *window_->priceChart();
    const data::BarSeries& bars = market_->bars(*market_->find("AAPL"));
    const std::size_t first = bars.size() - 20;  // the last 20 bars, as a wheel zoom would show them
    const QCPRange lastBars(PriceChart::plotKey(bars.date[first]) - 3600,
                            PriceChart::plotKey(bars.date.back()) + 3600);

    chart.timeAxis()->setRange(lastBars);
    QCOMPARE(chart.volumeBars()->keyAxis()->range(), lastBars);
    const double high = *std::max_element(bars.high.begin() + std::ptrdiff_t(first), bars.high.end());
    const double low = *std::min_element(bars.low.begin() + std::ptrdiff_t(first), bars.low.end());
    const QCPRange prices = chart.financial()->valueAxis()->range();
    QVERIFY(prices.lower <= low && prices.upper >= high);
    QVERIFY2(prices.size() < (high - low) * 1.5,
             "the price axis must fit the bars in view, not the whole series");
    const double maxVolume =
        *std::max_element(bars.volume.begin() + std::ptrdiff_t(first), bars.volume.end());
    QCOMPARE(chart.volumeBars()->valueAxis()->range().lower, 0.0);
    QVERIFY(chart.volumeBars()->valueAxis()->range().upper >= maxVolume);

    // Panning far past the data stops at its edge.
    chart.timeAxis()->setRange(lastBars.lower + 1e9, lastBars.upper + 1e9);
    QVERIFY(chart.timeAxis()->range().contains(PriceChart::plotKey(bars.date.back())));
    QCOMPARE(chart.timeAxis()->range().size(), lastBars.size());
}

void DataBrowserTest::viewMenuSwitchesCandlesAndOhlc() {
    QCPFinancial& financial = *window_->priceChart()->financial();
    QCOMPARE(financial.chartStyle(), QCPFinancial::csCandlestick);
    QVERIFY(window_->candlesAction()->isChecked());

    window_->ohlcAction()->trigger();
    QCOMPARE(financial.chartStyle(), QCPFinancial::csOhlc);
    QCOMPARE(window_->priceChart()->chartStyle(), PriceChart::ChartStyle::Ohlc);
    QVERIFY(!window_->candlesAction()->isChecked());

    window_->candlesAction()->trigger();
    QCOMPARE(financial.chartStyle(), QCPFinancial::csCandlestick);
}

void DataBrowserTest::loaderReportsProgress() {
    MarketDataLoader loader;
    QSignalSpy progress(&loader, &MarketDataLoader::progressChanged);
    MarketLoadOutcome outcome;
    bool finished = false;
    connect(&loader, &MarketDataLoader::finished, this, [&](const MarketLoadOutcome& result) {
        outcome = result;
        finished = true;
    });
    QVERIFY(loader.start(kDataFolder));
    QVERIFY(!loader.start(kDataFolder));  // one load at a time
    QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);

    QVERIFY2(outcome.market, qPrintable(outcome.error));
    QCOMPARE(int(outcome.market->symbol_count()), kBundledSeries);
    QVERIFY(progress.count() > 1);
    int previous = -1;
    for (const QList<QVariant>& arguments : progress) {
        QVERIFY(arguments.at(0).toInt() >= previous);
        previous = arguments.at(0).toInt();
    }
    QCOMPARE(previous, 100);
}

void DataBrowserTest::statusBarSummarisesTheLoad() {
    const QString summary = window_->statusSummary();
    QVERIFY2(summary.startsWith(QStringLiteral("22 symbols, ")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("loaded from ") + kDataFolder), qPrintable(summary));
    const auto issues = market_->issues().size();
    const QString issueText =
        issues == 1 ? QStringLiteral("1 issue") : QStringLiteral("%1 issues").arg(issues);
    QVERIFY2(summary.endsWith(QStringLiteral(", ") + issueText), qPrintable(summary));
}

void DataBrowserTest::issuesAreListedUnderTheirSymbol() {
    // An in-memory market: one series with a warning, and an error for a file that was rejected.
    data::MarketData market;
    data::BarSeries bars;
    bars.date = {make_date(2024, 1, 2), make_date(2024, 1, 3)};
    bars.open = bars.high = bars.low = bars.close = {10.0, 11.0};
    bars.volume = bars.dollar_volume = {100.0, 200.0};
    market.add({"ABC", AssetClass::Equity, false, "prices/ABC.csv"}, bars);
    const data::DataIssue warning{data::IssueKind::ExtremeMove,
                                  data::Severity::Warning,
                                  "prices/ABC.csv",
                                  3,
                                  "close",
                                  "close moved 60 %"};
    const data::DataIssue error{
        data::IssueKind::BadHeader, data::Severity::Error, "prices/XYZ.csv", 1, "close", "missing column"};
    market.add_issues({warning, error});

    DataBrowser browser;
    browser.setMarketData(std::make_shared<const data::MarketData>(std::move(market)));
    const SymbolTableModel& model = *browser.model();
    QCOMPARE(model.rowCount(), 2);
    const int rejected = model.rowOfSymbol(QStringLiteral("XYZ"));
    QCOMPARE(rejected, 1);
    QVERIFY(!model.symbolId(rejected).has_value());
    QCOMPARE(model.index(rejected, SymbolTableModel::ErrorsColumn).data().toInt(), 1);
    QCOMPARE(model.index(0, SymbolTableModel::WarningsColumn).data().toInt(), 1);

    QSignalSpy seriesSpy(&browser, &DataBrowser::seriesSelected);
    QSignalSpy noSeriesSpy(&browser, &DataBrowser::noSeriesSelected);
    QVERIFY(browser.selectSymbol(QStringLiteral("ABC")));
    QCOMPARE(seriesSpy.count(), 1);
    QCOMPARE(browser.issueList()->count(), 1);
    QCOMPARE(browser.issueList()->item(0)->text(), QString::fromStdString(data::format_issue(warning)));

    QVERIFY(browser.selectSymbol(QStringLiteral("XYZ")));
    QCOMPARE(noSeriesSpy.count(), 1);
    QCOMPARE(browser.issueList()->item(0)->text(), QString::fromStdString(data::format_issue(error)));
}

void DataBrowserTest::missingFolderIsReported() {
    const MarketLoadOutcome outcome = loadMarketFolder(kDataFolder + QStringLiteral("/no-such-folder"));
    QVERIFY(!outcome.market);
    QVERIFY(!outcome.cancelled);
    QVERIFY(outcome.error.contains(QStringLiteral("no-such-folder")));
}

void DataBrowserTest::windowLoadsInTheBackground() {
    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::marketDataChanged);
    window.loadDataFolder(kDataFolder);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(int(window.marketData()->symbol_count()), kBundledSeries);
    QCOMPARE(window.dataBrowser()->model()->rowCount(), kBundledSeries);
    QVERIFY(!window.priceChart()->financial()->data()->isEmpty());
}

// The crosshair follows the mouse to the nearest bar and reads its date and prices.
void DataBrowserTest::priceCrosshairReadsTheBarUnderTheMouse() {
    QVERIFY(window_->dataBrowser()->selectSymbol(QStringLiteral("AAPL")));
    window_->resize(1400, 900);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    PriceChart& chart = *window_->priceChart();
    chart.plot()->replot(QCustomPlot::rpImmediateRefresh);

    const data::BarSeries& bars = market_->bars(*market_->find("AAPL"));
    const std::size_t bar = bars.size() / 2;
    const QPointF pixel(chart.timeAxis()->coordToPixel(PriceChart::plotKey(bars.date[bar])),
                        chart.financial()->valueAxis()->coordToPixel(bars.close[bar]));
    QMouseEvent move(QEvent::MouseMove, pixel, chart.plot()->mapToGlobal(pixel), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(chart.plot(), &move);

    QVERIFY(chart.crosshair()->isShown());
    const QString text = chart.crosshair()->text();
    const QString date = dateOfPlotKey(PriceChart::plotKey(bars.date[bar])).toString(Qt::ISODate);
    QVERIFY2(text.startsWith(date), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("C ") + QLocale().toString(bars.close[bar], 'f', 2)),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("H ") + QLocale().toString(bars.high[bar], 'f', 2)),
             qPrintable(text));

    // Over the volume pane it reads the same bar; off the panes it hides.
    const QCPAxisRect* volumePane = chart.volumeBars()->keyAxis()->axisRect();
    QMouseEvent overVolume(QEvent::MouseMove, QPointF(pixel.x(), volumePane->center().y()),
                           chart.plot()->mapToGlobal(pixel), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(chart.plot(), &overVolume);
    QVERIFY(chart.crosshair()->text().startsWith(date));
    QMouseEvent offPanes(QEvent::MouseMove, QPointF(2, 2), chart.plot()->mapToGlobal(QPointF(2, 2)),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(chart.plot(), &offPanes);
    QVERIFY(!chart.crosshair()->isShown());
}

void DataBrowserTest::loadedFolderBecomesARecentFile() {
    QSettings(QStringLiteral("TradeLab"), QStringLiteral("TradeLab")).clear();
    MainWindow window(MainWindow::SessionMode::Remembered);
    QSignalSpy loaded(&window, &MainWindow::marketDataChanged);
    window.loadDataFolder(kDataFolder);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(window.recentFiles(), QStringList{QFileInfo(kDataFolder).absoluteFilePath()});
    const QString entry = window.recentMenu()->actions().first()->text();
    QVERIFY2(entry.contains(QStringLiteral("(data folder)")), qPrintable(entry));
    QSettings(QStringLiteral("TradeLab"), QStringLiteral("TradeLab")).clear();
}

QTEST_MAIN(DataBrowserTest)
#include "test_data_browser.moc"
