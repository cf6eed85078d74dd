#include "autodiff/shaped/shaped_trace.hpp"

#include <algorithm>
#include <type_traits>

#include "autodiff/shaped/shaped_rules.hpp"
#include "autodiff/sweeps/sweep.hpp"

namespace adviz::shaped {
namespace {

std::vector<double> gather(const std::vector<std::int32_t>& ids, const std::vector<double>& perNode) {
    std::vector<double> out;
    out.reserve(ids.size());
    for (std::int32_t id : ids) out.push_back(perNode[static_cast<std::size_t>(id)]);
    return out;
}

// The value part and the tangent part of a number of either sweep (plain or forward-over-reverse).
double realPart(double x) { return x; }
double realPart(const Dual<double>& x) { return x.v; }
double tangentPart(double) { return 0; }
double tangentPart(const Dual<double>& x) { return x.d; }

// Sums of adjoints in either sweep (Dual has + but no +=).
[[maybe_unused]] Dual<double>& operator+=(Dual<double>& a, const Dual<double>& b) {
    a = a + b;
    return a;
}

template <class T>
std::vector<double> reals(const std::vector<T>& v) {
    std::vector<double> out;
    out.reserve(v.size());
    for (const T& x : v) out.push_back(realPart(x));
    return out;
}
template <class T>
std::vector<double> tangents(const std::vector<T>& v) {
    std::vector<double> out;
    out.reserve(v.size());
    for (const T& x : v) out.push_back(tangentPart(x));
    return out;
}
template <class T>
std::vector<T> gatherT(const std::vector<std::int32_t>& ids, const std::vector<T>& perNode) {
    std::vector<T> out;
    out.reserve(ids.size());
    for (std::int32_t id : ids) out.push_back(perNode[static_cast<std::size_t>(id)]);
    return out;
}

// The scalar reverse sweep's edge contributions, as they happen: v̄·∂v/∂u per edge v → u.
template <class T>
struct EdgeSink {
    static constexpr bool enabled = true;
    struct Edge {
        std::int32_t consumer, operand;
        T contribution;
    };
    std::vector<Edge>* edges;
    template <class... A> void primal(A&&...) {}
    template <class... A> void seed(A&&...) {}
    void adjoint(int u, int id, int, const T&, const T&, const T& before, const T& after) {
        edges->push_back({id, u, after - before});
    }
};

}  // namespace

std::string label(const ShapedGraph& sg, int id) {
    const Node& n = sg[id];
    if (!n.name.empty()) return n.name;
    if (n.kind == Kind::Scalar && n.elements.size() == 1) return "s" + subscript(id);
    return "u" + subscript(id);
}

ShapedTrace traceShapedForward(const Graph& g, std::span<const double> x,
                               std::span<const double> xdot) {
    ShapedTrace t;
    t.mode = Mode::Forward;
    std::vector<Dual<double>> node;
    forwardSweep<double>(g, x, xdot, node);
    std::vector<double> value(node.size()), tangent(node.size());
    for (std::size_t i = 0; i < node.size(); ++i) {
        value[i] = node[i].v;
        tangent[i] = node[i].d;
    }
    for (const Output& o : g.outputs) {
        t.outputs.push_back(value[static_cast<std::size_t>(o.node)]);
        t.result.push_back(tangent[static_cast<std::size_t>(o.node)]);
    }
    if (!g.shaped) return t;
    const ShapedGraph& sg = *g.shaped;
    for (int id = 0; id < sg.size(); ++id) {
        ShapedStep s;
        s.phase = Phase::Tangent;
        s.node = id;
        s.shape = sg[id].shape;
        s.value = gather(sg[id].elements, value);
        s.tangent = gather(sg[id].elements, tangent);
        s.rule = forwardRule(sg, id);
        t.steps.push_back(std::move(s));
    }
    return t;
}

namespace {

// A seed or adjoint step's numbers: before, what it adds, after (with their tangents when dual).
template <class T>
void record(ShapedStep& s, const std::vector<T>& before, const std::vector<T>& added, const std::vector<T>& after) {
    s.before = reals(before);
    s.contribution = reals(added);
    s.after = reals(after);
    if constexpr (!std::is_same_v<T, double>) {
        s.beforeTangent = tangents(before);
        s.contributionTangent = tangents(added);
        s.afterTangent = tangents(after);
    }
}

// Reverse mode (T = double) or forward-over-reverse (T = Dual<double>: every value and adjoint
// carries its tangent along the direction, and the inputs' adjoint tangents are H·v).
template <class T>
ShapedTrace reverseTrace(const Graph& g, std::span<const T> x, std::span<const T> ybar, Mode mode) {
    constexpr bool dual = !std::is_same_v<T, double>;
    ShapedTrace t;
    t.mode = mode;
    std::vector<T> value, adjoint;
    std::vector<typename EdgeSink<T>::Edge> edges;
    edges.reserve(g.edgeCount());  // one per operand use at most (none into constants)
    reverseSweep<T>(g, x, ybar, value, adjoint, EdgeSink<T>{&edges});
    for (const Output& o : g.outputs) t.outputs.push_back(realPart(value[static_cast<std::size_t>(o.node)]));
    for (int i = 0; i < g.inputs; ++i)
        t.result.push_back(dual ? tangentPart(adjoint[static_cast<std::size_t>(i)]) : realPart(adjoint[static_cast<std::size_t>(i)]));
    if (!g.shaped) return t;
    const ShapedGraph& sg = *g.shaped;

    for (int id = 0; id < sg.size(); ++id) {
        ShapedStep s;
        s.phase = Phase::Primal;
        s.node = id;
        s.shape = sg[id].shape;
        const std::vector<T> v = gatherT(sg[id].elements, value);
        s.value = reals(v);
        if (dual) s.valueTangent = tangents(v);
        t.steps.push_back(std::move(s));
    }
    // Which operation made each scalar node, to group the edges by the operation they leave.
    std::vector<std::int32_t> owner(static_cast<std::size_t>(g.size()), -1);
    for (int id = 0; id < sg.size(); ++id)
        for (std::int32_t v = sg[id].first; v < sg[id].end; ++v) owner[static_cast<std::size_t>(v)] = id;
    // The edges between shaped nodes, grouped by the operation they leave (a counting sort:
    // linear, where a hash map per operation cost a 10⁵-weight layer as much as its sweep).
    std::vector<std::size_t> begin(static_cast<std::size_t>(sg.size()) + 1, 0);
    const auto between = [&](const typename EdgeSink<T>::Edge& e) {
        const std::int32_t z = owner[static_cast<std::size_t>(e.consumer)];
        // Edges inside the operation (into its own intermediates) are not between shaped nodes.
        return z < 0 || owner[static_cast<std::size_t>(e.operand)] == z ? -1 : z;
    };
    for (const auto& e : edges)
        if (const std::int32_t z = between(e); z >= 0) ++begin[static_cast<std::size_t>(z) + 1];
    for (std::size_t z = 0; z < static_cast<std::size_t>(sg.size()); ++z) begin[z + 1] += begin[z];
    std::vector<std::size_t> grouped(begin.back()), next(begin.begin(), begin.end() - 1);
    for (std::size_t k = 0; k < edges.size(); ++k)
        if (const std::int32_t z = between(edges[k]); z >= 0) grouped[next[static_cast<std::size_t>(z)]++] = k;
    // Scratch per scalar node, zero (or -1) outside the operation being visited.
    std::vector<T> into(static_cast<std::size_t>(g.size()), T{}), through(static_cast<std::size_t>(g.size()), T{});
    std::vector<std::int64_t> position(static_cast<std::size_t>(g.size()), -1);
    std::vector<char> given(static_cast<std::size_t>(g.size()), 0);

    std::vector<std::vector<T>> acc(static_cast<std::size_t>(sg.size()));
    for (int id = 0; id < sg.size(); ++id) acc[static_cast<std::size_t>(id)].assign(sg[id].shape.size(), T{});
    for (std::size_t p = 0; p < sg.outputs.size(); ++p) {
        const Port& port = sg.outputs[p];
        if (port.node < 0) continue;
        ShapedStep s;
        s.phase = Phase::Seed;
        s.node = port.node;
        s.output = static_cast<int>(p);
        s.shape = port.shape;
        auto& a = acc[static_cast<std::size_t>(port.node)];
        const std::vector<T> before = a;
        std::vector<T> added;
        for (std::size_t k = 0; k < port.items.size(); ++k) {
            added.push_back(ybar[static_cast<std::size_t>(port.items[k])]);
            a[k] += added.back();
        }
        record(s, before, added, a);
        s.rule = bar(label(sg, port.node)) + " = ȳ";
        t.steps.push_back(std::move(s));
    }
    for (int z = sg.size() - 1; z >= 0; --z) {
        const Node& n = sg[z];
        const bool regroups = n.kind == Kind::Transpose || n.kind == Kind::Index || n.kind == Kind::Literal;
        const auto& zbar = acc[static_cast<std::size_t>(z)];
        // What the operation's scalar edges bring each operand element: Σ v̄·∂v/∂u over its
        // edges leaving this operation (in the sweep's order).
        const std::span<const std::size_t> mine(grouped.data() + begin[static_cast<std::size_t>(z)],
                                                grouped.data() + begin[static_cast<std::size_t>(z) + 1]);
        for (std::size_t k : mine) into[static_cast<std::size_t>(edges[k].operand)] += edges[k].contribution;
        // An element that is an operand's own node (the sum of one element, or a node shared
        // with an earlier operation) passes the adjoint straight through: no scalar edge.
        std::vector<std::int32_t> passed, givenTo;
        if (!regroups)
            for (std::size_t e = 0; e < n.elements.size(); ++e)
                if (const std::int32_t v = n.elements[e]; v < n.first || v >= n.end) {
                    through[static_cast<std::size_t>(v)] += zbar[e];
                    passed.push_back(v);
                }
        std::size_t offset = 0;  // Literal: where the item's elements start in z
        for (std::size_t slot = 0; slot < n.operands.size(); ++slot) {
            const int a = n.operands[slot];
            const auto& ea = sg[a].elements;
            // Constants receive no adjoint, as in the scalar sweep: nor does a matrix written
            // in numbers (every element a constant), nor its rows.
            if (std::all_of(ea.begin(), ea.end(), [&](std::int32_t e) { return g[e].op == Op::Const; })) continue;
            ShapedStep s;
            s.phase = Phase::Adjoint;
            s.node = a;
            s.consumer = z;
            s.slot = static_cast<int>(slot);
            s.shape = sg[a].shape;
            std::vector<T> added(ea.size(), T{});
            if (regroups) {
                // The adjoint goes back to the position each element was taken from (the first
                // position, if the operand holds a node twice).
                for (std::size_t k = ea.size(); k-- > 0;) position[static_cast<std::size_t>(ea[k])] = static_cast<std::int64_t>(k);
                const std::size_t from = n.kind == Kind::Literal ? offset : 0;
                const std::size_t to = n.kind == Kind::Literal ? offset + ea.size() : n.elements.size();
                for (std::size_t k = from; k < to; ++k)
                    if (const std::int64_t at = position[static_cast<std::size_t>(n.elements[k])]; at >= 0)
                        added[static_cast<std::size_t>(at)] += zbar[k];
                for (std::int32_t v : ea) position[static_cast<std::size_t>(v)] = -1;
                offset += ea.size();
            } else {
                // A repeated operand (x * x) gets both edges in its first slot.
                bool repeated = false;
                for (std::size_t o = 0; o < slot; ++o) repeated = repeated || n.operands[o] == a;
                if (repeated) continue;
                // A scalar node held twice (a literal [v[0], v[0]], or by two operands) gets its
                // edges' sum once, at its first place: the sum over places is the scalar sweep's.
                for (std::size_t k = 0; k < ea.size(); ++k) {
                    const auto v = static_cast<std::size_t>(ea[k]);
                    if (given[v]) continue;
                    given[v] = 1;
                    givenTo.push_back(ea[k]);
                    added[k] = into[v];
                    if (!passed.empty()) added[k] += through[v];
                }
            }
            auto& accA = acc[static_cast<std::size_t>(a)];
            const std::vector<T> before = accA;
            for (std::size_t k = 0; k < accA.size(); ++k) accA[k] += added[k];
            record(s, before, added, accA);
            s.rule = reverseRule(sg, z, static_cast<int>(slot));
            t.steps.push_back(std::move(s));
        }
        for (std::size_t k : mine) into[static_cast<std::size_t>(edges[k].operand)] = T{};
        for (std::int32_t v : passed) through[static_cast<std::size_t>(v)] = T{};
        for (std::int32_t v : givenTo) given[static_cast<std::size_t>(v)] = 0;
    }
    return t;
}

}  // namespace

ShapedTrace traceShapedReverse(const Graph& g, std::span<const double> x, std::span<const double> ybar) {
    return reverseTrace<double>(g, x, ybar, Mode::Reverse);
}

ShapedTrace traceShapedHvp(const Graph& g, std::span<const double> x, std::span<const double> xdot,
                           std::span<const double> ybar) {
    std::vector<Dual<double>> xs, seed;
    for (std::size_t i = 0; i < x.size(); ++i) xs.emplace_back(x[i], i < xdot.size() ? xdot[i] : 0.0);
    for (double y : ybar) seed.emplace_back(y, 0.0);
    return reverseTrace<Dual<double>>(g, xs, seed, Mode::ForwardOverReverse);
}

}  // namespace adviz::shaped
