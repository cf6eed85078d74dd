// Expanding one matrix operation in place in the shaped view: the frame holds exactly the scalar
// nodes the engine's lowering made for it, their numbers at each shaped step are the scalar
// trace's at the matching scalar step (and backprop's, worked out by hand), collapsing brings
// the box back, and the sweep keeps its place and its keys throughout. Also: a matrix written
// out in numbers is drawn as one constant box.

#include <catch2/catch.hpp>

#include <QApplication>
#include <QGraphicsView>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <set>

#include "autodiff/shaped/shaped_graph.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "autodiff/shaped/theory_mlp.hpp"
#include "ui/main_window.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/shaped/matrix_node_item.hpp"
#include "ui/shaped/operation_frame_item.hpp"
#include "ui/shaped/shaped_scene.hpp"
#include "ui/shaped/shaped_view.hpp"
#include "shaped_window.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

struct Window : test::ShapedWindow {
    using ShapedWindow::ShapedWindow;
    // The shaped node computing `kind` from operand `operand` (W1 @ x: MatMul of W1).
    int opOf(shaped::Kind kind, const std::string& operand) const {
        for (int id = 0; id < sg().size(); ++id)
            if (sg()[id].kind == kind && !sg()[id].operands.empty() && sg()[sg()[id].operands[0]].name == operand)
                return id;
        FAIL("no such operation on " << operand);
        return -1;
    }
    // The scalar boxes of operation op (not the constants drawn beside their uses).
    std::vector<NodeItem*> scalarsOf(int op) const {
        std::vector<NodeItem*> out;
        const auto& boxes = scene.inlinePlan().boxes;
        for (std::size_t b = 0; b < boxes.size(); ++b)
            if (boxes[b].operation == op && !boxes[b].constantCopy) out.push_back(scene.scalarItems()[b]);
        return out;
    }
    // The reverse step sending δ⁽ʰ⁾ into h (as shaped_view_test finds it).
    int stepInto(const std::string& name) const {
        const auto& steps = model.shapedTrace().steps;
        for (std::size_t k = 0; k < steps.size(); ++k)
            if (steps[k].phase == Phase::Adjoint && steps[k].node == idOf(name)) return static_cast<int>(k);
        FAIL("no adjoint step into " << name);
        return -1;
    }
};

double sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

}  // namespace

TEST_CASE("expanding W1 @ x draws exactly its six products and three sums in a frame titled by it", "[shaped][expand]") {
    Window w(test::theoryMlp);
    const int u = w.opOf(shaped::Kind::MatMul, "W1");
    const std::size_t edgesBefore = w.scene.edgeItems().size();
    REQUIRE_FALSE(w.scene.expand(u).has_value());
    CHECK(w.scene.isExpanded(u));

    // [3, 2] @ [2]: one product per weight (6) and one + per row (3), as lowered.
    const auto scalars = w.scalarsOf(u);
    REQUIRE(scalars.size() == 9);
    const shaped::Node& n = w.sg()[u];
    CHECK(static_cast<int>(scalars.size()) == n.end - n.first);
    std::set<int> ids;
    int products = 0, sums = 0;
    for (NodeItem* item : scalars) {
        ids.insert(item->id());
        CHECK(item->id() >= n.first);
        CHECK(item->id() < n.end);
        CHECK(item->scene() == &w.scene);
        products += w.model.program()[item->id()].op == Op::Mul;
        sums += w.model.program()[item->id()].op == Op::Add;
    }
    CHECK(ids.size() == 9);
    CHECK(products == 6);
    CHECK(sums == 3);
    // Each row's elements are its results: the frame ends in them.
    for (int e : n.elements) CHECK(ids.count(e) == 1);

    // Its box is off the canvas, a frame titled like it stands there instead.
    CHECK(w.scene.nodeItems()[static_cast<std::size_t>(u)]->scene() == nullptr);
    REQUIRE(w.scene.operationFrames().size() == 1);
    CHECK(w.scene.operationFrames().front()->operation() == u);
    CHECK(w.scene.operationFrames().front()->title() == operationTitle(w.model.program(), u));
    for (NodeItem* item : scalars)
        CHECK(w.scene.operationFrames().front()->sceneBoundingRect().contains(item->sceneBoundingRect()));

    // Its two in-edges (W1, x) and its out-edge (to z1) became scalar edges: W1's six weights
    // and x's two elements (each read three times) into the products, the rows out to z1.
    CHECK(w.scene.edgeItems().size() == edgesBefore - 3);
    int fromBoxes = 0, toBoxes = 0;
    for (const InlineEdge& e : w.scene.inlinePlan().edges) {
        fromBoxes += e.from.shaped >= 0;
        toBoxes += e.to.shaped >= 0;
        if (e.to.shaped >= 0) CHECK(e.to.shaped == w.idOf("z1"));
    }
    CHECK(fromBoxes == 12);
    CHECK(toBoxes == 3);
    CHECK(w.scene.inlineEdgeItems().size() == w.scene.inlinePlan().edges.size());
}

