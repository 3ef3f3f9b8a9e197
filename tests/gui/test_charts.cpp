// The sensitivity heatmap and the trade histogram: their numbers against the engine's, the heatmap's
// axes and clicks, a large heatmap's render time, and both views in the main window.
#include <qcustomplot.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "backtest/backtest.hpp"
#include "config/config_loader.hpp"
#include "equity_chart.hpp"
#include "main_window.hpp"
#include "metrics/performance_metrics.hpp"
#include "run_manager.hpp"
#include "sensitivity_heatmap.hpp"
#include "trade_histogram.hpp"
#include "validation/sweep.hpp"
#include "validation/sweep_analysis.hpp"

using namespace tradelab;
using namespace tradelab::gui;

namespace {

const QString kConfigDir = QStringLiteral(TRADELAB_REFERENCE_CONFIG_DIR);
const QString kEquityConfig = kConfigDir + QStringLiteral("/eq.yaml");
constexpr int kJobTimeoutMs = 120000;
const QSize kViewSize(1100, 700);

// eq.yaml's grid: exit.hard_stop_atr_mult × entry.fast_clearance × exit.exit_ma × volatility_scaling.mode.
constexpr std::size_t kStopAxis = 0;
constexpr std::size_t kClearanceAxis = 1;
constexpr std::size_t kExitMaAxis = 2;

bool sameValue(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

bool evaluated(const validation::SweepPoint& point) {
    return point.valid && point.done && std::isfinite(point.objective);
}

std::size_t axisIndex(const validation::SweepResult& sweep, const std::string& name) {
    const auto& axes = sweep.grid.axes;
    for (std::size_t a = 0; a < axes.size(); ++a)
        if (axes[a].name == name) return a;
    return axes.size();
}

// Saves what `view` shows next to the test binary, in the build tree, once its layout and the plot's
// queued replots have run: the picture a user would see.
bool saveScreenshot(QWidget& view, QCustomPlot& plot, const QString& name) {
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    plot.replot(QCustomPlot::rpImmediateRefresh);
    return view.grab().save(QDir(QCoreApplication::applicationDirPath()).filePath(name));
}

// A 40 × 25 grid filled by hand: one point per cell, a smooth surface with a few invalid points.
std::shared_ptr<validation::SweepResult> syntheticSweep() {
    auto sweep = std::make_shared<validation::SweepResult>();
    sweep->objective = "sharpe_ratio";
    sweep->period = "train";
    sweep->start = make_date(2024, 3, 1);
    sweep->end = make_date(2025, 6, 30);
    sweep->grid.slot = "equity";
    validation::ParameterAxis lookback{"entry.lookback", {}};
    for (int i = 0; i < 40; ++i) lookback.values.push_back({std::to_string(10 + 5 * i), {}});
    validation::ParameterAxis stop{"exit.hard_stop_atr_mult", {}};
    for (int i = 0; i < 25; ++i) stop.values.push_back({QString::number(1.0 + 0.25 * i).toStdString(), {}});
    sweep->grid.axes = {lookback, stop};
    sweep->points.resize(sweep->grid.size());
    for (std::size_t i = 0; i < sweep->points.size(); ++i) {
        validation::SweepPoint& point = sweep->points[i];
        const auto at = sweep->grid.coordinates(i);
        point.index = i;
        point.labels = {lookback.values[at[0]].label, stop.values[at[1]].label};
        point.valid = i % 97 != 13;
        point.done = point.valid;
        point.objective =
            std::sin(double(at[0]) / 7.0) * std::cos(double(at[1]) / 5.0) + 0.002 * double(at[0]);
        if (!point.valid) point.invalid_reason = "not a valid combination";
    }
    return sweep;
}

}  // namespace

class ChartsTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void heatmapCellsAreTheEnginesMeansAndMaxima();
    void invalidCellsAreEmpty();
    void switchingAxesChangesTheMatrixShape();
    void anotherObjectiveRescoresTheCellsAndTheBestPoint();
    void bestAndBestStablePointsAreOutlined();
    void clickingACellEmitsItsBestPoint();
    void thousandCellHeatmapRenders();
    void tradeHistogramCountsEveryTradeWithAnR();
    void sensitivitySweepRunsAsAJobAndAPointOpensItsRun();
    void sweepWithoutConfigAsksForOne();

  private:
    // Shows the view at a fixed size and waits until it is on screen, so pixel positions are real.
    void showView(QWidget& view);

    config::RunConfig config_;
    std::unique_ptr<backtest::RunMarket> market_;
    std::shared_ptr<const validation::SweepResult> sweep_;
    validation::SweepAnalysis analysis_;
};

