// tradelab [--data DIR] [--screenshot FILE]
#include <qcustomplot.h>

#include <QApplication>
#include <QGuiApplication>
#include <QScreen>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>

#include "data_browser.hpp"
#include "data_location.hpp"
#include "main_window.hpp"
#include "market_data_loader.hpp"
#include "price_chart.hpp"

namespace {

using tradelab::gui::MainWindow;

// Translation context for the command line and start-up messages.
struct Startup {
    Q_DECLARE_TR_FUNCTIONS(Startup)
};

constexpr QSize kScreenshotSize(1400, 900);

QString noDataMessage(const QStringList& searched) {
    QStringList folders;
    for (const QString& folder : searched) folders << QDir::toNativeSeparators(folder);
    return Startup::tr(
               "No market data folder was found. Looked in:\n%1\n\n"
               "Start TradeLab with --data DIR, or use File > Open Data Folder.")
        .arg(folders.join(QLatin1Char('\n')));
}

// Shows the window as a user would see it at 1400×900 and saves it; the load happens first, on this
// thread, so the picture never catches a half-loaded window.
int takeScreenshot(const QString& dataFolder, const QStringList& searched, const QString& file) {
    QTextStream errors(stderr);
    if (dataFolder.isEmpty()) {
        errors << noDataMessage(searched) << Qt::endl;
        return 1;
    }
    const tradelab::gui::MarketLoadOutcome outcome = tradelab::gui::loadMarketFolder(dataFolder);
    if (!outcome.market) {
        errors << (outcome.cancelled ? Startup::tr("Loading was cancelled.") : outcome.error) << Qt::endl;
        return 1;
    }

    MainWindow window;
    window.resize(kScreenshotSize);
    window.show();
    window.setMarketData(outcome.market, outcome.folder);
    window.dataBrowser()->selectFirstRow();
    QCoreApplication::processEvents();  // layout, then the chart's queued replot after its resize
    QCoreApplication::processEvents();
    window.priceChart()->plot()->replot(QCustomPlot::rpImmediateRefresh);

    if (!window.grab().save(file)) {
        errors << Startup::tr("Cannot save the screenshot to %1.").arg(QDir::toNativeSeparators(file))
               << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << QDir::toNativeSeparators(QFileInfo(file).absoluteFilePath()) << Qt::endl;
    return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TradeLab"));
    QApplication::setApplicationVersion(QStringLiteral(TRADELAB_VERSION));
    QApplication::setOrganizationName(QStringLiteral("TradeLab"));

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
    parser.addOptions({dataOption, screenshotOption});
    parser.process(app);

    // A folder given with --data is used as it is, so a wrong one is reported rather than replaced.
    const QStringList searched =
        parser.isSet(dataOption)
            ? QStringList{parser.value(dataOption)}
            : tradelab::gui::defaultDataFolderCandidates(QCoreApplication::applicationDirPath());
    const QString dataFolder =
        parser.isSet(dataOption) ? parser.value(dataOption) : tradelab::gui::findDataFolder(searched);

    if (parser.isSet(screenshotOption))
        return takeScreenshot(dataFolder, searched, parser.value(screenshotOption));

    MainWindow window;
    // A first start opens at a comfortable size (at most 90 % of the screen), not the minimal layout.
    const QSize available = QGuiApplication::primaryScreen()->availableSize();
    window.resize(QSize(1400, 900).boundedTo(available * 0.9));
    window.show();
    if (dataFolder.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, searched] {
            QMessageBox::critical(&window, Startup::tr("No Market Data"), noDataMessage(searched));
        });
    } else {
        window.loadDataFolder(dataFolder);
    }
    return app.exec();
}
