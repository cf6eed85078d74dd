// Dual numbers: derivatives of hand-checked functions, and nesting for second derivatives.

#include <catch2/catch.hpp>

#include <cmath>

#include "autodiff/dual.hpp"

using namespace adviz;
using D = Dual<double>;
using DD = Dual<Dual<double>>;

TEST_CASE("a dual number carries the derivative through arithmetic", "[dual]") {
    D x{1.5, 1.0};
    D f = x * sin(x) + D(2.0) / x;  // f' = sin x + x cos x − 2/x²
    CHECK(f.v == Approx(1.5 * std::sin(1.5) + 2 / 1.5));
    CHECK(f.d == Approx(std::sin(1.5) + 1.5 * std::cos(1.5) - 2 / (1.5 * 1.5)));

    D g = exp(x) * log(x) - pow(x, D(3.0));  // g' = eˣ ln x + eˣ/x − 3x²
    CHECK(g.d == Approx(std::exp(1.5) * std::log(1.5) + std::exp(1.5) / 1.5 - 3 * 1.5 * 1.5));
}

TEST_CASE("nested duals give second derivatives", "[dual]") {
    // x = 0.7 + 1ε₁ + 1ε₂ (+ 0ε₁ε₂): the ε₁ε₂ part of f(x) is f''(x).
    DD x{D{0.7, 1.0}, D{1.0, 0.0}};
    DD f = sin(x) * x;  // f'' = 2cos x − x sin x
    CHECK(f.v.v == Approx(0.7 * std::sin(0.7)));
    CHECK(f.d.v == Approx(std::sin(0.7) + 0.7 * std::cos(0.7)));
    CHECK(f.v.d == Approx(std::sin(0.7) + 0.7 * std::cos(0.7)));
    CHECK(f.d.d == Approx(2 * std::cos(0.7) - 0.7 * std::sin(0.7)));

    DD t = tanh(x);  // tanh'' = −2 tanh (1 − tanh²)
    double th = std::tanh(0.7);
    CHECK(t.d.d == Approx(-2 * th * (1 - th * th)));
}

TEST_CASE("a zero tangent contributes nothing even through an infinite partial", "[dual]") {
    D x{0.0, 0.0};
    D y = sqrt(x);  // √'(0) = ∞, but the tangent is zero
    CHECK(y.d == 0);
    D z = pow(D{-1.0, 1.0}, D(2.0));  // ∂/∂b at a < 0 is NaN; b is a constant
    CHECK(z.v == 1);
    CHECK(z.d == -2);
}
