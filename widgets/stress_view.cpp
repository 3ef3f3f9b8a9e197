#include "stress_view.hpp"

#include "result_tables.hpp"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QResizeEvent>
#include <QScrollBar>
#include <QSplitter>
#include <QStringList>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>
#include <iterator>
#include <limits>

#include "backtest/backtest.hpp"
#include "backtest/run_market.hpp"
#include "config/run_config.hpp"
#include "core/parallel.hpp"
#include "metrics/benchmark_alignment.hpp"
#include "metrics/performance_metrics.hpp"
#include "price_chart.hpp"
#include "qt_conversions.hpp"
#include "stacked_panes.hpp"
#include "store/results_store.hpp"
#include "validation/stress.hpp"
#include "validation/validation_store.hpp"

namespace tradelab::gui {
namespace {

// Translation context for the job's texts and the shared formatting helpers.
struct StressText {
    Q_DECLARE_TR_FUNCTIONS(StressJob)
};

// Loading the market and the baseline run are small parts of the job; the stressed reruns, which run
// in parallel, are the rest.
constexpr double kLoadShare = 0.05;
constexpr double kBaselineShare = 0.20;
constexpr int kStressThreads = 0;  // every core: the reruns are independent

const QColor kBaselineColor(0x1f, 0x5f, 0xa8);
const QColor kFlashCrashColor(0x8e, 0x44, 0xad);
// The slippage reruns in configured order: warmer and darker as the cost grows.
const QColor kSlippageColors[] = {QColor(0xe0, 0x6c, 0x00), QColor(0xb0, 0x00, 0x20),
                                  QColor(0x2e, 0x8b, 0x57), QColor(0x00, 0x7c, 0x8c)};
const QColor kCancelledColor = kWarningColor;
const QColor kNotApplicableColor(0x70, 0x70, 0x70);
const QString kMissing = kMissingFigure;

QTableWidgetItem* figure(const QString& text) {
    return cell(text, Qt::AlignRight | Qt::AlignVCenter);
}

QIcon colorSwatch(const QColor& color) {
    QPixmap swatch(12, 12);
    swatch.fill(color);
    return QIcon(swatch);
}

// "slippage_2.5x" -> "2.5× slippage"; "flash_crash" -> "Flash crash".
QString scenarioLabel(const std::string& name) {
    if (name == "flash_crash") return StressText::tr("Flash crash");
    QString text = toQString(name);
    const QString prefix = QStringLiteral("slippage_");
    if (text.startsWith(prefix) && text.endsWith(QLatin1Char('x')))
        return StressText::tr("%1× slippage").arg(text.mid(prefix.size(), text.size() - prefix.size() - 1));
    return text;
}

QString checkLabel(const std::string& name) {
    if (name == "slippage_2x_sharpe") return StressText::tr("2× slippage: Sharpe");
    if (name == "slippage_2x_expectancy") return StressText::tr("2× slippage: expectancy (R)");
    if (name == "slippage_3x_calmar") return StressText::tr("3× slippage: Calmar");
    if (name == "bear_market") return StressText::tr("Bear months: max drawdown");
    if (name == "flash_crash") return StressText::tr("Flash crash: max drawdown");
    return toQString(name);
}

// The drawdown gates compare fractions; the others ratios (the expectancy in R).
QString checkFigure(const std::string& name, double value) {
    if (name == "bear_market" || name == "flash_crash") return percent(value);
    return number(value, name == "slippage_2x_expectancy" ? 3 : 2);
}

QColor curveColor(const std::string& name, int slippageIndex) {
    if (name == "flash_crash") return kFlashCrashColor;
    return kSlippageColors[std::size_t(slippageIndex) % std::size(kSlippageColors)];
}

// As tall as its rows and no taller: the chart above takes the rest of the height.
void fitHeight(QTableWidget* table) {
    int height = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
    for (int row = 0; row < table->rowCount(); ++row) height += table->rowHeight(row);
    // Against the table's width, not the viewport's: a vertical scroll bar, gone once the table fits,
    // must not count.
    if (table->horizontalHeader()->length() + 2 * table->frameWidth() > table->width())
        height += table->horizontalScrollBar()->sizeHint().height();
    table->setMaximumHeight(height);
}

// The baseline as `tradelab-cli backtest` stores a run, then the stressed runs as its children.
void storeStress(const validation::StressReport& report, const backtest::RunResult& baseline,
                 const PreparedRun& prepared, const PreparedRun::Prepared& ready, RunJobOutcome& outcome,
                 StressOutput& output) {
    storeJobRuns(prepared.configPath(), ready, outcome,
                 [&](store::ResultsStore& results, store::RunDescription base) {
                     base.thread_count = resolve_threads(kStressThreads);
                     const auto figures =
                         metrics::compute_metrics(baseline, backtest::periods_per_year(*ready.market),
                                                  metrics::benchmark_returns(*ready.market, baseline));
                     const std::int64_t id = results.store_run(baseline, figures, base).run_id;
                     outcome.storedRunId = id;
                     output.storedRunId = id;
                     validation::store_stress_runs(results, base, id, report, *ready.market);
                 });
}

}  // namespace

// ---------------------------------------------------------------------------------------------- the job

RunJobWork stressWork(std::shared_ptr<PreparedRun> prepared, std::shared_ptr<StressOutput> output) {
    return [prepared = std::move(prepared), output = std::move(output)](const Progress& progress) {
        RunJobOutcome outcome;
        PreparedRun::Prepared ready;
        if (!prepareJob(*prepared, progress, kLoadShare, ready, outcome)) return outcome;
        std::shared_ptr<backtest::RunResult> baseline;
        std::shared_ptr<validation::StressReport> report;
        try {
            baseline = std::make_shared<backtest::RunResult>(backtest::run_backtest(
                *ready.market, *ready.config, validation::continuous_scenario(*ready.config), {},
                scaled(progress, kLoadShare, kBaselineShare)));
            if (baseline->cancelled) {
                outcome.cancelled = true;
                return outcome;
            }
            report = std::make_shared<validation::StressReport>(
                validation::run_stress_tests(*ready.market, *ready.config, *baseline, kStressThreads,
                                             scaled(progress, kBaselineShare, 1.0)));
        } catch (const Cancelled&) {
            outcome.cancelled = true;
            return outcome;
        } catch (const std::exception& failure) {
            // A bad slippage multiplier, a data error in a rerun.
            outcome.error =
                StressText::tr("The stress tests failed: %1").arg(QString::fromLocal8Bit(failure.what()));
            return outcome;
        }
        outcome.periodsPerYear = backtest::periods_per_year(*ready.market);
        output->baseline = baseline;
        output->report = report;
        // A cancelled report's gates are not judged: nothing of it goes into the store. A cancel that
        // came after the last rerun ended still counts: the user asked for nothing to be kept.
        outcome.cancelled = report->cancelled || !report_progress(progress, 1.0);
        if (outcome.cancelled) return outcome;
        storeStress(*report, *baseline, *prepared, ready, outcome, *output);
        outcome.benchmark = benchmarkCurve(*ready.market, *baseline);
        outcome.result = std::move(baseline);
        return outcome;
    };
}

// --------------------------------------------------------------------------------------------- the view

StressView::StressView(QWidget* parent)
    : QWidget(parent),
      headline_(new QLabel(this)),
      plot_(new QCustomPlot(this)),
      scenarios_(new QTableWidget(this)),
      correlation_(new QLabel(this)),
      checks_(new QTableWidget(this)),
      warnings_(new QLabel(this)) {
    headline_->setWordWrap(true);
    headline_->setTextFormat(Qt::PlainText);
    headline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel* label : {correlation_, warnings_}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setContentsMargins(2, 2, 2, 2);
    }
    setUpPlot();

