#pragma once
// The layout both time-series charts use: a title row, a main pane and a smaller pane below that share
// one date axis (UTC whole days). The panes touch and take the wider of their left and right margins,
// so their time axes line up exactly; only the lower pane shows date labels.
#include <qcustomplot.h>

namespace tradelab::gui {

struct StackedPanes {
    QCPTextElement* title = nullptr;
    QCPAxisRect* upper = nullptr;
    QCPAxisRect* lower = nullptr;
    QSharedPointer<QCPAxisTickerDateTime> dateTicker;
};

// Rearranges `plot` (its default axis rect becomes the upper pane) and returns the parts.
StackedPanes makeStackedPanes(QCustomPlot* plot, const QFont& baseFont);

}  // namespace tradelab::gui
