// Recorded sweeps of the seed example, step by step, and stateAt replaying them.

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "autodiff/sweeps/trace.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {
const double s1 = std::sin(1.0), c1 = std::cos(1.0);
}

TEST_CASE("forward trace of (x+y)*sin(x): one step per node", "[trace][forward]") {
    Graph g = test::parseOk("(x+y)*sin(x)");
    Trace t = traceForward(g, std::vector<double>{1, 2}, std::vector<double>{1, 0});
    REQUIRE(t.size() == 5);
    for (std::size_t k = 0; k < 5; ++k) {
        CHECK(t.steps[k].phase == Phase::Tangent);
        CHECK(t.steps[k].node == static_cast<int>(k));  // topological order
    }
    // (value, tangent) of x, y, x+y, sin x, product, derived by hand.
    const double expect[5][2] = {{1, 1}, {2, 0}, {3, 1}, {s1, c1}, {3 * s1, s1 + 3 * c1}};
    for (std::size_t k = 0; k < 5; ++k) {
        CHECK(t.steps[k].value == Approx(expect[k][0]).epsilon(1e-15));
        CHECK(t.steps[k].after == Approx(expect[k][1]).epsilon(1e-15));
    }
    CHECK(formulaOf(g, t, t.steps[4]) == "v̇₃ = v₂·v̇₁ + v₁·v̇₂ = 0.8415·1 + 3·0.5403 = 2.462");
    CHECK(valueFormulaOf(g, t, t.steps[4]) == "v₃ = v₁·v₂ = 3·0.8415 = 2.524");
    CHECK(formulaOf(g, t, t.steps[0]) == "v̇₋₁ = x\u0307 = 1");
    CHECK(t.result[0] == Approx(s1 + 3 * c1).epsilon(1e-15));
}

TEST_CASE("reverse trace of (x+y)*sin(x): primal, seed, one step per edge", "[trace][reverse]") {
    Graph g = test::parseOk("(x+y)*sin(x)");
    Trace t = traceReverse(g, std::vector<double>{1, 2}, std::vector<double>{1});
    REQUIRE(t.size() == 5 + 1 + 5);
    for (std::size_t k = 0; k < 5; ++k) CHECK(t.steps[k].phase == Phase::Primal);
    CHECK(t.steps[5].phase == Phase::Seed);
    CHECK(t.steps[5].node == 4);
    CHECK(t.steps[5].after == 1);

    // Edges in reverse order: product → (x+y), product → sin, sin → x, (x+y) → x, (x+y) → y.
    struct E { int node, consumer; double partial, after; };
    const E edges[5] = {{2, 4, s1, s1}, {3, 4, 3, 3}, {0, 3, c1, 3 * c1},
                        {0, 2, 1, 3 * c1 + s1}, {1, 2, 1, s1}};
    for (std::size_t e = 0; e < 5; ++e) {
        const Step& s = t.steps[6 + e];
        INFO("edge step " << e);
        CHECK(s.phase == Phase::Adjoint);
        CHECK(s.node == edges[e].node);
        CHECK(s.consumer == edges[e].consumer);
        CHECK(s.partial == Approx(edges[e].partial).epsilon(1e-15));
        CHECK(s.after == Approx(edges[e].after).epsilon(1e-15));
    }
    // x has two consumers: the second contribution shows the running sum.
    CHECK(formulaOf(g, t, t.steps[8]) == "v̄₋₁ += v̄₂·∂v₂/∂v₋₁ = v̄₂·cos(v₋₁) = 3·0.5403 = 1.621");
    CHECK(formulaOf(g, t, t.steps[9]) ==
          "v̄₋₁ += v̄₁·∂v₁/∂v₋₁ = v̄₁·1 = 0.8415·1 = 0.8415;  v̄₋₁ = 1.621 + 0.8415 = 2.462");
    CHECK(t.result[0] == Approx(s1 + 3 * c1).epsilon(1e-15));
    CHECK(t.result[1] == Approx(s1).epsilon(1e-15));
}

