// Finding the chain x → z₁ → h → z₂ → L in a program and its local Jacobians at a point,
// against the theory's formulas computed here with plain loops, and against the engine's
// Jacobian of the whole program.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "autodiff/chain/chain_extract.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/sweeps/jacobian.hpp"

namespace adviz::chain {
namespace {

const char* const mlp = R"(x: [2]
W1: [3, 2]; b1: [3]
W2: [1, 3]; b2: [1]
y: [1]
z1 = W1 @ x + b1
h  = sigmoid(z1)
z2 = W2 @ h + b2
L  = sum((z2 - y)^2)
)";

// The MLP's numbers, by name.
struct Point {
    double x[2] = {0.5, -1};
    double W1[3][2] = {{0.1, 0.2}, {0.3, -0.4}, {0.5, 0.6}};
    double b1[3] = {0.1, -0.2, 0.3};
    double W2[3] = {0.7, -0.8, 0.9};
    double b2 = 0.1, y = 0.25;
};

Graph parsed(const char* source) {
    ParseResult r = parse(source);
    INFO((r.ok() ? "" : formatDiagnostic(source, *r.error)));
    REQUIRE(r.ok());
    return std::move(r.graph);
}

std::vector<double> valuesOf(const Graph& g, const Point& p) {
    std::vector<double> v(static_cast<std::size_t>(g.inputCount()), 0.0);
    auto set = [&](const std::string& name, double value) {
        const int i = g.inputIndex(name);
        REQUIRE(i >= 0);
        v[static_cast<std::size_t>(i)] = value;
    };
    for (int j = 0; j < 2; ++j) set("x[" + std::to_string(j) + "]", p.x[j]);
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 2; ++j) set("W1[" + std::to_string(i) + "," + std::to_string(j) + "]", p.W1[i][j]);
        set("b1[" + std::to_string(i) + "]", p.b1[i]);
        set("W2[0," + std::to_string(i) + "]", p.W2[i]);
    }
    set("b2[0]", p.b2);
    set("y[0]", p.y);
    return v;
}

double sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

}  // namespace

TEST_CASE("the theory's MLP is the chain x → z1 → h → z2 → L", "[chain]") {
    const Graph g = parsed(mlp);
    const Point p;
    ChainResult r = extractChain(g, valuesOf(g, p), "x");
    REQUIRE_FALSE(r.error);
    const Chain& c = *r.chain;
    REQUIRE(c.stages.size() == 5);
    const char* names[] = {"x", "z1", "h", "z2", "L"};
    for (int k = 0; k < 5; ++k) CHECK(c.stages[static_cast<std::size_t>(k)].name == names[k]);
    CHECK(c.stages[1].dims == std::vector<int>{3});
    REQUIRE(c.factors.size() == 4);

    // The theory's quantities with plain loops: z₁ = W₁x + b₁, h = σ(z₁), z₂ = W₂h + b₂.
    double z1[3], h[3], z2 = p.b2;
    for (int i = 0; i < 3; ++i) {
        z1[i] = p.W1[i][0] * p.x[0] + p.W1[i][1] * p.x[1] + p.b1[i];
        h[i] = sigmoid(z1[i]);
        z2 += p.W2[i] * h[i];
    }
    SECTION("∂z1/∂x = W1, dense") {
        const Factor& f = c.factors[0];
        CHECK((f.rows == 3 && f.cols == 2 && !f.diagonal));
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j) CHECK(f.entries[static_cast<std::size_t>(i * 2 + j)] == p.W1[i][j]);
    }
    SECTION("∂h/∂z1 = diag σ′(z1), diagonal") {
        const Factor& f = c.factors[1];
        CHECK((f.rows == 3 && f.cols == 3 && f.diagonal));
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                CHECK(f.entries[static_cast<std::size_t>(i * 3 + j)] ==
                      Approx(i == j ? h[i] * (1 - h[i]) : 0.0).epsilon(1e-14).margin(0));
    }
    SECTION("∂z2/∂h = W2 and ∂L/∂z2 = 2(z2 − y)") {
        CHECK((c.factors[2].rows == 1 && c.factors[2].cols == 3 && !c.factors[2].diagonal));
        for (int i = 0; i < 3; ++i) CHECK(c.factors[2].entries[static_cast<std::size_t>(i)] == p.W2[i]);
        CHECK(c.factors[3].entries[0] == Approx(2 * (z2 - p.y)).epsilon(1e-14));
    }
    SECTION("the orders' product is the engine's Jacobian row ∂L/∂x") {
        const JacobianResult J = jacobianReverse(g, valuesOf(g, p));
        for (const Order& o : chainOrders(c.factors)) {
            INFO(o.name);
            REQUIRE(o.product.size() == 2);
            for (int j = 0; j < 2; ++j)
                CHECK(o.product[static_cast<std::size_t>(j)] ==
                      Approx(J.matrix[0][static_cast<std::size_t>(g.inputIndex("x[" + std::to_string(j) + "]"))])
                          .epsilon(1e-13));
        }
    }
}

TEST_CASE("a chain may start from a weight matrix", "[chain]") {
    const Graph g = parsed(mlp);
    const Point p;
    ChainResult r = extractChain(g, valuesOf(g, p), "W1");
    REQUIRE_FALSE(r.error);
    // z1ᵢ = Σⱼ W1[i,j]·xⱼ + b1ᵢ, so ∂z1ᵢ/∂W1[k,j] = δᵢₖ·xⱼ: a 3 × 6 block pattern.
    const Factor& f = r.chain->factors.front();
    REQUIRE((f.rows == 3 && f.cols == 6));
    CHECK_FALSE(f.diagonal);
    for (int i = 0; i < 3; ++i)
        for (int k = 0; k < 3; ++k)
            for (int j = 0; j < 2; ++j)
                CHECK(f.entries[static_cast<std::size_t>(i * 6 + k * 2 + j)] == (i == k ? p.x[j] : 0.0));
}

TEST_CASE("scalar programs are chains of 1 × 1 factors", "[chain]") {
    const Graph g = parsed("a = sin(x)*y; b = a^2; c = exp(b)");
    const double x = 0.7, y = 2;
    ChainResult r = extractChain(g, std::vector<double>{x, y});
    REQUIRE_FALSE(r.error);
    const auto& f = r.chain->factors;
    REQUIRE(f.size() == 3);
    const double a = std::sin(x) * y, b = a * a;
    CHECK(f[0].entries[0] == Approx(std::cos(x) * y).epsilon(1e-15));
    CHECK(f[1].entries[0] == Approx(2 * a).epsilon(1e-15));
    CHECK(f[2].entries[0] == Approx(std::exp(b)).epsilon(1e-15));
}

TEST_CASE("what is not a chain is named", "[chain]") {
    auto error = [](const char* source, const char* wrt = "") {
        const Graph g = parsed(source);
        ChainResult r = extractChain(g, std::vector<double>(static_cast<std::size_t>(g.inputCount()), 0.5), wrt);
        REQUIRE(r.error);
        return r.error->message;
    };
    CHECK(error("a = sin(x); b = a*x") == "the chain breaks at 'b': it uses 'x' other than through 'a'");
    CHECK(error("a = sin(x); b = cos(x); c = a + b") ==
          "the chain breaks at 'b': it uses 'x' other than through 'a'");
    CHECK(error("a = sin(x); b = 2*x") == "a chain ends in one output, but 2 depend on 'x': a, b");
    CHECK(error("a = sin(x)", "w") == "no input called 'w'");
}

}  // namespace adviz::chain
