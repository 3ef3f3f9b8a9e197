// tradelab [--data DIR] [--open-config FILE [--run]] [--symbol SYMBOL] [--lang LANG]
//          [--view price|equity|drawdown|monthly|trades|heatmap|browser|compare|config|validation|
//                  walkforward|stress|wizard] [--screenshot FILE]
#include <qcustomplot.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPixmap>
#include <QScreen>
#include <QTextStream>
#include <QTimer>
#include <optional>

#include "data_browser.hpp"
#include "data_location.hpp"
#include "equity_chart.hpp"
#include "main_window.hpp"
#include "market_data_loader.hpp"
#include "monthly_returns_chart.hpp"
#include "price_chart.hpp"
#include "run_manager.hpp"
#include "sensitivity_heatmap.hpp"
#include "strategy_wizard.hpp"
#include "trade_histogram.hpp"
#include "ui_language.hpp"

namespace {

using tradelab::gui::MainWindow;

// Translation context for the command line and start-up messages.
struct Startup {
    Q_DECLARE_TR_FUNCTIONS(Startup)
};

constexpr QSize kScreenshotSize(1400, 900);
constexpr int kRunTimeoutMs = 10 * 60 * 1000;

// What to open and show before the window is shown or photographed.
struct StartRequest {
    QString config;  // empty: none
    bool run = false;
    MainWindow::View view = MainWindow::View::Price;
    bool wizard = false;  // --view wizard: the New Strategy wizard, not a view of the window
    QString symbol;       // the series to chart; empty: the first row of the data browser
};

std::optional<MainWindow::View> parseView(const QString& name) {
    if (name == QLatin1String("price")) return MainWindow::View::Price;
    if (name == QLatin1String("equity")) return MainWindow::View::Equity;
    if (name == QLatin1String("drawdown")) return MainWindow::View::Drawdown;
    if (name == QLatin1String("monthly")) return MainWindow::View::MonthlyReturns;
    if (name == QLatin1String("trades")) return MainWindow::View::Trades;
    if (name == QLatin1String("heatmap")) return MainWindow::View::Sensitivity;
    if (name == QLatin1String("browser")) return MainWindow::View::Browser;
    if (name == QLatin1String("compare")) return MainWindow::View::Compare;
    if (name == QLatin1String("config")) return MainWindow::View::Config;
    if (name == QLatin1String("validation")) return MainWindow::View::Validation;
    if (name == QLatin1String("walkforward")) return MainWindow::View::WalkForward;
    if (name == QLatin1String("stress")) return MainWindow::View::Stress;
    return std::nullopt;
}

// --run starts what the view shows: the sensitivity sweep for the heatmap, the backtests otherwise.
void startRun(MainWindow& window, const StartRequest& request) {
    if (request.view == MainWindow::View::Sensitivity) {
        window.runSensitivitySweep();
    } else if (request.view == MainWindow::View::Validation) {
        window.runValidation();
    } else if (request.view == MainWindow::View::WalkForward) {
        window.runWalkForward();
    } else if (request.view == MainWindow::View::Stress) {
        window.runStressTests();
    } else {
        window.runBacktest();
    }
}

void selectRequestedSymbol(MainWindow& window, const StartRequest& request) {
    if (!request.symbol.isEmpty() && !window.dataBrowser()->selectSymbol(request.symbol))
        QTextStream(stderr) << Startup::tr("No series named %1 is loaded.").arg(request.symbol) << Qt::endl;
}

// Shows the requested view; for `compare`, the runs the --run jobs stored (train, validation, holdout).
void showRequestedView(MainWindow& window, const StartRequest& request) {
    window.showView(request.view);
    if (request.view != MainWindow::View::Compare) return;
    QList<qint64> stored;
    for (const tradelab::gui::RunJob& job : window.runManager()->jobs())
        if (job.storedRunId > 0) stored << job.storedRunId;
    if (stored.size() >= 2) window.compareRuns(stored.mid(0, 4));
}

// Waits, with the event loop running, until every job of the window's run manager has ended. The jobs
// still run on the manager's pool; this only keeps a screenshot from catching them half done.
bool waitForJobs(MainWindow& window) {
    if (!window.runManager()->hasActiveJobs()) return true;
    QEventLoop loop;
    QObject::connect(window.runManager(), &tradelab::gui::RunManager::allJobsEnded, &loop, &QEventLoop::quit);
    QTimer::singleShot(kRunTimeoutMs, &loop, [&loop] { loop.exit(1); });
    return loop.exec() == 0;
}

// Opens the config and runs it as asked; false, with the reasons on stderr, when a job did not finish.
bool openAndRun(MainWindow& window, const StartRequest& request, QTextStream& errors) {
    if (request.config.isEmpty()) return true;
    window.openConfig(request.config);
    if (!request.run) return true;
    startRun(window, request);
    if (!waitForJobs(window)) {
        errors << Startup::tr("The jobs did not end within %1 minutes.").arg(kRunTimeoutMs / 60000)
               << Qt::endl;
        return false;
    }
    bool allFinished = true;
    for (const tradelab::gui::RunJob& job : window.runManager()->jobs()) {
        if (job.state == tradelab::gui::JobState::Finished) continue;
        errors
            << Startup::tr("%1 %2: %3").arg(QDir::toNativeSeparators(job.configPath), job.period, job.message)
            << Qt::endl;
        allFinished = false;
    }
    return allFinished;
}

QString noDataMessage(const QStringList& searched) {
    QStringList folders;
    for (const QString& folder : searched) folders << QDir::toNativeSeparators(folder);
    return Startup::tr(
               "No market data folder was found. Looked in:\n%1\n\n"
               "Start TradeLab with --data DIR, or use File > Open Data Folder.")
        .arg(folders.join(QLatin1Char('\n')));
}

// Shows the window as a user would see it at 1400×900 and saves it; the load (and the backtests, when
// asked for) happen first, so the picture never catches a half-loaded window. The data folder may be
// missing when a config is opened: a backtest reads the folders its config names.
bool saveScreenshot(QWidget& widget, const QString& file, QTextStream& errors) {
    if (!widget.grab().save(file)) {
        errors << Startup::tr("Cannot save the screenshot to %1.").arg(QDir::toNativeSeparators(file))
               << Qt::endl;
        return false;
    }
    QTextStream(stdout) << QDir::toNativeSeparators(QFileInfo(file).absoluteFilePath()) << Qt::endl;
    return true;
}

// The New Strategy wizard on its splits page, as a user reaches it: both asset classes, the data folder
// checked, the splits suggested from its date range.
int takeWizardScreenshot(MainWindow& window, const QString& dataFolder, const QString& file,
                         QTextStream& errors) {
    tradelab::gui::StrategyWizard wizard(&window);
    wizard.resize(820, 460);
    wizard.show();
    wizard.setField(QStringLiteral("both"), true);
    wizard.next();
    QEventLoop loop;
    QObject::connect(&wizard, &tradelab::gui::StrategyWizard::dataCheckFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(kRunTimeoutMs, &loop, [&loop] { loop.exit(1); });
    wizard.setField(QStringLiteral("dataFolder"), dataFolder);
    if (loop.exec() != 0 || !wizard.dataCheck()) {
        errors << Startup::tr("The wizard's data check of %1 did not finish.").arg(dataFolder) << Qt::endl;
        return 1;
    }
    wizard.next();  // universe
    wizard.next();  // splits
    if (wizard.currentId() != tradelab::gui::StrategyWizard::SplitsPageId) {
        errors << Startup::tr("The wizard did not reach its splits page.") << Qt::endl;
        return 1;
    }
    QCoreApplication::processEvents();
    return saveScreenshot(wizard, file, errors) ? 0 : 1;
}

int takeScreenshot(const QString& dataFolder, const QStringList& searched, const QString& file,
                   const StartRequest& request) {
    QTextStream errors(stderr);
    if (dataFolder.isEmpty() && request.config.isEmpty()) {
        errors << noDataMessage(searched) << Qt::endl;
        return 1;
    }
    tradelab::gui::MarketLoadOutcome outcome;
    if (!dataFolder.isEmpty()) {
        outcome = tradelab::gui::loadMarketFolder(dataFolder);
        if (!outcome.market) {
            errors << (outcome.cancelled ? Startup::tr("Loading was cancelled.") : outcome.error) << Qt::endl;
            return 1;
        }
    }

    MainWindow window(MainWindow::SessionMode::Fresh);  // the same picture whatever the saved layout
    window.resize(kScreenshotSize);
    window.show();
    if (outcome.market) {
        window.setMarketData(outcome.market, outcome.folder);
        window.dataBrowser()->selectFirstRow();
        selectRequestedSymbol(window, request);
    }
    if (request.wizard) return takeWizardScreenshot(window, dataFolder, file, errors);
    if (!openAndRun(window, request, errors)) return 1;
    showRequestedView(window, request);
    QCoreApplication::processEvents();  // layout, then the charts' queued replots after their resize
    QCoreApplication::processEvents();
    window.priceChart()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    window.equityChart()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    window.monthlyReturnsChart()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    window.tradeHistogram()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    window.sensitivityView()->plot()->replot(QCustomPlot::rpImmediateRefresh);

    return saveScreenshot(window, file, errors) ? 0 : 1;
}

// Installs TradeLab's and Qt's translations for --lang, or else for the system's language. The
// application owns the translators.
void installTranslations(QApplication& app) {
    const QString language = tradelab::gui::requestedLanguage(QCoreApplication::arguments());
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty()) QLocale::setDefault(locale);  // numbers and dates follow the chosen language
    std::unique_ptr<QTranslator> translators[] = {tradelab::gui::tradeLabTranslator(locale),
                                                  tradelab::gui::qtTranslator(locale)};
    for (std::unique_ptr<QTranslator>& translator : translators) {
        if (!translator) continue;
        translator->setParent(&app);
        app.installTranslator(translator.release());
    }
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TradeLab"));
    QApplication::setApplicationVersion(QStringLiteral(TRADELAB_VERSION));
    QApplication::setOrganizationName(QStringLiteral("TradeLab"));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Startup::tr("Research workstation for systematic daily-bar trading strategies."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataOption(
        QStringLiteral("data"),
        Startup::tr("Load the market data in <dir> (equity/daily, crypto/daily, benchmarks)."),
        Startup::tr("dir"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        Startup::tr("Save a 1400×900 picture of the main window to <file> and exit."), Startup::tr("file"));
    const QCommandLineOption configOption(QStringLiteral("open-config"),
                                          Startup::tr("Open the run config <file>."), Startup::tr("file"));
    const QCommandLineOption runOption(
        QStringLiteral("run"),
        Startup::tr(
            "Run the train, validation and holdout periods of the opened config (with --view "
            "heatmap: its sensitivity sweep; validation: its validation suite; walkforward: its "
            "walk-forward optimisation on the schedule suggested for its data; stress: its stress tests)."));
    const QCommandLineOption viewOption(
        QStringLiteral("view"),
        Startup::tr("Show the <view>: price, equity, drawdown, monthly, "
                    "trades, heatmap, browser, compare, config, validation, walkforward, stress or wizard."),
        Startup::tr("view"), QStringLiteral("price"));
    const QCommandLineOption symbolOption(
        QStringLiteral("symbol"), Startup::tr("Chart the series <symbol> (default: the first listed)."),
        Startup::tr("symbol"));
    // Read before the parser runs (see installTranslations); declared so that it is accepted and listed.
    const QCommandLineOption languageOption(
        QStringLiteral("lang"), Startup::tr("Use the language <lang> (en, de) instead of the system's."),
        Startup::tr("lang"));
    parser.addOptions(
        {dataOption, screenshotOption, configOption, runOption, viewOption, symbolOption, languageOption});
    parser.process(app);

    StartRequest request;
    request.config = parser.value(configOption);
    request.run = parser.isSet(runOption);
    request.symbol = parser.value(symbolOption);
    request.wizard = parser.value(viewOption) == QLatin1String("wizard");
    const std::optional<MainWindow::View> view =
        request.wizard ? MainWindow::View::Config : parseView(parser.value(viewOption));
    if (!view) {
        QTextStream(stderr)
            << Startup::tr(
                   "Unknown view '%1': use price, equity, drawdown, monthly, trades, "
                   "heatmap, browser, compare, config, validation, walkforward, stress or wizard.")
                   .arg(parser.value(viewOption))
            << Qt::endl;
        return 2;
    }
    request.view = *view;
    if (request.run && request.config.isEmpty()) {
        QTextStream(stderr) << Startup::tr("--run needs a config: add --open-config FILE.") << Qt::endl;
        return 2;
    }

    // A folder given with --data is used as it is, so a wrong one is reported rather than replaced.
    const QStringList searched =
        parser.isSet(dataOption)
            ? QStringList{parser.value(dataOption)}
            : tradelab::gui::defaultDataFolderCandidates(QCoreApplication::applicationDirPath());
    const QString dataFolder =
        parser.isSet(dataOption) ? parser.value(dataOption) : tradelab::gui::findDataFolder(searched);

    if (parser.isSet(screenshotOption))
        return takeScreenshot(dataFolder, searched, parser.value(screenshotOption), request);

    MainWindow window(MainWindow::SessionMode::Remembered);
    // A first start opens at a comfortable size (at most 90 % of the screen), not the minimal layout;
    // later starts where the window was left.
    if (!window.restoredGeometry()) {
        const QSize available = QGuiApplication::primaryScreen()->availableSize();
        window.resize(QSize(1400, 900).boundedTo(available * 0.9));
    }
    window.show();
    if (dataFolder.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, searched] {
            QMessageBox::critical(&window, Startup::tr("No Market Data"), noDataMessage(searched));
        });
    } else {
        // The load runs in the background: the series can be chosen once it is there.
        QObject::connect(
            &window, &MainWindow::marketDataChanged, &window,
            [&window, request] { selectRequestedSymbol(window, request); }, Qt::SingleShotConnection);
        window.loadDataFolder(dataFolder);
    }
    if (!request.config.isEmpty()) window.openConfig(request.config);
    if (request.run) startRun(window, request);
    showRequestedView(window, request);
    return app.exec();
}
