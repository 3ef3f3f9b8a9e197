#include "stacked_panes.hpp"

#include <QDateTime>
#include <QEvent>
#include <QMouseEvent>
#include <QTimeZone>

#include "chart_export.hpp"

namespace tradelab::gui {
namespace {

constexpr double kLabelOffset = 14.0;  // pixels between the mouse and the label, clear of the cursor
const QColor kCrosshairColor(0x55, 0x55, 0x55);

}  // namespace

QCPTextElement* addTitleRow(QCustomPlot* plot, const QFont& baseFont) {
    QCPLayoutGrid* grid = plot->plotLayout();
    grid->insertRow(0);
    QFont titleFont = baseFont;
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    auto* title = new QCPTextElement(plot, QString(), titleFont);
    grid->addElement(0, 0, title);
    return title;
}

StackedPanes makeStackedPanes(QCustomPlot* plot, const QFont& baseFont) {
    StackedPanes panes;
    QCPLayoutGrid* grid = plot->plotLayout();
    panes.upper = plot->axisRect();
    panes.title = addTitleRow(plot, baseFont);
    panes.lower = new QCPAxisRect(plot);
    grid->addElement(2, 0, panes.lower);
    grid->setRowSpacing(0);

    auto* sharedMargins = new QCPMarginGroup(plot);
    panes.upper->setMarginGroup(QCP::msLeft | QCP::msRight, sharedMargins);
    panes.lower->setMarginGroup(QCP::msLeft | QCP::msRight, sharedMargins);
    panes.upper->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msTop);
    panes.upper->setMargins(QMargins(0, 0, 0, 0));
    panes.lower->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    panes.lower->setMargins(QMargins(0, 8, 0, 0));

    // UTC: plot keys are whole days since the epoch and must not shift with the local time zone.
    panes.dateTicker = QSharedPointer<QCPAxisTickerDateTime>::create();
    panes.dateTicker->setTimeZone(QTimeZone::utc());
    return panes;
}

void setUpEquityAndDrawdownAxes(const StackedPanes& panes, const QString& equityLabel,
                                const QString& drawdownLabel, int drawdownTicks) {
    for (QCPAxisRect* pane : {panes.upper, panes.lower})
        pane->axis(QCPAxis::atBottom)->setTicker(panes.dateTicker);
    panes.upper->axis(QCPAxis::atBottom)->setTickLabels(false);
    QCPAxis* equity = panes.upper->axis(QCPAxis::atLeft);
    equity->setLabel(equityLabel);
    equity->setNumberFormat(QStringLiteral("f"));
    equity->setNumberPrecision(0);
    QCPAxis* drawdown = panes.lower->axis(QCPAxis::atLeft);
    drawdown->setLabel(drawdownLabel);
    drawdown->ticker()->setTickCount(drawdownTicks);
}

QDate dateOfPlotKey(double key) {
    return QDateTime::fromSecsSinceEpoch(qint64(std::llround(key)), QTimeZone::utc()).date();
}

