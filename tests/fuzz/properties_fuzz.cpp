// libFuzzer target checking what must hold for every program (the input is a program; see
// fuzz_support.hpp for the point). A violated property aborts, which libFuzzer reports:
//   • every checkpoint strategy gives the gradient of vjp bit for bit (checkpoint.hpp promises
//     the same partials accumulated in the same order);
//   • traced reverse mode gives vjp's cotangent bit for bit (one loop, two recorders);
//   • forward and reverse Jacobians agree (to rounding: they sum in different orders);
//   • a printed symbolic derivative parses back and evaluates to the AD derivative (to rounding).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/jacobian.hpp"
#include "autodiff/sweeps/trace.hpp"
#include "autodiff/theory/symbolic.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

using namespace adviz;

constexpr int smallGraph = 80;

[[noreturn]] void violated(const char* property, std::string_view source, double a, double b) {
    std::fprintf(stderr, "property violated: %s\nprogram: %.*s\nvalues: %.17g vs %.17g\n",
                 property, static_cast<int>(std::min<std::size_t>(source.size(), 400)),
                 source.data(), a, b);
    std::abort();
}

// Agreement to rounding, where rounding can be judged: both finite and moderate. Sums taken in
// different orders differ by a few ulps of the largest term; `scale` bounds the terms.
bool close(double a, double b, double scale) {
    if (!std::isfinite(a) || !std::isfinite(b)) return true;  // 0·∞ conventions may differ
    return std::abs(a - b) <= 1e-7 * (1 + scale);
}

// The largest finite magnitude among a graph's values: a bound on what rounding is relative to.
double magnitude(const std::vector<double>& values) {
    double m = 0;
    for (double v : values) {
        if (!std::isfinite(v)) return INFINITY;
        m = std::max(m, std::abs(v));
    }
    return m;
}

void checkpointing(const Graph& g, const fuzz::Point& p, std::string_view src) {
    const VjpResult ref = vjp(g, p.x, p.ybar);
    for (const Strategy& s : fuzz::strategies()) {
        const CheckpointResult r = checkpointedGradient(g, p.x, p.ybar, s, false);
        for (std::size_t i = 0; i < ref.cotangent.size(); ++i)
            if (!fuzz::sameBits(r.gradient[i], ref.cotangent[i]))
                violated(("checkpointed " + s.name() + " = vjp").c_str(), src, r.gradient[i],
                         ref.cotangent[i]);
    }
    const Trace t = traceReverse(g, p.x, p.ybar);
    for (std::size_t i = 0; i < ref.cotangent.size(); ++i)
        if (!fuzz::sameBits(t.result[i], ref.cotangent[i]))
            violated("traced reverse = vjp", src, t.result[i], ref.cotangent[i]);
}

// Magnitudes of every partial product would bound the rounding exactly; the values, adjoints
// and entries bound it well enough for programs whose numbers stay moderate, and the property
// is only judged there.
void jacobians(const Graph& g, const fuzz::Point& p, std::string_view src, double scale) {
    const JacobianResult f = jacobianForward(g, p.x), r = jacobianReverse(g, p.x);
    double entries = 0;
    for (const auto& row : f.matrix) entries = std::max(entries, magnitude(row));
    for (const auto& row : r.matrix) entries = std::max(entries, magnitude(row));
    if (!std::isfinite(entries) || entries > 1e6) return;
    for (std::size_t j = 0; j < f.matrix.size(); ++j)
        for (std::size_t i = 0; i < f.matrix[j].size(); ++i)
            if (!close(f.matrix[j][i], r.matrix[j][i], std::max(scale, entries)))
                violated("forward Jacobian = reverse Jacobian", src, f.matrix[j][i], r.matrix[j][i]);
}

void symbolic(const Graph& g, const fuzz::Point& p, std::string_view src, double scale) {
    // A shaped program's derivative names elements (W1[0,0]); such text parses only under the
    // program's shape declarations, so parsing it back is judged on scalar programs alone.
    if (g.shaped) return;
    const SymExpr grad = symbolicGradient(g, p.x, 0, SymLimits{20'000, 2e5});
    if (grad.tooLarge) return;
    const std::vector<double> ad = gradient(g, p.x, 0);
    if (!std::isfinite(magnitude(ad)) || magnitude(ad) > 1e6) return;
    for (std::size_t i = 0; i < grad.roots.size(); ++i) {
        const std::string text = print(grad, grad.roots[i], 100'000);
        if (text.size() >= 100'000) continue;  // cut short: nothing to parse
        ParseResult back = parse(text);
        if (!back.ok()) violated(("printed derivative parses: " + text).c_str(), src, 0, 0);
        // Its inputs by name (a derivative may use fewer inputs than the program).
        std::vector<double> x;
        for (int k = 0; k < back.graph.inputCount(); ++k) {
            const int at = g.inputIndex(back.graph.inputName(k));
            if (at < 0) violated(("printed derivative names inputs: " + text).c_str(), src, 0, 0);
            x.push_back(p.x[static_cast<std::size_t>(at)]);
        }
        const double value = evaluateAt(back.graph, x).outputs.at(0);
        if (!close(value, ad[i], scale))
            violated(("printed derivative = AD: " + text).c_str(), src, value, ad[i]);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    ParseResult r = parse(source);
    if (!r.ok()) return 0;
    const Graph& g = r.graph;
    if (g.size() > smallGraph || g.outputCount() == 0) return 0;
    const fuzz::Point p = fuzz::pointFor(g, source);
    checkpointing(g, p, source);
    // Rounding is judged only where every value is finite and moderate.
    const double scale = magnitude(evaluateAt(g, p.x).value);
    if (!std::isfinite(scale) || scale > 1e6) return 0;
    jacobians(g, p, source, scale);
    symbolic(g, p, source, scale);
    return 0;
}
