// Second order and Jacobians: a Hessian-vector product (forward-over-reverse, one reverse sweep
// on dual numbers) against a gradient (one reverse sweep on doubles) on the same programs, and
// full Jacobians by n forward sweeps against m reverse sweeps on programs with one input and
// many outputs, and many inputs and one output. Times are of the fast (unrecorded) sweeps.
//
// hvp_ratio/* reports hvp_over_gradient (time) and flops_ratio (counted arithmetic); jacobian/*
// reports auto_forward, 1 when jacobian(…, Auto) would take forward mode.

#include <benchmark/benchmark.h>

#include <chrono>
#include <functional>
#include <map>

#include "autodiff/language/parser.hpp"
#include "autodiff/sweeps/hessian.hpp"
#include "autodiff/sweeps/jacobian.hpp"
#include "autodiff/sweeps/sweep.hpp"
#include "programs.hpp"

using namespace adviz;

namespace {

/// Σᵢ (1 − xᵢ)² + 100(xᵢ₊₁ − xᵢ²)²: n inputs, about 8n nodes.
std::string rosenbrock(int n) {
    std::string s;
    for (int i = 0; i + 1 < n; ++i) {
        std::string a = "x" + std::to_string(i), b = "x" + std::to_string(i + 1);
        s += (i ? " + " : "") + ("(1 - " + a + ")^2 + 100*(" + b + " - " + a + "^2)^2");
    }
    return s + "\n";
}

/// One input, m outputs: tₖ = 0.9·tₖ₋₁ + sin(x), yₖ = sin(tₖ)·tₖ.
std::string fanOut(int m) {
    std::string s = "t0 = x\n";
    for (int k = 1; k <= m; ++k) {
        std::string t = "t" + std::to_string(k);
        s += t + " = 0.9*t" + std::to_string(k - 1) + " + sin(x)\n";
        s += "y" + std::to_string(k) + " = sin(" + t + ")*" + t + "\n";
    }
    return s;
}

/// n inputs, one output: Σᵢ sin(xᵢ)·xᵢ₊₁.
std::string fanIn(int n) {
    std::string s;
    for (int i = 0; i + 1 < n; ++i)
        s += (i ? " + " : "") + ("sin(x" + std::to_string(i) + ")*x" + std::to_string(i + 1));
    return s + "\n";
}

using Family = std::function<std::string(int)>;

const std::map<std::string, Family>& families() {
    static const std::map<std::string, Family> f{
        {"chain", [](int n) { return bench::unaryChain(n); }},
        {"dag", [](int n) { return bench::randomDag(n); }},
        {"ladder", [](int n) { return bench::diamondLadder(n / 2); }},
        {"rosenbrock", [](int n) { return rosenbrock(n / 8); }},
        {"fan_out", [](int n) { return fanOut(n); }},
        {"fan_in", [](int n) { return fanIn(n); }},
    };
    return f;
}

const Graph& program(const std::string& family, int n) {
    static std::map<std::pair<std::string, int>, Graph> cache;
    auto key = std::make_pair(family, n);
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, bench::parseProgram(families().at(family)(n))).first;
    return it->second;
}

using bench::point;

// Checked before timing: non-finite numbers or an output that forgot its inputs fail the run.
bool unfit(benchmark::State& state, const Graph& g) {
    static std::map<const Graph*, std::string> verdict;
    auto it = verdict.find(&g);
    if (it == verdict.end()) it = verdict.emplace(&g, bench::checkProgram(g, point(g))).first;
    if (!it->second.empty()) state.SkipWithError(it->second.c_str());
    return !it->second.empty();
}

/// A gradient and an H·v of the first output, with their buffers, reusable between runs.
struct SecondOrder {
    const Graph& g;
    std::vector<double> x, seed, value, adjoint;
    std::vector<Dual<double>> dx, dseed, dvalue, dadjoint;

    explicit SecondOrder(const Graph& graph) : g(graph), x(point(graph)) {
        seed.assign(g.outputs.size(), 0.0);
        seed[0] = 1;
        for (std::size_t i = 0; i < x.size(); ++i)
            dx.emplace_back(x[i], 1.0 - 0.1 * static_cast<double>(i % 5));  // x + v·ε
        dseed.assign(seed.begin(), seed.end());
    }
    void gradient() {
        reverseSweep(g, std::span<const double>(x), std::span<const double>(seed), value, adjoint);
        benchmark::DoNotOptimize(adjoint.data());
    }
    void hvp() {
        reverseSweep(g, std::span<const Dual<double>>(dx), std::span<const Dual<double>>(dseed),
                     dvalue, dadjoint);
        benchmark::DoNotOptimize(dadjoint.data());
    }
};