QCPRange daySpan(QDate first, QDate last) {
    constexpr double kHalfDay = 43200.0;
    const auto key = [](QDate day) {
        return double(QDateTime(day, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
    };
    return QCPRange(key(first) - kHalfDay, key(last) + kHalfDay);
}

namespace {

// A position in plot coordinates along the pane's time axis and as a fraction of its height.
void placeInPane(QCPItemPosition* position, QCPAxisRect* pane) {
    position->setAxes(pane->axis(QCPAxis::atBottom), pane->axis(QCPAxis::atLeft));
    position->setAxisRect(pane);
    position->setTypeX(QCPItemPosition::ptPlotCoords);
    position->setTypeY(QCPItemPosition::ptAxisRectRatio);
}

}  // namespace

QCPItemRect* addSpanShade(QCPAxisRect* pane, const QCPRange& keys, const QColor& fill) {
    auto* shade = new QCPItemRect(pane->parentPlot());
    shade->setLayer(QStringLiteral("background"));
    shade->setClipAxisRect(pane);
    for (QCPItemPosition* corner : {shade->topLeft, shade->bottomRight}) placeInPane(corner, pane);
    shade->topLeft->setCoords(keys.lower, 0.0);
    shade->bottomRight->setCoords(keys.upper, 1.0);
    shade->setPen(Qt::NoPen);
    shade->setBrush(fill);
    shade->setSelectable(false);
    return shade;
}

QCPItemText* addSpanLabel(QCPAxisRect* pane, const QCPRange& keys, const QString& text) {
    auto* label = new QCPItemText(pane->parentPlot());
    label->setClipAxisRect(pane);
    placeInPane(label->position, pane);
    label->position->setCoords(keys.center(), 0.0);
    label->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
    label->setPadding(QMargins(4, 4, 4, 2));
    label->setColor(QColor(0x44, 0x44, 0x44));
    label->setText(text);
    label->setSelectable(false);
    return label;
}

QCPItemStraightLine* addVerticalLine(QCPAxisRect* pane, double key, const QPen& pen) {
    auto* line = new QCPItemStraightLine(pane->parentPlot());
    line->setLayer(QStringLiteral("grid"));
    line->setClipAxisRect(pane);
    line->setPen(pen);
    line->setSelectable(false);
    for (QCPItemPosition* point : {line->point1, line->point2}) placeInPane(point, pane);
    line->point1->setCoords(key, 0.0);
    line->point2->setCoords(key, 1.0);
    return line;
}

QVector<double> drawdownPercent(const QVector<double>& equity, double startingEquity) {
    QVector<double> drawdown;
    drawdown.reserve(equity.size());
    double peak = startingEquity;
    for (const double value : equity) {
        peak = std::max(peak, value);
        drawdown.append(peak > 0.0 ? (value / peak - 1.0) * 100.0 : 0.0);
    }
    return drawdown;
}

PaneCrosshair::PaneCrosshair(QCustomPlot* plot, const StackedPanes& panes, CrosshairReader reader)
    : QObject(plot), plot_(plot), reader_(std::move(reader)) {
    plot_->addLayer(QLatin1String(kScreenOnlyLayer), plot_->layer(QStringLiteral("legend")),
                    QCustomPlot::limAbove);
    layer_ = plot_->layer(QLatin1String(kScreenOnlyLayer));
    layer_->setMode(QCPLayer::lmBuffered);
    upper_ = makeLines(panes.upper);
    lower_ = makeLines(panes.lower);
    makeLabel();
    setItemsVisible(false);

    plot_->setMouseTracking(true);  // moves without a button pressed reach the plot too
    plot_->installEventFilter(this);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) { moveTo(event->position()); });
}

PaneCrosshair::PaneLines PaneCrosshair::makeLines(QCPAxisRect* pane) {
    PaneLines lines{pane, new QCPItemStraightLine(plot_), new QCPItemStraightLine(plot_)};
    QPen pen(kCrosshairColor, 0.0, Qt::DashLine);
    for (QCPItemStraightLine* line : {lines.vertical, lines.horizontal}) {
        line->setLayer(layer_);
        line->setSelectable(false);
        line->setClipAxisRect(pane);
        line->setPen(pen);
        for (QCPItemPosition* point : {line->point1, line->point2}) {
            point->setAxes(pane->axis(QCPAxis::atBottom), pane->axis(QCPAxis::atLeft));
            point->setAxisRect(pane);
        }
    }
    // Vertical: at a date, from the bottom of the pane to its top.
    for (QCPItemPosition* point : {lines.vertical->point1, lines.vertical->point2}) {
        point->setTypeX(QCPItemPosition::ptPlotCoords);
        point->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    // Horizontal: at the mouse's height, across the pane.
    for (QCPItemPosition* point : {lines.horizontal->point1, lines.horizontal->point2}) {
        point->setTypeX(QCPItemPosition::ptAxisRectRatio);
        point->setTypeY(QCPItemPosition::ptAbsolute);
    }
    return lines;
}

void PaneCrosshair::makeLabel() {
    label_ = new QCPItemText(plot_);
    label_->setLayer(layer_);
    label_->setSelectable(false);
    label_->setClipToAxisRect(false);
    label_->position->setType(QCPItemPosition::ptAbsolute);
    label_->setPadding(QMargins(6, 3, 6, 3));
    label_->setPen(QPen(kCrosshairColor));
    label_->setBrush(QColor(255, 255, 255, 235));
    label_->setColor(Qt::black);
}

void PaneCrosshair::moveTo(const QPointF& pixel) {
    QCPAxisRect* pane = paneAt(pixel);
    const std::optional<CrosshairReading> reading =
        pane ? reader_(pane->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x())) : std::nullopt;
    if (!reading) {
        hide();
        return;
    }
    for (const PaneLines* lines : {&upper_, &lower_}) {
        lines->vertical->point1->setCoords(reading->key, 0.0);
        lines->vertical->point2->setCoords(reading->key, 1.0);
        lines->horizontal->point1->setCoords(0.0, pixel.y());
        lines->horizontal->point2->setCoords(1.0, pixel.y());
    }
    label_->setText(reading->text);
    placeLabel(pixel);
    setItemsVisible(true);
    upper_.horizontal->setVisible(pane == upper_.pane);
    lower_.horizontal->setVisible(pane == lower_.pane);
    layer_->replot();
}

