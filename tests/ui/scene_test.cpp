// The scene built from the model: one item per node and per edge, and the numbers each node
// shows are what the trace says at the frame's step.

#include <catch2/catch.hpp>

#include <QSignalSpy>

#include <cmath>

#include "ui/model/session_model.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

void sameState(const NodeState& a, const NodeState& b) {
    CHECK(a.hasValue == b.hasValue);
    CHECK(a.hasTangent == b.hasTangent);
    CHECK(a.hasAdjoint == b.hasAdjoint);
    if (a.hasValue) CHECK(a.value == b.value);
    if (a.hasTangent) CHECK(a.tangent == b.tangent);
    if (a.hasAdjoint) CHECK(a.adjoint == b.adjoint);
}

}  // namespace

TEST_CASE("the scene has one item per node and per edge", "[scene]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    GraphScene scene(model);
    CHECK(scene.nodeItems().size() == 5);
    CHECK(scene.edgeItems().size() == 5);
    for (std::size_t i = 0; i < scene.nodeItems().size(); ++i)
        CHECK(scene.nodeItems()[i]->id() == static_cast<int>(i));
    CHECK(scene.nodeItems()[0]->label().kind == NodeKind::Input);
    CHECK(scene.nodeItems()[4]->label().output);
    CHECK(scene.nodeItems()[3]->label().symbol == "sin");

    REQUIRE(model.setSource("sin(x)*sin(x) + 2"));  // a new structure rebuilds the items
    CHECK(scene.nodeItems().size() == 5);          // x, sin, product, 2, sum
    CHECK(scene.edgeItems().size() == 5);          // x→sin, sin→× twice, ×→+, 2→+
}

TEST_CASE("nodes show what the trace says at steps 0, k and the end", "[scene]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    model.setInputsByName({{"x", 1.0}, {"y", 2.0}});
    GraphScene scene(model);
    for (Mode mode : {Mode::Forward, Mode::Reverse}) {
        model.setMode(mode);
        const int n = model.stepCount();
        for (int k : {0, 3, n}) {
            INFO("mode " << modeName(mode) << " step " << k);
            scene.showFrame(k, 0);
            auto expect = model.trace().stateAt(static_cast<std::size_t>(k));
            for (NodeItem* item : scene.nodeItems())
                sameState(item->shownState(), expect[static_cast<std::size_t>(item->id())]);
        }
    }
}

TEST_CASE("a frame is a pure function of step and progress", "[scene]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    GraphScene scene(model);
    const Trace& t = model.trace();  // reverse: 5 primal, 1 seed, 5 adjoint steps
    SECTION("mid-step: the step's edge carries a token and the caption shows its formula") {
        scene.showFrame(8, 0.5);
        Frame f = scene.frame();
        CHECK(f.activeNode == t.steps[8].node);
        CHECK(f.caption.toStdString() == formulaOf(model.graph(), t, t.steps[8]));
        CHECK(f.caption.startsWith(QStringLiteral("v̄₋₁ += v̄₂·∂v₂/∂v₋₁ = v̄₂·cos(v₋₁) = ")));
        int tokens = 0;
        for (const EdgeFrame& e : f.edges) tokens += e.token >= 0;
        CHECK(tokens == 1);
        scene.showFrame(2, 0.3);
        scene.showFrame(8, 0.5);  // back to the same frame: the same picture
        CHECK(scene.frame().caption == f.caption);
        CHECK(scene.frame().edges[2].token == f.edges[2].token);
    }
    SECTION("the numbers of a step appear only when it completes") {
        scene.showFrame(5, 0.9);  // seed step under way
        CHECK_FALSE(scene.frame().state[4].hasAdjoint);
        scene.showFrame(6, 0);
        CHECK(scene.frame().state[4].hasAdjoint);
    }
}

TEST_CASE("changing an input value keeps every node where it was", "[scene]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    GraphScene scene(model);
    std::vector<QPointF> before;
    for (NodeItem* n : scene.nodeItems()) before.push_back(n->pos());
    model.setInput(0, 123.456);
    REQUIRE(scene.nodeItems().size() == before.size());
    for (std::size_t i = 0; i < before.size(); ++i) CHECK(scene.nodeItems()[i]->pos() == before[i]);
}

