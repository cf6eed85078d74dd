// The scene's part for programs shown as an overview of blocks (ui/model/overview_model.hpp):
// one box per block and one edge per pair of blocks a value crosses between, labelled with the
// number of values, laid out by the same adapter as the scalar graph; the block holding the
// current step lit and the edges its step crosses marked. A block drawn in full is drawn by the
// ordinary code (drawnGraph, realNode), with a box above it that leads back.

#include <QFontMetricsF>
#include <QGraphicsSceneContextMenuEvent>
#include <QMenu>
#include <QTimer>

#include <map>

#include "autodiff/limits.hpp"
#include "autodiff/number_format.hpp"
#include "ui/model/overview_model.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/block_item.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

QString count(long long n) { return QString::fromStdString(limits::grouped(n)); }
QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// The first and last nodes of [first, end) that are not constants (constants have no Wengert
// number), or -1.
std::pair<int, int> numberedEnds(const Graph& g, int first, int end) {
    int a = first, b = end - 1;
    while (a < end && g[a].op == Op::Const) ++a;
    while (b >= first && g[b].op == Op::Const) --b;
    return a < end ? std::pair{a, b} : std::pair{-1, -1};
}

// The range of a block's nodes for its title: "v₈₀₁ … v₁₆₀₀  (t401 … t800)" (the Wengert
// names the caption uses, and the user's names of the first and last named nodes).
QString blockRange(const Graph& g, const OverviewBlock& block) {
    if (block.inputs) {
        QStringList names;
        for (int i = 0; i < std::min(block.size(), 4); ++i) names << text(g.inputName(i));
        return names.join(QStringLiteral(", ")) + (block.size() > 4 ? QStringLiteral(", …") : QString());
    }
    const auto [a, z] = numberedEnds(g, block.first, block.end);
    if (a < 0) return {};
    QString range = QString::fromStdString(g.wengertName(a)) + QStringLiteral(" … ") + QString::fromStdString(g.wengertName(z));
    int na = block.first, nz = block.end - 1;
    while (na < block.end && g.nameOf(na).empty()) ++na;
    while (nz > na && g.nameOf(nz).empty()) --nz;
    if (na < block.end)
        range += QStringLiteral("  (") + text(g.nameOf(na)) +
                 (nz > na ? QStringLiteral(" … ") + text(g.nameOf(nz)) : QString()) + QStringLiteral(")");
    return range;
}

// The lines under a block's title: what it computes, the values in and out, what a double
// click does.
QStringList blockLines(const OverviewBlocks& blocks, int b) {
    const OverviewBlock& block = blocks.blocks()[static_cast<std::size_t>(b)];
    if (block.inputs)
        return {block.size() == 1 ? QObject::tr("1 input") : QObject::tr("%1 inputs").arg(count(block.size()))};
    QStringList kinds;
    for (std::size_t k = 0; k < block.ops.size() && k < 3; ++k)
        kinds << count(block.ops[k].second) + QStringLiteral(" ") + text(info(block.ops[k].first).symbol);
    return {QObject::tr("%1 operations: %2").arg(count(block.operations), kinds.join(QStringLiteral(" · "))),
            QObject::tr("values in %1 · out %2").arg(count(block.valuesIn), count(block.valuesOut)),
            blocks.drawable(b) ? QObject::tr("double-click: draw its %1 nodes").arg(count(block.size()))
                               : QObject::tr("double-click: its blocks")};
}

}  // namespace

const OverviewModel& GraphScene::overview() const { return *overview_; }
OverviewModel& GraphScene::overview() { return *overview_; }

void GraphScene::relayoutOverview() {
    // A few dozen boxes: laid out on this thread, in milliseconds.
    const OverviewBlocks& blocks = *overview_->blocks();
    const Graph& g = model_.graph();
    // Top to bottom whatever the program's direction: the blocks follow each other like the
    // lines of the program (left to right, a dozen wide boxes would make one long strip).
    layout::LayoutSpec spec;
    spec.direction = layout::Direction::TopToBottom;
    std::vector<QString> titles;
    std::vector<QStringList> lines;
    for (int b = 0; b < static_cast<int>(blocks.blocks().size()); ++b) {
        titles.push_back(overview_->blockName(b) + QStringLiteral(" · ") + blockRange(g, blocks.blocks()[static_cast<std::size_t>(b)]));
        lines.push_back(blockLines(blocks, b));
        const QSizeF s = BlockItem::preferredSize(titles.back(), lines.back());
        spec.nodes.push_back({s.width(), s.height(), blocks.blocks()[static_cast<std::size_t>(b)].inputs
                                                         ? layout::RankConstraint::First
                                                         : layout::RankConstraint::Free});
    }
    const QFontMetricsF fm(Theme::current().edgeFont());
    std::vector<QString> labels;
    for (const OverviewLink& l : blocks.links()) {
        labels.push_back(l.values == 1 ? tr("1 value") : tr("%1 values").arg(count(l.values)));
        spec.edges.push_back({l.from, l.to, fm.horizontalAdvance(labels.back()) + 8, fm.height() + 2});
    }
    spec.rankSeparation = 12.0;  // the labels have slots of their own
    spec.nodeSeparation = 36;
    buildOverview(layout::layoutGraph(spec), titles, lines, labels);
}

