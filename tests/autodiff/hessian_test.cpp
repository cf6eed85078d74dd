// Hessian-vector products by forward-over-reverse and full Hessians: against hand-derived
// Hessians, central differences of the gradient, symmetry, and the recorded dual sweep.

#include <catch2/catch.hpp>

#include <cmath>

#include "autodiff/sweeps/hessian.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {

using Matrix = std::vector<std::vector<double>>;

/// Σᵢ (1 − xᵢ)² + 100(xᵢ₊₁ − xᵢ²)² over i < n−1, inputs x0 … x{n−1} (in that order).
std::string rosenbrock(int n) {
    std::string s;
    for (int i = 0; i + 1 < n; ++i) {
        std::string a = "x" + std::to_string(i), b = "x" + std::to_string(i + 1);
        s += (i ? " + " : "") + ("(1 - " + a + ")^2 + 100*(" + b + " - " + a + "^2)^2");
    }
    return s + "\n";
}

/// Its Hessian, derived by hand: the tridiagonal matrix with
/// H[i][i] = 1200xᵢ² − 400xᵢ₊₁ + 2 (i < n−1) + 200 (i > 0), H[i][i+1] = H[i+1][i] = −400xᵢ.
Matrix rosenbrockHessian(const std::vector<double>& x) {
    const std::size_t n = x.size();
    Matrix h(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
        if (i + 1 < n) {
            h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            h[i][i + 1] = h[i + 1][i] = -400 * x[i];
        }
        if (i > 0) h[i][i] += 200;
    }
    return h;
}

std::vector<double> times(const Matrix& h, const std::vector<double>& v) {
    std::vector<double> out(h.size(), 0.0);
    for (std::size_t i = 0; i < h.size(); ++i)
        for (std::size_t j = 0; j < v.size(); ++j) out[i] += h[i][j] * v[j];
    return out;
}

std::vector<double> randomVector(std::mt19937& rng, std::size_t n) {
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::vector<double> x(n);
    for (double& v : x) v = u(rng);
    return x;
}

}  // namespace

TEST_CASE("H·v and the Hessian of (x+y)·sin(x) by hand", "[hessian]") {
    // f_x = sin x + (x+y) cos x, f_y = sin x; f_xx = 2cos x − (x+y) sin x, f_xy = cos x, f_yy = 0.
    Graph g = test::parseOk("(x+y)*sin(x)");
    const double x = 1, y = 2, s = std::sin(x), c = std::cos(x);
    const Matrix expect{{2 * c - (x + y) * s, c}, {c, 0}};
    std::vector<double> v{0.3, -0.7};
    HvpResult r = hvp(g, std::vector<double>{x, y}, v);
    CHECK(r.gradient[0] == Approx(s + (x + y) * c).epsilon(1e-15));
    CHECK(r.gradient[1] == Approx(s).epsilon(1e-15));
    CHECK(r.hvp[0] == Approx(expect[0][0] * v[0] + expect[0][1] * v[1]).epsilon(1e-14));
    CHECK(r.hvp[1] == Approx(expect[1][0] * v[0]).epsilon(1e-14));
    CHECK(r.outputs[0] == Approx((x + y) * s).epsilon(1e-15));
    Matrix h = hessian(g, std::vector<double>{x, y});
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 2; ++j) CHECK(h[i][j] == Approx(expect[i][j]).epsilon(1e-14));
}

TEST_CASE("the Rosenbrock Hessian in n dimensions", "[hessian]") {
    const int n = GENERATE(2, 3, 5, 10);
    INFO("n = " << n);
    Graph g = test::parseOk(rosenbrock(n));
    REQUIRE(g.inputCount() == n);
    std::mt19937 rng(static_cast<unsigned>(n));
    std::vector<double> x = randomVector(rng, static_cast<std::size_t>(n));
    Matrix expect = rosenbrockHessian(x);
    Matrix h = hessian(g, x);
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = 0; j < x.size(); ++j)
            CHECK(h[i][j] == Approx(expect[i][j]).epsilon(1e-13).margin(1e-12));
    std::vector<double> v = randomVector(rng, x.size());
    std::vector<double> hv = hvp(g, x, v).hvp, ehv = times(expect, v);
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(hv[i] == Approx(ehv[i]).epsilon(1e-12));
}

