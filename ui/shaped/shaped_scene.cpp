#include "ui/shaped/shaped_scene.hpp"

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainterPath>

#include <set>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/pytorch/shaped_grad_fn.hpp"
#include "autodiff/shaped/shaped_checkpoint.hpp"
#include "autodiff/shaped/shaped_rules.hpp"
#include "ui/layout/graph_layout.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/shaped/matrix_node_item.hpp"
#include "ui/shaped/operation_frame_item.hpp"
#include "ui/shaped/shaped_caption.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

using shaped::Kind;
using shaped::ShapedGraph;

QString q(const std::string& s) { return QString::fromStdString(s); }

bool isLeaf(const Graph& g, const ShapedGraph& sg, int id) {
    const shaped::Node& n = sg[id];
    return n.kind == Kind::Input || (n.kind == Kind::Scalar && g[n.elements.front()].op == Op::Input);
}

MatrixLabel labelOf(const Graph& g, int id, Mode mode, bool torch) {
    const ShapedGraph& sg = *g.shaped;
    const shaped::Node& n = sg[id];
    MatrixLabel l;
    l.shape = n.shape;
    const QString name = q(shaped::label(sg, id));
    const bool leaf = isLeaf(g, sg, id);
    if (torch) {
        const QString size = torchSize(n.shape);
        if (leaf) {
            l.title = name;
            l.subtitle = QStringLiteral("AccumulateGrad  %1").arg(size);
            l.style = MatrixStyle::TorchLeaf;
            l.valueName = name;
            l.secondName = name + QStringLiteral(".grad");
            l.second = mode != Mode::Forward;
        } else {
            l.title = q(std::string(pytorch::shapedGradFn(g, id)));
            l.subtitle = name + QStringLiteral("  ") + size;
            l.style = isOutputNode(sg, id) ? MatrixStyle::TorchOutput : MatrixStyle::TorchFunction;
            l.valueName = name;
            l.second = false;  // PyTorch keeps no gradient of an intermediate tensor
        }
        return l;
    }
    l.title = name;
    l.subtitle = expressionText(sg, id);
    l.shapeText = n.shape.isScalar() ? QStringLiteral("scalar") : q(n.shape.text());
    if (isConstantLiteral(g, id)) {
        // Numbers written into the program: a leaf, and like any constant it has no adjoint.
        l.subtitle = QObject::tr("constant");
        l.style = MatrixStyle::Input;
        l.valueName = name;
        l.second = false;
        return l;
    }
    l.style = leaf ? MatrixStyle::Input : isOutputNode(sg, id) ? MatrixStyle::Output : MatrixStyle::Operation;
    l.valueName = name;
    l.secondName = mode == Mode::Forward ? q(shaped::dot(name.toStdString()))
                                         : deltaName(sg, id).value_or(q(shaped::bar(name.toStdString())));
    if (mode == Mode::ForwardOverReverse) {
        // The adjoint's tangent along the direction: on an input, its entries of H·v.
        l.third = true;
        l.thirdName = leaf ? QStringLiteral("(H·v) ") + q(shaped::dot(shaped::bar(name.toStdString())))
                           : q(shaped::dot(shaped::bar(name.toStdString())));
    }
    return l;
}

// The rule an edge carries: the consumer's reverse rule for this operand, or (forward) the
// consumer's tangent rule on its first edge.
QString edgeRule(const Graph& g, const ShapedEdge& e, Mode mode, bool firstOfConsumer) {
    const ShapedGraph& sg = *g.shaped;
    if (isConstantLiteral(g, e.from) && mode != Mode::Forward) return {};  // a constant gets no adjoint
    if (mode == Mode::Forward) return firstOfConsumer ? q(shaped::forwardRule(sg, e.to)) : QString();
    // u = W h feeding only z = u + b shares z's δ: the + hands it on unchanged.
    const auto mine = deltaName(sg, e.from);
    if (mine && mine == deltaName(sg, e.to)) return QStringLiteral("%1 passes through +").arg(*mine);
    return withDeltaNames(sg, shaped::reverseRule(sg, e.to, e.slot));
}

}  // namespace

