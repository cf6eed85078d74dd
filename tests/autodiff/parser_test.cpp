// The parser's grammar: numbers, precedence, functions, sharing, statements and outputs.

#include <catch2/catch.hpp>

#include "parser_support.hpp"

namespace adviz {
using namespace parser_test;

TEST_CASE("numbers in every written form become one constant", "[parser]") {
    auto [source, value] = GENERATE(table<const char*, double>({
        {"2", 2}, {"0.5", 0.5}, {"1e-3", 0.001}, {".5", 0.5}, {"2.", 2}, {"1E+2", 100},
        {"2.5e1", 25}, {"007", 7}, {" 3 ", 3},
    }));
    INFO(source);
    Graph g = parseOk(source);
    REQUIRE(g.size() == 1);
    CHECK(g[0].op == Op::Const);
    CHECK(g[0].constant == value);
    CHECK(g.nameOf(0).empty());
}

TEST_CASE("precedence and associativity shape the tree", "[parser]") {
    auto [source, expected] = GENERATE(table<const char*, const char*>({
        {"x+y*z", "add(x, mul(y, z))"},
        {"x*y+z", "add(mul(x, y), z)"},
        {"x-y-z", "sub(sub(x, y), z)"},
        {"x/y/z", "div(div(x, y), z)"},
        {"x/y*z", "mul(div(x, y), z)"},
        {"2^3^2", "pow(2, pow(3, 2))"},
        {"2^3*4", "mul(pow(2, 3), 4)"},
        {"-x^2", "neg(pow(x, 2))"},
        {"-x*y", "mul(neg(x), y)"},
        {"2^-1", "pow(2, -1)"},
        {"x^-y", "pow(x, neg(y))"},
        {"x^-y^2", "pow(x, neg(pow(y, 2)))"},
        {"(x+y)*z", "mul(add(x, y), z)"},
        {"x*(y-z)", "mul(x, sub(y, z))"},
        {"x - -y", "sub(x, neg(y))"},
        {"+x", "x"},
        {"x*+y", "mul(x, y)"},
        {"(x)^2", "pow(x, 2)"},
        {"sin(x)^2", "pow(sin(x), 2)"},
        {"-sin(x)", "neg(sin(x))"},
    }));
    INFO(source);
    CHECK(shapeOf(source) == expected);
}

TEST_CASE("the operator signs adviz prints parse back as the operators", "[parser]") {
    SECTION("each infix operation's own pattern, as the Wengert list shows it") {
        const Op op = GENERATE(Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Pow, Op::Neg);
        const std::string printed = substitute(info(op).pattern, "x", "y");
        INFO(printed);
        Graph g = parseOk(printed);
        CHECK(g[root(g)].op == op);
    }
    SECTION("typeset signs mean what the ASCII ones mean") {
        auto [source, expected] = GENERATE(table<const char*, const char*>({
            {"(−8)^x", "pow(-8, x)"},
            {"−8^x", "neg(pow(8, x))"},
            {"x × y − z", "sub(mul(x, y), z)"},
            {"x ⋅ y ÷ z", "div(mul(x, y), z)"},
            {"x ∕ y", "div(x, y)"},
        }));
        INFO(source);
        CHECK(shapeOf(source) == expected);
    }
}

TEST_CASE("2^3^2 groups to the right", "[parser]") {
    Graph g = parseOk("2^3^2");
    const Node& top = g[root(g)];
    REQUIRE(top.op == Op::Pow);
    CHECK(g[top.a].constant == 2);
    const Node& exponent = g[top.b];
    REQUIRE(exponent.op == Op::Pow);
    CHECK(g[exponent.a].constant == 3);
    CHECK(g[exponent.b].constant == 2);
}

TEST_CASE("unary minus folds into a literal only", "[parser]") {
    SECTION("-2 is one negative constant spanning the sign") {
        Graph g = parseOk("-2");
        REQUIRE(g.size() == 1);
        CHECK(g[0].constant == -2);
        CHECK(g[0].span.offset == 0);
        CHECK(g[0].span.length == 2);
    }
    SECTION("no positive constant is left behind") {
        Graph g = parseOk("x*-2");
        CHECK(g.size() == 3);
        CHECK(shape(g, root(g)) == "mul(x, -2)");
    }
    SECTION("negations of anything else stay nodes") {
        CHECK(shapeOf("-2^2") == "neg(pow(2, 2))");
        CHECK(shapeOf("-(2)") == "neg(2)");
        CHECK(shapeOf("--2") == "neg(-2)");
        CHECK(shapeOf("-pi") == "neg(π)");
    }
}

TEST_CASE("every function parses with its arity and op", "[parser]") {
    const Op op = static_cast<Op>(GENERATE(range(0, opCount)));
    const std::string name(info(op).name);
    if (functionNamed(name) != op) return;  // infix-only ops and leaves are not callable
    const int arity = info(op).arity;
    INFO(name);
    Graph g = parseOk(name + (arity == 2 ? "(x, y)" : "(x)"));
    const Node& call = g[root(g)];
    CHECK(call.op == op);
    CHECK(call.a == g.inputIndex("x"));
    CHECK(call.b == (arity == 2 ? g.inputIndex("y") : -1));
    const std::string wrong = name + (arity == 2 ? "(x)" : "(x, y)");
    CHECK(parseFails(wrong).message ==
          name + " takes " + std::to_string(arity) +
              (arity == 2 ? " arguments, got 1" : " argument, got 2"));
}

TEST_CASE("pi and e are labelled constants", "[parser]") {
    Graph pi = parseOk("pi");
    REQUIRE(pi.size() == 1);
    CHECK(pi[0].op == Op::Const);
    CHECK(pi[0].constant == std::numbers::pi);
    CHECK(pi.nameOf(0) == "π");
    Graph e = parseOk("e");
    CHECK(e[0].constant == std::numbers::e);
    CHECK(e.nameOf(0) == "e");
    CHECK(parseOk("2*pi*x").inputCount() == 1);
}

TEST_CASE("inputs are ordered by first appearance", "[parser]") {
    Graph g = parseOk("y*x + x");
    REQUIRE(g.inputCount() == 2);
    CHECK(g.inputName(0) == "y");
    CHECK(g.inputName(1) == "x");
}

TEST_CASE("shared subexpressions are one node", "[parser]") {
    SECTION("(x+y)*sin(x) has five nodes") {
        Graph g = parseOk("(x+y)*sin(x)");
        CHECK(g.size() == 5);
        CHECK(shape(g, root(g)) == "mul(add(x, y), sin(x))");
    }
    SECTION("sin(x)*sin(x) uses one sin twice") {
        Graph g = parseOk("sin(x)*sin(x)");
        CHECK(g.size() == 3);
        const Node& product = g[root(g)];
        CHECK(product.op == Op::Mul);
        CHECK(product.a == product.b);
        CHECK(g[product.a].op == Op::Sin);
    }
}

TEST_CASE("nodes carry the source span where they first appear", "[parser]") {
    Graph g = parseOk("(x + y)*sin(x)");
    const Node& product = g[root(g)];
    CHECK(product.span.offset == 0);
    CHECK(product.span.length == 14);
    CHECK(g[product.a].span.offset == 1);  // the sum, without its parentheses
    CHECK(g[product.a].span.length == 5);
    CHECK(g[product.b].span.offset == 8);  // sin(x), call included
    CHECK(g[product.b].span.length == 6);
    CHECK(g[g.inputIndex("y")].span.offset == 5);
}

TEST_CASE("statements decide the outputs", "[parser]") {
    auto names = [](const Graph& g) {
        std::string out;
        for (const Output& o : g.outputs) out += (out.empty() ? "" : " ") + o.name;
        return out;
    };
    SECTION("a one-liner is f") { CHECK(names(parseOk("x*y")) == "f"); }
    SECTION("a binding read later is not an output") {
        Graph g = parseOk("a = x*y; b = a + 1");
        CHECK(names(g) == "b");
        CHECK(shape(g, root(g)) == "add(mul(x, y), 1)");
        CHECK(g.nameOf(g[root(g)].a) == "a");
    }
    SECTION("several bare expressions are f1, f2") {
        Graph g = parseOk("a = x*y; a + 1; a*2");
        CHECK(names(g) == "f1 f2");
        CHECK(shape(g, g.outputs[1].node) == "mul(mul(x, y), 2)");
    }
    SECTION("a binding nobody reads is an output, in statement order") {
        CHECK(names(parseOk("a = x*y\nx + 1\nb = x - y")) == "a f b");
    }
    SECTION("each binding of a rebound name is judged on its own") {
        Graph g = parseOk("a = x; b = a*2; a = y");
        CHECK(names(g) == "b a");
        CHECK(shape(g, g.outputs[1].node) == "y");
        CHECK(shapeOf("a = x*y; a = a + 1") == "add(mul(x, y), 1)");
        CHECK(parseOk("a = x*y; a = a + 1").outputCount() == 1);
        // A binding replaced before anything read it is not a result either: one output "a".
        Graph r = parseOk("a = x; a = 2*y");
        CHECK(names(r) == "a");
        CHECK(shape(r, r.outputs[0].node) == "mul(2, y)");
    }
    SECTION("generated names avoid the user's names") {
        CHECK(names(parseOk("f = x*y; f + 1")) == "f_");
        CHECK(names(parseOk("f + 1")) == "f_");
        CHECK(names(parseOk("f1 = x; f1_ = x*f1; f1_; x")) == "f1__ f2");
    }
    SECTION("the first name given to a node sticks") {
        Graph g = parseOk("a = x*y; b = x*y");
        CHECK(names(g) == "a b");
        CHECK(g.nameOf(g.outputs[1].node) == "a");
    }
}

TEST_CASE("comments, blank lines and empty statements are skipped", "[parser]") {
    Graph g = parseOk("# header\n\n  a = x*2   # double\n\n;;\r\n\ta + y # sum\n;\n# end");
    REQUIRE(g.outputCount() == 1);
    CHECK(g.outputs[0].name == "f");
    CHECK(shape(g, root(g)) == "add(mul(x, 2), y)");
}

TEST_CASE("a newline inside parentheses is whitespace", "[parser]") {
    CHECK(shapeOf("(x +\n y\n)*2") == "mul(add(x, y), 2)");
    CHECK(shapeOf("max(\n  x,\n  y\n)") == "max(x, y)");
    CHECK(shapeOf("max (x,y)") == "max(x, y)");
    ParseError e = parseFails("x +\ny");
    CHECK(e.message == "expected an expression");
    CHECK(e.line == 1);
    CHECK(e.column == 4);
}


}  // namespace adviz
