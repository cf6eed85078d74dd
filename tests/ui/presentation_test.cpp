// Presentation mode and the clicker keys, driven as a teacher would: keys into the window, then
// what the window shows and which step it is at.

#include <catch2/catch.hpp>

#include <QApplication>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QTest>
#include <QToolBar>

#include "ui/main_window.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/presentation/presenter.hpp"
#include "ui/presentation/screen_blank.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/widgets/expression_editor.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// A window on (x+y)*sin(x) in reverse mode (11 steps), shown, active, steps without animation.
struct Shown {
    MainWindow window;
    Shown() {
        window.loadProgram(QStringLiteral("(x+y)*sin(x)"), {{"x", 1}, {"y", 2}}, Mode::Reverse);
        window.player().setAnimated(false);
        window.setGeometry(0, 0, 1024, 768);
        window.show();
        window.activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(&window));
        window.view().setFocus();
        QApplication::processEvents();
    }
    void key(int k, Qt::KeyboardModifiers mods = Qt::NoModifier) {
        QWidget* to = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
        QTest::keyClick(to, static_cast<Qt::Key>(k), mods);
        QApplication::processEvents();
    }
    int step() { return window.model().step(); }
};

}  // namespace

TEST_CASE("clicker keys step in the normal window, but not while typing", "[presentation][keys]") {
    Shown s;
    REQUIRE(s.step() == 0);
    s.key(Qt::Key_PageDown);
    s.key(Qt::Key_PageDown);
    CHECK(s.step() == 2);
    s.key(Qt::Key_PageUp);
    CHECK(s.step() == 1);
    s.key(Qt::Key_Right);
    CHECK(s.step() == 2);

    SECTION("in the editor the keys belong to the text") {
        QPlainTextEdit* text = s.window.editor().editor();
        text->setFocus();
        QApplication::processEvents();
        s.key(Qt::Key_PageDown);
        s.key(Qt::Key_Right);
        CHECK(s.step() == 2);
        SECTION("Esc hands the keyboard to the graph") {
            s.key(Qt::Key_Escape);
            CHECK(QApplication::focusWidget() == &s.window.view());
            s.key(Qt::Key_PageDown);
            CHECK(s.step() == 3);
        }
    }
}

TEST_CASE("presentation mode shows the graph and caption only and leaves with Esc", "[presentation]") {
    Shown s;
    const double normalScale = Theme::current().textScale;
    s.key(Qt::Key_F5);
    REQUIRE(s.window.presenter().isPresenting());
    CHECK(s.window.isFullScreen());
    CHECK_FALSE(s.window.editor().isVisible());
    CHECK_FALSE(s.window.menuBar()->isVisible());
    for (QToolBar* bar : s.window.findChildren<QToolBar*>()) CHECK_FALSE(bar->isVisible());
    CHECK(s.window.view().isVisible());
    CHECK(Theme::current().textScale > normalScale);  // its own, larger text

    s.key(Qt::Key_Escape);
    CHECK_FALSE(s.window.presenter().isPresenting());
    CHECK(s.window.editor().isVisible());
    CHECK(s.window.menuBar()->isVisible());
    CHECK(Theme::current().textScale == Approx(normalScale));
}

TEST_CASE("presentation keys: next, previous, jump, play, blank, and nothing edits", "[presentation][keys]") {
    Shown s;
    const QString program = s.window.editor().editor()->toPlainText();
    s.window.setPresenting(true);
    s.key(Qt::Key_Space);       // Space is "next", as in slide software
    s.key(Qt::Key_PageDown);
    s.key(Qt::Key_Right);
    CHECK(s.step() == 3);
    CHECK_FALSE(s.window.player().isPlaying());
    s.key(Qt::Key_PageUp);
    s.key(Qt::Key_Left);
    CHECK(s.step() == 1);
    s.key(Qt::Key_End);
    CHECK(s.step() == 11);
    s.key(Qt::Key_Home);
    CHECK(s.step() == 0);

    SECTION("digits then Enter jump to a step") {
        s.key(Qt::Key_7);
        CHECK(s.window.presenter().typedStep() == QStringLiteral("7"));
        s.key(Qt::Key_Return);
        CHECK(s.step() == 7);
        s.key(Qt::Key_9);
        s.key(Qt::Key_9);
        s.key(Qt::Key_Enter);
        CHECK(s.step() == 11);  // past the end: the last step
    }
    SECTION("B blacks the screen, W whitens it; a key brings the graph back without stepping") {
        s.key(Qt::Key_B);
        REQUIRE(s.window.presenter().blank().isBlank());
        CHECK(s.window.presenter().blank().colour() == QColor(Qt::black));
        s.key(Qt::Key_W);
        CHECK(s.window.presenter().blank().colour() == QColor(Qt::white));
        s.key(Qt::Key_PageDown);
        CHECK_FALSE(s.window.presenter().blank().isBlank());
        CHECK(s.step() == 0);
        s.key(Qt::Key_Period);
        CHECK(s.window.presenter().blank().isBlank());
        s.key(Qt::Key_Period);
        CHECK_FALSE(s.window.presenter().blank().isBlank());
    }
    SECTION("P plays and pauses") {
        s.window.player().setAnimated(true);  // (unanimated, play runs to the end at once)
        s.key(Qt::Key_P);
        CHECK(s.window.player().isPlaying());
        s.key(Qt::Key_P);
        CHECK_FALSE(s.window.player().isPlaying());
    }
    SECTION("letters and digits never reach the program") {
        for (int k : {Qt::Key_X, Qt::Key_A, Qt::Key_Q, Qt::Key_Delete, Qt::Key_Backspace, Qt::Key_Tab})
            s.key(k);
        CHECK(s.window.editor().editor()->toPlainText() == program);
        CHECK(s.window.model().error() == std::nullopt);
    }
}
