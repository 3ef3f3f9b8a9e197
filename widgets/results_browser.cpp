#include "results_browser.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QSignalBlocker>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>

#include "qt_conversions.hpp"
#include "store/results_store.hpp"

namespace tradelab::gui {
namespace {

using Column = ResultsTableModel::Column;

// One statement for the whole list: the metrics joined row by row, each run's tags gathered by one
// grouped pass over run_tags (sorted first, so group_concat lists them in order).
const QString kListingSql = QStringLiteral(
    "SELECT r.id, r.created_at, r.kind, r.config_name, r.period, r.start_date, r.end_date, r.seed, "
    "m.total_return, m.sharpe_ratio, m.max_drawdown, m.calmar_ratio, m.total_trades, m.win_rate, "
    "r.status, coalesce(t.tags, ''), r.notes, r.variant, r.config_path "
    "FROM runs r "
    "LEFT JOIN run_metrics m ON m.run_id = r.id "
    "LEFT JOIN (SELECT run_id, group_concat(tag, ', ') AS tags "
    "           FROM (SELECT run_id, tag FROM run_tags ORDER BY run_id, tag) GROUP BY run_id) t "
    "       ON t.run_id = r.id "
    "ORDER BY r.id DESC");

const QString kTagSeparator = QStringLiteral(", ");

// A writer in another process holds the lock for a run's transaction at most; wait that long.
const QString kBusyTimeoutOption = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");

constexpr int kMinEditableColumnWidth = 120;
constexpr int kMaxTextColumnWidth = 260;

bool isFractionColumn(int column) {
    return column == Column::ReturnColumn || column == Column::MaxDrawdownColumn;
}

bool isRatioColumn(int column) {
    return column == Column::SharpeColumn || column == Column::CalmarColumn;
}

bool isNumberColumn(int column) {
    return column == Column::IdColumn || column == Column::SeedColumn || isFractionColumn(column) ||
           isRatioColumn(column) || column == Column::TradesColumn || column == Column::WinRateColumn;
}

bool isEditableColumn(int column) {
    return column == Column::TagsColumn || column == Column::NotesColumn;
}

QString fixed(double value, int decimals) {
    return QLocale().toString(value, 'f', decimals);
}

// "2025-01-31T09:15:00.123Z" -> "2025-01-31 09:15", as `runs list` shows it.
QString createdShort(const QString& createdAt) {
    QString text = createdAt.left(16);
    if (text.size() > 10) text[10] = QLatin1Char(' ');
    return text;
}

QString uniqueConnectionName() {
    static std::atomic<int> counter = 0;
    return QStringLiteral("TradeLab.ResultsBrowser.%1").arg(counter++);
}

// An older store gains the tables this listing reads (notes, tags); a newer one is refused with the
// engine's explanation. The engine's own connection does it, so the migration rules live in one place.
QString bringToCurrentSchema(const QString& path) {
    try {
        store::ResultsStore migrated(toPath(path));
        return {};
    } catch (const std::exception& failure) {
        return QString::fromLocal8Bit(failure.what());
    }
}

// Adds and opens the connection `connectionName` to the store file at `path`; returns the error.
QString openConnection(const QString& connectionName, const QString& path) {
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    database.setDatabaseName(path);
    database.setConnectOptions(kBusyTimeoutOption);
    if (!database.open()) return database.lastError().text();
    QSqlQuery pragma(database);
    // As the engine writes the file: a tag of a run deleted meanwhile is refused, not left dangling.
    if (!pragma.exec(QStringLiteral("PRAGMA foreign_keys = ON"))) return pragma.lastError().text();
    return {};
}

bool runExists(QSqlDatabase& database, qint64 runId, QString& problem) {
    QSqlQuery query(database);
    query.prepare(QStringLiteral("SELECT 1 FROM runs WHERE id = ?"));
    query.addBindValue(runId);
    if (!query.exec()) {
        problem = query.lastError().text();
        return false;
    }
    return query.next();
}

// Runs `write` in one transaction on the connection `connectionName`; returns the error, empty on
// success. BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer makes this wait (the
// busy timeout) instead of failing halfway.
QString inWriteTransaction(const QString& connectionName, qint64 runId,
                           const std::function<QString(QSqlDatabase&)>& write) {
    QSqlDatabase database = QSqlDatabase::database(connectionName, false);
    QSqlQuery control(database);
    if (!control.exec(QStringLiteral("BEGIN IMMEDIATE"))) return control.lastError().text();
    QString problem;
    if (!runExists(database, runId, problem) && problem.isEmpty())
        problem = ResultsTableModel::tr("run %1 is no longer in the store; reload the list").arg(runId);
    if (problem.isEmpty()) problem = write(database);
    if (problem.isEmpty() && control.exec(QStringLiteral("COMMIT"))) return {};
    if (problem.isEmpty()) problem = control.lastError().text();
    // The first failure is the one to report; a failed rollback leaves SQLite to roll back itself.
    if (!control.exec(QStringLiteral("ROLLBACK")))
        problem +=
            QLatin1Char(' ') + ResultsTableModel::tr("(rollback failed: %1)").arg(control.lastError().text());
    return problem;
}

QString executed(QSqlQuery& query) {
    return query.exec() ? QString() : query.lastError().text();
}

}  // namespace

// ---- ResultsTableModel ---------------------------------------------------------------------------

ResultsTableModel::ResultsTableModel(QObject* parent) : QSqlQueryModel(parent) {}

QString ResultsTableModel::load(const QSqlDatabase& database) {
    connectionName_ = database.connectionName();
    QSqlQuery query(database);
    if (!query.exec(kListingSql)) return query.lastError().text();
    beginResetModel();
    written_.clear();
    {
        // One reset for the whole load: unblocked, each fetched batch would be announced on its own,
        // and the proxy would sort every batch into the rows before it.
        const QSignalBlocker quiet(this);
        setQuery(std::move(query));
        while (canFetchMore()) fetchMore();
    }
    endResetModel();
    return lastError().type() == QSqlError::NoError ? QString() : lastError().text();
}

qint64 ResultsTableModel::runId(int row) const {
    return storedValue(row, IdColumn).toLongLong();
}

QVariant ResultsTableModel::storedValue(int row, int column) const {
    const auto written = written_.constFind({row, column});
    if (written != written_.constEnd()) return *written;
    return QSqlQueryModel::data(index(row, column), Qt::DisplayRole);
}

QVariant ResultsTableModel::displayValue(int row, int column) const {
    const QVariant value = storedValue(row, column);
    if (value.isNull()) return QString();
    if (isFractionColumn(column)) return fixed(value.toDouble() * 100.0, 2) + QLatin1Char('%');
    if (isRatioColumn(column)) return fixed(value.toDouble(), 2);
    if (column == WinRateColumn) return fixed(value.toDouble() * 100.0, 1);
    if (column == CreatedColumn) return createdShort(value.toString());
    // The store keeps the 64-bit seed's bit pattern in a signed column.
    if (column == SeedColumn) return QString::number(static_cast<quint64>(value.toLongLong()));
    return value;
}

QVariant ResultsTableModel::sortValue(int row, int column) const {
    const QVariant value = storedValue(row, column);
    if (value.isNull()) return {};
    if (column == SeedColumn) return static_cast<quint64>(value.toLongLong());
    if (isNumberColumn(column)) return value.toDouble();
    return value.toString();
}

QVariant ResultsTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return displayValue(row, column);
        case Qt::EditRole:
            return storedValue(row, column).toString();
        case SortRole:
            return sortValue(row, column);
        case RunIdRole:
            return runId(row);
        case Qt::TextAlignmentRole:
            return isNumberColumn(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
        case Qt::ToolTipRole:
            if (column == NotesColumn || column == TagsColumn) return storedValue(row, column);
            if (column == ConfigColumn) return storedValue(row, ConfigPathColumn);
            return {};
        default:
            return {};
    }
}

