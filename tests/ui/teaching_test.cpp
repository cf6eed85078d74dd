// The teaching modes driven as a class would: predictions typed and checked against the engine's
// numbers, the transport held back until the answer was seen, the two panes of side by side at
// paired steps, and dual numbers on the nodes.

#include <catch2/catch.hpp>

#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QTest>

#include <cmath>

#include "autodiff/number_format.hpp"
#include "ui/main_window.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/teaching/predict_bar.hpp"
#include "ui/teaching/side_by_side.hpp"
#include "ui/teaching/teaching.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

struct Window {
    MainWindow window;
    explicit Window(Mode mode) {
        window.loadProgram(QStringLiteral("(x+y)*sin(x)"), {{"x", 1}, {"y", 2}}, mode);
        window.player().setAnimated(false);
        window.setGeometry(0, 0, 1280, 720);
        window.show();
        QApplication::processEvents();
    }
    PredictBar& bar() { return window.teaching().predictBar(); }
    int step() { return window.model().step(); }
};

// The number step k computes, from the trace directly (what the bar must expect).
double computed(const SessionModel& m, int k) {
    const Step& s = m.trace().steps[static_cast<std::size_t>(k)];
    return s.phase == Phase::Primal ? s.value : s.after;
}

}  // namespace

TEST_CASE("predict mode accepts within tolerance, rejects outside, and keeps score", "[teaching][predict]") {
    for (Mode mode : {Mode::Forward, Mode::Reverse, Mode::ForwardOverReverse}) {
        Window w(mode);
        INFO(modeName(mode));
        w.window.teaching().setPredicting(true);
        REQUIRE(w.bar().question().asks);
        // The node of the next step shows "?" where its new number will go.
        const int node = w.window.model().trace().steps[0].node;
        CHECK(w.window.scene().nodeItems()[static_cast<std::size_t>(node)]->shownText().join(' ').contains('?'));

        const double first = computed(w.window.model(), 0);
        // Right within a relative 1e-3 (or 1e-6 absolute): accepted, scored, and the step plays.
        const double near = first == 0 ? 5e-7 : first * (1 + 8e-4);
        CHECK(w.bar().submit(QString::number(near, 'g', 12)));
        CHECK(w.step() == 1);
        CHECK(w.bar().right() == 1);
        CHECK(w.bar().asked() == 1);
        CHECK(w.bar().verdictText().startsWith(QStringLiteral("✓")));

        // Wrong beyond the tolerance: rejected, the right value shown with its rule, then played.
        const double second = computed(w.window.model(), 1);
        const double far = second == 0 ? 1e-4 : second * (1 + 3e-3);
        CHECK_FALSE(w.bar().submit(QString::number(far, 'g', 12)));
        CHECK(w.step() == 2);
        CHECK(w.bar().right() == 1);
        CHECK(w.bar().asked() == 2);
        CHECK(w.bar().verdictText().contains(QString::fromStdString(formatShort(second))));

        // Not a number: nothing moves, nothing counts.
        CHECK_FALSE(w.bar().submit(QStringLiteral("three")));
        CHECK(w.step() == 2);
        CHECK(w.bar().asked() == 2);
    }
}

TEST_CASE("predict mode never steps past a number nobody has seen", "[teaching][predict]") {
    Window w(Mode::Reverse);
    w.window.teaching().setPredicting(true);
    const double expected = computed(w.window.model(), 0);
    w.window.player().stepForward();  // the clicker's next, question open
    CHECK(w.step() == 0);             // held back
    CHECK(w.bar().verdictText().contains(QString::fromStdString(formatShort(expected))));
    w.window.player().stepForward();  // answer seen: now it steps
    CHECK(w.step() == 1);
    // Playing stops at each open question too.
    w.window.player().play();
    QApplication::processEvents();
    CHECK(w.step() == 1);
    CHECK_FALSE(w.window.player().isPlaying());
}