    for (QTableWidget* table : {scenarios_, checks_}) {
        setUpResultTable(table);
        table->setAlternatingRowColors(true);
        // Not focused when shown: a focused table marks a current cell, which would read as special.
        table->setFocusPolicy(Qt::ClickFocus);
        table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
        table->installEventFilter(this);
    }
    scenarios_->setColumnCount(ScenarioColumnCount);
    scenarios_->setHorizontalHeaderLabels({tr("Scenario"), tr("Total return"), tr("Sharpe"), tr("Calmar"),
                                           tr("Max drawdown"), tr("Trades"), tr("Expectancy (R)"),
                                           tr("Details")});
    checks_->setColumnCount(ChecksColumnCount);
    checks_->setHorizontalHeaderLabels(
        {tr("Gate"), tr("Value"), QString(), tr("Threshold"), tr("Result"), tr("Note")});

    // The figures under the chart: the scenarios with the correlation line, then the gates and warnings.
    figures_ = new QWidget(this);
    auto* figuresLayout = new QVBoxLayout(figures_);
    figuresLayout->setContentsMargins(0, 0, 0, 0);
    figuresLayout->addWidget(scenarios_, 1);
    figuresLayout->addWidget(correlation_);
    gates_ = new QWidget(this);
    auto* gatesLayout = new QVBoxLayout(gates_);
    gatesLayout->setContentsMargins(0, 0, 0, 0);
    gatesLayout->addWidget(checks_, 1);
    gatesLayout->addWidget(warnings_);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(plot_);
    splitter->addWidget(figures_);
    splitter->addWidget(gates_);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(headline_);
    layout->addWidget(splitter, 1);
    clear(tr("No stress tests yet"));
}

