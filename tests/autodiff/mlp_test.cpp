// The 2-layer MLP of the theory, written out in scalar statements: the engine's gradient equals
// the explicit backprop formulas computed independently here.

#include <catch2/catch.hpp>

#include <cmath>

#include "test_support.hpp"

using namespace adviz;

TEST_CASE("2-3-1 MLP: engine gradients equal the backprop formulas", "[mlp][reverse]") {
    // z1 = W1 x + b1, h = σ(z1), z2 = W2 h + b2, L = (z2 − y)²
    const char* src = R"(
z1_1 = w1_11*x1 + w1_12*x2 + b1_1
z1_2 = w1_21*x1 + w1_22*x2 + b1_2
z1_3 = w1_31*x1 + w1_32*x2 + b1_3
h1 = sigmoid(z1_1); h2 = sigmoid(z1_2); h3 = sigmoid(z1_3)
z2 = w2_1*h1 + w2_2*h2 + w2_3*h3 + b2
L = (z2 - y)^2
)";
    Graph g = test::parseOk(src);
    REQUIRE(g.outputCount() == 1);
    CHECK(g.outputs[0].name == "L");

    double W1[3][2] = {{0.1, -0.2}, {0.4, 0.3}, {-0.5, 0.6}}, b1[3] = {0.01, -0.02, 0.03};
    double W2[3] = {0.7, -0.8, 0.9}, b2 = 0.05, xin[2] = {1.5, -0.5}, yt = 0.25;
    std::vector<double> x(static_cast<std::size_t>(g.inputCount()), std::nan(""));
    auto set = [&](const char* name, double v) {
        int i = g.inputIndex(name);
        REQUIRE(i >= 0);
        x[static_cast<std::size_t>(i)] = v;
    };
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 2; ++j)
            set(("w1_" + std::to_string(i + 1) + std::to_string(j + 1)).c_str(), W1[i][j]);
        set(("b1_" + std::to_string(i + 1)).c_str(), b1[i]);
        set(("w2_" + std::to_string(i + 1)).c_str(), W2[i]);
    }
    set("x1", xin[0]); set("x2", xin[1]); set("b2", b2); set("y", yt);

    // Backprop by hand.
    double z1[3], h[3], z2 = b2;
    for (int i = 0; i < 3; ++i) {
        z1[i] = W1[i][0] * xin[0] + W1[i][1] * xin[1] + b1[i];
        h[i] = 1 / (1 + std::exp(-z1[i]));
        z2 += W2[i] * h[i];
    }
    double d2 = 2 * (z2 - yt);  // δ⁽²⁾ = ∂L/∂z₂
    std::vector<double> grad = gradient(g, x, 0);
    auto at = [&](const char* name) { return grad[static_cast<std::size_t>(g.inputIndex(name))]; };

    CHECK(evaluateAt(g, x).outputs[0] == Approx((z2 - yt) * (z2 - yt)).epsilon(1e-14));
    CHECK(at("b2") == Approx(d2).epsilon(1e-14));
    for (int i = 0; i < 3; ++i) {
        std::string k = std::to_string(i + 1);
        CHECK(at(("w2_" + k).c_str()) == Approx(d2 * h[i]).epsilon(1e-14));  // δ⁽²⁾hᵀ
        double dz1 = W2[i] * d2 * h[i] * (1 - h[i]);  // (W₂ᵀδ⁽²⁾) ⊙ σ′(z₁)
        CHECK(at(("b1_" + k).c_str()) == Approx(dz1).epsilon(1e-13));
        for (int j = 0; j < 2; ++j)
            CHECK(at(("w1_" + k + std::to_string(j + 1)).c_str()) == Approx(dz1 * xin[j]).epsilon(1e-13));
    }
    // ∂L/∂x = W₁ᵀ δ⁽ᶻ¹⁾
    double dx0 = 0;
    for (int i = 0; i < 3; ++i) dx0 += W1[i][0] * W2[i] * d2 * h[i] * (1 - h[i]);
    CHECK(at("x1") == Approx(dx0).epsilon(1e-13));
}
