// The player: stepping forward and back visits exactly the trace's steps and restores each state.

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTest>

#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"

using namespace adviz;
using namespace adviz::ui;

TEST_CASE("stepping forward and back visits every step and restores each state", "[player]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    GraphScene scene(model);
    Player player(model);
    player.setAnimated(false);
    QObject::connect(&player, &Player::frameChanged, &scene, &GraphScene::showFrame);

    for (Mode mode : {Mode::Forward, Mode::Reverse}) {
        model.setMode(mode);
        const int n = model.stepCount();
        REQUIRE(n == (mode == Mode::Forward ? 5 : 11));
        std::vector<std::vector<NodeState>> seen;
        seen.push_back(scene.frame().state);
        for (int k = 1; k <= n; ++k) {
            player.stepForward();
            REQUIRE(model.step() == k);
            seen.push_back(scene.frame().state);
            auto expect = model.trace().stateAt(static_cast<std::size_t>(k));
            for (std::size_t id = 0; id < expect.size(); ++id) {
                CHECK(seen.back()[id].hasValue == expect[id].hasValue);
                CHECK(seen.back()[id].hasAdjoint == expect[id].hasAdjoint);
            }
        }
        player.stepForward();  // at the end: nothing further
        CHECK(model.step() == n);
        for (int k = n - 1; k >= 0; --k) {
            player.stepBack();
            REQUIRE(model.step() == k);
            const auto& now = scene.frame().state;
            for (std::size_t id = 0; id < now.size(); ++id) {
                CHECK(now[id].hasValue == seen[static_cast<std::size_t>(k)][id].hasValue);
                CHECK(now[id].hasTangent == seen[static_cast<std::size_t>(k)][id].hasTangent);
                CHECK(now[id].hasAdjoint == seen[static_cast<std::size_t>(k)][id].hasAdjoint);
                if (now[id].hasAdjoint) CHECK(now[id].adjoint == seen[static_cast<std::size_t>(k)][id].adjoint);
            }
        }
        player.toEnd();
        CHECK(model.step() == n);
        player.toStart();
        CHECK(model.step() == 0);
    }
}

TEST_CASE("an animated step passes through intermediate progress and lands on the next step",
          "[player]") {
    SessionModel model;
    REQUIRE(model.setSource("x*y"));
    Player player(model);
    player.setSpeed(20);  // brisk, so the test is quick
    QSignalSpy frames(&player, &Player::frameChanged);
    player.stepForward();
    REQUIRE(frames.wait(2000));
    bool sawMidway = false;
    for (int i = 0; i < 200 && model.step() == 0; ++i) {
        frames.wait(50);
        for (const auto& args : frames)
            if (args.at(1).toDouble() > 0 && args.at(1).toDouble() < 1) sawMidway = true;
    }
    CHECK(sawMidway);
    CHECK(model.step() == 1);
    CHECK(player.progress() == 0);
}

TEST_CASE("playing runs to the end and stops", "[player]") {
    SessionModel model;
    REQUIRE(model.setSource("sin(x)"));
    Player player(model);
    player.setSpeed(20);
    QSignalSpy playing(&player, &Player::playingChanged);
    player.play();
    CHECK(player.isPlaying());
    for (int i = 0; i < 400 && player.isPlaying(); ++i) QTest::qWait(10);
    CHECK_FALSE(player.isPlaying());
    CHECK(model.step() == model.stepCount());
    CHECK(playing.count() == 2);
}
