#include "price_chart.hpp"

#include <qcustomplot.h>

#include <QMouseEvent>
#include <QResizeEvent>
#include <QTimeZone>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <utility>

#include "qt_conversions.hpp"
#include "stacked_panes.hpp"

namespace tradelab::gui {
namespace {

constexpr double kSecondsPerDay = 86400.0;
constexpr double kBarWidthDays = 0.7;

const QColor kUpColor(0x26, 0xa6, 0x9a);
const QColor kDownColor(0xef, 0x53, 0x50);
const QColor kVolumeColor(0x7a, 0x95, 0xc2);
const QColor kEntryColor(0x1b, 0x8a, 0x2e);
const QColor kExitColor(0xc6, 0x28, 0x28);
const QColor kStopColor(0x8e, 0x24, 0xaa);
constexpr double kMarkSize = 10.0;
constexpr double kToolTipReach = 8.0;  // pixels from a mark within which its tooltip shows

// Volumes run into billions; "820M" reads better than "8.2e+08". Empty for numbers below a thousand.
QString compactNumber(double value, const QLocale& locale) {
    static const std::pair<double, const char*> kUnits[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    for (const auto& [scale, suffix] : kUnits) {
        if (std::abs(value) >= scale) return locale.toString(value / scale, 'g', 3) + QLatin1String(suffix);
    }
    return {};
}

class CompactNumberTicker : public QCPAxisTicker {
  protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override {
        const QString compact = compactNumber(tick, locale);
        return compact.isEmpty() ? QCPAxisTicker::getTickLabel(tick, locale, formatChar, precision) : compact;
    }
};

QString price(double value) {
    return QLocale().toString(value, 'f', 2);
}

QString exitReasonText(backtest::ExitReason reason) {
    switch (reason) {
        case backtest::ExitReason::HardStop:
            return PriceChart::tr("stop hit");
        case backtest::ExitReason::TrailingMaCross:
            return PriceChart::tr("close below the exit MA");
        case backtest::ExitReason::DataMissing:
            return PriceChart::tr("data missing");
        case backtest::ExitReason::CapacityReject:
            return PriceChart::tr("capacity");
        case backtest::ExitReason::Manual:
            return PriceChart::tr("manual");
        case backtest::ExitReason::EndOfPeriod:
            return PriceChart::tr("end of period");
    }
    return {};
}

QString rMultipleText(const backtest::TradeRecord& trade) {
    const double r = trade.r_multiple();
    if (std::isnan(r)) return PriceChart::tr("no R (no initial risk)");
    return PriceChart::tr("%1 R").arg(QLocale().toString(r, 'f', 2));
}

// Which mark of a trade the mouse is on; the tooltips differ.
enum class TradeMark { Entry, Exit, Stop };

QString tradeToolTip(const backtest::TradeRecord& trade, TradeMark mark) {
    const QString entry =
        PriceChart::tr("Entry %1 at %2").arg(isoDate(trade.entry_date), price(trade.entry_price));
    const QString exit =
        PriceChart::tr("Exit %1 at %2 (%3)")
            .arg(isoDate(trade.exit_date), price(trade.exit_price), exitReasonText(trade.exit_reason));
    const QString stop = PriceChart::tr("Initial stop %1").arg(price(trade.initial_stop_price));
    const QString result = PriceChart::tr("Result: %1").arg(rMultipleText(trade));
    QStringList lines;
    switch (mark) {
        case TradeMark::Entry:
            lines = {entry, stop, exit, result};
            break;
        case TradeMark::Exit:
            lines = {exit, result, entry, stop};
            break;
        case TradeMark::Stop:
            lines = {stop, entry, exit, result};
            break;
    }
    return QStringLiteral("%1 — %2\n%3")
        .arg(QString::fromStdString(trade.symbol_name), lines.first(), lines.mid(1).join(QLatin1Char('\n')));
}

QCPGraph* makeMarkGraph(QCPAxisRect* pane, QCPScatterStyle::ScatterShape shape, const QColor& color,
                        const QString& name) {
    auto* graph = new QCPGraph(pane->axis(QCPAxis::atBottom), pane->axis(QCPAxis::atLeft));
    graph->setName(name);
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(QCPScatterStyle(shape, color.darker(130), color, kMarkSize));
    graph->setPen(QPen(color));
    return graph;
}

}  // namespace

PriceChart::PriceChart(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);

