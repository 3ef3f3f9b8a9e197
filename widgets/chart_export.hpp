#pragma once
// Saves a chart as a picture or a document, the format chosen by the file's extension: .png (twice the
// on-screen size, sharp enough for a report or a slide), .pdf and .svg (vector, any size).
#include <QString>

class QCustomPlot;

namespace tradelab::gui {

// Items on a layer of this name (the crosshair) follow the mouse; they are left out of exports.
inline constexpr char kScreenOnlyLayer[] = "screenOnly";

// Writes `plot` to `path`; returns an empty string on success, else what went wrong, for the user.
QString exportPlot(QCustomPlot* plot, const QString& path);

// The extensions exportPlot understands, without the dot.
QStringList chartExportSuffixes();

}  // namespace tradelab::gui
