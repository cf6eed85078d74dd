// The parser's errors: messages, positions, the depth and size limits, the diagnostic text.

#include <catch2/catch.hpp>

#include "parser_support.hpp"

namespace adviz {
using namespace parser_test;

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
        {"x – y", "unexpected character '–' (use '-')", 1, 3},
        {"x ∗ y", "unexpected character '∗' (use '*')", 1, 3},
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
        ParseError e = parseFails("xy – z");
        CHECK(e.column == 4);
        CHECK(e.offset == 3);
        CHECK(e.length == 3);
        CHECK(formatDiagnostic("xy – z", e) ==
              "expr:1:4: error: unexpected character '–' (use '-')\nxy – z\n   ^\n");
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