    setUpLayout();
    setUpPricePane();
    setUpVolumePane();
    setUpTradeMarks();
    setUpInteractions();
    applyChartStyle();
    clear(tr("No symbol selected"));
}

double PriceChart::plotKey(Date date) {
    return double(date.time_since_epoch().count()) * kSecondsPerDay;
}

void PriceChart::setUpLayout() {
    const StackedPanes panes = makeStackedPanes(plot_, font());
    title_ = panes.title;
    pricePane_ = panes.upper;
    volumePane_ = panes.lower;
    dateTicker_ = panes.dateTicker;
    dateTicker_->setTickCount(8);
    plot_->plotLayout()->setRowStretchFactor(1, 3.0);
    plot_->plotLayout()->setRowStretchFactor(2, 1.0);
}

void PriceChart::setUpPricePane() {
    QCPAxis* time = pricePane_->axis(QCPAxis::atBottom);
    time->setTicker(dateTicker_);
    time->setTickLabels(false);
    QCPAxis* price = pricePane_->axis(QCPAxis::atLeft);
    price->setLabel(tr("Price"));

    financial_ = new QCPFinancial(time, price);
    financial_->setName(tr("Price"));
    financial_->setWidth(kBarWidthDays * kSecondsPerDay);
    financial_->setTwoColored(true);
    financial_->setBrushPositive(kUpColor);
    financial_->setBrushNegative(kDownColor);
    financial_->setPenPositive(QPen(kUpColor));
    financial_->setPenNegative(QPen(kDownColor));
}

void PriceChart::setUpVolumePane() {
    QCPAxis* time = volumePane_->axis(QCPAxis::atBottom);
    time->setTicker(dateTicker_);
    QCPAxis* volume = volumePane_->axis(QCPAxis::atLeft);
    volume->setTicker(QSharedPointer<CompactNumberTicker>::create());
    volume->ticker()->setTickCount(3);
    volume->setLabel(tr("Volume"));

    volumeBars_ = new QCPBars(time, volume);
    volumeBars_->setName(tr("Volume"));
    volumeBars_->setWidth(kBarWidthDays * kSecondsPerDay);
    volumeBars_->setPen(QPen(kVolumeColor));
    volumeBars_->setBrush(kVolumeColor);
    volumeBars_->setAntialiased(false);  // bars a pixel wide would otherwise blur into a haze
}

// The marks go above the candles; the legend explains them and shows only while there are trades.
void PriceChart::setUpTradeMarks() {
    financial_->removeFromLegend();
    volumeBars_->removeFromLegend();
    entryMarks_ = makeMarkGraph(pricePane_, QCPScatterStyle::ssTriangle, kEntryColor, tr("Entry"));
    exitMarks_ = makeMarkGraph(pricePane_, QCPScatterStyle::ssTriangleInverted, kExitColor, tr("Exit"));
    stopLegend_ = new QCPGraph(timeAxis(), pricePane_->axis(QCPAxis::atLeft));
    stopLegend_->setName(tr("Initial stop"));
    stopLegend_->setPen(QPen(kStopColor, 1.2, Qt::DashLine));

    QCPLegend* legend = plot_->legend;
    legend->setFont(font());
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(QColor(0xbb, 0xbb, 0xbb)));
    pricePane_->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    legend->setVisible(false);
}