TEST_CASE("predict mode's field takes typing while presenting; clicker keys do not type into it", "[teaching][predict][presentation]") {
    Window w(Mode::Forward);
    w.window.teaching().setPredicting(true);
    w.window.setPresenting(true);
    QApplication::processEvents();
    QLineEdit* field = w.bar().field();
    // Not focused: a clicker's PageDown steps (reveals first), digits do not land in the field.
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &w.window, Qt::Key_3);
    CHECK(field->text().isEmpty());
    field->setFocus();
    QApplication::processEvents();
    const double expected = computed(w.window.model(), 0);
    QTest::keyClicks(field, QString::number(expected, 'g', 10));
    QTest::keyClick(field, Qt::Key_Return);
    QApplication::processEvents();
    CHECK(w.step() == 1);
    CHECK(w.bar().right() == 1);
    w.window.setPresenting(false);
}

TEST_CASE("side by side: both panes at paired steps, forward stopping at its end", "[teaching][side-by-side]") {
    Window w(Mode::Forward);
    w.window.teaching().setSideBySide(true);
    QApplication::processEvents();
    SideBySide& s = w.window.teaching().sideBySidePanes();
    REQUIRE(w.window.model().mode() == Mode::Reverse);  // the longer sweep drives
    const int nf = s.forwardModel().stepCount(), nr = s.reverseModel().stepCount();
    REQUIRE(nf == 5);
    REQUIRE(nr == 11);
    const Trace forward = traceForward(s.forwardModel().graph(), std::vector<double>{1, 2}, std::vector<double>{1, 0});
    const Trace reverse = traceReverse(s.reverseModel().graph(), std::vector<double>{1, 2}, std::vector<double>{1});
    for (int k = 0; k <= nr; ++k) {
        w.window.model().setStep(k);
        w.window.player().toStart();
        for (int i = 0; i < k; ++i) w.window.player().stepForward();
        QApplication::processEvents();
        INFO("step " << k);
        const auto fs = forward.stateAt(static_cast<std::size_t>(std::min(k, nf)));
        const auto rs = reverse.stateAt(static_cast<std::size_t>(k));
        for (NodeItem* n : s.forwardScene().nodeItems()) {
            const NodeState& want = fs[static_cast<std::size_t>(n->id())];
            CHECK(n->shownState().hasTangent == want.hasTangent);
            if (want.hasTangent) CHECK(n->shownState().tangent == want.tangent);
        }
        for (NodeItem* n : s.reverseScene().nodeItems()) {
            const NodeState& want = rs[static_cast<std::size_t>(n->id())];
            CHECK(n->shownState().hasAdjoint == want.hasAdjoint);
            if (want.hasAdjoint) CHECK(n->shownState().adjoint == want.adjoint);
        }
    }
    CHECK(s.summary().contains(QStringLiteral("forward 2 sweep")));
    // One picture of both panes and the line: an SVG holding both titles' text.
    const QString svg = QStringLiteral("/tmp/adviz-side-test.svg");
    REQUIRE_FALSE(s.exportPicture(svg).has_value());
    QFile f(svg);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    CHECK(text.contains(QStringLiteral("<svg")));
    CHECK(text.contains(QStringLiteral("Forward mode")));
    CHECK(text.contains(QStringLiteral("Reverse mode")));
    // The handout: a PDF page per paired step, 0 … 11.
    const QString pdf = QStringLiteral("/tmp/adviz-side-test.pdf");
    REQUIRE_FALSE(s.exportPicture(pdf).has_value());
    QFile h(pdf);
    REQUIRE(h.open(QIODevice::ReadOnly));
    const QByteArray bytes = h.readAll();
    CHECK(bytes.startsWith("%PDF"));
    CHECK(bytes.contains("/Count 12"));
    w.window.teaching().setSideBySide(false);
}

TEST_CASE("dual numbers on the nodes read v = a + bε", "[teaching][dual]") {
    Window w(Mode::Forward);
    w.window.teaching().setDualNumbers(true);
    w.window.model().setStep(5);
    QApplication::processEvents();
    const auto& items = w.window.scene().nodeItems();
    const int out = w.window.model().graph().outputs[0].node;
    CHECK(items[static_cast<std::size_t>(out)]->shownText().join(' ') == QStringLiteral("v = 2.524 + 2.462ε"));
}
