#include "autodiff/sweeps/trace.hpp"

#include "autodiff/sweeps/sweep.hpp"
#include "autodiff/sweeps/trace_text.hpp"

namespace adviz {

std::string_view phaseName(Phase p) {
    switch (p) {
        case Phase::Primal: return "primal";
        case Phase::Tangent: return "tangent";
        case Phase::Seed: return "seed";
        case Phase::Adjoint: return "adjoint";
        case Phase::Checkpoint: return "checkpoint";
        case Phase::Free: return "free";
        case Phase::Recompute: return "recompute";
    }
    return "?";
}

std::string_view modeName(Mode m) {
    switch (m) {
        case Mode::Forward: return "forward";
        case Mode::Reverse: return "reverse";
        case Mode::ForwardOverReverse: return "forward-over-reverse";
    }
    return "?";
}

void Trace::apply(const Step& s, std::vector<NodeState>& state) {
    applyTo(s, state[static_cast<std::size_t>(s.node)]);
}

void Trace::applyTo(const Step& s, NodeState& n) {
    switch (s.phase) {
        case Phase::Primal:
            n.value = s.value; n.hasValue = true; n.memory = Memory::Stored;
            if (s.dual) {  // forward-over-reverse: the value's tangent comes with it
                n.valueTangent = n.tangent = s.valueTangent;
                n.hasValueTangent = n.hasTangent = true;
            }
            break;
        case Phase::Tangent:
            n.value = s.value; n.hasValue = true;
            n.tangent = s.after; n.hasTangent = true;
            break;
        case Phase::Seed:
        case Phase::Adjoint:
            n.adjoint = s.after; n.hasAdjoint = true;
            if (s.dual) { n.adjointTangent = s.afterTangent; n.hasAdjointTangent = true; }
            break;
        case Phase::Checkpoint: n.memory = Memory::Checkpoint; break;
        case Phase::Free: n.memory = Memory::Freed; break;  // the value stays known
        case Phase::Recompute:
            n.value = s.value; n.hasValue = true; n.memory = Memory::Stored;
            break;
    }
}

std::vector<NodeState> Trace::stateAt(std::size_t k) const {
    std::vector<NodeState> state = initial;
    for (std::size_t i = 0; i < k && i < steps.size(); ++i) apply(steps[i], state);
    return state;
}

namespace {

/// Forward mode and reverse mode both record through this policy (see sweep.hpp). Steps kept
/// in memory get their numbers only (formulaOf writes their text when a viewer asks); streamed
/// steps get their text here, since the sink sees each step once, before the sweep ends.
struct TraceRecorder {
    static constexpr bool enabled = true;
    const Graph& g;
    Trace& trace;
    const bool writeText = static_cast<bool>(trace.sink);

    // Reverse mode's forward pass.
    void primal(int id, const std::vector<double>& value) {
        const Node& nd = g[id];
        if (nd.op != Op::Input)
            text::notePartials(g, trace, id, value[static_cast<std::size_t>(nd.a)],
                               nd.b >= 0 ? value[static_cast<std::size_t>(nd.b)] : 0.0,
                               value[static_cast<std::size_t>(id)]);
        Step s;
        s.phase = Phase::Primal;
        s.node = id;
        s.value = value[static_cast<std::size_t>(id)];
        if (writeText) {
            s.valueFormula = text::valueFormula(
                g, id, [&](int u) { return value[static_cast<std::size_t>(u)]; });
            s.formula = s.valueFormula;
        }
        trace.add(std::move(s));
    }

    // Forward mode: value and tangent of one node. ẏ = Σ ∂y/∂u · u̇ over non-constant operands.
    void tangent(int id, const std::vector<Dual<double>>& node) {
        const Node& nd = g[id];
        auto value = [&](int u) { return node[static_cast<std::size_t>(u)].v; };
        auto tangentOf = [&](int u) { return node[static_cast<std::size_t>(u)].d; };
        Step s;
        s.phase = Phase::Tangent;
        s.node = id;
        s.value = node[static_cast<std::size_t>(id)].v;
        s.after = node[static_cast<std::size_t>(id)].d;
        if (nd.op != Op::Input)
            text::notePartials(g, trace, id, value(nd.a), nd.b >= 0 ? value(nd.b) : value(nd.a),
                               s.value);
        if (writeText) {
            s.valueFormula = text::valueFormula(g, id, value);
            s.formula = text::tangentFormula(g, id, value, tangentOf, s.after);
        }
        trace.add(std::move(s));
    }

    void seed(int output, double before, double after, double ybar) {
        trace.add(writeText ? text::seedStep(g, output, before, after, ybar)
                       : text::seedNumbers(g, output, before, after, ybar));
    }

