// The engine's speed: parse, plain evaluation, forward sweep, reverse sweep, and the reverse
// sweep recording a trace, on generated programs of 10³ to 10⁶ nodes. Compare within one run:
// the ratios (gradient / evaluation, forward / evaluation) are what the README reports.

#include <benchmark/benchmark.h>

#include <functional>
#include <map>

#include "autodiff/language/parser.hpp"
#include "autodiff/sweeps/sweep.hpp"
#include "autodiff/sweeps/trace.hpp"
#include "programs.hpp"

using namespace adviz;

namespace {

using Family = std::function<std::string(int)>;

const std::map<std::string, Family>& families() {
    static const std::map<std::string, Family> f{
        {"chain", [](int n) { return bench::unaryChain(n); }},
        {"sum", [](int n) { return bench::longSum(n); }},
        {"dag", [](int n) { return bench::randomDag(n); }},
        {"ladder", [](int n) { return bench::diamondLadder(n / 2); }},
    };
    return f;
}

// Parsed programs are cached: building a 10⁶-node program once per size is enough.
const Graph& program(const std::string& family, int n) {
    static std::map<std::pair<std::string, int>, Graph> cache;
    auto key = std::make_pair(family, n);
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, bench::parseProgram(families().at(family)(n))).first;
    return it->second;
}

// The point of every measurement, checked first: a benchmark on non-finite numbers or on an
// output that forgot its inputs fails instead of timing.
std::vector<double> point(benchmark::State& state, const Graph& g) {
    std::vector<double> x = bench::point(g);
    static std::map<const Graph*, std::string> verdict;
    auto it = verdict.find(&g);
    if (it == verdict.end()) it = verdict.emplace(&g, bench::checkProgram(g, x)).first;
    if (!it->second.empty()) state.SkipWithError(it->second.c_str());
    return x;
}

