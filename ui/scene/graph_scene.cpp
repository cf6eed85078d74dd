#include "ui/scene/graph_scene.hpp"

#include <QFontMetricsF>
#include <QGraphicsSceneHelpEvent>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <QtConcurrent/QtConcurrentRun>

#include "autodiff/number_format.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/scene/node_tooltip.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

NodeLabel labelFor(const Graph& g, int id, const std::vector<bool>& isOutput) {
    NodeLabel l;
    const Node& nd = g[id];
    l.output = isOutput[static_cast<std::size_t>(id)];
    l.wengert = QString::fromStdString(g.wengertName(id));
    if (nd.op == Op::Input) {
        l.kind = NodeKind::Input;
        l.symbol = QString::fromUtf8(g.nameOf(id).data(), static_cast<qsizetype>(g.nameOf(id).size()));
    } else if (nd.op == Op::Const) {
        l.kind = NodeKind::Constant;
        l.symbol = l.wengert;
    } else {
        l.symbol = QString::fromUtf8(info(nd.op).symbol.data(), static_cast<qsizetype>(info(nd.op).symbol.size()));
        auto name = g.nameOf(id);
        l.name = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    }
    if (l.output && l.name.isEmpty()) {
        for (const Output& o : g.outputs)
            if (o.node == id) l.name = QString::fromStdString(o.name);
    }
    return l;
}

// Where each node and edge goes in the layout: every node once, except that a constant used in
// several places gets one small box next to each use. A shared constant would otherwise pull
// long edges across the whole drawing (and slow dot down badly); all copies stand for the same
// node, and the Wengert list still has it once.
struct LayoutPlan {
    std::vector<int> primary;                  // layout index of each node's main box
    std::vector<std::pair<int, int>> copies;   // (layout index, node id) of further copies
    std::vector<int> edgeSource;               // layout index of each edge's source, edge order
    std::vector<int> nodeOf;                   // node id of each layout index
};

LayoutPlan planLayout(const Graph& g) {
    LayoutPlan p;
    p.primary.assign(g.nodes.size(), -1);
    auto add = [&p](int id) {
        p.nodeOf.push_back(id);
        return static_cast<int>(p.nodeOf.size()) - 1;
    };
    for (int id = 0; id < g.size(); ++id)
        if (g[id].op != Op::Const) p.primary[static_cast<std::size_t>(id)] = add(id);
    for (int id = 0; id < g.size(); ++id) {
        for (int s = 0; s < g[id].arity(); ++s) {
            const int u = g[id].operand(s);
            int& main = p.primary[static_cast<std::size_t>(u)];
            if (g[u].op != Op::Const) {
                p.edgeSource.push_back(main);
            } else if (main < 0) {
                main = add(u);
                p.edgeSource.push_back(main);
            } else {
                int copy = add(u);
                p.copies.emplace_back(copy, u);
                p.edgeSource.push_back(copy);
            }
        }
    }
    for (int id = 0; id < g.size(); ++id)  // a constant nothing uses (the program "2")
        if (p.primary[static_cast<std::size_t>(id)] < 0) p.primary[static_cast<std::size_t>(id)] = add(id);
    return p;
}

}  // namespace

GraphScene::GraphScene(SessionModel& model, QObject* parent, bool synchronous)
    : QGraphicsScene(parent), model_(model), synchronous_(synchronous) {
    setBackgroundBrush(Theme::current().background);
    connect(&model_, &SessionModel::graphChanged, this, &GraphScene::relayout);
    connect(&model_, &SessionModel::traceChanged, this, [this] {
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
        for (NodeItem* n : nodes_) n->setSelected(n->id() == id);
        for (NodeItem* n : copies_) n->setSelected(n->id() == id);
        building_ = false;
    });
    if (model_.graph().size() > 0) relayout();
}

