#pragma once
// Loads a TradeLab data folder (<root>/equity/daily, <root>/crypto/daily, <root>/benchmarks) with the
// engine, either right away or on a worker thread that reports progress and can be cancelled.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "core/progress.hpp"
#include "data/market_data.hpp"

namespace tradelab::gui {

struct MarketLoadOutcome {
    std::shared_ptr<const data::MarketData> market;  // null when the load failed or was cancelled
    QString folder;                                  // the folder that was asked for, as given
    QString error;                                   // why `market` is null; empty when cancelled
    bool cancelled = false;
};

// Loads `folder` on the calling thread. Never throws: failures come back in MarketLoadOutcome::error.
MarketLoadOutcome loadMarketFolder(const QString& folder, const Progress& progress = {});

// True when `folder` has at least one of the sub-folders loadMarketFolder() reads.
bool looksLikeDataFolder(const QString& folder);

class MarketDataLoader : public QObject {
    Q_OBJECT

  public:
    explicit MarketDataLoader(QObject* parent = nullptr);
    // Cancels a running load and waits for the worker: it must not outlive the object it reports to.
    ~MarketDataLoader() override;

    // Starts loading `folder` on a worker thread. Returns false (and does nothing) while a load runs.
    bool start(const QString& folder);
    // Asks the running load to stop; finished() still follows, with `cancelled` set.
    void cancel();
    bool isRunning() const { return watcher_.isRunning(); }

  signals:
    void progressChanged(int percent);
    void finished(const tradelab::gui::MarketLoadOutcome& outcome);

  private:
    QFutureWatcher<MarketLoadOutcome> watcher_;
    std::shared_ptr<std::atomic_bool> cancelRequested_;
};

}  // namespace tradelab::gui
