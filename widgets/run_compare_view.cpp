#include "run_compare_view.hpp"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QScrollBar>
#include <QSplitter>
#include <QStringList>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>
#include <array>
#include <cmath>
#include <exception>
#include <optional>
#include <stdexcept>

#include "price_chart.hpp"
#include "qt_conversions.hpp"
#include "result_tables.hpp"
#include "stacked_panes.hpp"

namespace tradelab::gui {
namespace {

using store::Better;

enum class Format { Fraction, Ratio, Count, Money };

struct CompareMetric {
    const char* key;    // the figure's name in the store (metrics JSON and run_metrics)
    const char* label;  // untranslated; shown through tr()
    Better better;
    Format format;
};

#define METRIC_LABEL(text) QT_TRANSLATE_NOOP("tradelab::gui::RunCompareView", text)

// The better directions are those of the store's metric columns; sortino, kept in the metrics JSON
// only, is better higher like sharpe.
const std::array<CompareMetric, 15> kMetrics = {{
    {"total_return", METRIC_LABEL("Total return"), Better::Higher, Format::Fraction},
    {"cagr", METRIC_LABEL("CAGR"), Better::Higher, Format::Fraction},
    {"volatility", METRIC_LABEL("Volatility"), Better::Lower, Format::Fraction},
    {"sharpe_ratio", METRIC_LABEL("Sharpe"), Better::Higher, Format::Ratio},
    {"sortino_ratio", METRIC_LABEL("Sortino"), Better::Higher, Format::Ratio},
    {"max_drawdown", METRIC_LABEL("Max drawdown"), Better::Lower, Format::Fraction},
    {"calmar_ratio", METRIC_LABEL("Calmar"), Better::Higher, Format::Ratio},
    {"total_trades", METRIC_LABEL("Trades"), Better::Neither, Format::Count},
    {"win_rate", METRIC_LABEL("Win rate"), Better::Higher, Format::Fraction},
    {"expectancy", METRIC_LABEL("Expectancy (R)"), Better::Higher, Format::Ratio},
    {"profit_factor", METRIC_LABEL("Profit factor"), Better::Higher, Format::Ratio},
    {"recovery_factor", METRIC_LABEL("Recovery factor"), Better::Higher, Format::Ratio},
    {"correlation_to_benchmark", METRIC_LABEL("Correlation to benchmark"), Better::Neither, Format::Ratio},
    {"max_consecutive_losses", METRIC_LABEL("Max consecutive losses"), Better::Lower, Format::Count},
    {"final_equity", METRIC_LABEL("Final equity"), Better::Higher, Format::Money},
}};

#undef METRIC_LABEL

const QString kVerdictKey = QStringLiteral("verdict");
constexpr int kVerdictRow = int(kMetrics.size());
constexpr int kRowCount = kVerdictRow + 1;

const std::array<QColor, RunCompareView::kMaxRuns> kRunColors = {
    QColor(0x1f, 0x5f, 0xa8), QColor(0xe0, 0x6c, 0x00), QColor(0x2e, 0x8b, 0x57), QColor(0x8e, 0x44, 0xad)};
const QColor kWorseColor(0xb0, 0x00, 0x20);
const QColor kBetterColor(0x1b, 0x7a, 0x3a);

constexpr int kMaxColumnWidth = 180;

QString fixed(double value, int decimals) {
    return QLocale().toString(value, 'f', decimals);
}

QString signedFixed(double value, int decimals) {
    return (value >= 0.0 ? QStringLiteral("+") : QString()) + fixed(value, decimals);
}

QString formatValue(Format format, double value) {
    if (std::isnan(value)) return kMissingFigure;
    if (std::isinf(value)) return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    switch (format) {
        case Format::Fraction:
            return fixed(value * 100.0, 2) + QLatin1Char('%');
        case Format::Count:
            return fixed(value, 0);
        case Format::Ratio:
        case Format::Money:
            break;
    }
    return fixed(value, 2);
}

// Differences of fractions read as percentage points, so "+1.50 pp" is not mistaken for a ratio.
QString formatDifference(Format format, double difference) {
    if (!std::isfinite(difference)) return formatValue(format, difference);
    if (format == Format::Fraction)
        return RunCompareView::tr("%1 pp").arg(signedFixed(difference * 100.0, 2));
    return signedFixed(difference, format == Format::Count ? 0 : 2);
}

QIcon colorSwatch(const QColor& color) {
    QPixmap swatch(12, 12);
    swatch.fill(color);
    return QIcon(swatch);
}

QString runLabel(const store::StoredRun& run) {
    return RunCompareView::tr("#%1 %2").arg(run.record.id).arg(toQString(run.record.period));
}

QString idList(const QList<qint64>& ids) {
    QStringList texts;
    for (const qint64 id : ids) texts << QStringLiteral("#%1").arg(id);
    return texts.join(QStringLiteral(", "));
}

QJsonObject parseFigures(const store::StoredRun& run) {
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromStdString(run.metrics_json), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        throw std::runtime_error(RunCompareView::tr("the stored figures of run %1 are not a JSON object: %2")
                                     .arg(run.record.id)
                                     .arg(error.errorString())
                                     .toStdString());
    }
    return document.object();
}

double figureOf(const store::StoredRun& stored, const QJsonObject& figures, const char* key) {
    // JSON keeps no infinity: a profit factor without losing trades is null there (as `runs show`
    // reads it, the stored column has it).
    if (QLatin1String(key) == QLatin1String("profit_factor")) return stored.metrics.profit_factor;
    const QJsonValue value = figures.value(QLatin1String(key));
    return value.isDouble() ? value.toDouble() : std::nan("");
}

}  // namespace