void Gradient(benchmark::State& state, const std::string& family) {
    SecondOrder s(program(family, static_cast<int>(state.range(0))));
    if (unfit(state, s.g)) return;
    for (auto _ : state) s.gradient();
    state.counters["nodes"] = static_cast<double>(s.g.size());
}

void Hvp(benchmark::State& state, const std::string& family) {
    SecondOrder s(program(family, static_cast<int>(state.range(0))));
    if (unfit(state, s.g)) return;
    for (auto _ : state) s.hvp();
    state.counters["nodes"] = static_cast<double>(s.g.size());
}

// Both in one benchmark, alternating, so the ratio is measured under the same conditions.
void HvpRatio(benchmark::State& state, const std::string& family) {
    SecondOrder s(program(family, static_cast<int>(state.range(0))));
    if (unfit(state, s.g)) return;
    using Clock = std::chrono::steady_clock;
    Clock::duration grad{}, hv{};
    for (auto _ : state) {
        auto t0 = Clock::now();
        s.gradient();
        auto t1 = Clock::now();
        s.hvp();
        grad += t1 - t0;
        hv += Clock::now() - t1;
    }
    std::vector<double> v(s.x.size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = s.dx[i].d;
    HvpResult counted = hvp(s.g, s.x, v);
    state.counters["nodes"] = static_cast<double>(s.g.size());
    state.counters["hvp_over_gradient"] =
        static_cast<double>(hv.count()) / static_cast<double>(grad.count());
    state.counters["flops_ratio"] = static_cast<double>(counted.cost.flops) /
                                    static_cast<double>(counted.gradientCost.flops);
}

// A full Jacobian by the plain sweeps: n forward sweeps (one per column) or m reverse sweeps
// (one per row).
void Jacobian(benchmark::State& state, const std::string& family, Mode mode) {
    const Graph& g = program(family, static_cast<int>(state.range(0)));
    if (unfit(state, g)) return;
    std::vector<double> x = point(g), dir(x.size(), 0.0), seed(g.outputs.size(), 0.0);
    std::vector<double> value, adjoint;
    std::vector<Dual<double>> node;
    for (auto _ : state) {
        if (mode == Mode::Forward) {
            for (std::size_t i = 0; i < dir.size(); ++i) {
                dir[i] = 1;
                forwardSweep(g, std::span<const double>(x), std::span<const double>(dir), node);
                dir[i] = 0;
                benchmark::DoNotOptimize(node.data());
            }
        } else {
            for (std::size_t j = 0; j < seed.size(); ++j) {
                seed[j] = 1;
                reverseSweep(g, std::span<const double>(x), std::span<const double>(seed), value,
                             adjoint);
                seed[j] = 0;
                benchmark::DoNotOptimize(adjoint.data());
            }
        }
    }
    state.counters["nodes"] = static_cast<double>(g.size());
    state.counters["sweeps"] = static_cast<double>(mode == Mode::Forward ? x.size() : seed.size());
    state.counters["auto_forward"] = jacobian(g, x, JacobianMethod::Auto).method == Mode::Forward;
}

void registerAll() {
    for (const char* family : {"chain", "dag", "ladder", "rosenbrock"}) {
        const std::string f = family;
        auto sizes = [](benchmark::internal::Benchmark* b) {
            for (int n : {1000, 10000, 100000}) b->Arg(n);
            b->Unit(benchmark::kMicrosecond);
        };
        benchmark::RegisterBenchmark(("gradient/" + f).c_str(), Gradient, f)->Apply(sizes);
        benchmark::RegisterBenchmark(("hvp/" + f).c_str(), Hvp, f)->Apply(sizes);
        benchmark::RegisterBenchmark(("hvp_ratio/" + f).c_str(), HvpRatio, f)->Apply(sizes);
    }
    for (const char* family : {"fan_out", "fan_in"}) {
        const std::string f = family;
        for (Mode mode : {Mode::Forward, Mode::Reverse}) {
            const std::string name = "jacobian_" + std::string(modeName(mode)) + "/" + f;
            benchmark::RegisterBenchmark(name.c_str(), Jacobian, f, mode)
                ->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    registerAll();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
