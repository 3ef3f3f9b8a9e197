#include "sensitivity_heatmap.hpp"

#include <qcustomplot.h>

#include "stacked_panes.hpp"

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

#include "backtest/backtest.hpp"
#include "backtest/run_market.hpp"
#include "config/run_config.hpp"
#include "qt_conversions.hpp"

namespace tradelab::gui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMinimumLabelPointSize = 6.0;  // below this a cell's value is left to its tooltip
constexpr double kBestInset = 0.04;             // the outlines sit inside the cell, the best outermost
constexpr double kStableInset = 0.13;

const QColor kEmptyCellColor(0xdc, 0xdc, 0xdc);
const QColor kDarkText(0x21, 0x21, 0x21);
const QColor kBestColor(0x10, 0x10, 0x10);
const QColor kStableColor(0x1f, 0x5f, 0xa8);

bool evaluated(const validation::SweepPoint& point) {
    return point.valid && point.done && std::isfinite(point.objective);
}

// Red for the worst values, yellow in the middle, green for the best.
QCPColorGradient redYellowGreen() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(0xd7, 0x30, 0x27));
    gradient.setColorStopAt(0.25, QColor(0xfc, 0x8d, 0x59));
    gradient.setColorStopAt(0.5, QColor(0xfe, 0xe0, 0x8b));
    gradient.setColorStopAt(0.75, QColor(0x91, 0xcf, 0x60));
    gradient.setColorStopAt(1.0, QColor(0x1a, 0x98, 0x50));
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(kEmptyCellColor);
    return gradient;
}

// `sweep` with every evaluated point's objective replaced by `metric` of its metrics.
std::shared_ptr<const validation::SweepResult> rescored(const validation::SweepResult& sweep,
                                                        const std::string& metric) {
    auto copy = std::make_shared<validation::SweepResult>(sweep);
    copy->objective = metric;
    for (validation::SweepPoint& point : copy->points)
        if (point.valid && point.done) point.objective = validation::metric_value(point.metrics, metric);
    return copy;
}

QString formatValue(double value) {
    return QLocale().toString(value, 'g', 3);
}

// The engine's heatmap of the pair, in either orientation; `transposed` when its x is our y.
const validation::Heatmap* heatmapOf(const validation::SweepAnalysis& analysis, const std::string& x,
                                     const std::string& y, bool& transposed) {
    for (const validation::Heatmap& map : analysis.heatmaps) {
        if (map.x_axis == x && map.y_axis == y) {
            transposed = false;
            return &map;
        }
        if (map.x_axis == y && map.y_axis == x) {
            transposed = true;
            return &map;
        }
    }
    return nullptr;
}

}  // namespace

SensitivityHeatmapView::SensitivityHeatmapView(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)) {
    setUpControls();
    setUpPlot();
    clear(tr("No sensitivity sweep yet"));
}

void SensitivityHeatmapView::setUpControls() {
    xAxisBox_ = new QComboBox(this);
    yAxisBox_ = new QComboBox(this);
    aggregationBox_ = new QComboBox(this);
    aggregationBox_->addItem(tr("Mean over the other axes"), int(Aggregation::Mean));
    aggregationBox_->addItem(tr("Best over the other axes"), int(Aggregation::Max));
    objectiveBox_ = new QComboBox(this);
    objectiveBox_->setToolTip(tr("The metric the cells show and the best points are chosen by"));

    auto* xLabel = new QLabel(tr("&X axis:"), this);
    xLabel->setBuddy(xAxisBox_);
    auto* yLabel = new QLabel(tr("&Y axis:"), this);
    yLabel->setBuddy(yAxisBox_);
    auto* cellsLabel = new QLabel(tr("C&ells:"), this);
    cellsLabel->setBuddy(aggregationBox_);
    auto* objectiveLabel = new QLabel(tr("&Objective:"), this);
    objectiveLabel->setBuddy(objectiveBox_);

    for (QComboBox* box : {xAxisBox_, yAxisBox_, aggregationBox_, objectiveBox_})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);  // axis names are long; never cut them

    // Two rows: the axes, whose names are long, and what the cells show; one row would cut the names.
    auto* controls = new QGridLayout;
    controls->setContentsMargins(6, 4, 6, 0);
    controls->setHorizontalSpacing(6);
    controls->setVerticalSpacing(2);
    controls->addWidget(xLabel, 0, 0);
    controls->addWidget(xAxisBox_, 0, 1);
    controls->addWidget(yLabel, 0, 2);
    controls->addWidget(yAxisBox_, 0, 3);
    controls->addWidget(objectiveLabel, 1, 0);
    controls->addWidget(objectiveBox_, 1, 1);
    controls->addWidget(cellsLabel, 1, 2);
    controls->addWidget(aggregationBox_, 1, 3);
    controls->setColumnStretch(4, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(controls);
    layout->addWidget(plot_, 1);

    connect(xAxisBox_, &QComboBox::currentIndexChanged, this, &SensitivityHeatmapView::onAxisBoxChanged);
    connect(yAxisBox_, &QComboBox::currentIndexChanged, this, &SensitivityHeatmapView::onAxisBoxChanged);
    connect(aggregationBox_, &QComboBox::currentIndexChanged, this, [this] {
        if (!updatingBoxes_) setAggregation(Aggregation(aggregationBox_->currentData().toInt()));
    });
    connect(objectiveBox_, &QComboBox::currentIndexChanged, this, [this] {
        if (!updatingBoxes_) setObjective(objectiveBox_->currentData().toString().toStdString());
    });
}

