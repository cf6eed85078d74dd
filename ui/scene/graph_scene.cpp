#include "ui/scene/graph_scene.hpp"

#include <QFontMetricsF>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneHelpEvent>
#include <QMenu>
#include <QPainterPath>
#include <QToolTip>

#include <QPointer>
#include <QPromise>

#include <algorithm>
#include <memory>

#include "autodiff/number_format.hpp"
#include "ui/layout/layout_plan.hpp"
#include "autodiff/limits.hpp"
#include "ui/model/overview_model.hpp"
#include "ui/model/roll_model.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/roll_frame_item.hpp"
#include "ui/shaped/operation_frame_item.hpp"
#include "ui/shaped/shaped_scene.hpp"
#include "autodiff/shaped/step_map.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/scene/node_tooltip.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// The label text an edge shows, or "" for none: the partial with respect to a constant operand
// (the 2 of x^2) is needed by nothing, and can even be nan (x^2·log(x) for x < 0).
QString partialText(const Graph& g, int id, int slot) {
    if (g[g[id].operand(slot)].op == Op::Const) return {};
    return QString::fromStdString(partialFormula(g, id, slot));
}

}  // namespace

GraphScene::GraphScene(SessionModel& model, QObject* parent, bool synchronous)
    : QGraphicsScene(parent), model_(model), roll_(new RollModel(model, this)),
      overview_(new OverviewModel(model, *roll_, this)), synchronous_(synchronous) {
    setBackgroundBrush(Theme::current().background);
    connect(roll_, &RollModel::viewChanged, this, &GraphScene::relayout);
    connect(overview_, &OverviewModel::viewChanged, this, &GraphScene::relayout);
    connect(&model_, &SessionModel::graphChanged, this, &GraphScene::relayout);
    connect(&model_, &SessionModel::traceChanged, this, [this] {
        if (model_.level() == Level::Shaped) return;
        if (NodeItem::rowsFor(model_.mode()) != rows_) {
            relayout();  // forward-over-reverse shows four rows of numbers: nodes grow
            return;
        }
        refreshLabels();
        showFrame(model_.step(), 0);
    });
    connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::onSelectionChanged);
    // Fonts set the node sizes: a new text scale or theme means a new layout.
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, [this] {
        setBackgroundBrush(Theme::current().background);
        if (model_.graph().size() > 0) relayout();
    });
    connect(&model_, &SessionModel::selectionChanged, this, [this](int id) {
        building_ = true;  // showing the model's selection is not a new selection
        for (const auto& items : {nodes_, copies_, nodeCopies_})
            for (NodeItem* n : items) n->setSelected(realNode(n->id()) == id);
        building_ = false;
    });
    if (model_.graph().size() > 0) relayout();
}

GraphScene::~GraphScene() {
    // A layout still running is not waited for (quitting during a long layout must not hang):
    // its thread owns a copy of the spec, and its result goes to a future nobody watches.
    // QGraphicsScene's destructor removes the items and announces the lost selection; the model
    // may already be gone by then, so stop listening first.
    building_ = true;
    disconnect(this, &QGraphicsScene::selectionChanged, this, nullptr);
    clear();
}

void GraphScene::setDirection(layout::Direction d) {
    if (d == direction_) return;
    direction_ = d;
    relayout();
}

void GraphScene::setEdgeLabelsVisible(bool on) {
    if (on == edgeLabels_) return;
    edgeLabels_ = on;
    relayout();  // the spacing between ranks depends on whether labels need room
}

