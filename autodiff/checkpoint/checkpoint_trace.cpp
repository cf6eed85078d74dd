// traceCheckpointed: the checkpointed sweep of checkpoint_sweep.hpp with a recorder that writes
// the steps a student sees, the seed and adjoint steps worded as traceReverse words them.

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/checkpoint/checkpoint_sweep.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/sweeps/trace_text.hpp"

namespace adviz {

namespace {

struct CheckpointTraceRecorder {
    static constexpr bool enabled = true;
    const Graph& g;
    Trace& trace;

    // A value computed: the first time (Primal) or again from a snapshot (Recompute).
    void computed(Phase phase, int id, const double* value) {
        const Node& nd = g[id];
        auto valueOf = [&](int u) { return value[static_cast<std::size_t>(u)]; };
        if (phase == Phase::Primal && nd.op != Op::Input)
            text::notePartials(g, trace, id, valueOf(nd.a), nd.b >= 0 ? valueOf(nd.b) : 0.0,
                               valueOf(id));
        Step s;
        s.phase = phase;
        s.node = id;
        s.value = valueOf(id);
        s.valueFormula = text::valueFormula(g, id, valueOf);
        s.formula = phase == Phase::Recompute ? "recompute " + s.valueFormula : s.valueFormula;
        trace.add(std::move(s));
    }

    void primal(int id, const double* value) { computed(Phase::Primal, id, value); }
    void recompute(int id, const double* value) {
        computed(Phase::Recompute, id, value);
    }

    // "checkpoint v₃ = 0.4794 (to restart at v₇)": kept for the forward run from boundary next.
    void checkpoint(int id, double value, int next) {
        Step s;
        s.phase = Phase::Checkpoint;
        s.node = id;
        s.value = value;
        s.formula = "checkpoint " + g.wengertName(id) + " = " + formatShort(value);
        if (next >= 0) s.formula += " (to restart at " + g.wengertName(next) + ")";
        trace.add(std::move(s));
    }

    void free(int id) {
        Step s;
        s.phase = Phase::Free;
        s.node = id;
        s.formula = "free " + g.wengertName(id);
        trace.add(std::move(s));
    }

    void seed(int output, double before, double after, double ybar) {
        trace.add(text::seedStep(g, output, before, after, ybar));
    }

    void adjoint(int u, int v, int slot, double partial, double vbar, double before, double after) {
        trace.add(text::adjointStep(g, u, v, slot, partial, vbar, before, after));
    }
};

}  // namespace

Trace traceCheckpointed(const Graph& g, std::span<const double> x,
                        std::span<const double> ybar, const Strategy& strategy,
                        StepSink sink) {
    Trace t;
    t.sink = std::move(sink);
    t.mode = Mode::Reverse;
    t.initial = text::initialState(g, t.mode);
    t.partials.assign(g.nodes.size(), {unknown, unknown});
    CheckpointTraceRecorder rec{g, t};
    const Liveness live = liveness(g);
    CheckpointSweep<CheckpointTraceRecorder> sweep(g, live, x, ybar, rec, false);
    StrategySchedule schedule(strategy, sweep.operations());
    CheckpointResult r = sweep.run(schedule);
    t.outputs = std::move(r.outputs);
    t.result = std::move(r.gradient);
    t.warnings = std::move(r.warnings);
    return t;
}

}  // namespace adviz
