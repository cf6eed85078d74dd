// The shaped view: the theory's MLP in matrix form drawn one node per matrix operation, its
// matrices at the start, mid sweep and at the end against the engine's scalar gradient and
// backprop written out with loops, the δ names in the caption, expanding into the scalar graph
// and back at the same place, PyTorch's grad_fn names, and the 784-128-10 MLP in heatmaps with
// its scalar drawing refused.

#include <catch2/catch.hpp>

#include <QRegularExpression>

#include <cmath>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/shaped/shaped_graph.hpp"
#include "autodiff/shaped/step_map.hpp"
#include "autodiff/shaped/theory_mlp.hpp"
#include "shaped_window.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "ui/model/session_model.hpp"
#include "ui/shaped/matrix_node_item.hpp"
#include "ui/shaped/shaped_scene.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

const char* const mlp = test::theoryMlp;

using Window = test::ShapedWindow;

double sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

}  // namespace

TEST_CASE("the theory's MLP opens one node per matrix operation, numbers unknown at step 0") {
    Window w(mlp);
    // x, W1, b1, W2, b2, y, W1@x, z1, h, W2@h, z2, z2−y, (·)², L; the constant 2 is written into
    // its use, not drawn.
    int drawn = 0;
    for (MatrixNodeItem* item : w.scene.nodeItems()) drawn += item != nullptr;
    CHECK(drawn == 14);
    CHECK(w.item("W1")->label().shape == shaped::Shape::matrix(3, 2));
    CHECK(w.item("h")->label().subtitle == QStringLiteral("σ(z1)"));
    CHECK(w.item("z1")->label().shapeText == QStringLiteral("[3]"));
    w.scene.showFrame(0, 0);
    for (MatrixNodeItem* item : w.scene.nodeItems())
        if (item) CHECK(item->shownValue().empty());
}

TEST_CASE("the shaped view's matrices mid sweep and at the end are backprop's and the scalar gradient's") {
    Window w(mlp);
    const auto x = w.inputValues("x"), W1 = w.inputValues("W1"), b1 = w.inputValues("b1");
    const auto W2 = w.inputValues("W2"), b2 = w.inputValues("b2"), y = w.inputValues("y");
    // Backprop by hand: δ⁽²⁾ = 2(z2 − y), δ⁽ʰ⁾ = W2ᵀ δ⁽²⁾.
    double z1[3], h[3], z2 = b2[0];
    for (int i = 0; i < 3; ++i) {
        z1[i] = W1[static_cast<std::size_t>(2 * i)] * x[0] + W1[static_cast<std::size_t>(2 * i + 1)] * x[1] + b1[static_cast<std::size_t>(i)];
        h[i] = sigmoid(z1[i]);
        z2 += W2[static_cast<std::size_t>(i)] * h[i];
    }
    const double d2 = 2 * (z2 - y[0]);

    // Mid sweep: the step that sends δ⁽ʰ⁾ back into h.
    const auto& steps = w.model.shapedTrace().steps;
    int hStep = -1;
    for (std::size_t k = 0; k < steps.size(); ++k)
        if (steps[k].phase == Phase::Adjoint && steps[k].node == w.idOf("h")) hStep = static_cast<int>(k);
    REQUIRE(hStep > 0);
    w.model.setStep(hStep);  // just before it: h has no adjoint yet
    w.scene.showFrame(hStep, 0);
    CHECK(w.item("h")->shownSecond().empty());
    CHECK(w.item("h")->shownValue().size() == 3);
    w.scene.showFrame(hStep + 1, 0);
    REQUIRE(w.item("h")->shownSecond().size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(w.item("h")->shownValue()[static_cast<std::size_t>(i)] == Approx(h[i]).epsilon(1e-12));
        CHECK(w.item("h")->shownSecond()[static_cast<std::size_t>(i)] == Approx(W2[static_cast<std::size_t>(i)] * d2).epsilon(1e-12));
    }
    // The caption writes the theory's rule with its δ names and the numbers.
    const QString caption = w.scene.frame().caption;
    CHECK(caption.startsWith(QStringLiteral("δ⁽ʰ⁾ += W2ᵀ δ⁽²⁾ = ")));

    // At the end every weight's adjoint is the scalar engine's gradient.
    w.scene.showFrame(static_cast<int>(steps.size()), 0);
    const std::vector<double> grad = gradient(w.model.program(), w.model.inputs(), 0);
    for (const std::string name : {"W1", "b1", "W2", "x"}) {
        const auto& port = w.sg().inputs[static_cast<std::size_t>(w.sg().inputPort(name))];
        const auto& shown = w.item(name)->shownSecond();
        REQUIRE(shown.size() == port.items.size());
        for (std::size_t k = 0; k < shown.size(); ++k)
            CHECK(shown[k] == Approx(grad[static_cast<std::size_t>(port.items[k])]).epsilon(1e-12));
    }
}

