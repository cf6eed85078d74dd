#include "autodiff/limits.hpp"

#include <algorithm>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/checkpoint/revolve.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::limits {

std::string grouped(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

namespace {

int operationsOf(const Graph& g) {
    int t = 0;
    for (const Node& nd : g.nodes) t += nd.op != Op::Const && nd.op != Op::Input;
    return t;
}

// Edges along which reverse mode sends an adjoint: operands that are not constants.
long long adjointEdges(const Graph& g) {
    long long e = 0;
    for (const Node& nd : g.nodes) {
        if (nd.op == Op::Const || nd.op == Op::Input) continue;
        for (int slot = 0; slot < nd.arity(); ++slot) e += g[nd.operand(slot)].op != Op::Const;
    }
    return e;
}

}  // namespace

// every:K on T steps (K ≤ T), m = ⌈T/K⌉ segments: the first m − 1 segments are advanced over
// once and recomputed once, the last one evaluated once: T + (m − 1)·K. Binomial: T plus
// Revolve's advances t(T, S) (revolve.hpp). Store-all: T.
long long checkpointEvaluations(const Strategy& s, int operations) {
    const long long t = operations;
    if (t <= 0) return 0;
    switch (s.kind) {
        case Strategy::StoreAll: return t;
        case Strategy::Every: {
            const long long k = std::min<long long>(s.segmentLength(operations), t);
            const long long m = (t + k - 1) / k;
            return t + (m - 1) * k;
        }
        case Strategy::Binomial: return t + revolveAdvances(t, s.snapshots);
    }
    return t;
}

long long traceStepsAtLeast(const Graph& g, Mode m, const Strategy* strategy) {
    const long long inputs = g.inputCount(), ops = operationsOf(g);
    const long long outputs = g.outputCount();
    if (m == Mode::Forward) return inputs + ops;
    const long long forward =
        strategy ? inputs + checkpointEvaluations(*strategy, static_cast<int>(ops)) : inputs + ops;
    return forward + outputs + adjointEdges(g);
}

std::optional<std::string> checkpointRefusal(const Graph& g, const Strategy& s) {
    const int ops = operationsOf(g);
    const long long evaluations = checkpointEvaluations(s, ops);
    if (evaluations <= maxSweepEvaluations) return std::nullopt;
    return s.name() + " on " + grouped(ops) + " operations would evaluate " +
           grouped(evaluations) + " operations, more than the limit of " +
           grouped(maxSweepEvaluations) + " for one sweep; use more snapshots (binomial:S with a " +
           "larger S) or sqrt";
}

std::optional<std::string> traceRefusal(const Graph& g, Mode m, const Strategy* strategy,
                                        bool stepsInMemory) {
    if (strategy)
        if (auto why = checkpointRefusal(g, *strategy)) return why;
    if (!stepsInMemory) return std::nullopt;
    const long long steps = traceStepsAtLeast(g, m, strategy);
    if (steps <= maxTraceSteps) return std::nullopt;
    std::string what = "the trace would record at least " + grouped(steps) +
                       " steps, more than the limit of " + grouped(maxTraceSteps) +
                       " held in memory; ";
    if (strategy && strategy->kind == Strategy::Binomial)
        what += "use more snapshots (binomial:S with a larger S), ";
    return what + "stream it with `adviz trace --format csv`, or use vjp or checkpoint for the "
                  "numbers alone";
}

std::optional<std::string> sweepsRefusal(const Graph& g, long long sweeps, long long entries,
                                         const std::string& what, const std::string& instead) {
    // Sweeps and nodes are each below 2³¹: their product fits.
    const long long work = sweeps * static_cast<long long>(g.size());
    if (entries > maxMatrixEntries)
        return what + " has " + grouped(entries) + " entries, more than the limit of " +
               grouped(maxMatrixEntries) + "; " + instead;
    if (work <= maxSweepEvaluations) return std::nullopt;
    return what + " takes " + grouped(sweeps) + " sweeps over " + grouped(g.size()) +
           " nodes, more than the limit of " + grouped(maxSweepEvaluations) +
           " evaluations; " + instead;
}

std::optional<std::string> drawingRefusal(long long boxes) {
    if (boxes <= maxDrawnNodes) return std::nullopt;
    return "the graph has " + grouped(boxes) + " boxes to draw; the window draws up to " +
           grouped(maxDrawnNodes) + " (use the command line, which works at any size: eval, vjp, " +
           "trace --format csv, dot)";
}

}  // namespace adviz::limits
