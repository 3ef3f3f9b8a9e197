#pragma once
// Conversions between engine types (std::string, std::filesystem::path, Date) and Qt types.
#include <QDate>
#include <QString>
#include <filesystem>
#include <string>

#include "core/date.hpp"

namespace tradelab::gui {

inline QString toQString(const std::string& utf8) {
    return QString::fromStdString(utf8);
}

inline QString toQString(const std::filesystem::path& path) {
    return QString::fromStdU16String(path.u16string());
}

inline std::filesystem::path toPath(const QString& path) {
    return std::filesystem::path(path.toStdU16String());
}

inline QDate toQDate(Date date) {
    return QDate(1970, 1, 1).addDays(date.time_since_epoch().count());
}

inline Date toDate(const QDate& date) {
    return Date{std::chrono::days{QDate(1970, 1, 1).daysTo(date)}};
}

// "2025-06-30".
inline QString isoDate(Date date) {
    return toQDate(date).toString(Qt::ISODate);
}

// "sharpe_ratio" -> "Sharpe ratio": a metric key read as words.
inline QString metricName(const std::string& key) {
    QString name = toQString(key).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!name.isEmpty()) name[0] = name[0].toUpper();
    return name;
}

}  // namespace tradelab::gui
