#include <catch2/catch.hpp>

#include <numbers>
#include <string>
#include <string_view>

#include "autodiff/number_format.hpp"
#include "autodiff/parser.hpp"

namespace adviz {
namespace {

Graph parseOk(std::string_view source) {
    ParseResult r = parse(source);
    INFO((r.ok() ? std::string() : formatDiagnostic(source, *r.error)));
    REQUIRE(r.ok());
    return std::move(r.graph);
}

ParseError parseFails(std::string_view source, const ParseLimits& limits = {}) {
    ParseResult r = parse(source, limits);
    REQUIRE_FALSE(r.ok());
    return *r.error;
}

// The structure below a node as a prefix expression, "pow(2, pow(3, 2))": structure is
// checked without relying on an evaluator.
std::string shape(const Graph& g, int id) {
    const Node& n = g[id];
    if (n.op == Op::Input) return std::string(g.nameOf(id));
    if (n.op == Op::Const) {
        auto label = g.nameOf(id);
        return label.empty() ? formatExact(n.constant) : std::string(label);
    }
    std::string out = std::string(info(n.op).name) + "(" + shape(g, n.a);
    if (n.b >= 0) out += ", " + shape(g, n.b);
    return out + ")";
}

int root(const Graph& g) { return g.outputs.back().node; }

std::string shapeOf(std::string_view source) {
    Graph g = parseOk(source);
    return shape(g, root(g));
}

std::string repeat(std::string_view s, int n) {
    std::string out;
    out.reserve(s.size() * static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

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

TEST_CASE("errors name the problem and where it is", "[parser]") {
    auto [source, message, line, column] = GENERATE(table<const char*, const char*, int, int>({
        {"(x + y", "expected ')' to close '(' at 1:1", 1, 7},
        {"sin(x", "expected ',' or ')' to close '(' at 1:4", 1, 6},
        {"max(x y)", "expected ',' or ')' to close '(' at 1:4", 1, 7},
        {"x +", "expected an expression", 1, 4},
        {"x + * y", "expected an expression", 1, 5},
        {")", "expected an expression", 1, 1},
        {"x)", "unexpected ')'", 1, 2},
        {"x, y", "unexpected ','", 1, 2},
        {"x = 1 = 2", "unexpected '='; only a name can be assigned (name = expression)", 1, 7},
        {"2 = x", "unexpected '='; only a name can be assigned (name = expression)", 1, 3},
        {"x y", "unexpected 'y'; is an operator missing?", 1, 3},
        {"(x)(y)", "unexpected '('; is an operator missing?", 1, 4},
        {"sin(x, y)", "sin takes 1 argument, got 2", 1, 1},
        {"1 + max(x)", "max takes 2 arguments, got 1", 1, 5},
        {"sin()", "sin takes 1 argument, got 0", 1, 1},
        {"x * max (x)", "max takes 2 arguments, got 1", 1, 5},
        {"sin + 1", "'sin' is a function: write sin(…)", 1, 1},
        {"x $ y", "unexpected character '$'", 1, 3},
        {"x . y", "unexpected character '.'", 1, 3},
        {"x × y", "unexpected character '×' (use '*')", 1, 3},
        {"é + 1", "unexpected character 'é'", 1, 1},
        {"x\x01", "unexpected character U+0001", 1, 2},
        {"x\xff", "unexpected character (invalid UTF-8 byte 0xFF)", 1, 2},
        {"1e", "malformed number '1e'", 1, 1},
        {"2x", "malformed number '2x'", 1, 1},
        {"1.2.3", "malformed number '1.2.3'", 1, 1},
        {"1e999", "number '1e999' is out of range", 1, 1},
        {"x = 1; y + x; y = 2", "'y' is an input (first used at 1:8); it cannot be assigned", 1,
         15},
        {"x = x + 1", "'x' is an input (first used at 1:5); it cannot be assigned", 1, 1},
        {"pi = 3", "'pi' is a constant; it cannot be assigned", 1, 1},
        {"e = 3", "'e' is a constant; it cannot be assigned", 1, 1},
        {"exp = 3", "'exp' is a function; it cannot be assigned", 1, 1},
    }));
    INFO(source);
    ParseError e = parseFails(source);
    CHECK(e.message == message);
    CHECK(e.line == line);
    CHECK(e.column == column);
}

TEST_CASE("an unknown function lists the known ones", "[parser]") {
    ParseError e = parseFails("2*sine(x)");
    CHECK(e.message == "unknown function 'sine'; known functions: " + functionList());
    CHECK(e.offset == 2);
    CHECK(e.length == 4);
}

TEST_CASE("an empty program asks for an expression", "[parser]") {
    auto source = GENERATE("", "  \n\t", "# only a comment\n\n", ";;");
    ParseError e = parseFails(source);
    CHECK(e.message == "empty program: type an expression such as (x+y)*sin(x)");
    CHECK(e.offset == 0);
    CHECK(e.length == 0);
    CHECK(e.line == 1);
    CHECK(e.column == 1);
}

TEST_CASE("errors on later lines count lines and characters", "[parser]") {
    SECTION("line 3") {
        ParseError e = parseFails("a = x*y\n# π comment\n  b = a +* 2\n");
        CHECK(e.message == "expected an expression");
        CHECK(e.line == 3);
        CHECK(e.column == 10);
        CHECK(e.offset == 30);
        CHECK(e.length == 1);
    }
    SECTION("a bad character spans all its bytes") {
        ParseError e = parseFails("xy × z");
        CHECK(e.column == 4);
        CHECK(e.offset == 3);
        CHECK(e.length == 2);
        CHECK(formatDiagnostic("xy × z", e) ==
              "expr:1:4: error: unexpected character '×' (use '*')\nxy × z\n   ^\n");
    }
}

TEST_CASE("nesting is limited so hostile input cannot overflow the stack", "[parser]") {
    const std::string tooDeep = "nesting deeper than 2000 levels";
    SECTION("2000 parentheses are fine") {
        CHECK(shapeOf(repeat("(", 2000) + "x" + repeat(")", 2000)) == "x");
    }
    SECTION("10000 parentheses stop at the 2001st") {
        ParseError e = parseFails(repeat("(", 10000) + "x" + repeat(")", 10000));
        CHECK(e.message == tooDeep);
        CHECK(e.offset == 2000);
        CHECK(e.column == 2001);
    }
    SECTION("calls") {
        CHECK(parse(repeat("sin(", 2000) + "x" + repeat(")", 2000)).ok());
        CHECK(parseFails(repeat("sin(", 10000) + "x" + repeat(")", 10000)).message == tooDeep);
    }
    SECTION("unary minus") {
        CHECK(parse(repeat("-", 2000) + "x").ok());
        ParseError e = parseFails(repeat("-", 10000) + "x");
        CHECK(e.message == tooDeep);
        CHECK(e.offset == 2000);
    }
    SECTION("powers") {
        CHECK(parse("x" + repeat("^x", 2000)).ok());
        ParseError e = parseFails("x" + repeat("^x", 10000));
        CHECK(e.message == tooDeep);
        CHECK(e.offset == 4001);  // the 2001st '^'
    }
    SECTION("a custom limit") {
        ParseLimits limits;
        limits.maxDepth = 3;
        CHECK(parse("(((x)))", limits).ok());
        CHECK(parseFails("-((-x))", limits).message == "nesting deeper than 3 levels");
    }
}

TEST_CASE("programs over the size limit are refused before lexing", "[parser]") {
    ParseLimits limits;
    limits.maxBytes = 10;
    CHECK(parse("x + y + zz", limits).ok());
    ParseError e = parseFails("x + y + zzz", limits);
    CHECK(e.message == "program is larger than 10 bytes");
    CHECK(e.offset == 0);
    limits.maxBytes = 1024 * 1024;
    CHECK(parseFails(std::string(limits.maxBytes + 1, ' '), limits).message ==
          "program is larger than 1 MB");
}

TEST_CASE("long flat programs do not recurse", "[parser]") {
    SECTION("a million-term sum") {
        Graph g = parseOk("x" + repeat("+x", 999'999));
        // x, then x+x, (x+x)+x, …: every partial sum is a different node.
        CHECK(g.size() == 1'000'000);
        CHECK(g.outputCount() == 1);
    }
    SECTION("a million statements") {
        Graph g = parseOk(repeat("x*y + 1\n", 1'000'000));
        CHECK(g.size() == 5);
        REQUIRE(g.outputCount() == 1'000'000);
        CHECK(g.outputs.back().name == "f1000000");
    }
}

TEST_CASE("formatDiagnostic underlines the span on its line", "[parser]") {
    SECTION("a span of several characters") {
        const std::string source = "a = 1\n\tb = 2 + max(x)\n";
        ParseResult r = parse(source);
        REQUIRE_FALSE(r.ok());
        CHECK(formatDiagnostic(source, *r.error, "f.adv") ==
              "f.adv:2:10: error: max takes 2 arguments, got 1\n"
              "\tb = 2 + max(x)\n"
              "\t        ^~~~~~\n");
    }
    SECTION("the end of the input") {
        ParseResult r = parse("x * (y + 1");
        REQUIRE_FALSE(r.ok());
        CHECK(formatDiagnostic("x * (y + 1", *r.error) ==
              "expr:1:11: error: expected ')' to close '(' at 1:5\n"
              "x * (y + 1\n"
              "          ^\n");
    }
}

}  // namespace adviz
