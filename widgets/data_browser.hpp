#pragma once
// The data browser: a filterable, sortable table of the loaded series and, below it, the issues the
// loader reported for the selected one.
#include <QWidget>
#include <memory>

#include "data/market_data.hpp"

class QLabel;
class QLineEdit;
class QListWidget;
class QModelIndex;
class QSortFilterProxyModel;
class QTableView;

namespace tradelab::gui {

class SymbolTableModel;

class DataBrowser : public QWidget {
    Q_OBJECT

  public:
    explicit DataBrowser(QWidget* parent = nullptr);

    void setMarketData(std::shared_ptr<const data::MarketData> market);

    // Wide enough for every column of the table without horizontal scrolling.
    QSize sizeHint() const override;

    // Selects the first row in the current sort order (nothing when the table is empty).
    void selectFirstRow();
    // Selects the row of `symbol`, clearing the filter if it hides it. False when there is no such row.
    bool selectSymbol(const QString& symbol);

    SymbolTableModel* model() const { return model_; }
    QSortFilterProxyModel* proxyModel() const { return proxy_; }
    QTableView* table() const { return table_; }
    QLineEdit* filterEdit() const { return filterEdit_; }
    QListWidget* issueList() const { return issueList_; }

  signals:
    // A series was selected.
    void seriesSelected(tradelab::data::SymbolId id);
    // The selection holds no series: nothing is selected, or a rejected file is.
    void noSeriesSelected();

  private:
    void setUpTable();
    void onCurrentRowChanged(const QModelIndex& current);
    void showIssuesOf(int sourceRow);
    void fitColumnsToContents();

    SymbolTableModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QLineEdit* filterEdit_ = nullptr;
    QTableView* table_ = nullptr;
    QLabel* issueHeading_ = nullptr;
    QListWidget* issueList_ = nullptr;
};

}  // namespace tradelab::gui