GraphScene::~GraphScene() {
    if (watcher_) watcher_->waitForFinished();
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
    const Graph& g = model_.graph();
    rows_ = NodeItem::rowsFor(model_.mode());
    std::vector<bool> isOutput(g.nodes.size(), false);
    for (const Output& o : g.outputs) isOutput[static_cast<std::size_t>(o.node)] = true;

    layout::LayoutSpec spec;
    spec.direction = direction_;
    // Outputs go on the last rank, unless there are so many that pulling them all there would
    // stretch long edges across the drawing (dot then slows down badly and reads worse).
    const bool pinOutputs = g.outputCount() <= 16;
    const LayoutPlan plan = planLayout(g);
    for (int id : plan.nodeOf) {
        QSizeF s = NodeItem::preferredSize(labelFor(g, id, isOutput), rows_);
        layout::NodeBox box{s.width(), s.height(), layout::RankConstraint::Free};
        if (g[id].op == Op::Input) box.rank = layout::RankConstraint::First;
        else if (isOutput[static_cast<std::size_t>(id)] && pinOutputs) box.rank = layout::RankConstraint::Last;
        spec.nodes.push_back(box);
    }
    std::size_t e = 0;
    for (int id = 0; id < g.size(); ++id)
        for (int s = 0; s < g[id].arity(); ++s)
            spec.edges.push_back({plan.edgeSource[e++], plan.primary[static_cast<std::size_t>(id)]});
    // Partial labels sit on the edges: with labels shown, leave room for the widest between the
    // ranks (numbers get a fixed-width slot, so new values never move a node); without them the
    // drawing packs tighter, which large graphs need to stay readable when fitted.
    QFontMetricsF fm(Theme::current().edgeFont());
    double widest = 0;
    if (edgeLabels_) {
        for (int id = 0; id < g.size(); ++id)
            for (int s = 0; s < g[id].arity(); ++s)
                widest = std::max(widest, fm.horizontalAdvance(QString::fromStdString(partialFormula(g, id, s)) +
                                                                QStringLiteral(" = −0.0000e−00")));
    }
    if (direction_ == layout::Direction::LeftToRight)
        spec.rankSeparation = edgeLabels_ ? std::clamp(widest + 36, 70.0, 280.0) : 56.0;
    else
        spec.rankSeparation = edgeLabels_ ? 3 * fm.height() + 40 : 44.0;

    const int gen = ++generation_;
    if (synchronous_ || g.size() <= asyncThreshold) {
        build(layout::layoutGraph(spec));
        return;
    }
    ++pending_;
    emit layoutStarted(g.size());
    auto* watcher = new QFutureWatcher<layout::LayoutResult>(this);
    connect(watcher, &QFutureWatcher<layout::LayoutResult>::finished, this, [this, watcher, gen] {
        --pending_;
        if (gen == generation_) build(watcher->result());
        if (watcher_ == watcher) watcher_ = nullptr;
        watcher->deleteLater();
    });
    watcher_ = watcher;
    watcher->setFuture(QtConcurrent::run([spec] { return layout::layoutGraph(spec); }));
}

void GraphScene::build(const layout::LayoutResult& result) {
    building_ = true;
    clear();  // deletes the old items
    nodes_.clear();
    copies_.clear();
    edges_.clear();
    layoutError_.clear();
    const Graph& g = model_.graph();
    const LayoutPlan plan = planLayout(g);
    if (!result.ok() || result.nodes.size() != plan.nodeOf.size()) {
        layoutError_ = QString::fromStdString(result.ok() ? "layout out of date" : result.error);
        building_ = false;
        emit layoutFinished();
        return;
    }
    std::vector<bool> isOutput(g.nodes.size(), false);
    for (const Output& o : g.outputs) isOutput[static_cast<std::size_t>(o.node)] = true;
    auto place = [&](int id, int at) {
        const auto& placed = result.nodes[static_cast<std::size_t>(at)];
        auto* item = new NodeItem(id, labelFor(g, id, isOutput), QSizeF(placed.width, placed.height));
        item->setPos(placed.center.x, placed.center.y);
        item->setSelected(id == model_.selectedNode());
        addItem(item);
        return item;
    };
    for (int id = 0; id < g.size(); ++id) nodes_.push_back(place(id, plan.primary[static_cast<std::size_t>(id)]));
    for (const auto& [at, id] : plan.copies) copies_.push_back(place(id, at));
    for (std::size_t e = 0; e < result.edges.size(); ++e) {
        const auto& path = result.edges[e];
        QPainterPath qp;
        if (!path.points.empty()) {
            qp.moveTo(path.points[0].x, path.points[0].y);
            for (std::size_t i = 1; i + 2 < path.points.size(); i += 3)
                qp.cubicTo(path.points[i].x, path.points[i].y, path.points[i + 1].x,
                           path.points[i + 1].y, path.points[i + 2].x, path.points[i + 2].y);
        }
        QPointF tip = path.hasArrow ? QPointF(path.arrowTip.x, path.arrowTip.y) : qp.currentPosition();
        auto* item = new EdgeItem(static_cast<int>(e), qp, tip);
        item->setLabelVisible(edgeLabels_);
        addItem(item);
        edges_.push_back(item);
    }
    setSceneRect(QRectF(0, 0, result.width, result.height).adjusted(-30, -30, 30, 30));
    building_ = false;
    refreshLabels();
    showFrame(model_.step(), 0);
    emit layoutFinished();
}

