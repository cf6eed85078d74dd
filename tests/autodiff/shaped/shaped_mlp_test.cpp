// The theory's 2-layer MLP in matrix form: the engine's gradient and the shaped trace's steps
// equal the backprop formulas, computed here with plain loops: δ⁽²⁾ = ∂L/∂z₂,
// ∂L/∂W₂ = δ⁽²⁾hᵀ, ∂L/∂b₂ = δ⁽²⁾, δ⁽ʰ⁾ = W₂ᵀδ⁽²⁾, δ⁽ᶻ¹⁾ = δ⁽ʰ⁾ ⊙ σ′(z₁), ∂L/∂W₁ = δ⁽ᶻ¹⁾xᵀ,
// ∂L/∂b₁ = δ⁽ᶻ¹⁾.

#include <catch2/catch.hpp>

#include <cmath>

#include "autodiff/shaped/shaped_graph.hpp"
#include "autodiff/shaped/shaped_rules.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "autodiff/test_support.hpp"

using namespace adviz;

namespace {

const char* mlp = R"(x: [2]
W1: [3, 2]; b1: [3]
W2: [2, 3]; b2: [2]
y: [2]
z1 = W1 @ x + b1
h  = sigmoid(z1)
z2 = W2 @ h + b2
L  = sum((z2 - y)^2))";

// The last adjoint step into each input port leaves the input's total adjoint: the scalar
// sweep's gradient for its elements.
void checkLastAdjointsAreGradient(const Graph& g, const shaped::ShapedTrace& t) {
    for (const auto& port : g.shaped->inputs) {
        const shaped::ShapedStep* last = nullptr;
        for (const auto& s : t.steps)
            if (s.phase == Phase::Adjoint && s.node == port.node) last = &s;
        REQUIRE(last);
        for (std::size_t k = 0; k < port.items.size(); ++k)
            CHECK(last->after[k] == Approx(t.result[static_cast<std::size_t>(port.items[k])]).epsilon(1e-13));
    }
}

struct Net {
    double x[2] = {0.5, -1}, W1[3][2] = {{0.1, 0.2}, {0.3, -0.4}, {0.5, 0.6}}, b1[3] = {0.01, -0.02, 0.03};
    double W2[2][3] = {{0.7, -0.8, 0.9}, {-0.3, 0.2, 0.4}}, b2[2] = {0.05, -0.1}, y[2] = {0.25, -0.5};
    // Backprop with loops.
    double z1[3], h[3], z2[2], d2[2], dh[3], dz1[3], gW2[2][3], gW1[3][2];
    Net() {
        for (int i = 0; i < 3; ++i) {
            z1[i] = b1[i] + W1[i][0] * x[0] + W1[i][1] * x[1];
            h[i] = 1 / (1 + std::exp(-z1[i]));
        }
        for (int k = 0; k < 2; ++k) {
            z2[k] = b2[k];
            for (int i = 0; i < 3; ++i) z2[k] += W2[k][i] * h[i];
            d2[k] = 2 * (z2[k] - y[k]);
        }
        for (int i = 0; i < 3; ++i) {
            dh[i] = W2[0][i] * d2[0] + W2[1][i] * d2[1];  // W₂ᵀδ⁽²⁾
            dz1[i] = dh[i] * h[i] * (1 - h[i]);            // δ⁽ʰ⁾ ⊙ σ′(z₁)
            for (int k = 0; k < 2; ++k) gW2[k][i] = d2[k] * h[i];  // δ⁽²⁾hᵀ
            for (int j = 0; j < 2; ++j) gW1[i][j] = dz1[i] * x[j];  // δ⁽ᶻ¹⁾xᵀ
        }
    }
    std::vector<double> inputs() const {
        std::vector<double> v{x[0], x[1]};
        for (auto& r : W1) v.insert(v.end(), r, r + 2);
        v.insert(v.end(), b1, b1 + 3);
        for (auto& r : W2) v.insert(v.end(), r, r + 3);
        v.insert(v.end(), b2, b2 + 2);
        v.insert(v.end(), y, y + 2);
        return v;
    }
};

