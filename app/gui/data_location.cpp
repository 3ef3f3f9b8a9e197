#include "data_location.hpp"

#include <QDir>

#include "market_data_loader.hpp"

namespace tradelab::gui {

QStringList defaultDataFolderCandidates(const QString& applicationDir) {
    return {QDir::cleanPath(applicationDir + QStringLiteral("/../share/tradelab/data")),
            QDir::cleanPath(QStringLiteral(TRADELAB_DEFAULT_DATA_DIR))};
}

QString findDataFolder(const QStringList& candidates) {
    for (const QString& candidate : candidates) {
        if (looksLikeDataFolder(candidate)) return candidate;
    }
    return {};
}

}  // namespace tradelab::gui
