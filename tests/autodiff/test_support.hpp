#pragma once
// Helpers shared by the engine tests: parsing that must succeed, finite differences as an
// independent reference, and a generator of random well-defined programs.

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "autodiff/language/parser.hpp"
#include "autodiff/sweeps/derivatives.hpp"

namespace adviz::test {

/// Parses src and fails the test (with the diagnostic) if it does not parse.
inline Graph parseOk(const std::string& src) {
    ParseResult r = parse(src);
    INFO(src);
    if (!r.ok()) FAIL(formatDiagnostic(src, *r.error));
    return std::move(r.graph);
}

/// Central difference (f(x+h) − f(x−h)) / 2h with h scaled to x.
inline double centralDifference(const std::function<double(double)>& f, double x) {
    double h = 1e-6 * std::max(1.0, std::fabs(x));
    return (f(x + h) - f(x - h)) / (2 * h);
}

/// Value of output k of g at x.
inline double valueAt(const Graph& g, std::vector<double> x, int k = 0) {
    return evaluateAt(g, x).outputs[static_cast<std::size_t>(k)];
}

/// A random program over inputs x0..x{n-1} with `statements` bound names and `outputs` bare
/// expression outputs. Every operation is wrapped to stay inside its domain, so the program is
/// smooth and finite near the origin.
inline std::string randomProgram(std::mt19937& rng, int inputs, int statements, int outputs) {
    std::vector<std::string> names;
    for (int i = 0; i < inputs; ++i) names.push_back("x" + std::to_string(i));
    auto pick = [&]() {
        std::uniform_int_distribution<std::size_t> d(0, names.size() - 1);
        return names[d(rng)];
    };
    auto expr = [&]() -> std::string {
        std::string a = pick(), b = pick();
        std::uniform_int_distribution<int> d(0, 19);
        switch (d(rng)) {
            case 0: return a + " + " + b;
            case 1: return a + " - " + b;
            case 2: return a + " * " + b;
            case 3: return a + " / (2 + sin(" + b + "))";
            case 4: return "(1 + " + a + "^2) ^ sin(" + b + ")";
            case 5: return "-" + a;
            case 6: return "sin(" + a + ")";
            case 7: return "cos(" + a + ") * " + b;
            case 8: return "tan(" + a + " / 4)";
            case 9: return "asin(tanh(" + a + ") / 2)";
            case 10: return "acos(sigmoid(" + a + ") - 0.5)";
            case 11: return "atan(" + a + ") + " + b;
            case 12: return "exp(sin(" + a + "))";
            case 13: return "log(1 + " + a + "*" + a + ")";
            case 14: return "sqrt(2 + cos(" + a + "))";
            case 15: return "tanh(" + a + " * " + b + ")";
            case 16: return "sinh(sin(" + a + ")) + cosh(cos(" + b + "))";
            case 17: return "log1p(sigmoid(" + a + "))";
            case 18: return "min(" + a + ", " + b + " + 0.25)";
            default: return "max(" + a + ", sin(" + b + "))";
        }
    };
    std::string src;
    for (int s = 0; s < statements; ++s) {
        std::string name = "t" + std::to_string(s);
        src += name + " = " + expr() + "\n";
        names.push_back(name);
    }
    for (int k = 0; k < outputs; ++k) src += expr() + "\n";
    return src;
}

}  // namespace adviz::test