void SensitivityHeatmapView::setUpPlot() {
    QCPLayoutGrid* grid = plot_->plotLayout();
    title_ = addTitleRow(plot_, font());
    // The point counts under the title, in the plot: in the control row they would set the view's width.
    grid->insertRow(1);
    summary_ = new QCPTextElement(plot_, QString(), font());
    summary_->setTextColor(QColor(0x55, 0x55, 0x55));
    grid->addElement(1, 0, summary_);

    QCPAxisRect* cells = plot_->axisRect();
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
        axis->setTickLength(0, 4);
    }
    colorMap_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    colorMap_->setInterpolate(false);
    colorMap_->setTightBoundary(false);  // cell i spans i - 0.5 .. i + 0.5
    colorMap_->removeFromLegend();

    colorScale_ = new QCPColorScale(plot_);
    grid->addElement(2, 1, colorScale_);
    colorScale_->setType(QCPAxis::atRight);
    colorScale_->setBarWidth(14);
    // Linked, the map takes the scale's gradient, so the gradient goes on the scale.
    colorMap_->setColorScale(colorScale_);
    colorScale_->setGradient(redYellowGreen());
    auto* margins = new QCPMarginGroup(plot_);
    cells->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    colorScale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

    // The legend (what the outlines mean) goes in a row of its own under the cells, not over them.
    cells->insetLayout()->take(plot_->legend);
    grid->addElement(3, 0, plot_->legend);
    grid->setRowStretchFactor(3, 0.001);
    plot_->legend->setVisible(true);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setMargins(QMargins(4, 2, 4, 4));

    // The plot's own minimum follows its texts (title, legend); a long one must not widen the window.
    plot_->setMinimumSize(320, 240);
    connect(plot_, &QCustomPlot::afterLayout, this, &SensitivityHeatmapView::fitToCellSize);
    connect(plot_, &QCustomPlot::mousePress, this, &SensitivityHeatmapView::onMousePress);
    connect(plot_, &QCustomPlot::mouseRelease, this, &SensitivityHeatmapView::onMouseRelease);
    connect(plot_, &QCustomPlot::mouseMove, this, &SensitivityHeatmapView::onMouseMove);
    plot_->setMouseTracking(true);
}

QString SensitivityHeatmapView::title() const {
    return title_->text();
}

void SensitivityHeatmapView::clear(const QString& message) {
    title_->setText(message);
    summary_->setText(QString());
    colorMap_->data()->clear();
    colorMap_->setVisible(false);
    colorScale_->setVisible(false);
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) axis->setVisible(false);  // no cells, no values
    plot_->clearItems();
    removeMarkers();
    cellLabels_.clear();
    values_.clear();
    counts_.clear();
    bestPoint_.clear();
    columns_ = 0;
    rows_ = 0;
    for (QComboBox* box : {xAxisBox_, yAxisBox_, aggregationBox_, objectiveBox_}) box->setEnabled(false);
    plot_->replot();
}

void SensitivityHeatmapView::setSweep(std::shared_ptr<const validation::SweepResult> sweep,
                                      const QString& source) {
    swept_ = sweep;
    source_ = source;
    display(std::move(sweep));
    fillObjectiveBox();
}

const std::vector<std::string>& SensitivityHeatmapView::objectiveChoices() {
    static const std::vector<std::string> choices = {
        "sharpe_ratio", "sortino_ratio", "calmar_ratio",   "cagr",
        "total_return", "profit_factor", "expectancy",     "expectancy_r_after_costs",
        "win_rate",     "omega_ratio",   "recovery_factor"};
    return choices;
}

