#include "chart_export.hpp"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSvgGenerator>

namespace tradelab::gui {
namespace {

// Translation context of the export's messages.
struct ChartExport {
    Q_DECLARE_TR_FUNCTIONS(ChartExport)
};

constexpr double kPngScale = 2.0;

// Hides the screen-only layer for as long as it lives, so an export never shows the crosshair.
class ScreenOnlyLayerHidden {
  public:
    explicit ScreenOnlyLayerHidden(QCustomPlot* plot) : layer_(plot->layer(QLatin1String(kScreenOnlyLayer))) {
        if (layer_) {
            wasVisible_ = layer_->visible();
            layer_->setVisible(false);
        }
    }
    ~ScreenOnlyLayerHidden() {
        if (layer_) layer_->setVisible(wasVisible_);
    }
    ScreenOnlyLayerHidden(const ScreenOnlyLayerHidden&) = delete;
    ScreenOnlyLayerHidden& operator=(const ScreenOnlyLayerHidden&) = delete;

  private:
    QCPLayer* layer_ = nullptr;
    bool wasVisible_ = false;
};

QString cannotWrite(const QString& path, const QString& reason) {
    return ChartExport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
}

// QSvgGenerator reports no errors of its own; opening the file first catches an unwritable path.
QString exportSvg(QCustomPlot* plot, const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return cannotWrite(path, file.errorString());
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(plot->size());
    generator.setViewBox(QRect(QPoint(0, 0), plot->size()));
    generator.setTitle(ChartExport::tr("TradeLab chart"));
    QCPPainter painter;
    if (!painter.begin(&generator))
        return cannotWrite(path, ChartExport::tr("the SVG painter did not start"));
    painter.setMode(QCPPainter::pmVectorized);  // cosmetic pens stay hairlines at any zoom
    plot->toPainter(&painter, plot->width(), plot->height());
    painter.end();
    if (file.error() != QFileDevice::NoError) return cannotWrite(path, file.errorString());
    return {};
}

}  // namespace

QStringList chartExportSuffixes() {
    return {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg")};
}

QString exportPlot(QCustomPlot* plot, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (!chartExportSuffixes().contains(suffix)) {
        return ChartExport::tr("Cannot export to %1: the file name must end in .png, .pdf or .svg.")
            .arg(QDir::toNativeSeparators(path));
    }
    const ScreenOnlyLayerHidden hidden(plot);
    if (suffix == QLatin1String("svg")) return exportSvg(plot, path);
    const bool saved =
        suffix == QLatin1String("png") ? plot->savePng(path, 0, 0, kPngScale) : plot->savePdf(path);
    if (!saved) return cannotWrite(path, ChartExport::tr("the file could not be created"));
    return {};
}

}  // namespace tradelab::gui
