// The window's model against programs too large to draw or schedules too long to record
// (issue 15): refused before any trace or layout, with a message; the last good state stays.

#include <catch2/catch.hpp>

#include <QSignalSpy>

#include <chrono>
#include <string>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/limits.hpp"
#include "ui/layout/graph_layout.hpp"
#include "ui/model/session_model.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

/// a1 = sin(x), ak = sin(a(k−1))*a(k−1): 2·length nodes with x.
QString chain(int length) {
    std::string src = "a1 = sin(x)\n";
    for (int k = 2; k <= length; ++k)
        src += "a" + std::to_string(k) + " = sin(a" + std::to_string(k - 1) + ")*a" +
               std::to_string(k - 1) + "\n";
    return QString::fromStdString(src);
}

/// The same size without a repeated body: ak = sin(a(k−1))*a(k/2) reads a different distance back
/// at every step, so it cannot be drawn rolled up (rolled_test.cpp opens the chain above).
QString scattered(int length) {
    std::string src = "a1 = sin(x)\n";
    for (int k = 2; k <= length; ++k)
        src += "a" + std::to_string(k) + " = sin(a" + std::to_string(k - 1) + ")*a" +
               std::to_string(k / 2) + "\n";
    return QString::fromStdString(src);
}

}  // namespace

TEST_CASE("the drawing limit is the one of limits.hpp", "[limits]") {
    STATIC_REQUIRE(layout::maxLayoutNodes == limits::maxDrawnNodes);
}

TEST_CASE("a program too large to draw is refused at once; the last good one stays", "[limits]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    const int steps = model.stepCount();
    QSignalSpy graphs(&model, &SessionModel::graphChanged);
    // 200,000 nodes: once traced and laid out in full before being refused.
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(model.setSource(scattered(100'000)));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 3);
    REQUIRE(model.error());
    CHECK_THAT(model.error()->message, Catch::Contains("200,000 boxes") &&
                                           Catch::Contains("3,500"));
    CHECK(model.goodSource() == "(x+y)*sin(x)");
    CHECK(model.graph().inputCount() == 2);
    CHECK(model.stepCount() == steps);
    CHECK(graphs.count() == 0);
    // And the window recovers with the next good program.
    CHECK(model.setSource("x*x"));
    CHECK_FALSE(model.error());
}

TEST_CASE("a checkpoint schedule over the trace limit is shown as plain reverse mode, with a warning",
          "[limits]") {
    SessionModel model;
    REQUIRE(model.setSource(chain(750)));  // 1,499 operations: binomial:1 records > 10⁶ steps
    model.setMode(Mode::Reverse);
    const int plain = model.stepCount();
    model.setCheckpointStrategy(Strategy::binomial(1));
    CHECK(model.stepCount() == plain);
    REQUIRE_FALSE(model.trace().warnings.empty());
    CHECK_THAT(model.trace().warnings.front().message, Catch::Contains("1,000,000"));
    // Within the limits the schedule is recorded as asked.
    model.setCheckpointStrategy(Strategy::sqrt());
    CHECK(model.stepCount() > plain);
}