TEST_CASE("expanded h shows σ(z1) and backprop's δ⁽ʰ⁾ exactly when the shaped step delivers them", "[shaped][expand]") {
    Window w(test::theoryMlp);
    const int h = w.idOf("h");
    REQUIRE_FALSE(w.scene.expand(h).has_value());
    const auto scalars = w.scalarsOf(h);
    REQUIRE(scalars.size() == 3);  // one σ per element

    // Backprop by hand: z1 = W1 x + b1, h = σ(z1), z2 = W2 h + b2, δ⁽²⁾ = 2(z2 − y), δ⁽ʰ⁾ = W2ᵀ δ⁽²⁾.
    const auto x = w.inputValues("x"), W1 = w.inputValues("W1"), b1 = w.inputValues("b1");
    const auto W2 = w.inputValues("W2"), b2 = w.inputValues("b2"), y = w.inputValues("y");
    double hv[3], z2 = b2[0];
    for (std::size_t i = 0; i < 3; ++i) {
        hv[i] = sigmoid(W1[2 * i] * x[0] + W1[2 * i + 1] * x[1] + b1[i]);
        z2 += W2[i] * hv[i];
    }
    const double d2 = 2 * (z2 - y[0]);
    // The scalar node of element i (h's elements are its σ nodes, in order).
    auto element = [&](std::size_t i) {
        for (NodeItem* item : scalars)
            if (item->id() == w.sg()[h].elements[i]) return item;
        FAIL("element " << i << " of h not drawn");
        return scalars.front();
    };

    // δ⁽ʰ⁾ arrives with the shaped step `into` (h ← u₉). The scalar sweep interleaves u₉'s edges
    // into W2 and into h, and the engine's step map matches them by their operation (u₉): they
    // are all done once u₉'s first shaped step (W2 ← u₉, just before) is.
    const int into = w.stepInto("h");
    REQUIRE(w.model.shapedTrace().steps[static_cast<std::size_t>(into - 1)].consumer ==
            w.model.shapedTrace().steps[static_cast<std::size_t>(into)].consumer);
    w.scene.showFrame(into - 1, 0);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(element(i)->shownState().hasValue);
        CHECK(element(i)->shownState().value == Approx(hv[i]).epsilon(1e-12));
        CHECK_FALSE(element(i)->shownState().hasAdjoint);
    }
    w.scene.showFrame(into + 1, 0);
    for (std::size_t i = 0; i < 3; ++i) {
        REQUIRE(element(i)->shownState().hasAdjoint);
        CHECK(element(i)->shownState().adjoint == Approx(W2[i] * d2).epsilon(1e-12));
        // The shaped box (off the canvas, still stepped for the table) says the same.
        CHECK(w.scene.nodeItems()[static_cast<std::size_t>(h)]->shownSecond()[i] == Approx(W2[i] * d2).epsilon(1e-12));
    }

    // At every shaped step the scalar nodes hold the scalar trace's numbers at the matching
    // scalar step; every number the shaped box shows, they show too, and a number they show
    // ahead of the box is one its operation's next shaped step delivers (the same scalar steps).
    const MatrixNodeItem* box = w.scene.nodeItems()[static_cast<std::size_t>(h)];
    for (int k = 0; k <= w.model.stepCount(); ++k) {
        w.scene.showFrame(k, 0);
        const int m = w.model.scalarStepAt(k);
        CHECK(w.scene.shownScalarStep() == m);
        const auto state = w.model.trace().stateAt(static_cast<std::size_t>(m));
        const bool ahead = k < w.model.stepCount() && w.model.scalarStepAt(k + 1) == m;
        for (std::size_t i = 0; i < 3; ++i) {
            const NodeState& shown = element(i)->shownState();
            const NodeState& traced = state[static_cast<std::size_t>(element(i)->id())];
            CHECK(shown.hasValue == traced.hasValue);
            CHECK(shown.hasAdjoint == traced.hasAdjoint);
            if (shown.hasValue) CHECK(shown.value == traced.value);
            if (shown.hasAdjoint) CHECK(shown.adjoint == traced.adjoint);
            CHECK(shown.hasValue == !box->shownValue().empty());
            if (shown.hasValue) CHECK(shown.value == Approx(box->shownValue()[i]).epsilon(1e-12));
            if (!box->shownSecond().empty()) {
                REQUIRE(shown.hasAdjoint);
                CHECK(shown.adjoint == Approx(box->shownSecond()[i]).epsilon(1e-12));
            } else if (shown.hasAdjoint) {
                CHECK(ahead);
            }
        }
    }

    // Under way, the operation's own scalar steps play through: half-way through the step in
    // which h sends its adjoint on to z1, part of that step's scalar steps are done.
    const int from = w.stepInto("z1");
    const int a = w.model.scalarStepAt(from), b = w.model.scalarStepAt(from + 1);
    REQUIRE(b > a + 1);
    w.scene.showFrame(from, 0.5);
    CHECK(w.scene.shownScalarStep() > a);
    CHECK(w.scene.shownScalarStep() < b);
}