QString operationTitle(const Graph& g, int id) {
    const ShapedGraph& sg = *g.shaped;
    const QString expr = expressionText(sg, id);
    const QString shape = sg[id].shape.isScalar() ? QStringLiteral("scalar") : q(sg[id].shape.text());
    return q(shaped::label(sg, id)) + (expr.isEmpty() ? QString() : QStringLiteral(" = ") + expr) + QStringLiteral("   ") + shape;
}

QString torchSize(const shaped::Shape& shape) {
    if (shape.rank == 0) return QStringLiteral("()");
    if (shape.rank == 1) return QStringLiteral("(%1,)").arg(shape.dims[0]);
    return QStringLiteral("(%1, %2)").arg(shape.dims[0]).arg(shape.dims[1]);
}

ShapedScene::ShapedScene(SessionModel& model, QObject* parent) : QGraphicsScene(parent), model_(model) {
    setBackgroundBrush(Theme::current().background);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, [this] {
        setBackgroundBrush(Theme::current().background);
        relayout();
    });
    connect(&model_, &SessionModel::graphChanged, this, &ShapedScene::relayout);
    connect(&model_, &SessionModel::levelChanged, this, &ShapedScene::relayout);
    connect(&model_, &SessionModel::traceChanged, this, [this] {
        // The mode names the second grid (v̇ or v̄) and the edges' rules: a new layout.
        if (model_.mode() != laidOutMode_) relayout();
        else showFrame(model_.step(), 0);
    });
}

ShapedScene::~ShapedScene() = default;

void ShapedScene::setTorchView(bool on) {
    if (on == torch_) return;
    torch_ = on;
    relayout();
}

void ShapedScene::setEdgeLabelsVisible(bool on) {
    if (on == edgeLabels_) return;
    edgeLabels_ = on;
    relayout();
}

