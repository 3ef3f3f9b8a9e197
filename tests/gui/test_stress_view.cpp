// Qt Test for the stress tests view and job: the real job on the reference equity config run on this
// thread, what it stores, the view of its report, and the job cancelled or refusing a config it cannot run.
#include <qcustomplot.h>

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "price_chart.hpp"
#include "qt_conversions.hpp"
#include "stacked_panes.hpp"
#include "store/results_store.hpp"
#include "stress_view.hpp"
#include "validation/stress.hpp"

using namespace tradelab;
using namespace tradelab::gui;

namespace {

const QString kEquityConfig = QStringLiteral(TRADELAB_REFERENCE_CONFIG_DIR "/eq.yaml");

struct JobRun {
    RunJobOutcome outcome;
    std::shared_ptr<StressOutput> output = std::make_shared<StressOutput>();
};

JobRun runJob(const QString& configPath, const Progress& progress) {
    JobRun run;
    const RunJobWork work = stressWork(std::make_shared<PreparedRun>(configPath), run.output);
    run.outcome = work(progress);
    return run;
}

// As the view writes a fraction: percent with 2 decimals in the user's locale.
QString percentText(double fraction) {
    return QStringLiteral("%1 %").arg(QLocale().toString(100.0 * fraction, 'f', 2));
}

QString fixedText(double value, int decimals) {
    return QLocale().toString(value, 'f', decimals);
}

// The row of the scenario table whose scenario is `name`; -1 when there is none.
int scenarioRow(const StressView& view, const QString& name) {
    const QTableWidget* table = view.scenarioTable();
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, StressView::ScenarioColumn)->data(StressView::NameRole).toString() == name)
            return row;
    return -1;
}

QString scenarioText(const StressView& view, const QString& name, int column) {
    const int row = scenarioRow(view, name);
    return row < 0 ? QString() : view.scenarioTable()->item(row, column)->text();
}

std::vector<store::RunSummary> listRuns(std::optional<std::int64_t> parent = std::nullopt) {
    store::ResultsStore results;
    store::RunFilter filter;
    filter.parent_run_id = parent;
    return results.list(filter);
}

}  // namespace

class StressViewTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void jobRunsTheBaselineThenEveryStressedRun();
    void jobStoresTheBaselineWithTheStressedRunsAsItsChildren();
    void viewShowsEveryCurveScenarioAndGate();
    void crosshairReadsEveryCurveOnTheDayUnderTheMouse();
    void clearLeavesNothingOfTheLastReport();
    void cancelledWhileLoadingEndsCancelled();
    void cancelledDuringTheBaselineEndsCancelled();
    void cancelledDuringTheRerunsStoresNothing();
    void refusedMultiplierReachesTheJobWithItsLine();

  private:
    const validation::StressReport& report() const { return *full_.output->report; }
    const backtest::RunResult& baseline() const { return *full_.output->baseline; }

    QTemporaryDir dataHome_;
    JobRun full_;
    std::vector<double> reported_;  // every fraction the full run reported
};

void StressViewTest::initTestCase() {
    // A store of this test's own, empty at the start, so its rows are exactly what the jobs stored;
    // never the user's.
    QVERIFY(dataHome_.isValid());
    qputenv("XDG_DATA_HOME", dataHome_.path().toUtf8());
    full_ = runJob(kEquityConfig, [this](double fraction) {
        reported_.push_back(fraction);
        return true;
    });
    QVERIFY2(full_.outcome.error.isEmpty(), qPrintable(full_.outcome.error));
    QVERIFY(full_.output->report);
    QVERIFY(full_.output->baseline);
}