TEST_CASE("expanding into the scalar graph and collapsing back keeps the place in the sweep") {
    Window w(mlp);
    const auto& steps = w.model.shapedTrace().steps;
    int hStep = -1;
    for (std::size_t k = 0; k < steps.size(); ++k)
        if (steps[k].phase == Phase::Adjoint && steps[k].node == w.idOf("h")) hStep = static_cast<int>(k) + 1;
    w.model.setStep(hStep);
    const std::vector<double> hbar = steps[static_cast<std::size_t>(hStep - 1)].after;
    REQUIRE_FALSE(w.model.setLevel(Level::Scalar).has_value());
    REQUIRE(w.model.level() == Level::Scalar);
    // The scalar trace is at the step where h's elements hold the same adjoints.
    const auto state = w.model.state();
    const auto& el = w.sg()[w.idOf("h")].elements;
    for (std::size_t k = 0; k < el.size(); ++k) {
        REQUIRE(state[static_cast<std::size_t>(el[k])].hasAdjoint);
        CHECK(state[static_cast<std::size_t>(el[k])].adjoint == Approx(hbar[k]).epsilon(1e-12));
    }
    CHECK(w.model.step() > hStep);  // scalar steps are finer
    REQUIRE_FALSE(w.model.setLevel(Level::Shaped).has_value());
    CHECK(w.model.step() == hStep);
}