void PriceChart::setUpInteractions() {
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    StackedPanes panes{title_, pricePane_, volumePane_, dateTicker_};
    timeAxes_ = new LinkedTimeAxes(
        panes,
        [this]() -> std::optional<QCPRange> {
            if (financial_->data()->isEmpty()) return std::nullopt;
            return LinkedTimeAxes::padded(QCPRange(financial_->data()->constBegin()->key,
                                                   std::prev(financial_->data()->constEnd())->key));
        },
        [this](const QCPRange& timeRange) { fitValueAxesTo(timeRange); });
    crosshair_ = new PaneCrosshair(plot_, panes, [this](double key) { return readingAt(key); });
    connect(plot_, &QCustomPlot::mouseMove, this, &PriceChart::showTradeToolTip);
}

// The bar nearest to `key`: its date, open, high, low, close and volume.
std::optional<CrosshairReading> PriceChart::readingAt(double key) const {
    const auto bar = nearestByKey(*financial_->data(), key);
    if (bar == financial_->data()->constEnd()) return std::nullopt;
    const QLocale locale;
    QString text = tr("%1  O %2  H %3  L %4  C %5")
                       .arg(dateOfPlotKey(bar->key).toString(Qt::ISODate), price(bar->open), price(bar->high),
                            price(bar->low), price(bar->close));
    const auto volume = nearestByKey(*volumeBars_->data(), key);
    if (volume != volumeBars_->data()->constEnd()) {
        const QString compact = compactNumber(volume->value, locale);
        text += tr("  Vol %1").arg(compact.isEmpty() ? locale.toString(volume->value, 'f', 0) : compact);
    }
    return CrosshairReading{bar->key, text};
}

QCPAxis* PriceChart::timeAxis() const {
    return pricePane_->axis(QCPAxis::atBottom);
}

QString PriceChart::title() const {
    return title_->text();
}

void PriceChart::setTitle(const QString& title) {
    title_->setText(title);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PriceChart::showSeries(const QString& title, const data::BarSeries& bars) {
    crosshair_->hide();  // it read the previous series
    removeTradeMarks();
    QVector<QCPFinancialData> candles;
    QVector<QCPBarsData> volumes;
    candles.reserve(qsizetype(bars.size()));
    volumes.reserve(qsizetype(bars.size()));
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const double key = plotKey(bars.date[i]);
        candles.append(QCPFinancialData(key, bars.open[i], bars.high[i], bars.low[i], bars.close[i]));
        volumes.append(QCPBarsData(key, bars.volume[i]));
    }
    financial_->data()->set(candles);
    volumeBars_->data()->set(volumes);
    title_->setText(title);
    showAllBars();
}

void PriceChart::clear(const QString& message) {
    crosshair_->hide();
    removeTradeMarks();
    financial_->data()->clear();
    volumeBars_->data()->clear();
    title_->setText(message);
    plot_->replot();
}

void PriceChart::showTrades(const std::vector<backtest::TradeRecord>& trades) {
    removeTradeMarks();
    trades_ = trades;
    for (const backtest::TradeRecord& trade : trades_) {
        entryMarks_->addData(plotKey(trade.entry_date), trade.entry_price);
        exitMarks_->addData(plotKey(trade.exit_date), trade.exit_price);
        addStopLine(trade);
    }
    plot_->legend->setVisible(!trades_.empty());
    fitValueAxesTo(timeAxis()->range());
    plot_->replot();
}

// Dashed, at the initial stop, from the entry's day to the exit's: where the trade's risk was set.
void PriceChart::addStopLine(const backtest::TradeRecord& trade) {
    auto* line = new QCPItemLine(plot_);
    line->setClipAxisRect(pricePane_);
    for (QCPItemPosition* end : {line->start, line->end}) {
        end->setAxes(timeAxis(), pricePane_->axis(QCPAxis::atLeft));
        end->setAxisRect(pricePane_);
    }
    line->start->setCoords(plotKey(trade.entry_date), trade.initial_stop_price);
    line->end->setCoords(plotKey(trade.exit_date), trade.initial_stop_price);
    line->setPen(stopLegend_->pen());
    line->setSelectable(false);
    stopLines_.append(line);
}

