// The recorded forward-over-reverse sweep (traceHvp, declared in hessian.hpp): reverseSweep on
// Dual<double> with a recorder that writes both parts of every number into the steps, so the
// animation shows value, tangent, adjoint and the adjoint's tangent on each node.

#include "autodiff/sweeps/hessian.hpp"
#include "autodiff/sweeps/sweep.hpp"
#include "autodiff/sweeps/trace_text.hpp"

namespace adviz {
namespace {

using D = Dual<double>;

/// "(v̄₃)˙": the tangent of a node's adjoint.
std::string adjointDot(const Graph& g, int id) { return "(" + text::barred(g, id) + ")\u02D9"; }

/// The tangent half of an adjoint step. The contribution is v̄·p with p = ∂v/∂u, so by the
/// product rule its tangent is (v̄)˙·p + v̄·ṗ:
/// "(v̄₋₁)˙ += (v̄₂)˙·∂v₂/∂v₋₁ + v̄₂·(∂v₂/∂v₋₁)˙ = 0·0.5403 + 3·(−0.8415) = −2.524".
std::string adjointTangentFormula(const Graph& g, int u, int v, const D& partial, const D& vbar,
                                  const D& before, const D& after) {
    std::string dp = "∂" + g.wengertName(v) + "/∂" + g.wengertName(u);
    std::string s = adjointDot(g, u) + " += " + adjointDot(g, v) + "·" + dp + " + " +
                    text::barred(g, v) + "·(" + dp + ")\u02D9 = " + formatShort(vbar.d) + "·" +
                    text::operand(partial.v) + " + " + text::operand(vbar.v) + "·" +
                    text::operand(partial.d) + " = " + formatShort(after.d - before.d);
    if (before.d != 0)  // accumulating: show the running sum, as for the value part
        s += ";  " + adjointDot(g, u) + " = " + formatShort(before.d) + " + " +
             text::operand(after.d - before.d) + " = " + formatShort(after.d);
    return s;
}

/// Records a reverse sweep on dual numbers (see sweep.hpp for the recorder interface).
struct HvpRecorder {
    static constexpr bool enabled = true;
    const Graph& g;
    Trace& trace;

    // The forward pass: value and tangent of a node, ẏ = Σ ∂y/∂u·u̇ along the direction v.
    void primal(int id, const std::vector<D>& node) {
        const Node& nd = g[id];
        auto value = [&](int u) { return node[static_cast<std::size_t>(u)].v; };
        auto tangent = [&](int u) { return node[static_cast<std::size_t>(u)].d; };
        if (nd.op != Op::Input)
            text::notePartials(g, trace, id, value(nd.a), nd.b >= 0 ? value(nd.b) : value(nd.a),
                               value(id));
        Step s;
        s.phase = Phase::Primal;
        s.node = id;
        s.dual = true;
        s.value = value(id);
        s.valueTangent = tangent(id);
        s.valueFormula = text::valueFormula(g, id, value);
        s.formula =
            s.valueFormula + ";  " + text::tangentFormula(g, id, value, tangent, s.valueTangent);
        trace.add(std::move(s));
    }

    // ȳ is a constant: its tangent is 0.
    void seed(int output, const D& before, const D& after, const D& ybar) {
        Step s;
        s.phase = Phase::Seed;
        s.output = output;
        s.node = g.outputs[static_cast<std::size_t>(output)].node;
        s.dual = true;
        s.before = before.v;
        s.after = after.v;
        s.beforeTangent = before.d;
        s.afterTangent = after.d;
        s.contribution = ybar.v;
        s.formula = text::seedFormula(g, output, before.v, after.v, ybar.v) + ";  " +
                    adjointDot(g, s.node) + " = " + formatShort(after.d);
        trace.add(std::move(s));
    }

    void adjoint(int u, int v, int slot, const D& partial, const D& vbar, const D& before,
                 const D& after) {
        Step s;
        s.phase = Phase::Adjoint;
        s.node = u;
        s.consumer = v;
        s.slot = slot;
        s.dual = true;
        s.partial = partial.v;
        s.partialTangent = partial.d;
        s.before = before.v;
        s.after = after.v;
        s.beforeTangent = before.d;
        s.afterTangent = after.d;
        s.contribution = chainTerm(partial, vbar).v;
        s.formula = text::adjointFormula(g, u, v, slot, partial.v, vbar.v, before.v, after.v) +
                    ";  " + adjointTangentFormula(g, u, v, partial, vbar, before, after);
        trace.add(std::move(s));
    }
};

}  // namespace

Trace traceHvp(const Graph& g, std::span<const double> x, std::span<const double> v, int output) {
    std::vector<double> seed(g.outputs.size(), 0.0);
    if (output >= 0 && output < g.outputCount()) seed[static_cast<std::size_t>(output)] = 1.0;
    return traceHvp(g, x, v, std::span<const double>(seed));
}

Trace traceHvp(const Graph& g, std::span<const double> x, std::span<const double> v,
               std::span<const double> ybar, StepSink sink) {
    Trace t;
    t.sink = std::move(sink);
    t.mode = Mode::ForwardOverReverse;
    t.initial = text::initialState(g, t.mode);
    t.partials.assign(g.nodes.size(), {unknown, unknown});
    const auto n = static_cast<std::size_t>(g.inputCount());
    std::vector<D> xs(n), seed(ybar.begin(), ybar.end()), value, adjoint;
    for (std::size_t i = 0; i < n; ++i) xs[i] = D(x[i], v[i]);  // x + v·ε
    reverseSweep(g, std::span<const D>(xs), std::span<const D>(seed), value, adjoint,
                 HvpRecorder{g, t});
    std::vector<double> plain(value.size());
    for (std::size_t k = 0; k < value.size(); ++k) plain[k] = value[k].v;
    t.outputs = outputValues(g, plain);
    for (std::size_t i = 0; i < n; ++i) t.result.push_back(adjoint[i].d);  // H·v
    t.warnings = domainWarnings(g, plain);
    return t;
}

}  // namespace adviz