bool SensitivityHeatmapView::setObjective(const std::string& metric) {
    if (!swept_ || std::ranges::find(objectiveChoices(), metric) == objectiveChoices().end()) return false;
    if (metric == sweep_->objective) return true;
    display(metric == swept_->objective ? swept_ : rescored(*swept_, metric));
    fillObjectiveBox();
    return true;
}

void SensitivityHeatmapView::fillObjectiveBox() {
    updatingBoxes_ = true;
    objectiveBox_->clear();
    std::vector<std::string> keys = objectiveChoices();
    // A sweep scored by a metric outside the list (from the command line's --metric) keeps it first.
    if (swept_ && std::ranges::find(keys, swept_->objective) == keys.end())
        keys.insert(keys.begin(), swept_->objective);
    for (const std::string& key : keys) objectiveBox_->addItem(metricName(key), toQString(key));
    objectiveBox_->setCurrentIndex(sweep_ ? objectiveBox_->findData(toQString(sweep_->objective)) : 0);
    objectiveBox_->setEnabled(columns_ > 0);
    updatingBoxes_ = false;
}

void SensitivityHeatmapView::display(std::shared_ptr<const validation::SweepResult> sweep) {
    QElapsedTimer timer;
    timer.start();
    const bool shown = columns_ > 0;
    const std::string previousX = shown ? sweep_->grid.axes[xAxis_].name : std::string();
    const std::string previousY = shown ? sweep_->grid.axes[yAxis_].name : std::string();
    sweep_ = std::move(sweep);
    analysis_ = sweep_ ? validation::analyse_sweep(*sweep_) : validation::SweepAnalysis{};
    if (analysis_.heatmaps.empty()) {
        clear(sweep_ ? tr("This sweep has no two parameters with two or more values each to map.")
                     : tr("No sensitivity sweep yet"));
        lastRenderMs_ = double(timer.nsecsElapsed()) / 1e6;
        return;
    }
    chooseAxes(previousX, previousY);
    fillAxisBoxes();
    rebuild();
    plot_->replot(QCustomPlot::rpImmediateRefresh);
    lastRenderMs_ = double(timer.nsecsElapsed()) / 1e6;
}

// The user's pair when the new grid maps it too (a sweep run again); otherwise the engine's first map.
void SensitivityHeatmapView::chooseAxes(const std::string& previousX, const std::string& previousY) {
    bool transposed = false;
    const bool keep = heatmapOf(analysis_, previousX, previousY, transposed) != nullptr;
    const validation::Heatmap& first = analysis_.heatmaps.front();
    const auto& axes = sweep_->grid.axes;
    const auto indexOf = [&axes](const std::string& name) {
        const auto found = std::find_if(
            axes.begin(), axes.end(), [&name](const validation::ParameterAxis& a) { return a.name == name; });
        return std::size_t(found - axes.begin());
    };
    xAxis_ = indexOf(keep ? previousX : first.x_axis);
    yAxis_ = indexOf(keep ? previousY : first.y_axis);
}

bool SensitivityHeatmapView::setAxes(std::size_t xAxis, std::size_t yAxis) {
    if (!sweep_ || xAxis == yAxis) return false;
    const auto& axes = sweep_->grid.axes;
    if (xAxis >= axes.size() || yAxis >= axes.size()) return false;
    if (axes[xAxis].values.size() < 2 || axes[yAxis].values.size() < 2) return false;
    xAxis_ = xAxis;
    yAxis_ = yAxis;
    fillAxisBoxes();
    rebuild();
    return true;
}

void SensitivityHeatmapView::setAggregation(Aggregation aggregation) {
    aggregation_ = aggregation;
    updatingBoxes_ = true;
    aggregationBox_->setCurrentIndex(aggregationBox_->findData(int(aggregation)));
    updatingBoxes_ = false;
    if (sweep_ && columns_ > 0) rebuild();
}

void SensitivityHeatmapView::fillAxisBoxes() {
    updatingBoxes_ = true;
    for (QComboBox* box : {xAxisBox_, yAxisBox_}) {
        box->clear();
        const auto& axes = sweep_->grid.axes;
        for (std::size_t a = 0; a < axes.size(); ++a)
            if (axes[a].values.size() >= 2) box->addItem(toQString(axes[a].name), qulonglong(a));
        box->setEnabled(true);
    }
    xAxisBox_->setCurrentIndex(xAxisBox_->findData(qulonglong(xAxis_)));
    yAxisBox_->setCurrentIndex(yAxisBox_->findData(qulonglong(yAxis_)));
    aggregationBox_->setEnabled(true);
    updatingBoxes_ = false;
}