TEST_CASE("the MLP loss: second derivatives with respect to a few weights", "[hessian][mlp]") {
    // z1 = W1 x + b1, h = σ(z1), z2 = W2 h + b2, L = (z2 − y)², as in mlp_test.cpp.
    Graph g = test::parseOk(R"(
z1_1 = w1_11*x1 + w1_12*x2 + b1_1
z1_2 = w1_21*x1 + w1_22*x2 + b1_2
h1 = sigmoid(z1_1); h2 = sigmoid(z1_2)
z2 = w2_1*h1 + w2_2*h2 + b2
L = (z2 - y)^2
)");
    const double W1[2][2] = {{0.1, -0.2}, {0.4, 0.3}}, b1[2] = {0.01, -0.02}, W2[2] = {0.7, -0.8};
    const double b2 = 0.05, xin[2] = {1.5, -0.5}, yt = 0.25;
    std::vector<double> x(static_cast<std::size_t>(g.inputCount()), std::nan(""));
    auto idx = [&](const char* name) {
        int i = g.inputIndex(name);
        REQUIRE(i >= 0);
        return static_cast<std::size_t>(i);
    };
    for (int i = 0; i < 2; ++i) {
        std::string k = std::to_string(i + 1);
        for (int j = 0; j < 2; ++j) x[idx(("w1_" + k + std::to_string(j + 1)).c_str())] = W1[i][j];
        x[idx(("b1_" + k).c_str())] = b1[i];
        x[idx(("w2_" + k).c_str())] = W2[i];
    }
    x[idx("x1")] = xin[0]; x[idx("x2")] = xin[1]; x[idx("b2")] = b2; x[idx("y")] = yt;

    double h[2], sp[2], z2 = b2;  // σ(z1ᵢ) and σ′(z1ᵢ) = σ(1 − σ)
    for (int i = 0; i < 2; ++i) {
        double z1 = W1[i][0] * xin[0] + W1[i][1] * xin[1] + b1[i];
        h[i] = 1 / (1 + std::exp(-z1));
        sp[i] = h[i] * (1 - h[i]);
        z2 += W2[i] * h[i];
    }
    const double r = z2 - yt, spp = sp[0] * (1 - 2 * h[0]);  // σ″ = σ′(1 − 2σ)
    Matrix H = hessian(g, x);
    auto at = [&](const char* a, const char* b) { return H[idx(a)][idx(b)]; };
    // L is quadratic in the output layer: ∂²L/∂w2ᵢ∂w2ⱼ = 2hᵢhⱼ, ∂²L/∂w2ᵢ∂b2 = 2hᵢ, ∂²L/∂b2² = 2.
    CHECK(at("w2_1", "w2_1") == Approx(2 * h[0] * h[0]).epsilon(1e-14));
    CHECK(at("w2_1", "w2_2") == Approx(2 * h[0] * h[1]).epsilon(1e-14));
    CHECK(at("w2_2", "b2") == Approx(2 * h[1]).epsilon(1e-14));
    CHECK(at("b2", "b2") == Approx(2).epsilon(1e-14));
    // ∂L/∂b1₁ = 2r·w2₁σ′₁, so ∂²L/∂b1₁² = 2(w2₁σ′₁)² + 2r·w2₁σ″₁,
    // ∂²L/∂b1₁∂w2₁ = 2h₁·w2₁σ′₁ + 2r·σ′₁ and ∂²L/∂b1₁∂b2 = 2w2₁σ′₁.
    CHECK(at("b1_1", "b1_1") ==
          Approx(2 * W2[0] * sp[0] * W2[0] * sp[0] + 2 * r * W2[0] * spp).epsilon(1e-13));
    CHECK(at("b1_1", "w2_1") == Approx(2 * h[0] * W2[0] * sp[0] + 2 * r * sp[0]).epsilon(1e-13));
    CHECK(at("b1_1", "b2") == Approx(2 * W2[0] * sp[0]).epsilon(1e-13));
    // ∂²L/∂b1₁∂b1₂ = 2(w2₁σ′₁)(w2₂σ′₂): the hidden units meet only through z2.
    CHECK(at("b1_1", "b1_2") == Approx(2 * W2[0] * sp[0] * W2[1] * sp[1]).epsilon(1e-13));
    CHECK(at("w2_1", "b1_1") == Approx(at("b1_1", "w2_1")).epsilon(1e-15));
}

