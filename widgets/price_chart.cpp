#include "price_chart.hpp"

#include "stacked_panes.hpp"

#include <QResizeEvent>

#include <qcustomplot.h>

#include <QTimeZone>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <utility>

namespace tradelab::gui {
namespace {

constexpr double kSecondsPerDay = 86400.0;
constexpr double kBarWidthDays = 0.7;
constexpr double kEdgePaddingDays = 3.0;      // room so the first and last bars are not cut in half
constexpr double kMinimumVisibleDays = 10.0;  // zooming further in shows nothing useful on daily bars
constexpr double kLongRangeDays = 240.0;      // beyond this, ticks are months and "MMM yyyy" is enough

const QColor kUpColor(0x26, 0xa6, 0x9a);
const QColor kDownColor(0xef, 0x53, 0x50);
const QColor kVolumeColor(0x7a, 0x95, 0xc2);

// Volumes run into billions; "820M" reads better than "8.2e+08".
class CompactNumberTicker : public QCPAxisTicker {
  protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override {
        static const std::pair<double, const char*> kUnits[] = {
            {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
        for (const auto& [scale, suffix] : kUnits) {
            if (std::abs(tick) >= scale) return locale.toString(tick / scale, 'g', 3) + QLatin1String(suffix);
        }
        return QCPAxisTicker::getTickLabel(tick, locale, formatChar, precision);
    }
};

}  // namespace

PriceChart::PriceChart(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);

    setUpLayout();
    setUpPricePane();
    setUpVolumePane();
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

void PriceChart::setUpInteractions() {
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    for (QCPAxisRect* pane : {pricePane_, volumePane_}) {
        pane->setRangeDrag(Qt::Horizontal);
        pane->setRangeZoom(Qt::Horizontal);
        connect(pane->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                &PriceChart::onTimeRangeChanged);
    }
}

QCPAxis* PriceChart::timeAxis() const {
    return pricePane_->axis(QCPAxis::atBottom);
}

QString PriceChart::title() const {
    return title_->text();
}

void PriceChart::showSeries(const QString& title, const data::BarSeries& bars) {
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
    financial_->data()->clear();
    volumeBars_->data()->clear();
    title_->setText(message);
    plot_->replot();
}

void PriceChart::showAllBars() {
    if (financial_->data()->isEmpty()) return;
    const double padding = kEdgePaddingDays * kSecondsPerDay;
    applyTimeRange(QCPRange(financial_->data()->constBegin()->key - padding,
                            std::prev(financial_->data()->constEnd())->key + padding));
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

void PriceChart::onTimeRangeChanged(const QCPRange& range) {
    if (adjustingRange_) return;
    applyTimeRange(boundedToData(range));
}

void PriceChart::applyTimeRange(const QCPRange& range) {
    adjustingRange_ = true;
    pricePane_->axis(QCPAxis::atBottom)->setRange(range);
    volumePane_->axis(QCPAxis::atBottom)->setRange(range);
    adjustingRange_ = false;
    chooseDateFormatFor(range);
    fitValueAxesTo(range);
}

QCPRange PriceChart::boundedToData(const QCPRange& range) const {
    if (financial_->data()->isEmpty()) return range;
    const double padding = kEdgePaddingDays * kSecondsPerDay;
    const QCPRange data(financial_->data()->constBegin()->key - padding,
                        std::prev(financial_->data()->constEnd())->key + padding);
    const double size =
        std::clamp(range.size(), std::min(kMinimumVisibleDays * kSecondsPerDay, data.size()), data.size());
    const double lower = std::clamp(range.center() - size / 2, data.lower, data.upper - size);
    return QCPRange(lower, lower + size);
}

void PriceChart::fitValueAxesTo(const QCPRange& timeRange) {
    bool found = false;
    const QCPRange prices = financial_->getValueRange(found, QCP::sdBoth, timeRange);
    if (found) {
        const double padding = std::max(prices.size() * 0.05, std::abs(prices.upper) * 0.005);
        pricePane_->axis(QCPAxis::atLeft)->setRange(prices.lower - padding, prices.upper + padding);
    }
    const QCPRange volumes = volumeBars_->getValueRange(found, QCP::sdBoth, timeRange);
    if (found) volumePane_->axis(QCPAxis::atLeft)->setRange(0.0, std::max(volumes.upper * 1.1, 1.0));
}

// Date labels need about 110 px each; fewer ticks on a narrow chart keep them from overlapping.
void PriceChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    constexpr int kPixelsPerDateLabel = 110;
    dateTicker_->setTickCount(std::clamp(width() / kPixelsPerDateLabel, 2, 12));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PriceChart::chooseDateFormatFor(const QCPRange& timeRange) {
    const bool longRange = timeRange.size() / kSecondsPerDay > kLongRangeDays;
    dateTicker_->setDateTimeFormat(longRange ? QStringLiteral("MMM yyyy") : QStringLiteral("yyyy-MM-dd"));
}

}  // namespace tradelab::gui
