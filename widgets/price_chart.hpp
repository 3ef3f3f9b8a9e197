#pragma once
// Price chart of one series: candles (or OHLC bars) on a date axis, with the volume in a second pane
// below that shares the time range. Dragging and the wheel pan and zoom in time only; both value
// axes follow, fitted to the bars in view. The trades of a backtest on the series can be marked: a
// green up-triangle at each entry fill, a red down-triangle at each exit fill, a dashed line at the
// initial stop from entry to exit, each explained in a tooltip. A crosshair reads the bar under the
// mouse.
#include <QList>
#include <QSharedPointer>
#include <QWidget>
#include <optional>
#include <vector>

#include "backtest/run_result.hpp"
#include "data/bar_series.hpp"

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPAxisTickerDateTime;
class QCPBars;
class QCPFinancial;
class QCPGraph;
class QCPItemLine;
class QCPRange;
class QCPTextElement;
class QMouseEvent;
class QPointF;

namespace tradelab::gui {

class LinkedTimeAxes;
class PaneCrosshair;
struct CrosshairReading;

class PriceChart : public QWidget {
    Q_OBJECT

  public:
    enum class ChartStyle { Candles, Ohlc };
    Q_ENUM(ChartStyle)

    explicit PriceChart(QWidget* parent = nullptr);

    // Copies the bars into the chart and shows all of them; removes the marks of the previous series'
    // trades.
    void showSeries(const QString& title, const data::BarSeries& bars);
    // Marks `trades`, trades of the shown series, in place of those marked before (none: no marks).
    void showTrades(const std::vector<backtest::TradeRecord>& trades);
    // Empties the chart and shows `message` where the title goes.
    void clear(const QString& message);
    void setTitle(const QString& title);
    // Shows every bar of the current series again (after zooming or panning).
    void showAllBars();

    void setChartStyle(ChartStyle style);
    ChartStyle chartStyle() const { return chartStyle_; }

    QCustomPlot* plot() const { return plot_; }
    QCPFinancial* financial() const { return financial_; }
    QCPBars* volumeBars() const { return volumeBars_; }
    QCPGraph* entryMarks() const { return entryMarks_; }
    QCPGraph* exitMarks() const { return exitMarks_; }
    QList<QCPItemLine*> stopLines() const { return stopLines_; }
    const std::vector<backtest::TradeRecord>& markedTrades() const { return trades_; }
    PaneCrosshair* crosshair() const { return crosshair_; }
    QCPAxis* timeAxis() const;
    QString title() const;
    // The tooltip of the trade mark at `pixel` (plot widget coordinates), empty when there is none.
    QString tradeToolTipAt(const QPointF& pixel) const;

    // Plot keys are seconds since 1970-01-01 UTC, what QCPAxisTickerDateTime expects.
    static double plotKey(Date date);

  signals:
    void chartStyleChanged(tradelab::gui::PriceChart::ChartStyle style);

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    void setUpLayout();
    void setUpPricePane();
    void setUpVolumePane();
    void setUpTradeMarks();
    void setUpInteractions();
    void removeTradeMarks();
    void addStopLine(const backtest::TradeRecord& trade);
    void showTradeToolTip(const QMouseEvent* event);
    std::optional<CrosshairReading> readingAt(double key) const;
    void applyChartStyle();
    void fitValueAxesTo(const QCPRange& timeRange);
    QCPRange withStopsIn(const QCPRange& prices, const QCPRange& timeRange) const;

    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPAxisRect* pricePane_ = nullptr;
    QCPAxisRect* volumePane_ = nullptr;
    QCPFinancial* financial_ = nullptr;
    QCPBars* volumeBars_ = nullptr;
    QCPGraph* entryMarks_ = nullptr;
    QCPGraph* exitMarks_ = nullptr;
    QCPGraph* stopLegend_ = nullptr;  // no data: only the legend's sample of the stop lines
    QList<QCPItemLine*> stopLines_;
    std::vector<backtest::TradeRecord> trades_;
    PaneCrosshair* crosshair_ = nullptr;
    LinkedTimeAxes* timeAxes_ = nullptr;
    QSharedPointer<QCPAxisTickerDateTime> dateTicker_;
    ChartStyle chartStyle_ = ChartStyle::Candles;
};

}  // namespace tradelab::gui
