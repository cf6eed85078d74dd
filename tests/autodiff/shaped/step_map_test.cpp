// The map between shaped and scalar steps: at the scalar step a shaped step maps to, the scalar
// trace holds exactly the numbers the shaped step shows (values in forward, adjoints in reverse).

#include <catch2/catch.hpp>

#include <cmath>

#include "autodiff/shaped/init.hpp"
#include "autodiff/shaped/shaped_rules.hpp"
#include "autodiff/shaped/step_map.hpp"
#include "autodiff/test_support.hpp"
#include "autodiff/shaped/theory_mlp.hpp"

using namespace adviz;
using namespace adviz::shaped;
using adviz::test::parseOk;

namespace {

const char* const mlp = test::theoryMlp;

bool regroups(Kind k) { return k == Kind::Transpose || k == Kind::Index || k == Kind::Literal; }

void checkMonotone(const std::vector<std::size_t>& ends, std::size_t scalarSize) {
    REQUIRE(ends.front() == 0);
    REQUIRE(ends.back() == scalarSize);
    for (std::size_t s = 1; s < ends.size(); ++s) REQUIRE(ends[s] >= ends[s - 1]);
}

}  // namespace

TEST_CASE("shaped reverse steps map to the scalar step where their adjoints are in place") {
    const Graph g = parseOk(mlp);
    const std::vector<double> x = initialValues(g, 7);
    const std::vector<double> ybar{1.0};
    const Trace scalar = traceReverse(g, x, ybar);
    const ShapedTrace shaped = traceShapedReverse(g, x, ybar);
    const auto ends = scalarStepEnds(g, scalar, shaped);
    REQUIRE(ends.size() == shaped.steps.size() + 1);
    checkMonotone(ends, scalar.size());
    const ShapedGraph& sg = *g.shaped;
    int compared = 0;
    for (std::size_t s = 0; s < shaped.steps.size(); ++s) {
        const ShapedStep& step = shaped.steps[s];
        if (step.phase != Phase::Adjoint || regroups(sg[step.node].kind)) continue;
        const auto state = scalar.stateAt(ends[s + 1]);
        const auto& el = sg[step.node].elements;
        for (std::size_t k = 0; k < el.size(); ++k) {
            const NodeState& ns = state[static_cast<std::size_t>(el[k])];
            INFO("shaped step " << s << ": " << step.rule << ", element " << k);
            REQUIRE(ns.hasAdjoint);
            REQUIRE(ns.adjoint == Approx(step.after[k]).margin(1e-14));
            ++compared;
        }
        // One step earlier the operation's work is not done yet: the scalar trace is before it
        // (or the previous shaped step maps to the same scalar step).
        REQUIRE(shapedStepAt(ends, ends[s + 1]) >= s + 1);
    }
    CHECK(compared >= 20);  // every weight, bias and input gets its adjoint compared
}

TEST_CASE("shaped forward steps map to the scalar step where their values and tangents are known") {
    const Graph g = parseOk(mlp);
    const std::vector<double> x = initialValues(g, 3);
    std::vector<double> xdot(x.size(), 0.0);
    xdot[1] = 1;  // x[1]
    const Trace scalar = traceForward(g, x, xdot);
    const ShapedTrace shaped = traceShapedForward(g, x, xdot);
    const auto ends = scalarStepEnds(g, scalar, shaped);
    checkMonotone(ends, scalar.size());
    const ShapedGraph& sg = *g.shaped;
    for (std::size_t s = 0; s < shaped.steps.size(); ++s) {
        const ShapedStep& step = shaped.steps[s];
        const auto state = scalar.stateAt(ends[s + 1]);
        const auto& el = sg[step.node].elements;
        for (std::size_t k = 0; k < el.size(); ++k) {
            const NodeState& ns = state[static_cast<std::size_t>(el[k])];
            REQUIRE(ns.hasValue);
            REQUIRE(ns.value == Approx(step.value[k]).margin(1e-14));
            REQUIRE(ns.tangent == Approx(step.tangent[k]).margin(1e-14));
        }
    }
}

TEST_CASE("a scalar step count maps back to the last shaped step done by then") {
    const std::vector<std::size_t> ends{0, 3, 3, 7, 10};
    CHECK(shapedStepAt(ends, 0) == 0);
    CHECK(shapedStepAt(ends, 2) == 0);
    CHECK(shapedStepAt(ends, 3) == 2);
    CHECK(shapedStepAt(ends, 6) == 2);
    CHECK(shapedStepAt(ends, 7) == 3);
    CHECK(shapedStepAt(ends, 10) == 4);
    CHECK(shapedStepAt(ends, 99) == 4);
}

TEST_CASE("an element's numbers read from the shaped steps are the scalar sweep's") {
    const Graph g = parseOk(mlp);
    const std::vector<double> x = initialValues(g, 5);
    const std::vector<double> ybar{1.0};
    const Trace scalar = traceReverse(g, x, ybar);
    const ShapedTrace shaped = traceShapedReverse(g, x, ybar);
    const int out = g.outputs.front().node;
    CHECK_FALSE(elementStateAt(g, shaped, out, 0).hasValue);  // nothing done yet
    const std::size_t end = shaped.steps.size();
    const NodeState o = elementStateAt(g, shaped, out, end);
    REQUIRE(o.hasValue);
    CHECK(o.value == scalar.outputs.front());
    for (int i = 0; i < g.inputs; ++i) {
        const NodeState s = elementStateAt(g, shaped, i, end);
        INFO("input " << g.inputName(i));
        REQUIRE(s.hasValue);
        CHECK(s.value == x[static_cast<std::size_t>(i)]);
        REQUIRE(s.hasAdjoint);
        CHECK(s.adjoint == Approx(scalar.result[static_cast<std::size_t>(i)]).margin(1e-15));
    }
}

TEST_CASE("a literal's adjoint rules name each item it gathered, third and later included") {
    const Graph g = parseOk("a: [2]; b: [2]; c: [2]\nM = [a, b, c]\nL = sum(M)");
    const ShapedTrace t = traceShapedReverse(g, std::vector<double>{1, 2, 3, 4, 5, 6}, std::vector<double>{1.0});
    std::vector<std::string> rules;
    for (const ShapedStep& s : t.steps)
        if (s.phase == Phase::Adjoint && g.shaped->nodes[static_cast<std::size_t>(s.consumer)].kind == Kind::Literal)
            rules.push_back(s.rule);
    // (bar() writes the combining macron the rules use.)
    CHECK(rules == std::vector<std::string>{bar("a") + " += " + bar("M") + "[0]", bar("b") + " += " + bar("M") + "[1]",
                                            bar("c") + " += " + bar("M") + "[2]"});
}

TEST_CASE("a matrix written in numbers receives no adjoint, as constants receive none in the scalar sweep") {
    const Graph g = parseOk("x: [2]\nW = [[1, 2], [3, 4]]\ny = sum(W @ x)");
    const ShapedTrace t = traceShapedReverse(g, std::vector<double>{0.5, -1}, std::vector<double>{1.0});
    int adjoints = 0;
    for (const ShapedStep& s : t.steps) {
        if (s.phase != Phase::Adjoint) continue;
        ++adjoints;
        INFO(s.rule);
        CHECK(g.shaped->nodes[static_cast<std::size_t>(s.node)].name != "W");
        CHECK(g.shaped->nodes[static_cast<std::size_t>(s.node)].kind != Kind::Literal);
    }
    CHECK(adjoints == 2);  // into W @ x from the sum, into x from W @ x
    CHECK(t.result == std::vector<double>{1 + 3, 2 + 4});  // x̄ = Wᵀ 𝟏
}
