#pragma once
// The run queue as a table: one row per job of a RunManager, newest last, with its config, period,
// state, progress, elapsed time and message (the error of a failed job). While jobs run, the elapsed
// column is refreshed a few times a second.
#include <QAbstractTableModel>
#include <QTimer>

namespace tradelab::gui {

class RunManager;
struct RunJob;

class RunQueueModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column {
        ConfigColumn,
        PeriodColumn,
        StateColumn,
        ProgressColumn,
        ElapsedColumn,
        CancelColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role { JobIdRole = Qt::UserRole + 1, CancellableRole, FailedRole };

    explicit RunQueueModel(RunManager* manager, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int jobId(int row) const;
    int rowOfJob(int id) const;
    RunManager* manager() const { return manager_; }

    static QString formatElapsed(qint64 milliseconds);
    QString elapsedText(const RunJob& job) const;

  private:
    QVariant displayData(int row, int column) const;
    void onJobAdded(int id);
    void onJobChanged(int id);
    void refreshElapsed();

    RunManager* manager_;
    int rows_ = 0;  // the jobs views know of; see onJobAdded()
    QTimer elapsedTimer_;
};

}  // namespace tradelab::gui