// Choosing for one box the axis the other shows swaps them, so the pair stays two different axes.
void SensitivityHeatmapView::onAxisBoxChanged() {
    if (updatingBoxes_ || !sweep_) return;
    std::size_t x = std::size_t(xAxisBox_->currentData().toULongLong());
    std::size_t y = std::size_t(yAxisBox_->currentData().toULongLong());
    if (x == y) {
        if (x != xAxis_)
            y = xAxis_;
        else
            x = yAxis_;
    }
    setAxes(x, y);
}

void SensitivityHeatmapView::rebuild() {
    columns_ = int(sweep_->grid.axes[xAxis_].values.size());
    rows_ = int(sweep_->grid.axes[yAxis_].values.size());
    fillCells();
    findBestPointsOfCells();
    plot_->clearItems();
    removeMarkers();
    drawCellBorders();
    labelCells();
    markBestPoints();
    setUpAxes();
    writeTitles();
    plot_->replot();
}

// The outline's cell gives the point's x and y values; the legend names its values on the other axes.
void SensitivityHeatmapView::markBestPoints() {
    if (analysis_.best)
        markPoint(analysis_.best,
                  tr("Best point: %1").arg(formatValue(sweep_->points[*analysis_.best].objective)) +
                      otherAxesText(*analysis_.best),
                  QPen(kBestColor, 3), kBestInset);
    if (analysis_.best_stable)
        markPoint(analysis_.best_stable,
                  tr("Best stable point: %1, worst neighbour %2")
                          .arg(formatValue(sweep_->points[*analysis_.best_stable].objective),
                               formatValue(analysis_.best_stable_floor)) +
                      otherAxesText(*analysis_.best_stable),
                  QPen(kStableColor, 3, Qt::DashLine), kStableInset);
}

QString SensitivityHeatmapView::otherAxesText(std::size_t point) const {
    QStringList parts;
    const auto& axes = sweep_->grid.axes;
    for (std::size_t a = 0; a < axes.size(); ++a)
        if (a != xAxis_ && a != yAxis_)
            parts << QStringLiteral("%1 %2").arg(toQString(axes[a].name),
                                                 toQString(sweep_->points[point].labels[a]));
    return parts.isEmpty() ? QString() : tr(" (at %1)").arg(parts.join(QStringLiteral(", ")));
}

void SensitivityHeatmapView::setUpAxes() {
    const auto& axes = sweep_->grid.axes;
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) axis->setVisible(true);
    xTickStride_ = 1;
    yTickStride_ = 1;
    setTickLabels();
    plot_->xAxis->setLabel(toQString(axes[xAxis_].name));
    plot_->yAxis->setLabel(toQString(axes[yAxis_].name));
    plot_->xAxis->setRange(-0.5, columns_ - 0.5);
    plot_->yAxis->setRange(-0.5, rows_ - 0.5);
}

void SensitivityHeatmapView::writeTitles() {
    const QString objective = metricName(sweep_->objective);
    const QString period =
        tr("%1 %2 to %3").arg(toQString(sweep_->period), isoDate(sweep_->start), isoDate(sweep_->end));
    const QString grid = tr("%1 grid").arg(toQString(sweep_->grid.slot));
    title_->setText(source_.isEmpty() ? tr("%1 — %2, %3").arg(objective, grid, period)
                                      : tr("%1 — %2, %3, %4").arg(objective, source_, grid, period));
    colorScale_->setLabel(aggregation_ == Aggregation::Mean
                              ? tr("%1, mean over the other axes").arg(objective)
                              : tr("%1, best over the other axes").arg(objective));
    updateSummary();
}

void SensitivityHeatmapView::updateSummary() {
    QString text = tr("%1 points: %2 evaluated, %3 invalid")
                       .arg(analysis_.total)
                       .arg(analysis_.evaluated)
                       .arg(analysis_.invalid);
    if (sweep_->partial) text += tr(" (cancelled: partial)");
    if (!cellValuesShown_) text += tr("; cells too small for their values: point at one to read it");
    summary_->setText(text);
}

