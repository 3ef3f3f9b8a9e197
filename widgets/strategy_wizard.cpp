#include "strategy_wizard.hpp"

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSet>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <vector>

#include "backtest_job.hpp"
#include "config/config_loader.hpp"
#include "config/config_schema.hpp"
#include "config_editor.hpp"
#include "data/market_data.hpp"
#include "data/universe.hpp"
#include "qt_conversions.hpp"

namespace tradelab::gui {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxListedProblems = 200;
constexpr int kShownSymbols = 12;
constexpr int kDataCheckDelayMs = 300;  // typing a path starts one check, after the last keystroke
const QString kErrorStyle = QStringLiteral("color: #c62828;");
const QString kOkStyle = QStringLiteral("color: #2e7d32;");

QString isoDate(const QDate& date) {
    return date.toString(Qt::ISODate);
}

QString folderOf(const QString& root, AssetClass assetClass) {
    return QDir(root).filePath(assetClass == AssetClass::Equity ? QStringLiteral("equity/daily")
                                                                : QStringLiteral("crypto/daily"));
}

// Where the engine looks for named universe lists of `assetClass`.
std::vector<fs::path> universeFolders(const QString& root, AssetClass assetClass) {
    return data::universe_folders(toPath(folderOf(root, assetClass)),
                                  toPath(folderOf(root, AssetClass::Equity)));
}

void extend(DataFolderCheck::Part& part, const data::BarSeries& bars) {
    ++part.loaded;
    if (bars.empty()) return;
    const QDate first = toQDate(bars.date.front());
    const QDate last = toQDate(bars.date.back());
    if (!part.first.isValid() || first < part.first) part.first = first;
    if (!part.last.isValid() || last > part.last) part.last = last;
}

DataFolderCheck::Part& partOf(DataFolderCheck& check, bool benchmark, AssetClass assetClass) {
    if (benchmark) return check.benchmarks;
    return assetClass == AssetClass::Equity ? check.equity : check.crypto;
}

QStringList& symbolsOf(DataFolderCheck& check, bool benchmark, AssetClass assetClass) {
    if (benchmark) return check.benchmarkSymbols;
    return assetClass == AssetClass::Equity ? check.equitySymbols : check.cryptoSymbols;
}

// Issues name their files relative to the data root, which the page shows above them.
void addIssues(DataFolderCheck& check, const std::vector<data::DataIssue>& issues) {
    const QDir root(check.folder);
    QStringList errors;
    QStringList warnings;
    for (auto issue : issues) {
        issue.file = QDir::toNativeSeparators(root.relativeFilePath(toQString(issue.file))).toStdString();
        (issue.severity == data::Severity::Error ? errors : warnings) << toQString(data::format_issue(issue));
    }
    check.errors += int(errors.size());
    check.warnings += int(warnings.size());
    check.problems << (errors + warnings).mid(0, kMaxListedProblems);
}

QString numberText(double value) {
    return QString::number(value, 'g', 10);
}

QString joinSymbols(const QStringList& symbols) {
    QStringList shown = symbols.mid(0, kShownSymbols);
    if (symbols.size() > kShownSymbols) shown << QStringLiteral("…");
    return shown.join(QStringLiteral(", "));
}

}  // namespace

DataFolderCheck checkDataFolder(const QString& folder) {
    DataFolderCheck check;
    check.folder = folder;
    const fs::path root = toPath(folder);
    std::error_code error;
    if (folder.trimmed().isEmpty() || !fs::is_directory(root, error)) {
        check.errors = 1;
        check.problems << StrategyWizard::tr("%1: not a folder").arg(QDir::toNativeSeparators(folder));
        return check;
    }
    const auto requests = data::requests_for_data_root(root);
    if (requests.empty()) {
        check.errors = 1;
        check.problems << StrategyWizard::tr("%1: no equity/daily, crypto/daily or benchmarks folder")
                              .arg(QDir::toNativeSeparators(folder));
        return check;
    }
    for (const auto& request : requests) {
        partOf(check, request.benchmark, request.asset_class).files += int(request.symbols.size());
        for (const auto& symbol : request.symbols)
            symbolsOf(check, request.benchmark, request.asset_class) << toQString(symbol);
    }
    const auto loaded = data::load_market_data(requests);
    const data::MarketData& market = loaded.market;
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) {
        const auto& info = market.info(id);
        extend(partOf(check, info.is_benchmark, info.asset_class), market.bars(id));
    }
    addIssues(check, market.issues());
    return check;
}

std::optional<validation::Split> suggestSplit(Date first, Date last) {
    if (last < first) return std::nullopt;
    for (const int months : {24, 18}) {
        if (validation::add_months(first, months) - std::chrono::days{1} <= last)
            return validation::default_split(first, months);
    }
    const auto total = (last - first).count() + 1;
    const auto train = std::lround(double(total) * 12.0 / 18.0);
    const auto checkDays = std::lround(double(total) * 3.0 / 18.0);
    if (train < 1 || checkDays < 1 || total - train - checkDays < 1) return std::nullopt;
    validation::Split split{"proportional", {}, {}, {}};
    split.train = {first, first + std::chrono::days{train - 1}};
    split.validation = {split.train.end + std::chrono::days{1},
                        split.train.end + std::chrono::days{checkDays}};
    split.holdout = {split.validation.end + std::chrono::days{1}, last};
    return split;
}

// =========================================================================================================
// Page 1: asset classes.

class AssetClassPage : public QWizardPage {
    Q_OBJECT

  public:
    AssetClassPage() {
        setTitle(tr("Asset classes"));
        setSubTitle(
            tr("Which markets the new strategy trades. Each asset class gets its own breakout "
               "momentum strategy config; the run config ties them together."));
        equity_ = new QRadioButton(tr("&Equity — stocks, benchmark SPY"));
        crypto_ = new QRadioButton(tr("&Crypto — coins with the staged exit, benchmark BTC"));
        both_ = new QRadioButton(tr("&Both — one strategy per asset class in the same run"));
        equity_->setChecked(true);
        auto* layout = new QVBoxLayout(this);
        for (auto* button : {equity_, crypto_, both_}) layout->addWidget(button);
        layout->addStretch(1);
        registerField(QStringLiteral("equity"), equity_);
        registerField(QStringLiteral("crypto"), crypto_);
        registerField(QStringLiteral("both"), both_);
    }

