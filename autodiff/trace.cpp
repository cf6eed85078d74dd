#include "autodiff/trace.hpp"

#include "autodiff/number_format.hpp"
#include "autodiff/sweep.hpp"

namespace adviz {

std::string_view phaseName(Phase p) {
    switch (p) {
        case Phase::Primal: return "primal";
        case Phase::Tangent: return "tangent";
        case Phase::Seed: return "seed";
        case Phase::Adjoint: return "adjoint";
    }
    return "?";
}

std::string_view modeName(Mode m) { return m == Mode::Forward ? "forward" : "reverse"; }

void Trace::apply(const Step& s, std::vector<NodeState>& state) {
    NodeState& n = state[static_cast<std::size_t>(s.node)];
    switch (s.phase) {
        case Phase::Primal: n.value = s.value; n.hasValue = true; break;
        case Phase::Tangent:
            n.value = s.value; n.hasValue = true;
            n.tangent = s.after; n.hasTangent = true;
            break;
        case Phase::Seed:
        case Phase::Adjoint: n.adjoint = s.after; n.hasAdjoint = true; break;
    }
}

std::vector<NodeState> Trace::stateAt(std::size_t k) const {
    std::vector<NodeState> state = initial;
    for (std::size_t i = 0; i < k && i < steps.size(); ++i) apply(steps[i], state);
    return state;
}

namespace {

// Combining marks put a dot (tangent) or a bar (adjoint) over the v of a Wengert name.
std::string dotted(const Graph& g, int id) {
    return "v\u0307" + subscript(g.wengertIndex(id));
}
std::string barred(const Graph& g, int id) {
    return "v\u0304" + subscript(g.wengertIndex(id));
}

bool needsParens(std::string_view s) { return s.find(' ') != std::string_view::npos; }

/// The table's partial ∂node/∂operand(slot) written with the operands' Wengert names.
std::string partialText(const Graph& g, int id, int slot) {
    const Node& nd = g[id];
    std::string a = g.wengertName(nd.a);
    std::string b = nd.b >= 0 ? g.wengertName(nd.b) : std::string{};
    return substitute(info(nd.op).partial[static_cast<std::size_t>(slot)], a, b,
                      g.wengertName(id));
}

/// "v₃ = v₁·v₂ = 3·0.8415 = 2.524" (inputs: "v₋₁ = x = 1").
template <class ValueOf>
std::string valueFormula(const Graph& g, int id, ValueOf value) {
    const Node& nd = g[id];
    std::string lhs = g.wengertName(id) + " = ";
    std::string y = formatShort(value(id));
    if (nd.op == Op::Input) return lhs + std::string(g.nameOf(id)) + " = " + y;
    auto num = [&](int u) { return g[u].op == Op::Const ? g.wengertName(u) : formatShort(value(u)); };
    std::string symbolic = g.definition(id);
    std::string numeric = substitute(info(nd.op).pattern, num(nd.a), nd.b >= 0 ? num(nd.b) : "");
    return lhs + symbolic + " = " + numeric + " = " + y;
}

/// Forward mode and reverse mode both record through this policy (see sweep.hpp).
struct TraceRecorder {
    static constexpr bool enabled = true;
    const Graph& g;
    Trace& trace;

    void notePartials(int id, double a, double b, double y) {
        const Node& nd = g[id];
        if (nd.op == Op::Input) return;
        auto& p = trace.partials[static_cast<std::size_t>(id)];
        opPartials(nd.op, a, nd.b >= 0 ? b : a, y, p[0], p[1]);
        if (nd.arity() < 2) p[1] = unknown;
    }

    // Reverse mode's forward pass.
    void primal(int id, const std::vector<double>& value) {
        const Node& nd = g[id];
        if (nd.op != Op::Input)
            notePartials(id, value[static_cast<std::size_t>(nd.a)],
                         nd.b >= 0 ? value[static_cast<std::size_t>(nd.b)] : 0.0,
                         value[static_cast<std::size_t>(id)]);
        Step s;
        s.phase = Phase::Primal;
        s.node = id;
        s.value = value[static_cast<std::size_t>(id)];
        s.valueFormula = valueFormula(g, id, [&](int u) { return value[static_cast<std::size_t>(u)]; });
        s.formula = s.valueFormula;
        trace.steps.push_back(std::move(s));
    }