void StressView::setUpPlot() {
    const StackedPanes panes = makeStackedPanes(plot_, font());
    title_ = panes.title;
    equityPane_ = panes.upper;
    drawdownPane_ = panes.lower;
    dateTicker_ = panes.dateTicker;

    // The legend in a row of its own under the title, its entries side by side: inside the pane it
    // would hide the start of the curves, where they all meet.
    QCPLayoutGrid* grid = plot_->plotLayout();
    equityPane_->insetLayout()->take(plot_->legend);
    grid->insertRow(1);
    grid->addElement(1, 0, plot_->legend);
    grid->setRowStretchFactor(1, 0.001);
    grid->setRowStretchFactor(2, 3.0);
    grid->setRowStretchFactor(3, 1.2);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setMargins(QMargins(4, 0, 4, 0));
    plot_->legend->setFont(font());
    plot_->legend->setVisible(false);

    setUpEquityAndDrawdownAxes(panes, tr("Equity"), tr("Drawdown (%)"), 4);

    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    timeAxes_ = new LinkedTimeAxes(
        panes, [this] { return dataTimeRange(); },
        [this](const QCPRange& timeRange) { fitValueAxes(timeRange); });
    crosshair_ = new PaneCrosshair(plot_, panes, [this](double key) { return readingAt(key); });
    // The plot's own minimum follows its title; a long one must not widen the window.
    plot_->setMinimumSize(320, 240);
}

QString StressView::headlineText() const {
    return headline_->text();
}

QString StressView::correlationText() const {
    return correlation_->text();
}

QString StressView::warningsText() const {
    return warnings_->text();
}

void StressView::removeCurves() {
    crosshair_->hide();  // it read the curves being removed
    for (QCPGraph* graph : curves_ + drawdowns_) plot_->removeGraph(graph);
    if (crashMarkers_) plot_->removeGraph(crashMarkers_);
    curves_.clear();
    drawdowns_.clear();
    crashMarkers_ = nullptr;
    for (QCPAbstractItem* item : std::as_const(crashLines_)) plot_->removeItem(item);
    crashLines_.clear();
    plot_->legend->setVisible(false);
}

void StressView::clear(const QString& message) {
    headline_->setText(message);
    headline_->setStyleSheet({});
    removeCurves();
    title_->setText(message);
    scenarios_->setRowCount(0);
    checks_->setRowCount(0);
    correlation_->clear();
    warnings_->clear();
    fitFigures();
    plot_->replot();
}