RunCompareView::RunCompareView(QWidget* parent)
    : QWidget(parent),
      summary_(new QLabel(this)),
      table_(new QTableWidget(this)),
      plot_(new QCustomPlot(this)) {
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Not focused when shown: a focused table marks a current cell, which would read as special.
    table_->setFocusPolicy(Qt::ClickFocus);
    table_->installEventFilter(this);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideRight);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->horizontalHeader()->setHighlightSections(false);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(table_);
    QWidget* chartPane = createChartPane();
    // A chart squeezed under a long table says nothing: below this the table scrolls instead.
    chartPane->setMinimumHeight(240);
    splitter->addWidget(chartPane);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(summary_);
    layout->addWidget(splitter, 1);

    setUpChart();
    clear(tr("Select up to %1 stored runs to compare them.").arg(kMaxRuns));
}

QWidget* RunCompareView::createChartPane() {
    auto* pane = new QWidget(this);
    calendarBox_ = new QCheckBox(tr("&Calendar dates"), pane);
    calendarBox_->setToolTip(tr("Place the curves on their dates instead of aligning their first days"));
    connect(calendarBox_, &QCheckBox::toggled, this, &RunCompareView::setCalendarDates);
    auto* options = new QHBoxLayout;
    options->setContentsMargins(6, 4, 6, 0);
    options->addStretch(1);
    options->addWidget(calendarBox_);

    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(options);
    layout->addWidget(plot_, 1);
    return pane;
}

void RunCompareView::setUpChart() {
    title_ = addTitleRow(plot_, font());
    plot_->yAxis->setLabel(tr("Equity (start = 100)"));
    // The legend in a row of its own under the title, side by side: inside the axis rect it would hide
    // the start of the curves, where they all meet.
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->insertRow(1);
    plot_->plotLayout()->addElement(1, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);
    plot_->plotLayout()->setRowSpacing(0);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setMargins(QMargins(4, 0, 4, 0));
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->axisRect()->setRangeDrag(Qt::Horizontal);
    plot_->axisRect()->setRangeZoom(Qt::Horizontal);
}