    // Forward mode: value and tangent of one node. ẏ = Σ ∂y/∂u · u̇ over non-constant operands.
    void tangent(int id, const std::vector<Dual<double>>& node) {
        const Node& nd = g[id];
        auto value = [&](int u) { return node[static_cast<std::size_t>(u)].v; };
        Step s;
        s.phase = Phase::Tangent;
        s.node = id;
        s.value = node[static_cast<std::size_t>(id)].v;
        s.after = node[static_cast<std::size_t>(id)].d;
        s.valueFormula = valueFormula(g, id, value);
        std::string lhs = dotted(g, id) + " = ";
        std::string result = formatShort(s.after);
        if (nd.op == Op::Input) {
            s.formula = lhs + std::string(g.nameOf(id)) + "\u0307 = " + result;
        } else {
            double p[2];
            const double a = value(nd.a);
            const double b = nd.b >= 0 ? value(nd.b) : a;
            opPartials(nd.op, a, b, s.value, p[0], p[1]);
            notePartials(id, a, b, s.value);
            std::string symbolic, numeric;
            for (int slot = 0; slot < nd.arity(); ++slot) {
                int u = nd.operand(slot);
                if (g[u].op == Op::Const) continue;  // constants have no tangent
                std::string pt = partialText(g, id, slot);
                if (!symbolic.empty()) { symbolic += " + "; numeric += " + "; }
                if (pt == "1") symbolic += dotted(g, u);
                else if (pt == "−1") symbolic += "−" + dotted(g, u);
                else symbolic += (needsParens(pt) ? "(" + pt + ")" : pt) + "·" + dotted(g, u);
                numeric += formatShort(p[slot]) + "·" + formatShort(node[static_cast<std::size_t>(u)].d);
            }
            if (symbolic.empty()) symbolic = numeric = "0";
            s.formula = lhs + symbolic + " = " + numeric + " = " + result;
        }
        trace.steps.push_back(std::move(s));
    }

    void seed(int output, double before, double after) {
        Step s;
        s.phase = Phase::Seed;
        s.output = output;
        s.node = g.outputs[static_cast<std::size_t>(output)].node;
        s.before = before;
        s.after = after;
        std::string ybar = g.outputCount() == 1 ? std::string("ȳ")
                                                : "ȳ[" + g.outputs[static_cast<std::size_t>(output)].name + "]";
        s.formula = barred(g, s.node) + (before == 0 ? " = " : " += ") + ybar + " = " +
                    formatShort(after - before);
        if (before != 0) s.formula += ";  " + barred(g, s.node) + " = " + formatShort(after);
        trace.steps.push_back(std::move(s));
    }

    void adjoint(int u, int v, int slot, double partial, double vbar, double before, double after) {
        Step s;
        s.phase = Phase::Adjoint;
        s.node = u;
        s.consumer = v;
        s.slot = slot;
        s.partial = partial;
        s.before = before;
        s.after = after;
        std::string pt = partialText(g, v, slot);
        s.formula = barred(g, u) + " += " + barred(g, v) + "·∂" + g.wengertName(v) + "/∂" +
                    g.wengertName(u) + " = " + barred(g, v) + "·" +
                    (needsParens(pt) ? "(" + pt + ")" : pt) + " = " + formatShort(vbar) + "·" +
                    formatShort(partial) + " = " + formatShort(after - before);
        // A node with several consumers accumulates: show the running sum.
        if (before != 0)
            s.formula += ";  " + barred(g, u) + " = " + formatShort(before) + " + " +
                         formatShort(after - before) + " = " + formatShort(after);
        trace.steps.push_back(std::move(s));
    }
};

std::vector<NodeState> initialState(const Graph& g, Mode mode) {
    std::vector<NodeState> state(g.nodes.size());
    for (int id = 0; id < g.size(); ++id) {
        if (g[id].op != Op::Const) continue;
        NodeState& n = state[static_cast<std::size_t>(id)];
        n.value = g[id].constant;
        n.hasValue = true;
        if (mode == Mode::Forward) { n.tangent = 0; n.hasTangent = true; }
    }
    return state;
}

}  // namespace

std::string partialFormula(const Graph& g, int id, int slot) {
    return "∂" + g.wengertName(id) + "/∂" + g.wengertName(g[id].operand(slot)) + " = " +
           partialText(g, id, slot);
}

Trace traceForward(const Graph& g, std::span<const double> x, std::span<const double> xdot) {
    Trace t;
    t.mode = Mode::Forward;
    t.initial = initialState(g, t.mode);
    t.partials.assign(g.nodes.size(), {unknown, unknown});
    std::vector<Dual<double>> node;
    forwardSweep(g, x, xdot, node, TraceRecorder{g, t});
    std::vector<double> value(node.size());
    for (std::size_t i = 0; i < node.size(); ++i) value[i] = node[i].v;
    t.outputs = outputValues(g, value);
    for (const Output& o : g.outputs) t.result.push_back(node[static_cast<std::size_t>(o.node)].d);
    t.warnings = domainWarnings(g, value);
    return t;
}

Trace traceReverse(const Graph& g, std::span<const double> x, std::span<const double> ybar) {
    Trace t;
    t.mode = Mode::Reverse;
    t.initial = initialState(g, t.mode);
    t.partials.assign(g.nodes.size(), {unknown, unknown});
    std::vector<double> value, adjoint;
    reverseSweep(g, x, ybar, value, adjoint, TraceRecorder{g, t});
    t.outputs = outputValues(g, value);
    t.result.assign(adjoint.begin(), adjoint.begin() + g.inputs);
    t.warnings = domainWarnings(g, value);
    return t;
}

}  // namespace adviz
