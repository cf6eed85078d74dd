// Long programs opened off the UI thread (SessionModel::setBackgroundOpening): setSource returns
// before the parse and sweep are done, the last good program stays meanwhile, the result
// arrives through the event loop with the numbers a synchronous open gives, and a result
// overtaken by a newer text is dropped.

#include <catch2/catch.hpp>

#include <QSignalSpy>

#include <string>

#include "ui/model/session_model.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// n statements that do not repeat (each reads the one before and one half-way back); `salt`
// changes one constant, so two salts give two programs of the same shape but new numbers, and
// a different n a different structure.
QString longProgram(int n, int salt = 0) {
    std::string s = "t0 = x\nt1 = y\n";
    for (int k = 2; k < n; ++k)
        s += "t" + std::to_string(k) + " = " + (k % 3 ? "sin" : "cos") + "(t" + std::to_string(k - 1) + ")*t" +
             std::to_string((k - 2) / 2) + (k == n - 1 ? " + " + std::to_string(salt) : "") + "\n";
    return QString::fromStdString(s);
}

// Waits until the model has no background opening left.
void waitOpened(SessionModel& model) {
    QSignalSpy spy(&model, &SessionModel::openingChanged);
    while (model.isOpening()) REQUIRE(spy.wait(60000));
}

}  // namespace

TEST_CASE("a long program opens in the background and keeps the last good one meanwhile",
          "[background]") {
    const QString big = longProgram(6'000);
    REQUIRE(big.size() > SessionModel::backgroundChars);
    SessionModel reference;  // opened on this thread, as tests and exports do
    REQUIRE(reference.setSource(big));

    SessionModel model;
    model.setBackgroundOpening(true);
    REQUIRE(model.setSource(QStringLiteral("f = sin(x)*y")));  // short: at once
    REQUIRE(model.graph().size() == 4);
    QSignalSpy graph(&model, &SessionModel::graphChanged);
    QSignalSpy opening(&model, &SessionModel::openingChanged);

    REQUIRE(model.setSource(big));
    // Returned with the work still under way: the old program, its trace and its step stay.
    CHECK(model.isOpening());
    CHECK(model.graph().size() == 4);
    CHECK(model.goodSource() == QStringLiteral("f = sin(x)*y"));
    CHECK(graph.count() == 0);
    REQUIRE(opening.count() == 1);
    CHECK(opening.at(0).at(0).toBool());
    CHECK(opening.at(0).at(1).toInt() == 6'000);  // statements, for "Opening… (6,000 statements)"

    waitOpened(model);
    CHECK(graph.count() == 1);
    REQUIRE(model.graph().size() == reference.graph().size());
    CHECK(model.goodSource() == big);
    // The same sweep as on this thread: the same steps and the same gradient.
    REQUIRE(model.stepCount() == reference.stepCount());
    REQUIRE(model.result().size() == reference.result().size());
    for (std::size_t i = 0; i < model.result().size(); ++i) CHECK(model.result()[i] == reference.result()[i]);
    CHECK(model.step() == 0);
}

TEST_CASE("a background result overtaken by a newer text is dropped", "[background]") {
    SessionModel model;
    model.setBackgroundOpening(true);
    REQUIRE(model.setSource(QStringLiteral("f = x*y")));
    QSignalSpy graph(&model, &SessionModel::graphChanged);

    SECTION("a newer long text: only its result is taken") {
        const QString first = longProgram(6'000), second = longProgram(6'500);
        model.setSource(first);
        model.setSource(second);  // typed while the first still opens
        waitOpened(model);
        CHECK(model.goodSource() == second);
        CHECK(model.source() == second);
        CHECK(graph.count() == 1);  // the first program never reached the views
        SessionModel reference;
        REQUIRE(reference.setSource(second));
        CHECK(model.graph().size() == reference.graph().size());
    }
    SECTION("a short text after a long one: taken at once, the long one dropped") {
        model.setSource(longProgram(6'000));
        REQUIRE(model.isOpening());
        REQUIRE(model.setSource(QStringLiteral("g = exp(x)")));
        CHECK(model.goodSource() == QStringLiteral("g = exp(x)"));
        waitOpened(model);
        CHECK(model.goodSource() == QStringLiteral("g = exp(x)"));
        CHECK(model.graph().size() == 2);
        CHECK(graph.count() == 1);
    }
    SECTION("a long text with an error: the last good program stays, the error arrives") {
        model.setSource(longProgram(6'000) + QStringLiteral("oops = (\n"));
        waitOpened(model);
        CHECK(model.error().has_value());
        CHECK(model.goodSource() == QStringLiteral("f = x*y"));
        CHECK(graph.count() == 0);
    }
}

TEST_CASE("a long program loaded in the background comes with its own point and mode",
          "[background]") {
    SessionModel model;
    model.setBackgroundOpening(true);
    REQUIRE(model.setSource(QStringLiteral("f = x*y")));
    REQUIRE(model.mode() == Mode::Reverse);
    REQUIRE(model.load(longProgram(6'000), {{"x", 0.3}, {"y", 0.7}}, Mode::Forward));
    CHECK(model.mode() == Mode::Reverse);  // not yet
    waitOpened(model);
    CHECK(model.mode() == Mode::Forward);
    CHECK(model.inputs()[0] == 0.3);
    CHECK(model.inputs()[1] == 0.7);
    CHECK(model.trace().mode == Mode::Forward);
}
