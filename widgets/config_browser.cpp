#include "config_browser.hpp"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace tradelab::gui {

ConfigBrowser::ConfigBrowser(QWidget* parent)
    : QWidget(parent),
      model_(new QFileSystemModel(this)),
      view_(new QTreeView(this)),
      folderLabel_(new QLabel(this)) {
    model_->setNameFilters({QStringLiteral("*.yaml"), QStringLiteral("*.yml")});
    model_->setNameFilterDisables(false);  // other files are left out, not greyed
    model_->setFilter(QDir::AllDirs | QDir::Files | QDir::NoDotAndDotDot);
    model_->setReadOnly(true);

    view_->setModel(model_);
    view_->setHeaderHidden(false);
    view_->setUniformRowHeights(true);
    view_->setSortingEnabled(true);
    view_->sortByColumn(0, Qt::AscendingOrder);
    // Name and date modified: the size and the "yaml File" type say nothing here.
    view_->hideColumn(1);
    view_->hideColumn(2);
    view_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    view_->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    view_->setToolTip(tr("Double-click a config to open it in the editor"));
    connect(view_, &QTreeView::activated, this, &ConfigBrowser::activate);
    connect(model_, &QFileSystemModel::directoryLoaded, this, [this] {
        if (!pendingSelection_.isEmpty()) setCurrentConfig(pendingSelection_);
    });

    folderLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    folderLabel_->setText(tr("No config folder"));
    auto* chooseButton = new QToolButton(this);
    chooseButton->setText(tr("Folder…"));
    chooseButton->setToolTip(tr("Show the configs of another folder"));
    connect(chooseButton, &QToolButton::clicked, this, &ConfigBrowser::chooseFolder);

    auto* header = new QHBoxLayout;
    header->setContentsMargins(4, 2, 4, 2);
    header->addWidget(folderLabel_, 1);
    header->addWidget(chooseButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(view_, 1);
}

bool ConfigBrowser::setFolder(const QString& folder) {
    const QFileInfo info(folder);
    if (!info.isDir() || !info.isReadable()) return false;
    const QString absolute = info.absoluteFilePath();
    if (absolute == folder_) return true;
    folder_ = absolute;
    view_->setRootIndex(model_->setRootPath(folder_));
    // The elided path fits the dock; the full one is a hover away.
    folderLabel_->setText(QDir::toNativeSeparators(QFileInfo(folder_).fileName()));
    folderLabel_->setToolTip(QDir::toNativeSeparators(folder_));
    emit folderChanged(folder_);
    return true;
}

bool ConfigBrowser::contains(const QString& path) const {
    if (folder_.isEmpty()) return false;
    const QString relative = QDir(folder_).relativeFilePath(path);
    return !relative.startsWith(QStringLiteral("..")) && !QDir::isAbsolutePath(relative);
}

void ConfigBrowser::setCurrentConfig(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!contains(absolute)) setFolder(QFileInfo(absolute).absolutePath());
    const QModelIndex index = model_->index(absolute);
    if (!index.isValid()) {
        pendingSelection_ = absolute;  // the model reads folders in the background
        return;
    }
    pendingSelection_.clear();
    view_->expand(index.parent());
    view_->setCurrentIndex(index);
    view_->scrollTo(index);
}

QString ConfigBrowser::currentConfig() const {
    const QModelIndex index = view_->currentIndex();
    return index.isValid() && !model_->isDir(index) ? model_->filePath(index) : QString();
}

void ConfigBrowser::activate(const QModelIndex& index) {
    if (!index.isValid() || model_->isDir(index)) return;
    emit configActivated(model_->filePath(index));
}

void ConfigBrowser::chooseFolder() {
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Config Folder"),
                                                             folder_.isEmpty() ? QDir::homePath() : folder_);
    if (!chosen.isEmpty()) setFolder(chosen);
}

}  // namespace tradelab::gui