void StressViewTest::jobRunsTheBaselineThenEveryStressedRun() {
    const RunJobOutcome& outcome = full_.outcome;
    QVERIFY(!outcome.cancelled);
    QVERIFY(!report().cancelled);
    // The job's run is the baseline: the continuous train+validation run, with its benchmark.
    QVERIFY(outcome.result);
    QCOMPARE(outcome.result.get(), full_.output->baseline.get());
    QCOMPARE(baseline().period_name, std::string("train+validation"));
    QCOMPARE(toQDate(baseline().start), QDate(2024, 3, 1));
    QCOMPARE(toQDate(baseline().end), QDate(2025, 9, 30));
    QCOMPARE(outcome.periodsPerYear, 252.0);
    QVERIFY(outcome.benchmark);
    QCOMPARE(std::size_t(outcome.benchmark->equity.size()), baseline().equity_curve.size());
    QCOMPARE(report().baseline.digest, baseline().digest());

    std::vector<std::string> names;
    for (const auto& run : report().runs) names.push_back(run.name);
    QCOMPARE(names, (std::vector<std::string>{"slippage_2x", "slippage_3x", "flash_crash"}));
    // As `tradelab-cli validate` prints them for EQ: the baseline 5.51 %, 2× slippage 5.17 %, 3× 4.84 %.
    QCOMPARE(QString::number(100.0 * report().baseline.total_return, 'f', 2), QStringLiteral("5.51"));
    QCOMPARE(report().slippage.size(), std::size_t(2));
    QCOMPARE(QString::number(100.0 * report().slippage[0].total_return, 'f', 2), QStringLiteral("5.17"));
    QCOMPARE(QString::number(100.0 * report().slippage[1].total_return, 'f', 2), QStringLiteral("4.84"));
    QVERIFY(report().slippage[0].total_return < report().baseline.total_return);
    QVERIFY(report().flash_crash);
    QCOMPARE(report().flash_crash->crash_dates.size(),
             std::size_t(7));  // one per quarter, Mar 2024 – Sep 2025

    // Loading took the first 5 % of the bar, the baseline up to 20 %, the reruns the rest, up to the end.
    QVERIFY(!reported_.empty());
    QVERIFY(reported_.front() <= 0.05);
    QVERIFY(std::any_of(reported_.begin(), reported_.end(), [](double f) { return f > 0.05 && f < 0.2; }));
    QVERIFY(std::is_sorted(reported_.begin(), reported_.end()));
    QCOMPARE(reported_.back(), 1.0);
}

void StressViewTest::jobStoresTheBaselineWithTheStressedRunsAsItsChildren() {
    const RunJobOutcome& outcome = full_.outcome;
    QVERIFY2(outcome.storeProblem.isEmpty(), qPrintable(outcome.storeProblem));
    QVERIFY(outcome.storedRunId > 0);
    QCOMPARE(full_.output->storedRunId, outcome.storedRunId);

    store::ResultsStore results;
    const store::StoredRun parent = results.get(outcome.storedRunId);
    QVERIFY(parent.record.description.kind == store::RunKind::Backtest);
    QVERIFY(!parent.record.description.parent_run_id);
    QCOMPARE(parent.record.period, std::string("train+validation"));
    QCOMPARE(parent.record.digest, baseline().digest());
    QVERIFY(parent.digest_verified);
    QCOMPARE(parent.metrics.total_return, report().baseline.total_return);

    const std::vector<store::RunSummary> children = listRuns(outcome.storedRunId);
    QCOMPARE(children.size(), report().runs.size());
    std::set<std::string> variants;
    for (const store::RunSummary& child : children) {
        QVERIFY(child.record.description.kind == store::RunKind::StressScenario);
        variants.insert(child.record.description.variant);
        const auto run = std::find_if(report().runs.begin(), report().runs.end(), [&](const auto& r) {
            return r.name == child.record.description.variant;
        });
        QVERIFY2(run != report().runs.end(), child.record.description.variant.c_str());
        QCOMPARE(child.record.digest, run->run.digest());
    }
    QCOMPARE(variants, (std::set<std::string>{"slippage_2x", "slippage_3x", "flash_crash"}));
    QCOMPARE(listRuns().size(), 1 + report().runs.size());  // nothing else in this test's store
}

