#include "stacked_panes.hpp"

#include <QTimeZone>

namespace tradelab::gui {

StackedPanes makeStackedPanes(QCustomPlot* plot, const QFont& baseFont) {
    StackedPanes panes;
    QCPLayoutGrid* grid = plot->plotLayout();
    panes.upper = plot->axisRect();
    grid->insertRow(0);
    QFont titleFont = baseFont;
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    panes.title = new QCPTextElement(plot, QString(), titleFont);
    grid->addElement(0, 0, panes.title);
    panes.lower = new QCPAxisRect(plot);
    grid->addElement(2, 0, panes.lower);
    grid->setRowSpacing(0);

    auto* sharedMargins = new QCPMarginGroup(plot);
    panes.upper->setMarginGroup(QCP::msLeft | QCP::msRight, sharedMargins);
    panes.lower->setMarginGroup(QCP::msLeft | QCP::msRight, sharedMargins);
    panes.upper->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msTop);
    panes.upper->setMargins(QMargins(0, 0, 0, 0));
    panes.lower->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    panes.lower->setMargins(QMargins(0, 8, 0, 0));

    // UTC: plot keys are whole days since the epoch and must not shift with the local time zone.
    panes.dateTicker = QSharedPointer<QCPAxisTickerDateTime>::create();
    panes.dateTicker->setTimeZone(QTimeZone::utc());
    return panes;
}

}  // namespace tradelab::gui
