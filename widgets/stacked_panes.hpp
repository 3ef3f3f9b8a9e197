#pragma once
// The layout both time-series charts use: a title row, a main pane and a smaller pane below that share
// one date axis (UTC whole days). The panes touch and take the wider of their left and right margins,
// so their time axes line up exactly; only the lower pane shows date labels. Also the crosshair both
// charts show under the mouse.
#include <qcustomplot.h>

#include <QDate>
#include <QObject>
#include <QPointF>
#include <algorithm>
#include <functional>
#include <iterator>
#include <optional>

namespace tradelab::gui {

struct StackedPanes {
    QCPTextElement* title = nullptr;
    QCPAxisRect* upper = nullptr;
    QCPAxisRect* lower = nullptr;
    QSharedPointer<QCPAxisTickerDateTime> dateTicker;
};

// Rearranges `plot` (its default axis rect becomes the upper pane) and returns the parts.
StackedPanes makeStackedPanes(QCustomPlot* plot, const QFont& baseFont);

// Inserts a title row (bold, 15 % larger than `baseFont`) above the plot's layout and returns it: the
// heading every TradeLab chart has.
QCPTextElement* addTitleRow(QCustomPlot* plot, const QFont& baseFont);

// The axes of an equity pane over a drawdown pane: the date ticker on both time axes (its labels under
// the lower pane only), whole-currency equity values, `drawdownTicks` drawdown ticks.
void setUpEquityAndDrawdownAxes(const StackedPanes& panes, const QString& equityLabel,
                                const QString& drawdownLabel, int drawdownTicks);

// The day a plot key (seconds since 1970-01-01 UTC) falls on.
QDate dateOfPlotKey(double key);

// The keys of whole days `first`..`last`: half a day beyond each, so a span's edges fall between bars.
QCPRange daySpan(QDate first, QDate last);

// Marks over the full height of `pane` at plot keys, owned by the pane's plot, never selectable:
// a filled span behind the grid and the curves,
QCPItemRect* addSpanShade(QCPAxisRect* pane, const QCPRange& keys, const QColor& fill);
// its name centred at the top of the span,
QCPItemText* addSpanLabel(QCPAxisRect* pane, const QCPRange& keys, const QString& text);
// and a vertical line under the curves.
QCPItemStraightLine* addVerticalLine(QCPAxisRect* pane, double key, const QPen& pen);

// The running-peak drawdown of `equity` in percent (0 at a new high, negative below it), the peak
// starting at `startingEquity`, as the max drawdown metric counts it.
QVector<double> drawdownPercent(const QVector<double>& equity, double startingEquity);

// The point of `data` whose key is nearest to `key`; constEnd() when `data` is empty.
template <class DataType>
typename QCPDataContainer<DataType>::const_iterator nearestByKey(const QCPDataContainer<DataType>& data,
                                                                 double key) {
    if (data.isEmpty()) return data.constEnd();
    const auto after = std::lower_bound(data.constBegin(), data.constEnd(), DataType::fromSortKey(key),
                                        qcpLessThanSortKey<DataType>);
    if (after == data.constEnd()) return std::prev(after);
    if (after == data.constBegin()) return after;
    const auto before = std::prev(after);
    return key - before->key < after->key - key ? before : after;
}

// The time axes of stacked panes kept as one: dragging or zooming either pane moves both, the view
// stays on the data (no panning off either end, no zooming in past ten days), the date labels switch
// from days to months over long spans, and after every change the chart fits its value axes to what
// is visible.
class LinkedTimeAxes : public QObject {
    Q_OBJECT

  public:
    // The keys the chart's data spans (padded by padded()); nullopt while it shows nothing.
    using DataRange = std::function<std::optional<QCPRange>()>;
    using FitValues = std::function<void(const QCPRange& timeRange)>;

    LinkedTimeAxes(const StackedPanes& panes, DataRange dataRange, FitValues fitValues);

    // Shows the whole data range.
    void showAll();
    // As many date labels as fit `widthPx` (about one per 110 pixels).
    void fitTickCount(int widthPx);
    // `keys` with a few days' room each side, so the first and last points are not on the edge.
    static QCPRange padded(const QCPRange& keys);

  private:
    void onRangeChanged(const QCPRange& range);
    void apply(const QCPRange& range);

    StackedPanes panes_;
    DataRange dataRange_;
    FitValues fitValues_;
    bool adjusting_ = false;  // the two axes are being set: their signals are our own
};

// What a chart reads at the mouse: the key of the data point nearest to it and one line describing
// that point (its date and values).
struct CrosshairReading {
    double key = 0.0;
    QString text;
};
// Returns nothing when the chart has no data to read.
using CrosshairReader = std::function<std::optional<CrosshairReading>(double key)>;

// A crosshair over stacked panes: a vertical line through both panes at the nearest data point, a
// horizontal line at the mouse in the pane under it, and a label by the mouse with what the chart reads
// there. It follows the mouse and hides when the mouse leaves the panes. Its items live on their own
// buffered layer, so following the mouse redraws that layer only, and exports leave it out.
class PaneCrosshair : public QObject {
    Q_OBJECT

  public:
    PaneCrosshair(QCustomPlot* plot, const StackedPanes& panes, CrosshairReader reader);

    // Moves the crosshair to `pixel`, in the plot widget's coordinates; hides it over no pane or when
    // there is nothing to read.
    void moveTo(const QPointF& pixel);
    void hide();
    bool isShown() const;
    // The label's text: the date and values at the crosshair.
    QString text() const;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    struct PaneLines {
        QCPAxisRect* pane = nullptr;
        QCPItemStraightLine* vertical = nullptr;
        QCPItemStraightLine* horizontal = nullptr;
    };

    PaneLines makeLines(QCPAxisRect* pane);
    void makeLabel();
    QCPAxisRect* paneAt(const QPointF& pixel) const;
    void placeLabel(const QPointF& pixel);
    void setItemsVisible(bool visible);

    QCustomPlot* plot_ = nullptr;
    QCPLayer* layer_ = nullptr;
    CrosshairReader reader_;
    PaneLines upper_;
    PaneLines lower_;
    QCPItemText* label_ = nullptr;
};

}  // namespace tradelab::gui
