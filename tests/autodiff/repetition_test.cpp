// The repetition detector: unrolled loops found from the graph's structure alone, with their
// bodies, counts, prefixes and suffixes checked against the programs' known shapes (each
// iteration's last operation is the statement named for it), and no repetition reported where
// there is none.

#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <string>

#include "autodiff/structure/repetition.hpp"
#include "test_support.hpp"

using namespace adviz;
using adviz::test::parseOk;

namespace {

// h1 = tanh(0.9*x + 0.1), h2 = tanh(0.9*h1 + 0.1), …: the shape of resources/examples/09.
std::string tanhLayers(int n, int from = 1, const std::string& prev0 = "x") {
    std::string s;
    for (int i = from; i < from + n; ++i)
        s += "h" + std::to_string(i) + " = tanh(0.9*" + (i == 1 ? prev0 : "h" + std::to_string(i - 1)) +
             " + 0.1)\n";
    return s;
}

Graph parseBig(const std::string& src) {
    ParseLimits big;
    big.maxBytes = std::size_t{1} << 28;
    ParseResult r = parse(src, big);
    REQUIRE(r.ok());
    return std::move(r.graph);
}

// Iteration i's last operation is the node named `prefix(i + 1)`.
void requireIterationsNamed(const Graph& g, const Repetition& r, const std::string& prefix) {
    for (int i = 0; i < r.count; ++i) {
        INFO("iteration " << i);
        REQUIRE(g.nameOf(r.node(i, r.length - 1)) == prefix + std::to_string(i + 1));
    }
}

}  // namespace

TEST_CASE("the 64-layer tanh network is one body of three operations ×64", "[repetition]") {
    Graph g = parseOk(tanhLayers(64));
    Repetition r = findRepetition(g);
    REQUIRE(r.found());
    CHECK(r.length == 3);
    CHECK(r.count == 64);
    CHECK(r.prefixOps == 0);
    CHECK(r.suffixOps == 0);
    CHECK(g[r.firstNode].op == Op::Mul);
    CHECK(g[r.node(0, 1)].op == Op::Add);
    CHECK(g[r.node(0, 2)].op == Op::Tanh);
    requireIterationsNamed(g, r, "h");
    // Places: every operation is in the block, leaves outside.
    auto places = placesOf(g, r);
    CHECK(places[static_cast<std::size_t>(r.node(37, 1))].iteration == 37);
    CHECK(places[static_cast<std::size_t>(r.node(37, 1))].offset == 1);
    CHECK(places[0].iteration == -1);  // the input x
}

TEST_CASE("the logistic map of 12 steps is 3 operations ×12", "[repetition]") {
    std::string src;
    for (int k = 1; k <= 12; ++k) {
        std::string prev = k == 1 ? "x" : "x" + std::to_string(k - 1);
        src += "x" + std::to_string(k) + " = r*" + prev + "*(1 - " + prev + ")\n";
    }
    Graph g = parseOk(src);
    Repetition r = findRepetition(g);
    REQUIRE(r.found());
    CHECK(r.length == 3);
    CHECK(r.count == 12);
    CHECK(r.prefixOps == 0);
    CHECK(r.suffixOps == 0);
    requireIterationsNamed(g, r, "x");
}

