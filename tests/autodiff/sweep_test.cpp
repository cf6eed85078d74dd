// Forward and reverse sweeps: the seed example by hand, every op through both modes, and
// ȳᵀ(J·ẋ) computed both ways on random programs.

#include <catch2/catch.hpp>

#include <cmath>

#include "autodiff/dual.hpp"
#include "autodiff/sweeps/sweep.hpp"
#include "test_support.hpp"

using namespace adviz;

TEST_CASE("(x+y)*sin(x) at (1,2) by hand", "[forward][reverse]") {
    Graph g = test::parseOk("(x+y)*sin(x)");
    std::vector<double> x{1, 2};
    const double f = 3 * std::sin(1.0);
    const double dfdx = std::sin(1.0) + 3 * std::cos(1.0);
    const double dfdy = std::sin(1.0);

    SECTION("evaluation") { CHECK(evaluateAt(g, x).outputs[0] == Approx(f).epsilon(1e-15)); }
    SECTION("forward mode, one sweep per input direction") {
        JvpResult rx = jvp(g, x, std::vector<double>{1, 0});
        JvpResult ry = jvp(g, x, std::vector<double>{0, 1});
        CHECK(rx.outputs[0] == Approx(f).epsilon(1e-15));
        CHECK(rx.tangent[0] == Approx(dfdx).epsilon(1e-15));
        CHECK(ry.tangent[0] == Approx(dfdy).epsilon(1e-15));
    }
    SECTION("reverse mode, one sweep for the whole gradient") {
        VjpResult r = vjp(g, x, std::vector<double>{1});
        CHECK(r.cotangent[0] == Approx(dfdx).epsilon(1e-15));
        CHECK(r.cotangent[1] == Approx(dfdy).epsilon(1e-15));
    }
}

TEST_CASE("every function through forward and reverse mode matches finite differences",
          "[forward][reverse]") {
    auto [src, at] = GENERATE(table<const char*, double>({
        {"sin(x)", 0.7}, {"cos(x)", 0.7}, {"tan(x)", 0.7}, {"asin(x)", 0.3}, {"acos(x)", 0.3},
        {"atan(x)", 2.0}, {"exp(x)", 0.7}, {"log(x)", 0.7}, {"sqrt(x)", 0.7}, {"tanh(x)", 0.7},
        {"sigmoid(x)", 0.7}, {"relu(x)", 0.7}, {"relu(x)", -0.7}, {"abs(x)", -0.7},
        {"sinh(x)", 0.7}, {"cosh(x)", 0.7}, {"log1p(x)", 0.7}, {"pow(x, 3)", 0.7},
        {"pow(2, x)", 0.7}, {"x^x", 0.7}, {"min(x, 1)", 0.7}, {"max(x, 1)", 0.7}, {"-x", 0.7},
        {"x/3", 0.7}, {"3/x", 0.7}, {"x - 3", 0.7}, {"3 - x", 0.7}, {"x*x*x", 0.7},
    }));
    INFO(src << " at " << at);
    Graph g = test::parseOk(src);
    std::vector<double> x{at};
    double fd = test::centralDifference([&](double t) { return test::valueAt(g, {t}); }, at);
    double fwd = jvp(g, x, std::vector<double>{1}).tangent[0];
    double rev = vjp(g, x, std::vector<double>{1}).cotangent[0];
    CHECK(fwd == Approx(fd).epsilon(1e-7));
    CHECK(rev == Approx(fwd).epsilon(1e-14));
}

TEST_CASE("forward and reverse agree: ybar·(J·xdot) both ways on random programs",
          "[forward][reverse]") {
    std::mt19937 rng(20261124);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    int checked = 0;
    for (int trial = 0; trial < 300; ++trial) {
        const int n = 1 + trial % 4, m = 1 + trial % 3;
        Graph g = test::parseOk(test::randomProgram(rng, n, 5 + trial % 25, m));
        // Inputs are those the program uses, in order of appearance (maybe fewer than n).
        std::vector<double> x(static_cast<std::size_t>(g.inputCount())), xdot(x.size());
        std::vector<double> ybar(static_cast<std::size_t>(g.outputCount()));
        for (double& v : x) v = u(rng);
        for (double& v : xdot) v = u(rng);
        for (double& v : ybar) v = u(rng);
        JvpResult f = jvp(g, x, xdot);
        VjpResult r = vjp(g, x, ybar);
        double viaForward = 0, viaReverse = 0, scale = 0;
        for (std::size_t j = 0; j < ybar.size(); ++j) {
            viaForward += ybar[j] * f.tangent[j];
            scale += std::fabs(ybar[j] * f.tangent[j]);
        }
        for (std::size_t i = 0; i < x.size(); ++i) {
            viaReverse += r.cotangent[i] * xdot[i];
            scale += std::fabs(r.cotangent[i] * xdot[i]);
        }
        INFO("trial " << trial);
        REQUIRE(std::isfinite(viaForward));
        CHECK(std::fabs(viaForward - viaReverse) <= 1e-12 * std::max(scale, 1e-300));
        ++checked;
    }
    CHECK(checked == 300);
}

