#pragma once
// An editor for one run or strategy config file, the YAML text and a form over the same text side by side.
//
// The form is generated from the schema table (config_schema.hpp): one editor per key of the file's kind,
// grouped by top-level section, with the key's description, range and default as its tooltip. Keys the
// file leaves out show their default greyed; editing one writes it. The YAML text is the single source of
// truth: a form edit patches the value's span in the text (setYamlValue below), so the user's comments and
// layout survive, and an edit of the text refreshes the form whenever the text parses.
//
// After every change the text is validated by the engine's loader (label = the file path, base folder = its
// folder) and every diagnostic is shown: on the field it names (red frame, message under it and in its
// tooltip) and in a problem list ("file:line: key: message") whose entries select their field.
//
// Every change is an undo command holding the text before and after it; typing in one field or in the text
// merges into one command until the focus leaves. undoAction() and redoAction() carry the usual shortcuts
// and can be put into an Edit menu as they are.
//
// A second tab lists the numeric strategy keys with editable start / stop / step: sweepRanges() returns
// them as "KEY=START:STOP:STEP" axes for validation::parse_axis (a sensitivity run).
#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

#include "config/config_error.hpp"
#include "config/config_schema.hpp"

class QAction;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTableWidgetItem;
class QUndoStack;

namespace tradelab::validation {
struct ParameterAxis;
}

