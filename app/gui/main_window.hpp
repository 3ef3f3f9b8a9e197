#pragma once
// TradeLab's main window: the data browser and the config folder docked on the left; in the middle, tabs with
// the price chart of the selected series (with the trades of the shown backtest marked), the views of the
// last finished backtests (equity and drawdown, monthly returns, the trades' R multiples) and the heatmap of
// the last sensitivity sweep; the run queue, the results and the log docked at the bottom; the load summary
// and job messages in the status bar. A remembered window keeps its layout and recent files in the user's
// settings.
#include <QHash>
#include <QMainWindow>
#include <QMap>
#include <QStringList>
#include <cstddef>
#include <memory>
#include <optional>

#include "data/market_data.hpp"
#include "period_result.hpp"
#include "validation/walk_forward.hpp"

namespace tradelab::validation {
struct SweepResult;
}

class QAction;
class QDockWidget;
class QCustomPlot;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace tradelab::gui {

class DataBrowser;
class EquityChart;
class MarketDataLoader;
class MonthlyReturnsChart;
class PreparedRun;
class PriceChart;
class RunManager;
class RunQueueModel;
class RunQueueView;
class SensitivityHeatmapView;
class ResultsBrowser;
class ConfigBrowser;
class ConfigEditor;
class ValidationView;
class WalkForwardView;
class StressView;
struct StressOutput;
struct WalkForwardOutput;
struct ValidationOutput;
enum class JobState;
class RunCompareView;
class TradeHistogram;
struct MarketLoadOutcome;
struct SweepOutput;

class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    enum class View {
        Price,
        Equity,
        Drawdown,
        MonthlyReturns,
        Trades,
        Sensitivity,
        Browser,
        Compare,
        Config,
        Validation,
        WalkForward,
        Stress
    };
    // Remembered: the window restores its layout (geometry, docks) and recent files from the user's
    // settings, records recent files there and saves its layout when closed. Fresh: it reads and writes
    // no settings, so it looks the same whatever the user did before (pictures, tests).
    enum class SessionMode { Fresh, Remembered };
    static constexpr int kMaxRecentFiles = 8;