    AssetChoice choice() const {
        if (crypto_->isChecked()) return AssetChoice::Crypto;
        return both_->isChecked() ? AssetChoice::Both : AssetChoice::Equity;
    }

  private:
    QRadioButton* equity_ = nullptr;
    QRadioButton* crypto_ = nullptr;
    QRadioButton* both_ = nullptr;
};

namespace {

bool tradesEquity(AssetChoice choice) {
    return choice != AssetChoice::Crypto;
}

bool tradesCrypto(AssetChoice choice) {
    return choice != AssetChoice::Equity;
}

std::vector<AssetClass> assetClassesOf(AssetChoice choice) {
    std::vector<AssetClass> classes;
    if (tradesEquity(choice)) classes.push_back(AssetClass::Equity);
    if (tradesCrypto(choice)) classes.push_back(AssetClass::Crypto);
    return classes;
}

QString assetName(AssetClass assetClass) {
    return assetClass == AssetClass::Equity ? QStringLiteral("equity") : QStringLiteral("crypto");
}

}  // namespace

// =========================================================================================================
// Page 2: the data folder, checked in the background.

class DataFolderPage : public QWizardPage {
    Q_OBJECT

  public:
    explicit DataFolderPage(StrategyWizard* wizard) : wizard_(wizard) {
        setTitle(tr("Market data"));
        setSubTitle(
            tr("The data root: equity/daily, crypto/daily and benchmarks folders of daily bars, one "
               "<SYMBOL>.csv each. Every file is loaded and checked."));
        folder_ = new QLineEdit;
        folder_->setPlaceholderText(tr("Folder holding equity/, crypto/ and benchmarks/"));
        auto* browse = new QToolButton;
        browse->setText(tr("…"));
        browse->setToolTip(tr("Choose the data folder"));
        status_ = new QLabel;
        status_->setWordWrap(true);
        summary_ = new QLabel;
        summary_->setTextFormat(Qt::RichText);
        problems_ = new QListWidget;
        auto* row = new QHBoxLayout;
        row->addWidget(folder_, 1);
        row->addWidget(browse);
        auto* layout = new QVBoxLayout(this);
        layout->addLayout(row);
        layout->addWidget(status_);
        layout->addWidget(summary_);
        layout->addWidget(new QLabel(tr("Problems (errors first):")));
        layout->addWidget(problems_, 1);
        registerField(QStringLiteral("dataFolder"), folder_);

        debounce_.setSingleShot(true);
        debounce_.setInterval(kDataCheckDelayMs);
        connect(&debounce_, &QTimer::timeout, this, &DataFolderPage::startCheck);
        connect(folder_, &QLineEdit::textChanged, this, &DataFolderPage::onFolderChanged);
        connect(browse, &QToolButton::clicked, this, &DataFolderPage::browse);
        connect(&watcher_, &QFutureWatcher<DataFolderCheck>::finished, this,
                &DataFolderPage::onCheckFinished);
        showCheck();
    }

    ~DataFolderPage() override { watcher_.waitForFinished(); }

    void initializePage() override { showCheck(); }  // the asset classes may have changed

    bool isComplete() const override {
        return check_ && check_->folder == folder_->text() && check_->errors == 0 &&
               requirementProblems().isEmpty();
    }

    // QWizard::next() does not ask isComplete(); a page with errors must refuse it too.
    bool validatePage() override { return isComplete(); }

    const std::optional<DataFolderCheck>& check() const { return check_; }
    QString folder() const { return folder_->text(); }

  private:
    void onFolderChanged() {
        check_.reset();
        debounce_.start();
        showCheck();
        emit completeChanged();
    }

    void browse() {
        const QString chosen =
            QFileDialog::getExistingDirectory(this, tr("Choose the data folder"), folder_->text());
        if (!chosen.isEmpty()) folder_->setText(chosen);
    }

    void startCheck() {
        if (watcher_.isRunning()) return;  // onCheckFinished starts the next one
        watcher_.setFuture(QtConcurrent::run(checkDataFolder, folder_->text()));
        showCheck();
    }

    void onCheckFinished() {
        DataFolderCheck result = watcher_.result();
        if (result.folder != folder_->text()) {  // the folder changed while it ran
            startCheck();
            return;
        }
        check_ = std::move(result);
        showCheck();
        emit completeChanged();
        emit wizard_->dataCheckFinished();
    }

    // What the chosen asset classes need beyond a clean check: their data and their benchmark.
    QStringList requirementProblems() const {
        QStringList problems;
        if (!check_) return problems;
        const AssetChoice choice = wizard_->assetChoice();
        if (tradesEquity(choice) && check_->equity.loaded == 0)
            problems << tr("No equity data: equity/daily holds no usable CSV file");
        if (tradesEquity(choice) && !check_->benchmarkSymbols.contains(QStringLiteral("SPY")))
            problems << tr("No equity benchmark: benchmarks/SPY.csv is missing");
        if (tradesCrypto(choice) && check_->crypto.loaded == 0)
            problems << tr("No crypto data: crypto/daily holds no usable CSV file");
        if (tradesCrypto(choice) && !check_->benchmarkSymbols.contains(QStringLiteral("BTC")))
            problems << tr("No crypto benchmark: benchmarks/BTC.csv is missing");
        return problems;
    }

