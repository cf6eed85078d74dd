// Shapes in the language: what each rule makes (shapes, element counts, names) and what each
// misuse says, with position and both shapes.

#include <catch2/catch.hpp>

#include "autodiff/shaped/shaped_graph.hpp"
#include "autodiff/test_support.hpp"

using namespace adviz;
using shaped::Kind;
using shaped::Shape;

namespace {

const shaped::Node& outputNode(const Graph& g, const std::string& name) {
    REQUIRE(g.shaped);
    const int port = g.shaped->outputPort(name);
    REQUIRE(port >= 0);
    const int id = g.shaped->outputs[static_cast<std::size_t>(port)].node;
    REQUIRE(id >= 0);
    return (*g.shaped)[id];
}

std::string errorOf(const std::string& src) {
    ParseResult r = parse(src);
    REQUIRE_FALSE(r.ok());
    return formatDiagnostic(src, *r.error).substr(0, formatDiagnostic(src, *r.error).find('\n'));
}

}  // namespace

TEST_CASE("scalar programs have no shaped graph", "[shaped][parser]") {
    Graph g = test::parseOk("(x+y)*sin(x)");
    CHECK_FALSE(g.shaped);
}

TEST_CASE("the theory's MLP parses into shaped nodes over scalar inputs", "[shaped][parser]") {
    Graph g = test::parseOk(R"(x: [2]
W1: [3, 2]; b1: [3]
W2: [1, 3]; b2: [1]
y: [1]
z1 = W1 @ x + b1
h  = sigmoid(z1)
z2 = W2 @ h + b2
L  = sum((z2 - y)^2))");
    REQUIRE(g.shaped);
    const auto& sg = *g.shaped;
    // Inputs: declared order, row-major scalar inputs named W1[1,0].
    REQUIRE(g.inputCount() == 2 + 6 + 3 + 3 + 1 + 1);
    CHECK(g.inputName(0) == "x[0]");
    CHECK(g.inputName(2) == "W1[0,0]");
    CHECK(g.inputName(4) == "W1[1,0]");
    REQUIRE(sg.inputs.size() == 6);
    CHECK(sg.inputs[1].name == "W1");
    CHECK(sg.inputs[1].shape == Shape::matrix(3, 2));
    CHECK(sg.inputs[1].items == std::vector<std::int32_t>{2, 3, 4, 5, 6, 7});
    // The one output is L, a scalar.
    REQUIRE(g.outputCount() == 1);
    CHECK(g.outputs[0].name == "L");
    REQUIRE(sg.outputs.size() == 1);
    const shaped::Node& L = outputNode(g, "L");
    CHECK(L.kind == Kind::Sum);
    CHECK(L.shape == Shape::scalar());
    CHECK(L.elements.front() == g.outputs[0].node);
    // z1 is W1 @ x + b1: an elementwise add of a matmul and an input, each [3].
    const shaped::Node& add = sg[L.operands[0]];  // (z2 − y)^2
    CHECK(add.kind == Kind::Elementwise);
    CHECK(add.op == Op::Pow);
    int matmuls = 0;
    for (const shaped::Node& n : sg.nodes) {
        if (n.kind != Kind::MatMul) continue;
        ++matmuls;
        CHECK(n.shape.rank == 1);
        for (std::int32_t e : n.elements) CHECK(e < g.size());
    }
    CHECK(matmuls == 2);
    // Bound names label the elements of the scalar graph.
    bool sawH = false;
    for (int id = 0; id < g.size(); ++id) sawH = sawH || g.nameOf(id) == "h[2]";
    CHECK(sawH);
}

