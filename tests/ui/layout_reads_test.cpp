// The picture reads: constants beside their uses, shared inputs drawn again near distant uses,
// inputs in program order, no long edges and no overlapping labels, on every built-in example.

#include <catch2/catch.hpp>

#include <memory>

#include "layout_measures.hpp"
#include "ui/layout/layout_plan.hpp"

using namespace adviz;
using namespace adviz::ui;
using namespace adviz::ui::test;

namespace {

// The frame after the last step: every partial known, so every label shows.
void showEnd(GraphScene& scene, const SessionModel& model) { scene.showFrame(model.stepCount(), 0); }

}  // namespace

TEST_CASE("every example: no edge spans more than 3 ranks and no label overlaps", "[layout][reads]") {
    const bool backward = GENERATE(false, true);
    for (const Example& e : examples()) {
        INFO(e.title.toStdString() << (backward ? " (backward graph)" : ""));
        // The 784-128-10 MLP has no scalar drawing (the window refuses it and shows its shaped
        // graph): its layout is not the scalar layout's to check.
        if (!drawnAsScalars(e)) continue;
        SessionModel model;
        loadExample(model, e);
        model.setShowBackwardGraph(backward);
        GraphScene scene(model, nullptr, /*synchronous=*/true);
        REQUIRE(scene.layoutError().toStdString() == "");
        showEnd(scene, model);
        CHECK(longestSpan(scene, model.graph()) <= 3);
        CHECK(labelOverlaps(scene) == 0);
    }
}

TEST_CASE("top to bottom: the MLP's labels do not overlap and edges stay short", "[layout][reads]") {
    SessionModel model;
    loadExample(model, exampleTitled("MLP"));
    GraphScene scene(model, nullptr, true);
    REQUIRE(scene.layoutError().toStdString() == "");
    scene.setDirection(layout::Direction::TopToBottom);
    showEnd(scene, model);
    CHECK(longestSpan(scene, model.graph()) <= 3);
    CHECK(labelOverlaps(scene) == 0);
}

TEST_CASE("each constant is drawn beside its one use, never in the first rank", "[layout][reads]") {
    SessionModel model;
    REQUIRE(model.setSource(QStringLiteral("h1 = tanh(0.9*x + 0.1)\nh2 = tanh(0.9*h1 + 0.1)\n"
                                           "h3 = tanh(0.9*h2 + 0.1)\nh4 = tanh(0.9*h3 + 0.1)\n")));
    GraphScene scene(model, nullptr, true);
    REQUIRE(scene.layoutError().toStdString() == "");
    const Graph& g = model.graph();
    // 0.9 and 0.1 are one node each (hash-consed) used four times: four boxes each.
    int constantBoxes = 0;
    for (const NodeItem* n : allBoxes(scene)) constantBoxes += g[n->id()].op == Op::Const;
    CHECK(constantBoxes == 8);
    const double firstRank = scene.nodeItems()[0]->pos().x();
    for (const NodeItem* n : allBoxes(scene))
        if (g[n->id()].op == Op::Const) CHECK(n->pos().x() > firstRank + 1);
    // Every edge out of a constant reaches its consumer without crossing a column of operations.
    const std::vector<int> spans = edgeSpans(scene, g);
    std::size_t e = 0;
    for (int id = 0; id < g.size(); ++id)
        for (int s = 0; s < g[id].arity(); ++s, ++e)
            if (g[g[id].operand(s)].op == Op::Const) CHECK(spans[e] == 1);
}

TEST_CASE("inputs in the first rank stand in program order", "[layout][reads]") {
    const auto dir = GENERATE(layout::Direction::LeftToRight, layout::Direction::TopToBottom);
    // Across the rank: y for left to right, x for top to bottom.
    auto across = [dir](const NodeItem* n) {
        return dir == layout::Direction::LeftToRight ? n->pos().y() : n->pos().x();
    };
    for (const char* title : {"4 → 1", "MLP", "10 inputs, 1 output", "64-layer"}) {
        INFO(title);
        SessionModel model;
        loadExample(model, exampleTitled(title));
        GraphScene scene(model, nullptr, true);
        scene.setDirection(dir);
        REQUIRE(scene.layoutError().toStdString() == "");
        double firstRank = INFINITY;
        for (const NodeItem* n : allBoxes(scene)) firstRank = std::min(firstRank, along(scene, n->pos()));
        std::vector<const NodeItem*> first;  // inputs are nodes 0… in program order
        for (int i = 0; i < model.graph().inputCount(); ++i) {
            const NodeItem* n = scene.nodeItems()[static_cast<std::size_t>(i)];
            if (std::abs(along(scene, n->pos()) - firstRank) < 0.5) first.push_back(n);
        }
        CHECK(static_cast<int>(first.size()) >= std::min(4, model.graph().inputCount()));
        for (std::size_t i = 1; i < first.size(); ++i) CHECK(across(first[i - 1]) < across(first[i]));
    }
}