void ChartsTest::initTestCase() {
    const std::filesystem::path path = kEquityConfig.toStdString();
    config_ = config::require_ok(config::load_run_config(path));
    market_ = std::make_unique<backtest::RunMarket>(backtest::load_run_market(config_));
    const validation::PointConfigSource source{path, config_, {}};
    validation::SweepOptions options;
    options.period = "train";
    options.objective = "sharpe_ratio";
    sweep_ = std::make_shared<validation::SweepResult>(
        validation::run_sweep(*market_, source, validation::grids_from_config(config_)[0], options));
    analysis_ = validation::analyse_sweep(*sweep_);
    QCOMPARE(int(sweep_->points.size()), 96);
    QVERIFY(analysis_.invalid > 0);  // fast clearances not below the slow one
    QVERIFY(analysis_.best && analysis_.best_stable);
}

void ChartsTest::showView(QWidget& view) {
    view.resize(kViewSize);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
}

void ChartsTest::heatmapCellsAreTheEnginesMeansAndMaxima() {
    SensitivityHeatmapView view;
    view.setSweep(sweep_, QStringLiteral("eq.yaml"));
    QVERIFY(!analysis_.heatmaps.empty());
    for (const validation::Heatmap& map : analysis_.heatmaps) {
        const std::size_t x = axisIndex(*sweep_, map.x_axis);
        const std::size_t y = axisIndex(*sweep_, map.y_axis);
        QVERIFY(view.setAxes(x, y));
        QCOMPARE(view.columnCount(), int(map.x_labels.size()));
        QCOMPARE(view.rowCount(), int(map.y_labels.size()));
        for (std::size_t row = 0; row < map.y_labels.size(); ++row) {
            for (std::size_t column = 0; column < map.x_labels.size(); ++column) {
                const double expected = map.at_mean(column, row);
                QVERIFY2(sameValue(view.cellValue(int(column), int(row)), expected),
                         qPrintable(
                             QStringLiteral("%1 vs %2 at (%3, %4)")
                                 .arg(QString::fromStdString(map.x_axis), QString::fromStdString(map.y_axis))
                                 .arg(column)
                                 .arg(row)));
            }
        }
        // The same pair the other way round is the same matrix turned.
        QVERIFY(view.setAxes(y, x));
        for (std::size_t row = 0; row < map.y_labels.size(); ++row)
            for (std::size_t column = 0; column < map.x_labels.size(); ++column)
                QVERIFY(sameValue(view.cellValue(int(row), int(column)), map.at_mean(column, row)));
    }

    const validation::Heatmap& first = analysis_.heatmaps.front();
    QVERIFY(view.setAxes(axisIndex(*sweep_, first.x_axis), axisIndex(*sweep_, first.y_axis)));
    view.aggregationBox()->setCurrentIndex(
        view.aggregationBox()->findData(int(SensitivityHeatmapView::Aggregation::Max)));
    QCOMPARE(view.aggregation(), SensitivityHeatmapView::Aggregation::Max);
    for (std::size_t cell = 0; cell < first.max.size(); ++cell) {
        const int column = int(cell % first.x_labels.size());
        const int row = int(cell / first.x_labels.size());
        QVERIFY(sameValue(view.cellValue(column, row), first.max[cell]));
    }
    QVERIFY(view.title().contains(QStringLiteral("Sharpe ratio")));
    QVERIFY(view.title().contains(QStringLiteral("eq.yaml")));
}

void ChartsTest::invalidCellsAreEmpty() {
    SensitivityHeatmapView view;
    view.setSweep(sweep_);
    QVERIFY(view.setAxes(kStopAxis, kClearanceAxis));
    int empty = 0;
    for (int row = 0; row < view.rowCount(); ++row) {
        for (int column = 0; column < view.columnCount(); ++column) {
            const bool invalidRow = row >= 2;  // fast clearance 0.01 and 0.015: never a valid config
            QCOMPARE(std::isnan(view.cellValue(column, row)), invalidRow);
            QCOMPARE(view.cellText(column, row).isEmpty(), invalidRow);
            QCOMPARE(view.cellPoint(column, row).has_value(), !invalidRow);
            QCOMPARE(std::isnan(view.colorMap()->data()->cell(column, row)), invalidRow);
            empty += invalidRow ? 1 : 0;
        }
    }
    QCOMPARE(empty, 8);
    // The written value is the cell's value to three significant digits.
    QCOMPARE(view.cellText(0, 0), QLocale().toString(view.cellValue(0, 0), 'g', 3));
}

