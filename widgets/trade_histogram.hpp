#pragma once
// The closed trades of the shown periods as a histogram of their R multiples (the price move over the
// initial risk, bins of 0.5 R), one stacked colour per period, with lines at 0 and at the mean R. The
// title counts the trades and gives the win rate (share with R > 0) and the mean R.
#include <QList>
#include <QWidget>
#include <vector>

#include "period_result.hpp"

class QCustomPlot;
class QCPBars;
class QCPItemStraightLine;
class QCPTextElement;

namespace tradelab::gui {

class TradeHistogram : public QWidget {
    Q_OBJECT

  public:
    static constexpr double kBinWidth = 0.5;

    explicit TradeHistogram(QWidget* parent = nullptr);

    void showResults(const QString& title, const PeriodResults& results);
    void clear(const QString& message);

    QCustomPlot* plot() const { return plot_; }
    // One per period with trades, stacked in period order.
    QList<QCPBars*> bars() const { return bars_; }
    QCPItemStraightLine* zeroLine() const { return zeroLine_; }
    QCPItemStraightLine* meanLine() const { return meanLine_; }
    QString title() const;
    int tradeCount() const { return tradeCount_; }
    double meanR() const { return meanR_; }

  private:
    void setUpPlot();
    void removeBars();
    void addBars(const QString& period, const std::vector<double>& rMultiples, int firstBin, int lastBin);
    QCPItemStraightLine* addVerticalLine(double r, const QPen& pen);
    void labelMean();
    void fitAxes(int firstBin, int lastBin);

    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QList<QCPBars*> bars_;
    QCPItemStraightLine* zeroLine_ = nullptr;
    QCPItemStraightLine* meanLine_ = nullptr;
    int tradeCount_ = 0;
    double meanR_ = 0.0;
};

}  // namespace tradelab::gui
