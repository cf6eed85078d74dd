// `adviz pytorch`'s script as text: numbers that read back exactly, every operation spelled and
// named, the program written statement by statement. (Running the scripts under PyTorch is
// tests/app/pytorch_test.sh, where torch is installed.)

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "autodiff/language/parser.hpp"
#include "autodiff/pytorch/pytorch_script.hpp"
#include "autodiff/pytorch/torch_ops.hpp"

namespace adviz::pytorch {

TEST_CASE("Python numbers read back to the same double", "[pytorch]") {
    const double x = GENERATE(0.1, -0.5, 2.0, 1e-300, 6.02214076e23, 1.0 / 3.0, 5e-324, -0.0);
    const std::string text = pythonNumber(x);
    INFO(text);
    CHECK(text.find_first_of(".e") != std::string::npos);  // a float literal, not an int
    CHECK(std::strtod(text.c_str(), nullptr) == x);
    CHECK(pythonNumber(std::numeric_limits<double>::quiet_NaN()) == "float('nan')");
    CHECK(pythonNumber(-std::numeric_limits<double>::infinity()) == "-float('inf')");
}

TEST_CASE("every operation has a PyTorch spelling and a grad_fn", "[pytorch]") {
    for (int k = 0; k < opCount; ++k) {
        const Op op = static_cast<Op>(k);
        if (op == Op::Input || op == Op::Const) continue;
        INFO(info(op).name);
        CHECK(expression(op).find("{a}") != std::string_view::npos);
        CHECK((info(op).arity == 2) == (expression(op).find("{b}") != std::string_view::npos));
        CHECK(gradFnName(op).ends_with("Backward0") | gradFnName(op).ends_with("Backward1"));
    }
    CHECK(gradFnName(Op::Pow, true) == "PowBackward0");   // z ** 2.0
    CHECK(gradFnName(Op::Pow, false) == "PowBackward1");  // x ** y
    CHECK_FALSE(numberOperandAllowed(Op::Sub, 0));        // 2.0 - x would be RsubBackward1
    CHECK(numberOperandAllowed(Op::Sub, 1));
}

TEST_CASE("the theory's MLP is written statement by statement", "[pytorch]") {
    const char* source = "x: [2]\nW1: [3, 2]; b1: [3]\nW2: [1, 3]; b2: [1]\ny: [1]\n"
                         "z1 = W1 @ x + b1\nh = sigmoid(z1)\nz2 = W2 @ h + b2\nL = sum((z2 - y)^2)\n";
    ParseResult r = parse(source);
    REQUIRE(r.ok());
    const Graph& g = r.graph;
    std::vector<double> x(static_cast<std::size_t>(g.inputCount()));
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.125 * static_cast<double>(i + 1);
    const std::string s = script(g, source, x, nullptr);
    // Inputs in program order, row-major, with their values; then each statement once.
    CHECK_THAT(s, Catch::Contains("x = leaf([0.125, 0.25])\nW1 = leaf([[0.375, 0.5], [0.625, 0.75], [0.875, 1.0]])\n"));
    CHECK_THAT(s, Catch::Contains("z1 = (W1 @ x) + b1\nh = torch.sigmoid(z1)\nz2 = (W2 @ h) + b2\n"
                                  "L = torch.sum((z2 - y) ** 2.0)\n"));
    CHECK_THAT(s, Catch::Contains("outputs = {\"L\": L}\nscalar_outputs = [(\"L\", L)]\n"));
    CHECK_THAT(s, Catch::Contains("#   z1 = W1 @ x + b1\n"));  // the program, as comments
}

TEST_CASE("scalar programs: names kept, Python's words avoided, constants as PyTorch records them", "[pytorch]") {
    const char* source = "lambda = 2/x - y^2; out = lambda * 3";
    ParseResult r = parse(source);
    REQUIRE(r.ok());
    const std::vector<double> seed{1.0};
    const std::string s = script(r.graph, source, std::vector<double>{0.5, -1.0}, &seed);
    CHECK_THAT(s, Catch::Contains("x = leaf(0.5)\ny = leaf(-1.0)\n"));
    CHECK_THAT(s, Catch::Contains("lambda_ = (torch.tensor(2.0) / x) - (y ** 2.0)\n"));
    CHECK_THAT(s, Catch::Contains("out = lambda_ * 3.0\n"));
    CHECK_THAT(s, Catch::Contains("seed = {\"out\": 1.0}\n"));
}

}  // namespace adviz::pytorch