void ShapedScene::relayout() {
    clear();
    nodes_.clear();
    edges_.clear();
    scalarItems_.clear();
    inlineEdges_.clear();
    frames_.clear();
    offCanvas_.clear();
    inline_ = {};
    layoutError_.clear();
    const Graph& g = model_.program();
    if (model_.level() != Level::Shaped || !g.shaped) {
        drawing_ = {};
        emit layoutFinished();
        return;
    }
    const ShapedGraph& sg = *g.shaped;
    const Mode mode = model_.mode();
    laidOutMode_ = mode;
    drawing_ = drawingOf(g);
    // Expansions the program still has: the same operation at the same id, still expandable.
    const bool traced = model_.scalarStepAt(0) >= 0;
    std::set<int> expanded;
    for (auto it = expanded_.begin(); it != expanded_.end();) {
        const int id = it->first;
        const bool keep = id < sg.size() && drawing_.drawn[static_cast<std::size_t>(id)] &&
                          operationTitle(g, id) == it->second && !expandRefusal(g, id, traced);
        if (keep) expanded.insert(id);
        it = keep ? std::next(it) : expanded_.erase(it);
    }
    inline_ = planInline(g, drawing_, expanded);
    firstScalarEdge_ = expanded.empty() ? std::vector<int>{} : firstEdgeIndex(g);

    // Boxes for the drawn nodes, in shaped order; edges with room for their rule.
    std::vector<int> box(static_cast<std::size_t>(sg.size()), -1);
    std::vector<MatrixLabel> labels;
    layout::LayoutSpec spec;
    spec.direction = layout::Direction::LeftToRight;
    spec.nodeSeparation = 30;
    spec.rankSeparation = 40;
    for (int id = 0; id < sg.size(); ++id) {
        if (!drawing_.drawn[static_cast<std::size_t>(id)]) continue;
        labels.push_back(labelOf(g, id, mode, torch_));
        if (expanded.count(id)) continue;  // its scalar nodes are laid out instead
        box[static_cast<std::size_t>(id)] = static_cast<int>(spec.nodes.size());
        const QSizeF s = MatrixNodeItem::preferredSize(labels.back());
        layout::NodeBox b;
        b.width = s.width();
        b.height = s.height();
        spec.nodes.push_back(b);
    }
    const QFontMetricsF fm(Theme::current().edgeFont());
    std::vector<QString> rules;
    std::vector<int> drawingEdgeOf;  // per spec edge: its ShapedDrawing edge, or -1 (inline)
    int lastConsumer = -1;
    for (std::size_t i = 0; i < drawing_.edges.size(); ++i) {
        const ShapedEdge& e = drawing_.edges[i];
        const QString rule = edgeLabels_ && !torch_ ? edgeRule(g, e, mode, e.to != lastConsumer) : QString();
        lastConsumer = e.to;
        if (inline_.replaced[i]) continue;
        rules.push_back(rule);
        drawingEdgeOf.push_back(static_cast<int>(i));
        layout::EdgeLink link;
        link.from = box[static_cast<std::size_t>(e.from)];
        link.to = box[static_cast<std::size_t>(e.to)];
        if (!rules.back().isEmpty()) {
            link.labelWidth = fm.horizontalAdvance(rules.back()) + 12;
            link.labelHeight = fm.height() + 2;
        }
        spec.edges.push_back(link);
    }
    // The expanded operations: their scalar nodes as the scalar graph draws them, one cluster
    // (a frame with room for its title) per operation; their edges carry no rule.
    std::vector<bool> isOutput(static_cast<std::size_t>(g.size()), false);
    for (const Output& o : g.outputs) isOutput[static_cast<std::size_t>(o.node)] = true;
    const int rows = NodeItem::rowsFor(mode);
    const int firstInline = static_cast<int>(spec.nodes.size());
    std::vector<NodeLabel> scalarLabels;
    for (const InlineBox& b : inline_.boxes) {
        scalarLabels.push_back(nodeLabelOf(g, b.node, isOutput[static_cast<std::size_t>(b.node)]));
        const QSizeF s = NodeItem::preferredSize(scalarLabels.back(), rows);
        layout::NodeBox n;
        n.width = s.width();
        n.height = s.height();
        n.cluster = b.operation;
        spec.nodes.push_back(n);
    }
    if (!inline_.boxes.empty()) spec.clusterHeader = OperationFrameItem::headerHeight();
    auto endOf = [&](const InlineEnd& end) {
        return end.box >= 0 ? firstInline + end.box : box[static_cast<std::size_t>(end.shaped)];
    };
    for (const InlineEdge& e : inline_.edges) spec.edges.push_back({endOf(e.from), endOf(e.to)});

    const layout::LayoutResult result = layout::layoutGraph(spec);
    if (!result.ok() || result.nodes.size() != spec.nodes.size()) {
        layoutError_ = QString::fromStdString(result.ok() ? "layout: no result" : result.error);
        emit layoutFinished();
        return;
    }
    nodes_.assign(static_cast<std::size_t>(sg.size()), nullptr);
    std::size_t label = 0;
    for (int id = 0; id < sg.size(); ++id) {
        if (!drawing_.drawn[static_cast<std::size_t>(id)]) continue;
        auto* item = new MatrixNodeItem(id, labels[label++]);
        nodes_[static_cast<std::size_t>(id)] = item;
        const int b = box[static_cast<std::size_t>(id)];
        if (b < 0) {
            offCanvas_.emplace_back(item);
            continue;
        }
        const auto& placed = result.nodes[static_cast<std::size_t>(b)];
        item->setPos(placed.center.x, placed.center.y);
        addItem(item);
    }
    const std::size_t shapedEdges = drawingEdgeOf.size();
    for (std::size_t e = 0; e < shapedEdges; ++e) {
        auto* item = EdgeItem::fromLayout(drawingEdgeOf[e], result.edges[e]);
        item->setPartialLabel(rules[e]);
        addItem(item);
        edges_.push_back(item);
    }
    std::map<int, QRectF> areas;  // per expanded operation: its own scalar boxes
    for (std::size_t b = 0; b < inline_.boxes.size(); ++b) {
        const auto& placed = result.nodes[static_cast<std::size_t>(firstInline) + b];
        auto* item = new NodeItem(inline_.boxes[b].node, scalarLabels[b], QSizeF(placed.width, placed.height));
        item->setFlag(QGraphicsItem::ItemIsSelectable, false);  // the shaped view selects nothing
        item->setPos(placed.center.x, placed.center.y);
        addItem(item);
        scalarItems_.push_back(item);
        areas[inline_.boxes[b].operation] |= item->sceneBoundingRect();
    }
    for (std::size_t e = 0; e < inline_.edges.size(); ++e) {
        auto* item = EdgeItem::fromLayout(static_cast<int>(e), result.edges[shapedEdges + e]);
        addItem(item);
        inlineEdges_.push_back(item);
    }
    for (const auto& [op, area] : areas) {
        auto* frame = new OperationFrameItem(op, operationTitle(g, op), area, [this, op] { collapse(op); });
        addItem(frame);
        frames_.push_back(frame);
    }
    setSceneRect(itemsBoundingRect().united(QRectF(0, 0, result.width, result.height)).adjusted(-30, -30, 30, 30));
    emit layoutFinished();  // first: listeners rebuild for the new nodes before the frame comes
    showFrame(model_.step(), 0);
}

