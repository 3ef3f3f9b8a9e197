#include "validation_view.hpp"

#include "result_tables.hpp"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "backtest/run_market.hpp"
#include "config/run_config.hpp"
#include "qt_conversions.hpp"
#include "store/results_store.hpp"
#include "validation/validation_store.hpp"
#include "validation/validation_suite.hpp"

namespace tradelab::gui {
namespace {

constexpr double kLoadShare = 0.05;

QColor verdictColor(validation::Verdict verdict) {
    switch (verdict) {
        case validation::Verdict::Proceed:
            return kPassColor;
        case validation::Verdict::Conditional:
            return kWarningColor;
        case validation::Verdict::Reject:
            return kFailColor;
    }
    return Qt::black;
}

}  // namespace

ValidationView::ValidationView(QWidget* parent)
    : QWidget(parent),
      verdict_(new QLabel(this)),
      checks_(new QTableWidget(this)),
      summary_(new QPlainTextEdit(this)) {
    auto* layout = new QVBoxLayout(this);
    verdict_->setWordWrap(true);
    verdict_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(verdict_);
    checks_->setColumnCount(ColumnCount);
    checks_->setHorizontalHeaderLabels(
        {tr("Group"), tr("Check"), tr("Value"), QString(), tr("Threshold"), tr("Result")});
    setUpResultTable(checks_);
    summary_->setReadOnly(true);
    summary_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    summary_->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(checks_);
    splitter->addWidget(summary_);
    layout->addWidget(splitter, 1);
}

void ValidationView::clear(const QString& message) {
    verdict_->setText(message);
    verdict_->setStyleSheet({});
    checks_->setRowCount(0);
    summary_->clear();
}

void ValidationView::setReport(const validation::ValidationReport& report, const QString& title) {
    verdict_->setText(verdictLine(report, title).toHtmlEscaped());
    verdict_->setStyleSheet(QStringLiteral("color: %1; font-size: 115%; font-weight: bold;")
                                .arg(verdictColor(report.verdict.verdict).name()));
    fillChecks(report);
    summary_->setPlainText(QString::fromStdString(validation::console_summary(report)));
}

QString ValidationView::verdictLine(const validation::ValidationReport& report, const QString& title) {
    return tr("%1: %2 — %3%4")
        .arg(title, QString::fromUtf8(validation::to_string(report.verdict.verdict)),
             QString::fromStdString(report.verdict.reason),
             report.partial ? tr(" (cancelled: partial)") : QString());
}

QString ValidationView::verdictText() const {
    return verdict_->text();
}

void ValidationView::fillChecks(const validation::ValidationReport& report) {
    const auto& checks = report.verdict.checks;
    checks_->setRowCount(int(checks.size()));
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    for (int row = 0; row < int(checks.size()); ++row) {
        const auto& c = checks[std::size_t(row)];
        checks_->setItem(row, GroupColumn, cell(QString::fromStdString(c.group)));
        checks_->setItem(row, CheckColumn, cell(QString::fromStdString(c.name)));
        checks_->setItem(row, ValueColumn, cell(c.applicable ? number(c.value, 4) : kMissingFigure, right));
        checks_->setItem(row, ComparisonColumn, cell(QString::fromStdString(c.comparison), Qt::AlignCenter));
        checks_->setItem(row, ThresholdColumn,
                         cell(c.applicable ? number(c.threshold, 4) : kMissingFigure, right));
        const QString result = !c.applicable ? tr("n/a") : c.passed ? tr("pass") : tr("FAIL");
        auto* item = cell(c.note.empty() || (c.passed && c.applicable)
                              ? result
                              : tr("%1 (%2)").arg(result, QString::fromStdString(c.note)));
        if (c.applicable) item->setForeground(c.passed ? kPassColor : kFailColor);
        checks_->setItem(row, ResultColumn, item);
    }
}

RunJobWork validationWork(std::shared_ptr<PreparedRun> prepared, std::shared_ptr<ValidationOutput> output) {
    return [prepared = std::move(prepared), output = std::move(output)](const Progress& progress) {
        RunJobOutcome outcome;
        PreparedRun::Prepared ready;
        if (!prepareJob(*prepared, progress, kLoadShare, ready, outcome)) return outcome;
        try {
            const validation::PointConfigSource source{toPath(prepared->configPath()), *ready.config, {}};
            auto report = std::make_shared<validation::ValidationReport>(
                validation::run_validation(*ready.market, source, {}, scaled(progress, kLoadShare, 1.0)));
            if (report->partial) {
                outcome.cancelled = true;
                return outcome;
            }
            const validation::PeriodOutcome* judged = report->period("validation");
            outcome.result = std::make_shared<backtest::RunResult>(judged->run);
            outcome.periodsPerYear = backtest::periods_per_year(*ready.market);
            storeJobRuns(prepared->configPath(), ready, outcome,
                         [&](store::ResultsStore& results, const store::RunDescription& base) {
                             const auto stored = validation::store_validation(results, base, *report,
                                                                              "validation", *ready.market);
                             outcome.storedRunId = stored.run_id;
                             output->storedRunId = stored.run_id;
                         });
            output->report = std::move(report);
        } catch (const std::exception& failure) {
            outcome.error = QString::fromLocal8Bit(failure.what());
        }
        return outcome;
    };
}

}  // namespace tradelab::gui