TEST_CASE("inputs used late are drawn beside their use, in program order along the graph", "[layout][reads]") {
    SessionModel model;
    // The Jacobian crossover example: f = 1sin(x1) + 2sin(x2) + … + 10sin(x10), summed left to
    // right: x10 joins nine additions after x1.
    loadExample(model, exampleTitled("10 inputs, 1 output"));
    REQUIRE(model.graph().inputCount() == 10);
    GraphScene scene(model, nullptr, true);
    REQUIRE(scene.layoutError().toStdString() == "");
    for (int i = 1; i < 10; ++i)
        CHECK(scene.nodeItems()[static_cast<std::size_t>(i - 1)]->pos().x() <=
              scene.nodeItems()[static_cast<std::size_t>(i)]->pos().x() + 0.5);
    CHECK(scene.nodeItems()[9]->pos().x() > scene.nodeItems()[0]->pos().x() + 300);
    CHECK(longestSpan(scene, model.graph()) <= 3);
}

TEST_CASE("an input used all along the graph is drawn again near each distant use", "[layout][reads]") {
    SessionModel model;
    REQUIRE(model.setSource(sharedInputChain(30)));
    GraphScene scene(model, nullptr, true);
    REQUIRE(scene.layoutError().toStdString() == "");
    const Graph& g = model.graph();
    const int y = g.inputIndex("y");
    REQUIRE(y >= 0);
    // y is used once per step, three operations apart: each use far from the others.
    CHECK(scene.nodeCopies().size() >= 25);
    for (const NodeItem* copy : scene.nodeCopies()) {
        CHECK(copy->id() == y);
        CHECK(copy->label().copy);
    }
    CHECK_FALSE(scene.nodeItems()[static_cast<std::size_t>(y)]->label().copy);
    CHECK(longestSpan(scene, g) <= 3);
}

TEST_CASE("the plan: inputs used early are pinned first, one box per constant use", "[layout][reads]") {
    SessionModel model;
    REQUIRE(model.setSource(QStringLiteral("a = sin(x)*2\nb = sin(sin(sin(sin(a))))\nc = b*y + 2\n")));
    const Graph& g = model.graph();
    const LayoutPlan plan = planLayout(g);
    const int x = g.inputIndex("x"), y = g.inputIndex("y");
    CHECK(plan.boxes[static_cast<std::size_t>(plan.primary[static_cast<std::size_t>(x)])].rank ==
          layout::RankConstraint::First);
    // y's only use is 7 operations deep: its box floats beside that use.
    CHECK(plan.boxes[static_cast<std::size_t>(plan.primary[static_cast<std::size_t>(y)])].rank ==
          layout::RankConstraint::Free);
    int twos = 0;
    for (const PlannedBox& b : plan.boxes) twos += g[b.node].op == Op::Const;
    CHECK(twos == 2);
    CHECK(plan.edgeSource.size() == g.edgeCount());
}

TEST_CASE("Rosenbrock: no label on edges out of constants, and no nan shown", "[layout][reads]") {
    SessionModel model;
    loadExample(model, exampleTitled("Rosenbrock"));
    REQUIRE(model.graph().inputCount() == 2);
    GraphScene scene(model, nullptr, true);
    REQUIRE(scene.layoutError().toStdString() == "");
    showEnd(scene, model);
    const Graph& g = model.graph();
    std::size_t e = 0;
    int labelled = 0;
    for (int id = 0; id < g.size(); ++id)
        for (int s = 0; s < g[id].arity(); ++s, ++e) {
            const EdgeItem* item = scene.edgeItems()[e];
            INFO("edge " << e << ": " << item->partialLabel().toStdString());
            CHECK_FALSE(item->partialLabel().contains(QStringLiteral("nan")));
            if (g[g[id].operand(s)].op == Op::Const) CHECK_FALSE(item->labelVisible());
            else labelled += item->labelVisible();
        }
    CHECK(labelled > 0);
}

TEST_CASE("the active edge is drawn above the others", "[layout][reads]") {
    SessionModel model;
    REQUIRE(model.setSource(QStringLiteral("(x+y)*sin(x)")));
    GraphScene scene(model, nullptr, true);
    REQUIRE(scene.layoutError().toStdString() == "");
    scene.showFrame(8, 0.5);  // reverse mode: an adjoint step under way
    int active = 0;
    for (std::size_t e = 0; e < scene.edgeItems().size(); ++e) {
        const bool on = scene.frame().edges[e].flow != Flow::None;
        active += on;
        CHECK(scene.edgeItems()[e]->zValue() == (on ? 0.5 : 0.0));
    }
    CHECK(active >= 1);
    CHECK(scene.nodeItems()[0]->zValue() > 0.5);  // boxes stay on top: labels never reach them
}
