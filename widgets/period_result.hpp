#pragma once
// The results the chart views show together: the periods of one run config, in period order.
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

}  // namespace tradelab::gui
