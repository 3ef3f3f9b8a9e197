#pragma once
// The stress tests in the workstation: the job (Run > Stress Tests) and its view. The job runs the
// config's continuous train+validation backtest, the baseline every stress compares with, then the
// stress tests of validation.stress_tests, and stores the baseline with the stressed runs as its
// children. The view shows whether the gates passed, the baseline and stressed equity curves on one
// date axis (the flash-crash dates marked) with their drawdowns below, the figures of every scenario,
// the gates and the warnings.
#include <QList>
#include <QSharedPointer>
#include <QString>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <optional>

#include "backtest_job.hpp"

class QCPAbstractItem;
class QCPAxisRect;
class QCPAxisTickerDateTime;
class QCPGraph;
class QCPRange;
class QCPTextElement;
class QCustomPlot;
class QLabel;
class QTableWidget;

namespace tradelab::validation {
struct StressReport;
}

namespace tradelab::gui {

class LinkedTimeAxes;
class PaneCrosshair;
struct CrosshairReading;

// What a stressWork job produced, read once the job has ended. A job cancelled after its baseline run
// keeps the baseline and the report (partial when the reruns were stopped) but stores nothing.
struct StressOutput {
    std::shared_ptr<const validation::StressReport> report;
    std::shared_ptr<const backtest::RunResult> baseline;  // the continuous train+validation run
    std::int64_t storedRunId = 0;                         // the baseline's id in the results store
};

// Runs the stress tests of `prepared`'s config on all cores and stores them like the validation suite
// does, with the baseline run (kind backtest) as their parent. The job's result is the baseline.
RunJobWork stressWork(std::shared_ptr<PreparedRun> prepared, std::shared_ptr<StressOutput> output);

class StressView : public QWidget {
    Q_OBJECT

  public:
    enum ScenarioColumn {
        ScenarioColumn,
        ReturnColumn,
        SharpeColumn,
        CalmarColumn,
        DrawdownColumn,
        TradesColumn,
        ExpectancyColumn,
        DetailColumn,
        ScenarioColumnCount
    };
    enum ChecksColumn {
        CheckColumn,
        ValueColumn,
        ComparisonColumn,
        ThresholdColumn,
        ResultColumn,
        NoteColumn,
        ChecksColumnCount
    };
    // On the scenario table's first column: the engine's name of the row's scenario ("baseline",
    // "slippage_2x", "flash_crash", "bear", "range"); on the checks table's first column, the gate's.
    static constexpr int NameRole = Qt::UserRole;

    explicit StressView(QWidget* parent = nullptr);

    // `baseline` is the continuous run the report's stresses compare with (StressOutput::baseline).
    void setReport(const validation::StressReport& report, const backtest::RunResult& baseline,
                   const QString& title);
    void clear(const QString& message);

    QCustomPlot* plot() const { return plot_; }
    // The equity curves: the baseline first, then the stressed runs in the report's order.
    QList<QCPGraph*> curveGraphs() const { return curves_; }
    // A marker on the flash-crash curve at each crash date; null without a flash crash run.
    QCPGraph* crashMarkerGraph() const { return crashMarkers_; }
    QTableWidget* scenarioTable() const { return scenarios_; }
    QTableWidget* checksTable() const { return checks_; }
    QString headlineText() const;
    QString correlationText() const;
    QString warningsText() const;
    PaneCrosshair* crosshair() const { return crosshair_; }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    void setUpPlot();
    void removeCurves();
    void showCurves(const validation::StressReport& report, const backtest::RunResult& baseline);
    void addCurve(const backtest::RunResult& run, const QString& name, const QColor& color, double width);
    void addCrashMarks(const validation::StressReport& report);
    void addCrashLine(QCPAxisRect* pane, double key);
    void fillScenarios(const validation::StressReport& report);
    void fillChecks(const validation::StressReport& report);
    void showNotes(const validation::StressReport& report);
    void fitFigures();
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
    QList<QCPGraph*> curves_;
    QList<QCPGraph*> drawdowns_;  // one per curve, in the same order
    QCPGraph* crashMarkers_ = nullptr;
    QList<QCPAbstractItem*> crashLines_;
    PaneCrosshair* crosshair_ = nullptr;
    QWidget* figures_ = nullptr;  // the scenario table and the correlation line
    QWidget* gates_ = nullptr;    // the checks table and the warnings
    QTableWidget* scenarios_ = nullptr;
    QLabel* correlation_ = nullptr;
    QTableWidget* checks_ = nullptr;
    QLabel* warnings_ = nullptr;
};

}  // namespace tradelab::gui
