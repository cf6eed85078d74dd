// The benchmark programs (bench/programs.hpp) measure something: at moderate size their values
// and gradients are finite, the outputs depend on every family's inputs, the gradient agrees
// with central differences, and the check the benchmarks run before timing rejects the programs
// that used to be measured (a cancelled t − t, a ladder overflowing to inf).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

#include "bench/programs.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {

double outputSum(const Graph& g, const std::vector<double>& x) {
    std::vector<double> v;
    evaluate(g, std::span<const double>(x), v);
    double s = 0;
    for (const Output& o : g.outputs) s += v[static_cast<std::size_t>(o.node)];
    return s;
}

}  // namespace

TEST_CASE("benchmark programs are finite and depend on their inputs", "[bench][programs]") {
    auto [family, n] = GENERATE(table<const char*, int>({
        {"chain", 20000}, {"sum", 20000}, {"dag", 20000}, {"dag", 2000}, {"ladder", 20000}}));
    const std::string f = family;
    INFO(f << " " << n);
    std::string src = f == "chain" ? bench::unaryChain(n)
                      : f == "sum" ? bench::longSum(n)
                      : f == "dag" ? bench::randomDag(n, 7)
                                   : bench::diamondLadder(n / 2);
    const Graph g = bench::parseProgram(src);
    const std::vector<double> x = bench::point(g);
    CHECK(bench::checkProgram(g, x) == "");

    std::vector<double> value, adjoint, seed(static_cast<std::size_t>(g.outputCount()), 1.0);
    reverseSweep(g, std::span<const double>(x), std::span<const double>(seed), value, adjoint);
    CHECK(std::count_if(value.begin(), value.end(), [](double v) { return !std::isfinite(v); }) == 0);
    // The gradient of the sum of the outputs against central differences, for the first and the
    // last input: non-zero and right, so the output did not forget its inputs.
    for (int i : {0, g.inputCount() - 1}) {
        auto along = [&](double xi) {
            std::vector<double> moved = x;
            moved[static_cast<std::size_t>(i)] = xi;
            return outputSum(g, moved);
        };
        const double h = 1e-7;
        const double fd = (along(x[static_cast<std::size_t>(i)] + h) - along(x[static_cast<std::size_t>(i)] - h)) / (2 * h);
        const double grad = adjoint[static_cast<std::size_t>(i)];
        INFO("input " << i << " gradient " << grad << " difference " << fd);
        CHECK(std::fabs(grad) > 1e-9);
        CHECK(grad == Approx(fd).epsilon(1e-4).margin(1e-9));
    }
}

TEST_CASE("the random DAG has one node per statement and no operand twice", "[bench][programs]") {
    const int n = 5000;
    const Graph g = bench::parseProgram(bench::randomDag(n, 3));
    CHECK(g.size() == n);  // no statement merged with an earlier one by hash-consing
    int twice = 0;
    for (int id = g.inputs; id < g.size(); ++id) twice += g[id].b >= 0 && g[id].a == g[id].b;
    CHECK(twice == 0);
    CHECK(g.outputCount() <= 8);  // only the last window's nodes are unused
}

TEST_CASE("the benchmarks' check rejects programs that measure nothing", "[bench][programs]") {
    const std::vector<double> x{1e-3, 2e-3};
    CHECK(bench::checkProgram(bench::parseProgram("t0 = x\nt1 = y\nt2 = t0 - t0\nt3 = t2 * y\n"), x) != "");
    CHECK(bench::checkProgram(bench::parseProgram("a = exp(exp(exp(10000*x)))\n"), x) != "");
    CHECK(bench::checkProgram(bench::parseProgram("a = sqrt(x - 1)\n"), x) != "");
    // The old ladder a·a + a overflows at x = 0.001 (by 3,000 levels); the new one does not.
    std::string old = "a0 = x\n";
    for (int i = 0; i < 3000; ++i) {
        std::string a = "a" + std::to_string(i);
        old += "a" + std::to_string(i + 1) + " = " + a + "*" + a + " + " + a + "\n";
    }
    CHECK(bench::checkProgram(bench::parseProgram(old), std::vector<double>{1e-3}) != "");
    CHECK(bench::checkProgram(bench::parseProgram(bench::diamondLadder(3000)), std::vector<double>{1e-3}) == "");
}