TEST_CASE("reverse mode over a diamond ladder is linear, not exponential", "[reverse]") {
    // x_{i+1} = x_i·x_i + x_i: every level uses the previous one three times, so a reverse mode
    // that walked every path would do 3^60 steps. One visit per node finishes at once.
    std::string src = "a0 = x\n";
    for (int i = 0; i < 60; ++i)
        src += "a" + std::to_string(i + 1) + " = a" + std::to_string(i) + "*a" + std::to_string(i) +
               " + a" + std::to_string(i) + "\n";
    Graph g = test::parseOk(src);
    CHECK(g.size() == 1 + 2 * 60);
    // d/dx of the ladder at x = 0 is exactly 1 (each level: 2·0·1 + 1); at x = −1 each level is 0.
    CHECK(vjp(g, std::vector<double>{0.0}, std::vector<double>{1}).cotangent[0] == 1);
    // At a small x the derivative is Π (2xᵢ + 1), computed independently here.
    double xi = 1e-3, expect = 1;
    for (int i = 0; i < 60; ++i) { expect *= 2 * xi + 1; xi = xi * xi + xi; }
    CHECK(vjp(g, std::vector<double>{1e-3}, std::vector<double>{1}).cotangent[0] ==
          Approx(expect).epsilon(1e-13));
}

TEST_CASE("the reverse sweep runs on dual numbers (forward over reverse)", "[reverse][dual]") {
    // ∇f along a dual input carries H·v in the tangent part. f = x²y: ∇f = (2xy, x²),
    // H = [[2y, 2x], [2x, 0]].
    Graph g = test::parseOk("x^2*y");
    using D = Dual<double>;
    std::vector<D> x{{1.5, 1.0}, {-2.0, 0.5}};  // v = (1, 0.5)
    std::vector<D> seed{D(1.0)};
    std::vector<D> value, adjoint;
    reverseSweep(g, std::span<const D>(x), std::span<const D>(seed), value, adjoint);
    CHECK(adjoint[0].v == Approx(2 * 1.5 * -2.0));
    CHECK(adjoint[1].v == Approx(1.5 * 1.5));
    CHECK(adjoint[0].d == Approx(2 * -2.0 * 1.0 + 2 * 1.5 * 0.5));
    CHECK(adjoint[1].d == Approx(2 * 1.5 * 1.0));
}

TEST_CASE("a constant exponent does not poison the tangent at a negative base", "[forward]") {
    Graph g = test::parseOk("x^2");
    CHECK(jvp(g, std::vector<double>{-1}, std::vector<double>{1}).tangent[0] == -2);
    CHECK(vjp(g, std::vector<double>{-1}, std::vector<double>{1}).cotangent[0] == -2);
}

namespace {
struct Counting {  // a recorder that only counts the adjoint steps
    static constexpr bool enabled = true;
    int adjoints = 0;
    template <class... A> void primal(A&&...) {}
    template <class... A> void tangent(A&&...) {}
    template <class... A> void seed(A&&...) {}
    template <class... A> void adjoint(A&&...) { ++adjoints; }
};
}  // namespace

// The unrecorded sweep accumulates into constants like any node and clears them when it reaches
// them (no check per edge); the recorded one never touches them. Both must end the same.
TEST_CASE("constants receive no adjoint, recorded or not, and a constant output keeps its seed",
          "[reverse]") {
    Graph g = test::parseOk("f = 3*x*x + 2/x\ng = 5\nh = sin(2)*x");
    const std::vector<double> x{0.7}, seed{1, 2, 3};
    std::vector<double> value, fast, slow;
    reverseSweep(g, std::span<const double>(x), std::span<const double>(seed), value, fast);
    Counting rec;
    reverseSweep(g, std::span<const double>(x), std::span<const double>(seed), value, slow, rec);
    CHECK(rec.adjoints > 0);
    for (int id = 0; id < g.size(); ++id) {
        INFO("node " << id << " " << info(g[id].op).name);
        CHECK(fast[static_cast<std::size_t>(id)] == slow[static_cast<std::size_t>(id)]);
        const bool constantOutput = id == g.outputs[1].node;
        if (g[id].op == Op::Const) CHECK(fast[static_cast<std::size_t>(id)] == (constantOutput ? 2.0 : 0.0));
    }
    // d/dx (3x² + 2/x) + 3·sin(2) at 0.7, with the seeds 1 and 3.
    CHECK(fast[0] == Approx(6 * 0.7 - 2 / (0.7 * 0.7) + 3 * std::sin(2.0)).epsilon(1e-14));
}

