// Carrying inputs over by name: the per-tensor match of programs with shapes must give exactly
// what looking every element's name up in the old program gives (Graph::inputIndex, one string
// comparison per input: the definition, too slow for 10⁵ inputs but plain for small ones).

#include <catch2/catch.hpp>

#include <string>

#include "autodiff/shaped/same_inputs.hpp"
#include "autodiff/test_support.hpp"

using namespace adviz;
using namespace adviz::shaped;
using adviz::test::parseOk;

namespace {

std::vector<int> byDefinition(const Graph& previous, const Graph& next) {
    std::vector<int> from;
    for (int i = 0; i < next.inputCount(); ++i) from.push_back(previous.inputIndex(next.inputName(i)));
    return from;
}

}  // namespace

TEST_CASE("same-named inputs match the name-by-name lookup", "[shaped][carry]") {
    const auto [before, after] = GENERATE(table<std::string, std::string>({
        // Same declarations: every input keeps its place.
        {"x: [3]\nW: [2, 3]\ny = sum(W @ x)", "x: [3]\nW: [2, 3]\ny = sum(W @ x) + 1"},
        // A matrix loses a row, a vector grows: the common rows and columns keep theirs.
        {"x: [3]\nW: [2, 3]\ny = sum(W @ x)", "x: [4]\nW: [1, 4]\ny = sum(W @ x)"},
        // A matrix loses a column and gains rows.
        {"W: [2, 3]\ny = sum(W)", "W: [4, 2]\ny = sum(W)"},
        // Declarations in another order, a scalar input among them, a new tensor.
        {"a: [2]\nb: [2]\ny = dot(a, b) * s", "c: [2]\nb: [2]\na: [2]\ny = dot(a, b) * s + sum(c)"},
        // A vector becomes a matrix of the same size: W[0] is not W[0,0].
        {"W: [4]\ny = sum(W)", "W: [1, 4]\ny = sum(W)"},
        // Scalar programs, and a scalar program next to one with shapes.
        {"y = x * z", "y = z * x + w"},
        {"y = x * z", "v: [2]\ny = sum(v) * x"},
        {"v: [2]\ny = sum(v) * x", "y = x * q"},
    }));
    CAPTURE(before, after);
    const Graph previous = parseOk(before);
    const Graph next = parseOk(after);
    CHECK(sameNamedInputs(previous, next) == byDefinition(previous, next));
}

TEST_CASE("a matrix that lost a row keeps its other rows' inputs", "[shaped][carry]") {
    // W [3, 2] → [2, 2]: W[i,j] of the new program is input 2i + j of both (x comes after W).
    const Graph previous = parseOk("W: [3, 2]\nx: [2]\ny = sum(W @ x)");
    const Graph next = parseOk("W: [2, 2]\nx: [2]\ny = sum(W @ x)");
    const std::vector<int> from = sameNamedInputs(previous, next);
    CHECK(from == std::vector<int>{0, 1, 2, 3, 6, 7});
}
