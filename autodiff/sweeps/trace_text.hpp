#pragma once
// What the recorders of sweeps share (trace.cpp for forward and reverse mode, hvp_trace.cpp for
// forward-over-reverse): the formulas written for humans with the numbers filled in, the
// initial state of a trace and the table of local partials shown on edges.

#include <string>
#include <string_view>

#include "autodiff/graph.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/op_table.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::text {

/// "v̇₃": a node's tangent (a combining dot over the v of its Wengert name).
std::string dotted(const Graph& g, int id);
/// "v̄₃": a node's adjoint (a combining bar over the v).
std::string barred(const Graph& g, int id);
/// A number after an operator: "(−1)" for negatives, so "4.4·(−1)" and "−211.2 + (−4.4)"
/// never read as "4.4·−1".
std::string operand(double x);
/// True when s must be parenthesised as a factor ("1 + tan²(v₁)").
bool needsParens(std::string_view s);
/// The table's partial ∂node/∂operand(slot) written with the operands' Wengert names.
std::string partialText(const Graph& g, int id, int slot);

/// "v₃ = v₁·v₂ = 3·0.8415 = 2.524" (inputs: "v₋₁ = x = 1"); value(u) is node u's value.
template <class ValueOf>
std::string valueFormula(const Graph& g, int id, ValueOf value) {
    const Node& nd = g[id];
    std::string lhs = g.wengertName(id) + " = ";
    std::string y = formatShort(value(id));
    if (nd.op == Op::Input) return lhs + std::string(g.nameOf(id)) + " = " + y;
    auto num = [&](int u) {
        return g[u].op == Op::Const ? g.wengertName(u) : formatShort(value(u));
    };
    std::string symbolic = g.definition(id);
    std::string numeric = substitute(info(nd.op).pattern, num(nd.a), nd.b >= 0 ? num(nd.b) : "");
    return lhs + symbolic + " = " + numeric + " = " + y;
}

/// "v̇₃ = v₂·v̇₁ + v₁·v̇₂ = 0.8415·1 + 3·0.5403 = 2.462" (inputs: "v̇₋₁ = ẋ = 1"): the forward
/// chain rule ẏ = Σ ∂y/∂u·u̇ over non-constant operands; result is ẏ.
template <class ValueOf, class TangentOf>
std::string tangentFormula(const Graph& g, int id, ValueOf value, TangentOf tangent,
                           double result) {
    const Node& nd = g[id];
    std::string lhs = dotted(g, id) + " = ";
    std::string res = formatShort(result);
    if (nd.op == Op::Input) return lhs + std::string(g.nameOf(id)) + "\u0307 = " + res;
    double p[2];
    const double a = value(nd.a);
    const double b = nd.b >= 0 ? value(nd.b) : a;
    opPartials(nd.op, a, b, value(id), p[0], p[1]);
    std::string symbolic, numeric;
    for (int slot = 0; slot < nd.arity(); ++slot) {
        int u = nd.operand(slot);
        if (g[u].op == Op::Const) continue;  // constants have no tangent
        std::string pt = partialText(g, id, slot);
        if (!symbolic.empty()) { symbolic += " + "; numeric += " + "; }
        if (pt == "1") symbolic += dotted(g, u);
        else if (pt == "−1") symbolic += "−" + dotted(g, u);
        else symbolic += (needsParens(pt) ? "(" + pt + ")" : pt) + "·" + dotted(g, u);
        numeric += (numeric.empty() ? formatShort(p[slot]) : operand(p[slot])) + "·" +
                   operand(tangent(u));
    }
    if (symbolic.empty()) symbolic = numeric = "0";
    return lhs + symbolic + " = " + numeric + " = " + res;
}

/// "v̄₃ = ȳ = 1" (or "+= …;  v̄₃ = …" when the output's adjoint already held something).
std::string seedFormula(const Graph& g, int output, double before, double after, double seed);

/// "v̄₋₁ += v̄₂·∂v₂/∂v₋₁ = v̄₂·cos(v₋₁) = 3·0.5403 = 1.621", with the running sum appended when
/// the adjoint already held a contribution: the edge u → v of operand slot.
std::string adjointFormula(const Graph& g, int u, int v, int slot, double partial, double vbar,
                           double before, double after);

/// The seed step of output `output` (adjoint before and after), its numbers only.
Step seedNumbers(const Graph& g, int output, double before, double after, double seed);
/// The same with its formula written.
Step seedStep(const Graph& g, int output, double before, double after, double seed);

/// The adjoint step along edge u → v (operand slot of v), ū += v̄·∂v/∂u: its numbers only.
Step adjointNumbers(int u, int v, int slot, double partial, double vbar, double before,
                    double after);
/// The same with its formula written.
Step adjointStep(const Graph& g, int u, int v, int slot, double partial, double vbar,
                 double before, double after);

/// Before the first step: constants have their value (and, in the modes that carry tangents,
/// tangent 0); nothing else is known.
std::vector<NodeState> initialState(const Graph& g, Mode mode);

/// Stores node id's local partials at operand values a, b and value y into t.partials.
void notePartials(const Graph& g, Trace& t, int id, double a, double b, double y);

}  // namespace adviz::text
