#include "autodiff/shaped/shaped_trace.hpp"

#include <unordered_map>

#include "autodiff/shaped/shaped_rules.hpp"
#include "autodiff/sweep.hpp"

namespace adviz::shaped {
namespace {

std::vector<double> gather(const std::vector<std::int32_t>& ids, const std::vector<double>& perNode) {
    std::vector<double> out;
    out.reserve(ids.size());
    for (std::int32_t id : ids) out.push_back(perNode[static_cast<std::size_t>(id)]);
    return out;
}

// The scalar reverse sweep's edge contributions, as they happen: v̄·∂v/∂u per edge v → u.
struct EdgeSink {
    static constexpr bool enabled = true;
    struct Edge {
        std::int32_t consumer, operand;
        double contribution;
    };
    std::vector<Edge>* edges;
    template <class... A> void primal(A&&...) {}
    template <class... A> void seed(A&&...) {}
    void adjoint(int u, int id, int, double, double, double before, double after) {
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

ShapedTrace traceShapedReverse(const Graph& g, std::span<const double> x,
                               std::span<const double> ybar) {
    ShapedTrace t;
    t.mode = Mode::Reverse;
    std::vector<double> value, adjoint;
    std::vector<EdgeSink::Edge> edges;
    reverseSweep<double>(g, x, ybar, value, adjoint, EdgeSink{&edges});
    for (const Output& o : g.outputs) t.outputs.push_back(value[static_cast<std::size_t>(o.node)]);
    t.result.assign(adjoint.begin(), adjoint.begin() + g.inputs);
    if (!g.shaped) return t;
    const ShapedGraph& sg = *g.shaped;

    for (int id = 0; id < sg.size(); ++id) {
        ShapedStep s;
        s.phase = Phase::Primal;
        s.node = id;
        s.shape = sg[id].shape;
        s.value = gather(sg[id].elements, value);
        t.steps.push_back(std::move(s));
    }
    // Which operation made each scalar node, to group the edges by the operation they leave.
    std::vector<std::int32_t> owner(static_cast<std::size_t>(g.size()), -1);
    for (int id = 0; id < sg.size(); ++id)
        for (std::int32_t v = sg[id].first; v < sg[id].end; ++v) owner[static_cast<std::size_t>(v)] = id;
    std::vector<std::unordered_map<std::int32_t, double>> into(static_cast<std::size_t>(sg.size()));
    for (const EdgeSink::Edge& e : edges) {
        const std::int32_t z = owner[static_cast<std::size_t>(e.consumer)];
        // Edges inside the operation (into its own intermediates) are not between shaped nodes.
        if (z < 0 || owner[static_cast<std::size_t>(e.operand)] == z) continue;
        into[static_cast<std::size_t>(z)][e.operand] += e.contribution;
    }

    std::vector<std::vector<double>> acc(static_cast<std::size_t>(sg.size()));
    for (int id = 0; id < sg.size(); ++id) acc[static_cast<std::size_t>(id)].assign(sg[id].shape.size(), 0.0);
    for (std::size_t p = 0; p < sg.outputs.size(); ++p) {
        const Port& port = sg.outputs[p];
        if (port.node < 0) continue;
        ShapedStep s;
        s.phase = Phase::Seed;
        s.node = port.node;
        s.output = static_cast<int>(p);
        s.shape = port.shape;
        auto& a = acc[static_cast<std::size_t>(port.node)];
        s.before = a;
        for (std::size_t k = 0; k < port.items.size(); ++k) {
            s.contribution.push_back(ybar[static_cast<std::size_t>(port.items[k])]);
            a[k] += s.contribution.back();
        }
        s.after = a;
        s.rule = bar(label(sg, port.node)) + " = ȳ";
        t.steps.push_back(std::move(s));
    }
    for (int z = sg.size() - 1; z >= 0; --z) {
        const Node& n = sg[z];
        const bool regroups = n.kind == Kind::Transpose || n.kind == Kind::Index || n.kind == Kind::Literal;
        std::size_t offset = 0;  // Literal: where the item's elements start in z
        for (std::size_t slot = 0; slot < n.operands.size(); ++slot) {
            const int a = n.operands[slot];
            const auto& ea = sg[a].elements;
            // Constants receive no adjoint, as in the scalar sweep.
            if (sg[a].kind == Kind::Scalar && g[ea.front()].op == Op::Const) continue;
            ShapedStep s;
            s.phase = Phase::Adjoint;
            s.node = a;
            s.consumer = z;
            s.slot = static_cast<int>(slot);
            s.shape = sg[a].shape;
            s.contribution.assign(ea.size(), 0.0);
            if (regroups) {
                // The adjoint goes back to the position each element was taken from.
                const auto& zbar = acc[static_cast<std::size_t>(z)];
                std::unordered_map<std::int32_t, std::size_t> position;
                for (std::size_t k = 0; k < ea.size(); ++k) position.emplace(ea[k], k);
                const std::size_t from = n.kind == Kind::Literal ? offset : 0;
                const std::size_t to = n.kind == Kind::Literal ? offset + ea.size() : n.elements.size();
                for (std::size_t k = from; k < to; ++k)
                    if (auto it = position.find(n.elements[k]); it != position.end())
                        s.contribution[it->second] += zbar[k];
                offset += ea.size();
            } else {
                // A repeated operand (x * x) gets both edges in its first slot.
                bool repeated = false;
                for (std::size_t o = 0; o < slot; ++o) repeated = repeated || n.operands[o] == a;
                if (repeated) continue;
                const auto& sums = into[static_cast<std::size_t>(z)];
                for (std::size_t k = 0; k < ea.size(); ++k)
                    if (auto it = sums.find(ea[k]); it != sums.end()) s.contribution[k] = it->second;
                // An element that is the operand's own node (the sum of one element) passes
                // the adjoint straight through: there is no scalar edge to find.
                const auto& zbar = acc[static_cast<std::size_t>(z)];
                for (std::size_t k = 0; k < ea.size(); ++k)
                    for (std::size_t e = 0; e < n.elements.size(); ++e)
                        if (n.elements[e] == ea[k] && (ea[k] < n.first || ea[k] >= n.end))
                            s.contribution[k] += zbar[e];
            }
            auto& accA = acc[static_cast<std::size_t>(a)];
            s.before = accA;
            for (std::size_t k = 0; k < accA.size(); ++k) accA[k] += s.contribution[k];
            s.after = accA;
            s.rule = reverseRule(sg, z, static_cast<int>(slot));
            t.steps.push_back(std::move(s));
        }
    }
    return t;
}

}  // namespace adviz::shaped