void StressViewTest::viewShowsEveryCurveScenarioAndGate() {
    StressView view;
    view.setReport(report(), baseline(), QStringLiteral("eq.yaml"));

    // The headline says whether every applicable gate passed, and names the ones that failed.
    QVERIFY(view.headlineText().startsWith(QStringLiteral("eq.yaml: stress tests ")));
    QCOMPARE(view.headlineText().contains(QStringLiteral("PASSED")), report().passed());
    QCOMPARE(view.headlineText().contains(QStringLiteral("FAILED")), !report().passed());
    QVERIFY(!view.headlineText().contains(QStringLiteral("cancelled")));

    // One curve for the baseline, then one per stressed run, each with every point of its run.
    const QList<QCPGraph*> curves = view.curveGraphs();
    QCOMPARE(curves.size(), qsizetype(1 + report().runs.size()));
    QCOMPARE(std::size_t(curves.front()->data()->size()), baseline().equity_curve.size());
    for (std::size_t k = 0; k < report().runs.size(); ++k)
        QCOMPARE(std::size_t(curves[qsizetype(k + 1)]->data()->size()),
                 report().runs[k].run.equity_curve.size());
    QCOMPARE(curves[1]->name(), QStringLiteral("2× slippage"));
    QCOMPARE(curves[3]->name(), QStringLiteral("Flash crash"));
    // Every crash date marked on the flash-crash curve; the legend names the curves and the marks.
    QVERIFY(view.crashMarkerGraph());
    QCOMPARE(std::size_t(view.crashMarkerGraph()->data()->size()), report().flash_crash->crash_dates.size());
    QVERIFY(view.plot()->legend->visible());
    QCOMPARE(view.plot()->legend->itemCount(), int(curves.size()) + 1);

    // Not an empty chart: the axes frame the dates and every curve.
    const double first = PriceChart::plotKey(baseline().equity_curve.front().date);
    const double last = PriceChart::plotKey(baseline().equity_curve.back().date);
    const QCPRange time = curves.front()->keyAxis()->range();
    QVERIFY2(time.lower < first && last < time.upper, qPrintable(QStringLiteral("%1 .. %2 for %3 .. %4")
                                                                     .arg(time.lower, 0, 'f', 0)
                                                                     .arg(time.upper, 0, 'f', 0)
                                                                     .arg(first, 0, 'f', 0)
                                                                     .arg(last, 0, 'f', 0)));
    QVERIFY(time.size() < 1.1 * (last - first));
    double low = std::numeric_limits<double>::max();
    double high = std::numeric_limits<double>::lowest();
    for (const backtest::EquityPoint& point : baseline().equity_curve) {
        low = std::min(low, point.equity);
        high = std::max(high, point.equity);
    }
    for (const auto& run : report().runs) {
        for (const backtest::EquityPoint& point : run.run.equity_curve) {
            low = std::min(low, point.equity);
            high = std::max(high, point.equity);
        }
    }
    const QCPRange equity = curves.front()->valueAxis()->range();
    QVERIFY(equity.lower < low && high < equity.upper);
    QVERIFY(equity.size() < 1.5 * (high - low));

    // The scenario table: the baseline's and each rerun's figures as the report has them.
    const validation::SlippageStress& base = report().baseline;
    QCOMPARE(scenarioText(view, QStringLiteral("baseline"), StressView::ReturnColumn),
             percentText(base.total_return));
    QCOMPARE(scenarioText(view, QStringLiteral("baseline"), StressView::ReturnColumn),
             QStringLiteral("%1 %").arg(QLocale().toString(5.51, 'f', 2)));
    QCOMPARE(scenarioText(view, QStringLiteral("baseline"), StressView::SharpeColumn),
             fixedText(base.sharpe, 2));
    QCOMPARE(scenarioText(view, QStringLiteral("baseline"), StressView::CalmarColumn),
             fixedText(base.calmar, 2));
    QCOMPARE(scenarioText(view, QStringLiteral("baseline"), StressView::DrawdownColumn),
             percentText(base.max_drawdown));
    QCOMPARE(scenarioText(view, QStringLiteral("baseline"), StressView::TradesColumn),
             QString::number(base.trades));
    QCOMPARE(scenarioText(view, QStringLiteral("baseline"), StressView::ExpectancyColumn),
             fixedText(base.expectancy, 3));
    for (const validation::SlippageStress& s : report().slippage) {
        const QString name = toQString(s.name);
        QCOMPARE(scenarioText(view, name, StressView::ReturnColumn), percentText(s.total_return));
        QCOMPARE(scenarioText(view, name, StressView::SharpeColumn), fixedText(s.sharpe, 2));
        QCOMPARE(scenarioText(view, name, StressView::CalmarColumn), fixedText(s.calmar, 2));
        QCOMPARE(scenarioText(view, name, StressView::TradesColumn), QString::number(s.trades));
    }
    QCOMPARE(scenarioText(view, QStringLiteral("flash_crash"), StressView::DrawdownColumn),
             percentText(report().flash_crash->max_drawdown));
    QCOMPARE(scenarioText(view, QStringLiteral("flash_crash"), StressView::SharpeColumn),
             fixedText(report().flash_crash->sharpe, 2));
    QCOMPARE(scenarioText(view, QStringLiteral("flash_crash"), StressView::CalmarColumn),
             fixedText(report().flash_crash->calmar, 2));
    // Counts read "7 crash date(s)" without a translation loaded, "7 crash dates" with the English one.
    const QString crashDetail = scenarioText(view, QStringLiteral("flash_crash"), StressView::DetailColumn);
    QVERIFY2(QRegularExpression(QStringLiteral("^7 crash date(s|\\(s\\)); survived;"))
                 .match(crashDetail)
                 .hasMatch(),
             qPrintable(crashDetail));
    // The bundled SPY has no bear month in the period (the gate does not apply) and five range months.
    QVERIFY(report().bear && report().range);
    const QString rangeDetail = scenarioText(view, QStringLiteral("range"), StressView::DetailColumn);
    QVERIFY2(QRegularExpression(
                 QStringLiteral("^5 month(s|\\(s\\)), %1 day(s|\\(s\\))$").arg(report().range->days))
                 .match(rangeDetail)
                 .hasMatch(),
             qPrintable(rangeDetail));
    QCOMPARE(scenarioText(view, QStringLiteral("range"), StressView::ReturnColumn),
             percentText(report().range->total_return));
    QCOMPARE(scenarioText(view, QStringLiteral("bear"), StressView::ReturnColumn), QStringLiteral("—"));
    QCOMPARE(view.scenarioTable()->rowCount(), 1 + int(report().slippage.size()) + 1 + 2);
    QVERIFY2(
        view.correlationText().contains(QStringLiteral("(%1 days)").arg(report().correlation.normal_count)),
        qPrintable(view.correlationText()));

    // The checks table: one row per gate, its verdict as the report has it.
    QCOMPARE(view.checksTable()->rowCount(), int(report().checks.size()));
    for (int row = 0; row < view.checksTable()->rowCount(); ++row) {
        const validation::StressCheck& check = report().checks[std::size_t(row)];
        QCOMPARE(
            view.checksTable()->item(row, StressView::CheckColumn)->data(StressView::NameRole).toString(),
            toQString(check.name));
        const QString expected = !check.applicable ? QStringLiteral("n/a")
                                 : check.passed    ? QStringLiteral("pass")
                                                   : QStringLiteral("FAIL");
        QCOMPARE(view.checksTable()->item(row, StressView::ResultColumn)->text(), expected);
    }
    QCOMPARE(view.checksTable()->item(0, StressView::ValueColumn)->text(),
             fixedText(report().slippage[0].sharpe, 2));
    QCOMPARE(view.checksTable()->item(3, StressView::ResultColumn)->text(), QStringLiteral("n/a"));  // bear
    QCOMPARE(view.warningsText().startsWith(QStringLiteral("Warnings:")), !report().warnings.empty());

    const QByteArray folder = qgetenv("TRADELAB_SAVE_SCREENSHOTS");
    if (!folder.isEmpty()) {
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        const QString path = QDir(QString::fromLocal8Bit(folder)).filePath(QStringLiteral("stress_view.png"));
        QVERIFY2(view.grab().save(path), qPrintable(path));
    }
}

