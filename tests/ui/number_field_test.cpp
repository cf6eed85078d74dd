// A typed number is read as the command line reads --at: constant expressions, the whole double
// range, and errors instead of guesses. Expected values are literals or <cmath>, not the engine.

#include <catch2/catch.hpp>

#include <QKeyEvent>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>
#include <numbers>

#include "ui/widgets/number_field.hpp"

using namespace adviz::ui;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

bool sameDouble(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
}

}  // namespace

TEST_CASE("the inputs panel reads what --at reads", "[inputs][number]") {
    struct Row {
        const char* text;
        double expected;  // NaN with a NaN result; ignored when rejected
        bool accepted;
    };
    const Row rows[] = {
        // What the panel used to change: 1e-3 → 13, 1e400 → 1400, pi/2 → 2, log(-1) → −1.
        {"1e-3", 0.001, true},
        {"1e400", 0, false},  // out of range: an error, never 1400 or ∞
        {"pi/2", std::numbers::pi / 2, true},
        {"log(-1)", kNan, true},  // the command line evaluates it to NaN too
        // Beyond the old ±1e9 and below the old 1e-6.
        {"1e-7", 1e-7, true},
        {"2.5e12", 2.5e12, true},
        {"-1.7976931348623157e308", -1.7976931348623157e308, true},
        {"4.9e-300", 4.9e-300, true},
        {" 2*(3+4) ", 14, true},
        {"sqrt(2)", std::sqrt(2.0), true},
        {"-0.1", -0.1, true},
        {"1E+2", 100, true},
        // Infinities and NaN as constant expressions.
        {"1/0", kInf, true},
        {"-1/0", -kInf, true},
        {"0/0", kNan, true},
        // Names are not numbers, "nan" and "inf" included, as on the command line.
        {"nan", 0, false},
        {"inf", 0, false},
        {"x", 0, false},
        {"x = 1", 0, false},
        {"1; 2", 0, false},
        {"", 0, false},
        {"   ", 0, false},
        {"1,5", 0, false},  // a decimal comma is not read as 15
        {"1.2.3", 0, false},
        {"sin(", 0, false},
        {"sine(1)", 0, false},
        {"2x", 0, false},
        {"€", 0, false},
    };
    for (const Row& row : rows) {
        INFO("text: '" << row.text << "'");
        const NumberEntry entry = readNumber(QString::fromUtf8(row.text));
        CHECK(entry.value.has_value() == row.accepted);
        CHECK(entry.error.isEmpty() == row.accepted);
        if (row.accepted && entry.value) {
            CHECK(sameDouble(*entry.value, row.expected));
        }
    }
    CHECK(readNumber("1e400").error.contains("out of range"));
    CHECK(readNumber("sine(1)").error.contains("unknown function"));
}

TEST_CASE("every double is written in a form that reads back to it", "[inputs][number]") {
    const double values[] = {0.001, 1e-7, 1e-300, 2.2250738585072014e-308,
                             1.7976931348623157e308, -1.7976931348623157e308,
                             std::numbers::pi / 2, 0.1, -0.1, 1e20, 123456789012.5, 1.0 / 3,
                             0.0, -0.0, kNan, kInf, -kInf};
    for (double x : values) {
        const QString text = writeNumber(x);
        INFO("value " << x << " written as " << text.toStdString());
        const NumberEntry back = readNumber(text);
        REQUIRE(back.value);
        CHECK(sameDouble(*back.value, x));
    }
    // Shortest form: no padding zeros, no lost digits.
    CHECK(writeNumber(0.001) == "0.001");
    CHECK(writeNumber(1) == "1");
    CHECK(writeNumber(std::numbers::pi / 2) == "1.5707963267948966");
}

TEST_CASE("a number field commits readable entries and keeps unreadable ones", "[inputs][number]") {
    NumberField field;
    field.showValue(1);
    QSignalSpy edited(&field, &NumberField::valueEdited);
    QSignalSpy rejected(&field, &NumberField::entryRejected);
    auto type = [&field](const QString& text) {
        field.setFocus();
        field.selectAll();
        QTest::keyClicks(&field, text);
        QTest::keyClick(&field, Qt::Key_Return);
    };

    type("1e-3");
    REQUIRE(edited.size() == 1);
    CHECK(edited.last().at(0).toDouble() == 0.001);
    CHECK(field.text() == "0.001");
    CHECK(field.error().isEmpty());

    type("1e400");
    CHECK(edited.size() == 1);  // nothing reaches the model
    CHECK(rejected.size() == 1);
    CHECK(field.text() == "1e400");  // left as typed, not replaced
    CHECK(field.error().contains("out of range"));
    CHECK(field.toolTip().contains("out of range"));
    CHECK(field.value() == 0.001);
    field.showValue(5);  // the model's number must not overwrite what the user typed
    CHECK(field.text() == "1e400");

    type("pi/2");
    CHECK(edited.last().at(0).toDouble() == std::numbers::pi / 2);
    CHECK(field.error().isEmpty());
    CHECK(field.text() == "1.5707963267948966");

    SECTION("the arrow keys step by 0.1 and stay in round figures") {
        field.showValue(1);
        QTest::keyClick(&field, Qt::Key_Up);
        QTest::keyClick(&field, Qt::Key_Up);
        QTest::keyClick(&field, Qt::Key_Down);
        CHECK(field.value() == 1.1);
        CHECK(field.text() == "1.1");
    }
}
