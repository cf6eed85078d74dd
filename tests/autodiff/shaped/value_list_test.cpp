// The name=value lists of --at and of the window's examples: nested lists, numbers filling a
// vector, element labels, and the shortcut for plain numbers giving exactly what the parser gives.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "autodiff/language/parser.hpp"
#include "autodiff/shaped/value_list.hpp"
#include "autodiff/sweeps/derivatives.hpp"

using namespace adviz;
using shaped::Shape;

TEST_CASE("a value list reads numbers, nested lists and constant expressions", "[values]") {
    std::vector<shaped::GivenValue> list;
    REQUIRE_FALSE(shaped::readValueList("x=[0.5,-1], W=[[1,2],[3,4]], b=0, c=pi/2", "--at", list));
    REQUIRE(list.size() == 4);
    CHECK(list[0].name == "x");
    CHECK(list[0].shape == Shape::vector(2));
    CHECK(list[0].values == std::vector<double>{0.5, -1});
    CHECK(list[1].shape == Shape::matrix(2, 2));
    CHECK(list[1].values == std::vector<double>{1, 2, 3, 4});
    CHECK(list[2].shape.isScalar());
    CHECK(list[3].values.front() == std::acos(-1.0) / 2);
}

TEST_CASE("plain numbers read exactly as the parser reads them", "[values]") {
    for (const char* text : {"0.1", "-0.4", "1e-3", "2.5e12", "-0", "0.30000000000000004", "1e-320", "12345678901234567890"}) {
        INFO(text);
        std::vector<shaped::GivenValue> list;
        REQUIRE_FALSE(shaped::readValueList(std::string("v=") + text, "--at", list));
        const ParseResult r = parse(text);
        REQUIRE(r.ok());
        const double parsed = evaluateAt(r.graph, {}).outputs.front();
        const double read = list.front().values.front();
        CHECK(std::memcmp(&parsed, &read, sizeof read) == 0);  // bit for bit, the sign of −0 too
    }
    std::vector<shaped::GivenValue> list;
    const auto error = shaped::readValueList("v=1e400", "--at", list);
    REQUIRE(error);
    CHECK(error->malformed);
    CHECK(error->message.find("1e400") != std::string::npos);
}

TEST_CASE("a value list goes into a program's ports by name, element or fill", "[values]") {
    const ParseResult r = parse("x: [2]\nW: [2, 2]\nb: [2]\nL = sum(W @ x + b) * s");
    REQUIRE(r.ok());
    const Graph& g = r.graph;
    std::vector<shaped::GivenValue> list;
    REQUIRE_FALSE(shaped::readValueList("W=[[1,2],[3,4]],b=0.5,x[1]=7,s=2", "--at", list));
    std::vector<double> values(static_cast<std::size_t>(g.inputCount()), std::nan(""));
    std::vector<bool> given(values.size(), false);
    REQUIRE_FALSE(shaped::assignToPorts(g, true, list, "--at", values, given));
    auto at = [&](const char* name) { return values[static_cast<std::size_t>(g.inputIndex(name))]; };
    CHECK(at("W[1,0]") == 3);
    CHECK(at("b[0]") == 0.5);
    CHECK(at("b[1]") == 0.5);
    CHECK(at("x[1]") == 7);
    CHECK(std::isnan(at("x[0]")));
    CHECK_FALSE(given[static_cast<std::size_t>(g.inputIndex("x[0]"))]);
    CHECK(at("s") == 2);

    list.clear();
    REQUIRE_FALSE(shaped::readValueList("W=[1,2]", "--at", list));
    const auto wrong = shaped::assignToPorts(g, true, list, "--at", values, given);
    REQUIRE(wrong);
    CHECK_FALSE(wrong->malformed);
    CHECK(wrong->message == "--at: 'W' is [2, 2], the value given is [2]");
    CHECK(shaped::elementName("W1", Shape::matrix(3, 2), 3) == "W1[1,1]");
    CHECK(shaped::elementName("x", Shape::vector(5), 4) == "x[4]");
}