QVariant ResultsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return QSqlQueryModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && isEditableColumn(section))
        return section == TagsColumn ? tr("Double-click to edit; separate tags with commas")
                                     : tr("Double-click to edit");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case IdColumn:
            return tr("ID");
        case CreatedColumn:
            return tr("Created (UTC)");
        case KindColumn:
            return tr("Kind");
        case ConfigColumn:
            return tr("Config");
        case PeriodColumn:
            return tr("Period");
        case StartColumn:
            return tr("Start");
        case EndColumn:
            return tr("End");
        case SeedColumn:
            return tr("Seed");
        case ReturnColumn:
            return tr("Return");
        case SharpeColumn:
            return tr("Sharpe");
        case MaxDrawdownColumn:
            return tr("Max DD");
        case CalmarColumn:
            return tr("Calmar");
        case TradesColumn:
            return tr("Trades");
        case WinRateColumn:
            return tr("Win %");
        case StatusColumn:
            return tr("Status");
        case TagsColumn:
            return tr("Tags");
        case NotesColumn:
            return tr("Notes");
        case VariantColumn:
            return tr("Variant");
        case ConfigPathColumn:
            return tr("Config file");
        default:
            return {};
    }
}

Qt::ItemFlags ResultsTableModel::flags(const QModelIndex& index) const {
    const Qt::ItemFlags base = QSqlQueryModel::flags(index);
    return index.isValid() && isEditableColumn(index.column()) ? base | Qt::ItemIsEditable : base;
}

