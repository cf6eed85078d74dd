#include "ui/widgets/scenes_panel.hpp"

#include <QAbstractItemModel>
#include <QGridLayout>
#include <QInputDialog>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/session/session_controller.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {

ScenesPanel::ScenesPanel(SessionController& document, QWidget* parent)
    : QWidget(parent), document_(document), list_(new QListWidget) {
    list_->setObjectName(QStringLiteral("scenesList"));
    list_->setDragDropMode(QAbstractItemView::InternalMove);
    list_->setDefaultDropAction(Qt::MoveAction);
    list_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    list_->setWordWrap(true);

    auto button = [this](const QString& text, const QString& tip, auto action) {
        auto* b = new QPushButton(text, this);
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, action);
        return b;
    };
    auto* add = button(tr("Add"), tr("Add the state on screen as a new scene"), [this] {
        document_.addScene(tr("Scene %1").arg(document_.sceneCount() + 1));
    });
    auto* dup = button(tr("Duplicate"), tr("A copy of the chosen scene, after it"), [this] { document_.duplicateScene(row()); });
    auto* note = button(tr("Note…"), tr("The teacher's note for this scene (N while presenting)"), [this] {
        const int i = row();
        if (i < 0) return;
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(this, tr("Note for the teacher"),
            tr("Shown with N in presentation mode:"), document_.scene(i).note, &ok);
        if (ok) document_.setSceneNote(i, text);
    });
    auto* remove = button(tr("Delete"), tr("Delete the chosen scene (Undo brings it back)"), [this] { document_.removeScene(row()); });
    undo_ = button(tr("Undo delete"), tr("Bring the last deleted scene back"), [this] { document_.undoRemove(); });

    auto* buttons = new QGridLayout;
    buttons->addWidget(add, 0, 0);
    buttons->addWidget(dup, 0, 1);
    buttons->addWidget(note, 0, 2);
    buttons->addWidget(remove, 1, 0);
    buttons->addWidget(undo_, 1, 1, 1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(list_, 1);
    layout->addLayout(buttons);

    connect(list_, &QListWidget::currentRowChanged, this, [this](int r) {
        if (!filling_ && r >= 0 && r != document_.sceneIndex() && !document_.goToScene(r)) refill();
    });
    connect(list_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (!filling_) document_.renameScene(list_->row(item), item->text());
    });
    // A drag within the list: tell the document, which then refills the list in its order.
    connect(list_->model(), &QAbstractItemModel::rowsMoved, this,
            [this](const QModelIndex&, int start, int, const QModelIndex&, int dest) {
                if (!filling_) document_.moveScene(start, dest > start ? dest - 1 : dest);
            });
    connect(&document_, &SessionController::scenesChanged, this, &ScenesPanel::refill);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &ScenesPanel::applyTheme);
    applyTheme();
    refill();
}

void ScenesPanel::applyTheme() { list_->setFont(Theme::current().labelFont()); }

int ScenesPanel::row() const { return list_->currentRow() >= 0 ? list_->currentRow() : document_.sceneIndex(); }

void ScenesPanel::refill() {
    filling_ = true;
    list_->clear();
    for (int i = 0; i < document_.sceneCount(); ++i) {
        const auto& s = document_.scene(i);
        auto* item = new QListWidgetItem(s.title.isEmpty() ? tr("Scene %1").arg(i + 1) : s.title);
        item->setFlags(item->flags() | Qt::ItemIsEditable | Qt::ItemIsDragEnabled);
        item->setToolTip(s.note.isEmpty() ? tr("No note") : s.note);
        list_->addItem(item);
    }
    list_->setCurrentRow(document_.sceneIndex());
    undo_->setEnabled(document_.canUndoRemove());
    filling_ = false;
}

}  // namespace adviz::ui