void StressViewTest::crosshairReadsEveryCurveOnTheDayUnderTheMouse() {
    StressView view;
    view.setReport(report(), baseline(), QStringLiteral("eq.yaml"));
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QCPAxisRect* equityPane = view.curveGraphs().front()->keyAxis()->axisRect();
    view.crosshair()->moveTo(equityPane->rect().center());
    QVERIFY(view.crosshair()->isShown());
    const QStringList lines = view.crosshair()->text().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 1 + view.curveGraphs().size());  // the date, then one line per curve
    QVERIFY2(QDate::fromString(lines.front(), Qt::ISODate).isValid(), qPrintable(lines.front()));
    for (qsizetype i = 0; i < view.curveGraphs().size(); ++i)
        QVERIFY2(lines[i + 1].startsWith(view.curveGraphs()[i]->name() + QStringLiteral(": ")),
                 qPrintable(lines[i + 1]));
    view.crosshair()->moveTo(QPointF(1.0, 1.0));  // over the title: nothing to read
    QVERIFY(!view.crosshair()->isShown());
}

void StressViewTest::clearLeavesNothingOfTheLastReport() {
    StressView view;
    view.setReport(report(), baseline(), QStringLiteral("eq.yaml"));
    const int itemsWithReport = view.plot()->itemCount();
    view.clear(QStringLiteral("Nothing to show"));
    QCOMPARE(view.headlineText(), QStringLiteral("Nothing to show"));
    QVERIFY(view.curveGraphs().isEmpty());
    QVERIFY(!view.crashMarkerGraph());
    QCOMPARE(view.plot()->graphCount(), 0);
    QVERIFY(view.plot()->itemCount() < itemsWithReport);  // the crash-date lines went
    QCOMPARE(view.scenarioTable()->rowCount(), 0);
    QCOMPARE(view.checksTable()->rowCount(), 0);
    QVERIFY(view.warningsText().isEmpty());
}

