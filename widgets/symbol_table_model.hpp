#pragma once
// The data browser's table: one row per loaded series, plus one row per file the loader rejected, so
// that every issue it reported belongs to a row the user can select and read.
#include <QAbstractTableModel>
#include <QDate>
#include <QStringList>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "data/market_data.hpp"

namespace tradelab::gui {

class SymbolTableModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column {
        SymbolColumn,
        ClassColumn,
        FirstDateColumn,
        LastDateColumn,
        BarsColumn,
        WarningsColumn,
        ErrorsColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // raw values (QDate, numbers) so sorting is not lexical
        FilterRole,                   // text matched by the filter line edit: symbol and class only
    };

    explicit SymbolTableModel(QObject* parent = nullptr);

    void setMarketData(std::shared_ptr<const data::MarketData> market);
    const std::shared_ptr<const data::MarketData>& marketData() const { return market_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The series shown by a row; nullopt for a rejected file (it has issues but no bars).
    std::optional<data::SymbolId> symbolId(int row) const;
    QString symbol(int row) const;
    // Row of the first series named `symbol`, or -1.
    int rowOfSymbol(const QString& symbol) const;
    // The row's issues as "file:line: field: message", in the order the loader reported them.
    QStringList issueTexts(int row) const;
    // The row's issues themselves (for severity icons and the like).
    std::vector<const data::DataIssue*> issues(int row) const;

    // "Equity", "Crypto", "Equity benchmark"...: the class column's text.
    static QString assetClassName(const data::SymbolInfo& info);

  private:
    struct Row {
        std::optional<data::SymbolId> id;
        QString symbol;
        QString assetClass;
        QString file;
        QDate firstDate;
        QDate lastDate;
        qsizetype bars = 0;
        int warnings = 0;
        int errors = 0;
        std::vector<std::size_t> issueIndices;  // into MarketData::issues()
    };

    static std::vector<Row> buildRows(const data::MarketData& market);
    static Row seriesRow(const data::MarketData& market, data::SymbolId id);
    static Row rejectedFileRow(const data::DataIssue& issue);

    QVariant displayData(const Row& row, int column) const;
    QVariant sortData(const Row& row, int column) const;
    QVariant toolTipData(const Row& row, int column) const;
    QVariant foregroundData(const Row& row, int column) const;
    static QVariant headerToolTip(int section);

    std::shared_ptr<const data::MarketData> market_;
    std::vector<Row> rows_;
};

}  // namespace tradelab::gui
