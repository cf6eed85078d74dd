// The window's shaped level (programs with vectors and matrices, ui/shaped): which drawing is
// on show, switching to the scalar graph and back, the PyTorch view, opening a matrix node.

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

void MainWindow::expandShaped(int shapedNode) {
    if (auto refused = setScalarGraph(true)) {
        shapedView_->setNotice(*refused);
        return;
    }
    // Show where the operation's scalar nodes are: select its first result and look at it.
    const Graph& g = model_->program();
    if (!g.shaped || shapedNode < 0 || shapedNode >= g.shaped->size()) return;
    const auto& elements = (*g.shaped)[shapedNode].elements;
    if (!elements.empty()) model_->setSelectedNode(elements.front());
}

}  // namespace adviz::ui
