#pragma once
// Runs backtests as jobs on a thread pool, several side by side. Each job reports its progress (the
// engine's callback, posted to this object's thread), its elapsed time, and ends finished, cancelled
// or failed with a message. Nothing here blocks the thread that owns the manager.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <atomic>
#include <memory>
#include <vector>

#include "backtest_job.hpp"

namespace tradelab::gui {

enum class JobState { Queued, Running, Finished, Cancelled, Failed };

struct RunJob {
    int id = 0;
    QString configPath;
    QString period;
    JobState state = JobState::Queued;
    int percent = 0;
    QString message;  // the error of a failed job, the headline metrics of a finished one
    std::shared_ptr<const backtest::RunResult> result;
    std::shared_ptr<const BenchmarkCurve> benchmark;  // null without a benchmark
    double periodsPerYear = 252.0;
    qint64 storedRunId = 0;  // the result's id in the results store; 0 when not stored
    bool cancelRequested = false;

    bool isActive() const { return state == JobState::Queued || state == JobState::Running; }
};

class RunManager : public QObject {
    Q_OBJECT

  public:
    explicit RunManager(QObject* parent = nullptr);
    // Cancels every job and waits for the workers: they report to this object.
    ~RunManager() override;

    // One job per period of the run config at `configPath`; the jobs share one load of its market.
    // Returns the new job ids.
    QList<int> submitBacktest(const QString& configPath, const QStringList& periods);
    // A job running `work`; configPath and period label it in the queue.
    int submit(const QString& configPath, const QString& period, RunJobWork work);

    // Asks a queued or running job to stop; it ends as cancelled. Returns false for an unknown or
    // already ended job.
    bool cancel(int id);
    void cancelAll();

    const std::vector<RunJob>& jobs() const { return jobs_; }
    const RunJob* job(int id) const;
    int indexOf(int id) const;
    // Milliseconds the job has run so far (or ran, once it ended); 0 while queued.
    qint64 elapsedMs(int id) const;
    bool hasActiveJobs() const;
    QThreadPool* pool() { return &pool_; }

  signals:
    void jobAdded(int id);
    void jobChanged(int id);
    void jobEnded(int id);  // finished, cancelled or failed; the job's state says which
    void allJobsEnded();

  private:
    struct Timing {
        QElapsedTimer clock;
        qint64 finalMs = -1;
    };

    RunJob* findJob(int id);
    void onJobStarted(int id);
    void onJobProgress(int id, int percent);
    void onJobEnded(int id, const RunJobOutcome& outcome);

    QThreadPool pool_;
    std::vector<RunJob> jobs_;
    std::vector<Timing> timings_;                                 // parallel to jobs_
    std::vector<std::shared_ptr<std::atomic_bool>> cancelFlags_;  // parallel to jobs_
    int nextId_ = 1;
};

QString jobStateName(JobState state);

}  // namespace tradelab::gui
