#pragma once
// A parameter sweep as a heatmap: an objective (the sweep's own, or any other higher-is-better metric of
// its points, chosen in a combo box) over two of the grid's axes (chosen in two more), the other axes
// folded into each cell by their mean or their maximum. Cells are coloured red (worst)
// through yellow to green (best) with their value written in them; cells without an evaluated point
// (invalid combinations) stay grey and empty. The best point and the best stable point (the one whose
// worst neighbour is best) are outlined. Clicking a cell asks for the run of its best point.
//
// Below the view, the two jobs behind it: the sweep of a run config's grid, and the backtest of one of
// its points, both as RunManager work.
#include <QList>
#include <QPoint>
#include <QString>
#include <QWidget>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backtest_job.hpp"
#include "validation/sweep.hpp"
#include "validation/sweep_analysis.hpp"

class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPItemText;
class QCPTextElement;
class QMouseEvent;

namespace tradelab::gui {

class SensitivityHeatmapView : public QWidget {
    Q_OBJECT

  public:
    enum class Aggregation { Mean, Max };

    explicit SensitivityHeatmapView(QWidget* parent = nullptr);

    // Shows `sweep`; `source` (the config's file name) goes into the title. Keeps the chosen pair of
    // axes when the new grid has it, else shows its first pair.
    void setSweep(std::shared_ptr<const validation::SweepResult> sweep, const QString& source = QString());
    void clear(const QString& message);

    // Grid axis indices. False, and nothing changes, unless both have two or more values and differ.
    bool setAxes(std::size_t xAxis, std::size_t yAxis);
    void setAggregation(Aggregation aggregation);
    // Scores the cells, the best and the best stable point by `metric` (a key of objectiveChoices()).
    // False, and nothing changes, for another key.
    bool setObjective(const std::string& metric);
    std::string objective() const { return sweep_ ? sweep_->objective : std::string(); }
    // The metrics a cell can show, higher being better for each.
    static const std::vector<std::string>& objectiveChoices();

    // The shown sweep: the one run, its points rescored when another objective is chosen.
    const std::shared_ptr<const validation::SweepResult>& sweep() const { return sweep_; }
    const validation::SweepAnalysis& analysis() const { return analysis_; }
    std::size_t xAxis() const { return xAxis_; }
    std::size_t yAxis() const { return yAxis_; }
    Aggregation aggregation() const { return aggregation_; }
    // The shown matrix: columns are x values, rows y values.
    int columnCount() const { return columns_; }
    int rowCount() const { return rows_; }
    // The aggregated objective of cell (x, y); NaN for a cell without an evaluated point.
    double cellValue(int x, int y) const;
    // The text written in the cell; empty for an empty cell.
    QString cellText(int x, int y) const;
    // The evaluated point of the cell with the highest objective (first in grid order on ties).
    std::optional<std::size_t> cellPoint(int x, int y) const;
    // The cell under a pixel of the plot, if any.
    std::optional<QPoint> cellAt(const QPoint& plotPixel) const;
    // How long the last setSweep (analysis, drawing items, replot) took.
    double lastRenderMs() const { return lastRenderMs_; }

    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* colorMap() const { return colorMap_; }
    QCPColorScale* colorScale() const { return colorScale_; }
    QComboBox* xAxisBox() const { return xAxisBox_; }
    QComboBox* yAxisBox() const { return yAxisBox_; }
    QComboBox* aggregationBox() const { return aggregationBox_; }
    QComboBox* objectiveBox() const { return objectiveBox_; }
    QString title() const;

  signals:
    // The user clicked a cell; `pointIndex` is the SweepPoint index of its best evaluated point.
    void cellActivated(std::size_t pointIndex);

  private:
    void setUpControls();
    void display(std::shared_ptr<const validation::SweepResult> sweep);
    void fillObjectiveBox();
    void setUpPlot();
    void chooseAxes(const std::string& previousX, const std::string& previousY);
    void fillAxisBoxes();
    void onAxisBoxChanged();
    void rebuild();
    void fillCells();
    void findBestPointsOfCells();
    void drawCellBorders();
    void labelCells();
    void markBestPoints();
    QString otherAxesText(std::size_t point) const;
    void setUpAxes();
    void writeTitles();
    void updateSummary();
    void removeMarkers();
    void markPoint(std::optional<std::size_t> point, const QString& name, const QPen& pen, double inset);
    void setTickLabels();
    void fitToCellSize();
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    QString describeCell(int x, int y) const;
    QString describePoint(std::size_t point) const;
    std::size_t cellIndex(int x, int y) const {
        return std::size_t(y) * std::size_t(columns_) + std::size_t(x);
    }

    QComboBox* xAxisBox_ = nullptr;
    QComboBox* yAxisBox_ = nullptr;
    QComboBox* aggregationBox_ = nullptr;
    QComboBox* objectiveBox_ = nullptr;
    QCPTextElement* summary_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPColorMap* colorMap_ = nullptr;
    QCPColorScale* colorScale_ = nullptr;
    std::vector<QCPItemText*> cellLabels_;  // per cell; null for an empty cell
    QList<QCPCurve*> markers_;              // the outlines of the best and the best stable point
    double widestLabelPx_ = 0.0;            // of the cell texts, in the view's font

    std::shared_ptr<const validation::SweepResult> swept_;  // as the job returned it
    std::shared_ptr<const validation::SweepResult> sweep_;
    validation::SweepAnalysis analysis_;
    QString source_;
    std::size_t xAxis_ = 0;
    std::size_t yAxis_ = 1;
    Aggregation aggregation_ = Aggregation::Mean;
    int columns_ = 0;
    int rows_ = 0;
    std::vector<double> values_;                         // y-major, as the engine's Heatmap
    std::vector<int> counts_;                            // evaluated points per cell
    std::vector<std::optional<std::size_t>> bestPoint_;  // per cell
    bool cellValuesShown_ = true;  // false while the cells are too small to print their values
    int xTickStride_ = 1;
    int yTickStride_ = 1;
    QPoint pressedAt_;
    bool updatingBoxes_ = false;  // the combo boxes are being filled: their signals are not the user's
    double lastRenderMs_ = 0.0;
};

// "exit.hard_stop_atr_mult 2, entry.fast_clearance 0.005, …": the axis values of a grid point.
QString gridPointLabels(const validation::SweepResult& sweep, std::size_t point);

// The sweep a sensitivitySweepWork job produced, read once the job has ended.
struct SweepOutput {
    std::shared_ptr<const validation::SweepResult> sweep;
};

// The first grid of `prepared`'s config (validation.sensitivity), each point a backtest of `period`
// scored by `objective`. The job's own result is the run of the best point, so the run queue shows its
// headline; the sweep lands in `output`.
// `ranges` ("KEY=START:STOP:STEP", from the config editor's sweep table) replace or add axes.
RunJobWork sensitivitySweepWork(std::shared_ptr<PreparedRun> prepared, std::shared_ptr<SweepOutput> output,
                                const QString& period = QStringLiteral("train"),
                                const QString& objective = QStringLiteral("sharpe_ratio"),
                                const QStringList& ranges = {});

// The backtest of point `pointIndex` of `sweep` (a sweep of `prepared`'s config) over the sweep's period:
// the same run the sweep scored.
RunJobWork sweepPointWork(std::shared_ptr<PreparedRun> prepared,
                          std::shared_ptr<const validation::SweepResult> sweep, std::size_t pointIndex);

}  // namespace tradelab::gui
