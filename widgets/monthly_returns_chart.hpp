#pragma once
// Monthly returns as a heatmap: one row per year, one column per month, each cell coloured on a
// diverging scale centred on 0 (red losses, green gains) with its return printed in it.
#include <QList>
#include <QWidget>
#include <map>
#include <utility>

#include "period_result.hpp"

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemText;
class QCPTextElement;

namespace tradelab::gui {

// (year, month 1..12) → return of that month. A month's return runs from the last equity of the month
// before (or the starting equity) to its last equity; a month that two consecutive periods share
// chains both parts.
using MonthlyReturns = std::map<std::pair<int, int>, double>;
MonthlyReturns monthlyReturns(const PeriodResults& results);

class MonthlyReturnsChart : public QWidget {
    Q_OBJECT

  public:
    explicit MonthlyReturnsChart(QWidget* parent = nullptr);

    void showResults(const QString& title, const PeriodResults& results);
    void clear(const QString& message);

    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* colorMap() const { return colorMap_; }
    QList<QCPItemText*> cellLabels() const { return cellLabels_; }
    QString title() const;

  private:
    void setUpPlot();
    void fill(const MonthlyReturns& returns);
    void drawCellBorders(int firstYear, int lastYear);
    void labelCells(const MonthlyReturns& returns, double scaleLimit);

    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPColorMap* colorMap_ = nullptr;
    QCPColorScale* colorScale_ = nullptr;
    QList<QCPItemText*> cellLabels_;
};

}  // namespace tradelab::gui