// The engine's heatmap values, turned when the chosen x is the engine's y.
void SensitivityHeatmapView::fillCells() {
    const auto& axes = sweep_->grid.axes;
    bool transposed = false;
    const validation::Heatmap* map = heatmapOf(analysis_, axes[xAxis_].name, axes[yAxis_].name, transposed);
    const std::vector<double>& source = aggregation_ == Aggregation::Mean ? map->mean : map->max;
    values_.assign(std::size_t(columns_) * std::size_t(rows_), kNaN);
    counts_.assign(values_.size(), 0);
    for (int y = 0; y < rows_; ++y) {
        for (int x = 0; x < columns_; ++x) {
            const std::size_t from =
                transposed ? std::size_t(x) * std::size_t(rows_) + std::size_t(y) : cellIndex(x, y);
            values_[cellIndex(x, y)] = source[from];
            counts_[cellIndex(x, y)] = map->count[from];
        }
    }

    QCPColorMapData* data = colorMap_->data();
    data->setSize(columns_, rows_);
    data->setRange(QCPRange(0, columns_ - 1), QCPRange(0, rows_ - 1));
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -lowest;
    for (int y = 0; y < rows_; ++y) {
        for (int x = 0; x < columns_; ++x) {
            const double value = values_[cellIndex(x, y)];
            data->setCell(x, y, value);
            if (!std::isfinite(value)) continue;
            lowest = std::min(lowest, value);
            highest = std::max(highest, value);
        }
    }
    // A flat map still needs a range for the gradient; its cells then sit in the middle (yellow).
    const double pad = highest > lowest ? 0.0 : std::max(std::abs(highest) * 0.01, 1e-9);
    colorScale_->setDataRange(QCPRange(lowest - pad, highest + pad));
    colorMap_->setVisible(true);
    colorScale_->setVisible(true);
}

void SensitivityHeatmapView::findBestPointsOfCells() {
    bestPoint_.assign(values_.size(), std::nullopt);
    for (const validation::SweepPoint& point : sweep_->points) {
        if (!evaluated(point)) continue;
        const std::vector<std::size_t> at = sweep_->grid.coordinates(point.index);
        std::optional<std::size_t>& best = bestPoint_[cellIndex(int(at[xAxis_]), int(at[yAxis_]))];
        if (!best || point.objective > sweep_->points[*best].objective) best = point.index;
    }
}

// White lines between the cells, so neighbours of similar colour stay apart.
void SensitivityHeatmapView::drawCellBorders() {
    const QPen border(Qt::white, 1.5);
    const auto addLine = [this, &border](QPointF from, QPointF to) {
        auto* line = new QCPItemLine(plot_);
        line->setClipToAxisRect(true);
        line->setPen(border);
        line->setSelectable(false);
        line->start->setCoords(from);
        line->end->setCoords(to);
    };
    for (int x = 1; x < columns_; ++x) addLine({x - 0.5, -0.5}, {x - 0.5, rows_ - 0.5});
    for (int y = 1; y < rows_; ++y) addLine({-0.5, y - 0.5}, {columns_ - 0.5, y - 0.5});
}

void SensitivityHeatmapView::labelCells() {
    cellLabels_.assign(values_.size(), nullptr);
    const QCPRange range = colorScale_->dataRange();
    const QFontMetricsF metrics(font());
    widestLabelPx_ = 1.0;
    for (int y = 0; y < rows_; ++y) {
        for (int x = 0; x < columns_; ++x) {
            const double value = values_[cellIndex(x, y)];
            if (!std::isfinite(value)) continue;  // grey and empty: nothing was evaluated there
            auto* label = new QCPItemText(plot_);
            label->setClipToAxisRect(true);
            label->setSelectable(false);
            label->position->setCoords(x, y);
            label->setPositionAlignment(Qt::AlignCenter);
            label->setText(formatValue(value));
            // The saturated ends of the gradient take white text; the light middle dark text.
            const double share = (value - range.lower) / range.size();
            label->setColor(share < 0.12 || share > 0.88 ? QColor(Qt::white) : kDarkText);
            widestLabelPx_ = std::max(widestLabelPx_, metrics.horizontalAdvance(label->text()));
            cellLabels_[cellIndex(x, y)] = label;
        }
    }
}

void SensitivityHeatmapView::removeMarkers() {
    for (QCPCurve* marker : markers_) plot_->removePlottable(marker);
    markers_.clear();
}