void GraphScene::refreshLabels() {
    const Graph& g = model_.graph();
    if (static_cast<int>(nodes_.size()) != g.size()) return;
    const auto& partials = model_.trace().partials;
    std::size_t e = 0;
    for (int id = 0; id < g.size(); ++id) {
        for (int s = 0; s < g[id].arity() && e < edges_.size(); ++s, ++e) {
            QString text = QString::fromStdString(partialFormula(g, id, s));
            QString number = static_cast<std::size_t>(id) < partials.size()
                ? QString::fromStdString(formatShort(partials[static_cast<std::size_t>(id)][static_cast<std::size_t>(s)]))
                : QString();
            // "∂v₁/∂v₀ = 1" rather than "… = 1 = 1" when the rule is already a number.
            if (!number.isEmpty() && !text.endsWith(" = " + number)) text += " = " + number;
            edges_[e]->setPartialLabel(text);
        }
    }
    // Domain warnings sit on the node that computed the bad value (shown once it is computed).
    std::vector<QString> warning(nodes_.size());
    for (const Warning& w : model_.trace().warnings)
        if (w.node >= 0 && static_cast<std::size_t>(w.node) < warning.size())
            warning[static_cast<std::size_t>(w.node)] = QString::fromStdString(w.message);
    for (const auto& items : {nodes_, copies_})
        for (NodeItem* n : items) n->setWarning(warning[static_cast<std::size_t>(n->id())]);
}

void GraphScene::helpEvent(QGraphicsSceneHelpEvent* event) {
    const Graph& g = model_.graph();
    for (QGraphicsItem* it : items(event->scenePos())) {
        if (it->type() != NodeItem::Type) continue;
        auto* n = static_cast<NodeItem*>(it);
        if (n->id() < 0 || n->id() >= g.size()) break;
        QToolTip::showText(event->screenPos(), nodeTooltip(g, model_.trace(), n->id(), n->shownState()));
        event->accept();
        return;
    }
    QToolTip::hideText();
    event->ignore();
}

void GraphScene::showFrame(int step, double progress) {
    step_ = step;
    progress_ = progress;
    const Graph& g = model_.graph();
    if (static_cast<int>(nodes_.size()) != g.size()) return;  // a layout is on its way
    frame_ = computeFrame(g, model_.trace(), step, progress);
    const Mode mode = model_.mode();
    const bool memory = mode == Mode::Reverse && model_.checkpointStrategy().has_value();
    for (const auto& items : {nodes_, copies_})
        for (NodeItem* n : items) {
            auto id = static_cast<std::size_t>(n->id());
            n->setFrame(frame_.state[id], mode, n->id() == frame_.activeNode ? frame_.glow : 0.0, memory);
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

void GraphScene::onSelectionChanged() {
    if (building_) return;
    auto items = selectedItems();
    int id = -1;
    for (QGraphicsItem* it : items)
        if (it->type() == NodeItem::Type) id = static_cast<NodeItem*>(it)->id();
    model_.setSelectedNode(id);
}

}  // namespace adviz::ui
