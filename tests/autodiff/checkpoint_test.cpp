// Checkpointed reverse mode: every strategy gives store-all's gradient bit for bit, on random
// programs and long chains; √T and binomial keep to their memory and recomputation budgets; the
// trace shows values stored, checkpointed, freed and recomputed consistently with the counts.

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/sweeps/sweep.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {

/// A chain of T scalar layers: x → sin → tanh → atan → sin → … (one value crosses each step).
Graph chain(int steps) {
    GraphBuilder b;
    int h = b.input("x", {});
    const Op layer[3] = {Op::Sin, Op::Tanh, Op::Atan};
    for (int i = 0; i < steps; ++i) h = b.op(layer[i % 3], h, -1, {});
    b.output("f", h);
    return b.finish();
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i])) return false;
    return true;
}

/// C(n, k), adding up Pascal's triangle row by row (independent of revolve.cpp).
long long choose(int n, int k) {
    if (k < 0 || k > n) return 0;
    std::vector<long long> row{1};
    for (std::size_t i = 1; i <= static_cast<std::size_t>(n); ++i) {
        std::vector<long long> next(i + 1, 1);
        for (std::size_t j = 1; j < i; ++j) next[j] = row[j - 1] + row[j];
        row = std::move(next);
    }
    return row[static_cast<std::size_t>(k)];
}

/// Revolve's forward steps for T steps and s snapshots: r·T − C(s + r, s + 1), r the smallest
/// with C(s + r, s) ≥ T (Griewank & Walther 2000).
long long revolveCost(long long steps, int s) {
    int r = 0;
    while (choose(s + r, s) < steps) ++r;
    return r * steps - choose(s + r, s + 1);
}

const std::vector<Strategy>& allStrategies() {
    static const std::vector<Strategy> list{
        Strategy::storeAll(), Strategy::sqrt(), Strategy::every(1), Strategy::every(2),
        Strategy::every(3), Strategy::every(7), Strategy::binomial(1), Strategy::binomial(2),
        Strategy::binomial(3), Strategy::binomial(8)};
    return list;
}

}  // namespace

TEST_CASE("strategies read from text and name themselves", "[checkpoint]") {
    for (const char* text :
         {"store-all", "sqrt", "every:1", "every:64", "binomial:1", "binomial:12"}) {
        auto s = Strategy::parse(text);
        REQUIRE(s);
        CHECK(s->name() == text);
    }
    CHECK(Strategy::parse("every:8")->k == 8);
    CHECK(Strategy::parse("binomial:5")->snapshots == 5);
    for (const char* bad : {"", "all", "every", "every:", "every:0", "every:-2", "every:3x",
                            "binomial:0", "binomial:", "binomial:1.5", "sqrt:2",
                            "every:99999999999"})
        CHECK_FALSE(Strategy::parse(bad));
    CHECK(Strategy::sqrt().segmentLength(100) == 10);
    CHECK(Strategy::sqrt().segmentLength(101) == 11);
    CHECK(Strategy::storeAll().segmentLength(100) == 100);
}

TEST_CASE("every strategy gives store-all's gradient bit for bit on random programs",
          "[checkpoint]") {
    std::mt19937 rng(1729);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    for (int trial = 0; trial < 120; ++trial) {
        const int inputs = 1 + trial % 4, statements = 3 + trial % 30, outputs = 1 + trial % 3;
        Graph g = test::parseOk(test::randomProgram(rng, inputs, statements, outputs));
        std::vector<double> x(static_cast<std::size_t>(g.inputCount())),
            ybar(static_cast<std::size_t>(g.outputCount()));
        for (double& v : x) v = u(rng);
        for (double& v : ybar) v = u(rng);
        VjpResult ref = vjp(g, x, ybar);
        EvalResult ev = evaluateAt(g, x);
        for (const Strategy& s : allStrategies()) {
            INFO("trial " << trial << ", " << s.name());
            CheckpointResult r = checkpointedGradient(g, x, ybar, s);
            CHECK(sameBits(r.gradient, ref.cotangent));
            CHECK(sameBits(r.outputs, ev.outputs));
            CHECK(r.warnings.size() == ev.warnings.size());
            CHECK(r.totalOps == r.operations + r.recomputedOps);
            CHECK(r.aliveOverTime.size() ==
                  static_cast<std::size_t>(1 + r.totalOps + r.operations));
        }
    }
}

