#pragma once
// The results the chart views show together: the periods of one run config, in period order.
#include <QList>
#include <QString>
#include <memory>

#include "backtest/run_result.hpp"

namespace tradelab::gui {

struct PeriodResult {
    QString period;  // "train", "validation" or "holdout"
    std::shared_ptr<const backtest::RunResult> result;
};

using PeriodResults = QList<PeriodResult>;

}  // namespace tradelab::gui