void GraphScene::relayout() {
    // The shaped level draws on its own scene (ui/shaped): this one waits for the scalar level.
    if (model_.level() == Level::Shaped) return;
    const int gen = ++generation_;
    if (running_) {  // Graphviz runs one layout at a time: start the newest when this one ends
        queued_ = true;
        return;
    }
    rows_ = NodeItem::rowsFor(model_.mode());
    if (overview_->showsBlocks()) {  // too large to draw, no repetition: blocks
        relayoutOverview();
        return;
    }
    const Graph& g = drawnGraph();
    if (g.size() > layout::maxLayoutNodes) {
        layout::LayoutResult refused;
        refused.error = "the program has " + std::to_string(g.size()) + " nodes; the window draws up to " +
                        std::to_string(layout::maxLayoutNodes) + " (the command line works at any size)";
        build(refused);
        return;
    }
    std::vector<bool> isOutput(g.nodes.size(), false);
    for (const Output& o : g.outputs) isOutput[static_cast<std::size_t>(o.node)] = true;

    layout::LayoutSpec spec;
    spec.direction = direction_;
    const LayoutPlan plan = planLayout(g);
    for (const PlannedBox& b : plan.boxes) {
        NodeLabel label = nodeLabelOf(g, b.node, isOutput[static_cast<std::size_t>(b.node)]);
        label.copy = b.role == BoxRole::Copy;
        QSizeF s = NodeItem::preferredSize(label, rows_);
        spec.nodes.push_back({s.width(), s.height(), b.rank, b.part});
    }
    for (std::size_t e = 0; e < plan.edgeSource.size(); ++e)
        spec.edges.push_back({plan.edgeSource[e], plan.edgeTarget[e]});
    if (const RolledView* view = roll_->view()) {
        // Each copy of the body is a cluster (a frame with room for its title); a leaf's box
        // joins the cluster of the use it stands beside.
        for (std::size_t b = 0; b < plan.boxes.size(); ++b)
            spec.nodes[b].cluster = view->segmentOf(plan.boxes[b].node);
        for (const layout::EdgeLink& e : spec.edges) {
            auto& from = spec.nodes[static_cast<std::size_t>(e.from)];
            if (from.cluster < 0 && g[plan.boxes[static_cast<std::size_t>(e.from)].node].arity() == 0 &&
                plan.boxes[static_cast<std::size_t>(e.from)].role != BoxRole::Primary)
                from.cluster = spec.nodes[static_cast<std::size_t>(e.to)].cluster;
        }
        spec.clusterHeader = RollFrameItem::headerHeight();
    } else if (g.shaped && g.size() <= maxFramedNodes) {
        // A program with vectors and matrices: the scalar nodes each matrix operation made sit
        // in a frame titled by it (inputs stay in the first rank, unframed).
        const std::vector<int> op = shaped::operationOfNode(g);
        for (std::size_t b = 0; b < plan.boxes.size(); ++b) {
            const int o = op[static_cast<std::size_t>(plan.boxes[b].node)];
            if (o >= 0 && spec.nodes[b].rank == layout::RankConstraint::Free && (*g.shaped)[o].first < (*g.shaped)[o].end)
                spec.nodes[b].cluster = o;
        }
        for (const layout::EdgeLink& e : spec.edges) {
            auto& from = spec.nodes[static_cast<std::size_t>(e.from)];
            if (from.cluster < 0 && g[plan.boxes[static_cast<std::size_t>(e.from)].node].op == Op::Const)
                from.cluster = spec.nodes[static_cast<std::size_t>(e.to)].cluster;
        }
        spec.clusterHeader = OperationFrameItem::headerHeight();
    }

    // Partial labels sit on the edges, each in a slot of its own that dot keeps clear (numbers
    // get a fixed-width slot, so new values never move a node). Sizes come from the theme's
    // font now, so a larger text scale gives larger slots.
    QFontMetricsF fm(Theme::current().edgeFont());
    const QString number = QStringLiteral(" = −0.0000e−00");
    int labelled = 0;
    double widest = 0;
    std::vector<QString> texts;
    if (edgeLabels_) {
        for (int id = 0; id < g.size(); ++id)
            for (int s = 0; s < g[id].arity(); ++s) {
                texts.push_back(partialText(g, id, s));
                labelled += !texts.back().isEmpty();
            }
    }
    const bool labelSlots = edgeLabels_ && static_cast<int>(spec.nodes.size()) + labelled <= labelSlotLimit;
    for (std::size_t e = 0; e < texts.size(); ++e) {
        if (texts[e].isEmpty()) continue;
        const double w = fm.horizontalAdvance(texts[e] + number) + 8;  // EdgeItem's padding
        widest = std::max(widest, w);
        if (labelSlots) {
            spec.edges[e].labelWidth = w;
            spec.edges[e].labelHeight = fm.height() + 2;
        }
    }
    // With slots, a label takes a rank of its own between its edge's ends; only a small gap
    // is needed on either side. Without labels the drawing packs tighter, which large graphs
    // need to stay readable when fitted; labels without slots need the whole gap.
    const bool lr = direction_ == layout::Direction::LeftToRight;
    if (labelSlots) spec.rankSeparation = lr ? 18.0 : 12.0;
    else if (edgeLabels_) spec.rankSeparation = lr ? std::clamp(widest + 20, 70.0, 280.0) : 3 * fm.height() + 40;
    else spec.rankSeparation = lr ? 56.0 : 44.0;

    if (synchronous_ || g.size() <= asyncThreshold) {
        build(layout::layoutGraph(spec));
        return;
    }
    running_ = true;
    queued_ = false;
    emit layoutStarted(g.size());
    auto promise = std::make_shared<QPromise<layout::LayoutResult>>();
    auto* watcher = new QFutureWatcher<layout::LayoutResult>(this);
    connect(watcher, &QFutureWatcher<layout::LayoutResult>::finished, this, [this, watcher, gen] {
        running_ = false;
        if (watcher_ == watcher) watcher_ = nullptr;
        watcher->deleteLater();
        const bool current = gen == generation_ && !queued_;
        if (current && watcher->future().resultCount() > 0) build(watcher->result());
        else if (current) build({});  // never reported: treated as an error below
        if (queued_) {
            queued_ = false;
            relayout();
        }
    });
    watcher_ = watcher;
    watcher->setFuture(promise->future());
    promise->start();
    const bool started = layout::layoutGraphDetached(std::move(spec), [promise](layout::LayoutResult r) {
        promise->addResult(std::move(r));
        promise->finish();
    });
    if (!started) {
        layout::LayoutResult failed;
        failed.error = "layout: could not start a thread for Graphviz (out of memory?)";
        promise->addResult(std::move(failed));
        promise->finish();
    }
}

