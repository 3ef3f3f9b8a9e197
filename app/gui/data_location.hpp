#pragma once
// Where TradeLab looks for its market data when no --data folder is given.
#include <QString>
#include <QStringList>

namespace tradelab::gui {

// In order: the installed copy (<exe dir>/../share/tradelab/data), then the source tree's data folder.
QStringList defaultDataFolderCandidates(const QString& applicationDir);

// The first candidate that has the data folder layout; empty when none has.
QString findDataFolder(const QStringList& candidates);

}  // namespace tradelab::gui
