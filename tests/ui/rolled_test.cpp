// Programs drawn rolled up: the built-in examples' repeated bodies, the numbers a rolled copy
// shows against the whole trace at the same step, the iteration in the caption, drawing
// iterations out and rolling them up again without losing the step, and a 10⁵-iteration
// recurrence opened in the window while a large program without repetition is not rolled up.

#include <catch2/catch.hpp>

#include <string>

#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/structure/repetition.hpp"
#include "ui/examples.hpp"
#include "ui/model/player.hpp"
#include "ui/model/roll_model.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/scene/roll_frame_item.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

const Example& example(const QString& titlePart) {
    for (const Example& e : examples())
        if (e.title.contains(titlePart, Qt::CaseInsensitive)) return e;
    FAIL("no example titled " << titlePart.toStdString());
    return examples().front();
}

Graph parsed(const QString& source) {
    ParseLimits big;
    big.maxBytes = std::size_t{1} << 28;
    ParseResult r = parse(source.toStdString(), big);
    REQUIRE(r.ok());
    return std::move(r.graph);
}

// The recurrence x(k+1) = sin(x(k))·a of n steps, and f = x(n)·x(n) (5·10⁵ trace steps at
// n = 10⁵, within the window's limit of 10⁶).
QString recurrence(int n) {
    std::string s;
    for (int k = 1; k <= n; ++k) {
        const std::string prev = k == 1 ? "x" : "x" + std::to_string(k - 1);
        s += "x" + std::to_string(k) + " = sin(" + prev + ")*a\n";
    }
    s += "f = x" + std::to_string(n) + "*x" + std::to_string(n) + "\n";
    return QString::fromStdString(s);
}

// Every drawn box shows what the whole program's trace holds for the node it stands for.
void requireShownMatchesTrace(const GraphScene& scene, const SessionModel& model, int step) {
    const auto all = model.trace().stateAt(static_cast<std::size_t>(step));
    for (NodeItem* n : scene.nodeItems()) {
        const int real = scene.realNode(n->id());
        REQUIRE(real >= 0);
        // The box draws the node it stands for: same operation, same constant.
        REQUIRE(model.graph()[real].op == scene.drawnGraph()[n->id()].op);
        REQUIRE(model.graph()[real].constant == scene.drawnGraph()[n->id()].constant);
        const NodeState& want = all[static_cast<std::size_t>(real)];
        const NodeState& shown = n->shownState();
        INFO("step " << step << ", drawn node " << n->id() << " = program node " << real);
        REQUIRE(shown.hasValue == want.hasValue);
        REQUIRE(shown.hasAdjoint == want.hasAdjoint);
        if (want.hasValue) REQUIRE(shown.value == want.value);
        if (want.hasAdjoint) REQUIRE(shown.adjoint == want.adjoint);
    }
}

}  // namespace

TEST_CASE("the built-in examples' repeated bodies", "[rolled]") {
    // The 64-layer network: one body (0.9·h, + 0.1, tanh) ×64.
    const Graph tanh64 = parsed(example("tanh network").source);
    const Repetition r = findRepetition(tanh64);
    REQUIRE(r.found());
    CHECK(r.length == 3);
    CHECK(r.count == 64);
    CHECK(tanh64.nameOf(r.node(63, 2)) == "h64");
    // The logistic map: r·x·(1 − x), 12 steps.
    const Repetition logistic = findRepetition(parsed(example("logistic map").source));
    REQUIRE(logistic.found());
    CHECK(logistic.length == 3);
    CHECK(logistic.count == 12);
    // The long chain repeats one operation; the theory's example, the MLP, Rosenbrock and the
    // fan-in/fan-out programs have nothing to roll up.
    for (const Example& e : examples()) {
        const Repetition found = findRepetition(parsed(e.source));
        INFO(e.title.toStdString());
        if (e.title.contains("tanh network") || e.title.contains("logistic map")) continue;
        if (found.found()) {
            // Whatever else is found is a true repetition: every iteration's ops match the first.
            for (int i = 1; i < found.count; ++i)
                for (int k = 0; k < found.length; ++k)
                    REQUIRE(parsed(e.source)[found.node(i, k)].op == parsed(e.source)[found.node(0, k)].op);
        }
    }
    CHECK_FALSE(findRepetition(parsed(example("Rosenbrock").source)).found());
}

