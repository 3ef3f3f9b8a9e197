#pragma once
// The results the chart views show together: the periods of one run config, in period order.
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVector>
#include <memory>

#include "backtest/run_result.hpp"

namespace tradelab::gui {

// The benchmark bought and held with a run's starting equity from the close before its first day,
// valued at the run's curve dates: one value per equity curve point.
struct BenchmarkCurve {
    QString symbol;
    QVector<double> equity;
};

struct PeriodResult {
    QString period;  // "train", "validation" or "holdout"
    std::shared_ptr<const backtest::RunResult> result;
    std::shared_ptr<const BenchmarkCurve> benchmark;  // null when the market has no benchmark
};

using PeriodResults = QList<PeriodResult>;

// "Train", "Validation" or "Holdout", translated; another period as it is named.
inline QString periodLabel(const QString& period) {
    if (period == QLatin1String("train")) return QCoreApplication::translate("PeriodResult", "Train");
    if (period == QLatin1String("validation"))
        return QCoreApplication::translate("PeriodResult", "Validation");
    if (period == QLatin1String("holdout")) return QCoreApplication::translate("PeriodResult", "Holdout");
    return period;
}

}  // namespace tradelab::gui
