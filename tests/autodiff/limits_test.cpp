// Hardening of the engine (issue 15): every limit stated in limits.hpp is checked before the
// work it protects; messages stay short whatever the input; what once crashed, overflowed or
// misled is kept here as a test.

#include <catch2/catch.hpp>

#include <climits>
#include <cmath>
#include <string>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/trace.hpp"
#include "autodiff/sweeps/trace_text.hpp"
#include "autodiff/test_support.hpp"
#include "autodiff/theory/symbolic.hpp"

namespace {

using namespace adviz;
using adviz::test::parseOk;

/// a1 = sin(x), a2 = sin(a1)*a1, …: a chain of about 2·length operations.
std::string chainProgram(int length) {
    std::string src = "a1 = sin(x)\n";
    for (int k = 2; k <= length; ++k)
        src += "a" + std::to_string(k) + " = sin(a" + std::to_string(k - 1) + ")*a" +
               std::to_string(k - 1) + "\n";
    return src;
}

int operationsOf(const Graph& g) { return static_cast<int>(liveness(g).steps.size()); }

}  // namespace

TEST_CASE("every:K with K near INT_MAX reverses every step (no overflow)", "[limits][checkpoint]") {
    // (T + K − 1)/K overflowed in int for K > INT_MAX − T + 1: the schedule then reversed
    // nothing and the sweep aborted.
    const Graph g = parseOk("sin(x)*x");
    const std::vector<double> x{1.0}, seed{1.0};
    for (int k : {INT_MAX, INT_MAX - 1, 1'000'000'000}) {
        INFO("K = " << k);
        const CheckpointResult r = checkpointedGradient(g, x, seed, Strategy::every(k));
        CHECK(r.gradient[0] == vjp(g, x, seed).cotangent[0]);
        const auto actions = checkpointSchedule(Strategy::every(k), operationsOf(g));
        REQUIRE(actions.size() == 1);  // one turn over everything, as store-all
        CHECK(actions[0].kind == Action::Firsturn);
        CHECK(actions[0].steps == operationsOf(g));
    }
}

TEST_CASE("checkpointEvaluations is what the sweep then counts", "[limits][checkpoint]") {
    const Graph g = parseOk(chainProgram(40));
    const std::vector<double> x{0.7}, seed{1.0};
    for (const char* name : {"store-all", "sqrt", "every:1", "every:7", "every:1000", "binomial:1",
                             "binomial:2", "binomial:3", "binomial:9"}) {
        INFO(name);
        const Strategy s = *Strategy::parse(name);
        const CheckpointResult r = checkpointedGradient(g, x, seed, s, false);
        CHECK(limits::checkpointEvaluations(s, r.operations) == r.totalOps);
    }
}

TEST_CASE("binomial:1 is refused before the quadratic work, with what to do", "[limits][checkpoint]") {
    // binomial:1 on T operations evaluates about T²/2 of them.
    const Graph big = parseOk(chainProgram(20'000));  // 40,000 operations: 8·10⁸ evaluations
    const auto why = limits::checkpointRefusal(big, Strategy::binomial(1));
    REQUIRE(why);
    CHECK_THAT(*why, Catch::Contains("500,000,000") && Catch::Contains("binomial:S") &&
                         Catch::Contains("sqrt"));
    CHECK_FALSE(limits::checkpointRefusal(big, Strategy::sqrt()));
    CHECK_FALSE(limits::checkpointRefusal(big, Strategy::binomial(40)));

    // A trace held in memory has a lower bound: 1,000 operations at binomial:1 record ~500,000
    // recomputations; 1,500 record more than a million steps.
    const Graph mid = parseOk(chainProgram(750));
    const Strategy one = Strategy::binomial(1);
    REQUIRE(limits::traceStepsAtLeast(mid, Mode::Reverse, &one) > limits::maxTraceSteps);
    const auto traceWhy = limits::traceRefusal(mid, Mode::Reverse, &one, true);
    REQUIRE(traceWhy);
    CHECK_THAT(*traceWhy, Catch::Contains("1,000,000") && Catch::Contains("--format csv"));
    CHECK_FALSE(limits::traceRefusal(mid, Mode::Reverse, &one, false));  // streamed: allowed
    CHECK_FALSE(limits::traceRefusal(mid, Mode::Reverse, nullptr, true));
}

TEST_CASE("the step lower bound is exact for forward and reverse traces", "[limits][trace]") {
    const Graph g = parseOk("a = x*y\nf = sin(a) + a*2\ng = x - y");
    const std::vector<double> x{0.5, 2}, xdot{1, 0}, seed{1, 0};
    CHECK(limits::traceStepsAtLeast(g, Mode::Forward, nullptr) ==
          static_cast<long long>(traceForward(g, x, xdot).size()));
    CHECK(limits::traceStepsAtLeast(g, Mode::Reverse, nullptr) ==
          static_cast<long long>(traceReverse(g, x, seed).size()));
    const Strategy s = Strategy::every(2);
    CHECK(limits::traceStepsAtLeast(g, Mode::Reverse, &s) <=
          static_cast<long long>(traceCheckpointed(g, x, seed, s).size()));
}

TEST_CASE("a trace with a sink streams: every step once, in order, none kept", "[limits][trace]") {
    const Graph g = parseOk(chainProgram(30));
    const std::vector<double> x{0.4}, seed{1.0};
    const Trace kept = traceReverse(g, x, seed);
    std::size_t seen = 0;
    bool same = true;
    const Trace streamed = traceReverse(g, x, seed, [&](const Step& s, std::size_t k) {
        same = same && k == seen && s.formula == formulaOf(g, kept, kept.steps[k]);
        ++seen;
    });
    CHECK(streamed.steps.empty());
    CHECK(seen == kept.size());
    CHECK(streamed.recorded == kept.size());
    CHECK(same);
    CHECK(streamed.result == kept.result);
}

TEST_CASE("diagnostics show a window of a long line, never the whole line", "[limits][parser]") {
    // A 10 MB line with the error at its end once echoed 10 MB.
    const std::string line = std::string(10'000'000, 'x') + "+)";
    const ParseResult r = parse(line);
    REQUIRE_FALSE(r.ok());
    const std::string d = formatDiagnostic(line, *r.error);
    CHECK(d.size() < 400);
    CHECK_THAT(d, Catch::Contains("…x") && Catch::Contains("+)"));
    // The caret sits under the ')' (one extra column for the leading "…").
    const auto lines = [&] {
        std::vector<std::string> out;
        std::size_t at = 0, nl;
        while ((nl = d.find('\n', at)) != std::string::npos) out.push_back(d.substr(at, nl - at)), at = nl + 1;
        return out;
    }();
    REQUIRE(lines.size() == 3);
    const std::size_t caret = lines[2].find('^');
    const std::size_t paren = lines[1].find(')');
    // Columns in code points: "…" is one column but three bytes.
    CHECK(caret == paren - 2);
}

TEST_CASE("diagnostics show control characters as '?' and cap the message", "[limits][parser]") {
    const std::string nuls(1'000'000, '\0');
    const ParseResult r = parse(nuls);
    REQUIRE_FALSE(r.ok());
    const std::string d = formatDiagnostic(nuls, *r.error);
    CHECK(d.size() < 400);
    CHECK(d.find('\0') == std::string::npos);

    const std::string deep = std::string(100'000, '(') + "x";
    const ParseResult n = parse(deep);
    REQUIRE_FALSE(n.ok());
    CHECK_THAT(n.error->message, Catch::Contains(std::to_string(limits::maxNesting)));
    CHECK(formatDiagnostic(deep, *n.error).size() < 400);
}

TEST_CASE("CR-only line endings separate statements like newlines", "[limits][parser]") {
    const Graph g = parseOk("a = x\rb = a*2\rc = b + y");
    CHECK(g.inputCount() == 2);
    CHECK(adviz::test::valueAt(g, {3, 4}, g.outputCount() - 1) == 10);
    const std::string bad = "a = x\r(b";
    const ParseResult r = parse(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->line == 2);
    const std::string d = formatDiagnostic(bad, *r.error);
    CHECK(d.find('\r') == std::string::npos);
    CHECK_THAT(d, Catch::Contains("\n(b\n"));
}

TEST_CASE("negative numbers in formulas get parentheses", "[limits][trace]") {
    // ū += v̄·∂v/∂u with v̄ = 4.4 and a partial of −1: "4.4·(−1)", and the running sum.
    const Graph g = parseOk("f = y - x*x");
    const std::string f = text::adjointFormula(g, 2, 3, 1, -1.0, 4.4, -211.2, -215.6);
    CHECK_THAT(f, Catch::Contains("= v̄₂·(−1) = 4.4·(−1) = −4.4"));
    CHECK_THAT(f, Catch::Contains("= −211.2 + (−4.4) = −215.6"));
    // A negative base: −8^v₁ would mean −(8^v₁) in adviz's own syntax.
    const Graph p = parseOk("pow(-8, 1/3)");
    const int root = p.outputs[0].node;
    CHECK(p.definition(root).starts_with("(−8)^"));
    // … and the first operand of a product needs none: "−2·v₀", but the second does.
    const Graph q = parseOk("-2*x + x*-3");
    bool first = false, second = false;
    for (int id = 0; id < q.size(); ++id) {
        first = first || q.definition(id).starts_with("−2·");
        second = second || q.definition(id).ends_with("·(−3)");
    }
    CHECK(first);
    CHECK(second);
}

TEST_CASE("swell names the limit that stopped it and gives true lower bounds", "[limits][symbolic]") {
    // The sum of 8,000 inputs: 8,000 derivatives of one node each, 1 after CSE. The visit limit
    // (16,000 nodes × 8,000 inputs > 10⁸) stops building; the figures must still be true.
    std::string src = "x1";
    for (int i = 2; i <= 8000; ++i) src += "+x" + std::to_string(i);
    const Graph g = parseOk(src);
    const std::vector<double> x(8000, 0.5);
    const SwellRow r = swellOf(g, x, 0, "program");
    CHECK(r.stoppedBy == SymStop::Visits);
    CHECK(r.derivativeTreeNodes == 8000);
    CHECK(r.afterCse == 1);
    CHECK_THAT(stopText(r.stoppedBy), Catch::Contains("100,000,000"));

    // Stopped by the node limit part-way: the derivatives built are exact, the rest count 1.
    const Graph small = parseOk("f1 = x*y\nf2 = f1*f1\nf3 = f2*f2\nf4 = f3*f3\nf5 = f4*f4");
    const std::vector<double> at{0.5, 0.5};
    const SymExpr full = symbolicGradient(small, at, 0);
    REQUIRE_FALSE(full.tooLarge);
    const long long dx = treeSize(full, full.roots[0]);
    const SymExpr cut = symbolicGradient(small, at, 0, SymLimits{full.nodes.size() - 5, 1e8});
    CHECK(cut.stoppedBy == SymStop::Nodes);
    CHECK(cut.roots.size() == 1);
    CHECK(treeSize(SymExpr{cut.nodes, cut.inputNames, cut.roots, false}) == dx);
}
