#include "market_data_loader.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

#include "qt_conversions.hpp"

namespace tradelab::gui {
namespace {

// Translation context for the free functions below.
struct LoaderText {
    Q_DECLARE_TR_FUNCTIONS(MarketDataLoader)
};

MarketLoadOutcome loadExistingFolder(const QString& folder, const Progress& progress) {
    MarketLoadOutcome outcome;
    outcome.folder = folder;
    const auto requests = data::requests_for_data_root(toPath(folder));
    if (requests.empty()) {
        outcome.error = LoaderText::tr(
                            "%1 holds no market data: expected equity/daily, crypto/daily or "
                            "benchmarks folders of CSV files.")
                            .arg(QDir::toNativeSeparators(folder));
        return outcome;
    }
    data::MarketLoadResult result = data::load_market_data(requests, {}, progress);
    if (result.cancelled) {
        outcome.cancelled = true;
        return outcome;
    }
    if (result.market.symbol_count() == 0 && result.market.issues().empty()) {
        outcome.error = LoaderText::tr("%1 holds no CSV files.").arg(QDir::toNativeSeparators(folder));
        return outcome;
    }
    // Files that were rejected still reach the user: their issues are listed by the data browser.
    outcome.market = std::make_shared<const data::MarketData>(std::move(result.market));
    return outcome;
}

}  // namespace

bool looksLikeDataFolder(const QString& folder) {
    const QDir root(folder);
    return root.exists(QStringLiteral("equity/daily")) || root.exists(QStringLiteral("crypto/daily")) ||
           root.exists(QStringLiteral("benchmarks"));
}

MarketLoadOutcome loadMarketFolder(const QString& folder, const Progress& progress) {
    if (folder.isEmpty() || !QDir(folder).exists()) {
        MarketLoadOutcome outcome;
        outcome.folder = folder;
        outcome.error =
            LoaderText::tr("The data folder %1 does not exist.").arg(QDir::toNativeSeparators(folder));
        return outcome;
    }
    try {
        return loadExistingFolder(folder, progress);
    } catch (const std::exception& error) {
        // Unreadable directories and the like surface as filesystem errors from the engine.
        MarketLoadOutcome outcome;
        outcome.folder = folder;
        outcome.error = LoaderText::tr("Loading %1 failed: %2")
                            .arg(QDir::toNativeSeparators(folder), QString::fromLocal8Bit(error.what()));
        return outcome;
    }
}

MarketDataLoader::MarketDataLoader(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<MarketLoadOutcome>::finished, this,
            [this] { emit finished(watcher_.result()); });
}

MarketDataLoader::~MarketDataLoader() {
    cancel();
    watcher_.waitForFinished();
}

bool MarketDataLoader::start(const QString& folder) {
    if (isRunning()) return false;
    cancelRequested_ = std::make_shared<std::atomic_bool>(false);
    // The engine calls back on the worker thread; progress is posted to this object's thread, and only
    // when the whole percentage changes so a large load does not flood the event queue.
    auto lastPercent = std::make_shared<std::atomic_int>(-1);
    Progress progress = [this, cancel = cancelRequested_, lastPercent](double fraction) {
        const int percent = qBound(0, int(fraction * 100.0), 100);
        if (lastPercent->exchange(percent) != percent) {
            QMetaObject::invokeMethod(
                this, [this, percent] { emit progressChanged(percent); }, Qt::QueuedConnection);
        }
        return !cancel->load();
    };
    watcher_.setFuture(QtConcurrent::run([folder, progress] { return loadMarketFolder(folder, progress); }));
    return true;
}

void MarketDataLoader::cancel() {
    if (cancelRequested_) cancelRequested_->store(true);
}

}  // namespace tradelab::gui