    void showCheck() {
        problems_->clear();
        summary_->clear();
        if (!check_) {
            status_->setStyleSheet(QString());
            status_->setText(folder_->text().isEmpty() ? tr("Choose a folder.") : tr("Checking the data…"));
            return;
        }
        const QStringList missing = requirementProblems();
        const int files = check_->equity.files + check_->crypto.files + check_->benchmarks.files;
        const int errors = check_->errors + int(missing.size());
        status_->setText(
            tr("Files checked: %1. Errors: %2. Warnings: %3.").arg(files).arg(errors).arg(check_->warnings));
        status_->setStyleSheet(errors > 0 ? kErrorStyle : kOkStyle);
        summary_->setText(summaryTable());
        problems_->addItems(missing + check_->problems);
    }

    QString summaryTable() const {
        QString rows;
        const auto row = [&](const QString& name, const DataFolderCheck::Part& part) {
            const QString range = part.first.isValid()
                                      ? tr("%1 to %2").arg(isoDate(part.first), isoDate(part.last))
                                      : tr("no bars");
            rows += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td>%3</td></tr>")
                        .arg(name)
                        .arg(part.files)
                        .arg(range);
        };
        row(tr("Equity"), check_->equity);
        row(tr("Crypto"), check_->crypto);
        row(tr("Benchmarks"), check_->benchmarks);
        return QStringLiteral(
                   "<table cellspacing='0' cellpadding='3'><tr><th align='left'></th>"
                   "<th align='right'>%1</th><th align='left'>%2</th></tr>%3</table>")
            .arg(tr("Files"), tr("Dates"), rows);
    }

    StrategyWizard* wizard_;
    QLineEdit* folder_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* summary_ = nullptr;
    QListWidget* problems_ = nullptr;
    QTimer debounce_;
    QFutureWatcher<DataFolderCheck> watcher_;
    std::optional<DataFolderCheck> check_;
};

// =========================================================================================================
// Page 3: the universe of each asset class.

// What goes into the strategy config: a built-in universe name, or the symbols.
struct UniverseChoice {
    QString name;
    QStringList symbols;
};

class UniverseBox : public QGroupBox {
    Q_OBJECT

  public:
    UniverseBox(AssetClass assetClass, const QString& title) : QGroupBox(title), assetClass_(assetClass) {
        useList_ = new QRadioButton(tr("Named list"));
        useSymbols_ = new QRadioButton(tr("Symbols"));
        useFile_ = new QRadioButton(tr("Universe file"));
        useList_->setChecked(true);
        lists_ = new QComboBox;
        symbols_ = new QLineEdit;
        symbols_->setPlaceholderText(assetClass == AssetClass::Equity ? tr("AAPL, MSFT, NVDA")
                                                                      : tr("BTC, ETH, SOL"));
        file_ = new QLineEdit;
        file_->setPlaceholderText(tr("CSV with a symbol column, or one symbol a line"));
        auto* browse = new QToolButton;
        browse->setText(tr("…"));
        browse->setToolTip(tr("Choose the universe file"));
        status_ = new QLabel;
        status_->setWordWrap(true);
        auto* fileRow = new QHBoxLayout;
        fileRow->addWidget(file_, 1);
        fileRow->addWidget(browse);
        auto* grid = new QGridLayout(this);
        grid->addWidget(useList_, 0, 0);
        grid->addWidget(lists_, 0, 1);
        grid->addWidget(useSymbols_, 1, 0);
        grid->addWidget(symbols_, 1, 1);
        grid->addWidget(useFile_, 2, 0);
        grid->addLayout(fileRow, 2, 1);
        grid->addWidget(status_, 3, 0, 1, 2);
        grid->setColumnStretch(1, 1);
        // A switch toggles two radios; the one turned on re-evaluates.
        for (auto* radio : {useList_, useSymbols_, useFile_})
            connect(radio, &QRadioButton::toggled, this, [this](bool on) {
                if (on) evaluate();
            });
        connect(lists_, &QComboBox::currentIndexChanged, this, &UniverseBox::evaluate);
        connect(symbols_, &QLineEdit::textChanged, this, &UniverseBox::evaluate);
        connect(file_, &QLineEdit::textChanged, this, &UniverseBox::evaluate);
        connect(browse, &QToolButton::clicked, this, &UniverseBox::browse);
    }

    QRadioButton* useList() const { return useList_; }
    QRadioButton* useSymbols() const { return useSymbols_; }
    QRadioButton* useFile() const { return useFile_; }
    QComboBox* lists() const { return lists_; }
    QLineEdit* symbols() const { return symbols_; }
    QLineEdit* file() const { return file_; }

    // Lists what the data root offers; the previous choice is kept when the folder is the same.
    void setDataRoot(const QString& root, const QStringList& folderSymbols) {
        if (root == root_) return;
        root_ = root;
        entries_.clear();
        entries_.push_back({tr("Every symbol in the data folder (%n)", nullptr, int(folderSymbols.size())),
                            {},
                            folderSymbols});
        addNamedLists();
        if (assetClass_ == AssetClass::Crypto) {
            QStringList coins;
            for (const auto& coin : data::default_crypto_universe()) coins << toQString(coin);
            entries_.push_back({tr("The ten default coins"), {}, coins});
        }
        const QSignalBlocker blocker(lists_);
        lists_->clear();
        for (const auto& entry : entries_) lists_->addItem(entry.label);
        evaluate();
    }

    bool isComplete() const { return complete_; }

    UniverseChoice choice() const { return choice_; }

  signals:
    void changed();

  private:
    struct ListEntry {
        QString label;
        QString name;         // a built-in universe, resolved by the engine at run time
        QStringList symbols;  // otherwise the symbols
    };

