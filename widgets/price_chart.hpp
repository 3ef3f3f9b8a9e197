#pragma once
// Price chart of one series: candles (or OHLC bars) on a date axis, with the volume in a second pane
// below that shares the time range. Dragging and the wheel pan and zoom in time only; both value
// axes follow, fitted to the bars in view.
#include <QSharedPointer>
#include <QWidget>

#include "data/bar_series.hpp"

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPAxisTickerDateTime;
class QCPBars;
class QCPFinancial;
class QCPRange;
class QCPTextElement;

namespace tradelab::gui {

class PriceChart : public QWidget {
    Q_OBJECT

  public:
    enum class ChartStyle { Candles, Ohlc };
    Q_ENUM(ChartStyle)

    explicit PriceChart(QWidget* parent = nullptr);

    // Copies the bars into the chart and shows all of them.
    void showSeries(const QString& title, const data::BarSeries& bars);
    // Empties the chart and shows `message` where the title goes.
    void clear(const QString& message);
    // Shows every bar of the current series again (after zooming or panning).
    void showAllBars();

    void setChartStyle(ChartStyle style);
    ChartStyle chartStyle() const { return chartStyle_; }

    QCustomPlot* plot() const { return plot_; }
    QCPFinancial* financial() const { return financial_; }
    QCPBars* volumeBars() const { return volumeBars_; }
    QCPAxis* timeAxis() const;
    QString title() const;

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
    void setUpInteractions();
    void applyChartStyle();
    void onTimeRangeChanged(const QCPRange& range);
    void applyTimeRange(const QCPRange& range);
    QCPRange boundedToData(const QCPRange& range) const;
    void fitValueAxesTo(const QCPRange& timeRange);
    void chooseDateFormatFor(const QCPRange& timeRange);

    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPAxisRect* pricePane_ = nullptr;
    QCPAxisRect* volumePane_ = nullptr;
    QCPFinancial* financial_ = nullptr;
    QCPBars* volumeBars_ = nullptr;
    QSharedPointer<QCPAxisTickerDateTime> dateTicker_;
    ChartStyle chartStyle_ = ChartStyle::Candles;
    bool adjustingRange_ = false;  // guards against re-entry while the two time axes are synchronised
};

}  // namespace tradelab::gui
