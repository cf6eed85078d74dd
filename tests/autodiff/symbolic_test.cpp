// The naive symbolic differentiator: sizes of families whose swell is worked out by hand, the
// printed derivative read back by the parser equal to AD, and the guards on size and depth.

#include <catch2/catch.hpp>

#include <cmath>

#include "autodiff/theory/symbolic.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {

// The printed derivative parsed again and evaluated at the point, inputs matched by name.
double reparsed(const std::string& text, const Graph& g, const std::vector<double>& x) {
    INFO(text);
    Graph d = test::parseOk(text);
    std::vector<double> at;
    for (int i = 0; i < d.inputCount(); ++i) {
        const int k = g.inputIndex(d.inputName(i));
        REQUIRE(k >= 0);
        at.push_back(x[static_cast<std::size_t>(k)]);
    }
    return test::valueAt(d, at);
}

}  // namespace

TEST_CASE("nested sin(sin(...sin(x))): quadratic as a tree, linear after CSE", "[symbolic]") {
    // sₙ = sin(sₙ₋₁), s₀ = x; tree |sₙ| = n + 1. d sₙ = cos(sₙ₋₁)·d sₙ₋₁ with d s₁ = cos(x)
    // (cos(x)·1 simplified): |d sₙ| = 1 + (1 + |sₙ₋₁|) + |d sₙ₋₁|. After CSE each level adds
    // sₙ₋₁, cos(sₙ₋₁) and the product: 3 nodes, from x, cos(x) at n = 1.
    const std::vector<SwellRow> rows = swellFamily(SwellFamily::Nested, 12);
    REQUIRE(rows.size() == 12);
    long long d = 2, c = 2;
    for (int n = 1; n <= 12; ++n) {
        if (n > 1) {
            d = 1 + (1 + n) + d;
            c += 3;
        }
        const SwellRow& r = rows[static_cast<std::size_t>(n - 1)];
        INFO("n = " << n);
        CHECK(r.n == n);
        CHECK(r.adNodes == n + 1);
        CHECK(r.functionTreeNodes == n + 1);
        CHECK(r.derivativeTreeNodes == d);
        CHECK(r.derivativeTreeNodes == n * (n + 1) / 2 + 2 * n - 1);  // the closed form
        CHECK(r.afterCse == c);
    }
}

TEST_CASE("repeated squaring f_k = f_(k-1)^2 as products: exponential as a tree", "[symbolic]") {
    // |fₖ| = 2|fₖ₋₁| + 1, |f₀| = 1. d fₖ = fₖ₋₁·d fₖ₋₁ + fₖ₋₁·d fₖ₋₁ (the product rule on
    // fₖ₋₁·fₖ₋₁), d f₁ = x + x: |d fₖ| = 1 + 2(1 + |fₖ₋₁| + |d fₖ₋₁|). After CSE the two terms
    // are one: each level adds fₖ₋₁, the product and the sum.
    const std::vector<SwellRow> rows = swellFamily(SwellFamily::Squaring, 20);
    REQUIRE(rows.size() == 20);
    long long f = 1, d = 3;
    for (int n = 1; n <= 20; ++n) {
        if (n > 1) d = 1 + 2 * (1 + f + d);
        f = 2 * f + 1;
        const SwellRow& r = rows[static_cast<std::size_t>(n - 1)];
        INFO("n = " << n);
        CHECK(r.adNodes == n + 1);
        CHECK(r.functionTreeNodes == f);
        CHECK(r.derivativeTreeNodes == d);
        CHECK(r.derivativeTreeNodes == n * (2LL << n) - 1);  // n·2ⁿ⁺¹ − 1
        CHECK(r.afterCse == 3 * n - 1);
    }
}

TEST_CASE("gradient of the product x1*...*xn: quadratic even after CSE", "[symbolic]") {
    // Pₖ = Pₖ₋₁·xₖ. ∂Pₙ/∂xᵢ = xₙ·(…·(xᵢ₊₁·Pᵢ₋₁)) has |Pᵢ₋₁| + 2(n − i) nodes (i ≥ 2) and
    // ∂Pₙ/∂x₁ = xₙ·(…·x₂) has 2n − 3. After CSE: n inputs, the prefixes P₂ … Pₙ₋₁, and n − i
    // new products for each i ≥ 2 (n − 2 for i = 1).
    const std::vector<SwellRow> rows = swellFamily(SwellFamily::Product, 15);
    for (int n = 2; n <= 15; ++n) {
        long long d = 2 * n - 3, c = n + (n - 2) + (n - 2);
        for (int i = 2; i <= n; ++i) {
            d += (2 * (i - 1) - 1) + 2 * (n - i);
            c += n - i;
        }
        const SwellRow& r = rows[static_cast<std::size_t>(n - 1)];
        INFO("n = " << n);
        CHECK(r.adNodes == 2 * n - 1);
        CHECK(r.functionTreeNodes == 2 * n - 1);
        CHECK(r.derivativeTreeNodes == d);
        CHECK(r.derivativeTreeNodes == n * (2 * n - 3));
        CHECK(r.afterCse == c);
    }
}

TEST_CASE("the derivative of (x+y)*sin(x) printed", "[symbolic]") {
    Graph g = test::parseOk("(x+y)*sin(x)");
    const SymExpr grad = symbolicGradient(g, std::vector<double>{1, 2}, 0);
    REQUIRE(grad.roots.size() == 2);
    CHECK(print(grad, grad.roots[0]) == "sin(x) + (x + y)*cos(x)");
    CHECK(print(grad, grad.roots[1]) == "sin(x)");
    CHECK(treeSize(grad, grad.roots[0]) == 9);
    CHECK(treeSize(grad) == 11);
    CHECK(rootTreeSizes(grad) == std::vector<long long>{9, 2});
    CHECK(dagSize(grad) == 7);  // x, y, sin x, cos x, x + y, the product, the sum
    CHECK(treeSize(functionTree(g, 0)) == 6);  // x appears twice in the tree
    CHECK(print(grad, grad.roots[0], 10) == "sin(x) + (…");
    const SymExpr dx = differentiate(functionTree(g, 0), 0, std::vector<double>{1, 2});
    CHECK(print(dx, dx.roots[0]) == "sin(x) + (x + y)*cos(x)");
}

