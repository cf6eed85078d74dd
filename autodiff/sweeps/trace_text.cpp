#include "autodiff/sweeps/trace_text.hpp"

#include "autodiff/dual.hpp"

namespace adviz::text {

// Combining marks put a dot (tangent) or a bar (adjoint) over the v of a Wengert name.
std::string dotted(const Graph& g, int id) {
    return "v\u0307" + subscript(g.wengertIndex(id));
}

std::string barred(const Graph& g, int id) {
    return "v\u0304" + subscript(g.wengertIndex(id));
}

bool needsParens(std::string_view s) { return s.find(' ') != std::string_view::npos; }

std::string operand(double x) {
    std::string s = formatShort(x);
    return s.starts_with("−") ? "(" + s + ")" : s;
}

std::string partialText(const Graph& g, int id, int slot) {
    const Node& nd = g[id];
    std::string a = g.wengertName(nd.a);
    std::string b = nd.b >= 0 ? g.wengertName(nd.b) : std::string{};
    return substitute(info(nd.op).partial[static_cast<std::size_t>(slot)], a, b,
                      g.wengertName(id));
}

std::string seedFormula(const Graph& g, int output, double before, double after, double seed) {
    const int node = g.outputs[static_cast<std::size_t>(output)].node;
    std::string ybar = g.outputCount() == 1
                           ? std::string("ȳ")
                           : "ȳ[" + g.outputs[static_cast<std::size_t>(output)].name + "]";
    std::string s = barred(g, node) + (before == 0 ? " = " : " += ") + ybar + " = " +
                    formatShort(seed);
    if (before != 0) s += ";  " + barred(g, node) + " = " + formatShort(after);
    return s;
}

std::string adjointFormula(const Graph& g, int u, int v, int slot, double partial, double vbar,
                           double before, double after) {
    // The contribution as the sweep added it (not after − before, which loses it to rounding
    // next to a large sum and turns ∞ − ∞ into nan).
    const double contribution = chainTerm(partial, vbar);
    std::string pt = partialText(g, v, slot);
    std::string s = barred(g, u) + " += " + barred(g, v) + "·∂" + g.wengertName(v) + "/∂" +
                    g.wengertName(u) + " = " + barred(g, v) + "·" +
                    (needsParens(pt) || pt.starts_with("−") ? "(" + pt + ")" : pt) + " = " +
                    formatShort(vbar) + "·" +
                    operand(partial) + " = " + formatShort(contribution);
    // A node with several consumers accumulates: show the running sum.
    if (before != 0)
        s += ";  " + barred(g, u) + " = " + formatShort(before) + " + " +
             operand(contribution) + " = " + formatShort(after);
    return s;
}

std::vector<NodeState> initialState(const Graph& g, Mode mode) {
    std::vector<NodeState> state(g.nodes.size());
    for (int id = 0; id < g.size(); ++id) {
        if (g[id].op != Op::Const) continue;
        NodeState& n = state[static_cast<std::size_t>(id)];
        n.value = g[id].constant;
        n.hasValue = true;
        if (mode != Mode::Reverse) { n.tangent = 0; n.hasTangent = true; }
        if (mode == Mode::ForwardOverReverse) { n.valueTangent = 0; n.hasValueTangent = true; }
    }
    return state;
}

void notePartials(const Graph& g, Trace& t, int id, double a, double b, double y) {
    const Node& nd = g[id];
    if (nd.op == Op::Input) return;
    auto& p = t.partials[static_cast<std::size_t>(id)];
    opPartials(nd.op, a, nd.b >= 0 ? b : a, y, p[0], p[1]);
    if (nd.arity() < 2) p[1] = unknown;
}

Step seedNumbers(const Graph& g, int output, double before, double after, double seed) {
    Step s;
    s.phase = Phase::Seed;
    s.output = output;
    s.node = g.outputs[static_cast<std::size_t>(output)].node;
    s.before = before;
    s.after = after;
    s.contribution = seed;
    return s;
}

Step seedStep(const Graph& g, int output, double before, double after, double seed) {
    Step s = seedNumbers(g, output, before, after, seed);
    s.formula = seedFormula(g, output, before, after, seed);
    return s;
}

Step adjointNumbers(int u, int v, int slot, double partial, double vbar, double before,
                    double after) {
    Step s;
    s.phase = Phase::Adjoint;
    s.node = u;
    s.consumer = v;
    s.slot = slot;
    s.partial = partial;
    s.before = before;
    s.after = after;
    s.contribution = chainTerm(partial, vbar);
    return s;
}

Step adjointStep(const Graph& g, int u, int v, int slot, double partial, double vbar,
                 double before, double after) {
    Step s = adjointNumbers(u, v, slot, partial, vbar, before, after);
    s.formula = adjointFormula(g, u, v, slot, partial, vbar, before, after);
    return s;
}

}  // namespace adviz::text