TEST_CASE("collapsing brings the box back, and double-clicks expand a box and collapse its frame", "[shaped][expand]") {
    Window w(test::theoryMlp);
    const int h = w.idOf("h");
    const std::size_t edges = w.scene.edgeItems().size();
    const QPointF boxCentre = w.scene.nodeItems()[static_cast<std::size_t>(h)]->sceneBoundingRect().center();
    QGraphicsView view(&w.scene);
    view.resize(1200, 600);
    view.fitInView(w.scene.sceneRect(), Qt::KeepAspectRatio);
    QSignalSpy asked(&w.scene, &ShapedScene::expandRequested);
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(boxCentre));
    REQUIRE(asked.count() == 1);
    CHECK(asked.front().front().toInt() == h);

    REQUIRE_FALSE(w.scene.expand(h).has_value());
    REQUIRE(w.scene.operationFrames().size() == 1);
    view.fitInView(w.scene.sceneRect(), Qt::KeepAspectRatio);
    const QRectF frame = w.scene.operationFrames().front()->sceneBoundingRect();
    // On the frame's title, above its nodes.
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(QPointF(frame.center().x(), frame.top() + 8)));
    CHECK_FALSE(w.scene.isExpanded(h));
    CHECK(w.scene.scalarItems().empty());
    CHECK(w.scene.operationFrames().empty());
    CHECK(w.scene.nodeItems()[static_cast<std::size_t>(h)]->scene() == &w.scene);
    CHECK(w.scene.edgeItems().size() == edges);
}