void StressView::setReport(const validation::StressReport& report, const backtest::RunResult& baseline,
                           const QString& title) {
    QStringList failed;
    int applicable = 0;
    for (const validation::StressCheck& check : report.checks) {
        if (!check.applicable) continue;
        ++applicable;
        if (!check.passed) failed << checkLabel(check.name);
    }
    QColor color = kPassColor;
    if (report.cancelled) {
        headline_->setText(tr("%1: stress tests cancelled — partial results: %n stressed run(s) finished, "
                              "the gates of the others do not apply",
                              nullptr, int(report.runs.size()))
                               .arg(title));
        color = kCancelledColor;
    } else if (!failed.isEmpty()) {
        headline_->setText(tr("%1: stress tests FAILED — %n gate(s) failed: %2", nullptr, int(failed.size()))
                               .arg(title, failed.join(QStringLiteral(", "))));
        color = kFailColor;
    } else if (applicable == 0) {
        headline_->setText(tr("%1: stress tests passed — no gate applies").arg(title));
    } else {
        headline_->setText(
            tr("%1: stress tests PASSED — all %n applicable gate(s) passed", nullptr, applicable).arg(title));
    }
    headline_->setStyleSheet(
        QStringLiteral("color: %1; font-size: 115%; font-weight: bold;").arg(color.name()));

    title_->setText(tr("%1: equity from %2 to %3, baseline and stressed runs")
                        .arg(title, isoDate(baseline.start), isoDate(baseline.end)));
    showCurves(report, baseline);
    fillScenarios(report);
    fillChecks(report);
    showNotes(report);
    fitFigures();
}

// ---- chart ---------------------------------------------------------------------------------------

void StressView::showCurves(const validation::StressReport& report, const backtest::RunResult& baseline) {
    removeCurves();
    addCurve(baseline, tr("Baseline (1× slippage)"), kBaselineColor, 2.0);
    int slippageIndex = 0;
    for (const validation::StressReport::NamedRun& run : report.runs) {
        const QColor color = curveColor(run.name, slippageIndex);
        if (run.name != "flash_crash") ++slippageIndex;
        addCurve(run.run, scenarioLabel(run.name), color, 1.3);
    }
    addCrashMarks(report);
    plot_->legend->setVisible(!curves_.isEmpty());
    if (curves_.front()->data()->isEmpty()) {
        plot_->replot();
        return;
    }
    timeAxes_->showAll();
    plot_->replot();
}

void StressView::addCurve(const backtest::RunResult& run, const QString& name, const QColor& color,
                          double width) {
    QVector<double> keys;
    QVector<double> equity;
    keys.reserve(qsizetype(run.equity_curve.size()));
    equity.reserve(keys.capacity());
    for (const backtest::EquityPoint& point : run.equity_curve) {
        keys.append(PriceChart::plotKey(point.date));
        equity.append(point.equity);
    }
    QCPGraph* curve =
        plot_->addGraph(equityPane_->axis(QCPAxis::atBottom), equityPane_->axis(QCPAxis::atLeft));
    curve->setName(name);
    curve->setPen(QPen(color, width));
    curve->setData(keys, equity, true);
    curves_.append(curve);

    QCPGraph* drawdown =
        plot_->addGraph(drawdownPane_->axis(QCPAxis::atBottom), drawdownPane_->axis(QCPAxis::atLeft));
    drawdown->setName(name);
    drawdown->setPen(QPen(color, std::max(1.0, width - 0.6)));
    drawdown->setData(keys, drawdownPercent(equity, run.starting_equity), true);
    drawdown->removeFromLegend();  // the equity curve's entry names both
    drawdowns_.append(drawdown);
}

// A marker on the flash-crash curve at each crash date, and a dotted line through both panes there.
void StressView::addCrashMarks(const validation::StressReport& report) {
    if (!report.flash_crash) return;
    const auto crashed = std::find_if(report.runs.begin(), report.runs.end(),
                                      [](const auto& run) { return run.name == "flash_crash"; });
    if (crashed == report.runs.end()) return;
    const QCPGraph* curve = curves_[1 + qsizetype(crashed - report.runs.begin())];
    QVector<double> keys;
    QVector<double> values;
    for (const Date date : report.flash_crash->crash_dates) {
        const double key = PriceChart::plotKey(date);
        const auto point = nearestByKey(*curve->data(), key);
        if (point == curve->data()->constEnd()) continue;
        keys.append(key);
        values.append(point->value);
        for (QCPAxisRect* pane : {equityPane_, drawdownPane_}) addCrashLine(pane, key);
    }
    crashMarkers_ = plot_->addGraph(equityPane_->axis(QCPAxis::atBottom), equityPane_->axis(QCPAxis::atLeft));
    crashMarkers_->setName(tr("Flash-crash dates"));
    crashMarkers_->setLineStyle(QCPGraph::lsNone);
    crashMarkers_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssTriangleInverted, kFlashCrashColor, kFlashCrashColor, 8));
    crashMarkers_->setData(keys, values, true);
}