    explicit MainWindow(SessionMode mode = SessionMode::Fresh, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Whether a saved geometry was applied; otherwise the caller chooses the first size.
    bool restoredGeometry() const { return restoredGeometry_; }

    // Loads `folder` on a worker thread; the window stays usable and shows the progress. Failures are
    // reported in a message box and leave the current data in place.
    void loadDataFolder(const QString& folder);
    // Shows a loaded market and selects its first series.
    void setMarketData(std::shared_ptr<const data::MarketData> market, const QString& folder);

    const std::shared_ptr<const data::MarketData>& marketData() const { return market_; }
    QString dataFolder() const { return dataFolder_; }
    // "22 symbols, 13,446 bars loaded from FOLDER, 1 issue", the folder as its full path or its name.
    enum class FolderShown { Path, Name };
    QString statusSummary(FolderShown folder = FolderShown::Path) const;
    DataBrowser* dataBrowser() const { return browser_; }
    PriceChart* priceChart() const { return chart_; }
    QAction* candlesAction() const { return candlesAction_; }
    QAction* ohlcAction() const { return ohlcAction_; }

    // The run config that Run > Backtest runs. Its errors show when its jobs run.
    void openConfig(const QString& path);
    QString configPath() const { return configPath_; }
    // Queues the train, validation and holdout periods of the open config; returns the job ids (none,
    // with a status bar message, when no config is open).
    QList<int> runBacktest();
    // Queues the sweep of the open config's first sensitivity grid over the train period, scored by the
    // Sharpe ratio; the Sensitivity tab shows it once it finishes. Returns the job id (0, with a status
    // bar message, when no config is open).
    int runSensitivitySweep();
    // Queues the backtest of point `pointIndex` of the sweep the Sensitivity tab shows; the equity view
    // shows it once it finishes. Returns the job id (0 when no sweep is shown).
    int runSweepPoint(std::size_t pointIndex);
    // Cancels the job selected in the run queue, or every active job when none is selected.
    void cancelSelectedJob();
    void showView(View view);

    RunManager* runManager() const { return runManager_; }
    RunQueueModel* runQueueModel() const { return runQueueModel_; }
    RunQueueView* runQueueView() const { return runQueueView_; }
    EquityChart* equityChart() const { return equityChart_; }
    MonthlyReturnsChart* monthlyReturnsChart() const { return monthlyChart_; }
    TradeHistogram* tradeHistogram() const { return tradeHistogram_; }
    SensitivityHeatmapView* sensitivityView() const { return sensitivityView_; }
    ResultsBrowser* resultsBrowser() const { return resultsBrowser_; }
    ConfigEditor* configEditor() const { return configEditor_; }
    ValidationView* validationView() const { return validationView_; }
    // Run > Validate: the validation suite of the open config as a job; its verdict shows in the
    // Validation tab and the validation is stored. Returns the job id (0 without a config).
    int runValidation();
    // Run > Walk-Forward…: the schedule dialog, then the job. The view shows the stitched out-of-sample
    // curve, the folds and the checks; the folds are stored. runWalkForward() takes the schedule
    // suggested for the config's data, without the dialog. Both return the job id (0 without a config).
    void chooseWalkForward();
    int runWalkForward(const validation::WalkForwardOptions& options);
    int runWalkForward();
    WalkForwardView* walkForwardView() const { return walkForwardView_; }
    // Run > Stress Tests: the stress tests of the open config as a job; the Stress tab shows every
    // stressed curve against the baseline, the scenarios and the gates. Returns the job id (0 without
    // a config).
    int runStressTests();
    StressView* stressView() const { return stressView_; }
    // File > Save (Ctrl+S): writes the edited config; false, with the reason in the status bar, if not.
    bool saveConfig();
    // File > New Strategy… (Ctrl+N): the wizard; its config opens in the editor when it finishes.
    void newStrategy();
    RunCompareView* compareView() const { return compareView_; }
    QDockWidget* resultsDock() const { return resultsDock_; }
    QDockWidget* dataDock() const { return dataDock_; }
    QDockWidget* configsDock() const { return configsDock_; }
    ConfigBrowser* configBrowser() const { return configBrowser_; }
    QDockWidget* runDock() const { return runDock_; }
    QDockWidget* logDock() const { return logDock_; }
    QPlainTextEdit* logView() const { return logView_; }
    // Adds a line to the Log dock, after the time of day.
    void appendLog(const QString& line);
    // Puts the runs side by side in the Compare tab (2-4 ids, the first is the baseline) and shows it.
    bool compareRuns(const QList<qint64>& ids);
    // The results store the window's jobs write and the Results dock browses (the XDG data folder).
    QString resultsStorePath() const;
    QTabWidget* viewTabs() const { return tabs_; }
    QAction* openConfigAction() const { return openConfigAction_; }
    QAction* backtestAction() const { return backtestAction_; }
    QAction* cancelJobAction() const { return cancelJobAction_; }
    QAction* sensitivityAction() const { return sensitivityAction_; }
    QAction* logScaleAction() const { return logScaleAction_; }
    QAction* exportChartAction() const { return exportChartAction_; }
    QMenu* recentMenu() const { return recentMenu_; }
    // The periods of the last config whose job finished, as the chart views show them.
    PeriodResults shownResults() const;

    // Configs and data folders opened lately, the latest first.
    QStringList recentFiles() const { return recentFiles_; }
    // Opens a recent config or data folder; one that no longer exists leaves the list, with a message
    // in the status bar. False when it was missing.
    bool openRecent(const QString& path);

    // The chart of the current tab.
    QCustomPlot* currentPlot() const;
    // Exports the current tab's chart to `path` (.png, .pdf or .svg); the error, or empty on success.
    QString exportCurrentChart(const QString& path);

    // What Help > About shows: the versions TradeLab was built with and runs on.
    QString aboutText() const;

  signals:
    void marketDataChanged();
    void resultsShown();
    void sweepShown();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void createActions();
    void createMenus();
    void showSummary();
    void createDataDock();
    void createConfigsDock();
    void createRunDock();
    void createResultsDock();
    void createConfigEditor();
    bool readyToRun();
    void updateTitle();
    void createLogDock();
    void createViewTabs();
    void createStatusBar();
    void connectBrowserToChart();
    void connectRunManager();
    void logJobChange(int id);
    void logJobEnd(int id);

    void restoreSession();
    void saveWindowState() const;
    void addRecentFile(const QString& path);
    void saveRecentFiles() const;
    void updateRecentMenu();
    void chooseExportFile();
    void showTradesOfShownSymbol();

    void chooseConfig();
    void onJobEnded(int id);
    void showFinishedJob(int id);
    void showFinishedSweep(int id);
    void showFinishedValidation(int id);
    void showWalkForward(int id);
    void showStressTests(int id);
    void showFinishedSweepPoint(int id);
    void showResultViews(const QString& title);
    void updateRunActions();

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
    QDockWidget* configsDock_ = nullptr;
    RunManager* runManager_ = nullptr;
    RunQueueModel* runQueueModel_ = nullptr;
    RunQueueView* runQueueView_ = nullptr;
    QDockWidget* runDock_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    EquityChart* equityChart_ = nullptr;
    MonthlyReturnsChart* monthlyChart_ = nullptr;
    TradeHistogram* tradeHistogram_ = nullptr;
    SensitivityHeatmapView* sensitivityView_ = nullptr;
    ResultsBrowser* resultsBrowser_ = nullptr;
    QAction* newStrategyAction_ = nullptr;
    QAction* saveConfigAction_ = nullptr;
    QAction* saveConfigAsAction_ = nullptr;
    RunCompareView* compareView_ = nullptr;
    ConfigEditor* configEditor_ = nullptr;
    ValidationView* validationView_ = nullptr;
    ConfigBrowser* configBrowser_ = nullptr;
    WalkForwardView* walkForwardView_ = nullptr;
    StressView* stressView_ = nullptr;
    QAction* validateAction_ = nullptr;
    QAction* walkForwardAction_ = nullptr;
    QAction* stressAction_ = nullptr;
    QDockWidget* resultsDock_ = nullptr;
    QDockWidget* logDock_ = nullptr;
    QPlainTextEdit* logView_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QAction* compareAction_ = nullptr;
    QAction* exportChartAction_ = nullptr;
    QAction* clearRecentAction_ = nullptr;

    QAction* openAction_ = nullptr;
    QAction* openConfigAction_ = nullptr;
    QAction* backtestAction_ = nullptr;
    QAction* cancelJobAction_ = nullptr;
    QAction* sensitivityAction_ = nullptr;
    QAction* logScaleAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* candlesAction_ = nullptr;
    QAction* ohlcAction_ = nullptr;
    QAction* showAllAction_ = nullptr;
    QAction* aboutAction_ = nullptr;
    QAction* aboutQtAction_ = nullptr;

    QLabel* summaryLabel_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QToolButton* cancelButton_ = nullptr;

    SessionMode sessionMode_ = SessionMode::Fresh;
    bool restoredGeometry_ = false;
    QStringList recentFiles_;
    QHash<int, JobState> loggedJobStates_;  // the state each job was last logged in, by job id

    std::shared_ptr<const data::MarketData> market_;
    std::optional<data::SymbolId> shownSymbol_;  // the series on the price chart
    QString dataFolder_;
    QString configPath_;
    QString resultsConfig_;                 // the config whose periods the chart views show
    bool showResultsOnFinish_ = false;      // the first result of a Run > Backtest brings its views up
    QMap<int, PeriodResult> shownResults_;  // by period order: train, validation, holdout
    bool showingSweepPoint_ = false;        // the views show one grid point's run, not the config's periods

    // Jobs whose results go elsewhere than the period views, by job id.
    struct SweepJob {
        std::shared_ptr<PreparedRun> prepared;
        std::shared_ptr<SweepOutput> output;
    };
    struct SweepPointJob {
        std::shared_ptr<const validation::SweepResult> sweep;
        std::size_t pointIndex = 0;
    };
    QHash<int, SweepJob> sweepJobs_;
    QHash<int, std::shared_ptr<ValidationOutput>> validationJobs_;
    QHash<int, std::shared_ptr<WalkForwardOutput>> walkForwardJobs_;
    QHash<int, std::shared_ptr<StressOutput>> stressJobs_;
    QHash<QString, validation::WalkForwardOptions> walkForwardOptions_;  // the last chosen, per config
    QHash<int, SweepPointJob> sweepPointJobs_;
    // The config and market of the shown sweep, so running one of its points loads nothing again.
    std::shared_ptr<PreparedRun> shownSweepRun_;
    QString shownSweepConfig_;
};

}  // namespace tradelab::gui