QStringList ResultsTableModel::parseTags(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[,\\n]"));
    QStringList tags;
    for (const QString& part : text.split(separators)) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty()) tags << tag;
    }
    tags.removeDuplicates();
    tags.sort();
    return tags;
}

bool ResultsTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::EditRole || !isEditableColumn(index.column())) return false;
    const qint64 id = runId(index.row());
    const bool tags = index.column() == TagsColumn;
    const QString text = tags ? parseTags(value.toString()).join(kTagSeparator) : value.toString();
    if (text == storedValue(index.row(), index.column()).toString()) return true;
    const QString problem = tags ? writeTags(id, parseTags(text)) : writeNotes(id, text);
    if (!problem.isEmpty()) {
        emit writeFailed(tags ? tr("Cannot save the tags of run %1: %2").arg(id).arg(problem)
                              : tr("Cannot save the notes of run %1: %2").arg(id).arg(problem));
        return false;
    }
    written_.insert({index.row(), index.column()}, text);
    emit dataChanged(index, index);
    return true;
}

QString ResultsTableModel::writeTags(qint64 runId, const QStringList& tags) {
    return inWriteTransaction(connectionName_, runId, [&](QSqlDatabase& database) {
        QSqlQuery remove(database);
        remove.prepare(QStringLiteral("DELETE FROM run_tags WHERE run_id = ?"));
        remove.addBindValue(runId);
        QString problem = executed(remove);
        QSqlQuery insert(database);
        insert.prepare(QStringLiteral("INSERT INTO run_tags (run_id, tag) VALUES (?, ?)"));
        for (const QString& tag : tags) {
            if (!problem.isEmpty()) break;
            insert.bindValue(0, runId);
            insert.bindValue(1, tag);
            problem = executed(insert);
        }
        return problem;
    });
}

QString ResultsTableModel::writeNotes(qint64 runId, const QString& notes) {
    return inWriteTransaction(connectionName_, runId, [&](QSqlDatabase& database) {
        QSqlQuery update(database);
        update.prepare(QStringLiteral("UPDATE runs SET notes = ? WHERE id = ?"));
        update.addBindValue(notes.isNull() ? QStringLiteral("") : notes);  // a null QString binds NULL
        update.addBindValue(runId);
        return executed(update);
    });
}

// ---- ResultsFilterModel --------------------------------------------------------------------------

ResultsFilterModel::ResultsFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(ResultsTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ResultsFilterModel::setFilterText(const QString& text) {
    if (text == text_) return;
    text_ = text;
    invalidateFilter();
}

void ResultsFilterModel::setKind(const QString& kind) {
    if (kind == kind_) return;
    kind_ = kind;
    invalidateFilter();
}

void ResultsFilterModel::setGroupedByConfig(bool grouped) {
    if (grouped == grouped_) return;
    grouped_ = grouped;
    invalidate();  // re-sorts
}

int ResultsFilterModel::periodRank(const QString& period) {
    if (period == QLatin1String("train")) return 0;
    if (period == QLatin1String("validation")) return 1;
    if (period == QLatin1String("holdout")) return 2;
    return 3;
}

QString ResultsFilterModel::sourceText(int sourceRow, int column) const {
    return sourceModel()->index(sourceRow, column).data(Qt::EditRole).toString();
}

bool ResultsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
    if (!kind_.isEmpty() && sourceText(sourceRow, Column::KindColumn) != kind_) return false;
    if (text_.isEmpty()) return true;
    for (const int column : {Column::ConfigColumn, Column::PeriodColumn, Column::KindColumn,
                             Column::TagsColumn, Column::NotesColumn, Column::VariantColumn}) {
        if (sourceText(sourceRow, column).contains(text_, Qt::CaseInsensitive)) return true;
    }
    return false;
}

int ResultsFilterModel::compareGroups(int leftRow, int rightRow) const {
    for (const int column : {Column::ConfigColumn, Column::ConfigPathColumn}) {
        const int order =
            QString::compare(sourceText(leftRow, column), sourceText(rightRow, column), Qt::CaseInsensitive);
        if (order != 0) return order;
    }
    const QString leftPeriod = sourceText(leftRow, Column::PeriodColumn);
    const QString rightPeriod = sourceText(rightRow, Column::PeriodColumn);
    const int byRank = periodRank(leftPeriod) - periodRank(rightPeriod);
    return byRank != 0 ? byRank : QString::compare(leftPeriod, rightPeriod, Qt::CaseInsensitive);
}