void StressView::addCrashLine(QCPAxisRect* pane, double key) {
    QColor color = kFlashCrashColor;
    color.setAlpha(110);
    crashLines_.append(addVerticalLine(pane, key, QPen(color, 0.0, Qt::DotLine)));
}

std::optional<QCPRange> StressView::dataTimeRange() const {
    bool any = false;
    QCPRange range;
    for (const QCPGraph* curve : curves_) {
        bool found = false;
        const QCPRange keys = curve->getKeyRange(found);
        if (!found) continue;
        range = any ? QCPRange(std::min(range.lower, keys.lower), std::max(range.upper, keys.upper)) : keys;
        any = true;
    }
    if (!any) return std::nullopt;
    return LinkedTimeAxes::padded(range);
}

void StressView::fitValueAxes(const QCPRange& timeRange) {
    bool any = false;
    QCPRange equity;
    for (const QCPGraph* curve : curves_) {
        bool found = false;
        const QCPRange values = curve->getValueRange(found, QCP::sdBoth, timeRange);
        if (!found) continue;
        equity = any ? QCPRange(std::min(equity.lower, values.lower), std::max(equity.upper, values.upper))
                     : values;
        any = true;
    }
    if (any) {
        // Room below so the lowest point does not sit on the axis, above for the crash markers.
        const double size = std::max(equity.size(), std::abs(equity.upper) * 0.01);
        equityPane_->axis(QCPAxis::atLeft)->setRange(equity.lower - size * 0.08, equity.upper + size * 0.10);
    }
    double deepest = 0.0;
    for (const QCPGraph* drawdown : drawdowns_) {
        bool found = false;
        const QCPRange values = drawdown->getValueRange(found, QCP::sdBoth, timeRange);
        if (found) deepest = std::min(deepest, values.lower);
    }
    drawdownPane_->axis(QCPAxis::atLeft)->setRange(std::min(deepest * 1.1, -1.0), 0.0);
}

// The baseline's day nearest to the mouse, with every curve's equity and drawdown on that day.
std::optional<CrosshairReading> StressView::readingAt(double key) const {
    if (curves_.isEmpty()) return std::nullopt;
    const auto nearest = nearestByKey(*curves_.front()->data(), key);
    if (nearest == curves_.front()->data()->constEnd()) return std::nullopt;
    const double day = nearest->key;
    const QLocale locale;
    QStringList lines{dateOfPlotKey(day).toString(Qt::ISODate)};
    for (qsizetype i = 0; i < curves_.size(); ++i) {
        const auto equity = nearestByKey(*curves_[i]->data(), day);
        const auto drawdown = nearestByKey(*drawdowns_[i]->data(), day);
        if (equity == curves_[i]->data()->constEnd() || equity->key != day) continue;
        lines << tr("%1: %2 (drawdown %3 %)")
                     .arg(curves_[i]->name(), locale.toString(equity->value, 'f', 2),
                          locale.toString(drawdown->value, 'f', 2));
    }
    return CrosshairReading{day, lines.join(QLatin1Char('\n'))};
}

bool StressView::eventFilter(QObject* watched, QEvent* event) {
    // A narrower table may need its scroll bar now, a wider one no longer.
    if ((watched == scenarios_ || watched == checks_) && event->type() == QEvent::Resize) fitFigures();
    return QWidget::eventFilter(watched, event);
}

void StressView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    timeAxes_->fitTickCount(width());
    fitFigures();  // the notes may wrap differently
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

// The tables and their notes as tall as their contents and no taller, so a larger window gives its
// height to the chart.
void StressView::fitFigures() {
    for (QTableWidget* table : {scenarios_, checks_}) fitHeight(table);
    const auto noteHeight = [this](const QLabel* label) {
        return label->text().isEmpty() ? 0 : label->heightForWidth(std::max(width(), 1));
    };
    const int spacing = figures_->layout()->spacing();
    figures_->setMaximumHeight(scenarios_->maximumHeight() + spacing + noteHeight(correlation_));
    gates_->setMaximumHeight(checks_->maximumHeight() + spacing + noteHeight(warnings_));
}

