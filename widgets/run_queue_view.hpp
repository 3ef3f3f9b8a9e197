#pragma once
// The run queue: a table of jobs with a progress bar per row and a Cancel button on the active ones.
// Cancelling goes through the model's RunManager.
#include <QTableView>

namespace tradelab::gui {

class RunQueueModel;

class RunQueueView : public QTableView {
    Q_OBJECT

  public:
    explicit RunQueueView(RunQueueModel* model, QWidget* parent = nullptr);

    RunQueueModel* queueModel() const { return model_; }
    // The job of the current row, 0 when there is none.
    int selectedJobId() const;
    // Tall enough for the jobs of two or three backtests without scrolling.
    QSize sizeHint() const override;

  private:
    RunQueueModel* model_;
};

}  // namespace tradelab::gui