    // The engine's built-in universes of the asset class, and the other lists of the universe folders.
    void addNamedLists() {
        const QStringList builtIn = assetClass_ == AssetClass::Equity
                                        ? QStringList{QStringLiteral("NASDAQ-100"), QStringLiteral("SP500")}
                                        : QStringList{QStringLiteral("crypto")};
        for (const QString& name : builtIn)
            entries_.push_back({tr("%1 (built-in universe)").arg(name), name, {}});
        QSet<QString> seen(builtIn.begin(), builtIn.end());
        for (const auto& folder : universeFolders(root_, assetClass_)) {
            const QDir dir(toQString(folder));
            for (const QFileInfo& list :
                 dir.entryInfoList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name)) {
                if (seen.contains(list.completeBaseName())) continue;
                seen.insert(list.completeBaseName());
                const auto read = data::read_universe_file(toPath(list.absoluteFilePath()));
                QStringList symbols;
                for (const auto& symbol : read.symbols) symbols << toQString(symbol);
                entries_.push_back(
                    {tr("%1 (list of %n)", nullptr, int(symbols.size())).arg(list.completeBaseName()),
                     {},
                     symbols});
            }
        }
    }

    void browse() {
        const QString chosen = QFileDialog::getOpenFileName(
            this, tr("Choose the universe file"), root_, tr("Universe lists (*.csv *.txt);;All files (*)"));
        if (!chosen.isEmpty()) file_->setText(chosen);
    }

    data::UniverseSpec spec(std::vector<data::DataIssue>& issues) const {
        if (useSymbols_->isChecked()) {
            static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
            data::UniverseSpec spec;
            for (const QString& symbol : symbols_->text().split(separators, Qt::SkipEmptyParts))
                spec.symbols.push_back(symbol.toUpper().toStdString());
            return spec;
        }
        if (useFile_->isChecked()) {
            if (file_->text().trimmed().isEmpty()) return {};
            auto read = data::read_universe_file(toPath(file_->text().trimmed()));
            issues.insert(issues.end(), read.issues.begin(), read.issues.end());
            return {"", std::move(read.symbols)};
        }
        const int index = lists_->currentIndex();
        if (index < 0 || index >= int(entries_.size())) return {};
        const ListEntry& entry = entries_[std::size_t(index)];
        data::UniverseSpec spec{entry.name.toStdString(), {}};
        for (const QString& symbol : entry.symbols) spec.symbols.push_back(symbol.toStdString());
        return spec;
    }

    // Resolves the choice against the data folder: every symbol needs its file.
    void evaluate() {
        lists_->setEnabled(useList_->isChecked());
        symbols_->setEnabled(useSymbols_->isChecked());
        file_->setEnabled(useFile_->isChecked());
        std::vector<data::DataIssue> issues;
        const data::UniverseSpec universe = spec(issues);
        const auto resolved = data::resolve_universe(universe, universeFolders(root_, assetClass_),
                                                     toPath(folderOf(root_, assetClass_)));
        issues.insert(issues.end(), resolved.issues.begin(), resolved.issues.end());
        choice_ = {toQString(universe.name), {}};
        for (const auto& symbol : resolved.symbols) choice_.symbols << toQString(symbol);
        complete_ = !data::has_errors(issues) && !choice_.symbols.isEmpty();
        showStatus(issues);
        emit changed();
    }

    void showStatus(const std::vector<data::DataIssue>& issues) {
        QStringList problems;
        for (const auto& issue : issues) problems << toQString(data::format_issue(issue));
        if (choice_.symbols.isEmpty() && problems.isEmpty()) problems << tr("The universe has no symbols");
        if (complete_) {
            const int count = int(choice_.symbols.size());
            status_->setText(count == 1
                                 ? tr("1 symbol, with a data file: %1").arg(joinSymbols(choice_.symbols))
                                 : tr("%1 symbols, each with a data file: %2")
                                       .arg(count)
                                       .arg(joinSymbols(choice_.symbols)));
            status_->setStyleSheet(kOkStyle);
            return;
        }
        QStringList shown = problems.mid(0, 5);
        if (problems.size() > 5) shown << tr("… and %n more", nullptr, int(problems.size() - 5));
        status_->setText(shown.join(QLatin1Char('\n')));
        status_->setStyleSheet(kErrorStyle);
    }

    AssetClass assetClass_;
    QString root_;
    std::vector<ListEntry> entries_;
    QRadioButton* useList_ = nullptr;
    QRadioButton* useSymbols_ = nullptr;
    QRadioButton* useFile_ = nullptr;
    QComboBox* lists_ = nullptr;
    QLineEdit* symbols_ = nullptr;
    QLineEdit* file_ = nullptr;
    QLabel* status_ = nullptr;
    UniverseChoice choice_;
    bool complete_ = false;
};

class UniversePage : public QWizardPage {
    Q_OBJECT

  public:
    explicit UniversePage(StrategyWizard* wizard) : wizard_(wizard) {
        setTitle(tr("Universe"));
        setSubTitle(
            tr("The symbols each strategy may trade. Every symbol needs a data file in the data folder."));
        equity_ = new UniverseBox(AssetClass::Equity, tr("Equity universe"));
        crypto_ = new UniverseBox(AssetClass::Crypto, tr("Crypto universe"));
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(equity_);
        layout->addWidget(crypto_);
        layout->addStretch(1);
        registerBox(*equity_, QStringLiteral("equity"));
        registerBox(*crypto_, QStringLiteral("crypto"));
    }

    void initializePage() override {
        const AssetChoice choice = wizard_->assetChoice();
        equity_->setVisible(tradesEquity(choice));
        crypto_->setVisible(tradesCrypto(choice));
        const auto& check = wizard_->dataCheck();
        const QString root = field(QStringLiteral("dataFolder")).toString();
        equity_->setDataRoot(root, check ? check->equitySymbols : QStringList());
        crypto_->setDataRoot(root, check ? check->cryptoSymbols : QStringList());
    }

    bool isComplete() const override {
        const AssetChoice choice = wizard_->assetChoice();
        return (!tradesEquity(choice) || equity_->isComplete()) &&
               (!tradesCrypto(choice) || crypto_->isComplete());
    }

    bool validatePage() override { return isComplete(); }

    UniverseChoice choice(AssetClass assetClass) const {
        return (assetClass == AssetClass::Equity ? equity_ : crypto_)->choice();
    }