namespace {
// The reverse sweep as the textbook writes it, for the test below: ū accumulated in memory edge
// by edge, each partial from opPartials (the same table entry on the same operands), constants
// left alone, zero adjoints skipped (what chainTerm's zero rule gives).
std::vector<double> textbookAdjoints(const Graph& g, std::span<const double> x,
                                     std::span<const double> ybar) {
    std::vector<double> value;
    evaluate(g, x, value);
    std::vector<double> adj(value.size(), 0.0);
    for (std::size_t j = 0; j < g.outputs.size(); ++j)
        adj[static_cast<std::size_t>(g.outputs[j].node)] += ybar[j];
    for (int id = g.size() - 1; id >= g.inputs; --id) {
        const Node& nd = g[id];
        const double vbar = adj[static_cast<std::size_t>(id)];
        if (nd.op == Op::Const || vbar == 0) continue;
        const double a = value[static_cast<std::size_t>(nd.a)];
        const double b = nd.b >= 0 ? value[static_cast<std::size_t>(nd.b)] : a;
        double p[2];
        opPartials(nd.op, a, b, value[static_cast<std::size_t>(id)], p[0], p[1]);
        for (int slot = 0; slot < nd.arity(); ++slot) {
            const int u = nd.operand(slot);
            if (g[u].op != Op::Const) adj[static_cast<std::size_t>(u)] += p[slot] * vbar;
        }
    }
    return adj;
}

void checkAgainstTextbook(const Graph& g, std::span<const double> x, std::span<const double> ybar) {
    const std::vector<double> expect = textbookAdjoints(g, x, ybar);
    std::vector<double> value, fast, slow;
    reverseSweep(g, x, ybar, value, fast);
    Counting rec;
    reverseSweep(g, x, ybar, value, slow, rec);
    REQUIRE(fast.size() == expect.size());
    REQUIRE(slow.size() == expect.size());
    for (std::size_t id = 0; id < expect.size(); ++id) {
        INFO("node " << id << " " << info(g[static_cast<int>(id)].op).name);
        // Bit for bit (NaN compared as NaN): the sweep sums each ū in the same order.
        const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
        CHECK(same(fast[id], expect[id]));
        CHECK(same(slow[id], expect[id]));
    }
}
}  // namespace

// The sweep keeps the adjoint of the node just below in a register and sends a unary op's
// missing second edge to a sink slot (sweep.hpp): neither may change a single bit.
TEST_CASE("the reverse sweep's adjoints equal the textbook loop's, bit for bit", "[reverse]") {
    SECTION("random programs, recorded and not") {
        std::mt19937 rng(20261202);
        std::uniform_real_distribution<double> u(-1.0, 1.0);
        for (int trial = 0; trial < 300; ++trial) {
            Graph g = test::parseOk(test::randomProgram(rng, 1 + trial % 4, 3 + trial % 30, 1 + trial % 3));
            std::vector<double> x(static_cast<std::size_t>(g.inputCount())), ybar(g.outputs.size());
            for (double& v : x) v = u(rng);
            for (double& v : ybar) v = u(rng);
            INFO("trial " << trial);
            checkAgainstTextbook(g, x, ybar);
        }
    }
    SECTION("a chain and a ladder: every edge to the node just below") {
        Graph chain = test::parseOk("a = sin(x)\nb = exp(a)\nc = -b\nd = c*c\nk = d - c\nf = sqrt(k + 2)");
        checkAgainstTextbook(chain, std::vector<double>{0.3}, std::vector<double>{1.5});
    }
    SECTION("an infinite adjoint through a unary op stays infinite (0·∞ goes to the sink)") {
        // d/dx sqrt(sin(x)) at 0: ∂sqrt/∂u = +inf at u = 0, times cos 0 = 1.
        Graph g = test::parseOk("sqrt(sin(x))");
        checkAgainstTextbook(g, std::vector<double>{0.0}, std::vector<double>{1});
        std::vector<double> value, adjoint;
        reverseSweep(g, std::span<const double>(std::vector<double>{0.0}),
                     std::span<const double>(std::vector<double>{1}), value, adjoint);
        CHECK(adjoint[0] == INFINITY);
        CHECK(adjoint[1] == INFINITY);  // the sin node's own adjoint, not 0·∞ = NaN
    }
    SECTION("a program with no inputs") {
        Graph g = test::parseOk("f = sin(2)*3\ng = f*f");
        REQUIRE(g.inputCount() == 0);
        checkAgainstTextbook(g, std::vector<double>{}, std::vector<double>{1, 2});
    }
}
