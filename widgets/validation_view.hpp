#pragma once
// The validation suite in the workstation: the job that runs it (Run > Validate) and the view of its
// report — the go/no-go verdict, the table of checks that produced it, and the statistics as the
// command line prints them.
#include <QWidget>
#include <cstdint>
#include <memory>

#include "backtest_job.hpp"

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace tradelab::validation {
struct ValidationReport;
}

namespace tradelab::gui {

class ValidationView : public QWidget {
    Q_OBJECT

  public:
    enum Column {
        GroupColumn,
        CheckColumn,
        ValueColumn,
        ComparisonColumn,
        ThresholdColumn,
        ResultColumn,
        ColumnCount
    };

    explicit ValidationView(QWidget* parent = nullptr);

    void setReport(const validation::ValidationReport& report, const QString& title);
    // "eq.yaml: REJECT — hard rejection: …" as plain text, for the status bar.
    static QString verdictLine(const validation::ValidationReport& report, const QString& title);
    void clear(const QString& message);

    QString verdictText() const;
    QTableWidget* checksTable() const { return checks_; }
    QPlainTextEdit* summaryText() const { return summary_; }

  private:
    void fillChecks(const validation::ValidationReport& report);

    QLabel* verdict_ = nullptr;
    QTableWidget* checks_ = nullptr;
    QPlainTextEdit* summary_ = nullptr;
};

// The report a validationWork job produced, read once the job has ended.
struct ValidationOutput {
    std::shared_ptr<const validation::ValidationReport> report;
    std::int64_t storedRunId = 0;
};

// Runs the validation suite of `prepared`'s config (iterations from validation.statistical) and stores
// it like `tradelab-cli validate`. The job's result is the judged period's run (validation).
RunJobWork validationWork(std::shared_ptr<PreparedRun> prepared, std::shared_ptr<ValidationOutput> output);

}  // namespace tradelab::gui
