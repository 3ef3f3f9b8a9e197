#pragma once
// How the result views (validation, walk-forward, stress) write their figures and fill their read-only
// tables: the locale's digits, "—" for a figure that does not exist, percentages with two decimals,
// pass in green and fail in red.
#include <QColor>
#include <QCoreApplication>
#include <QHeaderView>
#include <QLocale>
#include <QString>
#include <QTableWidget>
#include <QTableWidgetItem>
#include <cmath>

#include "core/date.hpp"
#include "qt_conversions.hpp"

namespace tradelab::gui {

inline const QColor kPassColor(0x2e, 0x7d, 0x32);
inline const QColor kFailColor(0xc6, 0x28, 0x28);
inline const QColor kWarningColor(0xb2, 0x6a, 0x00);
inline const QString kMissingFigure = QStringLiteral("—");

// A cell the user can select and copy but not edit.
inline QTableWidgetItem* cell(const QString& text,
                              Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

// A table of figures: no row numbers, columns as wide as their contents (the last takes the rest),
// whole rows selected, no wrapping.
inline void setUpResultTable(QTableWidget* table) {
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
}

inline QString number(double value, int decimals) {
    return std::isfinite(value) ? QLocale().toString(value, 'f', decimals) : kMissingFigure;
}

inline QString percent(double fraction) {
    return std::isfinite(fraction) ? QCoreApplication::translate("ResultTables", "%1 %")
                                         .arg(QLocale().toString(100.0 * fraction, 'f', 2))
                                   : kMissingFigure;
}

}  // namespace tradelab::gui