TEST_CASE("a recurrence of 10^5 steps is found in milliseconds", "[repetition]") {
    const int n = 100'000;
    std::string src = "y = cos(a)\n";  // a prefix operation every iteration reads
    for (int k = 1; k <= n; ++k) {
        std::string prev = k == 1 ? "x" : "x" + std::to_string(k - 1);
        src += "x" + std::to_string(k) + " = " + prev + " + 0.01*sin(" + prev + ")*y\n";
    }
    src += "f = x" + std::to_string(n) + "*x" + std::to_string(n) + "\n";
    Graph g = parseBig(src);
    Repetition r;
    double ms = 1e9;
    for (int run = 0; run < 3; ++run) {  // the best of three: the first also faults pages in
        auto t0 = std::chrono::steady_clock::now();
        r = findRepetition(g);
        ms = std::min(ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    REQUIRE(r.found());
    CHECK(r.length == 4);
    CHECK(r.count == n);
    CHECK(r.prefixOps == 1);
    CHECK(r.suffixOps == 1);
    requireIterationsNamed(g, r, "x");
    WARN("detection of 10^5 iterations: " << ms << " ms");
    CHECK(ms < 1000);  // a few ms in a release build; generous for sanitizer builds
}

TEST_CASE("sum chains: a running sum of one input repeats, a sum of distinct inputs does not",
          "[repetition]") {
    std::string running;
    for (int k = 1; k <= 40; ++k)
        running += "s" + std::to_string(k) + " = " + (k == 1 ? "a" : "s" + std::to_string(k - 1)) + " + b\n";
    Graph g = parseOk(running);
    Repetition r = findRepetition(g);
    REQUIRE(r.found());
    CHECK(r.length == 1);
    CHECK(r.count == 40);
    requireIterationsNamed(g, r, "s");

    // a(k) = sin(a(k−1))·a(k/2): every step reads a node from far before it, a different one
    // (or the same, every other step): nothing outside the block is read the same way.
    std::string scattered = "a1 = sin(x)*y\n";
    for (int k = 2; k <= 400; ++k)
        scattered += "a" + std::to_string(k) + " = sin(a" + std::to_string(k - 1) + ")*a" + std::to_string(k / 2) + "\n";
    CHECK_FALSE(findRepetition(parseOk(scattered)).found());

    // x0 + x1 + … + x99: each addition reads a different input, which is neither inside the
    // block nor the same node for every iteration.
    std::string sum;
    for (int i = 0; i < 100; ++i) sum += (i ? " + x" : "x") + std::to_string(i);
    CHECK_FALSE(findRepetition(parseOk(sum)).found());
}

TEST_CASE("programs without repetition report none", "[repetition]") {
    CHECK_FALSE(findRepetition(parseOk("(x+y)*sin(x)")).found());
    CHECK_FALSE(findRepetition(parseOk("f = x*y + sin(x)\ng = f*f - exp(y)\nh = g/f")).found());
    // Random programs with wrapped, mixed operations.
    std::mt19937 rng(7);
    for (int trial = 0; trial < 20; ++trial) {
        std::string src = adviz::test::randomProgram(rng, 3, 30, 2);
        INFO(src);
        CHECK_FALSE(findRepetition(parseOk(src)).found());
    }
    // A random DAG of 5,000 statements, each combining two recent ones with a random op.
    std::mt19937 dag(42);
    std::string src = "t0 = x\nt1 = y\n";
    const char* binary[] = {" + ", " * ", " - "};
    const char* unary[] = {"sin", "tanh", "cos"};
    for (int k = 2; k < 5000; ++k) {
        std::uniform_int_distribution<int> back(1, std::min(k, 8));
        std::string a = "t" + std::to_string(k - back(dag)), b = "t" + std::to_string(k - back(dag));
        std::string e = dag() % 3 == 0 ? std::string(unary[dag() % 3]) + "(" + a + ")" : a + binary[dag() % 3] + b;
        src += "t" + std::to_string(k) + " = " + e + "\n";
    }
    CHECK_FALSE(findRepetition(parseBig(src)).found());
}

TEST_CASE("a body that changes in the middle ends the run there", "[repetition]") {
    // 40 tanh layers, then 60 sine layers reading the last tanh layer: two blocks, the longer
    // one reported, with the tanh layers as its prefix.
    std::string src = tanhLayers(40);
    for (int i = 41; i <= 100; ++i)
        src += "h" + std::to_string(i) + " = sin(0.5*h" + std::to_string(i - 1) + " + 0.2)\n";
    Graph g = parseOk(src);
    Repetition r = findRepetition(g);
    REQUIRE(r.found());
    CHECK(r.length == 3);
    CHECK(r.count == 60);
    CHECK(r.prefixOps == 120);
    CHECK(r.suffixOps == 0);
    CHECK(g.nameOf(r.node(0, 2)) == "h41");

    // Layer 25 of 60 multiplies by 0.8: no block may run across it.
    std::string changed;
    for (int i = 1; i <= 60; ++i)
        changed += "h" + std::to_string(i) + " = tanh(" + (i == 25 ? "0.8" : "0.9") + "*" +
                   (i == 1 ? "x" : "h" + std::to_string(i - 1)) + " + 0.1)\n";
    Graph h = parseOk(changed);
    Repetition q = findRepetition(h);
    REQUIRE(q.found());
    CHECK(q.length == 3);
    CHECK(q.count == 35);  // layers 26…60, the first reading layer 25 as its initial state
    CHECK(h.nameOf(q.node(0, 2)) == "h26");
    CHECK(h.nameOf(q.node(q.count - 1, 2)) == "h60");
}

TEST_CASE("shared and hash-consed nodes read by every iteration stay outside the block",
          "[repetition]") {
    // sin(x) is one node (hash-consed) read by every iteration; it belongs to the prefix.
    std::string src;
    for (int k = 1; k <= 30; ++k)
        src += "s" + std::to_string(k) + " = " + (k == 1 ? "x" : "s" + std::to_string(k - 1)) +
               "*sin(x) + 1\n";
    Graph g = parseOk(src);
    Repetition r = findRepetition(g);
    REQUIRE(r.found());
    CHECK(r.length == 2);
    CHECK(r.count == 30);
    CHECK(r.prefixOps == 1);
    CHECK(g[r.ops[0]].op == Op::Sin);
    requireIterationsNamed(g, r, "s");

    // Two iterations that are the same expression are one node: a + b twice is not a loop.
    CHECK_FALSE(findRepetition(parseOk("u = a + b\nv = a + b\nw = u*v")).found());
}

#include "autodiff/structure/trace_index.hpp"

TEST_CASE("a trace index gives every node's state after any step, as stateAt does",
          "[repetition][trace]") {
    Graph g = parseOk(tanhLayers(6) + "f = h6*x\n");
    const std::vector<double> x{0.7};
    for (const Trace& t : {traceReverse(g, x, std::vector<double>{1.0}),
                           traceForward(g, x, std::vector<double>{1.0})}) {
        TraceIndex index(t);
        for (std::size_t k = 0; k <= t.size(); k += 3) {
            const auto all = t.stateAt(k);
            for (int id = 0; id < g.size(); ++id) {
                const NodeState s = index.stateAt(id, k);
                const NodeState& want = all[static_cast<std::size_t>(id)];
                INFO("node " << id << " after " << k << " steps");
                REQUIRE(s.hasValue == want.hasValue);
                REQUIRE(s.hasAdjoint == want.hasAdjoint);
                REQUIRE(s.hasTangent == want.hasTangent);
                if (want.hasValue) REQUIRE(s.value == want.value);
                if (want.hasAdjoint) REQUIRE(s.adjoint == want.adjoint);
                if (want.hasTangent) REQUIRE(s.tangent == want.tangent);
            }
        }
    }
}