// ---- tables --------------------------------------------------------------------------------------

void StressView::fillScenarios(const validation::StressReport& report) {
    scenarios_->setRowCount(0);
    const auto addRow = [this](const QString& label, const std::string& name) {
        const int row = scenarios_->rowCount();
        scenarios_->insertRow(row);
        auto* item = cell(label);
        item->setData(NameRole, toQString(name));
        item->setToolTip(toQString(name));
        scenarios_->setItem(row, ScenarioColumn, item);
        for (int column = ReturnColumn; column < DetailColumn; ++column)
            scenarios_->setItem(row, column, figure(kMissing));
        scenarios_->setItem(row, DetailColumn, cell(QString()));
        return row;
    };
    const auto setSwatch = [this](int row, qsizetype curve) {
        if (curve < curves_.size())
            scenarios_->item(row, ScenarioColumn)->setIcon(colorSwatch(curves_[curve]->pen().color()));
    };
    const auto fillSlippage = [this](int row, const validation::SlippageStress& s) {
        scenarios_->item(row, ReturnColumn)->setText(percent(s.total_return));
        scenarios_->item(row, SharpeColumn)->setText(number(s.sharpe, 2));
        scenarios_->item(row, CalmarColumn)->setText(number(s.calmar, 2));
        scenarios_->item(row, DrawdownColumn)->setText(percent(s.max_drawdown));
        scenarios_->item(row, TradesColumn)->setText(QString::number(s.trades));
        scenarios_->item(row, ExpectancyColumn)->setText(number(s.expectancy, 3));
    };

    int row = addRow(tr("Baseline (1× slippage)"), "baseline");
    fillSlippage(row, report.baseline);
    scenarios_->item(row, DetailColumn)->setText(tr("the continuous train+validation run"));
    setSwatch(row, 0);

    const auto curveOf = [&report](const std::string& name) {
        const auto run = std::find_if(report.runs.begin(), report.runs.end(),
                                      [&name](const auto& r) { return r.name == name; });
        return run == report.runs.end() ? std::numeric_limits<qsizetype>::max()
                                        : 1 + qsizetype(run - report.runs.begin());
    };
    for (const validation::SlippageStress& s : report.slippage) {
        row = addRow(scenarioLabel(s.name), s.name);
        fillSlippage(row, s);
        scenarios_->item(row, DetailColumn)
            ->setText(tr("every fill's slippage × %1").arg(QLocale().toString(s.multiplier)));
        setSwatch(row, curveOf(s.name));
    }

    if (const auto& crash = report.flash_crash) {
        row = addRow(tr("Flash crash"), "flash_crash");
        scenarios_->item(row, ReturnColumn)->setText(percent(crash->total_return));
        scenarios_->item(row, SharpeColumn)->setText(number(crash->sharpe, 2));
        scenarios_->item(row, CalmarColumn)->setText(number(crash->calmar, 2));
        scenarios_->item(row, DrawdownColumn)->setText(percent(crash->max_drawdown));
        scenarios_->item(row, TradesColumn)->setText(QString::number(crash->trades));
        scenarios_->item(row, ExpectancyColumn)->setText(number(crash->expectancy, 3));
        const QString recovery = !crash->drawdown_peak ? tr("no drawdown")
                                 : crash->recovery_days < 0
                                     ? tr("never back at its peak")
                                     : tr("back at its peak after %n day(s)", nullptr, crash->recovery_days);
        scenarios_->item(row, DetailColumn)
            ->setText(tr("%n crash date(s); %1; %2", nullptr, int(crash->crash_dates.size()))
                          .arg(crash->survived ? tr("survived") : tr("did not survive"), recovery));
        QStringList dates;
        for (const Date date : crash->crash_dates) dates << isoDate(date);
        scenarios_->item(row, DetailColumn)
            ->setToolTip(tr("Crash dates: %1").arg(dates.join(QStringLiteral(", "))));
        setSwatch(row, curveOf("flash_crash"));
    }

    for (const auto* regime : {&report.bear, &report.range}) {
        if (!*regime) continue;
        const validation::RegimeStress& r = **regime;
        row = addRow(r.regime == "bear" ? tr("Bear months (baseline)") : tr("Range months (baseline)"),
                     r.regime);
        QString detail;
        if (r.months.empty()) {
            detail = toQString(r.note);
        } else {
            scenarios_->item(row, ReturnColumn)->setText(percent(r.total_return));
            scenarios_->item(row, SharpeColumn)->setText(number(r.sharpe, 2));
            scenarios_->item(row, DrawdownColumn)->setText(percent(r.max_drawdown));
            scenarios_->item(row, TradesColumn)->setText(QString::number(r.trades));
            scenarios_->item(row, ExpectancyColumn)->setText(number(r.expectancy, 3));
            detail = tr("%n month(s), ", nullptr, int(r.months.size())) + tr("%n day(s)", nullptr, r.days);
            if (!r.note.empty()) detail += QStringLiteral("; ") + toQString(r.note);
            QStringList months;
            for (const validation::MonthReturn& m : r.months)
                months << tr("%1 (%2)").arg(isoDate(m.first).left(7), percent(m.ret));
            scenarios_->item(row, DetailColumn)
                ->setToolTip(tr("Benchmark months: %1").arg(months.join(QStringLiteral(", "))));
        }
        scenarios_->item(row, DetailColumn)->setText(detail);
    }
}