TEST_CASE("a rolled-up 64-layer network shows the whole sweep's numbers at every step",
          "[rolled]") {
    SessionModel model;
    REQUIRE(model.setSource(example("tanh network").source));
    GraphScene scene(model, nullptr, /*synchronous=*/true);
    REQUIRE_FALSE(scene.roll().isRolled());  // small enough to open whole
    scene.roll().setRolled(true);
    REQUIRE(scene.roll().isRolled());
    // Input, two constants, and three copies of the three-op body.
    CHECK(static_cast<int>(scene.nodeItems().size()) == scene.drawnGraph().size());
    CHECK(scene.drawnGraph().size() < 20);
    REQUIRE(scene.rollFrames().size() == 3);

    const Repetition& r = scene.roll().repetition();
    const auto places = placesOf(model.graph(), r);
    const int n = model.stepCount();
    for (int step : {0, 1, 40, 100, 191, 192, 193, n / 2, n / 2 + 1, n - 200, n - 7, n}) {
        model.setStep(step);
        scene.showFrame(step, 0);
        requireShownMatchesTrace(scene, model, step);
        if (step == 0) continue;
        // The caption names the iteration of the step shown, counted from 1.
        const int node = model.trace().steps[static_cast<std::size_t>(step - 1)].node;
        const int it = places[static_cast<std::size_t>(node)].iteration;
        if (it >= 0)
            CHECK(scene.frame().captionLead.startsWith(
                QStringLiteral("Iteration %1 of 64").arg(it + 1)));
        // The rolled copy's frame says which iteration it shows.
        const RollFrameItem* rolled = scene.rollFrames()[1];
        if (it > 0 && it < 63) CHECK(rolled->detail().startsWith(QStringLiteral("iteration %1 of 64").arg(it + 1)));
    }
}

TEST_CASE("stepping through a rolled block forwards and back shows each iteration's numbers",
          "[rolled]") {
    SessionModel model;
    REQUIRE(model.setSource(example("logistic map").source));
    GraphScene scene(model, nullptr, true);
    scene.roll().setRolled(true);
    REQUIRE(scene.roll().isRolled());
    Player player(model);
    player.setAnimated(false);
    // As the window wires them: animation frames, and jumps (a step back) through the model.
    QObject::connect(&player, &Player::frameChanged, &scene, &GraphScene::showFrame);
    QObject::connect(&model, &SessionModel::stepChanged, &scene, [&](int k) { scene.showFrame(k, 0); });
    player.toEnd();
    const int n = model.stepCount();
    for (int k = 0; k < 60; ++k) {  // back through the end of the reverse sweep
        player.stepBack();
        REQUIRE(model.step() == n - k - 1);
        requireShownMatchesTrace(scene, model, model.step());
    }
    for (int k = 0; k < 30; ++k) {
        player.stepForward();
        requireShownMatchesTrace(scene, model, model.step());
    }
}

TEST_CASE("drawing iterations out and rolling them up again keeps the step", "[rolled]") {
    SessionModel model;
    REQUIRE(model.setSource(example("tanh network").source));
    GraphScene scene(model, nullptr, true);
    scene.roll().setRolled(true);
    const int rolledSize = scene.drawnGraph().size();
    const int step = model.stepCount() - 100;  // mid reverse sweep
    model.setStep(step);
    scene.showFrame(step, 0);

    scene.roll().expand(9, 13);  // iterations 10–14 drawn out
    CHECK(model.step() == step);
    CHECK(scene.frame().shownStep == step - 1);
    // First, rolled 2–9, 10…14 drawn out, rolled 15–63, last: six copies of three ops more.
    CHECK(scene.drawnGraph().size() == rolledSize + 6 * 3);
    CHECK(scene.rollFrames().size() == 9);
    requireShownMatchesTrace(scene, model, step);

    scene.roll().collapse();
    CHECK(model.step() == step);
    CHECK(scene.drawnGraph().size() == rolledSize);
    requireShownMatchesTrace(scene, model, step);

    scene.roll().setRolled(false);
    CHECK(model.step() == step);
    CHECK(scene.nodeItems().size() == model.graph().nodes.size());
}

TEST_CASE("a 10^5-step recurrence opens rolled up, a large program without repetition is not rolled",
          "[rolled]") {
    SessionModel model;
    REQUIRE(model.setSource(recurrence(100'000)));
    REQUIRE(model.graph().size() > limits::maxDrawnBoxes);
    GraphScene scene(model, nullptr, true);
    REQUIRE(scene.roll().isRolled());
    CHECK(scene.layoutError().isEmpty());
    CHECK(scene.drawnGraph().size() < 30);
    CHECK(scene.roll().repetition().count == 100'000);
    // Mid reverse sweep: iteration numbers grouped, numbers those of the whole trace.
    const int step = model.stepCount() - 3 * 4812;
    model.setStep(step);
    scene.showFrame(step, 0);
    CHECK(scene.frame().captionLead.startsWith(QStringLiteral("Iteration ")));
    CHECK(scene.frame().captionLead.contains(QStringLiteral(" of 100,000")));
    for (NodeItem* n : scene.nodeItems()) {
        const NodeState want = model.stateOf(scene.realNode(n->id()));
        CHECK(n->shownState().hasAdjoint == want.hasAdjoint);
        if (want.hasAdjoint) CHECK(n->shownState().adjoint == want.adjoint);
    }

    // 20,000 statements each combining earlier ones differently: nothing to roll up.
    std::string dag = "t0 = x\nt1 = y\n";
    for (int k = 2; k < 20'000; ++k)
        dag += "t" + std::to_string(k) + " = " + (k % 3 ? "sin" : "cos") + "(t" + std::to_string(k - 1) +
               ")*t" + std::to_string(k / 2) + "\n";
    SessionModel other;
    REQUIRE(other.setSource(QString::fromStdString(dag)));  // opens as an overview of blocks
    GraphScene otherScene(other, nullptr, true);
    CHECK_FALSE(otherScene.roll().isRolled());
    CHECK(otherScene.layoutError().isEmpty());
}