TEST_CASE("matmul's four cases, transpose, reductions and indexing have NumPy's shapes",
          "[shaped][parser]") {
    struct Case { const char* expr; Shape shape; Kind kind; };
    const Case cases[] = {
        {"A @ B", Shape::matrix(2, 4), Kind::MatMul},
        {"A @ v", Shape::vector(2), Kind::MatMul},
        {"u @ A", Shape::vector(3), Kind::MatMul},
        {"v @ v", Shape::scalar(), Kind::MatMul},
        {"T(A)", Shape::matrix(3, 2), Kind::Transpose},
        {"sum(A)", Shape::scalar(), Kind::Sum},
        {"sum(A, 0)", Shape::vector(3), Kind::SumAxis},
        {"sum(A, 1)", Shape::vector(2), Kind::SumAxis},
        {"mean(A)", Shape::scalar(), Kind::Mean},
        {"dot(v, v)", Shape::scalar(), Kind::Dot},
        {"softmax(v)", Shape::vector(3), Kind::Softmax},
        {"logsumexp(v)", Shape::scalar(), Kind::LogSumExp},
        {"logsumexp(A)", Shape::vector(2), Kind::LogSumExp},
        {"A[1]", Shape::vector(3), Kind::Index},
        {"A[1, 2]", Shape::scalar(), Kind::Index},
        {"v[-1]", Shape::scalar(), Kind::Index},
        {"A + v", Shape::matrix(2, 3), Kind::Elementwise},
        {"A * 2", Shape::matrix(2, 3), Kind::Elementwise},
        {"1 - v", Shape::vector(3), Kind::Elementwise},
        {"[[1], [2]] + v", Shape::matrix(2, 3), Kind::Elementwise},
        {"exp(A)", Shape::matrix(2, 3), Kind::Elementwise},
        {"max(v, 0)", Shape::vector(3), Kind::Elementwise},
        {"-v", Shape::vector(3), Kind::Elementwise},
        {"[1, 2, 3]", Shape::vector(3), Kind::Literal},
        {"[[1, 2], [3, 4]]", Shape::matrix(2, 2), Kind::Literal},
    };
    for (const Case& c : cases) {
        const std::string src = std::string("A: [2, 3]; B: [3, 4]; v: [3]; u: [2]\nr = ") + c.expr;
        INFO(src);
        Graph g = test::parseOk(src);
        const shaped::Node& r = outputNode(g, "r");
        CHECK(r.kind == c.kind);
        CHECK(r.shape == c.shape);
        CHECK(r.elements.size() == c.shape.size());
        // A shaped output is one scalar output per element, labelled like the inputs.
        CHECK(g.outputCount() == static_cast<int>(c.shape.size()));
        if (c.shape.rank == 2) CHECK(g.outputs[1].name == "r[0,1]");
        if (c.shape.rank == 1) CHECK(g.outputs[1].name == "r[1]");
        if (c.shape.rank == 0) CHECK(g.outputs[0].name == "r");
    }
}

TEST_CASE("transpose and indexing pick the right elements", "[shaped][parser]") {
    Graph g = test::parseOk("A: [2, 3]\nt = T(A)\nr = A[1]\ns = A[0, 2]");
    const auto& t = outputNode(g, "t");
    const auto& r = outputNode(g, "r");
    const auto& s = outputNode(g, "s");
    // A's elements are inputs 0..5 row-major: T(A)[i, j] = A[j, i].
    CHECK(t.elements == std::vector<std::int32_t>{0, 3, 1, 4, 2, 5});
    CHECK(r.elements == std::vector<std::int32_t>{3, 4, 5});
    CHECK(s.elements == std::vector<std::int32_t>{2});
}