  private:
    void registerBox(UniverseBox& box, const QString& prefix) {
        registerField(prefix + QStringLiteral("List"), box.lists());
        registerField(prefix + QStringLiteral("UseSymbols"), box.useSymbols());
        registerField(prefix + QStringLiteral("Symbols"), box.symbols());
        registerField(prefix + QStringLiteral("UseFile"), box.useFile());
        registerField(prefix + QStringLiteral("File"), box.file());
        connect(&box, &UniverseBox::changed, this, &QWizardPage::completeChanged);
    }

    StrategyWizard* wizard_;
    UniverseBox* equity_ = nullptr;
    UniverseBox* crypto_ = nullptr;
};

// =========================================================================================================
// Page 4: the walk-forward split.

class SplitsPage : public QWizardPage {
    Q_OBJECT

  public:
    explicit SplitsPage(StrategyWizard* wizard) : wizard_(wizard) {
        setTitle(tr("Walk-forward split"));
        setSubTitle(tr("Tune on train, check on validation, and look at the holdout once, at the very end."));
        explanation_ = new QLabel;
        explanation_->setWordWrap(true);
        auto* suggest = new QPushButton(tr("&Suggest from the data"));
        problems_ = new QLabel;
        problems_->setWordWrap(true);
        problems_->setStyleSheet(kErrorStyle);
        auto* grid = new QGridLayout;
        grid->addWidget(new QLabel(tr("Start")), 0, 1);
        grid->addWidget(new QLabel(tr("End")), 0, 2);
        addRow(*grid, 1, tr("Loaded data"), QStringLiteral("dataset"));
        addRow(*grid, 2, tr("Train"), QStringLiteral("train"));
        addRow(*grid, 3, tr("Validation"), QStringLiteral("validation"));
        addRow(*grid, 4, tr("Holdout"), QStringLiteral("holdout"));
        grid->setColumnStretch(3, 1);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(explanation_);
        layout->addLayout(grid);
        layout->addWidget(suggest, 0, Qt::AlignLeft);
        layout->addWidget(problems_);
        layout->addStretch(1);
        connect(suggest, &QPushButton::clicked, this, &SplitsPage::suggest);
    }

    void initializePage() override {
        if (wizard_->dataRange() != suggestedFor_) suggest();
    }

    bool validatePage() override {
        const QStringList problems = splitProblems();
        problems_->setText(problems.join(QLatin1Char('\n')));
        return problems.isEmpty();
    }

    const std::optional<validation::Split>& suggested() const { return suggested_; }
    QString explanation() const { return explanation_->text(); }

    validation::Split split() const {
        const auto period = [&](const QString& name) {
            return validation::Period{toDate(edits_.at(name + QStringLiteral("Start"))->date()),
                                      toDate(edits_.at(name + QStringLiteral("End"))->date())};
        };
        return {"wizard", period(QStringLiteral("train")), period(QStringLiteral("validation")),
                period(QStringLiteral("holdout"))};
    }

  private:
    void addRow(QGridLayout& grid, int row, const QString& label, const QString& name) {
        grid.addWidget(new QLabel(label), row, 0);
        for (const QString& side : {QStringLiteral("Start"), QStringLiteral("End")}) {
            auto* edit = new QDateEdit;
            edit->setCalendarPopup(true);
            edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
            grid.addWidget(edit, row, side == QLatin1String("Start") ? 1 : 2);
            edits_[name + side] = edit;
            registerField(name + side, edit, "date", SIGNAL(dateChanged(QDate)));
        }
    }

    void setPeriod(const QString& name, QDate start, QDate end) {
        edits_.at(name + QStringLiteral("Start"))->setDate(start);
        edits_.at(name + QStringLiteral("End"))->setDate(end);
    }

    void suggest() {
        const auto range = wizard_->dataRange();
        suggestedFor_ = range;
        suggested_.reset();
        if (!range) {
            explanation_->setText(tr("The data folder has no bars for the chosen asset classes."));
            return;
        }
        setPeriod(QStringLiteral("dataset"), range->first, range->second);
        suggested_ = suggestSplit(toDate(range->first), toDate(range->second));
        if (!suggested_) {
            explanation_->setText(tr("The data is too short for a split; enter the periods by hand."));
            return;
        }
        setPeriod(QStringLiteral("train"), toQDate(suggested_->train.start), toQDate(suggested_->train.end));
        setPeriod(QStringLiteral("validation"), toQDate(suggested_->validation.start),
                  toQDate(suggested_->validation.end));
        setPeriod(QStringLiteral("holdout"), toQDate(suggested_->holdout.start),
                  toQDate(suggested_->holdout.end));
        explanation_->setText(describe(*range, *suggested_));
        problems_->clear();
    }

    QString describe(const std::pair<QDate, QDate>& range, const validation::Split& split) const {
        const QString data =
            tr("The data runs from %1 to %2.").arg(isoDate(range.first), isoDate(range.second));
        if (split.name == "default_24m")
            return data + QLatin1Char(' ') +
                   tr("It covers 24 months: the 24-month default split is suggested (train 15 months, "
                      "validation 3, holdout 6).");
        if (split.name == "default_18m")
            return data + QLatin1Char(' ') +
                   tr("It covers 18 months but not 24: the 18-month default split is suggested (train 12 "
                      "months, validation 3, holdout 3).");
        return data + QLatin1Char(' ') +
               tr("It covers less than 18 months: train, validation and holdout are suggested in the 12 : 3 "
                  ": 3 "
                  "proportion of the 18-month split.");
    }

    QStringList splitProblems() const {
        QStringList problems;
        for (const auto& problem : validation::split_problems(split()))
            problems << QStringLiteral("%1: %2").arg(toQString(problem.key), toQString(problem.message));
        const QDate datasetStart = edits_.at(QStringLiteral("datasetStart"))->date();
        const QDate datasetEnd = edits_.at(QStringLiteral("datasetEnd"))->date();
        if (datasetStart >= datasetEnd) problems << tr("The loaded data must start before it ends");
        return problems;
    }

