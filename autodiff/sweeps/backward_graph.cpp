#include "autodiff/sweeps/backward_graph.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autodiff/op_table.hpp"
#include "autodiff/sweeps/sweep.hpp"

namespace adviz {
namespace {

/// A scalar that builds graph nodes: the op table's partials<Sym> write ∂v/∂u as nodes.
/// A Sym is either a node of the builder or a plain number not emitted yet (T(1.0) in the
/// table); numbers meet nodes only when needed, so constant-only arithmetic folds to a number.
/// Every Sym also knows its numeric value at the build point: primal() returns it, which is how
/// the table's data-dependent branches are resolved.
struct Sym {
    GraphBuilder* b = nullptr;  ///< null: a number, not a node yet
    int id = -1;
    double value = 0;

    Sym() = default;
    Sym(double c) : value(c) {}  // NOLINT(google-explicit-constructor): T(1.0) in the table
    Sym(GraphBuilder* builder, int node, double v) : b(builder), id(node), value(v) {}

    bool isConstant() const { return !b || b->node(id).op == Op::Const; }
    bool is(double c) const { return isConstant() && value == c; }
    /// The node holding this value in builder (a number becomes a constant node).
    int node(GraphBuilder& builder) const { return b ? id : builder.constant(value, Span{}); }

    /// op applied to x (and y): folded to a number if every operand is constant, else a node.
    static Sym emit(Op op, const Sym& x, const Sym& y) {
        const bool unary = info(op).arity == 1;
        const double v = opValue(op, x.value, unary ? x.value : y.value);
        if (x.isConstant() && (unary || y.isConstant())) return Sym(v);
        GraphBuilder& builder = *(x.b ? x.b : y.b);
        const int a = x.node(builder), c = unary ? -1 : y.node(builder);
        return Sym(&builder, builder.op(op, a, c, Span{}), v);
    }

    // Exact identities only (x·1 = x, x + 0 = x, …): the simplified graph computes the same
    // numbers and the same derivatives.
    friend Sym operator+(const Sym& x, const Sym& y) {
        if (x.is(0)) return y;
        if (y.is(0)) return x;
        return emit(Op::Add, x, y);
    }
    friend Sym operator-(const Sym& x, const Sym& y) {
        if (y.is(0)) return x;
        if (x.is(0)) return -y;
        return emit(Op::Sub, x, y);
    }
    friend Sym operator*(const Sym& x, const Sym& y) {
        if (x.is(1)) return y;
        if (y.is(1)) return x;
        if (x.is(-1)) return -y;
        if (y.is(-1)) return -x;
        return emit(Op::Mul, x, y);
    }
    friend Sym operator/(const Sym& x, const Sym& y) {
        return y.is(1) ? x : emit(Op::Div, x, y);
    }
    friend Sym operator-(const Sym& x) { return emit(Op::Neg, x, x); }

    friend Sym pow(const Sym& x, const Sym& y) { return y.is(1) ? x : emit(Op::Pow, x, y); }
    friend Sym sin(const Sym& x) { return emit(Op::Sin, x, x); }
    friend Sym cos(const Sym& x) { return emit(Op::Cos, x, x); }
    friend Sym tan(const Sym& x) { return emit(Op::Tan, x, x); }
    friend Sym asin(const Sym& x) { return emit(Op::Asin, x, x); }
    friend Sym acos(const Sym& x) { return emit(Op::Acos, x, x); }
    friend Sym atan(const Sym& x) { return emit(Op::Atan, x, x); }
    friend Sym exp(const Sym& x) { return emit(Op::Exp, x, x); }
    friend Sym log(const Sym& x) { return emit(Op::Log, x, x); }
    friend Sym sqrt(const Sym& x) { return emit(Op::Sqrt, x, x); }
    friend Sym tanh(const Sym& x) { return emit(Op::Tanh, x, x); }
    friend Sym sinh(const Sym& x) { return emit(Op::Sinh, x, x); }
    friend Sym cosh(const Sym& x) { return emit(Op::Cosh, x, x); }
    friend Sym log1p(const Sym& x) { return emit(Op::Log1p, x, x); }

