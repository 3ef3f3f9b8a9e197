#include "symbol_table_model.hpp"

#include <QBrush>
#include <QColor>
#include <QFileInfo>
#include <string>
#include <unordered_map>

#include "data/data_issue.hpp"
#include "qt_conversions.hpp"

namespace tradelab::gui {
namespace {

// Issues and SymbolInfo name the same file in possibly different spellings ("a/./b.csv", "a/b.csv").
std::string normalizedPath(const std::filesystem::path& path) {
    return path.lexically_normal().generic_string();
}

const QColor kErrorColor(0xc6, 0x28, 0x28);
const QColor kWarningColor(0xb2, 0x6a, 0x00);
const QColor kRejectedColor(0x80, 0x80, 0x80);

}  // namespace

SymbolTableModel::SymbolTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SymbolTableModel::setMarketData(std::shared_ptr<const data::MarketData> market) {
    beginResetModel();
    market_ = std::move(market);
    rows_ = market_ ? buildRows(*market_) : std::vector<Row>{};
    endResetModel();
}

std::vector<SymbolTableModel::Row> SymbolTableModel::buildRows(const data::MarketData& market) {
    std::vector<Row> rows;
    std::unordered_map<std::string, std::size_t> rowByFile;
    std::unordered_map<std::string, std::vector<std::size_t>> rowsByFileName;
    for (data::SymbolId id = 0; id < market.symbol_count(); ++id) {
        rows.push_back(seriesRow(market, id));
        rowByFile.emplace(normalizedPath(market.info(id).file), rows.size() - 1);
        rowsByFileName[market.info(id).file.filename().string()].push_back(rows.size() - 1);
    }

    // An issue belongs to the series read from its file. A bare file name is accepted when only one
    // series has it (BTC.csv exists twice: crypto and benchmark). Anything else is a rejected file.
    const auto rowForIssue = [&](const data::DataIssue& issue) -> std::size_t {
        const std::filesystem::path file(issue.file);
        if (const auto found = rowByFile.find(normalizedPath(file)); found != rowByFile.end()) {
            return found->second;
        }
        if (!file.has_parent_path()) {
            const auto named = rowsByFileName.find(file.filename().string());
            if (named != rowsByFileName.end() && named->second.size() == 1) return named->second.front();
        }
        rows.push_back(rejectedFileRow(issue));
        rowByFile.emplace(normalizedPath(file), rows.size() - 1);
        return rows.size() - 1;
    };

    const auto& issues = market.issues();
    for (std::size_t i = 0; i < issues.size(); ++i) {
        Row& row = rows[rowForIssue(issues[i])];
        row.issueIndices.push_back(i);
        (issues[i].severity == data::Severity::Error ? row.errors : row.warnings) += 1;
    }
    return rows;
}

SymbolTableModel::Row SymbolTableModel::seriesRow(const data::MarketData& market, data::SymbolId id) {
    const data::SymbolInfo& info = market.info(id);
    const data::BarSeries& bars = market.bars(id);
    Row row;
    row.id = id;
    row.symbol = toQString(info.symbol);
    row.assetClass = assetClassName(info);
    row.file = toQString(info.file);
    row.bars = qsizetype(bars.size());
    if (!bars.empty()) {
        row.firstDate = toQDate(bars.date.front());
        row.lastDate = toQDate(bars.date.back());
    }
    return row;
}

SymbolTableModel::Row SymbolTableModel::rejectedFileRow(const data::DataIssue& issue) {
    Row row;
    row.file = toQString(issue.file);
    row.symbol = issue.file.empty() ? tr("(no file)") : QFileInfo(row.file).completeBaseName();
    row.assetClass = tr("Rejected");
    return row;
}

QString SymbolTableModel::assetClassName(const data::SymbolInfo& info) {
    const QString name = info.asset_class == AssetClass::Equity ? tr("Equity") : tr("Crypto");
    return info.is_benchmark ? tr("%1 benchmark").arg(name) : name;
}

int SymbolTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int SymbolTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SymbolTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Row& row = rows_[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return displayData(row, column);
        case SortRole:
            return sortData(row, column);
        case FilterRole:
            return column == SymbolColumn || column == ClassColumn ? displayData(row, column) : QVariant();
        case Qt::ToolTipRole:
            return toolTipData(row, column);
        case Qt::ForegroundRole:
            return foregroundData(row, column);
        case Qt::TextAlignmentRole:
            return column >= BarsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
        default:
            return {};
    }
}

