#pragma once
// What the command line, the UI and the tests ask of the engine, in plain doubles: values,
// gradients, JVPs and VJPs of a program at a point, with the domain warnings that came up.

#include <span>
#include <string>
#include <vector>

#include "autodiff/graph.hpp"

namespace adviz {

/// A domain problem met while evaluating (log of a negative, division by zero, overflow),
/// attached to the node where it happened.
struct Warning {
    int node = -1;
    std::string message;
};

/// The warnings for node values computed at some point: nodes whose value is not finite
/// although their operands are.
std::vector<Warning> domainWarnings(const Graph& g, std::span<const double> value);

/// Values of the outputs, in output order, picked from per-node values.
std::vector<double> outputValues(const Graph& g, std::span<const double> value);

struct EvalResult {
    std::vector<double> value;      ///< per node
    std::vector<double> outputs;    ///< per output
    std::vector<Warning> warnings;
};

struct JvpResult {
    std::vector<double> outputs;    ///< values per output
    std::vector<double> tangent;    ///< J·ẋ per output
    std::vector<Warning> warnings;
};

struct VjpResult {
    std::vector<double> outputs;    ///< values per output
    std::vector<double> cotangent;  ///< ȳᵀJ per input
    std::vector<Warning> warnings;
};

EvalResult evaluateAt(const Graph& g, std::span<const double> x);
/// Forward mode, one sweep.
JvpResult jvp(const Graph& g, std::span<const double> x, std::span<const double> xdot);
/// Reverse mode, one sweep.
VjpResult vjp(const Graph& g, std::span<const double> x, std::span<const double> ybar);
/// ∇ of output j with respect to every input (one reverse sweep seeded with eⱼ).
std::vector<double> gradient(const Graph& g, std::span<const double> x, int output);

}  // namespace adviz