void setCounters(benchmark::State& state, const Graph& g, double bytesPerNode) {
    state.counters["nodes"] = static_cast<double>(g.size());
    state.counters["ns_per_node"] = benchmark::Counter(
        static_cast<double>(g.size()), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
    state.counters["bytes_per_node"] = bytesPerNode;
}

void Parse(benchmark::State& state, const std::string& family) {
    std::string src = families().at(family)(static_cast<int>(state.range(0)));
    ParseLimits big;
    big.maxBytes = std::size_t{1} << 30;
    for (auto _ : state) {
        ParseResult r = parse(src, big);
        benchmark::DoNotOptimize(r.graph.nodes.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(src.size()));
    state.counters["nodes"] = static_cast<double>(bench::parseProgram(src).size());
}

void Evaluate(benchmark::State& state, const std::string& family) {
    const Graph& g = program(family, static_cast<int>(state.range(0)));
    auto x = point(state, g);
    if (state.error_occurred()) return;
    std::vector<double> value;
    for (auto _ : state) {
        evaluate(g, std::span<const double>(x), value);
        benchmark::DoNotOptimize(value.data());
    }
    setCounters(state, g, sizeof(Node) + sizeof(double));
}

void Forward(benchmark::State& state, const std::string& family) {
    const Graph& g = program(family, static_cast<int>(state.range(0)));
    auto x = point(state, g);
    if (state.error_occurred()) return;
    std::vector<double> xdot(x.size(), 0.0);
    if (!xdot.empty()) xdot[0] = 1;
    std::vector<Dual<double>> node;
    for (auto _ : state) {
        forwardSweep(g, std::span<const double>(x), std::span<const double>(xdot), node);
        benchmark::DoNotOptimize(node.data());
    }
    setCounters(state, g, sizeof(Node) + sizeof(Dual<double>));
}

void Reverse(benchmark::State& state, const std::string& family) {
    const Graph& g = program(family, static_cast<int>(state.range(0)));
    auto x = point(state, g);
    if (state.error_occurred()) return;
    std::vector<double> seed(static_cast<std::size_t>(g.outputCount()), 1.0), value, adjoint;
    for (auto _ : state) {
        reverseSweep(g, std::span<const double>(x), std::span<const double>(seed), value, adjoint);
        benchmark::DoNotOptimize(adjoint.data());
    }
    setCounters(state, g, sizeof(Node) + 4 * sizeof(double));  // value, adjoint, two partials
}

// The reverse sweep written out by hand with no recorder at all: the yardstick for "recording
// off costs nothing". reverseSweep with NoRecord must run as fast as this. (A deliberate copy of
// the loop in sweep.hpp, kept here only to measure against: partials stored forward, operands
// copied, constants cleared when reached, ū of the node below in a register, unary ops' second
// edge into a sink slot.)
void plainReverse(const Graph& g, std::span<const double> x, std::span<const double> ybar,
                  std::vector<double>& value, std::vector<double>& adjoint, std::vector<double>& partial) {
    const auto n = g.nodes.size();
    value.resize(n);
    partial.resize(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
        const Node& nd = g.nodes[i];
        if (nd.op == Op::Input) value[i] = x[i];
        else if (nd.op == Op::Const) value[i] = nd.constant;
        else {
            const double a = value[static_cast<std::size_t>(nd.a)];
            const double b = nd.b >= 0 ? value[static_cast<std::size_t>(nd.b)] : a;
            opValuePartials(nd.op, a, b, value[i], partial[2 * i], partial[2 * i + 1]);
        }
    }
    adjoint.assign(n + 1, 0.0);
    for (std::size_t j = 0; j < g.outputs.size(); ++j)
        adjoint[static_cast<std::size_t>(g.outputs[j].node)] += ybar[j];
    double below = n > 0 ? adjoint[n - 1] : 0.0;
    for (int id = g.size() - 1; id >= g.inputs; --id) {
        const Node& nd = g[id];
        const auto i = static_cast<std::size_t>(id);
        const double vbar = below;
        below = id > 0 ? adjoint[i - 1] : 0.0;
        adjoint[i] = vbar;
        if (nd.op == Op::Const) { adjoint[i] = 0; continue; }
        if (vbar == 0) continue;
        const double ta = partial[2 * i] * vbar, tb = partial[2 * i + 1] * vbar;
        if (nd.a == id - 1) below += ta;
        else adjoint[static_cast<std::size_t>(nd.a)] += ta;
        const auto to = std::min(static_cast<std::size_t>(static_cast<unsigned>(nd.b)), n);
        if (nd.b == id - 1) below += tb;
        else adjoint[to] += tb;
    }
    if (g.inputs > 0 && static_cast<int>(n) > g.inputs) adjoint[static_cast<std::size_t>(g.inputs) - 1] = below;
    adjoint.pop_back();
}

void ReversePlain(benchmark::State& state, const std::string& family) {
    const Graph& g = program(family, static_cast<int>(state.range(0)));
    auto x = point(state, g);
    if (state.error_occurred()) return;
    std::vector<double> seed(static_cast<std::size_t>(g.outputCount()), 1.0), value, adjoint, partial;
    for (auto _ : state) {
        plainReverse(g, std::span<const double>(x), std::span<const double>(seed), value, adjoint, partial);
        benchmark::DoNotOptimize(adjoint.data());
    }
    setCounters(state, g, sizeof(Node) + 4 * sizeof(double));
}

void ReverseRecorded(benchmark::State& state, const std::string& family) {
    const Graph& g = program(family, static_cast<int>(state.range(0)));
    auto x = point(state, g);
    if (state.error_occurred()) return;
    std::vector<double> seed(static_cast<std::size_t>(g.outputCount()), 1.0);
    for (auto _ : state) {
        Trace t = traceReverse(g, x, seed);
        benchmark::DoNotOptimize(t.steps.data());
    }
    setCounters(state, g, 0);
}

void registerAll() {
    for (const auto& [name, f] : families()) {
        (void)f;
        auto sizes = [](benchmark::internal::Benchmark* b) {
            for (int n : {1000, 10000, 100000, 1000000}) b->Arg(n);
            b->Unit(benchmark::kMicrosecond);
        };
        benchmark::RegisterBenchmark(("parse/" + name).c_str(), Parse, name)->Apply(sizes)->Iterations(3);
        benchmark::RegisterBenchmark(("evaluate/" + name).c_str(), Evaluate, name)->Apply(sizes);
        benchmark::RegisterBenchmark(("forward/" + name).c_str(), Forward, name)->Apply(sizes);
        benchmark::RegisterBenchmark(("reverse/" + name).c_str(), Reverse, name)->Apply(sizes);
        benchmark::RegisterBenchmark(("reverse_plain/" + name).c_str(), ReversePlain, name)->Apply(sizes);
        benchmark::RegisterBenchmark(("reverse_recorded/" + name).c_str(), ReverseRecorded, name)
            ->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
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
