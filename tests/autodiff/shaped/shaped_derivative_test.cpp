// Derivatives of shaped programs: each shaped operation's JVP and VJP against central finite
// differences, the adjoint identity on random shaped programs, broadcasting adjoints, stable
// softmax and logsumexp, and deterministic --init values against the documented formula.

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "autodiff/shaped/init.hpp"
#include "autodiff/shaped/shaped_graph.hpp"
#include "autodiff/test_support.hpp"

using namespace adviz;

namespace {

std::vector<double> outputsAt(const Graph& g, const std::vector<double>& x) {
    return evaluateAt(g, x).outputs;
}

// (f(x + h·d) − f(x − h·d)) / 2h per output.
std::vector<double> directionalFd(const Graph& g, const std::vector<double>& x, const std::vector<double>& d) {
    const double h = 1e-6;
    std::vector<double> xp = x, xm = x;
    for (std::size_t i = 0; i < x.size(); ++i) {
        xp[i] += h * d[i];
        xm[i] -= h * d[i];
    }
    const auto fp = outputsAt(g, xp), fm = outputsAt(g, xm);
    std::vector<double> out(fp.size());
    for (std::size_t k = 0; k < fp.size(); ++k) out[k] = (fp[k] - fm[k]) / (2 * h);
    return out;
}

std::vector<double> randomVector(std::mt19937& rng, std::size_t n) {
    std::uniform_real_distribution<double> u(-1, 1);
    std::vector<double> v(n);
    for (double& x : v) x = u(rng);
    return v;
}

double dotProduct(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

// JVP and VJP of g at a deterministic point against finite differences, one direction per input
// for the VJP (every cotangent entry checked) and one random direction for the JVP.
void checkAgainstFd(const std::string& src, std::uint64_t seed) {
    INFO(src);
    const Graph g = test::parseOk(src);
    std::mt19937 rng(static_cast<unsigned>(seed));
    const std::vector<double> x = shaped::initialValues(g, seed);
    const auto n = static_cast<std::size_t>(g.inputCount());
    const auto m = static_cast<std::size_t>(g.outputCount());
    const std::vector<double> xdot = randomVector(rng, n), ybar = randomVector(rng, m);
    const JvpResult j = jvp(g, x, xdot);
    const std::vector<double> fd = directionalFd(g, x, xdot);
    for (std::size_t k = 0; k < m; ++k) CHECK(j.tangent[k] == Approx(fd[k]).margin(1e-7).epsilon(1e-6));
    const VjpResult v = vjp(g, x, ybar);
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<double> e(n, 0.0);
        e[i] = 1;
        const double expected = dotProduct(ybar, directionalFd(g, x, e));
        CHECK(v.cotangent[i] == Approx(expected).margin(1e-7).epsilon(1e-6));
    }
}

}  // namespace

TEST_CASE("every shaped operation's JVP and VJP agree with central differences",
          "[shaped][derivatives]") {
    const std::string decl = "A: [2, 3]; B: [3, 4]; v: [3]; u: [2]; c: [2, 1]; s: [1]\n";
    const char* bodies[] = {
        "r = A @ B",          "r = A @ v",          "r = u @ A",          "r = v @ v",
        "r = T(A) @ u",       "r = sum(A)",         "r = sum(A, 0)",      "r = sum(A, 1)",
        "r = mean(A * A)",    "r = dot(v, sin(v))", "r = softmax(v)",     "r = softmax(A)",
        "r = logsumexp(v)",   "r = logsumexp(A)",   "r = A[1] * v",       "r = A[0, 2] * u",
        "r = A + v",          "r = A * c",          "r = v / (2 + u[0])", "r = (2 + A^2) ^ c",
        "r = sigmoid(A) - tanh(v)", "r = exp(-v) + log1p(v * v)", "r = max(A, 0.1) + min(v, s)",
        "r = [[u[0], 1], [v[2], u[1]]] @ u", "r = -A * 3 + s",
    };
    std::uint64_t seed = 1;
    for (const char* body : bodies) checkAgainstFd(decl + body, seed++);
}