int RunCompareView::valueColumn(int runIndex) {
    return runIndex == 0 ? 0 : 1 + 3 * (runIndex - 1);
}

int RunCompareView::differenceColumn(int runIndex) {
    return valueColumn(runIndex) + 1;
}

int RunCompareView::worseColumn(int runIndex) {
    return valueColumn(runIndex) + 2;
}

int RunCompareView::metricRow(const QString& metric) const {
    if (metric == kVerdictKey) return kVerdictRow;
    for (int row = 0; row < int(kMetrics.size()); ++row)
        if (metric == QLatin1String(kMetrics[std::size_t(row)].key)) return row;
    return -1;
}

QString RunCompareView::message() const {
    return summary_->text();
}

void RunCompareView::clear(const QString& message) {
    ids_.clear();
    runs_.clear();
    table_->clear();
    table_->setRowCount(0);
    table_->setColumnCount(0);
    table_->setMaximumHeight(QWIDGETSIZE_MAX);
    summary_->setText(message);
    drawCurves();
}

void RunCompareView::showFailure(const QString& message) {
    clear(message);
    emit loadFailed(message);
}

bool RunCompareView::showRuns(const QString& storePath, const QList<qint64>& ids) {
    if (ids.isEmpty() || ids.size() > kMaxRuns) {
        showFailure(
            tr("Select between 1 and %1 runs to compare; %2 were given.").arg(kMaxRuns).arg(ids.size()));
        return false;
    }
    const QString shownPath = QDir::toNativeSeparators(storePath);
    // Opening a missing file would create an empty store; say what is wrong instead.
    if (!QFileInfo::exists(storePath)) {
        showFailure(tr("The results store %1 does not exist.").arg(shownPath));
        return false;
    }
    try {
        runs_ = loadRuns(storePath, ids);
    } catch (const std::exception& failure) {
        showFailure(tr("Cannot load runs %1 from %2: %3")
                        .arg(idList(ids), shownPath, QString::fromLocal8Bit(failure.what())));
        return false;
    }
    ids_ = ids;
    fillTable();
    showSummary();
    drawCurves();
    return true;
}

std::vector<RunCompareView::ComparedRun> RunCompareView::loadRuns(const QString& storePath,
                                                                  const QList<qint64>& ids) {
    store::ResultsStore results(toPath(storePath));
    std::vector<ComparedRun> runs;
    for (const qint64 id : ids) {
        store::StoredRun stored = results.get(id);
        QJsonObject figures = parseFigures(stored);
        runs.push_back({std::move(stored), std::move(figures)});
    }
    return runs;
}

void RunCompareView::showSummary() {
    const store::RunRecord& baseline = runs_.front().stored.record;
    QString text = tr("Baseline: run #%1 (%2, %3, %4 to %5).")
                       .arg(baseline.id)
                       .arg(toQString(baseline.description.config_name), toQString(baseline.period),
                            isoDate(baseline.start), isoDate(baseline.end));
    if (runs_.size() > 1)
        text += QLatin1Char(' ') + tr("Δ: value minus the baseline's. Worse %: how much worse than the "
                                      "baseline, in % of its value (negative: better).");
    summary_->setText(text);
}

// ---- table ---------------------------------------------------------------------------------------

void RunCompareView::fillTable() {
    table_->clear();
    table_->setRowCount(kRowCount);
    table_->setColumnCount(valueColumn(int(runs_.size()) - 1) + (runs_.size() > 1 ? 3 : 1));
    setHeaders();
    for (int row = 0; row < int(kMetrics.size()); ++row) fillMetricRow(row);
    table_->resizeColumnsToContents();
    // Filled after the columns are fitted to the figures: a long verdict gets a little more room, then
    // is elided (its tooltip has it whole).
    fillVerdictRow(kVerdictRow);
    for (int r = 0; r < int(runs_.size()); ++r) {
        const int column = valueColumn(r);
        const int verdictWidth =
            table_->fontMetrics().horizontalAdvance(table_->item(kVerdictRow, column)->text()) + 12;
        table_->setColumnWidth(
            column, std::max(table_->columnWidth(column), std::min(verdictWidth, kMaxColumnWidth)));
    }
    fitTableHeight();
}