// Below and right of the mouse, flipped to the other side in the right or bottom half so the label
// stays inside the plot.
void PaneCrosshair::placeLabel(const QPointF& pixel) {
    const bool rightHalf = pixel.x() > plot_->width() / 2.0;
    const bool bottomHalf = pixel.y() > plot_->height() / 2.0;
    label_->setPositionAlignment((rightHalf ? Qt::AlignRight : Qt::AlignLeft) |
                                 (bottomHalf ? Qt::AlignBottom : Qt::AlignTop));
    label_->position->setCoords(pixel.x() + (rightHalf ? -kLabelOffset : kLabelOffset),
                                pixel.y() + (bottomHalf ? -kLabelOffset : kLabelOffset));
}

void PaneCrosshair::hide() {
    if (!isShown()) return;
    setItemsVisible(false);
    layer_->replot();
}

bool PaneCrosshair::isShown() const {
    return label_->visible();
}

QString PaneCrosshair::text() const {
    return isShown() ? label_->text() : QString();
}

QCPAxisRect* PaneCrosshair::paneAt(const QPointF& pixel) const {
    for (QCPAxisRect* pane : {upper_.pane, lower_.pane})
        if (pane->rect().contains(pixel.toPoint())) return pane;
    return nullptr;
}

void PaneCrosshair::setItemsVisible(bool visible) {
    for (const PaneLines* lines : {&upper_, &lower_}) {
        lines->vertical->setVisible(visible);
        lines->horizontal->setVisible(visible);
    }
    label_->setVisible(visible);
}

bool PaneCrosshair::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::Leave) hide();
    return QObject::eventFilter(watched, event);
}

// ---- LinkedTimeAxes ------------------------------------------------------------------------------

namespace {
constexpr double kSecondsPerDay = 86400.0;
constexpr double kEdgePaddingDays = 3.0;
constexpr double kMinimumVisibleDays = 10.0;  // further in shows nothing useful on daily data
constexpr double kLongRangeDays = 240.0;      // beyond this, ticks are months and "MMM yyyy" is enough
constexpr int kPixelsPerDateLabel = 110;
}  // namespace

LinkedTimeAxes::LinkedTimeAxes(const StackedPanes& panes, DataRange dataRange, FitValues fitValues)
    : QObject(panes.upper->parentPlot()),
      panes_(panes),
      dataRange_(std::move(dataRange)),
      fitValues_(std::move(fitValues)) {
    for (QCPAxisRect* pane : {panes_.upper, panes_.lower}) {
        pane->setRangeDrag(Qt::Horizontal);
        pane->setRangeZoom(Qt::Horizontal);
        connect(pane->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                &LinkedTimeAxes::onRangeChanged);
    }
}

QCPRange LinkedTimeAxes::padded(const QCPRange& keys) {
    const double padding = kEdgePaddingDays * kSecondsPerDay;
    return QCPRange(keys.lower - padding, keys.upper + padding);
}

void LinkedTimeAxes::showAll() {
    if (const std::optional<QCPRange> data = dataRange_()) apply(*data);
}

void LinkedTimeAxes::fitTickCount(int widthPx) {
    panes_.dateTicker->setTickCount(std::clamp(widthPx / kPixelsPerDateLabel, 2, 12));
}

void LinkedTimeAxes::onRangeChanged(const QCPRange& range) {
    if (adjusting_) return;
    const std::optional<QCPRange> data = dataRange_();
    if (!data) return;
    const double size =
        std::clamp(range.size(), std::min(kMinimumVisibleDays * kSecondsPerDay, data->size()), data->size());
    const double lower = std::clamp(range.center() - size / 2, data->lower, data->upper - size);
    apply(QCPRange(lower, lower + size));
}

void LinkedTimeAxes::apply(const QCPRange& range) {
    adjusting_ = true;
    panes_.upper->axis(QCPAxis::atBottom)->setRange(range);
    panes_.lower->axis(QCPAxis::atBottom)->setRange(range);
    adjusting_ = false;
    const bool longRange = range.size() / kSecondsPerDay > kLongRangeDays;
    panes_.dateTicker->setDateTimeFormat(longRange ? QStringLiteral("MMM yyyy")
                                                   : QStringLiteral("yyyy-MM-dd"));
    fitValues_(range);
}

}  // namespace tradelab::gui