    StrategyWizard* wizard_;
    QLabel* explanation_ = nullptr;
    QLabel* problems_ = nullptr;
    std::map<QString, QDateEdit*> edits_;
    std::optional<std::pair<QDate, QDate>> suggestedFor_;
    std::optional<validation::Split> suggested_;
};

// =========================================================================================================
// Page 5: risk.

class RiskPage : public QWizardPage {
    Q_OBJECT

  public:
    RiskPage() {
        setTitle(tr("Risk"));
        setSubTitle(
            tr("Position sizing and exposure limits. They are frozen: decide them now, never tune them on "
               "results."));
        riskPerTrade_ = fractionBox("risk.risk_per_trade", 4, 0.0005);
        maxExposure_ = fractionBox("risk.max_exposure", 2, 0.05);
        maxPositions_ = new QSpinBox;
        const config::KeySpec& positions = spec("risk.max_positions");
        maxPositions_->setRange(int(positions.range.min.value_or(1)),
                                int(positions.range.max.value_or(1000)));
        maxPositions_->setValue(QString::fromStdString(positions.default_yaml).toInt());
        maxPositions_->setToolTip(tooltip(positions));
        note_ = new QLabel;
        note_->setWordWrap(true);
        auto* form = new QFormLayout;
        form->addRow(tr("Risk per &trade"), riskPerTrade_);
        form->addRow(tr("Maximum &positions"), maxPositions_);
        form->addRow(tr("Maximum &exposure"), maxExposure_);
        auto* layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(note_);
        layout->addStretch(1);
        registerField(QStringLiteral("riskPerTrade"), riskPerTrade_, "value", SIGNAL(valueChanged(double)));
        registerField(QStringLiteral("maxPositions"), maxPositions_);
        registerField(QStringLiteral("maxExposure"), maxExposure_, "value", SIGNAL(valueChanged(double)));
        connect(riskPerTrade_, &QDoubleSpinBox::valueChanged, this, &RiskPage::describe);
        connect(maxExposure_, &QDoubleSpinBox::valueChanged, this, &RiskPage::describe);
        connect(maxPositions_, &QSpinBox::valueChanged, this, &RiskPage::describe);
        describe();
    }

  private:
    static const config::KeySpec& spec(const char* path) {
        return *config::find_key(config::ConfigKind::Strategy, path);
    }

    static QString tooltip(const config::KeySpec& spec) {
        return tr("%1 Range %2, default %3.")
            .arg(toQString(spec.description), toQString(spec.range.to_text()), toQString(spec.default_yaml));
    }

    // A spin box over the key's range; an exclusive bound becomes the nearest step inside it.
    static QDoubleSpinBox* fractionBox(const char* path, int decimals, double step) {
        const config::KeySpec& key = spec(path);
        auto* box = new QDoubleSpinBox;
        box->setDecimals(decimals);
        box->setSingleStep(step);
        const double smallest = std::pow(10.0, -decimals);
        const double low = key.range.min.value_or(0.0);
        const double high = key.range.max.value_or(1.0);
        box->setRange(key.range.min_exclusive ? low + smallest : low,
                      key.range.max_exclusive ? high - smallest : high);
        box->setValue(QString::fromStdString(key.default_yaml).toDouble());
        box->setToolTip(tooltip(key));
        return box;
    }

    void describe() {
        note_->setText(tr("Each trade risks %1 % of equity at its stop. Open positions: at most %2. "
                          "Invested: at most %3 % "
                          "of equity.")
                           .arg(QLocale().toString(riskPerTrade_->value() * 100.0, 'g', 4))
                           .arg(maxPositions_->value())
                           .arg(QLocale().toString(maxExposure_->value() * 100.0, 'g', 4)));
    }

    QDoubleSpinBox* riskPerTrade_ = nullptr;
    QDoubleSpinBox* maxExposure_ = nullptr;
    QSpinBox* maxPositions_ = nullptr;
    QLabel* note_ = nullptr;
};

// =========================================================================================================
// Page 6: where the configs go.

class OutputPage : public QWizardPage {
    Q_OBJECT

  public:
    explicit OutputPage(StrategyWizard* wizard) : wizard_(wizard) {
        setTitle(tr("Save the configs"));
        setSubTitle(tr("The run config and its strategy configs are written into this folder."));
        folder_ = new QLineEdit;
        auto* browse = new QToolButton;
        browse->setText(tr("…"));
        browse->setToolTip(tr("Choose the folder"));
        name_ = new QLineEdit(QStringLiteral("momentum"));
        name_->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[A-Za-z0-9][A-Za-z0-9_-]*")), name_));
        preview_ = new QLabel;
        preview_->setWordWrap(true);
        error_ = new QLabel;
        error_->setWordWrap(true);
        error_->setStyleSheet(kErrorStyle);
        auto* folderRow = new QHBoxLayout;
        folderRow->addWidget(folder_, 1);
        folderRow->addWidget(browse);
        auto* folderLabel = new QLabel(tr("&Folder"));
        folderLabel->setBuddy(folder_);
        auto* form = new QFormLayout;
        form->addRow(folderLabel, folderRow);
        form->addRow(tr("&Name"), name_);
        auto* layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(preview_);
        layout->addWidget(error_);
        layout->addStretch(1);
        registerField(QStringLiteral("outputFolder"), folder_);
        registerField(QStringLiteral("configName"), name_);
        connect(folder_, &QLineEdit::textChanged, this, &OutputPage::onChanged);
        connect(name_, &QLineEdit::textChanged, this, &OutputPage::onChanged);
        connect(browse, &QToolButton::clicked, this, [this] {
            const QString chosen =
                QFileDialog::getExistingDirectory(this, tr("Choose the folder"), folder_->text());
            if (!chosen.isEmpty()) folder_->setText(chosen);
        });
    }