void GraphScene::buildOverview(const layout::LayoutResult& result, const std::vector<QString>& titles,
                               const std::vector<QStringList>& lines, const std::vector<QString>& labels) {
    building_ = true;
    clearItems();
    const OverviewBlocks& blocks = *overview_->blocks();
    if (!result.ok() || result.nodes.size() != titles.size() || result.edges.size() != labels.size()) {
        layoutError_ = QString::fromStdString(result.ok() ? "layout: no result for the overview" : result.error);
        building_ = false;
        emit layoutFinished();
        return;
    }
    for (std::size_t b = 0; b < titles.size(); ++b) {
        auto* item = new BlockItem(*overview_, static_cast<int>(b), titles[b], lines[b],
                                   !blocks.blocks()[b].inputs);
        item->setSize(QSizeF(result.nodes[b].width, result.nodes[b].height));
        item->setPos(result.nodes[b].center.x, result.nodes[b].center.y);
        addItem(item);
        blockItems_.push_back(item);
    }
    for (std::size_t e = 0; e < result.edges.size(); ++e) {
        auto* item = EdgeItem::fromLayout(static_cast<int>(e), result.edges[e]);
        item->setPartialLabel(labels[e]);
        addItem(item);
        blockEdges_.push_back(item);
    }
    setSceneRect(itemsBoundingRect().united(QRectF(0, 0, result.width, result.height)).adjusted(-30, -30, 30, 30));
    building_ = false;
    showFrame(model_.step(), 0);
    emit layoutFinished();
}

void GraphScene::showOverviewFrame(int step, double progress) {
    const Trace& t = model_.trace();
    frame_ = Frame{};
    setCaptionAt(model_.graph(), t, step, progress, frame_);
    const int j = frame_.shownStep;
    const int current = overview_->blockOfStep(j);
    if (j >= 0) {
        const QString where = overview_->whereIs(j);
        const QString lead = where.isEmpty() ? tr("Outside these blocks") : where;
        frame_.captionLead = frame_.captionLead.isEmpty() ? lead : lead + QStringLiteral(" · ") + frame_.captionLead;
    }
    for (BlockItem* b : blockItems_) b->setCurrent(b->block() == current);

    // The edges between blocks that the step's values travel along.
    std::vector<EdgeFrame> edges(blockEdges_.size());
    const OverviewBlocks& blocks = *overview_->blocks();
    if (j >= 0 && current >= 0) {
        std::map<std::pair<int, int>, std::size_t> linkOf;
        for (std::size_t e = 0; e < blocks.links().size(); ++e) linkOf[{blocks.links()[e].from, blocks.links()[e].to}] = e;
        const Step& s = t.steps[static_cast<std::size_t>(j)];
        const Graph& g = model_.graph();
        const bool moving = progress > 0 && frame_.shownStep == step;
        auto mark = [&](int from, int to, Flow flow, bool backwards, double number) {
            const auto it = linkOf.find({from, to});
            if (it == linkOf.end()) return;
            EdgeFrame& f = edges[it->second];
            f.flow = flow;
            f.backwards = backwards;
            f.token = moving ? std::clamp(progress / 0.8, 0.0, 1.0) : -1;
            f.tokenText = QString::fromStdString(formatShort(number));
        };
        if (s.phase == Phase::Adjoint && s.consumer >= 0) {
            mark(current, blocks.blockOf(s.consumer), Flow::Adjoint, true, s.contribution);
        } else if (s.phase == Phase::Primal || s.phase == Phase::Recompute || s.phase == Phase::Tangent) {
            const Node& nd = g[s.node];
            for (int slot = 0; slot < nd.arity(); ++slot) {
                const int u = nd.operand(slot);
                if (g[u].op == Op::Const) continue;
                const bool tangent = s.phase == Phase::Tangent;
                const auto uu = static_cast<std::size_t>(u);
                const double number = tangent ? (uu < t.tangents.size() ? t.tangents[uu] : 0)
                                              : (uu < t.values.size() ? t.values[uu] : 0);
                mark(blocks.blockOf(u), current, tangent ? Flow::Tangent : s.phase == Phase::Recompute ? Flow::Recompute : Flow::Value,
                     false, number);
            }
        }
    }
    for (std::size_t e = 0; e < blockEdges_.size(); ++e) blockEdges_[e]->setFrame(edges[e]);
    emit frameShown();
}

void GraphScene::buildBlockHeader() {
    // Above a block drawn in full: which block it is, and the way back to the overview.
    const BlockDrawing* d = overview_->drawing();
    if (!d || nodes_.empty()) return;
    const Graph& g = model_.graph();
    const auto [a, z] = numberedEnds(g, d->first(), d->end());
    QStringList lines;
    if (a >= 0)
        lines << tr("%1 nodes, %2 … %3; %4 values from other blocks on the left")
                     .arg(count(d->end() - d->first()), QString::fromStdString(g.wengertName(a)),
                          QString::fromStdString(g.wengertName(z)), count(d->sources()));
    lines << tr("double-click here or right-click the graph: back");
    auto* header = new BlockItem(*overview_, -1, tr("◀ %1").arg(overview_->openedName()), lines, true);
    QRectF area;
    for (NodeItem* n : nodes_) area |= n->sceneBoundingRect();
    const QSizeF s = header->boundingRect().size();
    header->setPos(area.left() + s.width() / 2, area.top() - s.height() / 2 - 24);
    addItem(header);
    blockItems_.push_back(header);
}

bool GraphScene::overviewContextMenu(QGraphicsSceneContextMenuEvent* event) {
    if (!overview_->isActive() || overview_->depth() == 0) return false;
    QMenu menu;
    QAction* back = menu.addAction(tr("Back one level"));
    QAction* top = menu.addAction(tr("Back to the whole program"));
    QAction* chosen = menu.exec(event->screenPos());
    OverviewModel& overview = *overview_;
    if (chosen == back) QTimer::singleShot(0, &overview, [&overview] { overview.back(); });
    else if (chosen == top) QTimer::singleShot(0, &overview, [&overview] { overview.top(); });
    event->accept();
    return true;
}

}  // namespace adviz::ui
