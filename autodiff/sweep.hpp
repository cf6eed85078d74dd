#pragma once
// The sweeps over the Wengert list: plain evaluation, forward mode (dual numbers, one JVP per
// sweep) and reverse mode (values cached forward, one VJP per backward sweep). Each is a single
// loop; a recorder policy decides whether steps are written to a trace. With NoRecord every
// recorder call is an empty inline function and compiles away, so the fast path and the traced
// path are the same code.

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

/// Every node's value at inputs x (one per input), into value (resized to the graph).
template <class T, class Rec = NoRecord>
void evaluate(const Graph& g, std::span<const T> x, std::vector<T>& value, Rec&& rec = {}) {
    value.resize(g.nodes.size());
    const int n = g.size();
    for (int id = 0; id < n; ++id) {
        const Node& node = g[id];
        T& y = value[static_cast<std::size_t>(id)];
        switch (node.op) {
            case Op::Input: y = x[static_cast<std::size_t>(id)]; break;
            case Op::Const: y = T(node.constant); continue;  // literals are known from the start
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
    for (int id = 0; id < n; ++id) {
        const Node& nd = g[id];
        Dual<T>& y = node[static_cast<std::size_t>(id)];
        switch (nd.op) {
            case Op::Input:
                y = {x[static_cast<std::size_t>(id)], xdot[static_cast<std::size_t>(id)]};
                break;
            case Op::Const: y = Dual<T>(T(nd.constant), T(0.0)); continue;
            default: {
                const Dual<T>& a = node[static_cast<std::size_t>(nd.a)];
                const Dual<T>& b = nd.b >= 0 ? node[static_cast<std::size_t>(nd.b)] : a;
                y = applyOp(nd.op, a, b);  // value and tangent in one go: y' = Σ ∂y/∂u · u'
            }
        }
        if constexpr (std::decay_t<Rec>::enabled) rec.tangent(id, node);
    }
}

/// Reverse mode: values cached by a forward pass, then one backward sweep from seed ybar (one
/// per output) visiting each node once in reverse order and accumulating ū += v̄ · ∂v/∂u along
/// every edge. adjoint[i] for an input i is then (ȳᵀJ)ᵢ. Constants receive no adjoint.
template <class T, class Rec = NoRecord>
void reverseSweep(const Graph& g, std::span<const T> x, std::span<const T> ybar,
                  std::vector<T>& value, std::vector<T>& adjoint, Rec&& rec = {}) {
    evaluate(g, x, value, rec);
    adjoint.assign(g.nodes.size(), T(0.0));
    for (std::size_t j = 0; j < g.outputs.size(); ++j) {
        auto out = static_cast<std::size_t>(g.outputs[j].node);
        T before = adjoint[out];
        adjoint[out] = before + ybar[j];
        if constexpr (std::decay_t<Rec>::enabled) rec.seed(static_cast<int>(j), before, adjoint[out], ybar[j]);
    }
    for (int id = g.size() - 1; id >= g.inputs; --id) {
        const Node& nd = g[id];
        if (nd.op == Op::Const) continue;
        const T vbar = adjoint[static_cast<std::size_t>(id)];
        // Nothing flows back from a zero adjoint; skip the partials unless a trace wants them.
        if (!std::decay_t<Rec>::enabled && isZero(vbar)) continue;
        const T& a = value[static_cast<std::size_t>(nd.a)];
        const T& b = nd.b >= 0 ? value[static_cast<std::size_t>(nd.b)] : a;
        T partial[2];
        opPartials(nd.op, a, b, value[static_cast<std::size_t>(id)], partial[0], partial[1]);
        const int arity = nd.b >= 0 ? 2 : 1;  // (cheaper than the table lookup in the hot loop)
        for (int slot = 0; slot < arity; ++slot) {
            const int u = nd.operand(slot);
            if (g[u].op == Op::Const) continue;
            T& ubar = adjoint[static_cast<std::size_t>(u)];
            const T before = ubar;
            // Accumulate, never overwrite. On the fast path vbar is known to be non-zero here,
            // so the zero rule of chainTerm has nothing to do.
            if constexpr (std::decay_t<Rec>::enabled) ubar = before + chainTerm(partial[slot], vbar);
            else ubar = before + partial[slot] * vbar;
            if constexpr (std::decay_t<Rec>::enabled)
                rec.adjoint(u, id, slot, partial[slot], vbar, before, ubar);
        }
    }
}

}  // namespace adviz
