// Vectors and matrices at scale: a 784-128-10 MLP with softmax cross-entropy (about 10⁵
// weights, 4·10⁵ scalar nodes): parse and lower, evaluation, gradient, and the graph's bytes
// per scalar node. Targets (README "Vectors and matrices"): parse + lower < 100 ms, gradient
// < 3× evaluation and < 20 ms.

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "autodiff/language/parser.hpp"
#include "autodiff/shaped/init.hpp"
#include "autodiff/shaped/shaped_graph.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/sweep.hpp"

using namespace adviz;

namespace {

const char* mlp = R"(x: [784]
W1: [128, 784]; b1: [128]
W2: [10, 128]; b2: [10]
t: [10]
h = relu(W1 @ x + b1)
z = W2 @ h + b2
L = logsumexp(z) - dot(t, z)
)";

struct Net {
    Graph g;
    std::vector<double> x;
    Net() {
        ParseResult r = parse(mlp);
        if (!r.ok()) std::abort();
        g = std::move(r.graph);
        x = shaped::initialValues(g, 1);
        // A one-hot target: t[3] = 1.
        const auto& t = g.shaped->inputs[static_cast<std::size_t>(g.shaped->inputPort("t"))];
        for (std::size_t k = 0; k < t.items.size(); ++k) x[static_cast<std::size_t>(t.items[k])] = k == 3 ? 1 : 0;
        // Check before timing: the loss is finite and depends on the input.
        const double L = evaluateAt(g, x).outputs[0];
        std::vector<double> y = x;
        y[0] += 0.5;
        const double L2 = evaluateAt(g, y).outputs[0];
        if (!std::isfinite(L) || L == L2) {
            std::fprintf(stderr, "shaped_bench: loss %g not finite or not input-dependent\n", L);
            std::abort();
        }
    }
};

const Net& net() {
    static const Net n;
    return n;
}

void BM_ParseAndLower(benchmark::State& state) {
    for (auto _ : state) {
        ParseResult r = parse(mlp);
        benchmark::DoNotOptimize(r.graph.nodes.data());
    }
    const Graph& g = net().g;
    state.counters["scalar_nodes"] = static_cast<double>(g.size());
    state.counters["shaped_nodes"] = static_cast<double>(g.shaped->size());
    // The scalar graph's own storage per node (nodes, Wengert numbers, the sweeps' hot array), and the shaped
    // grouping's element ids per scalar node on top of it.
    std::size_t shapedBytes = 0;
    for (const auto& n : g.shaped->nodes) shapedBytes += sizeof n + n.elements.size() * sizeof(std::int32_t);
    state.counters["bytes_per_node"] =
        static_cast<double>(sizeof(Node) + sizeof(std::int32_t) + sizeof(HotNode));
    state.counters["shaped_bytes_per_node"] = static_cast<double>(shapedBytes) / g.size();
}
BENCHMARK(BM_ParseAndLower)->Unit(benchmark::kMillisecond);

void BM_Evaluate(benchmark::State& state) {
    const Net& n = net();
    std::vector<double> value;
    for (auto _ : state) {
        evaluate<double>(n.g, n.x, value);
        benchmark::DoNotOptimize(value.data());
    }
}
BENCHMARK(BM_Evaluate)->Unit(benchmark::kMillisecond);

void BM_Gradient(benchmark::State& state) {
    const Net& n = net();
    std::vector<double> value, adjoint;
    const std::vector<double> ybar{1.0};
    for (auto _ : state) {
        reverseSweep<double>(n.g, n.x, ybar, value, adjoint);
        benchmark::DoNotOptimize(adjoint.data());
    }
}
BENCHMARK(BM_Gradient)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
