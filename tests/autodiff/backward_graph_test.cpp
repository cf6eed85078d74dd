// The backward pass built as graph nodes: its outputs are the gradient; differentiating it
// forward gives H·v as forward-over-reverse does, in reverse the rows of the Hessian.

#include <catch2/catch.hpp>

#include <cmath>

#include "autodiff/sweeps/backward_graph.hpp"
#include "autodiff/sweeps/hessian.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {

std::vector<double> randomVector(std::mt19937& rng, std::size_t n) {
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::vector<double> x(n);
    for (double& v : x) v = u(rng);
    return x;
}

bool close(double a, double b, double rel) {
    return std::fabs(a - b) <= rel * std::max({1.0, std::fabs(a), std::fabs(b)});
}

}  // namespace

TEST_CASE("the backward graph of (x+y)·sin(x), node by node", "[backward-graph]") {
    Graph g = test::parseOk("(x+y)*sin(x)");  // x, y, x+y, sin x, (x+y)·sin x
    BackwardGraph bg = buildBackwardGraph(g, std::vector<double>{1, 2});
    const Graph& e = bg.graph;
    REQUIRE(bg.originalSize == 5);
    for (int id = 0; id < 5; ++id) {
        CHECK(e[id].op == g[id].op);
        CHECK(e[id].a == g[id].a);
        CHECK(e[id].b == g[id].b);
        CHECK(e.wengertName(id) == g.wengertName(id));
    }
    CHECK(e.inputCount() == 2);
    REQUIRE(e.outputCount() == 2);
    CHECK(e.outputs[0].name == "d_x");
    CHECK(e.outputs[1].name == "d_y");
    // ∂f/∂y = v̄(x+y)·1 = sin x: the original node, shared, nothing new.
    CHECK(bg.adjointOf[1] == 3);
    // v̄(sin x) = x + y and v̄(x+y) = sin x are original nodes too; ∂f/∂x = (x+y)·cos x + sin x
    // needs three new nodes: cos x, the product and the sum. The seed is a constant 1.
    CHECK(bg.adjointOf[3] == 2);
    CHECK(bg.adjointOf[2] == 3);
    CHECK(e.size() == 9);
    CHECK(e[5].op == Op::Cos);
    CHECK(e[6].op == Op::Mul);
    CHECK(e[7].op == Op::Add);
    CHECK(bg.adjointOf[4] == 8);
    CHECK(e[8].op == Op::Const);
    CHECK(e[8].constant == 1);
    CHECK(bg.adjointOf[0] == 7);
    CHECK(e.nameOf(7) == "d_x");
    CHECK(e.definition(7) == "v₅ + v₂");
    EvalResult ev = evaluateAt(e, std::vector<double>{1, 2});
    CHECK(ev.outputs[0] == Approx(std::sin(1.0) + 3 * std::cos(1.0)).epsilon(1e-15));
    CHECK(ev.outputs[1] == Approx(std::sin(1.0)).epsilon(1e-15));
}

TEST_CASE("the extended graph's outputs are the gradient", "[backward-graph]") {
    std::mt19937 rng(11);
    for (int trial = 0; trial < 100; ++trial) {
        Graph g =
            test::parseOk(test::randomProgram(rng, 1 + trial % 4, 3 + trial % 20, 1 + trial % 2));
        const auto n = static_cast<std::size_t>(g.inputCount());
        std::vector<double> x = randomVector(rng, n);
        const int out = trial % g.outputCount();
        BackwardGraph bg = buildBackwardGraph(g, x, out);
        std::vector<double> grad = gradient(g, x, out);
        std::vector<double> viaGraph = evaluateAt(bg.graph, x).outputs;
        INFO("trial " << trial);
        REQUIRE(viaGraph.size() == n);
        for (std::size_t i = 0; i < n; ++i) CHECK(close(viaGraph[i], grad[i], 1e-14));
    }
}

