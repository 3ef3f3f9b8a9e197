#include "monthly_returns_chart.hpp"

#include <qcustomplot.h>

#include "stacked_panes.hpp"

#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace tradelab::gui {
namespace {

constexpr double kMinimumScalePercent = 1.0;  // so a flat year is not painted in full colour

std::pair<int, int> yearMonth(Date date) {
    const std::chrono::year_month_day day{date};
    return {int(day.year()), int(unsigned(day.month()))};
}

// Red for losses, white at 0, green for gains; the same depth of colour for the same size of move.
QCPColorGradient divergingGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(0xc6, 0x28, 0x28));
    gradient.setColorStopAt(0.25, QColor(0xef, 0x9a, 0x9a));
    gradient.setColorStopAt(0.5, QColor(0xfa, 0xfa, 0xfa));
    gradient.setColorStopAt(0.75, QColor(0xa5, 0xd6, 0xa7));
    gradient.setColorStopAt(1.0, QColor(0x2e, 0x7d, 0x32));
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(0xdc, 0xdc, 0xdc));  // months outside the periods: grey, unlabelled
    return gradient;
}

QSharedPointer<QCPAxisTickerText> monthTicker() {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const QLocale locale;
    for (int month = 1; month <= 12; ++month)
        ticker->addTick(month, locale.monthName(month, QLocale::ShortFormat));
    return ticker;
}

}  // namespace

MonthlyReturns monthlyReturns(const PeriodResults& results) {
    MonthlyReturns returns;
    for (const PeriodResult& period : results) {
        const auto& curve = period.result->equity_curve;
        double monthStart = period.result->starting_equity;
        for (std::size_t i = 0; i < curve.size(); ++i) {
            const bool lastOfMonth =
                i + 1 == curve.size() || yearMonth(curve[i + 1].date) != yearMonth(curve[i].date);
            if (!lastOfMonth || monthStart <= 0.0) continue;
            const double partial = curve[i].equity / monthStart - 1.0;
            auto [cell, added] = returns.emplace(yearMonth(curve[i].date), partial);
            if (!added) cell->second = (1.0 + cell->second) * (1.0 + partial) - 1.0;
            monthStart = curve[i].equity;
        }
    }
    return returns;
}

MonthlyReturnsChart::MonthlyReturnsChart(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setUpPlot();
    clear(tr("No backtest results yet"));
}

void MonthlyReturnsChart::setUpPlot() {
    QCPLayoutGrid* grid = plot_->plotLayout();
    title_ = addTitleRow(plot_, font());

    QCPAxisRect* cells = plot_->axisRect();
    QCPAxis* months = cells->axis(QCPAxis::atBottom);
    QCPAxis* years = cells->axis(QCPAxis::atLeft);
    months->setTicker(monthTicker());
    months->setRange(0.5, 12.5);
    years->setRangeReversed(true);  // the first year on top, as in a calendar
    for (QCPAxis* axis : {months, years}) {
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
        axis->setTickLength(0, 4);
    }
    years->setLabel(tr("Year"));

    colorMap_ = new QCPColorMap(months, years);
    colorMap_->setInterpolate(false);
    colorMap_->setTightBoundary(false);

    colorScale_ = new QCPColorScale(plot_);
    grid->addElement(1, 1, colorScale_);
    colorScale_->setType(QCPAxis::atRight);
    colorScale_->setLabel(tr("Monthly return (%)"));
    colorScale_->setBarWidth(14);
    // Linked, the map takes the scale's gradient, so the gradient goes on the scale.
    colorMap_->setColorScale(colorScale_);
    colorScale_->setGradient(divergingGradient());
    auto* margins = new QCPMarginGroup(plot_);
    cells->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    colorScale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
}

QString MonthlyReturnsChart::title() const {
    return title_->text();
}

void MonthlyReturnsChart::clear(const QString& message) {
    title_->setText(message);
    colorMap_->data()->clear();
    colorMap_->setVisible(false);
    plot_->clearItems();
    cellLabels_.clear();
    plot_->replot();
}

void MonthlyReturnsChart::showResults(const QString& title, const PeriodResults& results) {
    const MonthlyReturns returns = monthlyReturns(results);
    if (returns.empty()) {
        clear(tr("%1 — no complete month to show").arg(title));
        return;
    }
    title_->setText(title);
    fill(returns);
    plot_->replot();
}

void MonthlyReturnsChart::fill(const MonthlyReturns& returns) {
    const int firstYear = returns.begin()->first.first;
    const int lastYear = returns.rbegin()->first.first;
    const int yearCount = lastYear - firstYear + 1;

    colorMap_->data()->setSize(12, yearCount);
    colorMap_->data()->setRange(QCPRange(1, 12), QCPRange(firstYear, lastYear));
    colorMap_->data()->fill(std::numeric_limits<double>::quiet_NaN());
    double largest = kMinimumScalePercent;
    for (const auto& [cell, value] : returns) {
        colorMap_->data()->setCell(cell.second - 1, cell.first - firstYear, value * 100.0);
        largest = std::max(largest, std::abs(value) * 100.0);
    }
    // Symmetric around 0 so white always means "flat".
    colorScale_->setDataRange(QCPRange(-largest, largest));
    colorMap_->setVisible(true);

    auto yearTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int year = firstYear; year <= lastYear; ++year) yearTicker->addTick(year, QString::number(year));
    QCPAxis* years = plot_->axisRect()->axis(QCPAxis::atLeft);
    years->setTicker(yearTicker);
    years->setRange(firstYear - 0.5, lastYear + 0.5);
    plot_->clearItems();
    cellLabels_.clear();
    drawCellBorders(firstYear, lastYear);
    labelCells(returns, largest);
}

// White lines between the cells, so neighbouring months of similar colour stay apart.
void MonthlyReturnsChart::drawCellBorders(int firstYear, int lastYear) {
    const QPen border(Qt::white, 2);
    const auto addLine = [this, &border](QPointF from, QPointF to) {
        auto* line = new QCPItemLine(plot_);
        line->setClipToAxisRect(true);
        line->setPen(border);
        line->start->setCoords(from);
        line->end->setCoords(to);
    };
    for (int month = 1; month < 12; ++month)
        addLine({month + 0.5, firstYear - 0.5}, {month + 0.5, lastYear + 0.5});
    for (int year = firstYear; year < lastYear; ++year) addLine({0.5, year + 0.5}, {12.5, year + 0.5});
}

void MonthlyReturnsChart::labelCells(const MonthlyReturns& returns, double scaleLimit) {
    const QLocale locale;
    QFont cellFont = font();
    cellFont.setPointSizeF(cellFont.pointSizeF() * 1.05);
    for (const auto& [cell, value] : returns) {
        // Rounded first, so a tiny loss reads "0.0 %" rather than "-0.0 %".
        const double percent = std::round(value * 1000.0) / 10.0;
        auto* label = new QCPItemText(plot_);
        label->setClipToAxisRect(true);
        label->position->setCoords(cell.second, cell.first);
        label->setPositionAlignment(Qt::AlignCenter);
        label->setFont(cellFont);
        label->setText((percent > 0 ? QStringLiteral("+") : QString()) +
                       locale.toString(percent == 0.0 ? 0.0 : percent, 'f', 1) + QStringLiteral(" %"));
        // Dark cells (large moves) take white text.
        label->setColor(std::abs(percent) > 0.6 * scaleLimit ? Qt::white : QColor(0x21, 0x21, 0x21));
        cellLabels_.append(label);
    }
}

}  // namespace tradelab::gui