void ShapedScene::showFrame(int step, double progress) {
    const Graph& g = model_.program();
    if (model_.level() != Level::Shaped || !g.shaped || nodes_.size() != static_cast<std::size_t>(g.shaped->size()))
        return;
    frame_ = computeShapedFrame(g, drawing_, model_.shapedTrace(), step, progress);
    const Mode mode = model_.mode();
    const bool atEnd = step >= model_.stepCount();
    for (MatrixNodeItem* item : nodes_) {
        if (!item) continue;
        const MatrixState& m = frame_.nodes[static_cast<std::size_t>(item->id())];
        std::vector<double> second = mode == Mode::Forward ? m.tangent : m.adjoint;
        // PyTorch fills a leaf's .grad when backward() returns, not while it runs.
        if (torch_ && !atEnd) second.clear();
        item->setFrame(m.value, second, mode, item->id() == frame_.activeNode ? frame_.glow : 0.0,
                       mode == Mode::ForwardOverReverse ? m.adjointTangent : std::vector<double>{});
    }
    for (EdgeItem* e : edges_) e->setFrame(frame_.edges[static_cast<std::size_t>(e->index())]);
    showInline(step, progress);
    showMemory(step);
    emit frameShown();
}

void ShapedScene::showMemory(int step) {
    // A checkpointed reverse sweep over the matrix operations: the engine's shaped trace says
    // where each matrix is (kept, in a snapshot, freed) after `step` steps.
    const shaped::ShapedTrace& t = model_.shapedTrace();
    const Graph& g = model_.program();
    const std::vector<Memory> memory = shaped::hasMemorySteps(t) && g.shaped
                                           ? shaped::shapedMemoryAt(t, g.shaped->size(), static_cast<std::size_t>(step))
                                           : std::vector<Memory>{};
    for (MatrixNodeItem* item : nodes_) {
        if (!item) continue;
        const std::size_t id = static_cast<std::size_t>(item->id());
        const Memory m = id < memory.size() ? memory[id] : Memory::Unknown;
        item->setMemory(m == Memory::Checkpoint ? tr("checkpoint")
                        : m == Memory::Freed    ? tr("freed")
                        : m == Memory::Stored   ? tr("kept")
                                                : QString());
    }
}

void ShapedScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
    // A box expands; anything inside an expanded operation's frame (its title, a scalar node)
    // collapses it. Handled here rather than by the items: collapsing deletes them.
    for (QGraphicsItem* item : items(event->scenePos())) {
        if (item->type() == MatrixNodeItem::Type) {
            emit expandRequested(static_cast<MatrixNodeItem*>(item)->id());
            return;
        }
        if (item->type() == OperationFrameItem::Type) {
            collapse(static_cast<OperationFrameItem*>(item)->operation());
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

}  // namespace adviz::ui
