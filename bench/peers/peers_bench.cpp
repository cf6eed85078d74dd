// adviz against its peers, in one Google Benchmark run: the four families (chain of sin, long
// sum, a·a − a ladder, random DAG) at 10⁴, 10⁵, 10⁶ operations through
//   - adviz: evaluate, forward sweep (one direction), reverse sweep (gradient);
//   - ADOL-C: taped once per program, then the replayed gradient() timed (and the taping apart);
//   - Sacado Rad (reverse, operator overloading: record and Gradcomp every time);
//   - Sacado SFad<double, 1> (forward, one direction, the same direction as adviz's);
//   - a hand-written evaluation and adjoint loop.
// Before any timing every tool's gradient (or directional derivative) is compared with adviz's
// to 1e-12, and the program itself is checked (finite values and gradient, outputs that depend
// on the inputs): a mismatch fails the benchmark instead of timing it.
// Run through scripts/bench-peers.sh, which prints the medians as ratios adviz / peer.

#include <adolc/adolc.h>

#include "Sacado_No_Kokkos.hpp"
#include "Sacado_trad.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>

#include "autodiff/sweeps/sweep.hpp"
#include "hand.hpp"
#include "problems.hpp"

using namespace adviz;
using namespace adviz::peers;

namespace {

using Rad = Sacado::Rad::ADvar<double>;
using SFad = Sacado::Fad::SFad<double, 1>;

constexpr short replayTag = 1, tapingTag = 2;

/// The problem being measured now (one at a time: the 10⁶-node ones are large), its ADOL-C tape,
/// and its verdict: "" when every tool agrees and the program is fit.
struct Current {
    std::unique_ptr<Problem> p;
    std::string verdict;
    std::vector<double> reference;  ///< adviz's gradient
    double tangent = 0;             ///< adviz's derivative along (1, …, 1)
};

Current& current() {
    static Current c;
    return c;
}

void tape(const Problem& p, short tag) {
    trace_on(tag);
    std::vector<adouble> ax(p.x.size()), work;
    for (std::size_t i = 0; i < ax.size(); ++i) ax[i] <<= p.x[i];
    adouble y = objective(p, ax, work);
    double out = 0;
    y >>= out;
    trace_off();
}

std::vector<double> adviz(const Problem& p) {
    std::vector<double> seed(p.graph.outputs.size(), 1.0), value, adjoint;
    reverseSweep(p.graph, std::span<const double>(p.x), std::span<const double>(seed), value, adjoint);
    adjoint.resize(p.x.size());
    return adjoint;
}

std::vector<double> rad(const Problem& p, std::vector<Rad>& ax, std::vector<Rad>& work) {
    ax.assign(p.x.begin(), p.x.end());
    Rad y = objective(p, ax, work);
    Rad::Outvar_Gradcomp(y);
    std::vector<double> g(ax.size());
    for (std::size_t i = 0; i < g.size(); ++i) g[i] = ax[i].adj();
    return g;
}

double sfad(const Problem& p, std::vector<SFad>& ax, std::vector<SFad>& work) {
    ax.resize(p.x.size());
    for (std::size_t i = 0; i < ax.size(); ++i) ax[i] = SFad(1, 0, p.x[i]);
    return objective(p, ax, work).dx(0);
}

double adviz_tangent(const Problem& p, std::vector<Dual<double>>& node) {
    std::vector<double> ones(p.x.size(), 1.0);
    forwardSweep(p.graph, std::span<const double>(p.x), std::span<const double>(ones), node);
    double t = 0;
    for (const Output& o : p.graph.outputs) t += node[static_cast<std::size_t>(o.node)].d;
    return t;
}

std::string compare(const char* who, const std::vector<double>& g, const std::vector<double>& ref) {
    double scale = 0, worst = 0;
    for (double r : ref) scale = std::max(scale, std::fabs(r));
    for (std::size_t i = 0; i < ref.size(); ++i) worst = std::max(worst, std::fabs(g[i] - ref[i]));
    if (g.size() != ref.size() || !(worst <= 1e-12 * scale))
        return std::string(who) + "'s gradient differs from adviz's by " + std::to_string(worst / scale * 1e12) + "e-12 (relative)";
    return "";
}

/// Makes (family, n) the current problem: builds it, tapes it, checks every tool against adviz.
Current& use(benchmark::State& state, Family f, int n) {
    Current& c = current();
    if (!c.p || c.p->family != f || c.p->n != n) {
        c.p.reset();  // free the previous one first
        c.p = std::make_unique<Problem>(makeProblem(f, n));
        const Problem& p = *c.p;
        c.verdict = bench::checkProgram(p.graph, p.x);
        c.reference = adviz(p);
        std::vector<Dual<double>> node;
        c.tangent = adviz_tangent(p, node);
        tape(p, replayTag);
        std::vector<double> g(p.x.size()), v, adj;
        // Every disagreement is reported, not only the first.
        auto note = [&](const std::string& why) {
            if (!why.empty()) c.verdict += (c.verdict.empty() ? "" : "; ") + why;
        };
        if (c.verdict.empty()) {
            gradient(replayTag, static_cast<int>(p.x.size()), const_cast<double*>(p.x.data()), g.data());
            note(compare("ADOL-C", g, c.reference));
            std::vector<Rad> ax, work;
            note(compare("Sacado Rad", rad(p, ax, work), c.reference));
            handGradient(p, p.x, v, adj, g);
            note(compare("the hand-written adjoint", g, c.reference));
            std::vector<SFad> fx, fwork;
            note(compare("Sacado SFad", {sfad(p, fx, fwork)}, {c.tangent}));
        }
    }
    if (!c.verdict.empty()) state.SkipWithError(c.verdict.c_str());
    state.counters["ops"] = static_cast<double>(n);
    return c;
}

// Each benchmark: (state, family, n).
void AdvizGradient(benchmark::State& state, Family f, int n) {
    Current& c = use(state, f, n);
    if (state.error_occurred()) return;
    const Problem& p = *c.p;
    std::vector<double> seed(p.graph.outputs.size(), 1.0), value, adjoint;
    for (auto _ : state) {
        reverseSweep(p.graph, std::span<const double>(p.x), std::span<const double>(seed), value, adjoint);
        benchmark::DoNotOptimize(adjoint.data());
    }
}

void AdvizEvaluate(benchmark::State& state, Family f, int n) {
    Current& c = use(state, f, n);
    if (state.error_occurred()) return;
    std::vector<double> value;
    for (auto _ : state) {
        evaluate(c.p->graph, std::span<const double>(c.p->x), value);
        benchmark::DoNotOptimize(value.data());
    }
}

void AdvizForward(benchmark::State& state, Family f, int n) {
    Current& c = use(state, f, n);
    if (state.error_occurred()) return;
    std::vector<double> ones(c.p->x.size(), 1.0);
    std::vector<Dual<double>> node;
    for (auto _ : state) {
        forwardSweep(c.p->graph, std::span<const double>(c.p->x), std::span<const double>(ones), node);
        benchmark::DoNotOptimize(node.data());
    }
}

void AdolcReplay(benchmark::State& state, Family f, int n) {
    Current& c = use(state, f, n);
    if (state.error_occurred()) return;
    std::vector<double> g(c.p->x.size());
    for (auto _ : state) {
        gradient(replayTag, static_cast<int>(g.size()), const_cast<double*>(c.p->x.data()), g.data());
        benchmark::DoNotOptimize(g.data());
    }
}

void AdolcTaping(benchmark::State& state, Family f, int n) {
    Current& c = use(state, f, n);
    if (state.error_occurred()) return;
    for (auto _ : state) tape(*c.p, tapingTag);
}

void SacadoRad(benchmark::State& state, Family f, int n) {
    Current& c = use(state, f, n);
    if (state.error_occurred()) return;
    std::vector<Rad> ax, work;
    for (auto _ : state) {
        std::vector<double> g = rad(*c.p, ax, work);
        benchmark::DoNotOptimize(g.data());
    }
}

void SacadoSFad(benchmark::State& state, Family f, int n) {
    Current& c = use(state, f, n);
    if (state.error_occurred()) return;
    std::vector<SFad> ax, work;
    for (auto _ : state) benchmark::DoNotOptimize(sfad(*c.p, ax, work));
}

void HandGradient(benchmark::State& state, Family f, int n) {
    Current& c = use(state, f, n);
    if (state.error_occurred()) return;
    std::vector<double> v, adj, g;
    for (auto _ : state) {
        handGradient(*c.p, c.p->x, v, adj, g);
        benchmark::DoNotOptimize(g.data());
    }
}

void HandEvaluate(benchmark::State& state, Family f, int n) {
    Current& c = use(state, f, n);
    if (state.error_occurred()) return;
    std::vector<double> v;
    for (auto _ : state) benchmark::DoNotOptimize(handEvaluate(*c.p, c.p->x, v));
}

void registerAll() {
    using Fn = void (*)(benchmark::State&, Family, int);
    const std::pair<const char*, Fn> tools[] = {
        {"gradient/adviz", AdvizGradient}, {"gradient/adolc_replay", AdolcReplay},
        {"gradient/sacado_rad", SacadoRad}, {"gradient/hand", HandGradient},
        {"forward/adviz", AdvizForward}, {"forward/sacado_sfad", SacadoSFad},
        {"evaluate/adviz", AdvizEvaluate}, {"evaluate/hand", HandEvaluate},
        {"taping/adolc", AdolcTaping},
    };
    // Grouped by problem so each is built, taped and checked once.
    for (Family f : {Family::Chain, Family::Sum, Family::Ladder, Family::Dag})
        for (int n : {10000, 100000, 1000000})
            for (const auto& [name, fn] : tools)
                benchmark::RegisterBenchmark(
                    (std::string(name) + "/" + familyName(f) + "/" + std::to_string(n)).c_str(), fn, f, n)
                    ->Unit(benchmark::kMicrosecond);
}

}  // namespace

int main(int argc, char** argv) {
    registerAll();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
