// Finite differences against AD: the central difference is accurate at a moderate step, the
// error falls as ε (forward) or ε² (central) while truncation dominates, and rises again at
// tiny steps where cancellation does.

#include <catch2/catch.hpp>

#include <cmath>

#include "autodiff/theory/finite_difference.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {

struct Case {
    const char* src;
    std::vector<double> x, dir;
};

// Smooth functions whose second and third directional derivatives are not zero at the point,
// so both truncation terms (ε/2·f″ and ε²/6·f‴) are really there.
std::vector<Case> smoothCases() {
    return {
        {"sin(x)*exp(y)", {0.7, 0.3}, {1, 0}},
        {"sin(x)*exp(y)", {0.7, 0.3}, {0.6, -0.8}},
        {"log(1 + x^2)/(2 + cos(y))", {0.4, 1.1}, {1, 1}},
        {"tanh(x*y) + sqrt(2 + x)", {0.5, -0.3}, {0, 1}},
        {"atan(x)^3 + sigmoid(x)", {0.9}, {1}},
        {"exp(x)", {0.5}, {1}},
    };
}

// Independent least-squares slope of log₁₀ err against log₁₀ ε for lo ≤ ε ≤ hi.
double slope(const std::vector<FdErrorRow>& rows, bool central, double lo, double hi) {
    double su = 0, sv = 0, suu = 0, suv = 0;
    int n = 0;
    for (const FdErrorRow& r : rows) {
        if (r.eps < lo * 0.999 || r.eps > hi * 1.001) continue;
        const double u = std::log10(r.eps);
        const double v = std::log10(central ? r.centralError : r.forwardError);
        su += u; sv += v; suu += u * u; suv += u * v;
        ++n;
    }
    REQUIRE(n >= 5);
    return (n * suv - su * sv) / (n * suu - su * su);
}

const FdErrorRow& rowNear(const std::vector<FdErrorRow>& rows, double eps) {
    const FdErrorRow* best = &rows.front();
    for (const FdErrorRow& r : rows)
        if (std::fabs(std::log10(r.eps / eps)) < std::fabs(std::log10(best->eps / eps))) best = &r;
    return *best;
}

}  // namespace

TEST_CASE("central difference at eps = 1e-5 is within 1e-8 of AD for smooth functions", "[fd]") {
    for (const Case& c : smoothCases()) {
        INFO(c.src);
        Graph g = test::parseOk(c.src);
        const double ad = jvp(g, c.x, c.dir).tangent[0];
        int passes = 0;
        const double fd = centralDifference(g, c.x, c.dir, 1e-5, 0, &passes);
        CHECK(std::fabs(fd - ad) < 1e-8);
        CHECK(passes == 2);  // f(x + εd) and f(x − εd)
    }
    SECTION("and AD is the derivative by hand: (x+y)·sin x at (1, 2) along x") {
        Graph g = test::parseOk("(x+y)*sin(x)");
        const double byHand = std::sin(1.0) + 3 * std::cos(1.0);
        const std::vector<double> x{1, 2}, dir{1, 0};
        CHECK(std::fabs(centralDifference(g, x, dir, 1e-5, 0) - byHand) < 1e-8);
        int passes = 0;
        CHECK(std::fabs(forwardDifference(g, x, dir, 1e-5, 0, &passes) - byHand) < 1e-4);
        CHECK(passes == 2);  // f(x) and f(x + εd)
    }
}

TEST_CASE("where truncation dominates the error slope is 1 (forward) and 2 (central)", "[fd]") {
    for (const Case& c : smoothCases()) {
        INFO(c.src);
        Graph g = test::parseOk(c.src);
        const std::vector<FdErrorRow> rows = fdErrorSweep(g, c.x, c.dir, 0, 4);
        REQUIRE(rows.size() == 65);  // 16 decades, 4 points each, both ends included
        CHECK(rows.front().eps == Approx(1e-16));
        CHECK(rows.back().eps == Approx(1.0));
        // Truncation ε·f″/2 ≫ rounding u·f/ε for ε ≥ 1e-5; ε²·f‴/6 ≫ u·f/ε for ε ≥ 1e-3.
        CHECK(slope(rows, false, 1e-5, 1e-2) == Approx(1.0).margin(0.05));
        CHECK(slope(rows, true, 1e-3, 1e-1) == Approx(2.0).margin(0.1));
        // What the chart prints next to the curves agrees.
        const FdBest best = bestEpsilon(c.x, c.dir, rows);
        CHECK(best.forwardTruncationSlope == Approx(1.0).margin(0.1));
        CHECK(best.centralTruncationSlope == Approx(2.0).margin(0.1));
    }
}

TEST_CASE("at eps = 1e-15 cancellation makes the error larger than at the best eps", "[fd]") {
    for (const Case& c : smoothCases()) {
        INFO(c.src);
        Graph g = test::parseOk(c.src);
        const std::vector<FdErrorRow> rows = fdErrorSweep(g, c.x, c.dir, 0, 4);
        const FdBest best = bestEpsilon(c.x, c.dir, rows);
        const FdErrorRow& tiny = rowNear(rows, 1e-15);
        CHECK(tiny.forwardError > 100 * best.minForwardError);
        CHECK(tiny.centralError > 100 * best.minCentralError);
        // The best steps lie near the rules of thumb √u and u^(1/3) (times the scale).
        CHECK(best.measuredForward > best.ruleForward / 100);
        CHECK(best.measuredForward < best.ruleForward * 100);
        CHECK(best.measuredCentral > best.ruleCentral / 100);
        CHECK(best.measuredCentral < best.ruleCentral * 100);
        // AD's own error is at machine precision, a few ulps at most.
        const double ad = std::fabs(jvp(g, c.x, c.dir).tangent[0]);
        CHECK(tiny.adError <= 1e-14 * std::max(1.0, ad));
    }
}
