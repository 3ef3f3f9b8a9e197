#include "run_queue_model.hpp"

#include <QColor>
#include <QFileInfo>
#include <QLocale>

#include "run_manager.hpp"

namespace tradelab::gui {

RunQueueModel::RunQueueModel(RunManager* manager, QObject* parent)
    : QAbstractTableModel(parent), manager_(manager), rows_(int(manager->jobs().size())) {
    connect(manager_, &RunManager::jobAdded, this, &RunQueueModel::onJobAdded);
    connect(manager_, &RunManager::jobChanged, this, &RunQueueModel::onJobChanged);
    elapsedTimer_.setInterval(250);
    connect(&elapsedTimer_, &QTimer::timeout, this, &RunQueueModel::refreshElapsed);
    if (manager_->hasActiveJobs()) elapsedTimer_.start();
}

int RunQueueModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : rows_;
}

int RunQueueModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

int RunQueueModel::jobId(int row) const {
    return row >= 0 && row < rowCount() ? manager_->jobs()[std::size_t(row)].id : 0;
}

int RunQueueModel::rowOfJob(int id) const {
    return manager_->indexOf(id);
}

QString RunQueueModel::formatElapsed(qint64 milliseconds) {
    // Most backtests of daily bars take milliseconds; tenths of a second would show them all as 0.0 s.
    if (milliseconds < 1000) return tr("%1 ms").arg(milliseconds);
    const qint64 tenths = milliseconds / 100;
    if (tenths < 600) return tr("%1 s").arg(QLocale().toString(double(tenths) / 10.0, 'f', 1));
    return tr("%1:%2 min").arg(tenths / 600).arg(tenths / 10 % 60, 2, 10, QLatin1Char('0'));
}

QVariant RunQueueModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const RunJob& job = manager_->jobs()[std::size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            return displayData(index.row(), index.column());
        case Qt::ToolTipRole:
            if (index.column() == ConfigColumn) return job.configPath;
            if (index.column() == MessageColumn || index.column() == StateColumn) return job.message;
            return {};
        case Qt::ForegroundRole:
            if (job.state == JobState::Failed &&
                (index.column() == StateColumn || index.column() == MessageColumn))
                return QColor(0xc6, 0x28, 0x28);
            return {};
        case Qt::TextAlignmentRole:
            if (index.column() == ElapsedColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case JobIdRole:
            return job.id;
        case CancellableRole:
            return job.isActive() && !job.cancelRequested;
        case FailedRole:
            return job.state == JobState::Failed;
        default:
            return {};
    }
}

QVariant RunQueueModel::displayData(int row, int column) const {
    const RunJob& job = manager_->jobs()[std::size_t(row)];
    switch (column) {
        case ConfigColumn:
            return QFileInfo(job.configPath).fileName();
        case PeriodColumn:
            return job.period;
        case StateColumn:
            return job.isActive() && job.cancelRequested ? tr("Cancelling…") : jobStateName(job.state);
        case ProgressColumn:
            return job.percent;
        case ElapsedColumn:
            return elapsedText(job);
        case CancelColumn:
            return job.isActive() ? tr("Cancel") : QString();
        case MessageColumn:
            // One line in the table; the tooltip has the text as written.
            return QString(job.message).replace(QLatin1Char('\n'), QStringLiteral("; "));
        default:
            return {};
    }
}

QVariant RunQueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case ConfigColumn:
            return tr("Config");
        case PeriodColumn:
            return tr("Period");
        case StateColumn:
            return tr("State");
        case ProgressColumn:
            return tr("Progress");
        case ElapsedColumn:
            return tr("Elapsed");
        case CancelColumn:
            return QString();
        case MessageColumn:
            return tr("Message");
        default:
            return {};
    }
}

void RunQueueModel::onJobAdded(int id) {
    // The manager has already appended the job; the model counts its own rows so that the row only
    // exists for views between beginInsertRows() and endInsertRows().
    const int row = rowOfJob(id);
    beginInsertRows({}, row, row);
    rows_ = row + 1;
    endInsertRows();
    if (!elapsedTimer_.isActive()) elapsedTimer_.start();
}

void RunQueueModel::onJobChanged(int id) {
    const int row = rowOfJob(id);
    if (row >= 0) emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunQueueModel::refreshElapsed() {
    for (int row = 0; row < rowCount(); ++row) {
        if (manager_->jobs()[std::size_t(row)].state == JobState::Running)
            emit dataChanged(index(row, ElapsedColumn), index(row, ElapsedColumn));
    }
    if (!manager_->hasActiveJobs()) elapsedTimer_.stop();
}

// "12.3 s", and while a job runs "12.3 s, ~4.1 s left": the time so far scaled by the progress still to
// come, which is what a user weighing "wait or cancel" needs; no estimate before 2 % or after 99 %.
QString RunQueueModel::elapsedText(const RunJob& job) const {
    if (job.state == JobState::Queued) return {};
    const qint64 elapsed = manager_->elapsedMs(job.id);
    if (job.state != JobState::Running || job.percent < 2 || job.percent > 99) return formatElapsed(elapsed);
    const qint64 remaining = elapsed * (100 - job.percent) / job.percent;
    return tr("%1, ~%2 left").arg(formatElapsed(elapsed), formatElapsed(remaining));
}

}  // namespace tradelab::gui
