#include "run_queue_view.hpp"

#include <QApplication>
#include <QHeaderView>
#include <QMouseEvent>
#include <QStyledItemDelegate>

#include "run_manager.hpp"
#include "run_queue_model.hpp"

namespace tradelab::gui {
namespace {

// Draws the progress column as a progress bar; a failed job has none, its message says why.
class ProgressDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        if (index.data(RunQueueModel::FailedRole).toBool()) return;
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.state = option.state | QStyle::State_Horizontal;
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = index.data().toInt();
        bar.text = tr("%1 %").arg(bar.progress);
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};

// Draws a push button on rows that can be cancelled and cancels the row's job when it is clicked.
class CancelButtonDelegate : public QStyledItemDelegate {
  public:
    CancelButtonDelegate(RunManager* manager, QObject* parent)
        : QStyledItemDelegate(parent), manager_(manager) {}

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        if (!index.data(RunQueueModel::CancellableRole).toBool()) return;
        QStyleOptionButton button;
        button.rect = option.rect.adjusted(2, 1, -2, -1);
        button.text = index.data().toString();
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_PushButton, &button, painter, widget);
    }

    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override {
        if (event->type() == QEvent::MouseButtonRelease &&
            index.data(RunQueueModel::CancellableRole).toBool()) {
            const auto* mouse = static_cast<QMouseEvent*>(event);
            if (mouse->button() == Qt::LeftButton && option.rect.contains(mouse->position().toPoint())) {
                manager_->cancel(index.data(RunQueueModel::JobIdRole).toInt());
                return true;
            }
        }
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    }

  private:
    RunManager* manager_;
};

}  // namespace

RunQueueView::RunQueueView(RunQueueModel* model, QWidget* parent) : QTableView(parent), model_(model) {
    setModel(model_);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);  // room for the button
    setItemDelegateForColumn(RunQueueModel::ProgressColumn, new ProgressDelegate(this));
    setItemDelegateForColumn(RunQueueModel::CancelColumn, new CancelButtonDelegate(model_->manager(), this));

    QHeaderView* header = horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);  // the message column takes what is left
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    setColumnWidth(RunQueueModel::ConfigColumn, 10 * em);
    setColumnWidth(RunQueueModel::PeriodColumn, 7 * em);
    setColumnWidth(RunQueueModel::StateColumn, 7 * em);
    setColumnWidth(RunQueueModel::ProgressColumn, 9 * em);
    setColumnWidth(RunQueueModel::ElapsedColumn, 5 * em);
    setColumnWidth(RunQueueModel::CancelColumn, 6 * em);

    // New jobs come into view as they are queued.
    connect(model_, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int, int last) { scrollTo(model_->index(last, 0)); });
}

int RunQueueView::selectedJobId() const {
    const QModelIndex current = currentIndex();
    return current.isValid() ? model_->jobId(current.row()) : 0;
}

QSize RunQueueView::sizeHint() const {
    constexpr int kVisibleRows = 6;
    const int height = horizontalHeader()->sizeHint().height() +
                       kVisibleRows * verticalHeader()->defaultSectionSize() + 2 * frameWidth();
    return QSize(QTableView::sizeHint().width(), height);
}

}  // namespace tradelab::gui