TEST_CASE("H·v equals central differences of the gradient on random programs", "[hessian]") {
    std::mt19937 rng(31337);
    for (int trial = 0; trial < 80; ++trial) {
        Graph g = test::parseOk(test::randomProgram(rng, 1 + trial % 4, 4 + trial % 15, 1));
        const auto n = static_cast<std::size_t>(g.inputCount());
        std::vector<double> x = randomVector(rng, n), v = randomVector(rng, n);
        HvpResult r = hvp(g, x, v);
        // (∇f(x + hv) − ∇f(x − hv)) / 2h → H·v
        const double step = 1e-5;
        std::vector<double> xp = x, xm = x;
        for (std::size_t i = 0; i < n; ++i) { xp[i] += step * v[i]; xm[i] -= step * v[i]; }
        std::vector<double> gp = gradient(g, xp, 0), gm = gradient(g, xm, 0);
        INFO("trial " << trial);
        CHECK(r.gradient == gradient(g, x, 0));
        for (std::size_t i = 0; i < n; ++i)
            CHECK(r.hvp[i] == Approx((gp[i] - gm[i]) / (2 * step)).epsilon(1e-5).margin(1e-6));
    }
}

TEST_CASE("Hessians are symmetric up to rounding", "[hessian]") {
    std::mt19937 rng(2718);
    for (int trial = 0; trial < 60; ++trial) {
        Graph g = test::parseOk(test::randomProgram(rng, 2 + trial % 4, 6 + trial % 20, 1));
        std::vector<double> x = randomVector(rng, static_cast<std::size_t>(g.inputCount()));
        Matrix h = hessian(g, x);
        INFO("trial " << trial);
        for (std::size_t i = 0; i < h.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                CHECK(std::fabs(h[i][j] - h[j][i]) <=
                      1e-12 * std::max({1.0, std::fabs(h[i][j]), std::fabs(h[j][i])}));
    }
}

TEST_CASE("several outputs: the seed picks one or weights them", "[hessian]") {
    Graph g = test::parseOk("a = x*x*y\nb = sin(x*y)\n");
    std::vector<double> x{0.7, -1.2}, v{1, 2};
    HvpResult a = hvp(g, x, v, 0), b = hvp(g, x, v, 1);
    HvpResult mix = hvp(g, x, v, std::vector<double>{2, -3});
    // a = x²y: H = [[2y, 2x], [2x, 0]]
    CHECK(a.hvp[0] == Approx(2 * x[1] * v[0] + 2 * x[0] * v[1]).epsilon(1e-15));
    CHECK(a.hvp[1] == Approx(2 * x[0] * v[0]).epsilon(1e-15));
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(mix.hvp[i] == Approx(2 * a.hvp[i] - 3 * b.hvp[i]).epsilon(1e-14));
        CHECK(mix.gradient[i] == Approx(2 * a.gradient[i] - 3 * b.gradient[i]).epsilon(1e-14));
    }
    HessianResult full = hessianWithCost(g, x, std::vector<double>{0, 1});
    Matrix hb = hessian(g, x, 1);
    CHECK(full.matrix == hb);
    CHECK(full.cost.sweeps == 2);
    CHECK(full.outputs.size() == 2);
}