QVariant SymbolTableModel::displayData(const Row& row, int column) const {
    const auto dateText = [](const QDate& date) {
        return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("—");
    };
    switch (column) {
        case SymbolColumn:
            return row.symbol;
        case ClassColumn:
            return row.assetClass;
        case FirstDateColumn:
            return dateText(row.firstDate);
        case LastDateColumn:
            return dateText(row.lastDate);
        case BarsColumn:
            return row.bars;
        case WarningsColumn:
            return row.warnings;
        case ErrorsColumn:
            return row.errors;
        default:
            return {};
    }
}

QVariant SymbolTableModel::sortData(const Row& row, int column) const {
    switch (column) {
        case FirstDateColumn:
            return row.firstDate;
        case LastDateColumn:
            return row.lastDate;
        default:
            return displayData(row, column);
    }
}

QVariant SymbolTableModel::toolTipData(const Row& row, int column) const {
    if (column == WarningsColumn || column == ErrorsColumn) {
        return tr("%1 warnings, %2 errors").arg(row.warnings).arg(row.errors);
    }
    if (!row.id) return tr("%1 was rejected; select it to read why.").arg(row.file);
    return row.file;
}

QVariant SymbolTableModel::foregroundData(const Row& row, int column) const {
    if (column == ErrorsColumn && row.errors > 0) return QBrush(kErrorColor);
    if (column == WarningsColumn && row.warnings > 0) return QBrush(kWarningColor);
    if (!row.id) return QBrush(kRejectedColor);
    return {};
}

QVariant SymbolTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) return headerToolTip(section);
    if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    // Short labels keep the browser narrow; the tooltips spell them out.
    switch (section) {
        case SymbolColumn:
            return tr("Symbol");
        case ClassColumn:
            return tr("Class");
        case FirstDateColumn:
            return tr("First");
        case LastDateColumn:
            return tr("Last");
        case BarsColumn:
            return tr("Bars");
        case WarningsColumn:
            return tr("Warn.");
        case ErrorsColumn:
            return tr("Err.");
        default:
            return {};
    }
}

QVariant SymbolTableModel::headerToolTip(int section) {
    switch (section) {
        case FirstDateColumn:
            return tr("Date of the first bar");
        case LastDateColumn:
            return tr("Date of the last bar");
        case BarsColumn:
            return tr("Number of daily bars loaded");
        case WarningsColumn:
            return tr("Warnings: the file was read, but something in it looks wrong");
        case ErrorsColumn:
            return tr("Errors: rows (or the whole file) that could not be used");
        default:
            return {};
    }
}

std::optional<data::SymbolId> SymbolTableModel::symbolId(int row) const {
    if (row < 0 || row >= rowCount()) return std::nullopt;
    return rows_[std::size_t(row)].id;
}

QString SymbolTableModel::symbol(int row) const {
    if (row < 0 || row >= rowCount()) return {};
    return rows_[std::size_t(row)].symbol;
}

int SymbolTableModel::rowOfSymbol(const QString& symbol) const {
    for (std::size_t row = 0; row < rows_.size(); ++row) {
        if (rows_[row].symbol == symbol) return int(row);
    }
    return -1;
}

std::vector<const data::DataIssue*> SymbolTableModel::issues(int row) const {
    std::vector<const data::DataIssue*> result;
    if (row < 0 || row >= rowCount()) return result;
    for (const std::size_t index : rows_[std::size_t(row)].issueIndices) {
        result.push_back(&market_->issues()[index]);
    }
    return result;
}

QStringList SymbolTableModel::issueTexts(int row) const {
    QStringList texts;
    for (const data::DataIssue* issue : issues(row)) texts << toQString(data::format_issue(*issue));
    return texts;
}

}  // namespace tradelab::gui
