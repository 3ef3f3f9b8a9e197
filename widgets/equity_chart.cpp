#include "equity_chart.hpp"

#include "stacked_panes.hpp"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QResizeEvent>
#include <QTimeZone>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "price_chart.hpp"
#include "qt_conversions.hpp"

namespace tradelab::gui {
namespace {

const QColor kEquityColor(0x1f, 0x5f, 0xa8);
const QColor kDrawdownColor(0xc6, 0x28, 0x28);
const QColor kBenchmarkColor(0x6b, 0x6b, 0x6b);

}  // namespace

EquityChart::EquityChart(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    logScaleBox_ = new QCheckBox(tr("&Logarithmic equity scale"), this);
    connect(logScaleBox_, &QCheckBox::toggled, this, &EquityChart::setLogScale);
    benchmarkBox_ = new QCheckBox(tr("Show &benchmark"), this);
    benchmarkBox_->setChecked(benchmarkShown_);
    benchmarkBox_->setToolTip(tr("The benchmark bought and held with the run's starting equity"));
    connect(benchmarkBox_, &QCheckBox::toggled, this, &EquityChart::setBenchmarkShown);
    auto* options = new QHBoxLayout;
    options->setContentsMargins(6, 4, 6, 0);
    options->addStretch(1);
    options->addWidget(benchmarkBox_);
    options->addSpacing(12);
    options->addWidget(logScaleBox_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(options);
    layout->addWidget(plot_, 1);

    setUpLayout();
    setUpInteractions();
    clear(tr("No backtest results yet"));
}

QColor EquityChart::periodColor(const QString& period) {
    if (period == QLatin1String("train")) return QColor(0xdc, 0xea, 0xf7);
    if (period == QLatin1String("validation")) return QColor(0xfc, 0xeb, 0xd2);
    if (period == QLatin1String("holdout")) return QColor(0xdd, 0xf1, 0xdd);
    return QColor(0xec, 0xec, 0xec);
}

void EquityChart::setUpLayout() {
    const StackedPanes panes = makeStackedPanes(plot_, font());
    title_ = panes.title;
    equityPane_ = panes.upper;
    drawdownPane_ = panes.lower;
    dateTicker_ = panes.dateTicker;
    setFocusedPane(Pane::Equity);
    setUpEquityAndDrawdownAxes(panes, tr("Equity"), tr("Drawdown (%)"), 4);

    // Strategy and benchmark, once each however many periods there are; top left, where curves that
    // start at the same equity and rise leave room; below the row of period labels.
    QCPLegend* legend = plot_->legend;
    legend->setFont(font());
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(QColor(0xbb, 0xbb, 0xbb)));
    equityPane_->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    equityPane_->insetLayout()->setMargins(QMargins(8, 26, 8, 8));
    legend->setVisible(false);
}

void EquityChart::setFocusedPane(Pane pane) {
    constexpr double kLarge = 3.0;
    constexpr double kSmall = 1.2;
    QCPLayoutGrid* grid = plot_->plotLayout();
    grid->setRowStretchFactor(1, pane == Pane::Equity ? kLarge : kSmall);
    grid->setRowStretchFactor(2, pane == Pane::Drawdown ? kLarge : kSmall);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void EquityChart::setUpInteractions() {
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    const StackedPanes panes{title_, equityPane_, drawdownPane_, dateTicker_};
    timeAxes_ = new LinkedTimeAxes(
        panes, [this] { return dataTimeRange(); },
        [this](const QCPRange& timeRange) { fitValueAxes(timeRange); });
    crosshair_ = new PaneCrosshair(plot_, panes, [this](double key) { return readingAt(key); });
}

// The day nearest to `key` over all periods: its equity, its drawdown and the period it belongs to.
std::optional<CrosshairReading> EquityChart::readingAt(double key) const {
    qsizetype nearestGraph = -1;
    double nearestKey = 0.0;
    for (qsizetype i = 0; i < equityGraphs_.size(); ++i) {
        const auto point = nearestByKey(*equityGraphs_[i]->data(), key);
        if (point == equityGraphs_[i]->data()->constEnd()) continue;
        if (nearestGraph < 0 || std::abs(point->key - key) < std::abs(nearestKey - key)) {
            nearestGraph = i;
            nearestKey = point->key;
        }
    }
    if (nearestGraph < 0) return std::nullopt;
    const auto equity = nearestByKey(*equityGraphs_[nearestGraph]->data(), nearestKey);
    const auto drawdown = nearestByKey(*drawdownGraphs_[nearestGraph]->data(), nearestKey);
    const QLocale locale;
    QString reading =
        tr("%1  Equity %2  Drawdown %3 %  (%4)")
            .arg(dateOfPlotKey(nearestKey).toString(Qt::ISODate), locale.toString(equity->value, 'f', 2),
                 locale.toString(drawdown->value, 'f', 2), periodLabel(periodNames_[nearestGraph]));
    if (const QCPGraph* benchmark = benchmarkGraphs_[nearestGraph]; benchmark && benchmarkShown_) {
        const auto value = nearestByKey(*benchmark->data(), nearestKey);
        reading += tr("  Benchmark %1").arg(locale.toString(value->value, 'f', 2));
    }
    return CrosshairReading{nearestKey, reading};
}

QCPAxis* EquityChart::equityTimeAxis() const {
    return equityPane_->axis(QCPAxis::atBottom);
}

QCPAxis* EquityChart::drawdownTimeAxis() const {
    return drawdownPane_->axis(QCPAxis::atBottom);
}

QCPAxis* EquityChart::equityAxis() const {
    return equityPane_->axis(QCPAxis::atLeft);
}

QString EquityChart::title() const {
    return title_->text();
}

void EquityChart::removeCurves() {
    crosshair_->hide();  // it read the curves being removed
    for (QCPGraph* graph : equityGraphs_ + drawdownGraphs_ + benchmarkGraphs_)
        if (graph) plot_->removeGraph(graph);
    equityGraphs_.clear();
    drawdownGraphs_.clear();
    benchmarkGraphs_.clear();
    periodNames_.clear();
    // The period shades and their labels; the crosshair's items stay.
    for (QCPAbstractItem* item : std::as_const(periodItems_)) plot_->removeItem(item);
    periodItems_.clear();
    shades_.clear();
}

void EquityChart::clear(const QString& message) {
    removeCurves();
    title_->setText(message);
    plot_->replot();
}

void EquityChart::showResults(const QString& title, const PeriodResults& results) {
    removeCurves();
    title_->setText(title);
    for (const PeriodResult& period : results) addPeriod(period);
    updateLegend();
    showAll();
}

void EquityChart::addPeriod(const PeriodResult& period) {
    const backtest::RunResult& result = *period.result;
    QVector<double> keys;
    QVector<double> equity;
    keys.reserve(qsizetype(result.equity_curve.size()));
    equity.reserve(qsizetype(result.equity_curve.size()));
    for (const backtest::EquityPoint& point : result.equity_curve) {
        keys.append(PriceChart::plotKey(point.date));
        equity.append(point.equity);
    }

    QCPGraph* equityGraph = plot_->addGraph(equityTimeAxis(), equityAxis());
    equityGraph->setName(tr("Strategy"));
    equityGraph->setPen(QPen(kEquityColor, 1.6));
    equityGraph->setData(keys, equity, true);
    equityGraphs_.append(equityGraph);
    benchmarkGraphs_.append(addBenchmark(period, keys));
    periodNames_.append(period.period);

    QCPGraph* drawdownGraph = plot_->addGraph(drawdownTimeAxis(), drawdownPane_->axis(QCPAxis::atLeft));
    drawdownGraph->setName(periodLabel(period.period));
    drawdownGraph->setPen(QPen(kDrawdownColor, 1.2));
    QColor fill = kDrawdownColor;
    fill.setAlpha(70);
    drawdownGraph->setBrush(fill);  // filled down from 0 to the curve: the "underwater" area
    drawdownGraph->setData(keys, drawdownPercent(equity, result.starting_equity), true);
    drawdownGraphs_.append(drawdownGraph);

    addShade(equityPane_, period, true);
    addShade(drawdownPane_, period, false);
}

QCPGraph* EquityChart::addBenchmark(const PeriodResult& period, const QVector<double>& keys) {
    if (!period.benchmark || period.benchmark->equity.size() != keys.size()) return nullptr;
    QCPGraph* graph = plot_->addGraph(equityTimeAxis(), equityAxis());
    graph->setName(tr("Benchmark (%1, buy and hold)").arg(period.benchmark->symbol));
    graph->setPen(QPen(kBenchmarkColor, 1.2, Qt::DashLine));
    graph->setData(keys, period.benchmark->equity, true);
    graph->setVisible(benchmarkShown_);
    return graph;
}

void EquityChart::updateLegend() {
    plot_->legend->clearItems();
    if (!equityGraphs_.isEmpty()) equityGraphs_.front()->addToLegend();
    const auto benchmark = std::find_if(benchmarkGraphs_.cbegin(), benchmarkGraphs_.cend(),
                                        [](const QCPGraph* graph) { return graph != nullptr; });
    if (benchmarkShown_ && benchmark != benchmarkGraphs_.cend()) (*benchmark)->addToLegend();
    plot_->legend->setVisible(plot_->legend->itemCount() > 1);
}

void EquityChart::setBenchmarkShown(bool shown) {
    if (shown == benchmarkShown_) return;
    benchmarkShown_ = shown;
    benchmarkBox_->setChecked(shown);
    for (QCPGraph* graph : std::as_const(benchmarkGraphs_))
        if (graph) graph->setVisible(shown);
    updateLegend();
    if (!equityGraphs_.isEmpty()) fitValueAxes(equityTimeAxis()->range());
    plot_->replot();
}

// A rectangle over the period's dates, the full height of the pane, behind the grid and the curves.
void EquityChart::addShade(QCPAxisRect* pane, const PeriodResult& period, bool labelled) {
    const QCPRange keys = daySpan(toQDate(period.result->start), toQDate(period.result->end));
    QCPItemRect* shade = addSpanShade(pane, keys, periodColor(period.period));
    shades_.append(shade);
    periodItems_.append(shade);
    if (labelled) periodItems_.append(addSpanLabel(pane, keys, periodLabel(period.period)));
}

void EquityChart::showAll() {
    if (equityGraphs_.isEmpty()) {
        plot_->replot();
        return;
    }
    timeAxes_->showAll();
    plot_->replot();
}

std::optional<QCPRange> EquityChart::dataTimeRange() const {
    if (shades_.isEmpty()) return std::nullopt;
    double lower = std::numeric_limits<double>::max();
    double upper = std::numeric_limits<double>::lowest();
    for (const QCPItemRect* shade : shades_) {
        lower = std::min(lower, shade->topLeft->coords().x());
        upper = std::max(upper, shade->bottomRight->coords().x());
    }
    return LinkedTimeAxes::padded(QCPRange(lower, upper));
}

void EquityChart::fitValueAxes(const QCPRange& timeRange) {
    bool anyEquity = false;
    QCPRange equity;
    double deepest = 0.0;
    const auto include = [&](const QCPGraph* graph) {
        bool found = false;
        const QCPRange values = graph->getValueRange(found, QCP::sdBoth, timeRange);
        if (!found) return;
        equity = anyEquity
                     ? QCPRange(std::min(equity.lower, values.lower), std::max(equity.upper, values.upper))
                     : values;
        anyEquity = true;
    };
    for (qsizetype i = 0; i < equityGraphs_.size(); ++i) {
        include(equityGraphs_[i]);
        if (benchmarkShown_ && benchmarkGraphs_[i]) include(benchmarkGraphs_[i]);
        bool found = false;
        const QCPRange drawdown = drawdownGraphs_[i]->getValueRange(found, QCP::sdBoth, timeRange);
        if (found) deepest = std::min(deepest, drawdown.lower);
    }
    if (anyEquity) {
        // Room above for the period labels, below so the lowest point does not sit on the axis.
        const double size = std::max(equity.size(), std::abs(equity.upper) * 0.01);
        if (logScale_) {
            equityAxis()->setRange(equity.lower / (1.0 + size / equity.upper * 0.08),
                                   equity.upper * (1.0 + size / equity.upper * 0.15));
        } else {
            equityAxis()->setRange(equity.lower - size * 0.08, equity.upper + size * 0.15);
        }
    }
    drawdownPane_->axis(QCPAxis::atLeft)->setRange(std::min(deepest * 1.1, -1.0), 0.0);
}

void EquityChart::setLogScale(bool logScale) {
    if (logScale == logScale_) return;
    logScale_ = logScale;
    logScaleBox_->setChecked(logScale);
    applyEquityScale();
    if (!equityGraphs_.isEmpty()) fitValueAxes(equityTimeAxis()->range());
    plot_->replot();
    emit logScaleChanged(logScale);
}

void EquityChart::applyEquityScale() {
    // Equity curves rarely span a factor of ten, where decade ticks would leave the axis nearly bare;
    // the ordinary ticker places round values, spaced as the scale puts them.
    equityAxis()->setScaleType(logScale_ ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
}

void EquityChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    timeAxes_->fitTickCount(width());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tradelab::gui
