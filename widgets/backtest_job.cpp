#include "backtest_job.hpp"

#include "backtest/backtest.hpp"
#include "backtest/run_market.hpp"
#include "config/config_loader.hpp"
#include "config/run_config.hpp"
#include "metrics/benchmark_alignment.hpp"
#include "metrics/performance_metrics.hpp"
#include "report/provenance.hpp"
#include "store/results_store.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QStringList>
#include <exception>

#include "qt_conversions.hpp"

namespace tradelab::gui {
namespace {

// Translation context for the texts of this file.
struct JobText {
    Q_DECLARE_TR_FUNCTIONS(BacktestJob)
};

// Loading the market takes the first fifth of a job's progress bar, the daily loop the rest.
constexpr double kLoadShare = 0.2;

}  // namespace

Progress scaled(const Progress& progress, double from, double to) {
    return [progress, from, to](double fraction) {
        return report_progress(progress, from + (to - from) * fraction);
    };
}

void storeJobRuns(const QString& configPath, const PreparedRun::Prepared& ready, RunJobOutcome& outcome,
                  const StoreRuns& storeRuns) {
    try {
        const auto provenance = report::make_provenance(toPath(configPath), *ready.config, *ready.market);
        store::ResultsStore results;
        storeRuns(results, store::describe_run(provenance, *ready.config, *ready.market));
    } catch (const std::exception& failure) {
        outcome.storeProblem = QString::fromLocal8Bit(failure.what());
    }
}

std::shared_ptr<const BenchmarkCurve> benchmarkCurve(const backtest::RunMarket& market,
                                                     const backtest::RunResult& result) {
    const std::vector<double> returns = metrics::benchmark_returns(market, result);
    if (returns.empty()) return nullptr;
    auto curve = std::make_shared<BenchmarkCurve>();
    curve->symbol = toQString(market.data->info(*market.books.front().benchmark).symbol);
    curve->equity.reserve(qsizetype(returns.size()));
    double equity = result.starting_equity;
    for (const double dailyReturn : returns) {
        equity *= 1.0 + dailyReturn;
        curve->equity.append(equity);
    }
    return curve;
}

QString configErrors(const config::RunConfigLoad& load) {
    QStringList lines;
    for (const config::Diagnostic& diagnostic : load.diagnostics) {
        if (diagnostic.severity == config::Severity::Error)
            lines << toQString(config::format_diagnostic(diagnostic));
    }
    return lines.join(QLatin1Char('\n'));
}

bool prepareJob(PreparedRun& prepared, const Progress& progress, double loadShare,
                PreparedRun::Prepared& ready, RunJobOutcome& outcome) {
    ready = prepared.prepare(scaled(progress, 0.0, loadShare));
    if (!ready.error.isEmpty()) {
        outcome.error = ready.error;
        return false;
    }
    outcome.cancelled = ready.cancelled || !report_progress(progress, loadShare);
    return !outcome.cancelled;
}

PreparedRun::PreparedRun(QString configPath) : configPath_(std::move(configPath)) {}

PreparedRun::~PreparedRun() = default;

PreparedRun::Prepared PreparedRun::prepare(const Progress& progress) {
    const std::lock_guard lock(mutex_);
    if (market_ || !error_.isEmpty()) return Prepared{config_.get(), market_.get(), error_};
    return load(progress);
}

PreparedRun::Prepared PreparedRun::load(const Progress& progress) {
    const std::filesystem::path path = toPath(configPath_);
    const QString shownPath = QDir::toNativeSeparators(configPath_);
    try {
        if (config::detect_config_kind(path) == config::ConfigKind::Strategy) {
            error_ = JobText::tr(
                         "%1 is a strategy config; a backtest needs a run config, which names its "
                         "strategy configs.")
                         .arg(shownPath);
            return Prepared{nullptr, nullptr, error_};
        }
        config::RunConfigLoad loaded = config::load_run_config(path);
        if (!loaded.ok()) {
            error_ = configErrors(loaded);  // each line names the file, the line and the key
            return Prepared{nullptr, nullptr, error_};
        }
        config_ = std::make_unique<config::RunConfig>(std::move(loaded.config));
        auto market = std::make_unique<backtest::RunMarket>(backtest::load_run_market(*config_, progress));
        if (!report_progress(progress, 1.0)) return Prepared{nullptr, nullptr, {}, true};
        market_ = std::move(market);
        return Prepared{config_.get(), market_.get(), {}};
    } catch (const Cancelled&) {
        // Not remembered: the next job of this config loads again.
        config_.reset();
        return Prepared{nullptr, nullptr, {}, true};
    } catch (const std::exception& failure) {
        // Data errors list every unusable file; filesystem errors name the path.
        error_ = JobText::tr("Cannot prepare %1: %2").arg(shownPath, QString::fromLocal8Bit(failure.what()));
        return Prepared{nullptr, nullptr, error_};
    }
}

RunJobWork backtestWork(std::shared_ptr<PreparedRun> prepared, const QString& period) {
    return [prepared = std::move(prepared), period](const Progress& progress) {
        RunJobOutcome outcome;
        PreparedRun::Prepared ready;
        if (!prepareJob(*prepared, progress, kLoadShare, ready, outcome)) return outcome;
        try {
            const backtest::Scenario scenario =
                backtest::period_scenario(*ready.config, period.toStdString());
            auto result = std::make_shared<backtest::RunResult>(backtest::run_backtest(
                *ready.market, *ready.config, scenario, {}, scaled(progress, kLoadShare, 1.0)));
            outcome.cancelled = result->cancelled;
            outcome.periodsPerYear = backtest::periods_per_year(*ready.market);
            if (!outcome.cancelled) {
                // Every finished run goes into the results store, as from the command line.
                storeJobRuns(prepared->configPath(), ready, outcome,
                             [&](store::ResultsStore& results, const store::RunDescription& base) {
                                 const auto metrics = metrics::compute_metrics(
                                     *result, backtest::periods_per_year(*ready.market),
                                     metrics::benchmark_returns(*ready.market, *result));
                                 outcome.storedRunId = results.store_run(*result, metrics, base).run_id;
                             });
                outcome.benchmark = benchmarkCurve(*ready.market, *result);
                outcome.result = std::move(result);
            }
        } catch (const std::exception& failure) {
            outcome.error =
                JobText::tr("The %1 backtest failed: %2").arg(period, QString::fromLocal8Bit(failure.what()));
        }
        return outcome;
    };
}

}  // namespace tradelab::gui