namespace tradelab::gui {

// ---------------------------------------------------------------------------------------------------------
// Text patching: edits of a YAML document that change only the span they concern.

// The patched text, or why the patch was refused (then `text` is empty).
struct YamlTextEdit {
    QString text;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Sets the dotted `keyPath` ("risk.max_positions") to `valueYaml`, YAML text written as given ("7",
// "\"csv\"", "[20, 50]"). An existing value is replaced where it stands: plain and quoted scalars, flow
// collections (also across lines), an empty value, and a block collection below the key (replaced by the
// flow value); the comment after it is kept. A missing key is inserted after the last key of its section,
// at that section's indentation; missing sections are created (at the end of the file for a top-level one).
// Refused when the text does not parse, when a section on the path holds a value instead of keys, or when
// the result would not parse (an incomplete value such as "[1, 2").
YamlTextEdit setYamlValue(const QString& text, const QString& keyPath, const QString& valueYaml);

// Removes `keyPath` (its line and the block below it) so that the key takes its default again; the text
// unchanged when the key is absent. Refused inside a flow mapping ("risk: {max_positions: 5}").
YamlTextEdit removeYamlKey(const QString& text, const QString& keyPath);

// `value` as a YAML string scalar: in double quotes (escaping '\' and '"') when `quote` is '"' or when it
// would not read back as the same text unquoted; in single quotes when `quote` is '\''; plain otherwise.
QString yamlString(const QString& value, QChar quote = QLatin1Char('"'));

// Writes `text` (UTF-8) to `path` atomically: the old file stays whole until the new one is complete.
// An empty string when it worked, else why not, naming the file.
QString writeTextAtomically(const QString& path, const QString& text);

// ---------------------------------------------------------------------------------------------------------

// What save() did: saved (even with config errors: work in progress may be saved) or why not, and how many
// problems the saved text has. `message` is meant for a status bar.
struct ConfigSaveResult {
    bool saved = false;
    int errors = 0;
    int warnings = 0;
    QString message;
};

class ConfigTextCommand;

class ConfigEditor : public QWidget {
    Q_OBJECT

  public:
    explicit ConfigEditor(QWidget* parent = nullptr);
    ~ConfigEditor() override;

    // --- The file ---
    // Opens a run or strategy config (the kind judged by config::detect_config_kind); the undo history is
    // cleared and the editor is clean. False, with the reason in `error`, when the file cannot be read.
    bool openFile(const QString& path, QString* error = nullptr);
    QString filePath() const { return filePath_; }
    config::ConfigKind kind() const { return kind_; }
    // The YAML text being edited (line ends are '\n'; the file's own are restored on save).
    QString text() const;
    bool isDirty() const;
    // The file name for a window title or a tab, with '*' appended while there are unsaved changes.
    QString displayName() const;
    // Writes the text atomically (QSaveFile). A config with errors is saved too; the result counts them.
    ConfigSaveResult save();
    // Saves under `path`, which becomes the edited file (relative paths in the config are then resolved
    // against its folder).
    ConfigSaveResult saveAs(const QString& path);

    // --- Undo ---
    // The actions carry their shortcuts, active while the focus is inside the editor (also in its fields and
    // in the YAML text, whose own undo is switched off).
    QUndoStack* undoStack() const { return undoStack_; }
    QAction* undoAction() const { return undoAction_; }  // Ctrl+Z
    QAction* redoAction() const { return redoAction_; }  // Ctrl+Shift+Z / Ctrl+Y

    // --- Editing (as the form does it: one undoable command) ---
    // Sets `keyPath` to `valueYaml` (YAML text); false with the reason when the text could not be patched.
    bool setValue(const QString& keyPath, const QString& valueYaml, QString* error = nullptr);
    // Removes `keyPath` from the text so it takes its default (also "Reset to the default" in the context
    // menu of a field's label).
    bool resetValue(const QString& keyPath, QString* error = nullptr);

    // --- Problems ---
    // The loader's diagnostics for the current text (those of the strategy files a run config names too).
    const std::vector<config::Diagnostic>& diagnostics() const { return diagnostics_; }
    int errorCount() const;
    int warningCount() const;
    // Shows the field of `keyPath` (its section page) and gives it the focus; false when there is none.
    bool selectField(const QString& keyPath);
    // The key of the field that has the focus or was selected last; empty when none.
    QString selectedField() const { return selectedField_; }

    // --- Sweep ranges ---
    // The filled-in rows as parse_axis specs ("exit.hard_stop_atr_mult=2:4:0.5"); rows whose range
    // parse_axis refuses are left out (their problem is shown in the table). Strategy keys that are also run
    // keys carry the "strategy." prefix.
    QStringList sweepRanges() const;
    // Fills the row of `keyPath` as a user would; false when there is no such row.
    bool setSweepRange(const QString& keyPath, const QString& start, const QString& stop,
                       const QString& step);
    // The row's status: the number of values, the problem parse_axis reports, or empty for an empty row.
    QString sweepRangeStatus(const QString& keyPath) const;
    bool sweepRangeIsValid(const QString& keyPath) const;

    // --- Parts, for tests and for the main window ---
    QPlainTextEdit* yamlView() const { return yamlView_; }
    QListWidget* problemList() const { return problemList_; }
    QTableWidget* sweepTable() const { return sweepTable_; }
    QTabWidget* formTabs() const { return formTabs_; }
    // Every key with a field, in schema order.
    QStringList fieldPaths() const;
    // The value editor of `keyPath`: a QLineEdit, QCheckBox or QComboBox; nullptr when there is none.
    QWidget* fieldEditor(const QString& keyPath) const;
    // The problems shown under the field, one a line; empty when none.
    QString fieldMessage(const QString& keyPath) const;
    bool fieldHasError(const QString& keyPath) const;
    // False when the key is absent from the file and its field shows the default.
    bool fieldIsInFile(const QString& keyPath) const;
    // The section page shown ("risk", or "general" for top-level keys).
    QString currentSection() const;
    // False while the text does not parse (the form then shows the last text that did, disabled).
    bool textParses() const { return textParses_; }

  signals:
    void dirtyChanged(bool dirty);
    void filePathChanged(const QString& path);
    void diagnosticsChanged(int errors, int warnings);
    // A problem of another file (a strategy file named by the run config) was clicked in the list.
    void problemInOtherFileActivated(const QString& file, int line);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    struct Field;
    struct Section;
    friend class ConfigTextCommand;

    void setUpLayout();
    void setUpUndo();
    QWidget* createFormPane();
    QWidget* createSweepPane();
    QWidget* createProblemPane();
    void buildForm();
    void clearForm();
    Section& sectionFor(const config::KeySpec& spec);
    Section* findSection(const QString& name) const;
    void addSection(const QString& name, const QString& description);
    void addGroup(const config::KeySpec& spec);
    void addField(const config::KeySpec& spec);
    void connectField(Field& field);
    void browseForPath(Field& field);
    Field* findField(const QString& keyPath) const;
    Field* fieldOfProblem(const std::string& keyPath) const;

    void onFieldEdited(Field& field);
    void pushTextChange(const QString& after, const QString& mergeKey, const QString& description);
    void applyText(const QString& text);  // from an undo command: shows `text` and refreshes everything
    void breakMerging() { ++editSession_; }
    void onYamlTextChanged();
    void refresh();
    void parseText();
    void validate();
    void refreshFields();
    void showDiagnostics();
    void placeProblem(const config::Diagnostic& diagnostic);
    void decorateSection(Section& section);
    void addProblemItem(const config::Diagnostic& diagnostic, int index);
    void highlightProblemLines();
    void activateProblem(QListWidgetItem* item);

    void buildSweepTable();
    void refreshSweepTable();
    void evaluateSweepRow(int row);
    void onSweepItemChanged(QTableWidgetItem* item);
    int sweepRow(const QString& keyPath) const;
    QString sweepAxisText(int row) const;
    QString describeAxis(int row, const validation::ParameterAxis& axis, QString& color) const;
    void setGreyedItem(QTableWidgetItem* item, bool greyed);

    ConfigSaveResult writeFile(const QString& path);
    void setFilePath(const QString& path);

    // The file
    QString filePath_;
    config::ConfigKind kind_ = config::ConfigKind::Run;
    bool crlf_ = false;            // the file's line ends, restored on save
    QString lastText_;             // the text the form and the diagnostics describe
    bool applyingText_ = false;    // the view's text is being set by the editor, not typed
    bool refreshingForm_ = false;  // field values are being set by the editor, not edited
    bool textParses_ = true;
    config::StrategyType strategyType_ = config::StrategyType::Momentum;
    struct ParsedText;
    std::unique_ptr<ParsedText> parsed_;  // the last text that parsed

    // Undo
    QUndoStack* undoStack_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    int editSession_ = 0;  // commands of one session merge; bumped when the focus leaves an editor

    // Widgets
    QLabel* fileLabel_ = nullptr;
    QLabel* parseBanner_ = nullptr;
    QTabWidget* formTabs_ = nullptr;
    QListWidget* sectionList_ = nullptr;
    QStackedWidget* sectionPages_ = nullptr;
    QPlainTextEdit* yamlView_ = nullptr;
    QLabel* problemSummary_ = nullptr;
    QListWidget* problemList_ = nullptr;
    QTableWidget* sweepTable_ = nullptr;
    bool fillingSweepTable_ = false;

    std::vector<std::unique_ptr<Section>> sections_;
    std::vector<std::unique_ptr<Field>> fields_;
    std::vector<config::Diagnostic> diagnostics_;
    QString selectedField_;
};

}  // namespace tradelab::gui
