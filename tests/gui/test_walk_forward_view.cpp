// Qt Test for the walk-forward view and job: the real job on the reference equity config (9 months in
// sample, 3 out of sample, its full sensitivity grid) run on this thread, what it stores, the view of
// its result, the settings dialog and the suggested schedule.
#include <qcustomplot.h>

#include <QDir>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <memory>

#include "config/config_loader.hpp"
#include "price_chart.hpp"
#include "qt_conversions.hpp"
#include "store/results_store.hpp"
#include "walk_forward_view.hpp"

using namespace tradelab;
using namespace tradelab::gui;

namespace {

const QString kEquityConfig = QStringLiteral(TRADELAB_REFERENCE_CONFIG_DIR "/eq.yaml");

// The folds `tradelab-cli walkforward -c configs/reference/eq.yaml --in-sample-months 9
// --out-of-sample-months 3` stores, by variant: fold number and the winner of its in-sample sweep.
const QStringList kEqFoldVariants{
    QStringLiteral("fold 1 3.5,0.005,20,continuous"),
    QStringLiteral("fold 2 2,0,50,continuous"),
    QStringLiteral("fold 3 3.5,0.005,50,continuous"),
    QStringLiteral("fold 4 3,0.005,50,off"),
};

validation::WalkForwardOptions nineThree() {
    validation::WalkForwardOptions options;
    options.in_sample_months = 9;
    options.out_of_sample_months = 3;
    return options;
}

struct JobRun {
    RunJobOutcome outcome;
    std::shared_ptr<WalkForwardOutput> output = std::make_shared<WalkForwardOutput>();
};

// The job on this thread; on a fresh PreparedRun unless given one that an earlier job loaded.
JobRun runJob(const validation::WalkForwardOptions& options, const Progress& progress,
              std::shared_ptr<PreparedRun> prepared = nullptr) {
    JobRun run;
    if (!prepared) prepared = std::make_shared<PreparedRun>(kEquityConfig);
    const RunJobWork work = walkForwardWork(std::move(prepared), options, run.output);
    run.outcome = work(progress);
    return run;
}

std::vector<store::RunSummary> storedFolds() {
    store::ResultsStore results;
    store::RunFilter filter;
    filter.kind = store::RunKind::WalkforwardFold;
    std::vector<store::RunSummary> folds = results.list(filter);
    std::ranges::sort(folds, {}, [](const store::RunSummary& s) { return s.record.id; });
    return folds;
}

}  // namespace

class WalkForwardViewTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void jobRunsEveryFoldAndStoresItsOutOfSampleRun();
    void viewShowsTheStitchedCurveTheFoldsAndTheChecks();
    void clearLeavesNothingOfTheLastResult();
    void suggestedScheduleGivesAtLeastThreeFoldsOnTheReferenceData();
    void dialogDisablesOkForAScheduleNoFoldFits();
    void cancelledJobEndsCancelled();
    void cancelWhileLoadingEndsCancelled();
    void cancelAfterAFoldKeepsTheCompletedFolds();
    void engineErrorReachesTheJobWithItsMessage();

  private:
    QTemporaryDir dataHome_;
    config::RunConfig config_;
    std::shared_ptr<PreparedRun> prepared_ = std::make_shared<PreparedRun>(kEquityConfig);
    JobRun full_;
    std::vector<double> reported_;  // every fraction the full run reported
};

void WalkForwardViewTest::initTestCase() {
    // A store of this test's own, empty at the start, so its rows are exactly what the jobs stored;
    // never the user's.
    QVERIFY(dataHome_.isValid());
    qputenv("XDG_DATA_HOME", dataHome_.path().toUtf8());
    config_ = config::require_ok(config::load_run_config(toPath(kEquityConfig)));
    full_ = runJob(
        nineThree(),
        [this](double fraction) {
            reported_.push_back(fraction);
            return true;
        },
        prepared_);
}