void StressView::fillChecks(const validation::StressReport& report) {
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    checks_->setRowCount(int(report.checks.size()));
    for (int row = 0; row < int(report.checks.size()); ++row) {
        const validation::StressCheck& c = report.checks[std::size_t(row)];
        auto* name = cell(checkLabel(c.name));
        name->setData(NameRole, toQString(c.name));
        name->setToolTip(toQString(c.name));
        checks_->setItem(row, CheckColumn, name);
        checks_->setItem(row, ValueColumn,
                         cell(c.applicable ? checkFigure(c.name, c.value) : kMissing, right));
        checks_->setItem(row, ComparisonColumn,
                         cell(c.applicable ? toQString(c.comparison) : QString(), Qt::AlignCenter));
        checks_->setItem(row, ThresholdColumn,
                         cell(c.applicable ? checkFigure(c.name, c.threshold) : kMissing, right));
        auto* result = cell(!c.applicable ? tr("n/a") : c.passed ? tr("pass") : tr("FAIL"), Qt::AlignCenter);
        result->setForeground(!c.applicable ? kNotApplicableColor : c.passed ? kPassColor : kFailColor);
        if (c.applicable && !c.passed) {
            QFont bold = result->font();
            bold.setBold(true);
            result->setFont(bold);
        }
        checks_->setItem(row, ResultColumn, result);
        auto* note = cell(toQString(c.note));
        note->setToolTip(toQString(c.note));
        checks_->setItem(row, NoteColumn, note);
    }
}

void StressView::showNotes(const validation::StressReport& report) {
    const validation::CorrelationStress& c = report.correlation;
    if (!c.note.empty()) {
        correlation_->setText(tr("Correlation stress (baseline): %1").arg(toQString(c.note)));
    } else {
        const QString increase = c.correlation_increase
                                     ? tr("; increase in drawdown %1").arg(number(*c.correlation_increase, 3))
                                     : QString();
        correlation_->setText(
            tr("Correlation stress (baseline): average pairwise correlation of the positions held %1 on "
               "normal days (%2 days), %3 on drawdown days (%4 days)%5")
                .arg(number(c.normal_avg_corr, 3))
                .arg(c.normal_count)
                .arg(number(c.drawdown_avg_corr, 3))
                .arg(c.drawdown_count)
                .arg(increase));
    }

    if (report.warnings.empty()) {
        warnings_->setText(tr("No warnings."));
        warnings_->setStyleSheet({});
        return;
    }
    QStringList lines{tr("Warnings:")};
    for (const std::string& warning : report.warnings) lines << QStringLiteral("• ") + toQString(warning);
    warnings_->setText(lines.join(QLatin1Char('\n')));
    warnings_->setStyleSheet(QStringLiteral("color: %1;").arg(kCancelledColor.name()));
}

}  // namespace tradelab::gui
