#pragma once
// A wizard that writes a new run config and its strategy config(s) from a few choices:
//
//   1. Asset classes: equity, crypto or both (one momentum strategy each).
//   2. Data folder: a data root in the bundled layout (<root>/equity/daily, <root>/crypto/daily,
//      <root>/benchmarks), loaded in the background with the engine's loader; the page shows the file
//      count, the date range and the problems, and Next is refused while there are errors or the chosen
//      asset classes have no data or no benchmark (SPY, BTC).
//   3. Universe, per asset class: a named list (every symbol of the data folder, the engine's named
//      universes NASDAQ-100 / SP500 / crypto, the lists found in the universe folders, the default coins),
//      an explicit symbol list, or a universe file; every symbol must have a data file.
//      (The universe follows the data folder so that it can be checked against the data.)
//   4. Splits suggested from the data range (suggestSplit below), editable.
//   5. Risk: risk per trade, maximum positions and maximum exposure, within the schema's ranges.
//   6. Output: the folder and the config name.
//
// Finish writes <name>.yaml (the run config) and <name>_<asset class>_strategy.yaml into the folder with
// QSaveFile, then loads the run config: the wizard closes only when it loads without errors. createdConfig()
// is the run config to open in the ConfigEditor.
//
// Fields, for driving the wizard from code (QWizard::setField):
//   "equity", "crypto", "both"                  bool     the asset-class radio buttons
//   "dataFolder"                                 QString  the data root
//   "equityList", "cryptoList"                   int      index in the named-list box
//   "equityUseSymbols", "cryptoUseSymbols"       bool     use the symbol list instead
//   "equitySymbols", "cryptoSymbols"             QString  "AAPL, MSFT"
//   "equityUseFile", "cryptoUseFile"             bool     use a universe file instead
//   "equityFile", "cryptoFile"                   QString  the universe file
//   "datasetStart", "datasetEnd", "trainStart", "trainEnd", "validationStart", "validationEnd",
//   "holdoutStart", "holdoutEnd"                 QDate
//   "riskPerTrade", "maxExposure"                double   fractions of equity
//   "maxPositions"                               int
//   "outputFolder", "configName"                 QString
#include <QDate>
#include <QString>
#include <QStringList>
#include <QWizard>
#include <memory>
#include <optional>

#include "core/date.hpp"
#include "validation/splits.hpp"

namespace tradelab::gui {

enum class AssetChoice { Equity, Crypto, Both };

// What the data check found under a data root.
struct DataFolderCheck {
    struct Part {
        int files = 0;   // CSV files in the folder
        int loaded = 0;  // series the loader kept
        QDate first;     // earliest and latest bar over the folder's series; null when none
        QDate last;
    };
    QString folder;
    Part equity;      // <root>/equity/daily
    Part crypto;      // <root>/crypto/daily
    Part benchmarks;  // <root>/benchmarks
    QStringList equitySymbols;
    QStringList cryptoSymbols;
    QStringList benchmarkSymbols;
    int errors = 0;
    int warnings = 0;
    QStringList problems;  // "file:line: field: message", errors first; a folder-level problem has no line
};

// Loads every series under `folder` (data::requests_for_data_root, data::load_market_data) and sums up
// what it found. Blocking; the wizard runs it on a worker thread.
DataFolderCheck checkDataFolder(const QString& folder);

// The split suggested for data from `first` to `last` (inclusive): validation::default_split(first, 24) when
// the data covers those 24 months, else default_split(first, 18) when it covers 18, else train, validation
// and holdout in the 12 : 3 : 3 proportion of the 18-month split, named "proportional". Nullopt when the
// range is too short to give each period a day.
std::optional<validation::Split> suggestSplit(Date first, Date last);

class AssetClassPage;
class DataFolderPage;
class UniversePage;
class SplitsPage;
class RiskPage;
class OutputPage;

class StrategyWizard : public QWizard {
    Q_OBJECT

  public:
    enum PageId {
        AssetClassPageId,
        DataFolderPageId,
        UniversePageId,
        SplitsPageId,
        RiskPageId,
        OutputPageId
    };

    explicit StrategyWizard(QWidget* parent = nullptr);
    ~StrategyWizard() override;

    // The run config Finish wrote (absolute path); empty until then.
    QString createdConfig() const { return createdConfig_; }
    // Every file Finish wrote: the run config first, then the strategy configs.
    QStringList createdFiles() const { return createdFiles_; }

    AssetChoice assetChoice() const;
    // The last finished data check; nullopt before the first one or while one runs.
    const std::optional<DataFolderCheck>& dataCheck() const;
    // The date range the splits are suggested from: the chosen asset classes' data, intersected.
    std::optional<std::pair<QDate, QDate>> dataRange() const;
    // The split the splits page suggested, and why ("18-month default split: ...").
    const std::optional<validation::Split>& suggestedSplit() const;
    QString splitExplanation() const;

    // Finish: writes and verifies the configs; stays open, with the problem on the last page, when that
    // fails.
    void accept() override;

  signals:
    // A data check ended; dataCheck() holds its result.
    void dataCheckFinished();

  private:
    bool writeConfigs(QString& error);
    bool verifyWrittenConfig(QString& error);

    AssetClassPage* assetPage_ = nullptr;
    DataFolderPage* dataPage_ = nullptr;
    UniversePage* universePage_ = nullptr;
    SplitsPage* splitsPage_ = nullptr;
    RiskPage* riskPage_ = nullptr;
    OutputPage* outputPage_ = nullptr;
    QString createdConfig_;
    QStringList createdFiles_;
};

}  // namespace tradelab::gui
