// libFuzzer target for vectors and matrices: the input is a program. A parsed program with
// shapes must have a consistent shaped graph (element ids inside the scalar graph, one per
// element of the shape, operands made before their users, ports covering the inputs and outputs
// in order), and its shaped traces must be well formed and agree with the scalar sweeps.
// Broken invariants abort: a finding. Seeds: tests/fuzz/corpus/shaped_*.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "autodiff/language/parser.hpp"
#include "autodiff/shaped/init.hpp"
#include "autodiff/shaped/shaped_graph.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "autodiff/sweeps/derivatives.hpp"

namespace {

using namespace adviz;

void check(bool ok) {
    if (!ok) std::abort();
}

// Equal where both are finite. (The traced reverse sweep treats 0·∞ by the trace's zero rule,
// the fast one skips zero adjoints, so non-finite numbers may legitimately differ.)
bool same(double a, double b) { return a == b || !std::isfinite(a) || !std::isfinite(b); }

void checkGraph(const Graph& g) {
    const shaped::ShapedGraph& sg = *g.shaped;
    for (int id = 0; id < sg.size(); ++id) {
        const shaped::Node& n = sg[id];
        check(n.elements.size() == n.shape.size());
        for (std::int32_t e : n.elements) check(e >= 0 && e < g.size());
        for (std::int32_t o : n.operands) check(o >= 0 && o < id);
        check(n.first <= n.end && n.end <= g.size());
    }
    int nextInput = 0;
    for (const shaped::Port& p : sg.inputs) {
        check(p.items.size() == p.shape.size());
        for (std::int32_t i : p.items) check(i == nextInput++);
    }
    check(nextInput == g.inputCount());
    int nextOutput = 0;
    for (const shaped::Port& p : sg.outputs) {
        check(p.items.size() == p.shape.size());
        for (std::int32_t k : p.items) check(k == nextOutput++);
    }
    check(nextOutput == g.outputCount());
}

void checkTraces(const Graph& g) {
    const std::vector<double> x = shaped::initialValues(g, 7);
    std::vector<double> xdot(x.size(), 0.0), ybar(static_cast<std::size_t>(g.outputCount()), 1.0);
    if (!xdot.empty()) xdot[0] = 1;
    const auto f = shaped::traceShapedForward(g, x, xdot);
    check(f.steps.size() == static_cast<std::size_t>(g.shaped->size()));
    const JvpResult j = jvp(g, x, xdot);
    for (std::size_t k = 0; k < j.tangent.size(); ++k) check(same(f.result[k], j.tangent[k]));
    const auto r = shaped::traceShapedReverse(g, x, ybar);
    const VjpResult v = vjp(g, x, ybar);
    for (std::size_t i = 0; i < v.cotangent.size(); ++i) check(same(r.result[i], v.cotangent[i]));
    for (const auto& s : r.steps) {
        const std::size_t n = s.shape.size();
        check(s.value.empty() || s.value.size() == n);
        check(s.after.empty() || (s.after.size() == n && s.before.size() == n && s.contribution.size() == n));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view src(reinterpret_cast<const char*>(data), size);
    ParseResult r = parse(src);
    if (!r.ok()) {
        formatDiagnostic(src, *r.error);
        return 0;
    }
    if (!r.graph.shaped) return 0;
    checkGraph(r.graph);
    if (r.graph.size() <= 3000) checkTraces(r.graph);
    return 0;
}
