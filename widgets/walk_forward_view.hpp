#pragma once
// Walk-forward optimisation in the workstation: the job (Run > Walk-Forward), the dialog that sets its
// schedule and pass rules, and the view of its result. The view shows the verdict, the stitched
// out-of-sample curve (the only figures no parameter choice has seen) with each fold's span marked on
// it and its drawdown below, the fold table and the checks behind the verdict.
#include <QDialog>
#include <QList>
#include <QSharedPointer>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "backtest_job.hpp"
#include "config/run_config.hpp"
#include "validation/walk_forward.hpp"

class QComboBox;
class QCPAbstractItem;
class QCPAxisRect;
class QCPAxisTickerDateTime;
class QCPGraph;
class QCPRange;
class QCPTextElement;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace tradelab::gui {

class LinkedTimeAxes;
class PaneCrosshair;
struct CrosshairReading;

// What a walkForwardWork job produced, read once the job has ended.
struct WalkForwardOutput {
    // Set when the optimisation ran, also when it was cancelled (then `partial`, with the folds done).
    std::shared_ptr<const validation::WalkForwardResult> result;
    std::vector<std::int64_t> storedRunIds;  // the stored folds' run ids, in fold order
};

// Runs the walk-forward optimisation of `prepared`'s config over the sensitivity grid of its first
// enabled strategy (as `tradelab-cli walkforward` without --asset-class) and stores every completed
// fold like the command line. The job's result is the last fold's out-of-sample run.
RunJobWork walkForwardWork(std::shared_ptr<PreparedRun> prepared, validation::WalkForwardOptions options,
                           std::shared_ptr<WalkForwardOutput> output);

// 24 months in sample and 6 out of sample when that gives at least 3 folds over `run`'s data, else the
// first shorter schedule that does (12/3, 9/3, 6/2), else the one with the most folds. A short data
// range gets a schedule that runs instead of one that fails.
validation::WalkForwardOptions suggestedWalkForwardOptions(const config::RunConfig& run);

// The schedule (window lengths, rolling or anchored), the objective each in-sample sweep maximises and
// the pass rules. Shows, as the user edits, which folds the schedule gives over the config's data, or
// why it gives none (then OK is disabled).
class WalkForwardSettingsDialog : public QDialog {
    Q_OBJECT

  public:
    WalkForwardSettingsDialog(const config::RunConfig& run, const validation::WalkForwardOptions& initial,
                              QWidget* parent = nullptr);

    validation::WalkForwardOptions options() const;

    QString scheduleText() const;
    bool scheduleFits() const { return scheduleFits_; }
    QSpinBox* inSampleMonthsBox() const { return inSampleMonths_; }
    QSpinBox* outOfSampleMonthsBox() const { return outOfSampleMonths_; }
    QPushButton* okButton() const { return okButton_; }

  private:
    void updateSchedule();

    config::RunConfig run_;
    validation::WalkForwardOptions initial_;
    QSpinBox* inSampleMonths_ = nullptr;
    QSpinBox* outOfSampleMonths_ = nullptr;
    QComboBox* windowKind_ = nullptr;
    QComboBox* objective_ = nullptr;
    QDoubleSpinBox* minWfe_ = nullptr;
    QDoubleSpinBox* minProfitableFraction_ = nullptr;
    QDoubleSpinBox* maxWindowProfitShare_ = nullptr;
    QDoubleSpinBox* maxDrawdown_ = nullptr;
    QLabel* schedule_ = nullptr;
    QPushButton* okButton_ = nullptr;
    bool scheduleFits_ = false;
};

class WalkForwardView : public QWidget {
    Q_OBJECT

  public:
    enum ChecksColumn { CheckColumn, ValueColumn, ComparisonColumn, ThresholdColumn, ResultColumn };

    explicit WalkForwardView(QWidget* parent = nullptr);

    void setResult(const validation::WalkForwardResult& result, const QString& title);
    void clear(const QString& message);

    QCustomPlot* plot() const { return plot_; }
    QCPGraph* stitchedGraph() const { return equityGraph_; }
    QCPGraph* drawdownGraph() const { return drawdownGraph_; }
    QTableWidget* foldTable() const { return folds_; }
    QTableWidget* checksTable() const { return checks_; }
    QString headlineText() const;
    PaneCrosshair* crosshair() const { return crosshair_; }

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    struct FoldSpan {
        int number = 0;
        double start = 0.0;  // plot keys, half a day beyond the first and last day
        double end = 0.0;
    };

    void setUpPlot();
    void removeCurve();
    void showCurve(const validation::WalkForwardResult& result);
    void addFoldMarks(QCPAxisRect* pane, const FoldSpan& span, bool labelled);
    void addBoundary(QCPAxisRect* pane, double key);
    void fillFolds(const validation::WalkForwardResult& result);
    void fillChecks(const validation::WalkForwardResult& result);
    std::optional<QCPRange> dataTimeRange() const;
    void fitValueAxes(const QCPRange& timeRange);
    std::optional<CrosshairReading> readingAt(double key) const;

    QLabel* headline_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPAxisRect* equityPane_ = nullptr;
    QCPAxisRect* drawdownPane_ = nullptr;
    QSharedPointer<QCPAxisTickerDateTime> dateTicker_;
    LinkedTimeAxes* timeAxes_ = nullptr;
    QCPGraph* equityGraph_ = nullptr;
    QCPGraph* drawdownGraph_ = nullptr;
    QList<QCPAbstractItem*> foldItems_;  // shades, labels and boundary lines
    QList<FoldSpan> spans_;
    PaneCrosshair* crosshair_ = nullptr;
    QTableWidget* folds_ = nullptr;
    QTableWidget* checks_ = nullptr;
};

}  // namespace tradelab::gui