TEST_CASE("several operations expand at once, and an edit elsewhere keeps them expanded", "[shaped][expand]") {
    Window w(test::theoryMlp);
    const int h = w.idOf("h"), z1 = w.idOf("z1");
    REQUIRE_FALSE(w.scene.expand(h).has_value());
    REQUIRE_FALSE(w.scene.expand(z1).has_value());
    CHECK(w.scene.operationFrames().size() == 2);
    CHECK(w.scalarsOf(h).size() == 3);
    CHECK(w.scalarsOf(z1).size() == 3);  // z1 = u + b1: three +
    // Between the two frames the edges run scalar node to scalar node: z1[i] → σ(z1[i]).
    int between = 0;
    for (const InlineEdge& e : w.scene.inlinePlan().edges)
        if (e.from.box >= 0 && e.to.box >= 0 &&
            w.scene.inlinePlan().boxes[static_cast<std::size_t>(e.from.box)].operation == z1 &&
            w.scene.inlinePlan().boxes[static_cast<std::size_t>(e.to.box)].operation == h)
            ++between;
    CHECK(between == 3);
    // A new loss keeps z1 and h as they were: still expanded.
    QString edited = QString::fromLatin1(test::theoryMlp);
    edited.replace(QStringLiteral("L  = sum((z2 - y)^2)"), QStringLiteral("L  = sum((z2 - y)^2) + 1"));
    REQUIRE(w.model.setSource(edited));
    CHECK(w.scene.isExpanded(h));
    CHECK(w.scene.isExpanded(z1));
    CHECK(w.scene.operationFrames().size() == 2);
}

TEST_CASE("operations too large to draw, or with no scalar nodes of their own, are refused politely", "[shaped][expand]") {
    // u = W @ x on [20, 20] makes 400 products and 380 sums: over the limit.
    Window w(QStringLiteral("x: [20]; W: [20, 20]\nu = W @ x\nv = T(W)\nL = sum(u) + sum(v)"));
    const int u = w.idOf("u");
    const auto refused = w.scene.expand(u);
    REQUIRE(refused.has_value());
    CHECK(refused->contains(QStringLiteral("780")));
    CHECK(refused->contains(QStringLiteral("too many")));
    CHECK_FALSE(w.scene.isExpanded(u));
    CHECK(w.scene.scalarItems().empty());
    const auto transposed = w.scene.expand(w.idOf("v"));
    REQUIRE(transposed.has_value());
    CHECK(transposed->contains(QStringLiteral("regroups")));
    // The input W itself is 400 scalar inputs: over the limit as well; x's 20 are drawn.
    CHECK(w.scene.expand(w.idOf("W")).has_value());
    CHECK_FALSE(w.scene.expand(w.idOf("x")).has_value());
    CHECK(w.scene.scalarItems().size() == 20);

    // A program past the scalar drawing limit records no scalar trace: even its small sum stays one box.
    Window big(QStringLiteral("x: [60]; W: [60, 60]\nu = W @ x\nL = sum(u)"));
    REQUIRE(big.model.scalarRefusal().has_value());
    const auto untraced = big.scene.expand(big.idOf("L"));
    REQUIRE(untraced.has_value());
    CHECK(untraced->contains(QStringLiteral("traces")));
    CHECK(big.scene.scalarItems().empty());
}

TEST_CASE("stepping while expanded keeps the place, by keys in the window as by the model", "[shaped][expand][keys]") {
    MainWindow window;
    window.loadProgram(QString::fromLatin1(test::theoryMlp), {}, Mode::Reverse);
    window.player().setAnimated(false);
    window.setGeometry(0, 0, 1280, 720);
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    REQUIRE(window.model().level() == Level::Shaped);
    int h = -1;
    for (int id = 0; id < window.model().program().shaped->size(); ++id)
        if ((*window.model().program().shaped)[id].name == "h") h = id;
    int into = -1;  // the step sending δ⁽ʰ⁾ into h
    const auto& steps = window.model().shapedTrace().steps;
    for (std::size_t k = 0; k < steps.size(); ++k)
        if (steps[k].phase == Phase::Adjoint && steps[k].node == h) into = static_cast<int>(k);
    REQUIRE(into > 0);
    window.model().setStep(into);
    REQUIRE_FALSE(window.shapedScene().expand(h).has_value());
    CHECK(window.model().step() == into);  // expanding is drawing: the sweep stays
    CHECK(window.model().level() == Level::Shaped);
    auto* view = window.findChild<ShapedView*>();
    REQUIRE(view);
    view->setFocus();
    QApplication::processEvents();
    QWidget* to = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
    QTest::keyClick(to, Qt::Key_Right);
    QApplication::processEvents();
    CHECK(window.model().step() == into + 1);
    CHECK(window.shapedScene().shownScalarStep() == window.model().scalarStepAt(into + 1));
    QTest::keyClick(to, Qt::Key_Left);
    QApplication::processEvents();
    CHECK(window.model().step() == into);
    window.shapedScene().collapse(h);
    CHECK(window.model().step() == into);
    // Ctrl+G still shows every scalar node, the whole scalar graph, at the matching step.
    REQUIRE_FALSE(window.setScalarGraph(true).has_value());
    CHECK(window.model().level() == Level::Scalar);
}