    void adjoint(int u, int v, int slot, double partial, double vbar, double before, double after) {
        trace.add(writeText ? text::adjointStep(g, u, v, slot, partial, vbar, before, after)
                       : text::adjointNumbers(u, v, slot, partial, vbar, before, after));
    }
};

// The steps a forward or reverse trace of g records: one per input and operation, and in
// reverse mode one seed per output and one step per edge between non-constant nodes. Kept
// steps are reserved at once: growing a vector of 500,000 steps copied it several times over.
std::size_t stepCount(const Graph& g, Mode mode) {
    std::size_t n = 0;
    for (int id = 0; id < g.size(); ++id) {
        const Node& nd = g[id];
        if (nd.op == Op::Const) continue;
        ++n;
        if (mode == Mode::Reverse && nd.op != Op::Input)
            for (int slot = 0; slot < nd.arity(); ++slot) n += g[nd.operand(slot)].op != Op::Const;
    }
    return mode == Mode::Reverse ? n + g.outputs.size() : n;
}

// Whether t holds the per-node numbers formulaOf reads for graph g.
bool hasNumbers(const Graph& g, const std::vector<double>& numbers) {
    return numbers.size() == g.nodes.size();
}

}  // namespace

std::string formulaOf(const Graph& g, const Trace& t, const Step& s) {
    if (!s.formula.empty() || s.node < 0 || s.node >= g.size()) return s.formula;
    auto value = [&](int u) { return t.values[static_cast<std::size_t>(u)]; };
    auto tangentOf = [&](int u) { return t.tangents[static_cast<std::size_t>(u)]; };
    switch (s.phase) {
        case Phase::Primal:
            return hasNumbers(g, t.values) ? text::valueFormula(g, s.node, value) : std::string{};
        case Phase::Tangent:
            return hasNumbers(g, t.values) && hasNumbers(g, t.tangents)
                       ? text::tangentFormula(g, s.node, value, tangentOf, s.after)
                       : std::string{};
        case Phase::Seed:
            if (s.output < 0 || s.output >= g.outputCount()) return {};
            return text::seedFormula(g, s.output, s.before, s.after, s.contribution);
        case Phase::Adjoint:
            // v̄ is the consumer's adjoint, final by the time the sweep reached it.
            if (!hasNumbers(g, t.adjoints) || s.consumer < 0 || s.consumer >= g.size()) return {};
            return text::adjointFormula(g, s.node, s.consumer, s.slot, s.partial,
                                        t.adjoints[static_cast<std::size_t>(s.consumer)],
                                        s.before, s.after);
        case Phase::Checkpoint:
        case Phase::Free:
        case Phase::Recompute: break;  // their recorder writes the text
    }
    return {};
}

std::string valueFormulaOf(const Graph& g, const Trace& t, const Step& s) {
    if (!s.valueFormula.empty() || s.node < 0 || s.node >= g.size() ||
        (s.phase != Phase::Primal && s.phase != Phase::Tangent) || !hasNumbers(g, t.values))
        return s.valueFormula;
    return text::valueFormula(g, s.node, [&](int u) { return t.values[static_cast<std::size_t>(u)]; });
}

std::string partialFormula(const Graph& g, int id, int slot) {
    return "∂" + g.wengertName(id) + "/∂" + g.wengertName(g[id].operand(slot)) + " = " +
           text::partialText(g, id, slot);
}

Trace traceForward(const Graph& g, std::span<const double> x, std::span<const double> xdot,
                   StepSink sink) {
    Trace t;
    t.sink = std::move(sink);
    t.mode = Mode::Forward;
    if (!t.sink) t.steps.reserve(stepCount(g, t.mode));
    t.initial = text::initialState(g, t.mode);
    t.partials.assign(g.nodes.size(), {unknown, unknown});
    std::vector<Dual<double>> node;
    forwardSweep(g, x, xdot, node, TraceRecorder{g, t});
    std::vector<double> value(node.size());
    std::vector<double> tangent(node.size());
    for (std::size_t i = 0; i < node.size(); ++i) value[i] = node[i].v, tangent[i] = node[i].d;
    t.outputs = outputValues(g, value);
    for (const Output& o : g.outputs) t.result.push_back(node[static_cast<std::size_t>(o.node)].d);
    t.warnings = domainWarnings(g, value);
    t.values = std::move(value);
    t.tangents = std::move(tangent);
    return t;
}

Trace traceReverse(const Graph& g, std::span<const double> x, std::span<const double> ybar,
                   StepSink sink) {
    Trace t;
    t.sink = std::move(sink);
    t.mode = Mode::Reverse;
    if (!t.sink) t.steps.reserve(stepCount(g, t.mode));
    t.initial = text::initialState(g, t.mode);
    t.partials.assign(g.nodes.size(), {unknown, unknown});
    std::vector<double> value, adjoint;
    reverseSweep(g, x, ybar, value, adjoint, TraceRecorder{g, t});
    t.outputs = outputValues(g, value);
    t.result.assign(adjoint.begin(), adjoint.begin() + g.inputs);
    t.warnings = domainWarnings(g, value);
    t.values = std::move(value);
    t.adjoints = std::move(adjoint);
    return t;
}

}  // namespace adviz