TEST_CASE("the PyTorch view names each operation's grad_fn as PyTorch records it") {
    Window w(QStringLiteral(R"(x: [3]; A: [2, 3]; B: [3, 2]; v: [2]
u = A @ x
M = A @ B
r = v @ A
s = dot(x, x) + mean(T(M)) + sum(softmax(u)) - logsumexp(r) + sum(u * 2) + sum(u / v) + sum(B, 0)[1]
L = s ^ 2)"));
    w.scene.setTorchView(true);
    auto title = [&](const std::string& name) { return w.item(name)->label().title; };
    CHECK(title("u") == QStringLiteral("MvBackward0"));
    CHECK(title("M") == QStringLiteral("MmBackward0"));
    CHECK(title("r") == QStringLiteral("SqueezeBackward3"));
    CHECK(title("L") == QStringLiteral("PowBackward0"));
    QStringList all;
    for (MatrixNodeItem* item : w.scene.nodeItems())
        if (item) all << item->label().title;
    for (const char* name : {"DotBackward0", "MeanBackward0", "TBackward0", "SoftmaxBackward0", "LogsumexpBackward0",
                             "SumBackward0", "SumBackward1", "MulBackward0", "DivBackward0", "SelectBackward0",
                             "AddBackward0", "SubBackward0"})
        CHECK(all.contains(QString::fromLatin1(name)));
    // Leaves are AccumulateGrad with .grad, filled in only when backward() has returned.
    CHECK(w.item("A")->label().subtitle.startsWith(QStringLiteral("AccumulateGrad")));
    CHECK(w.item("A")->label().secondName == QStringLiteral("A.grad"));
    w.scene.showFrame(w.model.stepCount() - 1, 0);
    CHECK(w.item("A")->shownSecond().empty());
    w.scene.showFrame(w.model.stepCount(), 0);
    CHECK(w.item("A")->shownSecond().size() == 6);
}

TEST_CASE("the 784-128-10 MLP is drawn in heatmaps and its scalar graph is refused with a reason") {
    Window w(QStringLiteral("x: [784]\nW1: [128, 784]; b1: [128]\nW2: [10, 128]; b2: [10]\ny: [10]\n"
                            "z1 = W1 @ x + b1\nh = sigmoid(z1)\nz2 = W2 @ h + b2\nL = logsumexp(z2) - dot(y, z2)\n"));
    const auto refused = w.model.setLevel(Level::Scalar);
    REQUIRE(refused.has_value());
    CHECK(refused->contains(QStringLiteral("one node per matrix operation")));
    CHECK(w.model.level() == Level::Shaped);
    MatrixNodeItem* W1 = w.item("W1");
    CHECK(W1->isHeatmap());
    w.scene.showFrame(w.model.stepCount(), 0);
    REQUIRE(W1->shownValue().size() == 128u * 784u);
    // Hovering a cell of the value heatmap names the element and its value.
    const QRegularExpression cell(QStringLiteral("^W1\\[(\\d+),(\\d+)\\] = (.+)$"));
    int checked = 0;
    for (double px = -W1->size().width() / 2; px < W1->size().width() / 2; px += 7)
        for (double py = -W1->size().height() / 2; py < W1->size().height() / 2; py += 3) {
            const auto m = cell.match(W1->cellTextAt(QPointF(px, py)));
            if (!m.hasMatch()) continue;
            const std::size_t k = m.captured(1).toULongLong() * 784 + m.captured(2).toULongLong();
            REQUIRE(k < W1->shownValue().size());
            CHECK(m.captured(3).replace(QChar(0x2212), '-').toDouble() ==
                  Approx(W1->shownValue()[k]).epsilon(1e-3).margin(1e-4));
            ++checked;
        }
    CHECK(checked > 10);
}

TEST_CASE("the heatmap's colours run purple, white, orange") {
    CHECK(heatColour(0, 1) == QColor(255, 255, 255));
    CHECK(heatColour(-1, 1) == QColor(0x54, 0x27, 0x88));
    CHECK(heatColour(1, 1) == QColor(0xB3, 0x58, 0x06));
    CHECK(heatColour(5, 1) == heatColour(1, 1));  // clamped to the scale
}

TEST_CASE("H·v in the shaped view: the inputs' adjoint tangents are the gradient's central difference along v") {
    Window w(mlp);
    w.model.setMode(Mode::ForwardOverReverse);
    w.scene.showFrame(w.model.stepCount(), 0);
    const Graph& g = w.model.program();
    const std::vector<double> x = w.model.inputs(), v = w.model.direction();
    REQUIRE(w.item("W1")->label().third);
    // (∇L(x + εv) − ∇L(x − εv)) / 2ε, from the scalar engine's plain gradient.
    const double eps = 1e-5;
    std::vector<double> up = x, down = x;
    for (std::size_t i = 0; i < x.size(); ++i) {
        up[i] += eps * v[i];
        down[i] -= eps * v[i];
    }
    const std::vector<double> gu = gradient(g, up, 0), gd = gradient(g, down, 0);
    int compared = 0;
    for (const std::string name : {"x", "W1", "b1", "W2", "b2"}) {
        const auto& port = w.sg().inputs[static_cast<std::size_t>(w.sg().inputPort(name))];
        const auto& hv = w.item(name)->shownThird();
        REQUIRE(hv.size() == port.items.size());
        for (std::size_t k = 0; k < hv.size(); ++k) {
            const auto i = static_cast<std::size_t>(port.items[k]);
            CHECK(hv[k] == Approx((gu[i] - gd[i]) / (2 * eps)).margin(1e-7));
            ++compared;
        }
    }
    CHECK(compared == 2 + 6 + 3 + 3 + 1);
}

TEST_CASE("a checkpointed sweep in the shaped view recomputes matrices and tags each kept, checkpoint or freed") {
    Window w(mlp);
    w.scene.showFrame(w.model.stepCount(), 0);
    for (MatrixNodeItem* item : w.scene.nodeItems())
        if (item) CHECK(item->memory().isEmpty());  // store-all: nothing to tell
    const std::vector<double> plainGradient = w.model.shapedTrace().result;
    w.model.setCheckpointStrategy(Strategy::parse("every:3"));
    REQUIRE(w.model.level() == Level::Shaped);
    const shaped::ShapedTrace& t = w.model.shapedTrace();
    CHECK(t.result == plainGradient);
    QStringList seen;
    int recomputed = 0;
    for (int k = 0; k < w.model.stepCount(); ++k) {
        const shaped::ShapedStep& s = t.steps[static_cast<std::size_t>(k)];
        w.scene.showFrame(k + 1, 0);  // the step done
        for (MatrixNodeItem* item : w.scene.nodeItems())
            if (item) seen << item->memory();
        MatrixNodeItem* me = w.scene.nodeItems()[static_cast<std::size_t>(s.node)];
        if (!me) continue;
        INFO("step " << k << ": " << s.rule);
        // What the step did is what its matrix's tag says right after it.
        if (s.phase == Phase::Checkpoint) CHECK(me->memory() == QStringLiteral("checkpoint"));
        if (s.phase == Phase::Free) CHECK(me->memory() == QStringLiteral("freed"));
        if (s.phase == Phase::Recompute) {
            ++recomputed;
            CHECK(me->memory() == QStringLiteral("kept"));
            CHECK(me->shownValue() == s.value);
            w.scene.showFrame(k, 1.0);
            CHECK(w.scene.frame().caption.startsWith(QStringLiteral("recompute ")));
        }
        if (s.phase == Phase::Adjoint) {
            // An adjoint rule never runs on a freed matrix.
            MatrixNodeItem* consumer = w.scene.nodeItems()[static_cast<std::size_t>(s.consumer)];
            if (consumer) CHECK(consumer->memory() != QStringLiteral("freed"));
        }
    }
    CHECK(recomputed > 0);
    CHECK(seen.contains(QStringLiteral("freed")));
    CHECK(seen.contains(QStringLiteral("checkpoint")));
    CHECK(seen.contains(QStringLiteral("kept")));
}

TEST_CASE("the 784-128-10 MLP checkpoints layer by layer in the shaped view, with no scalar trace") {
    Window w(QStringLiteral("x: [784]\nW1: [128, 784]; b1: [128]\nW2: [10, 128]; b2: [10]\ny: [10]\n"
                            "z1 = W1 @ x + b1\nh = sigmoid(z1)\nz2 = W2 @ h + b2\nL = logsumexp(z2) - dot(y, z2)\n"));
    const std::vector<double> plainGradient = w.model.shapedTrace().result;
    w.model.setCheckpointStrategy(Strategy::parse("binomial:2"));
    CHECK(w.model.trace().size() == 0);  // the scalar trace would be ~3·10⁵ steps: not recorded
    CHECK(w.model.shapedTrace().result == plainGradient);
    QStringList seen;
    for (int k = 0; k <= w.model.stepCount(); ++k) {
        w.scene.showFrame(k, 0);
        for (MatrixNodeItem* item : w.scene.nodeItems())
            if (item) seen << item->memory();
    }
    CHECK(seen.contains(QStringLiteral("checkpoint")));
    CHECK(seen.contains(QStringLiteral("freed")));
}