TEST_CASE("values that cross many steps are carried in every checkpoint between", "[checkpoint]") {
    // a is used at the start and at the very end: it is live at every boundary in between.
    Graph g = test::parseOk("a = sin(x)\nb = exp(a*y)\nc = cos(b) + b\nd = tanh(c)*c\nd*a + y\n");
    std::vector<double> x{0.3, -0.7}, seed{1};
    VjpResult ref = vjp(g, x, seed);
    CheckpointResult all = checkpointedGradient(g, x, seed, Strategy::storeAll());
    CHECK(all.peakStored == all.operations + 2);
    for (const Strategy& s : allStrategies()) {
        INFO(s.name());
        CheckpointResult r = checkpointedGradient(g, x, seed, s);
        CHECK(sameBits(r.gradient, ref.cotangent));
        CHECK(r.peakStored <= all.peakStored);
    }
}

TEST_CASE("domain warnings and outputs come from the first forward pass", "[checkpoint]") {
    Graph g = test::parseOk("log(x) + sqrt(y)");
    std::vector<double> x{-1, 4}, seed{1};
    EvalResult ev = evaluateAt(g, x);
    CheckpointResult r = checkpointedGradient(g, x, seed, Strategy::binomial(2));
    REQUIRE(r.warnings.size() == ev.warnings.size());
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].message == ev.warnings[0].message);
    CHECK(r.warnings[0].node == ev.warnings[0].node);
    CHECK(std::isnan(r.outputs[0]));
}

TEST_CASE("programs without operations: the seed goes straight to the input", "[checkpoint]") {
    Graph g = test::parseOk("x");
    CheckpointResult r = checkpointedGradient(g, std::vector<double>{2}, std::vector<double>{3},
                                              Strategy::sqrt());
    CHECK(r.gradient == std::vector<double>{3});
    CHECK(r.outputs == std::vector<double>{2});
    CHECK(r.operations == 0);
    CHECK(r.totalOps == 0);
}

TEST_CASE("store-all keeps every value and recomputes nothing", "[checkpoint]") {
    Graph g = chain(100);
    CheckpointResult r = checkpointedGradient(g, std::vector<double>{0.5}, std::vector<double>{1},
                                              Strategy::storeAll());
    CHECK(r.peakStored == 101);  // x and every layer
    CHECK(r.snapshots == 0);
    CHECK(r.recomputedOps == 0);
    CHECK(r.totalOps == 100);
}

TEST_CASE("sqrt(T) checkpointing on chains: about 2 sqrt(T) values, one extra forward pass",
          "[checkpoint]") {
    const int steps = GENERATE(100, 1000, 10000, 100000);
    INFO("T = " << steps);
    Graph g = chain(steps);
    std::vector<double> x{0.5}, seed{1};
    VjpResult ref = vjp(g, x, seed);
    CheckpointResult r = checkpointedGradient(g, x, seed, Strategy::sqrt(), steps <= 1000);
    CHECK(sameBits(r.gradient, ref.cotangent));
    const int k = Strategy::sqrt().segmentLength(steps);
    CHECK(k == static_cast<int>(std::ceil(std::sqrt(steps))));
    CHECK(r.peakStored <= 2 * std::sqrt(steps) + 3);
    CHECK(r.recomputedOps <= steps);                 // at most one extra forward pass
    CHECK(r.recomputedOps == steps - (steps - (steps - 1) / k * k));  // all but the last segment
    CHECK(r.snapshots == (steps + k - 1) / k - 1);
    if (steps <= 1000) {
        REQUIRE(r.aliveOverTime.size() == static_cast<std::size_t>(1 + r.totalOps + steps));
        CHECK(*std::max_element(r.aliveOverTime.begin(), r.aliveOverTime.end()) == r.peakStored);
        CHECK(r.aliveOverTime.front() == 1);  // the input
    }
}