void ChartsTest::anotherObjectiveRescoresTheCellsAndTheBestPoint() {
    SensitivityHeatmapView view;
    view.setSweep(sweep_, QStringLiteral("eq.yaml"));
    QCOMPARE(view.objective(), std::string("sharpe_ratio"));
    QVERIFY(!view.setObjective("max_drawdown"));  // lower is better: not offered
    QComboBox& box = *view.objectiveBox();
    box.setCurrentIndex(box.findData(QStringLiteral("cagr")));  // as a user would
    QCOMPARE(view.objective(), std::string("cagr"));
    QVERIFY(view.title().contains(QStringLiteral("Cagr")));

    // The cells are the means of the points' own CAGR, and the best point is the highest CAGR.
    QVERIFY(view.setAxes(kStopAxis, kClearanceAxis));
    const std::size_t columns = sweep_->grid.axes[kStopAxis].values.size();
    std::map<std::pair<std::size_t, std::size_t>, std::pair<double, int>> sums;
    std::optional<std::size_t> best;
    for (const validation::SweepPoint& point : sweep_->points) {
        if (!point.valid || !point.done) continue;
        const auto at = sweep_->grid.coordinates(point.index);
        auto& [sum, count] = sums[{at[kStopAxis], at[kClearanceAxis]}];
        sum += point.metrics.cagr;
        ++count;
        if (!best || point.metrics.cagr > sweep_->points[*best].metrics.cagr) best = point.index;
    }
    for (const auto& [cell, sum] : sums)
        QVERIFY(sameValue(view.cellValue(int(cell.first), int(cell.second)), sum.first / sum.second));
    QCOMPARE(view.analysis().best, best);
    QVERIFY(columns == std::size_t(view.columnCount()));
    // The sweep as run is kept: back to its objective, back to its analysis.
    QVERIFY(view.setObjective("sharpe_ratio"));
    QCOMPARE(view.analysis().best, analysis_.best);
    QCOMPARE(view.sweep(), sweep_);
}

void ChartsTest::switchingAxesChangesTheMatrixShape() {
    SensitivityHeatmapView view;
    view.setSweep(sweep_);
    QCOMPARE(view.xAxis(), kStopAxis);
    QCOMPARE(view.yAxis(), kClearanceAxis);
    QCOMPARE(view.columnCount(), 4);
    QCOMPARE(view.rowCount(), 4);

    // Through the combo boxes, as a user would.
    QComboBox& yBox = *view.yAxisBox();
    yBox.setCurrentIndex(yBox.findText(QStringLiteral("exit.exit_ma")));
    QCOMPARE(view.yAxis(), kExitMaAxis);
    QCOMPARE(view.columnCount(), 4);
    QCOMPARE(view.rowCount(), 2);

    yBox.setCurrentIndex(yBox.findText(QStringLiteral("volatility_scaling.mode")));
    QCOMPARE(view.columnCount(), 4);
    QCOMPARE(view.rowCount(), 3);

    // Choosing for x the axis y shows swaps the two.
    QComboBox& xBox = *view.xAxisBox();
    xBox.setCurrentIndex(xBox.findText(QStringLiteral("volatility_scaling.mode")));
    QCOMPARE(view.columnCount(), 3);
    QCOMPARE(view.rowCount(), 4);
    QCOMPARE(view.yAxisBox()->currentText(), QStringLiteral("exit.hard_stop_atr_mult"));
    QCOMPARE(view.colorMap()->data()->keySize(), 3);
    QCOMPARE(view.colorMap()->data()->valueSize(), 4);

    QVERIFY(!view.setAxes(kStopAxis, kStopAxis));
    QVERIFY(!view.setAxes(kStopAxis, 17));

    // The grid run again keeps the chosen pair; another grid starts at its first pair.
    view.setSweep(sweep_);
    QCOMPARE(view.xAxisBox()->currentText(), QStringLiteral("volatility_scaling.mode"));
    QCOMPARE(view.yAxis(), kStopAxis);
    view.setSweep(syntheticSweep());
    QCOMPARE(view.xAxis(), std::size_t(0));
    QCOMPARE(view.yAxis(), std::size_t(1));
}