TEST_CASE("the adjoint identity holds on random shaped programs", "[shaped][derivatives]") {
    // ȳᵀ(J·ẋ) = (ȳᵀJ)·ẋ: forward and reverse mode compute the same Jacobian.
    std::mt19937 rng(12);
    const char* ops[] = {"{a} + {b}", "{a} * sigmoid({b})", "tanh({a}) - {b}", "{a} / (2 + {b}^2)"};
    for (int trial = 0; trial < 40; ++trial) {
        std::uniform_int_distribution<int> size(1, 4), pick(0, 3);
        const int m = size(rng), n = size(rng);
        std::string src = "W: [" + std::to_string(m) + ", " + std::to_string(n) + "]; x: [" +
                          std::to_string(n) + "]; b: [" + std::to_string(m) + "]\n";
        src += "z = W @ x + b\n";
        std::string prev = "z";
        for (int k = 0; k < 3; ++k) {
            std::string e = ops[pick(rng)];
            e.replace(e.find("{a}"), 3, prev);
            e.replace(e.find("{b}"), 3, pick(rng) % 2 ? "b" : "z");
            src += "t" + std::to_string(k) + " = " + e + "\n";
            prev = "t" + std::to_string(k);
        }
        src += "y = softmax(" + prev + ")\nL = logsumexp(W @ x) + sum(T(W) @ y)\n";
        INFO(src);
        const Graph g = test::parseOk(src);
        const std::vector<double> x = shaped::initialValues(g, static_cast<std::uint64_t>(trial));
        const auto xdot = randomVector(rng, static_cast<std::size_t>(g.inputCount()));
        const auto ybar = randomVector(rng, static_cast<std::size_t>(g.outputCount()));
        const double forward = dotProduct(ybar, jvp(g, x, xdot).tangent);
        const double reverse = dotProduct(vjp(g, x, ybar).cotangent, xdot);
        CHECK(forward == Approx(reverse).epsilon(1e-12).margin(1e-14));
    }
}

TEST_CASE("broadcasting sums the adjoint over the broadcast axis", "[shaped][derivatives]") {
    // r = sum(A + b) with b [3] added to each of A's 2 rows: ∂r/∂b = [2, 2, 2];
    // r2 = sum(A * c) with c [2, 1]: ∂r2/∂c[i] = Σⱼ A[i, j].
    const Graph g = test::parseOk("A: [2, 3]; b: [3]; c: [2, 1]\nr = sum(A + b)\nr2 = sum(A * c)");
    const std::vector<double> x = {1, 2, 3, 4, 5, 6, 0.1, 0.2, 0.3, 7, 8};
    const auto gr = gradient(g, x, 0);
    for (int i = 6; i < 9; ++i) CHECK(gr[static_cast<std::size_t>(i)] == 2);
    const auto gr2 = gradient(g, x, 1);
    CHECK(gr2[9] == 1 + 2 + 3);
    CHECK(gr2[10] == 4 + 5 + 6);
    CHECK(gr2[0] == 7);  // ∂/∂A[0,0] = c[0]
    CHECK(gr2[5] == 8);
}

TEST_CASE("softmax and logsumexp are stable at large inputs", "[shaped][derivatives]") {
    const Graph g = test::parseOk("v: [3]\nlse = logsumexp(v)\np = softmax(v)");
    const std::vector<double> x = {1000, 1001, 1002};
    const auto out = evaluateAt(g, x).outputs;
    // logsumexp = 1002 + log(e⁻² + e⁻¹ + 1); softmax = e^(vᵢ−1002) / (e⁻² + e⁻¹ + 1).
    const double z = std::exp(-2.0) + std::exp(-1.0) + 1;
    CHECK(out[0] == Approx(1002 + std::log(z)).epsilon(1e-15));
    CHECK(out[1] == Approx(std::exp(-2.0) / z).epsilon(1e-14));
    CHECK(out[3] == Approx(1 / z).epsilon(1e-14));
    // ∂ logsumexp / ∂v = softmax(v), finite.
    const auto gr = gradient(g, x, 0);
    for (std::size_t i = 0; i < 3; ++i) CHECK(gr[i] == Approx(out[1 + i]).epsilon(1e-14));
    const Graph h = test::parseOk("v: [2]\nr = logsumexp(v)");
    CHECK(evaluateAt(h, std::vector<double>{-1000, -1000}).outputs[0] == Approx(-1000 + std::log(2.0)));
}

TEST_CASE("init: --init values follow the documented splitmix64 formula", "[shaped][init]") {
    const Graph g = test::parseOk("W: [3, 2]; b: [3]\nr = sum(W @ [1, 2] + b) + s");
    // Computed by hand from the README's rule: s₀ = SEED, per draw s += 0x9E3779B97F4A7C15 and
    // the splitmix64 mix; u = (z >> 11)·2⁻⁵³; value = a(2u − 1) with a = √(6/(3+2)) for W.
    std::uint64_t state = 42;
    auto draw = [&state]() {
        state += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        return static_cast<double>(z >> 11) / 9007199254740992.0;
    };
    const std::vector<double> x = shaped::initialValues(g, 42);
    REQUIRE(x.size() == 6 + 3 + 1);
    const double a = std::sqrt(6.0 / 5.0);
    for (std::size_t i = 0; i < 6; ++i) CHECK(x[i] == a * (2 * draw() - 1));
    for (std::size_t i = 6; i < 10; ++i) CHECK(x[i] == 2 * draw() - 1);
    // The first splitmix64 output for seed 0 is the published 0xE220A8397B1DCDAF.
    shaped::SplitMix64 r0(0);
    CHECK(r0.next() == 0xE220A8397B1DCDAFull);
    CHECK(shaped::initialValues(g, 42) == x);
    CHECK(shaped::initialValues(g, 43) != x);
    for (double v : x) CHECK(std::fabs(v) < 1.1);
}
