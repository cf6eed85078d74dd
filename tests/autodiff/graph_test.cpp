// The Wengert list: sharing, node counts, order, numbering.

#include <catch2/catch.hpp>

#include "autodiff/language/graph_dot.hpp"
#include "test_support.hpp"

using namespace adviz;

TEST_CASE("(x+y)*sin(x) is five nodes with inputs first", "[graph]") {
    Graph g = test::parseOk("(x+y)*sin(x)");
    REQUIRE(g.size() == 5);
    CHECK(g.inputCount() == 2);
    CHECK(g.inputName(0) == "x");
    CHECK(g.inputName(1) == "y");
    CHECK(g[2].op == Op::Add);
    CHECK(g[3].op == Op::Sin);
    CHECK(g[4].op == Op::Mul);
    CHECK(g[4].a == 2);
    CHECK(g[4].b == 3);
    CHECK(g.edgeCount() == 5);
    REQUIRE(g.outputCount() == 1);
    CHECK(g.outputs[0].name == "f");
    CHECK(g.outputs[0].node == 4);
}

TEST_CASE("a repeated subexpression is one node with several uses", "[graph]") {
    Graph g = test::parseOk("sin(x)*sin(x)");
    REQUIRE(g.size() == 3);
    CHECK(g[2].a == 1);
    CHECK(g[2].b == 1);
    auto users = g.consumers();
    CHECK(users[1] == std::vector<int>{2, 2});

    Graph h = test::parseOk("a = x*y\nb = y*x\na + b");  // no algebra: y·x is not x·y
    CHECK(h.size() == 5);
}

TEST_CASE("constants are nodes and are shared", "[graph]") {
    Graph g = test::parseOk("2*x + 2*y + pi");
    int consts = 0;
    for (const Node& n : g.nodes) consts += n.op == Op::Const;
    CHECK(consts == 2);  // 2 and π
}

TEST_CASE("every operand comes before its user", "[graph]") {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 50; ++trial) {
        Graph g = test::parseOk(test::randomProgram(rng, 3, 20, 2));
        for (int id = 0; id < g.size(); ++id) {
            const Node& n = g[id];
            CHECK((id < g.inputCount()) == (n.op == Op::Input));
            for (int s = 0; s < n.arity(); ++s) CHECK(n.operand(s) < id);
        }
    }
}

TEST_CASE("Wengert names follow Griewank's numbering", "[graph]") {
    Graph g = test::parseOk("(x+y)*sin(x)*2");
    CHECK(g.wengertName(0) == "v₋₁");
    CHECK(g.wengertName(1) == "v₀");
    CHECK(g.wengertName(2) == "v₁");
    CHECK(g.definition(2) == "v₋₁ + v₀");
    CHECK(g.definition(3) == "sin(v₋₁)");
    int two = -1;
    for (int id = 0; id < g.size(); ++id) if (g[id].op == Op::Const) two = id;
    REQUIRE(two >= 0);
    CHECK(g.wengertName(two) == "2");
    CHECK(g.wengertName(g.size() - 1) == "v₄");  // the constant takes no number
}

TEST_CASE("the DOT description lists every node and edge", "[graph]") {
    Graph g = test::parseOk("(x+y)*sin(x)");
    std::string dot = toDot(g);
    CHECK_THAT(dot, Catch::StartsWith("digraph adviz {"));
    for (const char* e : {"n0 -> n2;", "n1 -> n2;", "n0 -> n3;", "n2 -> n4;", "n3 -> n4;"})
        CHECK_THAT(dot, Catch::Contains(e));
}
