// Gradient checkpointing on a 10⁶-operation chain (a₁ = sin x, a₂ = sin a₁, …): time and values
// stored for today's reverse mode (vjp: store-all), and the checkpointed sweep with store-all,
// √T (every ⌈√T⌉ = 1000 steps) and binomial (Revolve) schedules. The liveness of the program is
// computed once, as the program is parsed once; "+liveness" includes it. Compare within one
// run: README "Performance" reports the ratios (√T / vjp must stay at most 1.5).
// Run: ./build/release/bench/checkpoint_bench

#include <benchmark/benchmark.h>


#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/sweeps/sweep.hpp"
#include "programs.hpp"

using namespace adviz;

namespace {

constexpr int chainLength = 1000000;

const Graph& chain() {
    static const Graph g = [] {
        Graph c = bench::parseProgram(bench::unaryChain(chainLength));
        const std::string why = bench::checkProgram(c, std::vector<double>{0.5});
        if (!why.empty()) throw std::runtime_error("benchmark chain unfit: " + why);
        return c;
    }();
    return g;
}

const Liveness& live() {
    static const Liveness l = liveness(chain());
    return l;
}

const std::vector<double> x{0.5}, seed{1.0};

// Today's reverse mode: every value stored, then one backward sweep.
void ReverseStoreAll(benchmark::State& state) {
    const Graph& g = chain();
    for (auto _ : state) {
        VjpResult r = vjp(g, x, seed);
        benchmark::DoNotOptimize(r.cotangent.data());
    }
    state.counters["peak_stored"] = g.inputCount() + chainLength;
    state.counters["recomputed"] = 0;
}

// The bare store-all sweep with its buffers reused between calls (engine_bench's "reverse").
void ReverseSweepReused(benchmark::State& state) {
    const Graph& g = chain();
    std::vector<double> value, adjoint;
    for (auto _ : state) {
        reverseSweep(g, std::span<const double>(x), std::span<const double>(seed), value, adjoint);
        benchmark::DoNotOptimize(adjoint.data());
    }
}

void Checkpointed(benchmark::State& state, const Strategy& strategy, bool withLiveness) {
    const Graph& g = chain();
    const Liveness& l = live();
    CheckpointResult last;
    for (auto _ : state) {
        last = withLiveness ? checkpointedGradient(g, x, seed, strategy, false)
                            : checkpointedGradient(g, l, x, seed, strategy, false);
        benchmark::DoNotOptimize(last.gradient.data());
    }
    state.counters["peak_stored"] = last.peakStored;
    state.counters["recomputed"] = static_cast<double>(last.recomputedOps);
    state.counters["snapshots"] = last.snapshots;
}

void registerAll() {
    benchmark::RegisterBenchmark("checkpoint/vjp_store_all", ReverseStoreAll)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("checkpoint/reverse_sweep_reused", ReverseSweepReused)
        ->Unit(benchmark::kMillisecond);
    for (const char* name : {"store-all", "sqrt", "binomial:100", "binomial:20"}) {
        Strategy s = *Strategy::parse(name);
        benchmark::RegisterBenchmark((std::string("checkpoint/") + name).c_str(), Checkpointed, s,
                                     false)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("checkpoint/sqrt+liveness", Checkpointed, Strategy::sqrt(), true)
        ->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
    registerAll();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
