// Scenes: a session as an ordered list of prepared states. Adding, duplicating, renaming,
// reordering and deleting (with undo) keep the right scene on screen; in presentation mode
// "next" at a scene's last step goes on to the next scene and "previous" comes back.

#include <catch2/catch.hpp>

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include "ui/main_window.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/presentation/presenter.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/session/session_controller.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// Three scenes: sin(x) forward (2 steps), x*y reverse, x+1 forward.
void threeScenes(MainWindow& w) {
    w.loadProgram(QStringLiteral("sin(x)"), {{"x", 1}}, Mode::Forward);
    SessionController& d = w.document();
    d.renameScene(0, QStringLiteral("one"));
    d.setSceneNote(0, QStringLiteral("say sine"));
    d.addScene(QStringLiteral("two"));
    w.model().setSource(QStringLiteral("x*y"));
    w.model().setMode(Mode::Reverse);
    d.addScene(QStringLiteral("three"));
    w.model().setSource(QStringLiteral("x+1"));
    w.model().setMode(Mode::Forward);
}

QStringList titles(const SessionController& d) {
    QStringList t;
    for (int i = 0; i < d.sceneCount(); ++i) t << d.scene(i).title;
    return t;
}

}  // namespace

TEST_CASE("scenes keep their own state and the right one stays on screen", "[scenes]") {
    MainWindow w;
    threeScenes(w);
    SessionController& d = w.document();
    REQUIRE(titles(d) == QStringList({"one", "two", "three"}));
    CHECK(d.sceneIndex() == 2);
    CHECK(d.isModified());

    REQUIRE(d.goToScene(0));
    CHECK(w.model().source() == QStringLiteral("sin(x)"));
    CHECK(w.model().mode() == Mode::Forward);
    REQUIRE(d.goToScene(1));
    CHECK(w.model().source() == QStringLiteral("x*y"));
    CHECK(w.model().mode() == Mode::Reverse);

    SECTION("reordering keeps the scene on screen") {
        d.moveScene(1, 0);  // "two" (on screen) first
        CHECK(titles(d) == QStringList({"two", "one", "three"}));
        CHECK(d.sceneIndex() == 0);
        d.moveScene(2, 0);
        CHECK(titles(d) == QStringList({"three", "two", "one"}));
        CHECK(d.sceneIndex() == 1);
        CHECK(w.model().source() == QStringLiteral("x*y"));
    }
    SECTION("delete and undo") {
        REQUIRE(d.removeScene(1));  // the one on screen: the next takes its place
        CHECK(titles(d) == QStringList({"one", "three"}));
        CHECK(w.model().source() == QStringLiteral("x+1"));
        REQUIRE(d.canUndoRemove());
        d.undoRemove();
        CHECK(titles(d) == QStringList({"one", "two", "three"}));
        CHECK(d.scene(1).program == QStringLiteral("x*y"));
        CHECK(w.model().source() == QStringLiteral("x+1"));
    }
    SECTION("duplicate") {
        d.duplicateScene(0);
        CHECK(titles(d) == QStringList({"one", "one (copy)", "two", "three"}));
        CHECK(d.scene(1).note == QStringLiteral("say sine"));
    }
    SECTION("every scene survives a save and an open") {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lesson.adviz"));
        REQUIRE_FALSE(w.saveSession(path));
        CHECK_FALSE(d.isModified());
        MainWindow other;
        REQUIRE_FALSE(other.openSession(path));
        CHECK(titles(other.document()) == QStringList({"one", "two", "three"}));
        CHECK(other.document().sceneIndex() == 1);
        CHECK(other.model().source() == QStringLiteral("x*y"));
        CHECK(other.document().scene(0).note == QStringLiteral("say sine"));
    }
}

TEST_CASE("presenting walks through the scenes as one sequence", "[scenes][presentation]") {
    MainWindow w;
    threeScenes(w);
    SessionController& d = w.document();
    REQUIRE(d.goToScene(0));
    w.player().setAnimated(false);
    w.setGeometry(0, 0, 1024, 768);
    w.show();
    w.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&w));
    w.setPresenting(true);
    auto key = [](int k) {
        QTest::keyClick(QApplication::focusWidget(), static_cast<Qt::Key>(k));
        QApplication::processEvents();
    };
    const int first = w.model().stepCount();
    for (int i = 0; i < first; ++i) key(Qt::Key_PageDown);
    CHECK(d.sceneIndex() == 0);
    CHECK(w.model().step() == first);
    key(Qt::Key_PageDown);  // past the end of scene one: scene two, from its start
    CHECK(d.sceneIndex() == 1);
    CHECK(w.model().step() == 0);
    CHECK(w.model().source() == QStringLiteral("x*y"));
    key(Qt::Key_PageUp);    // back to scene one, at its end
    CHECK(d.sceneIndex() == 0);
    CHECK(w.model().step() == first);

    key(Qt::Key_N);
    CHECK(w.presenter().showsNote());
    key(Qt::Key_N);
    CHECK_FALSE(w.presenter().showsNote());
    w.setPresenting(false);
}

TEST_CASE("a session file holding the 784-128-10 MLP opens in the shaped view", "[scenes][shaped]") {
    // Its 306,016 scalar nodes are far over what the scalar graph draws: the file is judged as
    // the window's model judges it, one node per matrix operation, and opens.
    MainWindow w;
    const auto error = w.openSession(QStringLiteral(":/examples/15-mlp-784.adviz"));
    REQUIRE_FALSE(error);
    CHECK(w.model().level() == Level::Shaped);
    CHECK(w.model().program().size() == 306016);
}
