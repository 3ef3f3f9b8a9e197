#pragma once
// Stored runs side by side: their metrics in one table and their equity curves in one chart.
//
// Public API, for the window that hosts it:
//   RunCompareView view;
//   view.showRuns(storePath, ids);  // 1..4 run ids, the first is the baseline; false: shown why
//   view.clear(tr("Select runs to compare"));
// It fits ResultsBrowser::selectionChangedRuns: show the ids it sends, or clear on an empty list.
//
// The table has a row per metric and the go/no-go verdict (when a validation stored one). Its columns:
// the baseline's values, then for each further run its values, the difference to the baseline (value
// minus baseline; percentage points for fractions) and "worse %", measured as `runs compare` in the
// command line measures it: how much worse than the baseline in % of the baseline's magnitude, in the
// metric's better direction (positive: worse, negative: better; "—" for metrics with no better side, a
// zero or missing baseline).
//
// The chart draws each run's curve divided by its starting equity, times 100: every run starts at 100
// and ends at 100 × (1 + total return). By default the curves are aligned at their first day (x: curve
// points since the start), so runs over different periods overlay; "Calendar dates" places them on
// their dates instead.
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QWidget>
#include <vector>

#include "store/results_store.hpp"

class QCheckBox;
class QCustomPlot;
class QCPGraph;
class QCPTextElement;
class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace tradelab::gui {

class RunCompareView : public QWidget {
    Q_OBJECT

  public:
    static constexpr int kMaxRuns = 4;
    // On the table's items: the figure as a number (NaN when not stored), for sorting and checking.
    static constexpr int ValueRole = Qt::UserRole;

    explicit RunCompareView(QWidget* parent = nullptr);

    // Loads runs `ids` (1..kMaxRuns; the first is the baseline) from the results store file at
    // `storePath` and shows them. On failure (no such file, unknown id, too many runs) shows why,
    // emits loadFailed and returns false.
    bool showRuns(const QString& storePath, const QList<qint64>& ids);
    // Empties the table and the chart and shows `message` in their place.
    void clear(const QString& message);

    QList<qint64> runIds() const { return ids_; }
    QString message() const;

    // The row of a metric by its store name ("sharpe_ratio", "verdict", ...); -1 when not shown.
    int metricRow(const QString& metric) const;
    // Table columns of the run at `runIndex` (0 = the baseline) in the order given to showRuns.
    static int valueColumn(int runIndex);
    static int differenceColumn(int runIndex);  // runIndex >= 1
    static int worseColumn(int runIndex);       // runIndex >= 1

    void setCalendarDates(bool calendarDates);
    bool calendarDates() const { return calendarDates_; }

    QTableWidget* metricsTable() const { return table_; }
    QCustomPlot* plot() const { return plot_; }
    QList<QCPGraph*> equityGraphs() const { return graphs_; }

  signals:
    void loadFailed(const QString& message);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    struct ComparedRun {
        store::StoredRun stored;
        QJsonObject figures;  // the stored metrics JSON: every figure, the verdict when there is one
    };

    static std::vector<ComparedRun> loadRuns(const QString& storePath, const QList<qint64>& ids);
    QWidget* createChartPane();
    void setUpChart();
    void fillTable();
    void fitTableHeight();
    void setHeaders();
    void fillMetricRow(int row);  // row = the metric's index in the list of metrics shown
    void fillVerdictRow(int row);
    void setCell(int row, int column, const QString& text, const QVariant& value);
    void drawCurves();
    void addCurve(const ComparedRun& run, const QColor& color);
    void fitAxes();
    void showSummary();
    void showFailure(const QString& message);

    QLabel* summary_ = nullptr;
    QTableWidget* table_ = nullptr;
    QCheckBox* calendarBox_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QList<QCPGraph*> graphs_;
    QList<qint64> ids_;
    std::vector<ComparedRun> runs_;  // what is shown, kept to redraw when the x axis changes
    bool calendarDates_ = false;
};

}  // namespace tradelab::gui