// As tall as its rows and no taller: the chart below takes the rest of the height.
void RunCompareView::fitTableHeight() {
    int height = table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth();
    for (int row = 0; row < table_->rowCount(); ++row) height += table_->rowHeight(row);
    const int columnsWidth = table_->horizontalHeader()->length() + table_->verticalHeader()->width();
    if (columnsWidth + 2 * table_->frameWidth() > table_->width())
        height += table_->horizontalScrollBar()->sizeHint().height();
    table_->setMaximumHeight(height);
}

void RunCompareView::setHeaders() {
    QStringList rowLabels;
    for (const CompareMetric& metric : kMetrics) rowLabels << tr(metric.label);
    rowLabels << tr("Go / no-go verdict");
    table_->setVerticalHeaderLabels(rowLabels);

    const QString baseline = QStringLiteral("#%1").arg(runs_.front().stored.record.id);
    for (int r = 0; r < int(runs_.size()); ++r) {
        const store::RunRecord& record = runs_[std::size_t(r)].stored.record;
        auto* header = new QTableWidgetItem(colorSwatch(kRunColors[std::size_t(r)]),
                                            runLabel(runs_[std::size_t(r)].stored));
        header->setToolTip(tr("%1, %2 to %3%4")
                               .arg(toQString(record.description.config_name), isoDate(record.start),
                                    isoDate(record.end),
                                    record.description.variant.empty()
                                        ? QString()
                                        : QStringLiteral(", ") + toQString(record.description.variant)));
        table_->setHorizontalHeaderItem(valueColumn(r), header);
        if (r == 0) continue;
        table_->setHorizontalHeaderItem(differenceColumn(r),
                                        new QTableWidgetItem(tr("Δ vs %1").arg(baseline)));
        table_->setHorizontalHeaderItem(worseColumn(r), new QTableWidgetItem(tr("Worse %")));
    }
}

