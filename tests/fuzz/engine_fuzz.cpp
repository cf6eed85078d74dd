// libFuzzer target over the whole engine: the input is a program. It is parsed (a parse error
// is formatted as the command line would print it); a parsed program is printed as DOT and
// evaluated; a small one goes through every sweep, Jacobians both ways, H·v and the Hessian,
// every checkpoint strategy (schedules, sweeps and traces), every recorded trace replayed,
// symbolic differentiation with CSE and printing, finite differences and the backward graph.
// Any crash, sanitizer report, uncaught exception or broken invariant (abort) is a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/language/graph_dot.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/sweeps/backward_graph.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/hessian.hpp"
#include "autodiff/sweeps/jacobian.hpp"
#include "autodiff/sweeps/trace.hpp"
#include "autodiff/theory/finite_difference.hpp"
#include "autodiff/theory/function_slice.hpp"
#include "autodiff/theory/symbolic.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

using namespace adviz;

// Sizes that keep one run in milliseconds, so the fuzzer explores instead of waiting.
constexpr int smallGraph = 120;
constexpr int fewInputs = 6;
constexpr int fewOutputs = 3;

void replay(const Trace& t) {
    volatile std::size_t sink = 0;
    const auto mid = t.stateAt(t.size() / 2), end = t.stateAt(t.size());
    sink = sink + mid.size() + end.size();
}

void everything(const Graph& g, std::string_view data) {
    const fuzz::Point p = fuzz::pointFor(g, data);
    evaluateAt(g, p.x);
    jvp(g, p.x, p.xdot);
    vjp(g, p.x, p.ybar);
    for (int k = 0; k < g.outputCount(); ++k) gradient(g, p.x, k);
    jacobian(g, p.x, JacobianMethod::Auto);
    for (const Trace& t : jacobianTraces(g, p.x, Mode::Forward)) replay(t);
    for (const Trace& t : jacobianTraces(g, p.x, Mode::Reverse)) replay(t);
    hvp(g, p.x, p.xdot, p.ybar);
    hessianWithCost(g, p.x, p.ybar);
    replay(traceForward(g, p.x, p.xdot));
    replay(traceReverse(g, p.x, p.ybar));
    replay(traceHvp(g, p.x, p.xdot, p.ybar));
    for (const Strategy& s : fuzz::strategies()) {
        const auto ops = static_cast<int>(liveness(g).steps.size());
        checkpointSchedule(s, ops);
        limits::checkpointEvaluations(s, ops);
        checkpointedGradient(g, p.x, p.ybar, s, true);
        if (!limits::traceRefusal(g, Mode::Reverse, &s, true))
            replay(traceCheckpointed(g, p.x, p.ybar, s));
        if (ops > 0) liveAt(g, liveness(g), ops / 2);
    }
    const SymLimits small{20'000, 2e5};
    for (int k = 0; k < g.outputCount(); ++k) {
        const SymExpr grad = symbolicGradient(g, p.x, k, small);
        for (std::int32_t r : grad.roots) print(grad, r, 4096);
        treeSize(grad);
        dagSize(grad);
        treeSize(functionTree(g, k));
    }
    if (g.outputCount() > 0 && g.inputCount() > 0) {
        fdErrorSweep(g, p.x, p.xdot, 0, 1);
        forwardDifference(g, p.x, p.xdot, 1e-6, 0);
        centralDifference(g, p.x, p.xdot, 1e-6, 0);
        sliceAlong(g, p.x, 0, 0, -2.0, 2.0, 9);
        const BackwardGraph b = buildBackwardGraph(g, p.x, 0);
        evaluateAt(b.graph, p.x);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    ParseResult r = parse(source);
    if (!r.ok()) {
        formatDiagnostic(source, *r.error, "fuzz");
        return 0;
    }
    const Graph& g = r.graph;
    toDot(g);
    for (int id = 0; id < g.size(); ++id) g.definition(id);
    if (g.size() > smallGraph || g.inputCount() > fewInputs || g.outputCount() > fewOutputs) {
        evaluateAt(g, fuzz::pointFor(g, source).x);
        return 0;
    }
    everything(g, source);
    return 0;
}