// The reverse step of operation `consumer` (by name) into operand `operand` (by name).
const shaped::ShapedStep& stepInto(const shaped::ShapedTrace& t, const shaped::ShapedGraph& sg,
                                   const std::string& consumer, const std::string& operand) {
    for (const auto& s : t.steps)
        if (s.phase == Phase::Adjoint && shaped::label(sg, s.consumer) == consumer &&
            shaped::label(sg, s.node) == operand)
            return s;
    FAIL("no step " << consumer << " → " << operand);
    return t.steps.front();
}

}  // namespace

TEST_CASE("the MLP's gradient is the backprop formulas", "[shaped][mlp]") {
    const Graph g = test::parseOk(mlp);
    const Net net;
    const auto grad = gradient(g, net.inputs(), 0);
    // Input order: x(2), W1(6), b1(3), W2(6), b2(2), y(2).
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 2; ++j) CHECK(grad[static_cast<std::size_t>(2 + 2 * i + j)] == Approx(net.gW1[i][j]).epsilon(1e-13));
        CHECK(grad[static_cast<std::size_t>(8 + i)] == Approx(net.dz1[i]).epsilon(1e-13));
        for (int k = 0; k < 2; ++k) CHECK(grad[static_cast<std::size_t>(11 + 3 * k + i)] == Approx(net.gW2[k][i]).epsilon(1e-13));
    }
    for (int k = 0; k < 2; ++k) CHECK(grad[static_cast<std::size_t>(17 + k)] == Approx(net.d2[k]).epsilon(1e-13));
}

TEST_CASE("the shaped reverse trace shows the theory's δ steps", "[shaped][mlp][trace]") {
    const Graph g = test::parseOk(mlp);
    const auto& sg = *g.shaped;
    const Net net;
    const auto t = shaped::traceShapedReverse(g, net.inputs(), std::vector<double>{1.0});
    // Primal steps first, one per shaped node, then the seed, then adjoint steps.
    CHECK(t.steps.front().phase == Phase::Primal);
    // The adjoint arriving in h from z2's matmul is W₂ᵀδ⁽²⁾.
    int matmulZ2 = -1, matmulZ1 = -1;
    for (int id = 0; id < sg.size(); ++id)
        if (sg[id].kind == shaped::Kind::MatMul) (matmulZ1 < 0 ? matmulZ1 : matmulZ2) = id;
    REQUIRE(matmulZ2 > matmulZ1);
    const std::string mm2 = shaped::label(sg, matmulZ2), mm1 = shaped::label(sg, matmulZ1);
    const auto& dh = stepInto(t, sg, mm2, "h");
    CHECK(dh.rule == "h̄ += W2ᵀ " + shaped::bar(mm2));
    for (int i = 0; i < 3; ++i) CHECK(dh.contribution[static_cast<std::size_t>(i)] == Approx(net.dh[i]).epsilon(1e-13));
    const auto& dW2 = stepInto(t, sg, mm2, "W2");
    CHECK(dW2.rule == "W̄2 += " + shaped::bar(mm2) + " hᵀ");
    REQUIRE(dW2.shape == shaped::Shape::matrix(2, 3));
    for (int k = 0; k < 2; ++k)
        for (int i = 0; i < 3; ++i) CHECK(dW2.after[static_cast<std::size_t>(3 * k + i)] == Approx(net.gW2[k][i]).epsilon(1e-13));
    const auto& dz1 = stepInto(t, sg, "h", "z1");
    CHECK(dz1.rule == "z̄1 += h̄ ⊙ σ′(z1)");
    for (int i = 0; i < 3; ++i) CHECK(dz1.contribution[static_cast<std::size_t>(i)] == Approx(net.dz1[i]).epsilon(1e-13));
    const auto& db1 = stepInto(t, sg, "z1", "b1");
    for (int i = 0; i < 3; ++i) CHECK(db1.after[static_cast<std::size_t>(i)] == Approx(net.dz1[i]).epsilon(1e-13));
    const auto& dW1 = stepInto(t, sg, mm1, "W1");
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 2; ++j) CHECK(dW1.after[static_cast<std::size_t>(2 * i + j)] == Approx(net.gW1[i][j]).epsilon(1e-13));
    // b2 is broadcast-free here; y gets −δ⁽²⁾ through the subtraction.
    int sub = -1;
    for (int id = 0; id < sg.size(); ++id)
        if (sg[id].kind == shaped::Kind::Elementwise && sg[id].op == Op::Sub) sub = id;
    REQUIRE(sub >= 0);
    const auto& dy = stepInto(t, sg, shaped::label(sg, sub), "y");
    CHECK(dy.rule == shaped::bar("y") + " += −" + shaped::bar(shaped::label(sg, sub)));
    for (int k = 0; k < 2; ++k) CHECK(dy.after[static_cast<std::size_t>(k)] == Approx(-net.d2[k]).epsilon(1e-13));
}