TEST_CASE("a matrix written out in numbers is one constant box, its rows no boxes of their own", "[shaped][constant]") {
    // Example 13's chain of three small layers.
    Window w(QStringLiteral("x: [3]\nW1 = [[0.8, -0.5, 0.3], [0.4, 0.9, -0.6], [-0.7, 0.2, 0.5]]\n"
                            "W2 = [[0.6, -0.4, 0.9], [-0.3, 0.8, 0.5]]\n"
                            "W3 = [[1.0, -0.5], [0.3, 0.7], [-0.8, 0.4], [0.5, 0.9]]\n"
                            "z1 = W1 @ x\nh1 = tanh(z1)\nh2 = tanh(W2 @ h1)\ny = W3 @ h2\n"));
    QStringList drawn;
    for (MatrixNodeItem* item : w.scene.nodeItems())
        if (item) drawn << QString::fromStdString(shaped::label(w.sg(), item->id()));
    // x, W1, W2, W3, z1, h1, W2 @ h1, h2, y: the nine rows [0.8, -0.5, 0.3], … are not drawn.
    CHECK(drawn.size() == 9);
    for (const char* name : {"x", "W1", "W2", "W3", "z1", "h1", "h2", "y"}) CHECK(drawn.contains(QString::fromLatin1(name)));
    MatrixNodeItem* W1 = w.scene.nodeItems()[static_cast<std::size_t>(w.idOf("W1"))];
    CHECK(W1->label().subtitle == QStringLiteral("constant"));
    CHECK_FALSE(W1->label().second);  // a constant has no adjoint to show
    w.scene.showFrame(w.model.stepCount(), 0);
    const std::vector<double> written{0.8, -0.5, 0.3, 0.4, 0.9, -0.6, -0.7, 0.2, 0.5};
    REQUIRE(W1->shownValue().size() == written.size());
    for (std::size_t k = 0; k < written.size(); ++k) CHECK(W1->shownValue()[k] == written[k]);
    // Stepping over a row lights the matrix that shows it, and the caption names the row as the
    // language writes it.
    const int row1 = w.sg()[w.idOf("W1")].operands[1];
    const auto& steps = w.model.shapedTrace().steps;
    int rowStep = -1;
    for (std::size_t k = 0; k < steps.size(); ++k)
        if (steps[k].phase == Phase::Primal && steps[k].node == row1) rowStep = static_cast<int>(k);
    REQUIRE(rowStep >= 0);
    w.scene.showFrame(rowStep + 1, 0);
    CHECK(w.scene.frame().activeNode == w.idOf("W1"));
    CHECK(w.scene.frame().caption.startsWith(QStringLiteral("W1[1] = [0.4; 0.9; ")));
    // No rule on the edge out of a constant: it receives no adjoint.
    for (EdgeItem* e : w.scene.edgeItems())
        if (w.scene.drawing().edges[static_cast<std::size_t>(e->index())].from == w.idOf("W1")) CHECK(e->partialLabel().isEmpty());
}