void WalkForwardViewTest::jobRunsEveryFoldAndStoresItsOutOfSampleRun() {
    const RunJobOutcome& outcome = full_.outcome;
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY2(outcome.storeProblem.isEmpty(), qPrintable(outcome.storeProblem));
    QVERIFY(!outcome.cancelled);
    QVERIFY(full_.output->result);
    const validation::WalkForwardResult& result = *full_.output->result;
    QVERIFY(!result.partial);
    QCOMPARE(int(result.folds.size()), int(kEqFoldVariants.size()));
    QCOMPARE(result.grid.size(), std::size_t(4 * 4 * 2 * 3));  // the config's default sensitivity grid
    // The job's run is the last fold's out-of-sample run.
    QVERIFY(outcome.result);
    QCOMPARE(outcome.result->digest(), result.folds.back().out_of_sample_digest);
    // Loading took the first 5 % of the bar; the folds the rest, up to the end.
    QVERIFY(!reported_.empty());
    QVERIFY(reported_.front() <= 0.05);
    QCOMPARE(*std::max_element(reported_.begin(), reported_.end()), 1.0);

    const std::vector<store::RunSummary> stored = storedFolds();
    QCOMPARE(int(stored.size()), int(result.folds.size()));
    QCOMPARE(int(full_.output->storedRunIds.size()), int(result.folds.size()));
    QCOMPARE(outcome.storedRunId, full_.output->storedRunIds.back());
    for (std::size_t k = 0; k < stored.size(); ++k) {
        const store::RunRecord& record = stored[k].record;
        QCOMPARE(record.id, full_.output->storedRunIds[k]);
        QVERIFY(record.description.kind == store::RunKind::WalkforwardFold);
        QCOMPARE(toQString(record.description.variant), kEqFoldVariants[qsizetype(k)]);
        QCOMPARE(record.digest, result.folds[k].out_of_sample_digest);
        QCOMPARE(stored[k].metrics.total_return, result.folds[k].out_of_sample.total_return);
    }
}

void WalkForwardViewTest::viewShowsTheStitchedCurveTheFoldsAndTheChecks() {
    QVERIFY(full_.output->result);
    const validation::WalkForwardResult& result = *full_.output->result;
    WalkForwardView view;
    view.setResult(result, QStringLiteral("eq.yaml"));

    QCOMPARE(std::size_t(view.stitchedGraph()->data()->size()), result.stitched.size());
    QCOMPARE(view.foldTable()->rowCount(), int(result.folds.size()));
    QCOMPARE(view.checksTable()->rowCount(), int(result.checks.size()));
    QVERIFY(view.headlineText().startsWith(QStringLiteral("eq.yaml: walk-forward ")));
    QCOMPARE(view.headlineText().contains(QStringLiteral("PASSED")), result.passed);
    QCOMPARE(view.headlineText().contains(QStringLiteral("FAILED")), !result.passed);
    QVERIFY(!view.headlineText().contains(QStringLiteral("partial")));

    // The fold table: one column per grid axis between the windows and the figures.
    QCOMPARE(view.foldTable()->columnCount(), 3 + int(result.grid.axes.size()) + 4);
    QCOMPARE(view.foldTable()->item(0, 1)->text(), QStringLiteral("2024-03-28 – 2024-12-27"));
    QCOMPARE(view.foldTable()->item(0, 2)->text(), QStringLiteral("2024-12-28 – 2025-03-27"));
    QStringList winner;
    for (int a = 0; a < int(result.grid.axes.size()); ++a) winner << view.foldTable()->item(0, 3 + a)->text();
    QCOMPARE(QStringLiteral("fold 1 ") + winner.join(QLatin1Char(',')), kEqFoldVariants.front());
    for (int row = 0; row < view.checksTable()->rowCount(); ++row) {
        const QString verdict = view.checksTable()->item(row, WalkForwardView::ResultColumn)->text();
        QVERIFY2(verdict.startsWith(result.checks[std::size_t(row)].passed ? QStringLiteral("pass")
                                                                           : QStringLiteral("FAIL")),
                 qPrintable(verdict));
    }

    // Not an empty chart: the axes frame the stitched dates and equity.
    const double first = PriceChart::plotKey(result.stitched.front().date);
    const double last = PriceChart::plotKey(result.stitched.back().date);
    const QCPRange time = view.stitchedGraph()->keyAxis()->range();
    QVERIFY(time.lower < first && last < time.upper);
    QVERIFY(time.size() < 1.1 * (last - first));
    const auto [low, high] =
        std::minmax_element(result.stitched.begin(), result.stitched.end(),
                            [](const auto& a, const auto& b) { return a.equity < b.equity; });
    const QCPRange equity = view.stitchedGraph()->valueAxis()->range();
    QVERIFY(equity.lower < low->equity && high->equity < equity.upper);
    QVERIFY(equity.size() < 2.0 * (high->equity - low->equity));
    // Each fold's number over its span.
    QStringList labels;
    for (int i = 0; i < view.plot()->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(view.plot()->item(i)); text && text->visible())
            labels << text->text();
    for (const validation::FoldResult& fold : result.folds)
        QVERIFY2(labels.contains(QString::number(fold.fold.number)),
                 qPrintable(labels.join(QLatin1Char(' '))));

    if (qEnvironmentVariableIsSet("TRADELAB_SAVE_SCREENSHOTS")) {
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QVERIFY(view.grab().save(QDir::temp().filePath(QStringLiteral("walk_forward_view.png"))));
    }
}