void RunCompareView::setCell(int row, int column, const QString& text, const QVariant& value) {
    auto* item = new QTableWidgetItem(text);
    item->setData(ValueRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table_->setItem(row, column, item);
}

void RunCompareView::fillMetricRow(int row) {
    const CompareMetric& metric = kMetrics[std::size_t(row)];
    const auto value = [&](std::size_t r) { return figureOf(runs_[r].stored, runs_[r].figures, metric.key); };
    const double first = value(0);
    setCell(row, valueColumn(0), formatValue(metric.format, first), first);
    for (std::size_t r = 1; r < runs_.size(); ++r) {
        const double current = value(r);
        const double difference = current - first;
        setCell(row, valueColumn(int(r)), formatValue(metric.format, current), current);
        setCell(row, differenceColumn(int(r)), formatDifference(metric.format, difference), difference);
        const std::optional<double> worse = store::degradation(metric.better, first, current);
        setCell(row, worseColumn(int(r)), worse ? signedFixed(*worse, 1) + QLatin1Char('%') : kMissingFigure,
                worse ? *worse : std::nan(""));
        if (worse && *worse != 0.0)
            table_->item(row, worseColumn(int(r)))->setForeground(*worse > 0.0 ? kWorseColor : kBetterColor);
    }
}

void RunCompareView::fillVerdictRow(int row) {
    for (std::size_t r = 0; r < runs_.size(); ++r) {
        const QJsonValue verdict = runs_[r].figures.value(kVerdictKey);
        const QString text = verdict.isString() ? verdict.toString() : kMissingFigure;
        setCell(row, valueColumn(int(r)), text, text);
        table_->item(row, valueColumn(int(r)))
            ->setToolTip(verdict.isString() ? text : tr("No verdict stored"));
        if (r == 0) continue;
        setCell(row, differenceColumn(int(r)), QString(), QVariant());
        setCell(row, worseColumn(int(r)), QString(), QVariant());
    }
}

bool RunCompareView::eventFilter(QObject* watched, QEvent* event) {
    // A narrower table may need its scroll bar now, a wider one no longer.
    if (watched == table_ && event->type() == QEvent::Resize && !runs_.empty()) fitTableHeight();
    return QWidget::eventFilter(watched, event);
}

// ---- chart ---------------------------------------------------------------------------------------

void RunCompareView::setCalendarDates(bool calendarDates) {
    if (calendarDates == calendarDates_) return;
    calendarDates_ = calendarDates;
    calendarBox_->setChecked(calendarDates);
    drawCurves();
}

void RunCompareView::drawCurves() {
    plot_->clearGraphs();
    plot_->clearItems();
    graphs_.clear();
    for (std::size_t r = 0; r < runs_.size(); ++r) addCurve(runs_[r], kRunColors[r]);
    title_->setText(runs_.empty()
                        ? tr("No runs to compare")
                        : tr("Equity of runs %1, each normalised to 100 at its start").arg(idList(ids_)));
    plot_->legend->setVisible(!graphs_.isEmpty());
    if (calendarDates_) {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        // UTC: plot keys are whole days since the epoch and must not shift with the local time zone.
        ticker->setTimeZone(QTimeZone::utc());
        ticker->setDateTimeFormat(QStringLiteral("MMM yyyy"));
        plot_->xAxis->setTicker(ticker);
        plot_->xAxis->setLabel(QString());
    } else {
        plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        plot_->xAxis->setLabel(tr("Days since start (curve points)"));
    }
    fitAxes();
    plot_->replot();
}

void RunCompareView::addCurve(const ComparedRun& run, const QColor& color) {
    const std::vector<backtest::EquityPoint>& curve = run.stored.result.equity_curve;
    const double startingEquity = run.stored.record.starting_equity;
    const double base = startingEquity > 0.0 ? startingEquity : curve.empty() ? 1.0 : curve.front().equity;
    QVector<double> keys;
    QVector<double> values;
    keys.reserve(qsizetype(curve.size()));
    values.reserve(qsizetype(curve.size()));
    for (std::size_t i = 0; i < curve.size(); ++i) {
        keys.append(calendarDates_ ? PriceChart::plotKey(curve[i].date) : double(i));
        values.append(curve[i].equity / base * 100.0);
    }
    QCPGraph* graph = plot_->addGraph();
    graph->setName(runLabel(run.stored));
    graph->setPen(QPen(color, 1.6));
    graph->setData(keys, values, true);
    graphs_.append(graph);
}

void RunCompareView::fitAxes() {
    if (graphs_.isEmpty()) {
        plot_->xAxis->setRange(0.0, 1.0);
        plot_->yAxis->setRange(90.0, 110.0);
        return;
    }
    plot_->rescaleAxes();
    // Room above the curves for the legend, below so the lowest point does not sit on the axis; 100 in
    // view, where every curve starts.
    const QCPRange values = plot_->yAxis->range();
    const double lower = std::min(values.lower, 100.0);
    const double upper = std::max(values.upper, 100.0);
    const double size = std::max(upper - lower, 1.0);
    plot_->yAxis->setRange(lower - size * 0.08, upper + size * 0.25);
    auto* start = new QCPItemStraightLine(plot_);
    start->setPen(QPen(QColor(0x99, 0x99, 0x99), 1.0, Qt::DashLine));
    start->point1->setCoords(plot_->xAxis->range().lower, 100.0);
    start->point2->setCoords(plot_->xAxis->range().upper, 100.0);
}

}  // namespace tradelab::gui