    void initializePage() override { onChanged(); }

    bool isComplete() const override {
        return !folder_->text().trimmed().isEmpty() && name_->hasAcceptableInput();
    }

    bool validatePage() override { return isComplete(); }

    QString runFile() const {
        return QDir(folder_->text().trimmed()).absoluteFilePath(name_->text() + QStringLiteral(".yaml"));
    }

    QString strategyFile(AssetClass assetClass) const {
        return QDir(folder_->text().trimmed())
            .absoluteFilePath(
                QStringLiteral("%1_%2_strategy.yaml").arg(name_->text(), assetName(assetClass)));
    }

    QStringList files() const {
        QStringList files{runFile()};
        for (const AssetClass assetClass : assetClassesOf(wizard_->assetChoice()))
            files << strategyFile(assetClass);
        return files;
    }

    void showError(const QString& error) { error_->setText(error); }

  private:
    void onChanged() {
        error_->clear();
        QStringList names;
        for (const QString& file : files()) names << QFileInfo(file).fileName();
        preview_->setText(isComplete() ? tr("Files to write: %1").arg(names.join(QStringLiteral(", ")))
                                       : QString());
        emit completeChanged();
    }

    StrategyWizard* wizard_;
    QLineEdit* folder_ = nullptr;
    QLineEdit* name_ = nullptr;
    QLabel* preview_ = nullptr;
    QLabel* error_ = nullptr;
};

// =========================================================================================================
// The files.

namespace {

QString quoted(const QString& text) {
    return yamlString(text, QLatin1Char('"'));
}

QString universeYaml(const UniverseChoice& universe) {
    if (!universe.name.isEmpty()) return quoted(universe.name);
    QStringList symbols;
    for (const QString& symbol : universe.symbols) symbols << quoted(symbol);
    return QLatin1Char('[') + symbols.join(QStringLiteral(", ")) + QLatin1Char(']');
}

struct RiskSettings {
    double riskPerTrade = 0.0;
    int maxPositions = 0;
    double maxExposure = 0.0;
};

QString riskYaml(const RiskSettings& risk) {
    const double notional = std::min(0.15, risk.maxExposure);  // one position may not exceed the exposure
    return QStringLiteral(
               "risk:\n"
               "  risk_per_trade: %1\n"
               "  max_positions: %2\n"
               "  max_exposure: %3\n"
               "  max_position_notional: %4\n")
        .arg(numberText(risk.riskPerTrade))
        .arg(risk.maxPositions)
        .arg(numberText(risk.maxExposure), numberText(notional));
}

QString equityStrategyYaml(const QString& name, const UniverseChoice& universe, const RiskSettings& risk) {
    return QStringLiteral(
               "# Breakout momentum on equities: buy a close that clears the prior 20- or 55-day high in an "
               "uptrend,\n"
               "# exit on the ATR stop or a close below MA20. Risk limits are frozen; tune only stops, "
               "clearances and\n"
               "# exits, and only on the train period.\n"
               "schema_version: \"1.1\"\n\n"
               "name: %1\n"
               "strategy_type: \"momentum\"\n"
               "asset_class: \"equity\"\n"
               "universe: %2\n"
               "benchmark: \"SPY\"\n\n"
               "exit:\n"
               "  mode: \"ma_cross\"\n"
               "  exit_ma: 20\n"
               "  hard_stop_atr_mult: 2.5  # initial stop 2.5 ATR below the entry\n\n"
               "%3")
        .arg(quoted(name), universeYaml(universe), riskYaml(risk));
}

QString cryptoStrategyYaml(const QString& name, const UniverseChoice& universe, const RiskSettings& risk) {
    return QStringLiteral(
               "# Breakout momentum on coins with the staged exit (required for crypto momentum). Risk "
               "limits "
               "are\n"
               "# frozen; tune only stops, clearances and exits, and only on the train period.\n"
               "schema_version: \"1.1\"\n\n"
               "name: %1\n"
               "strategy_type: \"momentum\"\n"
               "asset_class: \"crypto\"\n"
               "universe: %2\n"
               "benchmark: \"BTC\"\n\n"
               "eligibility:\n"
               "  require_close_above_trend_ma: false  # the crypto strategy filters on MA200 instead\n"
               "  require_close_above_ma200: true\n\n"
               "exit:\n"
               "  mode: \"staged\"\n"
               "  exit_ma: 50\n"
               "  hard_stop_atr_mult: 3.0\n"
               "  tightened_stop_atr_mult: 2.0  # must be below hard_stop_atr_mult\n\n"
               "%3\n"
               "capacity:\n"
               "  max_order_pct_adv: 0.0025\n\n"
               "costs:\n"
               "  fee_bps: 8\n"
               "  slippage_base_bps: 10\n"
               "  weekend_penalty: 1.5\n"
               "  stress_threshold: -0.05\n")
        .arg(quoted(name), universeYaml(universe), riskYaml(risk));
}

struct RunSettings {
    QString name;
    QString folder;  // where the run config goes; its paths are relative to it
    QString dataRoot;
    QDate datasetStart;
    QDate datasetEnd;
    validation::Split split;
    std::vector<std::pair<AssetClass, QString>> strategies;  // asset class, strategy file name
};

QString relativePath(const RunSettings& run, const QString& subfolder) {
    return QDir(run.folder).relativeFilePath(QDir(run.dataRoot).absoluteFilePath(subfolder));
}

QString runYaml(const RunSettings& run) {
    const auto date = [](Date day) { return quoted(isoDate(toQDate(day))); };
    QString strategySlots;
    for (const auto& [assetClass, file] : run.strategies)
        strategySlots +=
            QStringLiteral("  %1:\n    config_path: %2\n").arg(assetName(assetClass), quoted(file));
    return QStringLiteral(
               "# Written by the strategy wizard. Paths are relative to this file; keys left out take their "
               "defaults.\n"
               "schema_version: \"1.1\"\n\n"
               "dataset:\n"
               "  equity_path: %1\n"
               "  crypto_path: %2\n"
               "  benchmark_path: %3  # SPY.csv and BTC.csv\n"
               "  start_date: %4\n"
               "  end_date: %5\n\n"
               "# Tune on train, check on validation, and look at the holdout once, at the very end.\n"
               "splits:\n"
               "  train_start: %6\n"
               "  train_end: %7\n"
               "  validation_start: %8\n"
               "  validation_end: %9\n"
               "  holdout_start: %10\n"
               "  holdout_end: %11\n\n"
               "strategies:\n"
               "%12\n"
               "portfolio:\n"
               "  starting_equity: 100000\n\n"
               "output:\n"
               "  config_name: %13\n\n"
               "random_seed: 42\n")
        .arg(quoted(relativePath(run, QStringLiteral("equity/daily"))),
             quoted(relativePath(run, QStringLiteral("crypto/daily"))),
             quoted(relativePath(run, QStringLiteral("benchmarks"))), quoted(isoDate(run.datasetStart)),
             quoted(isoDate(run.datasetEnd)), date(run.split.train.start), date(run.split.train.end),
             date(run.split.validation.start), date(run.split.validation.end))
        .arg(date(run.split.holdout.start), date(run.split.holdout.end), strategySlots, quoted(run.name));
}

}  // namespace