void PriceChart::removeTradeMarks() {
    for (QCPItemLine* line : std::as_const(stopLines_)) plot_->removeItem(line);
    stopLines_.clear();
    entryMarks_->data()->clear();
    exitMarks_->data()->clear();
    trades_.clear();
    plot_->legend->setVisible(false);
}

// The marks come before the stop lines: a triangle can sit on a line and is the smaller target.
QString PriceChart::tradeToolTipAt(const QPointF& pixel) const {
    if (!pricePane_->rect().contains(pixel.toPoint())) return {};
    QCPAxis* valueAxis = pricePane_->axis(QCPAxis::atLeft);
    const auto nearMark = [&](Date date, double value) {
        const QPointF mark(timeAxis()->coordToPixel(plotKey(date)), valueAxis->coordToPixel(value));
        return QLineF(pixel, mark).length() <= kToolTipReach;
    };
    for (const backtest::TradeRecord& trade : trades_) {
        if (nearMark(trade.entry_date, trade.entry_price)) return tradeToolTip(trade, TradeMark::Entry);
        if (nearMark(trade.exit_date, trade.exit_price)) return tradeToolTip(trade, TradeMark::Exit);
    }
    const double key = timeAxis()->pixelToCoord(pixel.x());
    for (const backtest::TradeRecord& trade : trades_) {
        const bool alongStopLine =
            key >= plotKey(trade.entry_date) && key <= plotKey(trade.exit_date) &&
            std::abs(valueAxis->coordToPixel(trade.initial_stop_price) - pixel.y()) <= kToolTipReach / 2;
        if (alongStopLine) return tradeToolTip(trade, TradeMark::Stop);
    }
    return {};
}

void PriceChart::showTradeToolTip(const QMouseEvent* event) {
    if (trades_.empty()) return;
    const QString text = tradeToolTipAt(event->position());
    if (text.isEmpty()) {
        QToolTip::hideText();
    } else {
        QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
    }
}

void PriceChart::showAllBars() {
    if (financial_->data()->isEmpty()) return;
    timeAxes_->showAll();
    plot_->replot();
}

void PriceChart::setChartStyle(ChartStyle style) {
    if (style == chartStyle_) return;
    chartStyle_ = style;
    applyChartStyle();
    plot_->replot();
    emit chartStyleChanged(style);
}

void PriceChart::applyChartStyle() {
    financial_->setChartStyle(chartStyle_ == ChartStyle::Candles ? QCPFinancial::csCandlestick
                                                                 : QCPFinancial::csOhlc);
}

void PriceChart::fitValueAxesTo(const QCPRange& timeRange) {
    bool found = false;
    const QCPRange prices = withStopsIn(financial_->getValueRange(found, QCP::sdBoth, timeRange), timeRange);
    if (found) {
        const double padding = std::max(prices.size() * 0.05, std::abs(prices.upper) * 0.005);
        pricePane_->axis(QCPAxis::atLeft)->setRange(prices.lower - padding, prices.upper + padding);
    }
    const QCPRange volumes = volumeBars_->getValueRange(found, QCP::sdBoth, timeRange);
    if (found) volumePane_->axis(QCPAxis::atLeft)->setRange(0.0, std::max(volumes.upper * 1.1, 1.0));
}

// The stop lines in view count as prices: a stop below the lowest bar must not fall off the pane.
QCPRange PriceChart::withStopsIn(const QCPRange& prices, const QCPRange& timeRange) const {
    QCPRange range = prices;
    for (const backtest::TradeRecord& trade : trades_) {
        const bool inView =
            plotKey(trade.entry_date) <= timeRange.upper && plotKey(trade.exit_date) >= timeRange.lower;
        if (inView && trade.initial_stop_price > 0.0) range.expand(trade.initial_stop_price);
    }
    return range;
}

// Fewer date labels on a narrow chart keep them from overlapping.
void PriceChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    timeAxes_->fitTickCount(width());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tradelab::gui
