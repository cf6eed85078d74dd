// The window's shaped level (programs with vectors and matrices, ui/shaped): which drawing is
// on show, switching to the scalar graph and back, the PyTorch view, expanding a matrix
// operation in place.

#include "ui/main_window.hpp"

#include <QSignalBlocker>
#include <QStackedWidget>

#include "ui/model/session_model.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/shaped/shaped_scene.hpp"
#include "ui/shaped/shaped_table.hpp"
#include "ui/shaped/shaped_view.hpp"
#include "ui/widgets/trace_table.hpp"

namespace adviz::ui {

void MainWindow::syncLevel() {
    const bool shaped = model_->level() == Level::Shaped;
    graphStack_->setCurrentWidget(shaped ? static_cast<QWidget*>(shapedView_) : view_);
    tableStack_->setCurrentWidget(shaped ? static_cast<QWidget*>(shapedTable_) : table_);
    if (scalarGraph_) {
        const QSignalBlocker quiet(scalarGraph_);
        scalarGraph_->setChecked(!shaped);
        scalarGraph_->setEnabled(model_->hasShapes());
    }
    if (torchView_) torchView_->setEnabled(shaped);
    shapedView_->setNotice(shaped && model_->scalarRefusal() ? *model_->scalarRefusal() : QString());
    if (shaped) shapedScene_->relayout();
    showCaption();
    showParseState();
}

std::optional<QString> MainWindow::setScalarGraph(bool on) {
    auto refused = model_->setLevel(on ? Level::Scalar : Level::Shaped);
    syncLevel();
    return refused;
}

void MainWindow::setTorchView(bool on) {
    if (torchView_ && torchView_->isChecked() != on) torchView_->setChecked(on);
    shapedScene_->setTorchView(on);
}

std::optional<QString> MainWindow::expandShaped(int shapedNode) {
    // Double-click: this one operation's scalar nodes in place (View ▸ Scalar graph, Ctrl+G,
    // shows all of them); a refusal is said where the view's notices are.
    const auto refused = shapedScene_->expand(shapedNode);
    const auto standing = model_->scalarRefusal();
    shapedView_->setNotice(refused ? *refused : standing ? *standing : QString());
    return refused;
}

}  // namespace adviz::ui