void GraphScene::clearItems() {
    clear();  // deletes the old items
    nodes_.clear();
    copies_.clear();
    nodeCopies_.clear();
    edges_.clear();
    rollFrames_.clear();
    operationFrames_.clear();
    blockItems_.clear();
    blockEdges_.clear();
    shownIterations_.clear();
    layoutError_.clear();
}

void GraphScene::build(const layout::LayoutResult& result) {
    building_ = true;
    clearItems();
    const Graph& g = drawnGraph();
    const LayoutPlan plan = planLayout(g);
    if (!result.ok() || result.nodes.size() != plan.boxes.size() ||
        result.edges.size() != plan.edgeSource.size()) {
        layoutError_ = QString::fromStdString(result.ok() ? "layout: no result for this graph" : result.error);
        building_ = false;
        emit layoutFinished();
        return;
    }
    std::vector<bool> isOutput(g.nodes.size(), false);
    for (const Output& o : g.outputs) isOutput[static_cast<std::size_t>(o.node)] = true;
    std::vector<NodeItem*> byBox(plan.boxes.size(), nullptr);
    for (std::size_t b = 0; b < plan.boxes.size(); ++b) {
        const PlannedBox& box = plan.boxes[b];
        const auto& placed = result.nodes[b];
        NodeLabel label = nodeLabelOf(g, box.node, isOutput[static_cast<std::size_t>(box.node)]);
        label.copy = box.role == BoxRole::Copy;
        auto* item = new NodeItem(box.node, label, QSizeF(placed.width, placed.height));
        item->setPos(placed.center.x, placed.center.y);
        item->setSelected(box.node == model_.selectedNode());
        addItem(item);
        byBox[b] = item;
        if (box.role == BoxRole::ConstantCopy) copies_.push_back(item);
        if (box.role == BoxRole::Copy) nodeCopies_.push_back(item);
    }
    for (int id = 0; id < g.size(); ++id) nodes_.push_back(byBox[static_cast<std::size_t>(plan.primary[static_cast<std::size_t>(id)])]);
    for (std::size_t e = 0; e < result.edges.size(); ++e) {
        auto* item = EdgeItem::fromLayout(static_cast<int>(e), result.edges[e]);
        item->setLabelVisible(edgeLabels_);
        addItem(item);
        edges_.push_back(item);
    }
    buildRollFrames();
    buildOperationFrames();
    buildBlockHeader();
    setSceneRect(itemsBoundingRect().united(QRectF(0, 0, result.width, result.height)).adjusted(-30, -30, 30, 30));
    building_ = false;
    refreshLabels();
    showFrame(model_.step(), 0);
    emit layoutFinished();
}

void GraphScene::buildOperationFrames() {
    const Graph& g = drawnGraph();
    if (roll_->view() || !g.shaped || g.size() > maxFramedNodes) return;
    const std::vector<int> op = shaped::operationOfNode(g);
    std::vector<QRectF> areas(static_cast<std::size_t>(g.shaped->size()));
    for (int id = 0; id < g.size(); ++id) {
        const int o = op[static_cast<std::size_t>(id)];
        if (o < 0 || (*g.shaped)[o].first >= (*g.shaped)[o].end || g[id].op == Op::Const) continue;
        areas[static_cast<std::size_t>(o)] |= nodes_[static_cast<std::size_t>(id)]->sceneBoundingRect();
    }
    for (int o = 0; o < g.shaped->size(); ++o) {
        if (areas[static_cast<std::size_t>(o)].isEmpty()) continue;
        auto* frame = new OperationFrameItem(o, operationTitle(g, o), areas[static_cast<std::size_t>(o)],
                                             [this] { model_.setLevel(Level::Shaped); });
        addItem(frame);
        operationFrames_.push_back(frame);
    }
}

