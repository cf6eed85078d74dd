// The shaped scene's operations expanded in place (ui/shaped/inline_expansion.hpp plans them;
// ShapedScene::relayout lays them out with the boxes): expanding and collapsing, the scalar
// trace's numbers in their scalar nodes at the matching step, and what the view follows.

#include <QGraphicsSceneHelpEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "ui/model/session_model.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/frame.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/scene/node_tooltip.hpp"
#include "ui/shaped/matrix_node_item.hpp"
#include "ui/shaped/operation_frame_item.hpp"
#include "ui/shaped/shaped_scene.hpp"

namespace adviz::ui {

std::optional<QString> ShapedScene::expand(int id) {
    const Graph& g = model_.program();
    if (model_.level() != Level::Shaped || !g.shaped) return tr("The shaped view is not shown.");
    if (drawing_.drawn.size() != static_cast<std::size_t>(g.shaped->size())) relayout();  // not laid out yet
    if (drawing_.drawn.size() != static_cast<std::size_t>(g.shaped->size()))
        return layoutError_.isEmpty() ? tr("The shaped view is not laid out.") : layoutError_;
    if (id < 0 || id >= g.shaped->size() || !drawing_.drawn[static_cast<std::size_t>(id)])
        return tr("There is no such matrix operation.");
    if (auto refused = expandRefusal(g, id, model_.scalarStepAt(0) >= 0)) return refused;
    if (isExpanded(id)) return std::nullopt;
    expanded_[id] = operationTitle(g, id);
    relayout();
    return std::nullopt;
}

void ShapedScene::collapse(int id) {
    if (expanded_.erase(id)) relayout();
}

QGraphicsItem* ShapedScene::canvasItem(int id) const {
    if (id < 0 || id >= static_cast<int>(nodes_.size())) return nullptr;
    for (OperationFrameItem* f : frames_)
        if (f->operation() == id) return f;
    MatrixNodeItem* item = nodes_[static_cast<std::size_t>(id)];
    return item && item->scene() ? item : nullptr;
}

QGraphicsItem* ShapedScene::activeItem() const {
    if (litScalarBox_ >= 0 && litScalarBox_ < static_cast<int>(scalarItems_.size()))
        return scalarItems_[static_cast<std::size_t>(litScalarBox_)];
    return canvasItem(frame_.activeNode);
}

void ShapedScene::showInline(int step, double progress) {
    // The sweep still steps by shaped steps while operations are expanded; their scalar nodes
    // show the engine's scalar trace at the matching scalar step (the UI computes nothing). At
    // rest after `step` shaped steps that is scalarStepAt(step): the scalar steps that did the
    // same work, so the scalar nodes hold exactly the numbers of the shaped boxes. While shaped
    // step `step` is under way (progress 0…1), the scalar steps doing its work, from
    // scalarStepAt(step) to scalarStepAt(step + 1), play through in proportion: an expanded
    // operation's scalar nodes fill in one after another while its step runs and hold the shaped
    // result when it completes. The step map matches adjoint steps by the operation they leave,
    // and the scalar sweep interleaves that operation's edges into its operands (u = W2 h: into
    // W2 and h in turn): its scalar steps are all done with its first shaped step, so an operand
    // expanded may show its adjoint one shaped step before its box would.
    shownScalarStep_ = -1;
    litScalarBox_ = -1;
    if (scalarItems_.empty()) return;
    const int from = model_.scalarStepAt(step);
    if (from < 0) return;
    const int to = std::max(from, model_.scalarStepAt(step + 1));
    int k = from;
    double sub = 0;
    if (progress > 0 && to > from) {
        const double at = from + std::min(progress, 1.0) * (to - from);
        k = std::min(static_cast<int>(std::floor(at)), to - 1);
        sub = at - k;
    }
    const Frame f = computeFrame(model_.program(), model_.trace(), k, sub);
    const Mode mode = model_.mode();
    const bool memory = mode == Mode::Reverse && model_.checkpointStrategy().has_value();
    for (std::size_t b = 0; b < scalarItems_.size(); ++b) {
        NodeItem* n = scalarItems_[b];
        const bool lit = n->id() == f.activeNode && !inline_.boxes[b].constantCopy;
        if (lit) litScalarBox_ = static_cast<int>(b);
        n->setFrame(f.state[static_cast<std::size_t>(n->id())], mode, lit ? f.glow : 0.0, memory);
    }
    for (std::size_t e = 0; e < inlineEdges_.size(); ++e) {
        const InlineEdge& ie = inline_.edges[e];
        EdgeFrame ef;
        if (ie.consumer >= 0)
            ef = f.edges[static_cast<std::size_t>(firstScalarEdge_[static_cast<std::size_t>(ie.consumer)] + ie.slot)];
        else if (ie.shapedEdge >= 0)
            ef = frame_.edges[static_cast<std::size_t>(ie.shapedEdge)];
        inlineEdges_[e]->setFrame(ef);
    }
    shownScalarStep_ = k;
}

void ShapedScene::helpEvent(QGraphicsSceneHelpEvent* event) {
    // A scalar node inside an expanded operation explains itself as in the scalar graph.
    for (QGraphicsItem* item : items(event->scenePos())) {
        if (item->type() != NodeItem::Type) continue;
        const auto* n = static_cast<NodeItem*>(item);
        QToolTip::showText(event->screenPos(), nodeTooltip(model_.program(), model_.trace(), n->id(), n->shownState()));
        event->accept();
        return;
    }
    QGraphicsScene::helpEvent(event);
}

}  // namespace adviz::ui