void ChartsTest::bestAndBestStablePointsAreOutlined() {
    SensitivityHeatmapView view;
    view.setSweep(sweep_);
    QCOMPARE(view.plot()->legend->itemCount(), 2);
    QCOMPARE(view.plot()->plottableCount(), 3);  // the cells and the two outlines
    const auto outlineCentre = [&view](int plottable) {
        const auto* outline = qobject_cast<QCPCurve*>(view.plot()->plottable(plottable));
        double x = 0.0;
        double y = 0.0;
        for (auto point = outline->data()->constBegin(); point + 1 != outline->data()->constEnd(); ++point) {
            x += point->key / 4.0;
            y += point->value / 4.0;
        }
        return QPointF(x, y);
    };
    for (const auto& [plottable, point] :
         {std::pair{1, *analysis_.best}, std::pair{2, *analysis_.best_stable}}) {
        const auto at = sweep_->grid.coordinates(point);
        QCOMPARE(outlineCentre(plottable), QPointF(double(at[kStopAxis]), double(at[kClearanceAxis])));
    }
    QVERIFY(view.plot()->plottable(1)->name().startsWith(QStringLiteral("Best point: ")));
    QVERIFY(
        view.plot()->plottable(1)->name().contains(QStringLiteral("exit.exit_ma")));  // an axis not mapped
    QVERIFY(view.plot()->plottable(2)->name().startsWith(QStringLiteral("Best stable point")));
}

void ChartsTest::clickingACellEmitsItsBestPoint() {
    SensitivityHeatmapView view;
    view.setSweep(sweep_, QStringLiteral("eq.yaml"));
    showView(view);
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    QSignalSpy activated(&view, &SensitivityHeatmapView::cellActivated);

    const int column = 2;
    const int row = 1;
    const QPoint pixel(int(view.plot()->xAxis->coordToPixel(column)),
                       int(view.plot()->yAxis->coordToPixel(row)));
    QCOMPARE(view.cellAt(pixel), std::optional<QPoint>(QPoint(column, row)));
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, pixel);
    QCOMPARE(activated.count(), 1);
    const auto index = activated.first().first().value<std::size_t>();
    const auto at = sweep_->grid.coordinates(index);
    QCOMPARE(at[kStopAxis], std::size_t(column));
    QCOMPARE(at[kClearanceAxis], std::size_t(row));
    QVERIFY(evaluated(sweep_->points[index]));
    // It is the best evaluated point of its cell.
    for (const validation::SweepPoint& point : sweep_->points) {
        const auto other = sweep_->grid.coordinates(point.index);
        if (other[kStopAxis] == at[kStopAxis] && other[kClearanceAxis] == at[kClearanceAxis] &&
            evaluated(point))
            QVERIFY(point.objective <= sweep_->points[index].objective);
    }

    // An empty cell (invalid combinations only) has nothing to run.
    const QPoint emptyCell(int(view.plot()->xAxis->coordToPixel(0)),
                           int(view.plot()->yAxis->coordToPixel(3)));
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, emptyCell);
    QCOMPARE(activated.count(), 1);

    QVERIFY(saveScreenshot(view, *view.plot(), QStringLiteral("sensitivity_heatmap.png")));
}

void ChartsTest::thousandCellHeatmapRenders() {
    const std::shared_ptr<validation::SweepResult> sweep = syntheticSweep();
    SensitivityHeatmapView view;
    showView(view);
    view.setSweep(sweep, QStringLiteral("synthetic"));
    qInfo("1,000-cell heatmap: setSweep and replot took %.1f ms", view.lastRenderMs());
    QVERIFY(view.lastRenderMs() > 0.0);
    QCOMPARE(view.columnCount(), 40);
    QCOMPARE(view.rowCount(), 25);
    // One point per cell: each cell is its point's objective, and empty where the point is invalid.
    for (const validation::SweepPoint& point : sweep->points) {
        const auto at = sweep->grid.coordinates(point.index);
        const double expected = point.valid ? point.objective : std::nan("");
        QVERIFY(sameValue(view.cellValue(int(at[0]), int(at[1])), expected));
    }
    // Another objective rescores every point from its metrics, then draws again.
    QElapsedTimer rescoring;
    rescoring.start();
    QVERIFY(view.setObjective("cagr"));
    qInfo("1,000-cell heatmap: switching the objective took %.1f ms", double(rescoring.nsecsElapsed()) / 1e6);
    QCOMPARE(view.columnCount(), 40);
    QVERIFY(saveScreenshot(view, *view.plot(), QStringLiteral("sensitivity_heatmap_1000.png")));
}

