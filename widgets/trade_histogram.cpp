#include "trade_histogram.hpp"

#include <qcustomplot.h>

#include "metrics/performance_metrics.hpp"
#include "stacked_panes.hpp"

#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace tradelab::gui {
namespace {

const QColor kZeroLineColor(0x42, 0x42, 0x42);
const QColor kMeanLineColor(0xc6, 0x28, 0x28);

// Stronger versions of the equity chart's period shades: bars need to stand out on white.
QColor barColor(const QString& period) {
    if (period == QLatin1String("train")) return QColor(0x4a, 0x7f, 0xc1);
    if (period == QLatin1String("validation")) return QColor(0xe5, 0x9a, 0x3b);
    if (period == QLatin1String("holdout")) return QColor(0x4c, 0xaf, 0x50);
    return QColor(0x90, 0x90, 0x90);
}

// Bin k holds [k * width, (k + 1) * width): 0 is a bin edge, so losses and wins never share a bar.
int binOf(double r) {
    return int(std::floor(r / TradeHistogram::kBinWidth));
}

}  // namespace

TradeHistogram::TradeHistogram(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setUpPlot();
    clear(tr("No backtest results yet"));
}

void TradeHistogram::setUpPlot() {
    title_ = addTitleRow(plot_, font());

    plot_->xAxis->setLabel(tr("R multiple: price move over the initial risk (bins of 0.5 R)"));
    plot_->yAxis->setLabel(tr("Trades"));
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        // Whole R on the x axis, whole trades on the y axis; a long axis takes multiples of them.
        auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
        ticker->setTickStep(1.0);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        axis->setTicker(ticker);
        axis->setSubTicks(false);
    }
    plot_->xAxis->grid()->setVisible(false);
    // The plot's own minimum follows its title; a long one must not widen the window.
    plot_->setMinimumSize(320, 240);
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
}

QString TradeHistogram::title() const {
    return title_->text();
}

void TradeHistogram::removeBars() {
    for (QCPBars* bars : bars_) plot_->removePlottable(bars);
    bars_.clear();
    plot_->clearItems();  // the zero and mean lines and the mean's label
    zeroLine_ = nullptr;
    meanLine_ = nullptr;
}

void TradeHistogram::clear(const QString& message) {
    removeBars();
    tradeCount_ = 0;
    meanR_ = 0.0;
    title_->setText(message);
    plot_->legend->setVisible(false);
    plot_->xAxis->setRange(-2.0, 2.0);
    plot_->yAxis->setRange(0.0, 5.0);
    plot_->replot();
}

void TradeHistogram::showResults(const QString& title, const PeriodResults& results) {
    std::vector<std::vector<double>> perPeriod;
    std::vector<double> all;
    int withoutR = 0;
    for (const PeriodResult& period : results) {
        perPeriod.push_back(metrics::r_multiples(period.result->trades));
        all.insert(all.end(), perPeriod.back().begin(), perPeriod.back().end());
        withoutR += int(period.result->trades.size() - perPeriod.back().size());
    }
    if (all.empty()) {
        clear(tr("%1 — no closed trades with a defined R").arg(title));
        return;
    }
    removeBars();
    const auto [lowest, highest] = std::minmax_element(all.begin(), all.end());
    const int firstBin = std::min(binOf(*lowest), -1);  // 0 stays in view, with a bin on either side
    const int lastBin = std::max(binOf(*highest), 0);
    for (std::size_t p = 0; p < perPeriod.size(); ++p)
        if (!perPeriod[p].empty()) addBars(results[qsizetype(p)].period, perPeriod[p], firstBin, lastBin);

    tradeCount_ = int(all.size());
    meanR_ = metrics::mean(all);
    const auto wins = std::count_if(all.begin(), all.end(), [](double r) { return r > 0.0; });
    const QLocale locale;
    // The figures on a line of their own: a long title (a grid point's) must not push them out of view.
    QString text = tr("%1\n%2 trades, win rate %3 %, mean %4 R")
                       .arg(title)
                       .arg(tradeCount_)
                       .arg(locale.toString(100.0 * double(wins) / double(all.size()), 'f', 1),
                            locale.toString(meanR_, 'f', 2));
    if (withoutR > 0) text += tr(" (%n without a defined R left out)", nullptr, withoutR);
    title_->setText(text);

    zeroLine_ = addVerticalLine(0.0, QPen(kZeroLineColor, 1.5));
    meanLine_ = addVerticalLine(meanR_, QPen(kMeanLineColor, 1.5, Qt::DashLine));
    labelMean();
    plot_->legend->setVisible(bars_.size() > 1 || results.size() > 1);
    fitAxes(firstBin, lastBin);
    plot_->replot();
}

void TradeHistogram::addBars(const QString& period, const std::vector<double>& rMultiples, int firstBin,
                             int lastBin) {
    QVector<double> keys;
    QVector<double> counts(lastBin - firstBin + 1, 0.0);
    for (int bin = firstBin; bin <= lastBin; ++bin) keys.append((bin + 0.5) * kBinWidth);
    for (const double r : rMultiples) counts[binOf(r) - firstBin] += 1.0;

    auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars->setName(periodLabel(period));
    bars->setWidth(kBinWidth);
    bars->setPen(QPen(Qt::white, 1));  // adjacent bins stay apart
    bars->setBrush(barColor(period));
    bars->setData(keys, counts, true);
    if (!bars_.isEmpty()) bars->moveAbove(bars_.last());
    bars_.append(bars);
}

QCPItemStraightLine* TradeHistogram::addVerticalLine(double r, const QPen& pen) {
    auto* line = new QCPItemStraightLine(plot_);
    line->point1->setCoords(r, 0.0);
    line->point2->setCoords(r, 1.0);
    line->setPen(pen);
    return line;
}

void TradeHistogram::labelMean() {
    auto* label = new QCPItemText(plot_);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(meanR_, 0.0);
    label->setPositionAlignment(Qt::AlignTop | (meanR_ >= 0.0 ? Qt::AlignLeft : Qt::AlignRight));
    label->setPadding(QMargins(4, 4, 4, 2));
    label->setColor(kMeanLineColor);
    label->setText(tr("mean %1 R").arg(QLocale().toString(meanR_, 'f', 2)));
}

void TradeHistogram::fitAxes(int firstBin, int lastBin) {
    double tallest = 0.0;
    for (int bin = firstBin; bin <= lastBin; ++bin) {
        double stack = 0.0;
        for (const QCPBars* bars : bars_) stack += bars->data()->at(bin - firstBin)->value;
        tallest = std::max(tallest, stack);
    }
    plot_->xAxis->setRange(firstBin * kBinWidth - kBinWidth / 2, (lastBin + 1) * kBinWidth + kBinWidth / 2);
    plot_->yAxis->setRange(0.0, std::max(tallest * 1.15, 1.0));  // room above for the mean's label
}

}  // namespace tradelab::gui
