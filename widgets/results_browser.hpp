#pragma once
// The results browser: every run of the results store in one sortable, filterable table, read through
// Qt Sql from the same SQLite file the engine writes. Tags and notes are edited in place and written
// straight back to the store.
//
// Public API, for the window that hosts it:
//   ResultsBrowser browser;
//   browser.setStorePath(path);  // e.g. toQString(store::ResultsStore::default_path()); loads at once
//   browser.reload();            // after a run was stored: re-reads the whole list
//   connect(&browser, &ResultsBrowser::selectionChangedRuns, ...);  // 1..4 ids, or none
//   connect(&browser, &ResultsBrowser::storeError, ...);            // also shown inside the widget
//
// The file is opened read-write on a connection of its own (one per browser). The engine keeps the
// store in WAL mode, so reading here never blocks a backtest that is storing its result, and a write
// here (a tag, a note) waits for a writer instead of failing.
//
// Grouping by config: when on, rows are ordered by config (name, then file), and within a config by
// period, train before validation before holdout (other periods after them, by name). The column the
// user sorts by orders the runs of one config and period among themselves.
#include <QHash>
#include <QList>
#include <QSortFilterProxyModel>
#include <QSqlQueryModel>
#include <QString>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QItemSelection;
class QLabel;
class QLineEdit;
class QSqlDatabase;
class QTableView;

namespace tradelab::gui {

// The runs of the store, one row each, from a single query over runs, run_metrics and run_tags. Every
// row is fetched when loaded, so sorting and filtering never go back to the file.
class ResultsTableModel : public QSqlQueryModel {
    Q_OBJECT

  public:
    // In the order of the listing query's columns.
    enum Column {
        IdColumn,
        CreatedColumn,
        KindColumn,
        ConfigColumn,
        PeriodColumn,
        StartColumn,
        EndColumn,
        SeedColumn,
        ReturnColumn,
        SharpeColumn,
        MaxDrawdownColumn,
        CalmarColumn,
        TradesColumn,
        WinRateColumn,
        StatusColumn,
        TagsColumn,
        NotesColumn,
        VariantColumn,
        ConfigPathColumn,  // hidden in the browser; tells apart configs of the same name
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole,  // numbers as numbers, NULL as an invalid QVariant (sorted last)
        RunIdRole,                // the run id, on every column
    };

    explicit ResultsTableModel(QObject* parent = nullptr);

    // Re-reads every run from `database`. Returns the error to show, empty on success.
    QString load(const QSqlDatabase& database);

    qint64 runId(int row) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Tags ("a, b": comma-separated) and notes: written to the store first, shown once written.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // "a, b ,, a" -> {"a", "b"}: trimmed, without empties and duplicates, sorted.
    static QStringList parseTags(const QString& text);

  signals:
    // A tag or note edit could not be written; nothing changed in the store.
    void writeFailed(const QString& message);

  private:
    QVariant storedValue(int row, int column) const;  // the stored value, or what was written since
    QVariant displayValue(int row, int column) const;
    QVariant sortValue(int row, int column) const;
    QString writeTags(qint64 runId, const QStringList& tags);
    QString writeNotes(qint64 runId, const QString& notes);

    QString connectionName_;
    // Edits written since the last load, by (row, column): the query's own rows are read-only.
    QHash<QPair<int, int>, QString> written_;
};

// The filter line, the kind choice and the config grouping over a ResultsTableModel.
class ResultsFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

  public:
    explicit ResultsFilterModel(QObject* parent = nullptr);

    // Rows whose config, period, kind, tags, notes or variant contain `text` (case-insensitive).
    void setFilterText(const QString& text);
    // Only runs of this stored kind ("backtest", "validation", ...); empty: every kind.
    void setKind(const QString& kind);
    void setGroupedByConfig(bool grouped);

    // train < validation < holdout < any other period.
    static int periodRank(const QString& period);

  protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

  private:
    QString sourceText(int sourceRow, int column) const;
    int compareGroups(int leftRow, int rightRow) const;  // <0, 0, >0 like QString::compare

    QString text_;
    QString kind_;
    bool grouped_ = false;
};

class ResultsBrowser : public QWidget {
    Q_OBJECT

  public:
    static constexpr int kMaxComparedRuns = 4;

    explicit ResultsBrowser(QWidget* parent = nullptr);
    ~ResultsBrowser() override;

    // Opens the store at `path` and loads its runs. A missing file is no error: the list stays empty
    // (saying so) until reload() finds the file.
    void setStorePath(const QString& path);
    QString storePath() const { return storePath_; }

    // Selected runs in their order in the table, top to bottom.
    QList<qint64> selectedRunIds() const;
    // Selects the rows of `ids` that are shown; returns how many were found.
    int selectRuns(const QList<qint64>& ids);

    void setGroupedByConfig(bool grouped);
    // The lines shown under the table: the counts (or why there is nothing to count), and the last
    // problem with the store when there was one.
    QString message() const;

    ResultsTableModel* model() const { return model_; }
    ResultsFilterModel* proxyModel() const { return proxy_; }
    QTableView* table() const { return table_; }
    QLineEdit* filterEdit() const { return filterEdit_; }
    QComboBox* kindCombo() const { return kindCombo_; }
    QCheckBox* groupByConfigBox() const { return groupBox_; }

  public slots:
    // Re-reads every run from the store (keeping the selection where those runs still exist).
    void reload();

  signals:
    // The selection changed to 1..kMaxComparedRuns runs (ids in table order), or to none or more than
    // kMaxComparedRuns (an empty list: nothing to show or compare). Not emitted when the ids stay the
    // same, e.g. when the table is re-sorted.
    void selectionChangedRuns(const QList<qint64>& ids);
    // Opening or reading the store, or writing an edit to it, failed; the widget shows it too.
    void storeError(const QString& message);

  private:
    QWidget* createFilterBar();
    void setUpTable();
    bool openStore();
    void closeStore();
    void showError(const QString& message);
    void clearError();
    void showCounts();
    void fitColumns();
    void onSelectionChanged();
    QList<qint64> idsToReport(const QList<qint64>& selected) const;

    QString storePath_;
    QString connectionName_;
    ResultsTableModel* model_ = nullptr;
    ResultsFilterModel* proxy_ = nullptr;
    QLineEdit* filterEdit_ = nullptr;
    QComboBox* kindCombo_ = nullptr;
    QCheckBox* groupBox_ = nullptr;
    QTableView* table_ = nullptr;
    QLabel* countLabel_ = nullptr;
    QLabel* errorLabel_ = nullptr;
    QString notice_;  // why no runs are listed, when there is no store to list them from
    QList<qint64> reportedIds_;
};

}  // namespace tradelab::gui