void WalkForwardViewTest::clearLeavesNothingOfTheLastResult() {
    QVERIFY(full_.output->result);
    WalkForwardView view;
    view.setResult(*full_.output->result, QStringLiteral("eq.yaml"));
    const int itemsWithResult = view.plot()->itemCount();
    view.clear(QStringLiteral("Nothing to show"));
    QCOMPARE(view.headlineText(), QStringLiteral("Nothing to show"));
    QCOMPARE(view.stitchedGraph()->data()->size(), 0);
    QCOMPARE(view.foldTable()->rowCount(), 0);
    QCOMPARE(view.checksTable()->rowCount(), 0);
    QVERIFY(view.plot()->itemCount() < itemsWithResult);  // the shades, numbers and boundaries went
}

void WalkForwardViewTest::suggestedScheduleGivesAtLeastThreeFoldsOnTheReferenceData() {
    // 21 months of data after the warm-up: 24/6 fits no fold, 12/3 fits three.
    const validation::WalkForwardOptions options = suggestedWalkForwardOptions(config_);
    QCOMPARE(options.in_sample_months, 12);
    QCOMPARE(options.out_of_sample_months, 3);
    QVERIFY(validation::walk_forward_folds(config_, options).size() >= 3);
}

void WalkForwardViewTest::dialogDisablesOkForAScheduleNoFoldFits() {
    WalkForwardSettingsDialog dialog(config_, nineThree());
    QVERIFY(dialog.scheduleFits());
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY2(dialog.scheduleText().startsWith(QStringLiteral("4 folds from 2024-03-28 to 2025-12-27")),
             qPrintable(dialog.scheduleText()));

    if (qEnvironmentVariableIsSet("TRADELAB_SAVE_SCREENSHOTS")) {
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(QDir::temp().filePath(QStringLiteral("walk_forward_dialog.png"))));
    }

    dialog.inSampleMonthsBox()->setValue(600);
    QVERIFY(!dialog.scheduleFits());
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY2(dialog.scheduleText().startsWith(QStringLiteral("no walk-forward fold fits")),
             qPrintable(dialog.scheduleText()));

    dialog.inSampleMonthsBox()->setValue(12);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY2(dialog.scheduleText().startsWith(QStringLiteral("3 folds")), qPrintable(dialog.scheduleText()));
    const validation::WalkForwardOptions chosen = dialog.options();
    QCOMPARE(chosen.in_sample_months, 12);
    QCOMPARE(chosen.out_of_sample_months, 3);
    QCOMPARE(chosen.objective, std::string("sharpe_ratio"));
    QVERIFY(!chosen.anchored);
    // The percentages shown come back as the engine's fractions.
    const validation::WalkForwardThresholds defaults;
    QCOMPARE(chosen.thresholds.min_wfe, defaults.min_wfe);
    QCOMPARE(chosen.thresholds.min_profitable_window_fraction, defaults.min_profitable_window_fraction);
    QCOMPARE(chosen.thresholds.max_single_window_profit_share, defaults.max_single_window_profit_share);
    QCOMPARE(chosen.thresholds.max_drawdown, defaults.max_drawdown);
}