void GraphScene::refreshLabels() {
    const Graph& g = drawnGraph();
    if (static_cast<int>(nodes_.size()) != g.size()) return;
    const auto& partials = model_.trace().partials;
    std::size_t e = 0;
    for (int drawn = 0; drawn < g.size(); ++drawn) {
        const int id = drawn;
        const auto real = static_cast<std::size_t>(realNode(drawn));
        for (int s = 0; s < g[id].arity() && e < edges_.size(); ++s, ++e) {
            // The program's names: a rolled copy shows the iteration the sweep is in.
            QString text = partialText(model_.graph(), static_cast<int>(real), s);
            if (text.isEmpty()) {  // no label at all: not even the number
                edges_[e]->setPartialLabel(text);
                continue;
            }
            QString number = real < partials.size()
                ? QString::fromStdString(formatShort(partials[real][static_cast<std::size_t>(s)]))
                : QString();
            // "∂v₁/∂v₀ = 1" rather than "… = 1 = 1" when the rule is already a number.
            if (!number.isEmpty() && !text.endsWith(" = " + number)) text += " = " + number;
            edges_[e]->setPartialLabel(text);
        }
    }
    // Domain warnings sit on the node that computed the bad value (shown once it is computed).
    std::vector<QString> warning(model_.graph().nodes.size());
    for (const Warning& w : model_.trace().warnings)
        if (w.node >= 0 && static_cast<std::size_t>(w.node) < warning.size())
            warning[static_cast<std::size_t>(w.node)] = QString::fromStdString(w.message);
    for (const auto& items : {nodes_, copies_, nodeCopies_})
        for (NodeItem* n : items) {
            const auto real = static_cast<std::size_t>(realNode(n->id()));
            n->setWarning(real < warning.size() ? warning[real] : QString());
        }
}

void GraphScene::helpEvent(QGraphicsSceneHelpEvent* event) {
    const Graph& g = model_.graph();
    for (QGraphicsItem* it : items(event->scenePos())) {
        if (it->type() != NodeItem::Type) continue;
        auto* n = static_cast<NodeItem*>(it);
        const int real = realNode(n->id());
        if (real < 0 || real >= g.size()) break;
        QToolTip::showText(event->screenPos(), nodeTooltip(g, model_.trace(), real, n->shownState()));
        event->accept();
        return;
    }
    QToolTip::hideText();
    event->ignore();
}

void GraphScene::showFrame(int step, double progress) {
    step_ = step;
    progress_ = progress;
    if (model_.level() == Level::Shaped) return;  // steps count shaped operations: not ours
    if (overview_->showsBlocks()) {
        if (!blockItems_.empty()) showOverviewFrame(step, progress);
        return;
    }
    const Graph& g = drawnGraph();
    if (static_cast<int>(nodes_.size()) != g.size()) return;  // a layout is on its way
    if (overview_->drawing()) frame_ = overview_->computeFrame(step, progress);
    else if (roll_->isRolled()) showRolledFrame(step, progress);
    else frame_ = computeFrame(g, model_.trace(), step, progress);
    const Mode mode = model_.mode();
    const bool memory = mode == Mode::Reverse && model_.checkpointStrategy().has_value();
    for (const auto& items : {nodes_, copies_, nodeCopies_})
        for (NodeItem* n : items) {
            auto id = static_cast<std::size_t>(n->id());
            n->setFrame(frame_.state[id], mode, n->id() == frame_.activeNode ? frame_.glow : 0.0, memory);
            n->setTeaching({dual_, n->id() == hiddenNode_ ? hiddenRow_ : -1});
        }
    // An edge's partial is known once its consumer's value is.
    std::size_t e = 0;
    for (int id = 0; id < g.size(); ++id) {
        bool known = frame_.state[static_cast<std::size_t>(id)].hasValue;
        for (int s = 0; s < g[id].arity() && e < edges_.size(); ++s, ++e) {
            edges_[e]->setLabelVisible(edgeLabels_ && known);
            edges_[e]->setFrame(frame_.edges[e]);
        }
    }
    emit frameShown();
}

void GraphScene::setTeaching(bool dual, int hiddenNode, int hiddenRow) {
    if (dual == dual_ && hiddenNode == hiddenNode_ && hiddenRow == hiddenRow_) return;
    dual_ = dual;
    hiddenNode_ = hiddenNode;
    hiddenRow_ = hiddenRow;
    showFrame(step_, progress_);
}

void GraphScene::onSelectionChanged() {
    if (building_) return;
    auto items = selectedItems();
    int id = -1;
    for (QGraphicsItem* it : items)
        if (it->type() == NodeItem::Type) id = realNode(static_cast<NodeItem*>(it)->id());
    model_.setSelectedNode(id);
}

}  // namespace adviz::ui