// An outline around the cell that holds `point`.
void SensitivityHeatmapView::markPoint(std::optional<std::size_t> point, const QString& name, const QPen& pen,
                                       double inset) {
    if (!point) return;
    const std::vector<std::size_t> at = sweep_->grid.coordinates(*point);
    const double x = double(at[xAxis_]);
    const double y = double(at[yAxis_]);
    const double half = 0.5 - inset;
    auto* outline = new QCPCurve(plot_->xAxis, plot_->yAxis);
    outline->setData(QVector<double>{x - half, x + half, x + half, x - half, x - half},
                     QVector<double>{y - half, y - half, y + half, y + half, y - half});
    outline->setPen(pen);
    outline->setSelectable(QCP::stNone);
    outline->setName(name);
    markers_.append(outline);
}

// Tick labels are the axis values; on a crowded axis only every n-th, so they never overlap.
void SensitivityHeatmapView::setTickLabels() {
    const auto& axes = sweep_->grid.axes;
    const auto tickerOf = [](const validation::ParameterAxis& axis, int stride) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (std::size_t i = 0; i < axis.values.size(); i += std::size_t(stride))
            ticker->addTick(double(i), toQString(axis.values[i].label));
        return ticker;
    };
    plot_->xAxis->setTicker(tickerOf(axes[xAxis_], xTickStride_));
    plot_->yAxis->setTicker(tickerOf(axes[yAxis_], yTickStride_));
}

// Once the layout knows the size of a cell: the cell texts shrink to fit (and hide when they would be
// unreadable), and crowded axes label every n-th value. A changed stride needs one more layout pass.
void SensitivityHeatmapView::fitToCellSize() {
    if (columns_ == 0) return;
    const double cellWidth = std::abs(plot_->xAxis->coordToPixel(1.0) - plot_->xAxis->coordToPixel(0.0));
    const double cellHeight = std::abs(plot_->yAxis->coordToPixel(1.0) - plot_->yAxis->coordToPixel(0.0));
    const QFontMetricsF metrics(font());
    const double scale =
        std::min({1.0, (cellWidth - 4.0) / widestLabelPx_, (cellHeight - 2.0) / metrics.height()});
    QFont labelFont = font();
    const double basePoints = labelFont.pointSizeF() > 0 ? labelFont.pointSizeF() : 9.0;
    labelFont.setPointSizeF(std::max(basePoints * scale, 1.0));
    const bool readable = basePoints * scale >= kMinimumLabelPointSize;
    for (QCPItemText* label : cellLabels_) {
        if (!label) continue;
        label->setFont(labelFont);
        label->setVisible(readable);
    }
    if (readable != cellValuesShown_) {
        cellValuesShown_ = readable;
        updateSummary();
    }

    const auto& axes = sweep_->grid.axes;
    const QFontMetricsF tickMetrics(plot_->xAxis->tickLabelFont());
    double widestTick = 1.0;
    for (const validation::AxisValue& value : axes[xAxis_].values)
        widestTick = std::max(widestTick, tickMetrics.horizontalAdvance(toQString(value.label)));
    const int xStride = std::max(1, int(std::ceil((widestTick + 10.0) / cellWidth)));
    const int yStride = std::max(1, int(std::ceil((tickMetrics.height() + 2.0) / cellHeight)));
    if (xStride == xTickStride_ && yStride == yTickStride_) return;
    xTickStride_ = xStride;
    yTickStride_ = yStride;
    setTickLabels();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

double SensitivityHeatmapView::cellValue(int x, int y) const {
    if (x < 0 || y < 0 || x >= columns_ || y >= rows_) return kNaN;
    return values_[cellIndex(x, y)];
}

QString SensitivityHeatmapView::cellText(int x, int y) const {
    if (x < 0 || y < 0 || x >= columns_ || y >= rows_) return {};
    const QCPItemText* label = cellLabels_[cellIndex(x, y)];
    return label ? label->text() : QString();
}

std::optional<std::size_t> SensitivityHeatmapView::cellPoint(int x, int y) const {
    if (x < 0 || y < 0 || x >= columns_ || y >= rows_) return std::nullopt;
    return bestPoint_[cellIndex(x, y)];
}

std::optional<QPoint> SensitivityHeatmapView::cellAt(const QPoint& plotPixel) const {
    if (columns_ == 0 || !plot_->axisRect()->rect().contains(plotPixel)) return std::nullopt;
    const int x = int(std::lround(plot_->xAxis->pixelToCoord(plotPixel.x())));
    const int y = int(std::lround(plot_->yAxis->pixelToCoord(plotPixel.y())));
    if (x < 0 || y < 0 || x >= columns_ || y >= rows_) return std::nullopt;
    return QPoint(x, y);
}

void SensitivityHeatmapView::onMousePress(QMouseEvent* event) {
    pressedAt_ = event->position().toPoint();
}

// A click (press and release without a drag) on a cell with an evaluated point asks for its run.
void SensitivityHeatmapView::onMouseRelease(QMouseEvent* event) {
    const QPoint at = event->position().toPoint();
    if (event->button() != Qt::LeftButton ||
        (at - pressedAt_).manhattanLength() > QApplication::startDragDistance())
        return;
    const std::optional<QPoint> cell = cellAt(at);
    if (!cell) return;
    if (const std::optional<std::size_t> point = cellPoint(cell->x(), cell->y())) emit cellActivated(*point);
}

void SensitivityHeatmapView::onMouseMove(QMouseEvent* event) {
    const std::optional<QPoint> cell = cellAt(event->position().toPoint());
    const bool runnable = cell && cellPoint(cell->x(), cell->y());
    plot_->setCursor(runnable ? Qt::PointingHandCursor : Qt::ArrowCursor);
    if (!cell) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(), describeCell(cell->x(), cell->y()), plot_);
}