void WalkForwardViewTest::cancelledJobEndsCancelled() {
    // The config's market is loaded (by the full run's job): a cancel at the start ends the job there.
    const JobRun run = runJob(
        nineThree(), [](double) { return false; }, prepared_);
    QVERIFY(run.outcome.cancelled);
    QVERIFY2(run.outcome.error.isEmpty(), qPrintable(run.outcome.error));
    QVERIFY(!run.outcome.result);
    QVERIFY(!run.output->result);
    QVERIFY(run.output->storedRunIds.empty());
}

void WalkForwardViewTest::cancelWhileLoadingEndsCancelled() {
    auto prepared = std::make_shared<PreparedRun>(kEquityConfig);
    const JobRun run = runJob(
        nineThree(), [](double) { return false; }, prepared);
    QVERIFY2(run.outcome.cancelled, qPrintable(run.outcome.error));
    QVERIFY(run.outcome.error.isEmpty());
    QVERIFY(!run.outcome.result);
    // A cancelled load is not remembered: the next job of the config loads and gets its market.
    const PreparedRun::Prepared ready = prepared->prepare({});
    QVERIFY2(ready.market && ready.config, qPrintable(ready.error));
}

void WalkForwardViewTest::cancelAfterAFoldKeepsTheCompletedFolds() {
    // The engine's fraction counts folds: a quarter each. Cancel once the job's bar passes the first.
    const JobRun run = runJob(nineThree(), [](double fraction) { return fraction < 0.05 + 0.95 * 0.26; });
    QVERIFY(run.outcome.cancelled);
    QVERIFY(!run.outcome.result);
    QVERIFY(run.output->result);
    const validation::WalkForwardResult& partial = *run.output->result;
    QVERIFY(partial.partial);
    QVERIFY(!partial.folds.empty());
    QVERIFY(partial.folds.size() < full_.output->result->folds.size());
    for (std::size_t k = 0; k < partial.folds.size(); ++k)
        QCOMPARE(partial.folds[k].out_of_sample_digest, full_.output->result->folds[k].out_of_sample_digest);
    // Stored again under the same variants: they replace the full run's rows, nothing is added.
    QCOMPARE(int(run.output->storedRunIds.size()), int(partial.folds.size()));
    QCOMPARE(int(storedFolds().size()), int(full_.output->result->folds.size()));

    WalkForwardView view;
    view.setResult(partial, QStringLiteral("eq.yaml"));
    QVERIFY2(view.headlineText().contains(QStringLiteral("FAILED (partial")),
             qPrintable(view.headlineText()));
    QCOMPARE(view.foldTable()->rowCount(), int(partial.folds.size()));
}

void WalkForwardViewTest::engineErrorReachesTheJobWithItsMessage() {
    validation::WalkForwardOptions options = nineThree();
    options.in_sample_months = 600;
    const JobRun noFold = runJob(options, {});
    QVERIFY(!noFold.outcome.cancelled);
    QVERIFY(!noFold.outcome.result);
    QVERIFY2(noFold.outcome.error.contains(QStringLiteral("no walk-forward fold fits")),
             qPrintable(noFold.outcome.error));

    options = nineThree();
    options.objective = "no_such_metric";
    const JobRun badObjective = runJob(options, {});
    QVERIFY2(badObjective.outcome.error.contains(QStringLiteral("unknown objective 'no_such_metric'")),
             qPrintable(badObjective.outcome.error));
}

QTEST_MAIN(WalkForwardViewTest)
#include "test_walk_forward_view.moc"