TEST_CASE("H·v costs a small constant times a gradient", "[hessian]") {
    std::mt19937 rng(5);
    for (int trial = 0; trial < 20; ++trial) {
        Graph g = test::parseOk(test::randomProgram(rng, 3, 20 + trial, 1));
        const auto n = static_cast<std::size_t>(g.inputCount());
        HvpResult r = hvp(g, randomVector(rng, n), randomVector(rng, n));
        INFO("trial " << trial);
        CHECK(r.cost.sweeps == 1);
        CHECK(r.gradientCost.sweeps == 1);
        // The same sweep, step for step, on numbers twice as wide.
        CHECK(r.cost.operations == r.gradientCost.operations);
        CHECK(r.cost.valuesStored == 2 * r.gradientCost.valuesStored);
        const double ratio =
            static_cast<double>(r.cost.flops) / static_cast<double>(r.gradientCost.flops);
        INFO("flops: H·v " << r.cost.flops << ", gradient " << r.gradientCost.flops);
        CHECK(ratio > 1.5);
        CHECK(ratio < 5.0);
    }
}

TEST_CASE("the recorded forward-over-reverse sweep of (x+y)·sin(x)", "[hessian][trace]") {
    Graph g = test::parseOk("(x+y)*sin(x)");
    std::vector<double> x{1, 2}, v{1, 0};
    Trace t = traceHvp(g, x, v);
    CHECK(t.mode == Mode::ForwardOverReverse);
    CHECK(modeName(t.mode) == "forward-over-reverse");
    REQUIRE(t.size() == 5 + 1 + 5);  // like the reverse trace: primal steps, seed, five edges
    for (const Step& s : t.steps) CHECK(s.dual);
    HvpResult ref = hvp(g, x, v);
    CHECK(t.result == ref.hvp);
    CHECK(t.outputs == ref.outputs);

    const double s1 = std::sin(1.0), c1 = std::cos(1.0);
    // sin(x): value s1, tangent c1·ẋ = c1.
    CHECK(t.steps[3].value == Approx(s1).epsilon(1e-15));
    CHECK(t.steps[3].valueTangent == Approx(c1).epsilon(1e-15));
    CHECK(t.steps[3].formula ==
          "v₂ = sin(v₋₁) = sin(1) = 0.8415;  v̇₂ = cos(v₋₁)·v̇₋₁ = 0.5403·1 = 0.5403");
    CHECK(t.steps[5].formula == "v̄₃ = ȳ = 1;  (v̄₃)˙ = 0");
    // Edge sin → x: v̄₂ = x + y = 3 with tangent 1; ∂sin/∂x = cos x with tangent −sin x.
    const Step& e = t.steps[8];
    CHECK(e.node == 0);
    CHECK(e.consumer == 3);
    CHECK(e.partialTangent == Approx(-s1).epsilon(1e-15));
    CHECK(e.afterTangent == Approx(c1 - 3 * s1).epsilon(1e-15));
    CHECK(e.formula ==
          "v̄₋₁ += v̄₂·∂v₂/∂v₋₁ = v̄₂·cos(v₋₁) = 3·0.5403 = 1.621;  "
          "(v̄₋₁)˙ += (v̄₂)˙·∂v₂/∂v₋₁ + v̄₂·(∂v₂/∂v₋₁)˙ = 1·0.5403 + 3·(−0.8415) = −1.984");

    SECTION("stateAt shows value, tangent, adjoint and the adjoint's tangent") {
        auto start = t.stateAt(0);
        CHECK_FALSE(start[0].hasValueTangent);
        auto end = t.stateAt(t.size());
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(end[i].hasValueTangent);
            CHECK(end[i].hasAdjointTangent);
            CHECK(end[i].adjoint == Approx(ref.gradient[i]).epsilon(1e-15));
            CHECK(end[i].adjointTangent == Approx(ref.hvp[i]).epsilon(1e-15));
        }
        CHECK(end[3].tangent == end[3].valueTangent);
    }
}