TEST_CASE("every operation: the printed derivative reads back to the AD value", "[symbolic]") {
    auto [src, at] = GENERATE(table<const char*, double>({
        {"sin(x)", 0.7}, {"cos(x)", 0.7}, {"tan(x)", 0.7}, {"asin(x)", 0.3}, {"acos(x)", 0.3},
        {"atan(x)", 2.0}, {"exp(x)", 0.7}, {"log(x)", 0.7}, {"sqrt(x)", 0.7}, {"tanh(x)", 0.7},
        {"sigmoid(x)", 0.7}, {"relu(x)", 0.7}, {"relu(x)", -0.7}, {"abs(x)", -0.7},
        {"sinh(x)", 0.7}, {"cosh(x)", 0.7}, {"log1p(x)", 0.7}, {"pow(x, 3)", 0.7},
        {"pow(2, x)", 0.7}, {"x^x", 0.7}, {"min(x, 1)", 0.7}, {"max(x, 1)", 0.7}, {"-x", 0.7},
        {"x/3", 0.7}, {"3/x", 0.7}, {"x - 3", 0.7}, {"3 - x", 0.7}, {"x*x*x", 0.7},
        // Shapes the printer must parenthesize (or not) exactly right.
        {"(x^2)^3", 0.7}, {"2^x^2", 0.7}, {"(-x)^3", 0.7}, {"-x^2", 0.7}, {"x^-2", 0.7},
        {"x/(x/(1+x))", 0.7}, {"x - (x - x^2)", 0.7}, {"x*(-x)", 0.7}, {"1/(-2*x)", 0.7},
        {"exp(-x)/(1 - x)^-0.5", 0.7}, {"-(x*3) - -x", 0.7}, {"(x + 1e-300)*1e300", 0.7},
    }));
    INFO(src << " at " << at);
    Graph g = test::parseOk(src);
    const std::vector<double> x{at};
    const SymExpr grad = symbolicGradient(g, x, 0);
    const double ad = gradient(g, x, 0)[0];
    CHECK(reparsed(print(grad, grad.roots[0]), g, x) == Approx(ad).epsilon(1e-13));
    // The function itself prints and reads back too.
    const SymExpr f = functionTree(g, 0);
    CHECK(reparsed(print(f, f.roots[0]), g, x) == Approx(test::valueAt(g, x)).epsilon(1e-15));
}

TEST_CASE("random programs: the printed symbolic gradient reads back to the AD gradient",
          "[symbolic]") {
    std::mt19937 rng(20261125);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    int checked = 0;
    for (int trial = 0; trial < 150; ++trial) {
        const std::string src = test::randomProgram(rng, 1 + trial % 4, 3 + trial % 12, 1);
        INFO(src);
        Graph g = test::parseOk(src);
        std::vector<double> x(static_cast<std::size_t>(g.inputCount()));
        for (double& v : x) v = u(rng);
        const SymExpr grad = symbolicGradient(g, x, 0);
        REQUIRE(!grad.tooLarge);
        const std::vector<double> ad = gradient(g, x, 0);
        for (std::size_t i = 0; i < grad.roots.size(); ++i) {
            if (treeSize(grad, grad.roots[i]) > 20000) continue;  // keep the texts short
            const double v = reparsed(print(grad, grad.roots[i]), g, x);
            CHECK(v == Approx(ad[i]).epsilon(1e-11).margin(1e-12));
            ++checked;
        }
    }
    CHECK(checked > 150);
}

TEST_CASE("huge and deep expressions: counted without recursion, capped in memory",
          "[symbolic]") {
    SECTION("a composition 100000 deep") {
        Graph g = test::parseOk(familyProgram(SwellFamily::Nested, 100000));
        const SwellRow r = swellOf(g, std::vector<double>{0.5}, 0, "deep");
        const long long n = 100000;
        CHECK(r.derivativeTreeNodes == n * (n + 1) / 2 + 2 * n - 1);  // past 2³²
        CHECK(r.afterCse == 3 * n - 1);
        const SymExpr grad = symbolicGradient(g, std::vector<double>{0.5}, 0);
        CHECK(print(grad, grad.roots[0], 50).size() == 50 + std::string("…").size());
    }
    SECTION("squaring 70 times is more than 10^18 nodes: too large to count") {
        const SwellRow r = swellFamily(SwellFamily::Squaring, 70).back();
        CHECK(r.functionTreeNodes == tooLargeToCount);
        CHECK(r.derivativeTreeNodes == tooLargeToCount);
        CHECK(r.afterCse == 3 * 70 - 1);  // CSE has no trouble
    }
    SECTION("a node limit stops the build and says so") {
        Graph g = test::parseOk(familyProgram(SwellFamily::Product, 200));
        const SymExpr grad = symbolicGradient(g, std::vector<double>(200, 0.5), 0, {1000});
        CHECK(grad.tooLarge);
        CHECK(treeSize(grad) == tooLargeToCount);
        CHECK(dagSize(grad) == tooLargeToCount);
        SymLimits quick;
        quick.maxVisits = 1000;  // 399 nodes × 200 inputs
        CHECK(symbolicGradient(g, std::vector<double>(200, 0.5), 0, quick).tooLarge);
    }
}
