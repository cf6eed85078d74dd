#include "ui/shaped/inline_expansion.hpp"

#include <QObject>

#include <algorithm>
#include <unordered_map>

#include "autodiff/limits.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "autodiff/shaped/step_map.hpp"

namespace adviz::ui {
namespace {

using shaped::Kind;
using shaped::ShapedGraph;

// Operations that only regroup elements other operations made: nothing of their own to show.
bool regroups(Kind k) { return k == Kind::Transpose || k == Kind::Index || k == Kind::Literal; }

}  // namespace

std::vector<int> expandedNodes(const Graph& g, int op) {
    std::vector<int> nodes;
    if (!g.shaped || op < 0 || op >= g.shaped->size()) return nodes;
    const shaped::Node& n = (*g.shaped)[op];
    // A declared input's scalar nodes are its elements, the scalar inputs W[0,0], W[0,1], …
    if (n.kind == Kind::Input) return {n.elements.begin(), n.elements.end()};
    for (int v = n.first; v < n.end; ++v)
        if (g[v].op != Op::Const) nodes.push_back(v);
    return nodes;
}

std::optional<QString> expandRefusal(const Graph& g, int op, bool scalarTraceRecorded) {
    if (!g.shaped || op < 0 || op >= g.shaped->size()) return QObject::tr("There is no such matrix operation.");
    const ShapedGraph& sg = *g.shaped;
    const QString name = QString::fromStdString(shaped::label(sg, op));
    if (sg[op].kind == Kind::Scalar) return QObject::tr("%1 is one scalar already.").arg(name);
    if (regroups(sg[op].kind))
        return QObject::tr("%1 makes no scalar nodes of its own: it only regroups elements of its operands.").arg(name);
    const auto count = static_cast<int>(expandedNodes(g, op).size());
    if (count == 0) return QObject::tr("%1 makes no scalar nodes of its own (they are shared with an earlier operation).").arg(name);
    if (count > maxExpandedNodes)
        return QObject::tr("%1 has %L2 scalar nodes, too many to draw in place (at most %L3): it stays one box.")
            .arg(name)
            .arg(count)
            .arg(maxExpandedNodes);
    if (!scalarTraceRecorded)
        return QObject::tr("%1 stays one box: this program's %L2 scalar nodes are over the %L3 the window draws "
                           "and traces one by one.")
            .arg(name)
            .arg(g.size())
            .arg(limits::maxDrawnNodes);
    return std::nullopt;
}

InlinePlan planInline(const Graph& g, const ShapedDrawing& d, const std::set<int>& expanded) {
    InlinePlan plan;
    plan.replaced.assign(d.edges.size(), false);
    if (!g.shaped || expanded.empty()) return plan;
    const ShapedGraph& sg = *g.shaped;
    auto isExpanded = [&](int id) { return expanded.count(id) > 0; };
    auto drawnBox = [&](int id) {
        return id >= 0 && id < sg.size() && d.drawn[static_cast<std::size_t>(id)] && !isExpanded(id);
    };
    for (std::size_t i = 0; i < d.edges.size(); ++i)
        plan.replaced[i] = isExpanded(d.edges[i].from) || isExpanded(d.edges[i].to);

    // The boxes: every expanded operation's own scalar nodes.
    std::unordered_map<int, int> boxOf;  // scalar node → its inline box
    for (int op : expanded)
        for (int v : expandedNodes(g, op)) {
            boxOf.emplace(v, static_cast<int>(plan.boxes.size()));
            plan.boxes.push_back({v, op, false});
        }
    const std::vector<int> owner = shaped::operationOfNode(g);

    // Into and inside the frames: each scalar node's operands, from where the drawing has them.
    const std::size_t ownBoxes = plan.boxes.size();
    for (std::size_t b = 0; b < ownBoxes; ++b) {
        const int v = plan.boxes[b].node;
        const int op = plan.boxes[b].operation;
        const shaped::Node& opNode = sg[op];
        for (int s = 0; s < g[v].arity(); ++s) {
            const int a = g[v].operand(s);
            InlineEdge e;
            e.to.box = static_cast<int>(b);
            e.consumer = v;
            e.slot = s;
            const auto boxed = boxOf.find(a);
            if (g[a].op == Op::Const) {
                // A constant sits beside its use, in the same frame.
                e.from.box = static_cast<int>(plan.boxes.size());
                plan.boxes.push_back({a, op, true});
            } else if (boxed != boxOf.end() && plan.boxes[static_cast<std::size_t>(boxed->second)].operation == op) {
                e.from.box = boxed->second;  // made by this operation
            } else {
                // From the operand that holds a as an element: its box, or a's box in its frame.
                for (std::size_t slot = 0; slot < opNode.operands.size() && e.from.shaped < 0 && e.from.box < 0; ++slot) {
                    const int p = opNode.operands[slot];
                    const auto& el = sg[p].elements;
                    if (std::find(el.begin(), el.end(), a) == el.end()) continue;
                    if (drawnBox(p)) {
                        e.from.shaped = p;
                        e.shapedEdge = d.edgeOf[static_cast<std::size_t>(op)][slot];
                    } else if (boxed != boxOf.end()) {
                        e.from.box = boxed->second;
                    }
                }
                // A node shared with an earlier operation (hash-consed): from where it is drawn.
                if (e.from.shaped < 0 && e.from.box < 0) {
                    if (boxed != boxOf.end()) e.from.box = boxed->second;
                    else if (drawnBox(owner[static_cast<std::size_t>(a)])) e.from.shaped = owner[static_cast<std::size_t>(a)];
                    else continue;  // not drawn anywhere (the scalar part of the program)
                }
            }
            plan.edges.push_back(e);
        }
    }

    // Out of the frames: from each element a neighbouring box reads to that box, once.
    std::set<std::pair<int, int>> done;  // (scalar node, shaped consumer)
    for (std::size_t i = 0; i < d.edges.size(); ++i) {
        const ShapedEdge& se = d.edges[i];
        if (!isExpanded(se.from) || isExpanded(se.to)) continue;
        const shaped::Node& c = sg[se.to];
        auto link = [&](int b, int consumer, int slot) {
            const auto boxed = boxOf.find(b);
            if (boxed == boxOf.end() || plan.boxes[static_cast<std::size_t>(boxed->second)].operation != se.from) return;
            if (!done.insert({b, se.to}).second) return;
            InlineEdge e;
            e.from.box = boxed->second;
            e.to.shaped = se.to;
            e.consumer = consumer;
            e.slot = slot;
            e.shapedEdge = static_cast<int>(i);
            plan.edges.push_back(e);
        };
        if (c.first < c.end) {
            for (int w = c.first; w < c.end; ++w)
                for (int s = 0; s < g[w].arity(); ++s) link(g[w].operand(s), w, s);
        } else {
            for (int b : c.elements) link(b, -1, -1);  // an index, transpose or literal of it
        }
    }
    return plan;
}

}  // namespace adviz::ui