bool ResultsFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    if (grouped_) {
        const int order = compareGroups(left.row(), right.row());
        // The groups stay in ascending order whichever way the column is sorted: a descending sort
        // asks lessThan(right, left), so answer the reverse question then.
        if (order != 0) return sortOrder() == Qt::AscendingOrder ? order < 0 : order > 0;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

// ---- ResultsBrowser ------------------------------------------------------------------------------

ResultsBrowser::ResultsBrowser(QWidget* parent)
    : QWidget(parent),
      connectionName_(uniqueConnectionName()),
      model_(new ResultsTableModel(this)),
      proxy_(new ResultsFilterModel(this)),
      table_(new QTableView(this)),
      countLabel_(new QLabel(this)),
      errorLabel_(new QLabel(this)) {
    proxy_->setSourceModel(model_);
    connect(model_, &ResultsTableModel::writeFailed, this, &ResultsBrowser::showError);

    errorLabel_->setWordWrap(true);
    errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel_->setStyleSheet(QStringLiteral("color: #b00020;"));
    errorLabel_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createFilterBar());
    setUpTable();
    layout->addWidget(table_, 1);
    layout->addWidget(countLabel_);
    layout->addWidget(errorLabel_);
    showCounts();
}

ResultsBrowser::~ResultsBrowser() {
    closeStore();
}

QWidget* ResultsBrowser::createFilterBar() {
    auto* bar = new QWidget(this);
    filterEdit_ = new QLineEdit(bar);
    filterEdit_->setPlaceholderText(tr("Filter by config, period, kind, tags, notes or variant"));
    filterEdit_->setClearButtonEnabled(true);
    connect(filterEdit_, &QLineEdit::textChanged, this, [this](const QString& text) {
        proxy_->setFilterText(text);
        showCounts();
    });

    kindCombo_ = new QComboBox(bar);
    kindCombo_->addItem(tr("All kinds"), QString());
    const std::pair<store::RunKind, QString> kinds[] = {
        {store::RunKind::Backtest, tr("Backtest")},
        {store::RunKind::Validation, tr("Validation")},
        {store::RunKind::SensitivityPoint, tr("Sensitivity point")},
        {store::RunKind::WalkforwardFold, tr("Walk-forward fold")},
        {store::RunKind::StressScenario, tr("Stress scenario")}};
    for (const auto& [kind, label] : kinds)
        kindCombo_->addItem(label, toQString(std::string(store::to_string(kind))));
    connect(kindCombo_, &QComboBox::currentIndexChanged, this, [this] {
        proxy_->setKind(kindCombo_->currentData().toString());
        showCounts();
    });

    groupBox_ = new QCheckBox(tr("&Group by config"), bar);
    groupBox_->setToolTip(
        tr("Keep the runs of a config together, its periods in the order train, validation, holdout"));
    connect(groupBox_, &QCheckBox::toggled, this, &ResultsBrowser::setGroupedByConfig);

    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(filterEdit_, 1);
    layout->addWidget(kindCombo_);
    layout->addWidget(groupBox_);
    return bar;
}

void ResultsBrowser::setUpTable() {
    table_->setModel(proxy_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->verticalHeader()->setVisible(false);
    // Fixed heights: measuring 10,000 rows' contents would cost more than loading them.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table_->horizontalHeader()->setHighlightSections(false);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setSortingEnabled(true);
    table_->sortByColumn(ResultsTableModel::IdColumn, Qt::DescendingOrder);  // newest first
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ResultsBrowser::onSelectionChanged);
}

void ResultsBrowser::setStorePath(const QString& path) {
    if (path != storePath_) {
        closeStore();
        storePath_ = path;
    }
    reload();
}

bool ResultsBrowser::openStore() {
    notice_.clear();
    if (QSqlDatabase::contains(connectionName_)) return true;
    const QString shownPath = QDir::toNativeSeparators(storePath_);
    if (storePath_.isEmpty() || !QFileInfo::exists(storePath_)) {
        notice_ = storePath_.isEmpty() ? tr("No results store chosen.")
                                       : tr("No runs stored yet: %1 does not exist.").arg(shownPath);
        return false;
    }
    if (const QString problem = bringToCurrentSchema(storePath_); !problem.isEmpty()) {
        showError(tr("Cannot open the results store %1: %2").arg(shownPath, problem));
        return false;
    }
    if (const QString problem = openConnection(connectionName_, storePath_); !problem.isEmpty()) {
        closeStore();
        showError(tr("Cannot open the results store %1: %2").arg(shownPath, problem));
        return false;
    }
    return true;
}