QString SensitivityHeatmapView::describeCell(int x, int y) const {
    const auto& axes = sweep_->grid.axes;
    QString text =
        QStringLiteral("%1 = %2\n%3 = %4")
            .arg(toQString(axes[xAxis_].name), toQString(axes[xAxis_].values[std::size_t(x)].label),
                 toQString(axes[yAxis_].name), toQString(axes[yAxis_].values[std::size_t(y)].label));
    const int count = counts_[cellIndex(x, y)];
    const std::size_t pointsPerCell = sweep_->points.size() / values_.size();
    if (count == 0) {
        // Say why: the first invalid combination of the cell carries the validator's message.
        for (const validation::SweepPoint& point : sweep_->points) {
            const std::vector<std::size_t> at = sweep_->grid.coordinates(point.index);
            if (int(at[xAxis_]) != x || int(at[yAxis_]) != y || point.valid) continue;
            return text + QLatin1Char('\n') +
                   tr("No evaluated point; invalid: %1").arg(toQString(point.invalid_reason));
        }
        return text + QLatin1Char('\n') + tr("No evaluated point");
    }
    const QString aggregated = aggregation_ == Aggregation::Mean ? tr("Mean") : tr("Best");
    text += QLatin1Char('\n') + tr("%1 %2 over %3 of %4 points")
                                    .arg(aggregated, formatValue(values_[cellIndex(x, y)]))
                                    .arg(count)
                                    .arg(pointsPerCell);
    if (const std::optional<std::size_t> best = cellPoint(x, y))
        text += QLatin1Char('\n') + tr("Click to run the best: %1").arg(describePoint(*best));
    return text;
}

QString SensitivityHeatmapView::describePoint(std::size_t point) const {
    return tr("%1 (%2)").arg(gridPointLabels(*sweep_, point), formatValue(sweep_->points[point].objective));
}

QString gridPointLabels(const validation::SweepResult& sweep, std::size_t point) {
    QStringList parts;
    const auto& axes = sweep.grid.axes;
    for (std::size_t a = 0; a < axes.size(); ++a)
        parts << QStringLiteral("%1 %2").arg(toQString(axes[a].name),
                                             toQString(sweep.points[point].labels[a]));
    return parts.join(QStringLiteral(", "));
}

// ---------------------------------------------------------------------------------------------- jobs

