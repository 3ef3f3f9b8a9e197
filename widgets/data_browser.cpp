#include "data_browser.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "symbol_table_model.hpp"

namespace tradelab::gui {

DataBrowser::DataBrowser(QWidget* parent)
    : QWidget(parent),
      model_(new SymbolTableModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      filterEdit_(new QLineEdit(this)),
      table_(new QTableView(this)),
      issueHeading_(new QLabel(this)),
      issueList_(new QListWidget(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(SymbolTableModel::SortRole);
    proxy_->setFilterRole(SymbolTableModel::FilterRole);
    proxy_->setFilterKeyColumn(-1);  // FilterRole is only set on the symbol and class columns
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    filterEdit_->setPlaceholderText(tr("Filter by symbol or class"));
    filterEdit_->setClearButtonEnabled(true);
    connect(filterEdit_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

    setUpTable();
    issueList_->setWordWrap(true);
    issueList_->setAlternatingRowColors(true);
    issueList_->setIconSize(QSize(16, 16));

    auto* issuePane = new QWidget(this);
    auto* issueLayout = new QVBoxLayout(issuePane);
    issueLayout->setContentsMargins(0, 0, 0, 0);
    issueLayout->addWidget(issueHeading_);
    issueLayout->addWidget(issueList_);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(table_);
    splitter->addWidget(issuePane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(filterEdit_);
    layout->addWidget(splitter);

    showIssuesOf(-1);
}

void DataBrowser::setUpTable() {
    table_->setModel(proxy_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setHighlightSections(false);
    table_->horizontalHeader()->setStretchLastSection(false);
    // Load order (equities, crypto, benchmarks) until the user clicks a column header.
    table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    table_->setSortingEnabled(true);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DataBrowser::onCurrentRowChanged);
}

void DataBrowser::setMarketData(std::shared_ptr<const data::MarketData> market) {
    model_->setMarketData(std::move(market));
    fitColumnsToContents();
    showIssuesOf(-1);
}

void DataBrowser::fitColumnsToContents() {
    table_->resizeColumnsToContents();
    // A little air after each column: resizeColumnsToContents() leaves the text touching the grid.
    QHeaderView* header = table_->horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        header->resizeSection(column, header->sectionSize(column) + 8);
    }
}

QSize DataBrowser::sizeHint() const {
    const QMargins margins = layout()->contentsMargins();
    const int tableWidth = table_->horizontalHeader()->length() + 2 * table_->frameWidth() +
                           table_->verticalScrollBar()->sizeHint().width();
    return {tableWidth + margins.left() + margins.right(), QWidget::sizeHint().height()};
}

void DataBrowser::selectFirstRow() {
    if (proxy_->rowCount() == 0) return;
    table_->setCurrentIndex(proxy_->index(0, 0));
    table_->scrollToTop();
}

bool DataBrowser::selectSymbol(const QString& symbol) {
    const int sourceRow = model_->rowOfSymbol(symbol);
    if (sourceRow < 0) return false;
    QModelIndex index = proxy_->mapFromSource(model_->index(sourceRow, 0));
    if (!index.isValid()) {
        filterEdit_->clear();
        index = proxy_->mapFromSource(model_->index(sourceRow, 0));
    }
    table_->setCurrentIndex(index);
    table_->scrollTo(index);
    return true;
}

void DataBrowser::onCurrentRowChanged(const QModelIndex& current) {
    const int sourceRow = current.isValid() ? proxy_->mapToSource(current).row() : -1;
    showIssuesOf(sourceRow);
    if (const auto id = model_->symbolId(sourceRow)) {
        emit seriesSelected(*id);
    } else {
        emit noSeriesSelected();
    }
}

void DataBrowser::showIssuesOf(int sourceRow) {
    issueList_->clear();
    if (sourceRow < 0) {
        issueHeading_->setText(tr("Issues"));
        return;
    }
    const QString symbol = model_->symbol(sourceRow);
    const auto issues = model_->issues(sourceRow);
    const QStringList texts = model_->issueTexts(sourceRow);
    issueHeading_->setText(tr("Issues for %1: %2").arg(symbol).arg(texts.size()));
    if (texts.isEmpty()) {
        auto* item =
            new QListWidgetItem(tr("No issues: every row of this file was read as it is."), issueList_);
        item->setFlags(Qt::NoItemFlags);
        return;
    }
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const bool isError = issues[std::size_t(i)]->severity == data::Severity::Error;
        new QListWidgetItem(isError ? errorIcon : warningIcon, texts[i], issueList_);
    }
}

}  // namespace tradelab::gui