TEST_CASE("forward over the extended graph equals forward-over-reverse on random programs",
          "[backward-graph][hessian]") {
    std::mt19937 rng(12345);
    for (int trial = 0; trial < 150; ++trial) {
        Graph g =
            test::parseOk(test::randomProgram(rng, 1 + trial % 4, 3 + trial % 25, 1 + trial % 3));
        const auto n = static_cast<std::size_t>(g.inputCount());
        std::vector<double> x = randomVector(rng, n), v = randomVector(rng, n);
        const int out = trial % g.outputCount();
        BackwardGraph bg = buildBackwardGraph(g, x, out);
        JvpResult viaGraph = jvp(bg.graph, x, v);  // d/dε ∇f(x + εv) = H·v
        HvpResult viaDuals = hvp(g, x, v, out);
        INFO("trial " << trial);
        for (std::size_t i = 0; i < n; ++i) {
            CHECK(close(viaGraph.outputs[i], viaDuals.gradient[i], 1e-14));
            CHECK(close(viaGraph.tangent[i], viaDuals.hvp[i], 1e-12));
        }
    }
}

TEST_CASE("reverse over the extended graph gives the Hessian's rows", "[backward-graph][hessian]") {
    std::mt19937 rng(777);
    for (int trial = 0; trial < 60; ++trial) {
        Graph g = test::parseOk(test::randomProgram(rng, 2 + trial % 3, 5 + trial % 20, 1));
        const auto n = static_cast<std::size_t>(g.inputCount());
        std::vector<double> x = randomVector(rng, n);
        BackwardGraph bg = buildBackwardGraph(g, x);
        std::vector<std::vector<double>> h = hessian(g, x);
        INFO("trial " << trial);
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<double> row = gradient(bg.graph, x, static_cast<int>(i));  // ∇(∂f/∂xᵢ)
            for (std::size_t j = 0; j < n; ++j) CHECK(close(row[j], h[i][j], 1e-12));
        }
    }
}

TEST_CASE("data-dependent partials are resolved at the build point", "[backward-graph]") {
    Graph g = test::parseOk("relu(x)*y + abs(y)");
    SECTION("x > 0: ∂f/∂x = y") {
        BackwardGraph bg = buildBackwardGraph(g, std::vector<double>{2, -3});
        CHECK(evaluateAt(bg.graph, std::vector<double>{2, -3}).outputs[0] == -3);
        CHECK(evaluateAt(bg.graph, std::vector<double>{2, -3}).outputs[1] == 2 - 1);
    }
    SECTION("x < 0: nothing flows through relu, ∂f/∂x is the constant 0") {
        BackwardGraph bg = buildBackwardGraph(g, std::vector<double>{-2, 3});
        const int dx = bg.adjointOf[0];
        CHECK(bg.graph[dx].op == Op::Const);
        CHECK(bg.graph[dx].constant == 0);
        CHECK(evaluateAt(bg.graph, std::vector<double>{-2, 3}).outputs[1] == 1);
    }
}

TEST_CASE("the extended graph of a constant exponent stays readable", "[backward-graph]") {
    // d/dx x^3 = 3·x^(3−1): constant arithmetic folds, 3 − 1 becomes the number 2.
    Graph g = test::parseOk("x^3");
    BackwardGraph bg = buildBackwardGraph(g, std::vector<double>{2});
    const int dx = bg.adjointOf[0];
    CHECK(bg.graph.definition(dx) == "3·v₂");
    CHECK(evaluateAt(bg.graph, std::vector<double>{2}).outputs[0] == 12);
    CHECK(jvp(bg.graph, std::vector<double>{2}, std::vector<double>{1}).tangent[0] == 12);
}

TEST_CASE("building the backward graph of a deep chain needs no recursion", "[backward-graph]") {
    std::string src = "a0 = x\n";
    for (int i = 1; i <= 20000; ++i)
        src += "a" + std::to_string(i) + " = sin(a" + std::to_string(i - 1) + ")\n";
    Graph g = test::parseOk(src);
    BackwardGraph bg = buildBackwardGraph(g, std::vector<double>{0.5});
    CHECK(bg.graph.size() > g.size());
    CHECK(evaluateAt(bg.graph, std::vector<double>{0.5}).outputs[0] ==
          Approx(gradient(g, std::vector<double>{0.5}, 0)[0]).epsilon(1e-13));
}
