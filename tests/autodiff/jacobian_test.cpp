// Full Jacobians by n forward sweeps and by m reverse sweeps: the same matrix, equal to a hand
// derivation and to central differences; the measured costs scale with the number of sweeps.

#include <catch2/catch.hpp>

#include <cmath>

#include "autodiff/sweeps/jacobian.hpp"
#include "autodiff/sweeps/sweep.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {

// Operations of one sweep counted independently of OpCounter: one per operation node, one per
// use of a non-constant operand (the chain-rule products).
long long operationsOfOneSweep(const Graph& g) {
    long long ops = 0;
    for (int id = g.inputs; id < g.size(); ++id) {
        if (g[id].op == Op::Const) continue;
        ++ops;
        for (int s = 0; s < g[id].arity(); ++s) ops += g[g[id].operand(s)].op != Op::Const;
    }
    return ops;
}

std::vector<double> randomPoint(std::mt19937& rng, const Graph& g) {
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::vector<double> x(static_cast<std::size_t>(g.inputCount()));
    for (double& v : x) v = u(rng);
    return x;
}

}  // namespace

TEST_CASE("Jacobian of a 2-input, 3-output program by hand", "[jacobian]") {
    Graph g = test::parseOk("p = x*y\nq = sin(x) + y^2\nr = x\n");
    REQUIRE(g.outputCount() == 3);
    const double x = 0.5, y = -1.5;
    const double expect[3][2] = {{y, x}, {std::cos(x), 2 * y}, {1, 0}};
    std::vector<double> at{x, y};
    for (const JacobianResult& r : {jacobianForward(g, at), jacobianReverse(g, at)}) {
        INFO(modeName(r.method));
        REQUIRE(r.matrix.size() == 3);
        for (std::size_t j = 0; j < 3; ++j) {
            REQUIRE(r.matrix[j].size() == 2);
            for (std::size_t i = 0; i < 2; ++i)
                CHECK(r.matrix[j][i] == Approx(expect[j][i]).epsilon(1e-15));
        }
        CHECK(r.outputs[0] == Approx(x * y));
        CHECK(r.warnings.empty());
    }
    CHECK(jacobianForward(g, at).cost.sweeps == 2);
    CHECK(jacobianReverse(g, at).cost.sweeps == 3);
}

TEST_CASE("forward and reverse Jacobians agree with each other and with central differences",
          "[jacobian]") {
    std::mt19937 rng(4242);
    for (int trial = 0; trial < 60; ++trial) {
        Graph g = test::parseOk(
            test::randomProgram(rng, 1 + trial % 4, 4 + trial % 12, 1 + trial % 4));
        std::vector<double> x = randomPoint(rng, g);
        JacobianResult f = jacobianForward(g, x), r = jacobianReverse(g, x);
        INFO("trial " << trial);
        for (int j = 0; j < g.outputCount(); ++j) {
            for (int i = 0; i < g.inputCount(); ++i) {
                const auto J = static_cast<std::size_t>(j), I = static_cast<std::size_t>(i);
                auto along = [&](double t) {
                    std::vector<double> xt = x;
                    xt[I] = t;
                    return test::valueAt(g, xt, j);
                };
                const double fd = test::centralDifference(along, x[I]);
                CHECK(f.matrix[J][I] == Approx(r.matrix[J][I]).epsilon(1e-12).margin(1e-14));
                CHECK(f.matrix[J][I] == Approx(fd).epsilon(1e-6).margin(1e-7));
            }
        }
    }
}

TEST_CASE("Jacobian entries equal single JVPs and VJPs exactly", "[jacobian]") {
    // The counted scalars do the same floating-point operations as doubles, bit for bit.
    std::mt19937 rng(7);
    Graph g = test::parseOk(test::randomProgram(rng, 3, 10, 2));
    std::vector<double> x = randomPoint(rng, g);
    JacobianResult f = jacobianForward(g, x), r = jacobianReverse(g, x);
    for (int i = 0; i < g.inputCount(); ++i) {
        std::vector<double> e(static_cast<std::size_t>(g.inputCount()), 0.0);
        e[static_cast<std::size_t>(i)] = 1;
        JvpResult col = jvp(g, x, e);
        for (int j = 0; j < g.outputCount(); ++j)
            CHECK(f.matrix[static_cast<std::size_t>(j)][static_cast<std::size_t>(i)] ==
                  col.tangent[static_cast<std::size_t>(j)]);
    }
    for (int j = 0; j < g.outputCount(); ++j)
        CHECK(r.matrix[static_cast<std::size_t>(j)] == gradient(g, x, j));
}

