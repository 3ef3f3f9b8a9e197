#pragma once
// The Configs dock: the YAML files of a config folder (run configs and strategy configs), newest
// edits visible as they happen on disk. Activating a file (double-click, Enter) asks the window to
// open it in the config editor; the open config is kept selected.
#include <QString>
#include <QWidget>

class QFileSystemModel;
class QLabel;
class QTreeView;

namespace tradelab::gui {

class ConfigBrowser : public QWidget {
    Q_OBJECT

  public:
    explicit ConfigBrowser(QWidget* parent = nullptr);

    // Shows the YAML files under `folder` (and its subfolders). False, with the folder unchanged, when
    // `folder` is not a readable directory.
    bool setFolder(const QString& folder);
    QString folder() const { return folder_; }

    // Selects `path`; a config outside the shown folder makes its own folder the shown one.
    void setCurrentConfig(const QString& path);
    QString currentConfig() const;

    QTreeView* view() const { return view_; }
    QFileSystemModel* model() const { return model_; }

  signals:
    void configActivated(const QString& path);
    void folderChanged(const QString& folder);

  private:
    void chooseFolder();
    void activate(const QModelIndex& index);
    bool contains(const QString& path) const;

    QFileSystemModel* model_ = nullptr;
    QTreeView* view_ = nullptr;
    QLabel* folderLabel_ = nullptr;
    QString folder_;
    QString pendingSelection_;  // selected once the model has read its folder
};

}  // namespace tradelab::gui