TEST_CASE("shaped trace adjoints add up to the scalar sweep's gradient", "[shaped][trace]") {
    const Graph g = test::parseOk("A: [2, 3]; v: [3]; c: [2, 1]\nt = T(A)\nr = sum(softmax(A + v) * c) + dot(t[1], [1, 2]) + A[0, 0]^2");
    const std::vector<double> x = {0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.9, 1.1, -1.2};
    const auto t = shaped::traceShapedReverse(g, x, std::vector<double>{1.0});
    const auto& sg = *g.shaped;
    checkLastAdjointsAreGradient(g, t);
    // Forward: every shaped node's tangent is its elements' tangents; outputs' are J·ẋ.
    std::vector<double> xdot(x.size(), 0.0);
    xdot[0] = 1;
    const auto f = shaped::traceShapedForward(g, x, xdot);
    REQUIRE(f.steps.size() == static_cast<std::size_t>(sg.size()));
    CHECK(f.steps.back().tangent.front() == Approx(jvp(g, x, xdot).tangent[0]).epsilon(1e-14));
}

TEST_CASE("shaped trace adjoints add up to the gradient with shared nodes and repeated items",
          "[shaped][trace]") {
    // p and q are one set of scalar nodes (hash-consed); the literal holds v[0] twice; sum(u)
    // of a one-element u passes its adjoint straight through; x * x repeats an operand.
    const Graph g = test::parseOk(
        "v: [3]; u: [1]; x: [2]\np = sigmoid(v)\nq = sigmoid(v)\nw = [v[0], v[0], v[2]]\n"
        "r = dot(p, w) + sum(q * q) + sum(u) * 3 + sum(x * x)");
    const std::vector<double> x = {0.3, -0.7, 1.1, 0.4, -0.5, 0.9};
    const auto t = shaped::traceShapedReverse(g, x, std::vector<double>{1.0});
    // The scalar sweep's gradient, by hand for the parts that are easy to check.
    REQUIRE(t.result.size() == 6);
    CHECK(t.result[3] == Approx(3.0));
    CHECK(t.result[4] == Approx(2 * -0.5));
    CHECK(t.result[5] == Approx(2 * 0.9));
    checkLastAdjointsAreGradient(g, t);
}

TEST_CASE("the shaped trace sums a broadcast operand's adjoint over the broadcast axis",
          "[shaped][trace]") {
    // r = sum(A + b), b [3] added to each of A's two rows: b̄ = [2, 2, 2], Ā = 𝟏.
    const Graph g = test::parseOk("A: [2, 3]; b: [3]\nr = sum(A + b)");
    const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    const auto t = shaped::traceShapedReverse(g, x, std::vector<double>{1.0});
    const auto& sg = *g.shaped;
    const int add = sg[sg.outputs[0].node].operands[0];
    const auto& intoB = stepInto(t, sg, shaped::label(sg, add), "b");
    CHECK(intoB.contribution == std::vector<double>{2, 2, 2});
    CHECK(intoB.rule.find("summed over the broadcast axis") != std::string::npos);
    const auto& intoA = stepInto(t, sg, shaped::label(sg, add), "A");
    CHECK(intoA.contribution == std::vector<double>(6, 1.0));
    CHECK(intoA.rule.find("broadcast") == std::string::npos);
}