TEST_CASE("shape errors name the expression, both shapes and the place", "[shaped][parser][errors]") {
    const std::string mlp = "x: [2]\nW1: [3, 2]; b1: [3]\nW2: [1, 3]; b2: [1]\ny: [1]\n";
    CHECK(errorOf("x: [3]\nW1: [3, 2]; b1: [3]\nW2: [1, 3]; b2: [1]\ny: [1]\nz1 = W1 @ x + b1") ==
          "expr:5:6: error: W1 @ x: [3, 2] @ [3]: inner sizes 2 and 3 differ");
    CHECK(errorOf(mlp + "z = b1 + x") ==
          "expr:5:5: error: b1 + x: [3] + [2]: shapes differ and do not broadcast (sizes 3 and 2)");
    CHECK(errorOf("A: [2, 3]; B: [3, 2]\nC = A - B") ==
          "expr:2:5: error: A - B: [2, 3] - [3, 2]: shapes differ and do not broadcast (sizes 3 and 2)");
    CHECK(errorOf("A: [2, 3]\nB: [3, 3]\nC = A + B") ==
          "expr:3:5: error: A + B: [2, 3] + [3, 3]: shapes differ and do not broadcast (sizes 3 and 3, rows 2 and 3)");
    CHECK(errorOf("v: [3]\nr = v @ 2") ==
          "expr:2:5: error: v @ 2: [3] @ scalar: @ multiplies vectors and matrices; use * to scale by a scalar");
    CHECK(errorOf("a: [3]; b: [2]\nr = dot(a, b)") ==
          "expr:2:5: error: dot(a, b): dot([3], [2]): dot takes two vectors of one size");
    CHECK(errorOf("v: [3]\nr = T(v)").find("T([3]): T transposes a matrix") != std::string::npos);
    CHECK(errorOf("A: [2, 3]\nr = sum(A, 2)") ==
          "expr:2:5: error: sum(A, 2): sum([2, 3], 2): axis 2 does not exist (axes are 0 and 1)");
    CHECK(errorOf("v: [3]\nr = v[3]") ==
          "expr:2:5: error: v[3]: [3] on [3]: index 3 is out of range 0..2");
    CHECK(errorOf("A: [2, 3]\nr = A[0, 1, 2]") ==
          "expr:2:5: error: A[0, 1, 2]: [0, 1, 2] on [2, 3]: 3 indices for 2 axes");
    CHECK(errorOf("x = 1\nr = x[0]") ==
          "expr:2:5: error: x[0]: x is a scalar; only vectors and matrices can be indexed");
    CHECK(errorOf("v: [3]\nr = v[0.5]") ==
          "expr:2:7: error: an index is a whole number written out, such as 0 or 2; got 0.5");
    CHECK(errorOf("r = [[1, 2], [3]]") ==
          "expr:1:5: error: [[1, 2], [3]]: items 0 and 1 differ: [2] and [1] (a matrix literal must be rectangular)");
    CHECK(errorOf("r = []") == "expr:1:5: error: an empty literal; write its items, as in [1, 2]");
    CHECK(errorOf("r = softmax(1)") ==
          "expr:1:5: error: softmax(1): softmax(scalar): softmax takes a vector (or a matrix, by rows)");
    CHECK(errorOf("v: [2]\nr = sum(v, 0, 1)") ==
          "expr:2:5: error: sum(A) or sum(A, axis) takes 1 or 2 arguments, got 3");
}

TEST_CASE("declarations come once, before use, with whole positive sizes", "[shaped][parser][errors]") {
    CHECK(errorOf("r = x + 1\nx: [2]") ==
          "expr:2:1: error: 'x' is already an input (first used at 1:5); declare a shape once, "
          "before the name's first use; it cannot be declared");
    CHECK(errorOf("x: [2]\nx: [3]").find("'x' is already an input (first used at 1:1)") !=
          std::string::npos);
    CHECK(errorOf("a = 1\na: [2]\nb = a") ==
          "expr:2:1: error: 'a' is already bound by a statement; it cannot be declared");
    CHECK(errorOf("sin: [2]") == "expr:1:1: error: 'sin' is a function; it cannot be declared");
    CHECK(errorOf("x: 2") == "expr:1:4: error: expected '[' after 'x:', as in x: [3] or W: [3, 2]");
    CHECK(errorOf("x: [0]") == "expr:1:5: error: a size is a whole number from 1 up, as in [3] or [3, 2]");
    CHECK(errorOf("x: [2.5]") == "expr:1:5: error: a size is a whole number from 1 up, as in [3] or [3, 2]");
    CHECK(errorOf("x: [2, 3, 4]") == "expr:1:11: error: at most two sizes: a vector [n] or a matrix [m, n]");
    CHECK(errorOf("x: [2\ny = x") == "expr:2:1: error: expected ',' or ']' to close '[' at 1:4");
    CHECK(errorOf("x: [3000, 3000]\nr = x @ x").find("too large") != std::string::npos);
}
