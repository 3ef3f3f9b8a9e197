#pragma once
// The equity curve of the periods of one run config, each period's span shaded in its own light
// colour, with the drawdown below the running peak (the underwater curve) in a second pane. The two
// panes share their time axis: dragging or zooming one moves the other. The equity axis can be linear
// or logarithmic. The benchmark, bought and held with the same starting equity, can be overlaid as a
// dashed grey line. A crosshair reads the equity, drawdown and benchmark of the day under the mouse.
#include <QList>
#include <QSharedPointer>
#include <QWidget>
#include <optional>

#include "period_result.hpp"

class QCheckBox;
class QCPAbstractItem;
class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPAxisTickerDateTime;
class QCPGraph;
class QCPItemRect;
class QCPRange;
class QCPTextElement;

namespace tradelab::gui {

class LinkedTimeAxes;
class PaneCrosshair;
struct CrosshairReading;

class EquityChart : public QWidget {
    Q_OBJECT

  public:
    enum class Pane { Equity, Drawdown };

    explicit EquityChart(QWidget* parent = nullptr);

    // Replaces what is shown with `results` (one curve per period) under `title`.
    void showResults(const QString& title, const PeriodResults& results);
    void clear(const QString& message);
    void showAll();

    void setLogScale(bool logScale);
    bool logScale() const { return logScale_; }
    void setBenchmarkShown(bool shown);
    bool benchmarkShown() const { return benchmarkShown_; }
    // The focused pane takes the larger share of the height.
    void setFocusedPane(Pane pane);

    QCustomPlot* plot() const { return plot_; }
    QList<QCPGraph*> equityGraphs() const { return equityGraphs_; }
    QList<QCPGraph*> drawdownGraphs() const { return drawdownGraphs_; }
    // Parallel to equityGraphs(); null for a period without a benchmark.
    QList<QCPGraph*> benchmarkGraphs() const { return benchmarkGraphs_; }
    QList<QCPItemRect*> periodShades() const { return shades_; }
    QCPAxis* equityTimeAxis() const;
    QCPAxis* drawdownTimeAxis() const;
    QCPAxis* equityAxis() const;
    QString title() const;
    PaneCrosshair* crosshair() const { return crosshair_; }

    // The light fill that marks a period's span; one colour per period name.
    static QColor periodColor(const QString& period);

  signals:
    void logScaleChanged(bool logScale);

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    void setUpLayout();
    void setUpInteractions();
    void removeCurves();
    void addPeriod(const PeriodResult& period);
    void addShade(QCPAxisRect* pane, const PeriodResult& period, bool labelled);
    QCPGraph* addBenchmark(const PeriodResult& period, const QVector<double>& keys);
    void updateLegend();
    std::optional<QCPRange> dataTimeRange() const;
    void fitValueAxes(const QCPRange& timeRange);
    void applyEquityScale();
    std::optional<CrosshairReading> readingAt(double key) const;

    QCustomPlot* plot_ = nullptr;
    QCheckBox* logScaleBox_ = nullptr;
    QCheckBox* benchmarkBox_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPAxisRect* equityPane_ = nullptr;
    QCPAxisRect* drawdownPane_ = nullptr;
    QSharedPointer<QCPAxisTickerDateTime> dateTicker_;
    QList<QCPGraph*> equityGraphs_;
    QList<QCPGraph*> drawdownGraphs_;
    QList<QCPGraph*> benchmarkGraphs_;
    QList<QCPItemRect*> shades_;
    QList<QCPAbstractItem*> periodItems_;  // the shades and their labels
    QList<QString> periodNames_;           // parallel to equityGraphs_
    PaneCrosshair* crosshair_ = nullptr;
    LinkedTimeAxes* timeAxes_ = nullptr;
    bool logScale_ = false;
    bool benchmarkShown_ = true;
};

}  // namespace tradelab::gui