TEST_CASE("binomial checkpointing recomputes exactly what Revolve's formula says",
          "[checkpoint]") {
    SECTION("chains of length C(s+r, s) take r*T - C(s+r, s+1) forward steps") {
        auto [s, r] = GENERATE(table<int, int>({{2, 12}, {3, 8}, {5, 5}, {10, 3}, {4, 10},
                                                {8, 8}, {20, 4}, {60, 3}}));
        const int steps = static_cast<int>(choose(s + r, s));
        INFO("s = " << s << ", r = " << r << ", T = " << steps);
        Graph g = chain(steps);
        std::vector<double> x{0.5}, seed{1};
        CheckpointResult res = checkpointedGradient(g, x, seed, Strategy::binomial(s), false);
        CHECK(res.recomputedOps == r * static_cast<long long>(steps) - choose(s + r, s + 1));
        CHECK(res.recomputedOps <= r * static_cast<long long>(steps));  // r sweeps' worth
        CHECK(res.maxSnapshots <= s);
        CHECK(res.peakStored <= s + 2);  // the snapshots, the current value and the next
        CHECK(sameBits(res.gradient, vjp(g, x, seed).cotangent));
    }
    SECTION("and every other length") {
        for (int s = 1; s <= 5; ++s)
            for (int steps = 1; steps <= 60; ++steps) {
                INFO("s = " << s << ", T = " << steps);
                CheckpointResult res = checkpointedGradient(
                    chain(steps), std::vector<double>{0.5}, std::vector<double>{1},
                    Strategy::binomial(s), false);
                CHECK(res.recomputedOps == revolveCost(steps, s));
            }
    }
}

TEST_CASE("checkpointed trace: the steps a student sees", "[checkpoint][trace]") {
    Graph g = test::parseOk("a = sin(x)\nb = a*y\nc = exp(b) + a\nd = cos(c)\nd*a\n");
    std::vector<double> x{0.4, 1.3}, seed{1};
    const Strategy s = GENERATE(Strategy::every(2), Strategy::binomial(2), Strategy::storeAll());
    INFO(s.name());
    Trace t = traceCheckpointed(g, x, seed, s);
    Trace ref = traceReverse(g, x, seed);
    CheckpointResult r = checkpointedGradient(g, x, seed, s);
    CHECK(sameBits(t.result, ref.result));

    SECTION("seed and adjoint steps are traceReverse's, in the same order") {
        std::vector<const Step*> mine, theirs;
        for (const Step& st : t.steps)
            if (st.phase == Phase::Seed || st.phase == Phase::Adjoint) mine.push_back(&st);
        for (const Step& st : ref.steps)
            if (st.phase == Phase::Seed || st.phase == Phase::Adjoint) theirs.push_back(&st);
        REQUIRE(mine.size() == theirs.size());
        for (std::size_t i = 0; i < mine.size(); ++i) {
            CHECK(mine[i]->node == theirs[i]->node);
            CHECK(mine[i]->consumer == theirs[i]->consumer);
            CHECK(formulaOf(g, t, *mine[i]) == formulaOf(g, ref, *theirs[i]));
        }
    }
    SECTION("each value computed once as primal, recomputations counted, memory replayed") {
        std::vector<int> primals;
        long long recomputes = 0;
        int peak = 0;
        std::vector<NodeState> state = t.initial;
        auto inMemory = [&](int id) {
            Memory m = state[static_cast<std::size_t>(id)].memory;
            return m == Memory::Stored || m == Memory::Checkpoint;
        };
        for (const Step& st : t.steps) {
            if (st.phase == Phase::Primal) primals.push_back(st.node);
            if (st.phase == Phase::Recompute) {
                ++recomputes;
                CHECK(state[static_cast<std::size_t>(st.node)].memory == Memory::Freed);
            }
            if (st.phase == Phase::Adjoint) {  // what the backward step reads is in memory
                CHECK(inMemory(st.consumer));
                if (g[st.node].op != Op::Const) CHECK(inMemory(st.node));
            }
            Trace::apply(st, state);
            int held = 0;
            for (int id = 0; id < g.size(); ++id) held += inMemory(id);
            peak = std::max(peak, held);
        }
        CHECK(std::is_sorted(primals.begin(), primals.end()));
        CHECK(primals.size() == static_cast<std::size_t>(g.inputCount() + r.operations));
        CHECK(recomputes == r.recomputedOps);
        CHECK(peak == r.peakStored);
        for (int id = 0; id < g.size(); ++id)  // at the end nothing is held
            if (g[id].op != Op::Const)
                CHECK(state[static_cast<std::size_t>(id)].memory == Memory::Freed);
    }
    SECTION("checkpoints are taken unless everything is stored") {
        auto count = [&](Phase p) {
            return std::count_if(t.steps.begin(), t.steps.end(),
                                 [&](const Step& st) { return st.phase == p; });
        };
        CHECK((count(Phase::Checkpoint) > 0) == (s.kind != Strategy::StoreAll));
        CHECK((count(Phase::Recompute) > 0) == (s.kind != Strategy::StoreAll));
    }
}
