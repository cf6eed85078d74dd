#include "ui/layout/layout_plan.hpp"

#include <algorithm>

namespace adviz::ui {
namespace {

bool isLeaf(const Node& n) { return n.op == Op::Input || n.op == Op::Const; }

}  // namespace

std::vector<int> operationDepth(const Graph& g) {
    std::vector<int> depth(g.nodes.size(), 0);
    for (int id = 0; id < g.size(); ++id) {  // operands come before their uses
        const Node& n = g[id];
        if (isLeaf(n)) continue;
        int d = 1;
        for (int s = 0; s < n.arity(); ++s)
            d = std::max(d, depth[static_cast<std::size_t>(n.operand(s))] + 1);
        depth[static_cast<std::size_t>(id)] = d;
    }
    return depth;
}

std::vector<int> latestDepth(const Graph& g, const std::vector<int>& depth) {
    int maxDepth = 0;
    for (int d : depth) maxDepth = std::max(maxDepth, d);
    std::vector<int> latest(g.nodes.size(), maxDepth);
    for (int id = g.size() - 1; id >= 0; --id) {  // every use comes after its operand
        const Node& n = g[id];
        for (int s = 0; s < n.arity(); ++s) {
            int& l = latest[static_cast<std::size_t>(n.operand(s))];
            l = std::min(l, latest[static_cast<std::size_t>(id)] - 1);
        }
    }
    return latest;
}

LayoutPlan planLayout(const Graph& g, int reach) {
    using layout::RankConstraint;
    LayoutPlan p;
    const std::vector<int> depth = operationDepth(g);
    const std::vector<int> latest = latestDepth(g, depth);
    const std::size_t count = g.nodes.size();
    auto at = [](const std::vector<int>& v, int id) { return v[static_cast<std::size_t>(id)]; };
    p.primary.assign(count, -1);
    // Large programs are cut into parts by depth, each laid out on its own and placed one
    // after the other: dot's positioning grows about with the square of the boxes (3,000 nodes
    // in one piece: ~20 s). Uses across a cut are served by copies, so no edge crosses one.
    int maxDepth = 0;
    for (int d : depth) maxDepth = std::max(maxDepth, d);
    const int parts = std::max(1, (g.size() + kPartSize - 1) / kPartSize);
    auto partOf = [&](int id) { return at(depth, id) * parts / (maxDepth + 1); };
    auto add = [&p](int node, BoxRole role, int part, RankConstraint rank = RankConstraint::Free) {
        PlannedBox b{node, role, rank};
        b.part = part;
        p.boxes.push_back(b);
        return static_cast<int>(p.boxes.size()) - 1;
    };

    // Uses of each node, in edge order (each operand slot of each consumer, ids ascending).
    struct Use { int consumer; std::size_t edge; };
    std::vector<std::vector<Use>> uses(count);
    std::size_t edges = 0;
    for (int id = 0; id < g.size(); ++id)
        for (int s = 0; s < g[id].arity(); ++s)
            uses[static_cast<std::size_t>(g[id].operand(s))].push_back({id, edges++});
    p.edgeSource.assign(edges, -1);
    p.edgeTarget.assign(edges, -1);

    // The uses of a node in groups, each served by one box. Where a use will be drawn is not
    // known before dot runs; it lies between its earliest and its latest possible rank, and
    // dot pulls a node whose result is used much later (a partial computed from forward values
    // for the backward sweep) towards that use, so the latest rank is the estimate. The node's
    // own box serves the uses within reach + 1 ranks of its earliest rank; the others fall in
    // groups spanning `reach` ranks, each served by a copy (a source, drawn just before them).
    // If no use is near, the node's own box serves the first group.
    // A group never spans a cut between parts. An operation's own box is in its own part.
    auto groupsOf = [&](int id) {
        std::vector<Use> us = uses[static_cast<std::size_t>(id)];
        std::stable_sort(us.begin(), us.end(), [&](const Use& a, const Use& b) {
            return std::pair(partOf(a.consumer), at(latest, a.consumer)) <
                   std::pair(partOf(b.consumer), at(latest, b.consumer));
        });
        std::vector<std::vector<Use>> groups;
        int end = at(depth, id) + reach + 1;
        int part = isLeaf(g[id]) ? (us.empty() ? 0 : partOf(us.front().consumer)) : partOf(id);
        if (!us.empty() && at(latest, us.front().consumer) <= end && partOf(us.front().consumer) == part) {
            groups.emplace_back();
        } else if (!isLeaf(g[id])) {
            // No use is near: the operation's own box serves the first group (dot draws it
            // beside that group), unless that group lies in a later part.
            groups.emplace_back();
            if (!us.empty() && partOf(us.front().consumer) == part) end = at(latest, us.front().consumer) + reach;
        }
        for (const Use& u : us) {
            if (groups.empty() || at(latest, u.consumer) > end || partOf(u.consumer) != part) {
                groups.emplace_back();
                end = at(latest, u.consumer) + reach;
                part = partOf(u.consumer);
            }
            groups.back().push_back(u);
        }
        return groups;
    };
    auto groupPart = [&](int id, const std::vector<Use>& group) {
        return group.empty() ? (isLeaf(g[id]) ? 0 : partOf(id)) : partOf(group.front().consumer);
    };
    std::vector<std::vector<std::vector<Use>>> groups(count);
    for (int id = 0; id < g.size(); ++id)
        if (g[id].op != Op::Const) groups[static_cast<std::size_t>(id)] = groupsOf(id);

    // Outputs in the last rank only when none is far shallower than the deepest node: pinning a
    // shallow one there would stretch its incoming edges across the picture.
    std::vector<bool> pinLast(count, false);
    int pinned = 0;
    for (const Output& o : g.outputs) {
        const auto id = static_cast<std::size_t>(o.node);
        if (uses[id].empty() && !isLeaf(g[o.node]) && depth[id] + reach >= maxDepth && !pinLast[id]) {
            pinLast[id] = true;
            ++pinned;
        }
    }
    if (pinned > 16) pinLast.assign(count, false);  // many outputs: let dot spread them

    // Inputs first, in program order (they are nodes 0..inputs-1): the first rank keeps the order
    // of its boxes here. An input stands there when its first group of uses is near the start;
    // otherwise it floats and dot sets it beside its uses.
    for (int id = 0; id < g.inputs; ++id) {
        const auto& gs = groups[static_cast<std::size_t>(id)];
        const bool early = gs.empty() || (at(latest, gs.front().front().consumer) <= reach + 1 &&
                                          groupPart(id, gs.front()) == 0);
        p.primary[static_cast<std::size_t>(id)] =
            add(id, BoxRole::Primary, gs.empty() ? 0 : groupPart(id, gs.front()),
                early ? RankConstraint::First : RankConstraint::Free);
    }
    for (int id = g.inputs; id < g.size(); ++id) {
        if (g[id].op == Op::Const) continue;
        p.primary[static_cast<std::size_t>(id)] =
            add(id, BoxRole::Primary, partOf(id),
                pinLast[static_cast<std::size_t>(id)] ? RankConstraint::Last : RankConstraint::Free);
    }
    for (int id = 0; id < g.size(); ++id) {
        const auto& gs = groups[static_cast<std::size_t>(id)];
        for (std::size_t k = 0; k < gs.size(); ++k) {
            const int box = k == 0 ? p.primary[static_cast<std::size_t>(id)]
                                   : add(id, BoxRole::Copy, groupPart(id, gs[k]));
            for (const Use& u : gs[k]) p.edgeSource[u.edge] = box;
        }
    }
    // A constant: one box per use, so each sits beside the operation using it; the first is the
    // node's own box (a constant nothing uses, such as the program `2`, still gets one).
    for (int id = g.inputs; id < g.size(); ++id) {
        if (g[id].op != Op::Const) continue;
        for (const Use& u : uses[static_cast<std::size_t>(id)]) {
            const bool first = p.primary[static_cast<std::size_t>(id)] < 0;
            const int box = add(id, first ? BoxRole::Primary : BoxRole::ConstantCopy, partOf(u.consumer));
            if (first) p.primary[static_cast<std::size_t>(id)] = box;
            p.edgeSource[u.edge] = box;
        }
        if (p.primary[static_cast<std::size_t>(id)] < 0)
            p.primary[static_cast<std::size_t>(id)] = add(id, BoxRole::Primary, 0);
    }
    for (int id = 0; id < g.size(); ++id)
        for (const Use& u : uses[static_cast<std::size_t>(id)])
            p.edgeTarget[u.edge] = p.primary[static_cast<std::size_t>(u.consumer)];
    return p;
}

}  // namespace adviz::ui
