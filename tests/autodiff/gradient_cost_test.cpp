// The cost of a full gradient: what costOf reports equals what the engine's operation counter
// sees on single sweeps run here, and the counts for small programs worked out by hand.

#include <catch2/catch.hpp>

#include "autodiff/sweeps/op_count.hpp"
#include "autodiff/sweeps/sweep.hpp"
#include "autodiff/theory/gradient_cost.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {

// The operations of one evaluation, one forward sweep and one reverse sweep, by the counter.
struct Single {
    long long evaluation = 0, forward = 0, reverse = 0;
};

Single singleSweeps(const Graph& g, const std::vector<double>& x) {
    Single s;
    std::vector<double> value, adjoint, e(x.size(), 0.0), seed(g.outputs.size(), 0.0);
    if (!e.empty()) e[0] = 1;
    seed[0] = 1;
    OpCounter ev(g), fw(g), rv(g);
    evaluate(g, std::span<const double>(x), value, ev);
    std::vector<Dual<double>> node;
    forwardSweep(g, std::span<const double>(x), std::span<const double>(e), node, fw);
    reverseSweep(g, std::span<const double>(x), std::span<const double>(seed), value, adjoint, rv);
    s.evaluation = ev.operations();
    s.forward = fw.operations();
    s.reverse = rv.operations();
    return s;
}

void checkAgainstCounter(const CostRow& r, const Graph& g, const std::vector<double>& x) {
    const long long p = g.inputCount();
    const Single s = singleSweeps(g, x);
    CHECK(r.parameters == p);
    CHECK(r.fdForwardPasses == p + 1);
    CHECK(r.fdCentralPasses == 2 * p);
    CHECK(r.forwardSweeps == p);
    CHECK(r.reverseSweeps == 1);
    CHECK(r.fdOperations == (p + 1) * s.evaluation);
    CHECK(r.fdCentralOperations == 2 * p * s.evaluation);
    CHECK(r.forwardOperations == p * s.forward);
    CHECK(r.reverseOperations == s.reverse);
}

}  // namespace

TEST_CASE("(x+y)*sin(x): the gradient's cost by hand", "[cost]") {
    // Operations: +, sin, × (3 per evaluation). Chain-rule products, one per edge from a
    // non-constant operand: 2 (+) + 1 (sin) + 2 (×) = 5. A sweep is 3 + 5 = 8.
    Graph g = test::parseOk("(x+y)*sin(x)");
    const std::vector<double> x{1, 2};
    const CostRow r = costOf(g, x);
    CHECK(r.fdOperations == 3 * 3);         // p + 1 = 3 evaluations
    CHECK(r.fdCentralOperations == 4 * 3);  // 2p = 4 evaluations
    CHECK(r.forwardOperations == 2 * 8);    // p = 2 sweeps
    CHECK(r.reverseOperations == 8);        // 1 sweep
    checkAgainstCounter(r, g, x);
}

TEST_CASE("cost counts match the engine's operation counters on random programs", "[cost]") {
    std::mt19937 rng(20261126);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    for (int trial = 0; trial < 40; ++trial) {
        const std::string src = test::randomProgram(rng, 1 + trial % 5, 4 + trial % 20, 1);
        INFO(src);
        Graph g = test::parseOk(src);
        std::vector<double> x(static_cast<std::size_t>(g.inputCount()));
        for (double& v : x) v = u(rng);
        checkAgainstCounter(costOf(g, x), g, x);
    }
}

TEST_CASE("MLP family: p = 4w + 1 parameters, reverse mode stays one sweep", "[cost]") {
    // Per hidden unit: w·1.5, w·0.5, −, + b, σ, w2·h, + into z2 = 7 operations, and 1 + 1 + 2 +
    // 2 + 1 + 2 + 2 = 11 chain-rule products; then z2 − 0.25 and (…)² add 2 and 2. So an
    // evaluation is 7w + 2 operations and a sweep 18w + 4.
    const std::vector<CostRow> rows = costFamily(8);
    REQUIRE(rows.size() == 8);
    for (int w = 1; w <= 8; ++w) {
        const CostRow& r = rows[static_cast<std::size_t>(w - 1)];
        const long long p = 4 * w + 1, evaluation = 7 * w + 2, sweep = 18 * w + 4;
        INFO("w = " << w);
        CHECK(r.width == w);
        CHECK(r.parameters == p);
        CHECK(r.reverseSweeps == 1);
        CHECK(r.forwardSweeps == p);
        CHECK(r.fdOperations == (p + 1) * evaluation);
        CHECK(r.fdCentralOperations == 2 * p * evaluation);
        CHECK(r.forwardOperations == p * sweep);
        CHECK(r.reverseOperations == sweep);
        Graph g = test::parseOk(mlpProgram(w));
        checkAgainstCounter(r, g, std::vector<double>(static_cast<std::size_t>(p), 0.1));
    }
}