void ResultsBrowser::closeStore() {
    model_->clear();  // its query must end before its connection
    if (!QSqlDatabase::contains(connectionName_)) return;
    QSqlDatabase::database(connectionName_, false).close();
    QSqlDatabase::removeDatabase(connectionName_);
}

void ResultsBrowser::reload() {
    const QList<qint64> selected = selectedRunIds();
    if (!openStore()) {
        model_->clear();
        showCounts();
        return;
    }
    const QString problem = model_->load(QSqlDatabase::database(connectionName_, false));
    if (problem.isEmpty())
        clearError();
    else
        showError(tr("Cannot read the runs of %1: %2").arg(QDir::toNativeSeparators(storePath_), problem));
    fitColumns();
    selectRuns(selected);
    showCounts();
}

void ResultsBrowser::fitColumns() {
    // A reset re-creates the header's sections, shown.
    table_->setColumnHidden(ResultsTableModel::ConfigPathColumn, true);
    table_->resizeColumnsToContents();  // measures the rows in view only
    // Free text: never as wide as a long note; the editable columns wide enough to type into when empty.
    for (const int column : {ResultsTableModel::ConfigColumn, ResultsTableModel::TagsColumn,
                             ResultsTableModel::NotesColumn, ResultsTableModel::VariantColumn}) {
        const bool editable = isEditableColumn(column);
        const int width = std::clamp(table_->columnWidth(column), editable ? kMinEditableColumnWidth : 0,
                                     kMaxTextColumnWidth);
        table_->setColumnWidth(column, width);
    }
}

QList<qint64> ResultsBrowser::selectedRunIds() const {
    QModelIndexList rows = table_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex& row : rows) ids << row.data(ResultsTableModel::RunIdRole).toLongLong();
    return ids;
}

int ResultsBrowser::selectRuns(const QList<qint64>& ids) {
    const QSet<qint64> wanted(ids.begin(), ids.end());
    QItemSelection selection;
    int found = 0;
    for (int row = 0; row < proxy_->rowCount() && found < wanted.size(); ++row) {
        const QModelIndex index = proxy_->index(row, 0);
        if (!wanted.contains(index.data(ResultsTableModel::RunIdRole).toLongLong())) continue;
        selection.select(index, index);
        ++found;
    }
    table_->selectionModel()->select(selection,
                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection.isEmpty()) table_->scrollTo(selection.first().topLeft());
    return found;
}

void ResultsBrowser::setGroupedByConfig(bool grouped) {
    groupBox_->setChecked(grouped);
    proxy_->setGroupedByConfig(grouped);
}

QList<qint64> ResultsBrowser::idsToReport(const QList<qint64>& selected) const {
    if (selected.isEmpty() || selected.size() > kMaxComparedRuns) return {};
    return selected;
}

void ResultsBrowser::onSelectionChanged() {
    showCounts();
    const QList<qint64> ids = idsToReport(selectedRunIds());
    if (ids == reportedIds_) return;
    reportedIds_ = ids;
    emit selectionChangedRuns(ids);
}

void ResultsBrowser::showCounts() {
    if (!notice_.isEmpty()) {
        countLabel_->setText(notice_);
        return;
    }
    QString text = model_->rowCount() == 1
                       ? tr("%1 of 1 run shown").arg(proxy_->rowCount())
                       : tr("%1 of %2 runs shown").arg(proxy_->rowCount()).arg(model_->rowCount());
    const qsizetype selected = table_->selectionModel()->selectedRows().size();
    if (selected > kMaxComparedRuns)
        text += QStringLiteral(" · ") +
                tr("%1 runs selected: select at most %2 to compare").arg(selected).arg(kMaxComparedRuns);
    else if (selected > 1)
        text += QStringLiteral(" · ") + tr("%1 runs selected").arg(selected);
    else if (selected == 1)
        text += QStringLiteral(" · ") + tr("1 run selected");
    countLabel_->setText(text);
}

void ResultsBrowser::showError(const QString& message) {
    errorLabel_->setText(message);
    errorLabel_->show();
    emit storeError(message);
}

void ResultsBrowser::clearError() {
    errorLabel_->clear();
    errorLabel_->hide();
}

QString ResultsBrowser::message() const {
    return errorLabel_->text().isEmpty() ? countLabel_->text()
                                         : countLabel_->text() + QLatin1Char('\n') + errorLabel_->text();
}

}  // namespace tradelab::gui