TEST_CASE("Jacobian costs scale as n forward sweeps and m reverse sweeps", "[jacobian]") {
    std::mt19937 rng(99);
    for (int trial = 0; trial < 20; ++trial) {
        Graph g = test::parseOk(test::randomProgram(rng, 1 + trial % 5, 6 + trial, 1 + trial % 3));
        std::vector<double> x = randomPoint(rng, g);
        const long long n = g.inputCount(), m = g.outputCount();
        INFO("trial " << trial << ", n = " << n << ", m = " << m);
        REQUIRE(n >= 1);

        // One sweep of each kind, measured on its own.
        OpCounter fwd(g), rev(g);
        std::vector<double> dir(static_cast<std::size_t>(n), 0.0);
        std::vector<double> seed(static_cast<std::size_t>(m), 0.0);
        dir[0] = 1;
        seed[0] = 1;
        std::vector<Dual<double>> node;
        std::vector<double> value, adjoint;
        forwardSweep(g, std::span<const double>(x), std::span<const double>(dir), node, fwd);
        reverseSweep(g, std::span<const double>(x), std::span<const double>(seed), value, adjoint,
                     rev);
        CHECK(fwd.operations() == operationsOfOneSweep(g));
        CHECK(rev.operations() == operationsOfOneSweep(g));
        CHECK(rev.seeds == m);

        JacobianResult f = jacobianForward(g, x), r = jacobianReverse(g, x);
        CHECK(f.cost.sweeps == n);
        CHECK(r.cost.sweeps == m);
        CHECK(f.cost.operations == n * fwd.operations());
        CHECK(r.cost.operations == m * rev.operations());
        CHECK(f.cost.flops > 0);
        CHECK(r.cost.flops > 0);
    }
}

TEST_CASE("auto picks the method with fewer sweeps and reports the other's cost", "[jacobian]") {
    std::vector<double> x{0.3, -0.2, 0.9};
    SECTION("one input, three outputs: forward") {
        Graph g = test::parseOk("a = sin(x)\nb = x*x\nc = exp(x)\n");
        JacobianResult r = jacobian(g, std::vector<double>{0.3}, JacobianMethod::Auto);
        CHECK(r.method == Mode::Forward);
        CHECK(r.cost.sweeps == 1);
        CHECK(r.otherCost.sweeps == 3);
        CHECK(r.otherCost.operations == 3 * r.cost.operations);
    }
    SECTION("three inputs, one output: reverse") {
        Graph g = test::parseOk("x*y + sin(z)");
        JacobianResult r = jacobian(g, x, JacobianMethod::Auto);
        CHECK(r.method == Mode::Reverse);
        CHECK(r.cost.sweeps == 1);
        CHECK(r.otherCost.sweeps == 3);
        CHECK(r.otherCost.operations == 3 * r.cost.operations);
    }
    SECTION("as many inputs as outputs: a tie, reverse") {
        Graph g = test::parseOk("a = x*y\nb = x + y\n");
        JacobianResult r = jacobian(g, std::vector<double>{1, 2}, JacobianMethod::Auto);
        CHECK(r.method == Mode::Reverse);
        CHECK(r.cost.operations == r.otherCost.operations);
    }
    SECTION("an explicit method is obeyed") {
        Graph g = test::parseOk("x*y + sin(z)");
        CHECK(jacobian(g, x, JacobianMethod::Forward).method == Mode::Forward);
        CHECK(jacobian(g, x, JacobianMethod::Forward).otherCost.sweeps == 1);
    }
    CHECK(jacobianMethodNamed("auto") == JacobianMethod::Auto);
    CHECK_FALSE(jacobianMethodNamed("sideways").has_value());
}

TEST_CASE("forward mode stores only live values, reverse mode the whole tape", "[jacobian]") {
    // a chain of 50 sines: a forward sweep needs two (value, tangent) pairs at a time, a
    // reverse sweep keeps all 51 values for the backward sweep plus 51 adjoints.
    std::string src = "a0 = x\n";
    for (int i = 1; i <= 50; ++i)
        src += "a" + std::to_string(i) + " = sin(a" + std::to_string(i - 1) + ")\n";
    Graph g = test::parseOk(src);
    std::vector<double> x{0.5};
    CHECK(jacobianForward(g, x).cost.valuesStored == 4);
    CHECK(jacobianReverse(g, x).cost.valuesStored == 2 * 51);
}

TEST_CASE("jacobianTraces records one sweep per column or row", "[jacobian][trace]") {
    Graph g = test::parseOk("p = x*y\nq = sin(x) + y\nr = y\n");
    std::vector<double> x{0.5, 2};
    JacobianResult ref = jacobianForward(g, x);
    auto cols = jacobianTraces(g, x, Mode::Forward);
    auto rows = jacobianTraces(g, x, Mode::Reverse);
    REQUIRE(cols.size() == 2);
    REQUIRE(rows.size() == 3);
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 3; ++j) {
            CHECK(cols[i].result[j] == Approx(ref.matrix[j][i]).epsilon(1e-15));
            CHECK(rows[j].result[i] == Approx(ref.matrix[j][i]).epsilon(1e-15));
        }
    CHECK(jacobianTraces(g, x, Mode::ForwardOverReverse).empty());
}
