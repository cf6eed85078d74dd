// Every operation's local partials against central finite differences, and the conventions at
// the points where a derivative does not exist.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "autodiff/op_table.hpp"
#include "test_support.hpp"

using namespace adviz;

namespace {

struct Case {
    Op op;
    double a, b;
};

}  // namespace

TEST_CASE("every op's partials match central differences away from its kinks", "[ops]") {
    auto c = GENERATE(values<Case>({
        {Op::Add, 1.3, -0.7}, {Op::Sub, 1.3, -0.7}, {Op::Mul, 1.3, -0.7}, {Op::Mul, -2.5, 4.0},
        {Op::Div, 1.3, -0.7}, {Op::Div, -3.0, 2.5}, {Op::Pow, 1.7, 2.3}, {Op::Pow, 0.4, -1.5},
        {Op::Pow, -2.0, 3.0}, {Op::Neg, 0.9, 0}, {Op::Sin, 0.9, 0}, {Op::Sin, -2.2, 0},
        {Op::Cos, 0.9, 0}, {Op::Cos, 4.0, 0}, {Op::Tan, 0.4, 0}, {Op::Tan, -1.2, 0},
        {Op::Asin, 0.3, 0}, {Op::Asin, -0.8, 0}, {Op::Acos, 0.3, 0}, {Op::Acos, -0.8, 0},
        {Op::Atan, 0.3, 0}, {Op::Atan, -5.0, 0}, {Op::Exp, 0.3, 0}, {Op::Exp, -2.0, 0},
        {Op::Log, 0.3, 0}, {Op::Log, 7.0, 0}, {Op::Sqrt, 0.3, 0}, {Op::Sqrt, 9.0, 0},
        {Op::Tanh, 0.3, 0}, {Op::Tanh, -1.5, 0}, {Op::Sigmoid, 0.3, 0}, {Op::Sigmoid, -4.0, 0},
        {Op::Relu, 0.3, 0}, {Op::Relu, -0.3, 0}, {Op::Abs, 0.3, 0}, {Op::Abs, -2.0, 0},
        {Op::Sinh, 0.3, 0}, {Op::Sinh, -1.7, 0}, {Op::Cosh, 0.3, 0}, {Op::Cosh, -1.7, 0},
        {Op::Log1p, 0.3, 0}, {Op::Log1p, -0.6, 0}, {Op::Min, 0.3, 0.8}, {Op::Min, 0.9, -0.1},
        {Op::Max, 0.3, 0.8}, {Op::Max, 0.9, -0.1},
    }));
    INFO(info(c.op).name << " at a=" << c.a << " b=" << c.b);
    double y = opValue(c.op, c.a, c.b);
    double da = 0, db = 0;
    opPartials(c.op, c.a, c.b, y, da, db);

    double fdA = test::centralDifference([&](double t) { return opValue(c.op, t, c.b); }, c.a);
    CHECK(da == Approx(fdA).epsilon(1e-7).margin(1e-9));
    if (info(c.op).arity == 2) {
        double fdB = test::centralDifference([&](double t) { return opValue(c.op, c.a, t); }, c.b);
        if (!(c.op == Op::Pow && c.a < 0))  // a^b with a < 0 is only defined at integer b
            CHECK(db == Approx(fdB).epsilon(1e-7).margin(1e-9));
    } else {
        CHECK(db == 0);
    }
}

TEST_CASE("the op table describes every op once and names every function", "[ops]") {
    for (int i = 0; i < opCount; ++i) {
        auto op = static_cast<Op>(i);
        const OpInfo& o = info(op);
        INFO(o.name);
        CHECK_FALSE(o.name.empty());
        if (o.arity > 0) {
            CHECK_FALSE(o.partial[0].empty());
            CHECK(o.partial[1].empty() == (o.arity == 1));
        }
        auto named = functionNamed(o.name);
        if (named) CHECK(*named == op);
    }
    for (const char* f : {"sin", "cos", "tan", "asin", "acos", "atan", "exp", "log", "sqrt", "tanh",
                          "sigmoid", "relu", "abs", "sinh", "cosh", "log1p", "pow", "min", "max"})
        CHECK(functionNamed(f).has_value());
    CHECK_FALSE(functionNamed("add").has_value());
    CHECK(ruleText(Op::Sin, 0) == "∂/∂a sin(a) = cos(a)");
    CHECK(ruleText(Op::Mul, 1) == "∂/∂b a·b = a");
}

TEST_CASE("derivatives at kinks follow PyTorch's conventions", "[ops]") {
    double da = -1, db = -1;
    SECTION("relu and abs have slope 0 at 0") {
        opPartials(Op::Relu, 0.0, 0.0, 0.0, da, db);
        CHECK(da == 0);
        opPartials(Op::Abs, 0.0, 0.0, 0.0, da, db);
        CHECK(da == 0);
    }
    SECTION("sqrt has infinite slope at 0") {
        opPartials(Op::Sqrt, 0.0, 0.0, 0.0, da, db);
        CHECK(std::isinf(da));
        CHECK(da > 0);
    }
    SECTION("pow at a zero base or exponent") {
        opPartials(Op::Pow, 0.0, 0.0, 1.0, da, db);  // 0^0 = 1
        CHECK(da == 0);
        CHECK(db == 0);
        opPartials(Op::Pow, 0.0, 2.0, 0.0, da, db);
        CHECK(da == 0);
        CHECK(db == 0);
        opPartials(Op::Pow, 0.0, 1.0, 0.0, da, db);
        CHECK(da == 1);
    }
    SECTION("min and max split a tie evenly") {
        opPartials(Op::Min, 2.0, 2.0, 2.0, da, db);
        CHECK(da == 0.5);
        CHECK(db == 0.5);
        opPartials(Op::Max, -1.0, -1.0, -1.0, da, db);
        CHECK(da == 0.5);
        CHECK(db == 0.5);
    }
}

TEST_CASE("domain problems give IEEE results and a warning on the node", "[ops]") {
    auto check = [](const char* src, double x, const char* fragment, bool nan) {
        Graph g = test::parseOk(src);
        EvalResult r = evaluateAt(g, std::vector<double>{x});
        INFO(src);
        if (nan) CHECK(std::isnan(r.outputs[0]));
        else CHECK(std::isinf(r.outputs[0]));
        REQUIRE(r.warnings.size() == 1);
        CHECK_THAT(r.warnings[0].message, Catch::Contains(fragment));
    };
    check("log(x)", -1, "log of a negative number", true);
    check("log(x)", 0, "log of zero", false);
    check("1/x", 0, "division by zero", false);
    check("sqrt(x)", -4, "square root of a negative number", true);
    check("asin(x)", 2, "asin of a number outside", true);
    check("exp(x)", 1000, "exp overflowed", false);
    check("x^0.5", -1, "negative base with a non-integer exponent", true);

    Graph g = test::parseOk("sin(log(x)) + 1");  // the NaN spreads, the warning stays where it began
    EvalResult r = evaluateAt(g, std::vector<double>{-1.0});
    REQUIRE(r.warnings.size() == 1);
    CHECK(g[r.warnings[0].node].op == Op::Log);
}
