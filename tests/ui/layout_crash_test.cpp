// Issue 10's crash: programs of 1,000 to 3,000 nodes where one input is used at every step sent
// Graphviz's ranking ~174,000 frames deep and overflowed the stack. They lay out now, on a
// thread with a large stack, and the scene never waits for a layout it no longer needs.

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>

#include <memory>
#include <string>

#include "layout_measures.hpp"
#include "ui/scene/block_item.hpp"

using namespace adviz;
using namespace adviz::ui;
using namespace adviz::ui::test;

TEST_CASE("the shared-input chain lays out at 1,000 and 3,000 nodes", "[layout][crash]") {
    const int steps = GENERATE(333, 999);
    SessionModel model;
    REQUIRE(model.setSource(sharedInputChain(steps)));
    model.setInputsByName({{"x", 0.5}, {"y", 0.1}});
    INFO(model.graph().size() << " nodes");
    GraphScene scene(model, nullptr, /*synchronous=*/true);
    REQUIRE(scene.layoutError().toStdString() == "");
    CHECK(scene.nodeItems().size() == static_cast<std::size_t>(model.graph().size()));
    CHECK(longestSpan(scene, model.graph()) <= 3);
}

TEST_CASE("the logistic map lays out at 300, 1,000 and 3,000 nodes", "[layout][crash]") {
    const int steps = GENERATE(300, 333, 999);
    SessionModel model;
    REQUIRE(model.setSource(logisticChain(steps)));
    model.setInputsByName({{"x", 0.3}, {"r", 3.7}});
    INFO(model.graph().size() << " nodes");
    GraphScene scene(model, nullptr, true);
    REQUIRE(scene.layoutError().toStdString() == "");
    CHECK(longestSpan(scene, model.graph()) <= 3);
}

TEST_CASE("a graph beyond the window's limit is drawn as an overview of blocks, or rolled up",
          "[layout][crash]") {
    SessionModel model;
    // 3,602 nodes with a different distance back at every step: nothing repeats.
    std::string scattered = "a1 = sin(x)*y\n";
    for (int k = 2; k <= 1800; ++k)
        scattered += "a" + std::to_string(k) + " = sin(a" + std::to_string(k - 1) + ")*a" + std::to_string(k / 2) + "\n";
    REQUIRE(model.setSource(QString::fromStdString(scattered)));
    {
        GraphScene scene(model, nullptr, true);
        CHECK(scene.nodeItems().empty());  // never handed to Graphviz whole
        CHECK(scene.layoutError().isEmpty());
        // The inputs' box and ⌈3,600 / 1,000⌉ blocks of consecutive nodes.
        CHECK(scene.blockItems().size() == 5);
    }
    REQUIRE(model.setSource(sharedInputChain(1200)));  // 3,602 nodes, one body ×1,200
    GraphScene scene(model, nullptr, true);
    CHECK(scene.layoutError().isEmpty());
    CHECK(scene.nodeItems().size() < 40);
}

TEST_CASE("destroying the scene does not wait for a running layout", "[layout][crash]") {
    SessionModel model;
    REQUIRE(model.setSource(sharedInputChain(333)));
    // How long the layout takes, measured here: the scene must go away in a small part of it.
    QElapsedTimer clock;
    clock.start();
    { GraphScene once(model, nullptr, true); REQUIRE(once.layoutError().isEmpty()); }
    const qint64 layoutMs = clock.elapsed();
    REQUIRE(layoutMs > 100);

    auto scene = std::make_unique<GraphScene>(model);  // > asyncThreshold: laid out on a thread
    REQUIRE(scene->isLayingOut());
    clock.restart();
    scene.reset();
    CHECK(clock.elapsed() < layoutMs / 4);
}

TEST_CASE("a change during a running layout lays out the newest graph only", "[layout][crash]") {
    SessionModel model;
    REQUIRE(model.setSource(sharedInputChain(200)));
    GraphScene scene(model);
    REQUIRE(scene.isLayingOut());
    REQUIRE(model.setSource(QStringLiteral("(x+y)*sin(x)")));  // small: would lay out at once
    CHECK(scene.isLayingOut());  // but Graphviz is busy: it waits its turn
    QElapsedTimer clock;
    clock.start();
    while (scene.isLayingOut() && clock.elapsed() < 60000) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    REQUIRE_FALSE(scene.isLayingOut());
    CHECK(scene.layoutError().isEmpty());
    CHECK(scene.nodeItems().size() == 5);
}