// =========================================================================================================

StrategyWizard::StrategyWizard(QWidget* parent) : QWizard(parent) {
    setWindowTitle(tr("New strategy"));
    resize(800, 600);
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    assetPage_ = new AssetClassPage;
    dataPage_ = new DataFolderPage(this);
    universePage_ = new UniversePage(this);
    splitsPage_ = new SplitsPage(this);
    riskPage_ = new RiskPage;
    outputPage_ = new OutputPage(this);
    setPage(AssetClassPageId, assetPage_);
    setPage(DataFolderPageId, dataPage_);
    setPage(UniversePageId, universePage_);
    setPage(SplitsPageId, splitsPage_);
    setPage(RiskPageId, riskPage_);
    setPage(OutputPageId, outputPage_);
    setStartId(AssetClassPageId);
}

StrategyWizard::~StrategyWizard() = default;

AssetChoice StrategyWizard::assetChoice() const {
    return assetPage_->choice();
}

const std::optional<DataFolderCheck>& StrategyWizard::dataCheck() const {
    return dataPage_->check();
}

std::optional<std::pair<QDate, QDate>> StrategyWizard::dataRange() const {
    const auto& check = dataCheck();
    if (!check) return std::nullopt;
    std::optional<std::pair<QDate, QDate>> range;
    for (const AssetClass assetClass : assetClassesOf(assetChoice())) {
        const auto& part = assetClass == AssetClass::Equity ? check->equity : check->crypto;
        if (!part.first.isValid()) return std::nullopt;
        if (!range)
            range = std::pair{part.first, part.last};
        else
            range = std::pair{std::max(range->first, part.first), std::min(range->second, part.last)};
    }
    if (range && range->first > range->second) return std::nullopt;
    return range;
}

const std::optional<validation::Split>& StrategyWizard::suggestedSplit() const {
    return splitsPage_->suggested();
}

QString StrategyWizard::splitExplanation() const {
    return splitsPage_->explanation();
}

void StrategyWizard::accept() {
    QString error;
    if (!writeConfigs(error)) {
        outputPage_->showError(error);
        return;
    }
    QWizard::accept();
}

bool StrategyWizard::writeConfigs(QString& error) {
    const QString folder = QDir(field(QStringLiteral("outputFolder")).toString().trimmed()).absolutePath();
    if (!QDir().mkpath(folder)) {
        error = tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    const QString name = field(QStringLiteral("configName")).toString();
    const RiskSettings risk{field(QStringLiteral("riskPerTrade")).toDouble(),
                            field(QStringLiteral("maxPositions")).toInt(),
                            field(QStringLiteral("maxExposure")).toDouble()};
    RunSettings run{name,
                    folder,
                    QDir(field(QStringLiteral("dataFolder")).toString()).absolutePath(),
                    field(QStringLiteral("datasetStart")).toDate(),
                    field(QStringLiteral("datasetEnd")).toDate(),
                    splitsPage_->split(),
                    {}};
    std::vector<std::pair<QString, QString>> files;  // path, text
    for (const AssetClass assetClass : assetClassesOf(assetChoice())) {
        const QString path = outputPage_->strategyFile(assetClass);
        const QString strategyName = name + QLatin1Char('_') + assetName(assetClass);
        const UniverseChoice universe = universePage_->choice(assetClass);
        files.emplace_back(path, assetClass == AssetClass::Equity
                                     ? equityStrategyYaml(strategyName, universe, risk)
                                     : cryptoStrategyYaml(strategyName, universe, risk));
        run.strategies.emplace_back(assetClass, QFileInfo(path).fileName());
    }
    files.insert(files.begin(), {outputPage_->runFile(), runYaml(run)});

    for (const auto& [path, text] : files) {
        if (QFileInfo::exists(path) && !createdFiles_.contains(path)) {
            error =
                tr("%1 already exists; choose another name or folder").arg(QDir::toNativeSeparators(path));
            return false;
        }
    }
    createdFiles_.clear();
    for (const auto& [path, text] : files) {
        error = writeTextAtomically(path, text);
        if (!error.isEmpty()) return false;
        createdFiles_ << path;
    }
    return verifyWrittenConfig(error);
}

// The configs must load without errors, as the engine reads them.
bool StrategyWizard::verifyWrittenConfig(QString& error) {
    const QString runFile = createdFiles_.front();
    const auto load = config::load_run_config(toPath(runFile));
    if (load.ok()) {
        createdConfig_ = runFile;
        return true;
    }
    error = tr("The written configs do not load:\n%1").arg(configErrors(load));
    return false;
}

}  // namespace tradelab::gui

#include "strategy_wizard.moc"