TEST_CASE("a constant used in several places is drawn next to each use", "[scene]") {
    SessionModel model;
    REQUIRE(model.setSource("a = 3.7*x*(1-x)\n3.7*a*(1-a)"));  // 3.7 and 1 are used twice each
    GraphScene scene(model);
    const Graph& g = model.graph();
    CHECK(scene.nodeItems().size() == static_cast<std::size_t>(g.size()));
    CHECK(scene.edgeItems().size() == g.edgeCount());
    REQUIRE(scene.constantCopies().size() == 2);
    for (NodeItem* copy : scene.constantCopies()) {
        CHECK(g[copy->id()].op == Op::Const);
        CHECK(copy->pos() != scene.nodeItems()[static_cast<std::size_t>(copy->id())]->pos());
    }
}

TEST_CASE("in forward-over-reverse mode nodes show the adjoint's tangent as the trace says",
          "[scene][hessian]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    model.setInputsByName({{"x", 1.0}, {"y", 2.0}});
    model.setUnitDirection(0);  // v = e_x: the inputs' adjoint tangents end as H·e_x
    model.setMode(Mode::ForwardOverReverse);
    GraphScene scene(model);
    const int n = model.stepCount();
    scene.showFrame(n, 0);
    const NodeState& x = scene.nodeItems()[0]->shownState();
    REQUIRE(x.hasAdjointTangent);
    // ∂²f/∂x² = 2 cos x − (x + y) sin x, by hand.
    CHECK(x.adjointTangent == Approx(2 * std::cos(1.0) - 3 * std::sin(1.0)).epsilon(1e-12));
    for (int k : {0, n / 2, n}) {
        scene.showFrame(k, 0);
        auto expect = model.trace().stateAt(static_cast<std::size_t>(k));
        for (NodeItem* item : scene.nodeItems()) {
            const NodeState& s = item->shownState();
            const NodeState& e = expect[static_cast<std::size_t>(item->id())];
            CHECK(s.hasAdjointTangent == e.hasAdjointTangent);
            CHECK(s.hasValueTangent == e.hasValueTangent);
        }
    }
}

TEST_CASE("with checkpointing nodes show where their values are at each step", "[scene][checkpoint]") {
    SessionModel model;
    std::string chain = "a0 = x\n";
    for (int i = 1; i <= 16; ++i)
        chain += "a" + std::to_string(i) + " = sin(a" + std::to_string(i - 1) + ")\n";
    REQUIRE(model.setSource(QString::fromStdString(chain)));
    model.setCheckpointStrategy(Strategy::sqrt());
    GraphScene scene(model);
    const Trace& t = model.trace();
    int freed = 0, checkpoints = 0, recomputes = 0;
    for (std::size_t k = 0; k <= t.size(); k += 3) {
        scene.showFrame(static_cast<int>(k), 0);
        auto expect = t.stateAt(k);
        for (NodeItem* item : scene.nodeItems()) {
            Memory m = item->shownState().memory;
            CHECK(m == expect[static_cast<std::size_t>(item->id())].memory);
            freed += m == Memory::Freed;
            checkpoints += m == Memory::Checkpoint;
        }
    }
    for (const Step& s : t.steps) recomputes += s.phase == Phase::Recompute;
    CHECK(freed > 0);
    CHECK(checkpoints > 0);
    CHECK(recomputes > 0);
}

TEST_CASE("a program loaded with its point and mode is swept once, at that point", "[scene][model]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    QSignalSpy traces(&model, &SessionModel::traceChanged), graphs(&model, &SessionModel::graphChanged);
    SECTION("a program that parses: its trace is forward mode at x = 0.5, y = 3") {
        REQUIRE(model.load("x*sin(x) + y", {{"x", 0.5}, {"y", 3.0}}, Mode::Forward));
        CHECK(model.mode() == Mode::Forward);
        CHECK(model.inputs() == std::vector<double>{0.5, 3.0});
        REQUIRE(model.trace().mode == Mode::Forward);
        // f = x·sin x + y by hand; ẋ = e₁ by default: ḟ = sin x + x·cos x.
        CHECK(model.trace().outputs[0] == Approx(0.5 * std::sin(0.5) + 3).epsilon(1e-15));
        CHECK(model.trace().result[0] == Approx(std::sin(0.5) + 0.5 * std::cos(0.5)).epsilon(1e-15));
        CHECK(graphs.count() == 1);  // one new graph, no second sweep announced
        CHECK(traces.count() == 0);
    }
    SECTION("a program that does not parse: mode and point go to the last good one") {
        CHECK_FALSE(model.load("x*(", {{"x", 2.0}}, Mode::Forward));
        CHECK(model.mode() == Mode::Forward);
        CHECK(model.inputs()[0] == 2.0);
        CHECK(model.trace().outputs[0] == Approx((2.0 + model.inputs()[1]) * std::sin(2.0)).epsilon(1e-15));
    }
}