TEST_CASE("stateAt replays steps and marks what is not known yet", "[trace]") {
    Graph g = test::parseOk("(x+y)*sin(x)*2");
    Trace t = traceReverse(g, std::vector<double>{1, 2}, std::vector<double>{1});
    auto start = t.stateAt(0);
    for (int id = 0; id < g.size(); ++id) {
        bool isConst = g[id].op == Op::Const;
        CHECK(start[static_cast<std::size_t>(id)].hasValue == isConst);
        CHECK_FALSE(start[static_cast<std::size_t>(id)].hasAdjoint);
    }
    SECTION("after the primal pass every value is known, no adjoint yet") {
        auto mid = t.stateAt(6);  // six operations and inputs; the constant 2 is node 5
        CHECK(mid[0].hasValue);
        CHECK(mid[6].hasValue);
        CHECK(mid[6].value == Approx(6 * s1).epsilon(1e-15));
        CHECK_FALSE(mid[6].hasAdjoint);
    }
    SECTION("stepping back restores exactly the earlier state") {
        auto end = t.stateAt(t.size());
        CHECK(end[0].adjoint == Approx(2 * (s1 + 3 * c1)).epsilon(1e-15));
        auto again = t.stateAt(3);
        CHECK(again[2].hasValue);
        CHECK_FALSE(again[3].hasValue);
    }
}

TEST_CASE("recording does not change the numbers", "[trace]") {
    std::mt19937 rng(3);
    for (int trial = 0; trial < 40; ++trial) {
        Graph g = test::parseOk(test::randomProgram(rng, 2, 12, 2));
        std::vector<double> x{0.3, -0.4}, xdot{1, 0.5}, ybar(static_cast<std::size_t>(g.outputCount()), 1.0);
        Trace f = traceForward(g, x, xdot);
        Trace r = traceReverse(g, x, ybar);
        CHECK(f.result == jvp(g, x, xdot).tangent);
        CHECK(r.result == vjp(g, x, ybar).cotangent);
    }
}

TEST_CASE("formulas written on demand equal the ones written while the sweep ran",
          "[trace][formula]") {
    // A streamed step gets its text from the live sweep; a kept one from the trace's numbers
    // afterwards. On random programs (shared operands, several outputs) both must agree byte
    // for byte, step by step, in both modes.
    std::mt19937 rng(16);
    for (int trial = 0; trial < 60; ++trial) {
        INFO("trial " << trial);
        Graph g = test::parseOk(test::randomProgram(rng, 1 + trial % 3, 4 + trial % 15, 1 + trial % 2));
        std::vector<double> x(static_cast<std::size_t>(g.inputCount()));
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.3 + 0.7 * static_cast<double>(i);
        const std::vector<double> xdot(x.size(), 1.0), ybar(static_cast<std::size_t>(g.outputCount()), 1.0);
        for (Mode mode : {Mode::Forward, Mode::Reverse}) {
            auto run = [&](StepSink sink) {
                return mode == Mode::Forward ? traceForward(g, x, xdot, std::move(sink))
                                             : traceReverse(g, x, ybar, std::move(sink));
            };
            const Trace kept = run({});
            CHECK(kept.steps.capacity() == kept.size());  // reserved exactly, never grown
            std::vector<Step> streamed;
            run([&](const Step& s, std::size_t) { streamed.push_back(s); });
            REQUIRE(streamed.size() == kept.size());
            int differ = 0, empty = 0;
            for (std::size_t k = 0; k < kept.size(); ++k) {
                const Step& s = kept.steps[k];
                CHECK(s.formula.empty());  // kept steps hold numbers only
                differ += formulaOf(g, kept, s) != streamed[k].formula;
                differ += valueFormulaOf(g, kept, s) != streamed[k].valueFormula;
                empty += streamed[k].formula.empty();
            }
            CHECK(differ == 0);
            CHECK(empty == 0);
        }
    }
}