void StressViewTest::cancelledWhileLoadingEndsCancelled() {
    const JobRun run = runJob(kEquityConfig, [](double) { return false; });
    QVERIFY2(run.outcome.cancelled, qPrintable(run.outcome.error));
    QVERIFY2(run.outcome.error.isEmpty(), qPrintable(run.outcome.error));
    QVERIFY(!run.outcome.result);
    QVERIFY(!run.output->baseline);
    QVERIFY(!run.output->report);
    QCOMPARE(run.outcome.storedRunId, 0);
}

void StressViewTest::cancelledDuringTheBaselineEndsCancelled() {
    // Loading ends at 5 % of the bar, the baseline run at 20 %: refuse halfway through the baseline.
    const JobRun run = runJob(kEquityConfig, [](double fraction) { return fraction < 0.12; });
    QVERIFY2(run.outcome.cancelled, qPrintable(run.outcome.error));
    QVERIFY2(run.outcome.error.isEmpty(), qPrintable(run.outcome.error));
    QVERIFY(!run.outcome.result);
    QVERIFY(!run.output->baseline);
    QVERIFY(!run.output->report);
    QCOMPARE(run.outcome.storedRunId, 0);
    QCOMPARE(listRuns().size(), 1 + report().runs.size());  // what the full job stored, nothing more
}

void StressViewTest::cancelledDuringTheRerunsStoresNothing() {
    // The baseline ends at 20 % of the bar; refuse everything after it.
    const JobRun run = runJob(kEquityConfig, [](double fraction) { return fraction <= 0.2; });
    QVERIFY(run.outcome.cancelled);
    QVERIFY2(run.outcome.error.isEmpty(), qPrintable(run.outcome.error));
    QVERIFY(!run.outcome.result);
    QCOMPARE(run.outcome.storedRunId, 0);
    // The finished baseline is kept for the view, the same run as the full job's.
    QVERIFY(run.output->baseline);
    QCOMPARE(run.output->baseline->digest(), baseline().digest());
    QVERIFY(run.output->report);
    QCOMPARE(listRuns().size(), 1 + report().runs.size());  // what the full job stored, nothing more

    if (run.output->report->cancelled) {
        StressView view;
        view.setReport(*run.output->report, *run.output->baseline, QStringLiteral("eq.yaml"));
        QVERIFY2(view.headlineText().contains(QStringLiteral("cancelled")), qPrintable(view.headlineText()));
        QCOMPARE(view.curveGraphs().size(), qsizetype(1 + run.output->report->runs.size()));
    }
}

void StressViewTest::refusedMultiplierReachesTheJobWithItsLine() {
    // The reference config with absolute paths and a slippage multiplier no stress test can run.
    QFile source(kEquityConfig);
    QVERIFY(source.open(QIODevice::ReadOnly | QIODevice::Text));
    QString text = QString::fromUtf8(source.readAll());
    QVERIFY(text.contains(QStringLiteral("\"../../data/")));
    text.replace(QStringLiteral("\"../../data/"), QStringLiteral("\"" TRADELAB_BUNDLED_DATA_DIR "/"));
    text.replace(QStringLiteral("config_path: \""),
                 QStringLiteral("config_path: \"" TRADELAB_REFERENCE_CONFIG_DIR "/"));
    text += QStringLiteral("\nvalidation:\n  stress_tests:\n    slippage_multipliers: [1.0, 2.0, -1.0]\n");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString refused = dir.filePath(QStringLiteral("negative_slippage.yaml"));
    QFile target(refused);
    QVERIFY(target.open(QIODevice::WriteOnly | QIODevice::Text));
    target.write(text.toUtf8());
    target.close();

    const JobRun run = runJob(refused, {});
    QVERIFY(!run.outcome.cancelled);
    QVERIFY(!run.outcome.result);
    QVERIFY(!run.output->report);
    // The file, the line and the key, before any backtest runs.
    QVERIFY2(run.outcome.error.contains(QStringLiteral("negative_slippage.yaml:")),
             qPrintable(run.outcome.error));
    QVERIFY2(run.outcome.error.contains(QStringLiteral("validation.stress_tests.slippage_multipliers[2]")),
             qPrintable(run.outcome.error));
    QCOMPARE(listRuns().size(), 1 + report().runs.size());
}

QTEST_MAIN(StressViewTest)
#include "test_stress_view.moc"