namespace {

// Translation context for the job texts.
struct SweepText {
    Q_DECLARE_TR_FUNCTIONS(SensitivitySweep)
};

// Loading the market takes the first tenth of the progress bar; the re-run of the best point the last
// sliver.
constexpr double kLoadShare = 0.1;
constexpr double kSweepEnd = 0.97;

struct PointRun {
    std::shared_ptr<backtest::RunResult> result;
    QString error;
};

// The point's config (the base files with the point's overrides), its market rebound from the config's
// and its backtest over the sweep's period: what run_sweep did for it.
PointRun runPoint(const PreparedRun::Prepared& ready, const QString& configPath,
                  const validation::SweepResult& sweep, std::size_t index, const Progress& progress) {
    const validation::PointConfigSource source{toPath(configPath), *ready.config, {}};
    const validation::PointConfigs configs(source, sweep.grid);
    std::vector<std::string> errors;
    const std::optional<config::RunConfig> run = configs.build(index, errors);
    if (!run) {
        QStringList reasons;
        for (const std::string& error : errors) reasons << toQString(error);
        return {nullptr, SweepText::tr("Grid point %1 is not a valid config: %2")
                             .arg(index)
                             .arg(reasons.join(QStringLiteral("; ")))};
    }
    const backtest::Scenario scenario = backtest::period_scenario(*ready.config, sweep.period);
    const backtest::RunMarket market =
        backtest::rebind_run_market(*ready.market, *run, scenario.start, scenario.end);
    return {
        std::make_shared<backtest::RunResult>(backtest::run_backtest(market, *run, scenario, {}, progress)),
        {}};
}

// Fills `outcome` from a point's run; false when there is nothing to show.
bool takePointRun(PointRun run, const PreparedRun::Prepared& ready, RunJobOutcome& outcome) {
    if (!run.result) {
        outcome.error = run.error;
        return false;
    }
    outcome.cancelled = run.result->cancelled;
    if (outcome.cancelled) return false;
    outcome.periodsPerYear = backtest::periods_per_year(*ready.market);
    outcome.benchmark = benchmarkCurve(*ready.market, *run.result);
    outcome.result = std::move(run.result);
    return true;
}

QString noEvaluatedPoint(const validation::SweepResult& sweep) {
    for (const validation::SweepPoint& point : sweep.points)
        if (!point.valid)
            return SweepText::tr("No point of the grid could be evaluated; the first invalid one: %1")
                .arg(toQString(point.invalid_reason));
    return SweepText::tr("No point of the grid could be evaluated.");
}

}  // namespace

RunJobWork sensitivitySweepWork(std::shared_ptr<PreparedRun> prepared, std::shared_ptr<SweepOutput> output,
                                const QString& period, const QString& objective, const QStringList& ranges) {
    return [prepared = std::move(prepared), output = std::move(output), period, objective,
            ranges](const Progress& progress) {
        RunJobOutcome outcome;
        PreparedRun::Prepared ready;
        if (!prepareJob(*prepared, progress, kLoadShare, ready, outcome)) return outcome;
        try {
            std::vector<validation::SweepGrid> grids = validation::grids_from_config(*ready.config);
            if (grids.empty()) {
                outcome.error =
                    SweepText::tr("The config enables no strategy, so there is no grid to sweep.");
                return outcome;
            }
            std::vector<validation::ParameterAxis> axes;
            for (const QString& range : ranges) axes.push_back(validation::parse_axis(range.toStdString()));
            validation::apply_axes(grids.front(), axes);
            const validation::PointConfigSource source{toPath(prepared->configPath()), *ready.config, {}};
            validation::SweepOptions options;
            options.period = period.toStdString();
            options.objective = objective.toStdString();
            auto sweep = std::make_shared<validation::SweepResult>(validation::run_sweep(
                *ready.market, source, grids.front(), options, scaled(progress, kLoadShare, kSweepEnd)));
            if (sweep->partial) {
                outcome.cancelled = true;
                return outcome;
            }
            const std::optional<std::size_t> best = validation::analyse_sweep(*sweep).best;
            if (!best) {
                outcome.error = noEvaluatedPoint(*sweep);
                return outcome;
            }
            if (takePointRun(
                    runPoint(ready, prepared->configPath(), *sweep, *best, scaled(progress, kSweepEnd, 1.0)),
                    ready, outcome))
                output->sweep = std::move(sweep);
        } catch (const std::exception& failure) {
            outcome.error =
                SweepText::tr("The sensitivity sweep failed: %1").arg(QString::fromLocal8Bit(failure.what()));
        }
        return outcome;
    };
}

RunJobWork sweepPointWork(std::shared_ptr<PreparedRun> prepared,
                          std::shared_ptr<const validation::SweepResult> sweep, std::size_t pointIndex) {
    return [prepared = std::move(prepared), sweep = std::move(sweep), pointIndex](const Progress& progress) {
        RunJobOutcome outcome;
        PreparedRun::Prepared ready;
        if (!prepareJob(*prepared, progress, kLoadShare, ready, outcome)) return outcome;
        try {
            takePointRun(runPoint(ready, prepared->configPath(), *sweep, pointIndex,
                                  scaled(progress, kLoadShare, 1.0)),
                         ready, outcome);
        } catch (const std::exception& failure) {
            outcome.error = SweepText::tr("The backtest of grid point %1 failed: %2")
                                .arg(pointIndex)
                                .arg(QString::fromLocal8Bit(failure.what()));
        }
        return outcome;
    };
}

}  // namespace tradelab::gui
