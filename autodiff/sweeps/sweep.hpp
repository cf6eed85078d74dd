#pragma once
// The sweeps over the Wengert list: plain evaluation, forward mode (dual numbers, one JVP per
// sweep) and reverse mode (values cached forward, one VJP per backward sweep). Each is a single
// loop; a recorder policy decides whether steps are written to a trace. With NoRecord every
// recorder call is an empty inline function and compiles away, so the fast path and the traced
// path are the same code.

#include <algorithm>
#include <span>
#include <vector>

#include "autodiff/dual.hpp"
#include "autodiff/graph.hpp"

namespace adviz {

/// Records nothing: the fast path.
struct NoRecord {
    static constexpr bool enabled = false;
    template <class... A> void primal(A&&...) {}
    template <class... A> void tangent(A&&...) {}
    template <class... A> void seed(A&&...) {}
    template <class... A> void adjoint(A&&...) {}
};

/// The graph's HotNode array: g.hot when it matches the nodes (every graph from GraphBuilder),
/// else derived into a per-thread scratch copy, so the loops below are one code path either way.
inline const HotNode* hotNodes(const Graph& g) {
    if (g.hot.size() == g.nodes.size()) return g.hot.data();
    static thread_local std::vector<HotNode> scratch;
    scratch.resize(g.nodes.size());
    for (std::size_t id = 0; id < g.nodes.size(); ++id)
        scratch[id] = {g.nodes[id].a, g.nodes[id].b, g.nodes[id].op};
    return scratch.data();
}

/// Every node's value at inputs x (one per input), into value (resized to the graph).
template <class T, class Rec = NoRecord>
void evaluate(const Graph& g, std::span<const T> x, std::vector<T>& value, Rec&& rec = {}) {
    value.resize(g.nodes.size());
    const int n = g.size();
    const HotNode* hot = hotNodes(g);
    for (int id = 0; id < n; ++id) {
        const HotNode& node = hot[id];
        T& y = value[static_cast<std::size_t>(id)];
        switch (node.op) {
            case Op::Input: y = x[static_cast<std::size_t>(id)]; break;
            case Op::Const: y = T(g[id].constant); continue;  // literals are known from the start
            default: {
                const T& a = value[static_cast<std::size_t>(node.a)];
                const T& b = node.b >= 0 ? value[static_cast<std::size_t>(node.b)] : a;
                y = opValue(node.op, a, b);
            }
        }
        if constexpr (std::decay_t<Rec>::enabled) rec.primal(id, value);
    }
}

/// Forward mode: every node as a dual number value + tangent·ε, for inputs x moving along
/// direction xdot. The outputs' tangents are J·ẋ.
template <class T, class Rec = NoRecord>
void forwardSweep(const Graph& g, std::span<const T> x, std::span<const T> xdot,
                  std::vector<Dual<T>>& node, Rec&& rec = {}) {
    node.resize(g.nodes.size());
    const int n = g.size();
    const HotNode* hot = hotNodes(g);
    for (int id = 0; id < n; ++id) {
        const HotNode& nd = hot[id];
        Dual<T>& y = node[static_cast<std::size_t>(id)];
        switch (nd.op) {
            case Op::Input:
                y = {x[static_cast<std::size_t>(id)], xdot[static_cast<std::size_t>(id)]};
                break;
            case Op::Const: y = Dual<T>(T(g[id].constant), T(0.0)); continue;
            default: {
                const Dual<T>& a = node[static_cast<std::size_t>(nd.a)];
                const Dual<T>& b = nd.b >= 0 ? node[static_cast<std::size_t>(nd.b)] : a;
                // value and tangent in one go: y' = Σ ∂y/∂u · u'
                y = applyOp(nd.op, a, b, nd.b >= 0 ? 2 : 1);
            }
        }
        if constexpr (std::decay_t<Rec>::enabled) rec.tangent(id, node);
    }
}

/// The local partials the reverse sweep stores in its forward pass, two per node, per thread and
/// scalar type: kept between sweeps so a repeated gradient allocates nothing (16 bytes a node
/// of the largest graph swept, for doubles).
template <class T>
std::vector<T>& reversePartials() {
    static thread_local std::vector<T> partial;
    return partial;
}

/// Reverse mode: a forward pass computes every node's value and its local partials ∂v/∂u (one
/// dispatch for both: the backward pass then needs no op at all), then one backward sweep from
/// seed ybar (one per output) visits each node once in reverse order and accumulates
/// ū += v̄ · ∂v/∂u along every edge. adjoint[i] for an input i is then (ȳᵀJ)ᵢ. Constants receive
/// no adjoint. The values and partials are the ones evaluate() and opPartials() give: the same
/// table entries on the same operands.
template <class T, class Rec = NoRecord>
void reverseSweep(const Graph& g, std::span<const T> x, std::span<const T> ybar,
                  std::vector<T>& value, std::vector<T>& adjoint, Rec&& rec = {}) {
    constexpr bool recording = std::decay_t<Rec>::enabled;
    const int n = g.size();
    value.resize(g.nodes.size());
    std::vector<T>& partials = reversePartials<T>();
    if (partials.size() < 2 * g.nodes.size()) partials.resize(2 * g.nodes.size());
    // Plain pointers: the vectors' own data pointers would be reloaded after every store of a T.
    const HotNode* hot = hotNodes(g);
    T* val = value.data();
    T* partial = partials.data();
    for (int id = 0; id < n; ++id) {
        const HotNode node = hot[id];
        const auto i = static_cast<std::size_t>(id);
        switch (node.op) {
            case Op::Input: val[i] = x[i]; break;
            case Op::Const: val[i] = T(g[id].constant); continue;  // as in evaluate(): not recorded
            default: {
                // Operands by value: the stores of y, ∂y/∂a, ∂y/∂b cannot change them, so they
                // are not read again from memory after each store.
                const T a = val[node.a];
                const T b = node.b >= 0 ? val[node.b] : a;
                opValuePartials(node.op, a, b, val[i], partial[2 * i], partial[2 * i + 1]);
            }
        }
        if constexpr (recording) rec.primal(id, value);
    }
    // Unrecorded, one more slot: the sink (below), dropped at the end without reallocating.
    const auto sink = static_cast<unsigned>(n);
    adjoint.assign(g.nodes.size() + (recording ? 0 : 1), T(0.0));
    T* adj = adjoint.data();
    for (std::size_t j = 0; j < g.outputs.size(); ++j) {
        auto out = static_cast<std::size_t>(g.outputs[j].node);
        T before = adj[out];
        adj[out] = before + ybar[j];
        if constexpr (recording) rec.seed(static_cast<int>(j), before, adj[out], ybar[j]);
    }
    // ū of node id − 1, the node just below the one visited, is summed in a register, `below`,
    // not in adjoint[]: an edge to the node made just before is the commonest there is (every
    // step of a chain, both edges of a ladder's a·a), and through memory each such sum waits for
    // the store of the one before it (store-to-load forwarding, on the critical path twice per
    // edge). adjoint[id − 1] holds what its other consumers, all above id, sent; id is the last
    // of them, so every ū is still summed in the order its edges are visited.
    T below = n > 0 ? adj[n - 1] : T(0.0);
    for (int id = n - 1; id >= g.inputs; --id) {
        const HotNode nd = hot[id];
        const auto i = static_cast<std::size_t>(id);
        const T vbar = below;  // final: every consumer of id has been visited
        below = id > 0 ? adj[i - 1] : T(0.0);
        adj[i] = vbar;
        if (nd.op == Op::Const) {
            // Unrecorded, edges into constants are accumulated like any other (no check of the
            // operand's op per edge); every consumer of this constant has been visited, so its
            // adjoint is final here and is cleared.
            if constexpr (!recording) adj[i] = T(0.0);
            continue;
        }
        // Nothing flows back from a zero adjoint; skip the node unless a trace wants its steps.
        if (!recording && isZero(vbar)) continue;
        for (int slot = 0; slot < 2; ++slot) {
            const int u = slot == 0 ? nd.a : nd.b;
            const T& p = partial[2 * i + static_cast<std::size_t>(slot)];
            if constexpr (recording) {
                if (u < 0 || hot[u].op == Op::Const) continue;
                T& ubar = u == id - 1 ? below : adj[u];
                const T before = ubar;
                ubar = before + chainTerm(p, vbar);  // accumulate, never overwrite
                rec.adjoint(u, id, slot, p, vbar, before, ubar);
            } else {
                // A unary op's missing second edge (u = −1, partial 0) goes to the sink, one
                // slot past the nodes: min(unsigned(u), sink) is a conditional move, where a
                // branch on the arity is mispredicted about half the time on a mix of unary and
                // binary ops (a sixth of the random DAG's gradient time). vbar is non-zero here,
                // so chainTerm's zero rule has nothing to do.
                const int to = slot == 0 ? u : static_cast<int>(std::min(static_cast<unsigned>(u), sink));
                const T term = p * vbar;
                if (to == id - 1) below = below + term;
                else adj[to] = adj[to] + term;
            }
        }
    }
    if (g.inputs > 0 && n > g.inputs) adj[g.inputs - 1] = below;
    // An output that is a constant keeps its seed, as when edges into constants were skipped.
    if constexpr (!recording) {
        for (std::size_t j = 0; j < g.outputs.size(); ++j) {
            auto out = static_cast<std::size_t>(g.outputs[j].node);
            if (g.nodes[out].op == Op::Const) adj[out] = adj[out] + ybar[j];
        }
        adjoint.pop_back();  // the sink
    }
}

}  // namespace adviz
