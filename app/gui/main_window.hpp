#pragma once
// TradeLab's main window: the data browser docked on the left, the price chart of the selected series in
// the middle, the load summary in the status bar.
#include <QMainWindow>
#include <memory>

#include "data/market_data.hpp"

class QAction;
class QDockWidget;
class QLabel;
class QProgressBar;
class QToolButton;

namespace tradelab::gui {

class DataBrowser;
class MarketDataLoader;
class PriceChart;
struct MarketLoadOutcome;

class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads `folder` on a worker thread; the window stays usable and shows the progress. Failures are
    // reported in a message box and leave the current data in place.
    void loadDataFolder(const QString& folder);
    // Shows a loaded market and selects its first series.
    void setMarketData(std::shared_ptr<const data::MarketData> market, const QString& folder);

    const std::shared_ptr<const data::MarketData>& marketData() const { return market_; }
    QString dataFolder() const { return dataFolder_; }
    QString statusSummary() const;
    DataBrowser* dataBrowser() const { return browser_; }
    PriceChart* priceChart() const { return chart_; }
    QAction* candlesAction() const { return candlesAction_; }
    QAction* ohlcAction() const { return ohlcAction_; }

  signals:
    void marketDataChanged();

  private:
    void createActions();
    void createMenus();
    void createDataDock();
    void createStatusBar();
    void connectBrowserToChart();

    void chooseDataFolder();
    void onLoadProgress(int percent);
    void onLoadFinished(const MarketLoadOutcome& outcome);
    void setLoading(bool loading, const QString& folder = {});
    void showSeries(data::SymbolId id);
    void showAbout();
    QString chartTitle(data::SymbolId id) const;

    MarketDataLoader* loader_ = nullptr;
    DataBrowser* browser_ = nullptr;
    PriceChart* chart_ = nullptr;
    QDockWidget* dataDock_ = nullptr;

    QAction* openAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* candlesAction_ = nullptr;
    QAction* ohlcAction_ = nullptr;
    QAction* showAllAction_ = nullptr;
    QAction* aboutAction_ = nullptr;
    QAction* aboutQtAction_ = nullptr;

    QLabel* summaryLabel_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QToolButton* cancelButton_ = nullptr;

    std::shared_ptr<const data::MarketData> market_;
    QString dataFolder_;
};

}  // namespace tradelab::gui