    friend double primal(const Sym& x) { return x.value; }
};

// Copies the kept nodes of src into builder in order, with their names; returns each node's new
// id (-1 if dropped). Operands of kept nodes must be kept.
std::vector<int> copyNodes(const Graph& src, GraphBuilder& builder,
                           const std::vector<char>& keep) {
    std::vector<int> newId(src.nodes.size(), -1);
    auto remap = [&](int id) { return id < 0 ? -1 : newId[static_cast<std::size_t>(id)]; };
    for (int id = 0; id < src.size(); ++id) {
        if (!keep[static_cast<std::size_t>(id)]) continue;
        const Node& nd = src[id];
        int copy = -1;
        if (nd.op == Op::Input) copy = builder.input(src.nameOf(id), nd.span);
        else if (nd.op == Op::Const) copy = builder.constant(nd.constant, nd.span, src.nameOf(id));
        else copy = builder.op(nd.op, remap(nd.a), remap(nd.b), nd.span);
        if (nd.op != Op::Input && nd.op != Op::Const && !src.nameOf(id).empty())
            builder.name(copy, src.nameOf(id));
        newId[static_cast<std::size_t>(id)] = copy;
    }
    return newId;
}

// The adjoint computation may emit nodes it then does not use (the partial of a constant
// operand: y·log a for x^3). Keeps the original nodes and the new ones the results need.
std::vector<char> needed(const Graph& e, int originalSize, const std::vector<int>& adjointOf) {
    std::vector<char> keep(e.nodes.size(), 0);
    std::fill(keep.begin(), keep.begin() + originalSize, 1);
    for (int a : adjointOf)
        if (a >= 0) keep[static_cast<std::size_t>(a)] = 1;
    for (const Output& o : e.outputs) keep[static_cast<std::size_t>(o.node)] = 1;
    for (int id = e.size() - 1; id >= originalSize; --id) {  // operands come before their users
        if (!keep[static_cast<std::size_t>(id)]) continue;
        for (int s = 0; s < e[id].arity(); ++s)
            keep[static_cast<std::size_t>(e[id].operand(s))] = 1;
    }
    return keep;
}

}  // namespace

BackwardGraph buildBackwardGraph(const Graph& g, std::span<const double> x, int output) {
    std::vector<double> value;
    evaluate(g, x, value);
    GraphBuilder builder;
    // The original graph first; hash-consing must give every node its old id back.
    std::vector<int> same = copyNodes(g, builder, std::vector<char>(g.nodes.size(), 1));
    for (int id = 0; id < g.size(); ++id) {
        const int copy = same[static_cast<std::size_t>(id)];
        if (copy != id)  // a graph with duplicate nodes, not built by GraphBuilder
            throw std::logic_error("buildBackwardGraph: node " + std::to_string(id) +
                                   " duplicates node " + std::to_string(copy));
    }
    auto sym = [&](int id) { return Sym(&builder, id, value[static_cast<std::size_t>(id)]); };

    const auto size = static_cast<std::size_t>(g.size());
    std::vector<Sym> adj(size);
    std::vector<char> has(size, 0);
    if (output >= 0 && output < g.outputCount()) {
        auto out = static_cast<std::size_t>(g.outputs[static_cast<std::size_t>(output)].node);
        adj[out] = Sym(1.0);  // the seed ȳ = 1
        has[out] = 1;
    }
    // The reverse sweep of sweep.hpp, emitting nodes: ū += v̄·∂v/∂u in the same order.
    for (int id = g.size() - 1; id >= g.inputs; --id) {
        const Node& nd = g[id];
        if (nd.op == Op::Const || !has[static_cast<std::size_t>(id)]) continue;
        const Sym a = sym(nd.a), b = nd.b >= 0 ? sym(nd.b) : a;
        Sym partial[2];
        opPartials(nd.op, a, b, sym(id), partial[0], partial[1]);  // ∂v/∂u as nodes
        const int arity = nd.b >= 0 ? 2 : 1;
        for (int slot = 0; slot < arity; ++slot) {
            const auto u = static_cast<std::size_t>(nd.operand(slot));
            if (g[nd.operand(slot)].op == Op::Const || partial[slot].is(0)) continue;
            Sym contribution = adj[static_cast<std::size_t>(id)] * partial[slot];
            adj[u] = has[u] ? adj[u] + contribution : contribution;
            has[u] = 1;
        }
    }

    BackwardGraph r;
    r.originalSize = g.size();
    r.adjointOf.assign(size, -1);
    for (int id = 0; id < g.size(); ++id) {
        const auto k = static_cast<std::size_t>(id);
        if (has[k]) r.adjointOf[k] = adj[k].node(builder);
        else if (g[id].op == Op::Input) r.adjointOf[k] = builder.constant(0.0, Span{});
    }
    // Names for the new adjoint nodes of named nodes ("d_x", "d_h"); original nodes and
    // constants keep theirs.
    for (int id = 0; id < g.size(); ++id) {
        const int a = r.adjointOf[static_cast<std::size_t>(id)];
        if (a >= r.originalSize && builder.node(a).op != Op::Const && !g.nameOf(id).empty())
            builder.name(a, "d_" + std::string(g.nameOf(id)));
    }
    for (int i = 0; i < g.inputs; ++i)
        builder.output("d_" + std::string(g.nameOf(i)), r.adjointOf[static_cast<std::size_t>(i)]);
    // Ids are unchanged by finish(): the inputs already come first.
    Graph full = builder.finish();
    GraphBuilder pruned;
    std::vector<int> newId = copyNodes(full, pruned, needed(full, r.originalSize, r.adjointOf));
    for (int& a : r.adjointOf)
        if (a >= 0) a = newId[static_cast<std::size_t>(a)];
    for (const Output& o : full.outputs)
        pruned.output(o.name, newId[static_cast<std::size_t>(o.node)]);
    r.graph = pruned.finish();
    return r;
}

}  // namespace adviz
