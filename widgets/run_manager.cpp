#include "run_manager.hpp"

#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <exception>

#include "metrics/performance_metrics.hpp"

namespace tradelab::gui {
namespace {

QString headline(const backtest::RunResult& result, double periodsPerYear) {
    const metrics::PerformanceMetrics m = metrics::compute_metrics(result, periodsPerYear);
    const QLocale locale;
    const QString trades =
        m.total_trades == 1 ? RunManager::tr("1 trade") : RunManager::tr("%1 trades").arg(m.total_trades);
    return RunManager::tr("Return %1 %, Sharpe %2, max drawdown %3 %, %4")
        .arg(locale.toString(m.total_return * 100.0, 'f', 2), locale.toString(m.sharpe_ratio, 'f', 2),
             locale.toString(m.max_drawdown * 100.0, 'f', 2), trades);
}

RunJobOutcome cancelledOutcome() {
    RunJobOutcome outcome;
    outcome.cancelled = true;
    return outcome;
}

RunJobOutcome failedOutcome(const QString& error) {
    RunJobOutcome outcome;
    outcome.error = error;
    return outcome;
}

}  // namespace

QString jobStateName(JobState state) {
    switch (state) {
        case JobState::Queued:
            return RunManager::tr("Queued");
        case JobState::Running:
            return RunManager::tr("Running");
        case JobState::Finished:
            return RunManager::tr("Finished");
        case JobState::Cancelled:
            return RunManager::tr("Cancelled");
        case JobState::Failed:
            return RunManager::tr("Failed");
    }
    return {};
}

RunManager::RunManager(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(QThread::idealThreadCount());
}

RunManager::~RunManager() {
    cancelAll();
    pool_.waitForDone();
}

QList<int> RunManager::submitBacktest(const QString& configPath, const QStringList& periods) {
    auto prepared = std::make_shared<PreparedRun>(configPath);
    QList<int> ids;
    for (const QString& period : periods) ids << submit(configPath, period, backtestWork(prepared, period));
    return ids;
}

int RunManager::submit(const QString& configPath, const QString& period, RunJobWork work) {
    const int id = nextId_++;
    RunJob job;
    job.id = id;
    job.configPath = configPath;
    job.period = period;
    jobs_.push_back(job);
    timings_.emplace_back();
    auto cancelFlag = std::make_shared<std::atomic_bool>(false);
    cancelFlags_.push_back(cancelFlag);
    emit jobAdded(id);

    // The worker posts to this object's thread; progress only when the whole percentage changes, so a
    // long run does not flood the event queue.
    auto lastPercent = std::make_shared<std::atomic_int>(-1);
    Progress progress = [this, id, cancelFlag, lastPercent](double fraction) {
        const int percent = qBound(0, int(fraction * 100.0), 100);
        if (lastPercent->exchange(percent) != percent) {
            QMetaObject::invokeMethod(
                this, [this, id, percent] { onJobProgress(id, percent); }, Qt::QueuedConnection);
        }
        return !cancelFlag->load();
    };
    auto* watcher = new QFutureWatcher<RunJobOutcome>(this);
    connect(watcher, &QFutureWatcher<RunJobOutcome>::finished, this, [this, id, watcher] {
        onJobEnded(id, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(&pool_, [this, id, work = std::move(work), progress, cancelFlag] {
        if (cancelFlag->load()) return cancelledOutcome();  // cancelled while queued
        QMetaObject::invokeMethod(
            this, [this, id] { onJobStarted(id); }, Qt::QueuedConnection);
        try {
            return work(progress);
        } catch (const std::exception& failure) {
            // Work is meant to report its own failures; this keeps a stray one from reaching the watcher.
            return failedOutcome(QString::fromLocal8Bit(failure.what()));
        }
    }));
    return id;
}

bool RunManager::cancel(int id) {
    const int index = indexOf(id);
    if (index < 0 || !jobs_[std::size_t(index)].isActive()) return false;
    cancelFlags_[std::size_t(index)]->store(true);
    jobs_[std::size_t(index)].cancelRequested = true;
    emit jobChanged(id);
    return true;
}

void RunManager::cancelAll() {
    for (const RunJob& job : jobs_) cancel(job.id);
}

const RunJob* RunManager::job(int id) const {
    const int index = indexOf(id);
    return index < 0 ? nullptr : &jobs_[std::size_t(index)];
}

RunJob* RunManager::findJob(int id) {
    const int index = indexOf(id);
    return index < 0 ? nullptr : &jobs_[std::size_t(index)];
}

int RunManager::indexOf(int id) const {
    // Ids are handed out in order and jobs are never removed, so the job with id n is at n - 1.
    const int index = id - 1;
    return index >= 0 && index < int(jobs_.size()) ? index : -1;
}

qint64 RunManager::elapsedMs(int id) const {
    const int index = indexOf(id);
    if (index < 0) return 0;
    const Timing& timing = timings_[std::size_t(index)];
    if (timing.finalMs >= 0) return timing.finalMs;
    return timing.clock.isValid() ? timing.clock.elapsed() : 0;
}

bool RunManager::hasActiveJobs() const {
    return std::any_of(jobs_.begin(), jobs_.end(), [](const RunJob& job) { return job.isActive(); });
}

void RunManager::onJobStarted(int id) {
    RunJob* job = findJob(id);
    if (!job || !job->isActive()) return;
    job->state = JobState::Running;
    timings_[std::size_t(indexOf(id))].clock.start();
    emit jobChanged(id);
}

void RunManager::onJobProgress(int id, int percent) {
    RunJob* job = findJob(id);
    if (!job || !job->isActive() || percent == job->percent) return;
    job->percent = percent;
    emit jobChanged(id);
}

void RunManager::onJobEnded(int id, const RunJobOutcome& outcome) {
    RunJob* job = findJob(id);
    if (!job) return;
    Timing& timing = timings_[std::size_t(indexOf(id))];
    timing.finalMs = timing.clock.isValid() ? timing.clock.elapsed() : 0;
    if (outcome.result) {
        job->state = JobState::Finished;
        job->percent = 100;
        job->result = outcome.result;
        job->benchmark = outcome.benchmark;
        job->periodsPerYear = outcome.periodsPerYear;
        job->message = headline(*outcome.result, outcome.periodsPerYear);
        job->storedRunId = outcome.storedRunId;
        if (outcome.storedRunId > 0) {
            job->message += tr("; stored as run %1").arg(outcome.storedRunId);
        } else if (!outcome.storeProblem.isEmpty()) {
            job->message += tr("; not stored: %1").arg(outcome.storeProblem);
        }
    } else if (outcome.cancelled) {
        job->state = JobState::Cancelled;
        job->message = tr("Cancelled at %1 %").arg(job->percent);
    } else {
        job->state = JobState::Failed;
        job->message = outcome.error.isEmpty() ? tr("The job ended without a result.") : outcome.error;
    }
    emit jobChanged(id);
    emit jobEnded(id);
    if (!hasActiveJobs()) emit allJobsEnded();
}

}  // namespace tradelab::gui
