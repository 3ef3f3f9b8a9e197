#include "walk_forward_view.hpp"

#include "result_tables.hpp"

#include <qcustomplot.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QResizeEvent>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>

#include "backtest/run_market.hpp"
#include "core/parallel.hpp"
#include "metrics/metrics_json.hpp"
#include "price_chart.hpp"
#include "qt_conversions.hpp"
#include "stacked_panes.hpp"
#include "store/results_store.hpp"
#include "validation/sweep.hpp"
#include "validation/validation_store.hpp"

namespace tradelab::gui {
namespace {

// Translation context for the job's texts.
struct WalkForwardText {
    Q_DECLARE_TR_FUNCTIONS(WalkForwardJob)
};

// Loading the market is a small part of a walk-forward; the folds' sweeps are the rest.
constexpr double kLoadShare = 0.05;

constexpr std::size_t kSuggestedMinimumFolds = 3;

const QColor kEquityColor(0x1f, 0x5f, 0xa8);
const QColor kDrawdownColor(0xc6, 0x28, 0x28);
const QColor kBoundaryColor(0x70, 0x70, 0x70);
// Neighbouring folds alternate, so each span reads as one block without a legend.
const QColor kFoldShades[] = {QColor(0xdc, 0xea, 0xf7), QColor(0xec, 0xec, 0xec)};

QString span(const validation::Period& period) {
    return WalkForwardText::tr("%1 – %2").arg(isoDate(period.start), isoDate(period.end));
}

// No English plural forms are installed, so the singular has its own text.
QString foldsText(std::size_t count) {
    return count == 1 ? WalkForwardText::tr("1 fold") : WalkForwardText::tr("%n folds", nullptr, int(count));
}

// Every name metric_value accepts, in the engine's order: the numeric figures of a metrics record.
QStringList objectiveKeys() {
    QStringList keys;
    const nlohmann::ordered_json figures = metrics::metrics_to_json(metrics::PerformanceMetrics{});
    for (const auto& [key, value] : figures.items())
        if (value.is_number() || value.is_null()) keys << toQString(key);
    return keys;
}

// The checks whose value and threshold are fractions; the others (the efficiency) are ratios.
bool isFractionCheck(const std::string& name) {
    return name == "profitable_overall" || name == "profitable_window_fraction" ||
           name == "max_single_window_profit_share" || name == "max_drawdown";
}

QString checkLabel(const std::string& name) {
    if (name == "profitable_overall") return WalkForwardText::tr("Stitched return");
    if (name == "walk_forward_efficiency") return WalkForwardText::tr("Walk-forward efficiency");
    if (name == "profitable_window_fraction") return WalkForwardText::tr("Profitable folds");
    if (name == "max_single_window_profit_share")
        return WalkForwardText::tr("Largest fold's share of the profit");
    if (name == "max_drawdown") return WalkForwardText::tr("Stitched max drawdown");
    return toQString(name);
}

QString checkValue(const std::string& name, double value) {
    return isFractionCheck(name) ? percent(value) : number(value, 3);
}

// "exit.hard_stop_atr_mult" -> "exit\nhard_stop_atr_mult": a narrow two-line column header.
QString axisHeader(const std::string& name) {
    QString header = toQString(name);
    const qsizetype dot = header.lastIndexOf(QLatin1Char('.'));
    if (dot > 0) header[dot] = QLatin1Char('\n');
    return header;
}

std::size_t foldCount(const config::RunConfig& run, const validation::WalkForwardOptions& options) {
    try {
        return validation::walk_forward_folds(run, options).size();
    } catch (const std::invalid_argument&) {
        return 0;  // the schedule does not fit the data: a candidate like any other, with no folds
    }
}

// Stores the completed folds as `tradelab-cli walkforward` does; a store that cannot be written
// leaves the result shown, with the reason.
void storeFolds(const validation::WalkForwardResult& result, const PreparedRun& prepared,
                const PreparedRun::Prepared& ready, RunJobOutcome& outcome, WalkForwardOutput& output) {
    storeJobRuns(prepared.configPath(), ready, outcome,
                 [&](store::ResultsStore& results, store::RunDescription base) {
                     base.thread_count = resolve_threads(result.options.threads);
                     const auto stored = validation::store_walk_forward(results, base, result, *ready.market);
                     output.storedRunIds = stored.fold_run_ids;
                     if (!stored.fold_run_ids.empty()) outcome.storedRunId = stored.fold_run_ids.back();
                 });
}

}  // namespace

// ---------------------------------------------------------------------------------------------- the job

RunJobWork walkForwardWork(std::shared_ptr<PreparedRun> prepared, validation::WalkForwardOptions options,
                           std::shared_ptr<WalkForwardOutput> output) {
    return [prepared = std::move(prepared), options = std::move(options),
            output = std::move(output)](const Progress& progress) {
        RunJobOutcome outcome;
        PreparedRun::Prepared ready;
        if (!prepareJob(*prepared, progress, kLoadShare, ready, outcome)) return outcome;
        std::shared_ptr<validation::WalkForwardResult> result;
        try {
            const std::vector<validation::SweepGrid> grids = validation::grids_from_config(*ready.config);
            if (grids.empty()) {
                outcome.error =
                    WalkForwardText::tr("The config enables no strategy, so there is no grid to optimise.");
                return outcome;
            }
            const validation::PointConfigSource source{toPath(prepared->configPath()), *ready.config, {}};
            result = std::make_shared<validation::WalkForwardResult>(validation::run_walk_forward(
                *ready.market, source, grids.front(), options, scaled(progress, kLoadShare, 1.0)));
        } catch (const std::exception& failure) {
            // A schedule no fold fits, an unknown objective, a fold with no point to choose.
            outcome.error = WalkForwardText::tr("The walk-forward optimisation failed: %1")
                                .arg(QString::fromLocal8Bit(failure.what()));
            return outcome;
        }
        outcome.cancelled = result->partial;
        outcome.periodsPerYear = backtest::periods_per_year(*ready.market);
        // The completed folds of a cancelled run are whole backtests: stored, as the command line does.
        if (!result->folds.empty()) storeFolds(*result, *prepared, ready, outcome, *output);
        // The run manager counts a job as finished only with a run to show, and a stitched curve is no
        // RunResult: the last fold's out-of-sample run stands for the job (its headline, its id).
        if (!outcome.cancelled && !result->folds.empty())
            outcome.result = std::make_shared<backtest::RunResult>(result->folds.back().out_of_sample_run);
        output->result = std::move(result);
        return outcome;
    };
}

validation::WalkForwardOptions suggestedWalkForwardOptions(const config::RunConfig& run) {
    struct Schedule {
        int inSample;
        int outOfSample;
    };
    constexpr Schedule kSchedules[] = {{24, 6}, {12, 3}, {9, 3}, {6, 2}};
    validation::WalkForwardOptions best;
    std::size_t bestFolds = 0;
    for (const Schedule& schedule : kSchedules) {
        validation::WalkForwardOptions candidate;
        candidate.in_sample_months = schedule.inSample;
        candidate.out_of_sample_months = schedule.outOfSample;
        const std::size_t folds = foldCount(run, candidate);
        if (folds >= kSuggestedMinimumFolds) return candidate;
        if (folds > bestFolds) {
            best = candidate;
            bestFolds = folds;
        }
    }
    return best;  // the default 24/6 when nothing fits: the dialog then says why
}

// ------------------------------------------------------------------------------------------- the dialog

WalkForwardSettingsDialog::WalkForwardSettingsDialog(const config::RunConfig& run,
                                                     const validation::WalkForwardOptions& initial,
                                                     QWidget* parent)
    : QDialog(parent), run_(run), initial_(initial) {
    setWindowTitle(tr("Walk-Forward Optimisation"));

    inSampleMonths_ = new QSpinBox(this);
    outOfSampleMonths_ = new QSpinBox(this);
    for (QSpinBox* box : {inSampleMonths_, outOfSampleMonths_}) {
        box->setRange(1, 600);
        box->setSuffix(tr(" months"));
    }
    inSampleMonths_->setValue(initial.in_sample_months);
    outOfSampleMonths_->setValue(initial.out_of_sample_months);
    outOfSampleMonths_->setToolTip(tr("Also the step from one fold to the next"));
    windowKind_ = new QComboBox(this);
    windowKind_->addItem(tr("Rolling: the in-sample window keeps its length"), false);
    windowKind_->addItem(tr("Anchored: the in-sample window grows from the first start"), true);
    windowKind_->setCurrentIndex(initial.anchored ? 1 : 0);
    schedule_ = new QLabel(this);
    schedule_->setWordWrap(true);
    schedule_->setTextFormat(Qt::PlainText);

    auto* scheduleBox = new QGroupBox(tr("Schedule"), this);
    auto* scheduleForm = new QFormLayout(scheduleBox);
    scheduleForm->addRow(tr("&In sample:"), inSampleMonths_);
    scheduleForm->addRow(tr("&Out of sample:"), outOfSampleMonths_);
    scheduleForm->addRow(tr("&Windows:"), windowKind_);
    scheduleForm->addRow(schedule_);

    objective_ = new QComboBox(this);
    for (const QString& key : objectiveKeys()) objective_->addItem(metricName(key.toStdString()), key);
    const int objectiveIndex = objective_->findData(toQString(initial.objective));
    objective_->setCurrentIndex(objectiveIndex >= 0 ? objectiveIndex
                                                    : objective_->findData(QStringLiteral("sharpe_ratio")));
    objective_->setToolTip(tr("Each in-sample sweep picks the grid point with the highest value"));

    const auto percentBox = [this](double fraction) {
        auto* box = new QDoubleSpinBox(this);
        box->setRange(0.0, 100.0);
        box->setDecimals(1);
        box->setSingleStep(5.0);
        box->setSuffix(tr(" %"));
        box->setValue(100.0 * fraction);
        return box;
    };
    const validation::WalkForwardThresholds& thresholds = initial.thresholds;
    minWfe_ = new QDoubleSpinBox(this);
    minWfe_->setRange(0.0, 100.0);
    minWfe_->setDecimals(2);
    minWfe_->setSingleStep(0.05);
    minWfe_->setValue(thresholds.min_wfe);
    minWfe_->setToolTip(tr("Mean out-of-sample annual return over mean in-sample annual return"));
    minProfitableFraction_ = percentBox(thresholds.min_profitable_window_fraction);
    maxWindowProfitShare_ = percentBox(thresholds.max_single_window_profit_share);
    maxDrawdown_ = percentBox(thresholds.max_drawdown);

    auto* rulesBox = new QGroupBox(tr("Pass rules"), this);
    auto* rulesForm = new QFormLayout(rulesBox);
    rulesForm->addRow(tr("Minimum walk-forward &efficiency:"), minWfe_);
    rulesForm->addRow(tr("Minimum share of &profitable folds:"), minProfitableFraction_);
    rulesForm->addRow(tr("Maximum share of the profit from one &fold:"), maxWindowProfitShare_);
    rulesForm->addRow(tr("Maximum stitched &drawdown:"), maxDrawdown_);

    auto* objectiveForm = new QFormLayout;
    objectiveForm->addRow(tr("O&bjective:"), objective_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    okButton_ = buttons->button(QDialogButtonBox::Ok);
    okButton_->setText(tr("&Run"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scheduleBox);
    layout->addLayout(objectiveForm);
    layout->addWidget(rulesBox);
    layout->addWidget(buttons);

    for (QSpinBox* box : {inSampleMonths_, outOfSampleMonths_})
        connect(box, &QSpinBox::valueChanged, this, &WalkForwardSettingsDialog::updateSchedule);
    connect(windowKind_, &QComboBox::currentIndexChanged, this, &WalkForwardSettingsDialog::updateSchedule);
    updateSchedule();
}

validation::WalkForwardOptions WalkForwardSettingsDialog::options() const {
    validation::WalkForwardOptions options = initial_;  // keeps the dates and the thread count
    options.in_sample_months = inSampleMonths_->value();
    options.out_of_sample_months = outOfSampleMonths_->value();
    options.anchored = windowKind_->currentData().toBool();
    options.objective = objective_->currentData().toString().toStdString();
    options.thresholds.min_wfe = minWfe_->value();
    options.thresholds.min_profitable_window_fraction = minProfitableFraction_->value() / 100.0;
    options.thresholds.max_single_window_profit_share = maxWindowProfitShare_->value() / 100.0;
    options.thresholds.max_drawdown = maxDrawdown_->value() / 100.0;
    return options;
}

QString WalkForwardSettingsDialog::scheduleText() const {
    return schedule_->text();
}

void WalkForwardSettingsDialog::updateSchedule() {
    try {
        const std::vector<validation::Fold> folds = validation::walk_forward_folds(run_, options());
        scheduleFits_ = true;
        schedule_->setText(tr("%1 from %2 to %3; out of sample from %4")
                               .arg(foldsText(folds.size()), isoDate(folds.front().in_sample.start),
                                    isoDate(folds.back().out_of_sample.end),
                                    isoDate(folds.front().out_of_sample.start)));
        schedule_->setStyleSheet({});
    } catch (const std::invalid_argument& problem) {
        // The engine's text names the dates that do not fit.
        scheduleFits_ = false;
        schedule_->setText(QString::fromLocal8Bit(problem.what()));
        schedule_->setStyleSheet(QStringLiteral("color: %1;").arg(kFailColor.name()));
    }
    okButton_->setEnabled(scheduleFits_);
}

// --------------------------------------------------------------------------------------------- the view

WalkForwardView::WalkForwardView(QWidget* parent)
    : QWidget(parent),
      headline_(new QLabel(this)),
      plot_(new QCustomPlot(this)),
      folds_(new QTableWidget(this)),
      checks_(new QTableWidget(this)) {
    headline_->setWordWrap(true);
    headline_->setTextFormat(Qt::PlainText);
    headline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setUpPlot();

    for (QTableWidget* table : {folds_, checks_}) setUpResultTable(table);
    checks_->setColumnCount(ResultColumn + 1);
    checks_->setHorizontalHeaderLabels({tr("Check"), tr("Value"), QString(), tr("Threshold"), tr("Result")});

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(plot_);
    splitter->addWidget(folds_);
    splitter->addWidget(checks_);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(headline_);
    layout->addWidget(splitter, 1);
    clear(tr("No walk-forward optimisation yet"));
}

void WalkForwardView::setUpPlot() {
    const StackedPanes panes = makeStackedPanes(plot_, font());
    title_ = panes.title;
    equityPane_ = panes.upper;
    drawdownPane_ = panes.lower;
    dateTicker_ = panes.dateTicker;
    plot_->plotLayout()->setRowStretchFactor(1, 3.0);
    plot_->plotLayout()->setRowStretchFactor(2, 1.2);
    // The drawdown pane is short: a long label would not fit beside it.
    setUpEquityAndDrawdownAxes(panes, tr("Stitched equity"), tr("DD (%)"), 3);
    QCPAxis* equity = equityPane_->axis(QCPAxis::atLeft);
    QCPAxis* drawdown = drawdownPane_->axis(QCPAxis::atLeft);

    equityGraph_ = plot_->addGraph(equityPane_->axis(QCPAxis::atBottom), equity);
    equityGraph_->setName(tr("Stitched out-of-sample equity"));
    equityGraph_->setPen(QPen(kEquityColor, 1.6));
    drawdownGraph_ = plot_->addGraph(drawdownPane_->axis(QCPAxis::atBottom), drawdown);
    drawdownGraph_->setName(tr("Drawdown"));
    drawdownGraph_->setPen(QPen(kDrawdownColor, 1.2));
    QColor fill = kDrawdownColor;
    fill.setAlpha(70);
    drawdownGraph_->setBrush(fill);  // filled down from 0 to the curve: the "underwater" area

    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    timeAxes_ = new LinkedTimeAxes(
        panes, [this] { return dataTimeRange(); },
        [this](const QCPRange& timeRange) { fitValueAxes(timeRange); });
    crosshair_ = new PaneCrosshair(plot_, panes, [this](double key) { return readingAt(key); });
    // The plot's own minimum follows its title; a long one must not widen the window.
    plot_->setMinimumSize(320, 240);
}

QString WalkForwardView::headlineText() const {
    return headline_->text();
}

void WalkForwardView::removeCurve() {
    crosshair_->hide();  // it read the curve being removed
    equityGraph_->data()->clear();
    drawdownGraph_->data()->clear();
    for (QCPAbstractItem* item : std::as_const(foldItems_)) plot_->removeItem(item);
    foldItems_.clear();
    spans_.clear();
}

void WalkForwardView::clear(const QString& message) {
    headline_->setText(message);
    headline_->setStyleSheet({});
    removeCurve();
    title_->setText(message);
    folds_->setRowCount(0);
    checks_->setRowCount(0);
    plot_->replot();
}

void WalkForwardView::setResult(const validation::WalkForwardResult& result, const QString& title) {
    const QLocale locale;
    const QString wfe = std::isfinite(result.wfe) ? tr("WFE %1").arg(locale.toString(result.wfe, 'f', 2))
                                                  : tr("WFE undefined (%1)").arg(toQString(result.wfe_note));
    const QString verdict = result.passed ? tr("PASSED") : tr("FAILED");
    const QString state = result.partial ? tr(" (partial: cancelled after %1 of %2 folds)")
                                               .arg(qsizetype(result.folds.size()))
                                               .arg(qsizetype(result.planned.size()))
                                         : QString();
    headline_->setText(
        tr("%1: walk-forward %2%3 — stitched out-of-sample return %4, Sharpe %5, max DD %6, %7")
            .arg(title, verdict, state, percent(result.stitched_total_return),
                 number(result.stitched_sharpe, 2), percent(result.stitched_max_drawdown), wfe));
    headline_->setStyleSheet(QStringLiteral("color: %1; font-size: 115%; font-weight: bold;")
                                 .arg((result.passed ? kPassColor : kFailColor).name()));

    removeCurve();
    const validation::WalkForwardOptions& o = result.options;
    title_->setText(tr("%1 — stitched out-of-sample equity, %2 (%3 + %4 months, %5)")
                        .arg(title, foldsText(result.folds.size()), QString::number(o.in_sample_months),
                             QString::number(o.out_of_sample_months),
                             o.anchored ? tr("anchored") : tr("rolling")));
    showCurve(result);
    fillFolds(result);
    fillChecks(result);
}

void WalkForwardView::showCurve(const validation::WalkForwardResult& result) {
    QVector<double> keys;
    QVector<double> equity;
    keys.reserve(qsizetype(result.stitched.size()));
    equity.reserve(keys.capacity());
    for (const validation::StitchedPoint& point : result.stitched) {
        keys.append(PriceChart::plotKey(point.date));
        equity.append(point.equity);
    }
    equityGraph_->setData(keys, equity, true);
    // From the starting equity, as the stitched max drawdown counts it.
    drawdownGraph_->setData(keys, drawdownPercent(equity, result.starting_equity), true);

    for (const validation::FoldResult& fold : result.folds) {
        const QCPRange span =
            daySpan(toQDate(fold.fold.out_of_sample.start), toQDate(fold.fold.out_of_sample.end));
        const FoldSpan foldSpan{fold.fold.number, span.lower, span.upper};
        spans_.append(foldSpan);
        addFoldMarks(equityPane_, foldSpan, true);
        addFoldMarks(drawdownPane_, foldSpan, false);
    }
    if (!spans_.isEmpty()) {
        for (QCPAxisRect* pane : {equityPane_, drawdownPane_}) addBoundary(pane, spans_.back().end);
    }
    if (keys.isEmpty()) {
        plot_->replot();
        return;
    }
    timeAxes_->showAll();
    plot_->replot();
}

// The fold's out-of-sample span shaded behind the grid and the curve, a line where it starts and, in
// the equity pane, its number at the top.
void WalkForwardView::addFoldMarks(QCPAxisRect* pane, const FoldSpan& foldSpan, bool labelled) {
    const QCPRange keys(foldSpan.start, foldSpan.end);
    foldItems_.append(addSpanShade(pane, keys, kFoldShades[(foldSpan.number - 1) % 2]));
    addBoundary(pane, foldSpan.start);
    if (labelled) foldItems_.append(addSpanLabel(pane, keys, QString::number(foldSpan.number)));
}

void WalkForwardView::addBoundary(QCPAxisRect* pane, double key) {
    foldItems_.append(addVerticalLine(pane, key, QPen(kBoundaryColor, 0.0, Qt::DashLine)));
}

std::optional<QCPRange> WalkForwardView::dataTimeRange() const {
    bool found = false;
    QCPRange range = equityGraph_->getKeyRange(found);
    if (!found) return std::nullopt;
    for (const FoldSpan& foldSpan : spans_) {
        range.lower = std::min(range.lower, foldSpan.start);
        range.upper = std::max(range.upper, foldSpan.end);
    }
    return LinkedTimeAxes::padded(range);
}

void WalkForwardView::fitValueAxes(const QCPRange& timeRange) {
    bool found = false;
    const QCPRange equity = equityGraph_->getValueRange(found, QCP::sdBoth, timeRange);
    if (found) {
        // Room above for the fold numbers, below so the lowest point does not sit on the axis.
        const double size = std::max(equity.size(), std::abs(equity.upper) * 0.01);
        equityPane_->axis(QCPAxis::atLeft)->setRange(equity.lower - size * 0.08, equity.upper + size * 0.15);
    }
    const QCPRange drawdown = drawdownGraph_->getValueRange(found, QCP::sdBoth, timeRange);
    const double deepest = found ? std::min(drawdown.lower, 0.0) : 0.0;
    drawdownPane_->axis(QCPAxis::atLeft)->setRange(std::min(deepest * 1.1, -1.0), 0.0);
}

std::optional<CrosshairReading> WalkForwardView::readingAt(double key) const {
    const auto equity = nearestByKey(*equityGraph_->data(), key);
    if (equity == equityGraph_->data()->constEnd()) return std::nullopt;
    const auto drawdown = nearestByKey(*drawdownGraph_->data(), equity->key);
    int fold = 0;
    for (const FoldSpan& foldSpan : spans_)
        if (equity->key >= foldSpan.start && equity->key <= foldSpan.end) fold = foldSpan.number;
    const QLocale locale;
    return CrosshairReading{equity->key, tr("%1  Equity %2  Drawdown %3 %  (fold %4)")
                                             .arg(dateOfPlotKey(equity->key).toString(Qt::ISODate),
                                                  locale.toString(equity->value, 'f', 2),
                                                  locale.toString(drawdown->value, 'f', 2))
                                             .arg(fold)};
}

void WalkForwardView::fillFolds(const validation::WalkForwardResult& result) {
    const std::vector<validation::ParameterAxis>& axes = result.grid.axes;
    const int firstAxis = 3;
    const int afterAxes = firstAxis + int(axes.size());
    QStringList headers{tr("Fold"), tr("In sample"), tr("Out of sample")};
    for (const validation::ParameterAxis& axis : axes) headers << axisHeader(axis.name);
    headers << tr("In-sample\n%1").arg(metricName(result.options.objective)) << tr("Out-of-sample\nreturn")
            << tr("Out-of-sample\nmax DD") << tr("Trades");
    folds_->clear();
    folds_->setColumnCount(int(headers.size()));
    folds_->setHorizontalHeaderLabels(headers);
    for (std::size_t a = 0; a < axes.size(); ++a)
        folds_->horizontalHeaderItem(firstAxis + int(a))
            ->setToolTip(tr("The winner's %1").arg(toQString(axes[a].name)));
    folds_->horizontalHeaderItem(afterAxes)->setToolTip(
        tr("The winner's %1 on its in-sample window").arg(toQString(result.options.objective)));

    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    folds_->setRowCount(int(result.folds.size()));
    for (int row = 0; row < int(result.folds.size()); ++row) {
        const validation::FoldResult& f = result.folds[std::size_t(row)];
        folds_->setItem(row, 0, cell(QString::number(f.fold.number), right));
        folds_->setItem(row, 1, cell(span(f.fold.in_sample)));
        folds_->setItem(row, 2, cell(span(f.fold.out_of_sample)));
        for (std::size_t a = 0; a < f.winner_labels.size() && a < axes.size(); ++a)
            folds_->setItem(row, firstAxis + int(a), cell(toQString(f.winner_labels[a]), right));
        folds_->setItem(row, afterAxes, cell(number(f.in_sample_objective, 3), right));
        auto* ret = cell(percent(f.out_of_sample.total_return), right);
        ret->setForeground(f.out_of_sample.total_return > 0.0 ? kPassColor : kFailColor);
        folds_->setItem(row, afterAxes + 1, ret);
        folds_->setItem(row, afterAxes + 2, cell(percent(f.out_of_sample.max_drawdown), right));
        folds_->setItem(row, afterAxes + 3, cell(QString::number(f.out_of_sample.total_trades), right));
    }
    folds_->setCurrentCell(-1, -1);  // no focus frame on the first cell of a table nobody clicked yet
}

void WalkForwardView::fillChecks(const validation::WalkForwardResult& result) {
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    checks_->setRowCount(int(result.checks.size()));
    for (int row = 0; row < int(result.checks.size()); ++row) {
        const validation::WalkForwardCheck& c = result.checks[std::size_t(row)];
        auto* name = cell(checkLabel(c.name));
        name->setToolTip(toQString(c.name));
        checks_->setItem(row, CheckColumn, name);
        checks_->setItem(row, ValueColumn, cell(checkValue(c.name, c.value), right));
        checks_->setItem(row, ComparisonColumn, cell(toQString(c.comparison), Qt::AlignCenter));
        checks_->setItem(row, ThresholdColumn, cell(checkValue(c.name, c.threshold), right));
        const QString verdict = c.passed ? tr("pass") : tr("FAIL");
        auto* item = cell(c.note.empty() ? verdict : tr("%1 (%2)").arg(verdict, toQString(c.note)));
        item->setForeground(c.passed ? kPassColor : kFailColor);
        checks_->setItem(row, ResultColumn, item);
    }
    checks_->setCurrentCell(-1, -1);
}

void WalkForwardView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    timeAxes_->fitTickCount(width());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tradelab::gui