void ChartsTest::tradeHistogramCountsEveryTradeWithAnR() {
    auto train = std::make_shared<backtest::RunResult>(
        backtest::run_backtest(*market_, config_, backtest::period_scenario(config_, "train")));
    int withR = 0;
    double sum = 0.0;
    for (const backtest::TradeRecord& trade : train->trades) {
        if (!std::isfinite(trade.r_multiple())) continue;
        ++withR;
        sum += trade.r_multiple();
    }
    QVERIFY(withR > 10);

    TradeHistogram histogram;
    showView(histogram);
    histogram.showResults(QStringLiteral("eq.yaml — train"),
                          {PeriodResult{QStringLiteral("train"), train, nullptr}});
    QCOMPARE(histogram.bars().size(), 1);
    double total = 0.0;
    for (auto bar = histogram.bars().first()->data()->constBegin();
         bar != histogram.bars().first()->data()->constEnd(); ++bar)
        total += bar->value;
    QCOMPARE(int(total), withR);
    QCOMPARE(histogram.tradeCount(), withR);
    QVERIFY(std::abs(histogram.meanR() - sum / withR) < 1e-12);
    QCOMPARE(histogram.zeroLine()->point1->coords().x(), 0.0);
    QCOMPARE(histogram.meanLine()->point1->coords().x(), histogram.meanR());
    QVERIFY2(histogram.title().contains(QStringLiteral("%1 trades").arg(withR)),
             qPrintable(histogram.title()));
    QVERIFY(histogram.title().contains(QStringLiteral("win rate")));
    QVERIFY(saveScreenshot(histogram, *histogram.plot(), QStringLiteral("trade_histogram.png")));
}

void ChartsTest::sensitivitySweepRunsAsAJobAndAPointOpensItsRun() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openConfig(kEquityConfig);
    QVERIFY(window.sensitivityAction()->isEnabled());
    QCOMPARE(window.sensitivityAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F5));

    QSignalSpy sweepShown(&window, &MainWindow::sweepShown);
    const int sweepJob = window.runSensitivitySweep();
    QVERIFY(sweepJob > 0);
    QVERIFY(sweepShown.wait(kJobTimeoutMs));
    QCOMPARE(window.runManager()->job(sweepJob)->state, JobState::Finished);
    QCOMPARE(window.viewTabs()->currentWidget(), window.sensitivityView());
    SensitivityHeatmapView& view = *window.sensitivityView();
    QVERIFY(view.sweep());
    QCOMPARE(int(view.sweep()->points.size()), 96);
    QCOMPARE(view.analysis().best, analysis_.best);  // the same sweep as the engine's
    for (int row = 0; row < view.rowCount(); ++row)
        for (int column = 0; column < view.columnCount(); ++column)
            QVERIFY(sameValue(view.cellValue(column, row), analysis_.heatmaps.front().at_mean(column, row)));
    // The job's own result is the run of the best point.
    QCOMPARE(window.runManager()->job(sweepJob)->result->digest(), sweep_->points[*analysis_.best].digest);

    QSignalSpy resultsShown(&window, &MainWindow::resultsShown);
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QPoint cell(int(view.plot()->xAxis->coordToPixel(1)), int(view.plot()->yAxis->coordToPixel(0)));
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, cell);
    QVERIFY(resultsShown.wait(kJobTimeoutMs));
    const std::size_t point = *view.cellPoint(1, 0);
    const RunJob& pointJob = window.runManager()->jobs().back();
    QCOMPARE(pointJob.state, JobState::Finished);
    QCOMPARE(pointJob.result->digest(), sweep_->points[point].digest);  // the very run the sweep scored
    QCOMPARE(window.viewTabs()->currentWidget(), window.equityChart());
    QCOMPARE(window.equityChart()->equityGraphs().size(), 1);
    QVERIFY2(window.equityChart()->title().contains(QStringLiteral("grid point %1").arg(point)),
             qPrintable(window.equityChart()->title()));
    QCOMPARE(window.tradeHistogram()->tradeCount(),
             int(metrics::r_multiples(pointJob.result->trades).size()));
    QVERIFY(saveScreenshot(window, *window.equityChart()->plot(), QStringLiteral("sweep_point_equity.png")));
    window.showView(MainWindow::View::Trades);
    QVERIFY(
        saveScreenshot(window, *window.tradeHistogram()->plot(), QStringLiteral("sweep_point_trades.png")));
}

void ChartsTest::sweepWithoutConfigAsksForOne() {
    MainWindow window;
    QVERIFY(!window.sensitivityAction()->isEnabled());
    QCOMPARE(window.runSensitivitySweep(), 0);
    QCOMPARE(window.runSweepPoint(0), 0);  // no sweep shown yet
}

QTEST_MAIN(ChartsTest)
#include "test_charts.moc"
