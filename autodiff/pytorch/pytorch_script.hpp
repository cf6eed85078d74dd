#pragma once
// `adviz pytorch`: a standalone Python script that runs a program with PyTorch autograd in
// float64 and prints the values and gradients as `adviz eval --json` does (with a seed, as
// `adviz vjp --json` does), so adviz's numbers can be checked against an independent engine.
// Vectors and matrices are tensors of their shape; the program is written statement by
// statement, each shaped operation as PyTorch spells it (torch_ops.hpp).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/graph.hpp"

namespace adviz::pytorch {

/// The script for program g (source: its text, repeated as comments) at x (one value per scalar
/// input). seed: one weight per scalar output for ȳᵀJ, or null for the gradient of every output.
std::string script(const Graph& g, std::string_view source, std::span<const double> x,
                   const std::vector<double>* seed);

/// A Python float literal that reads back to x: "0.5", "2.0", "1e-300", "float('nan')".
std::string pythonNumber(double x);

}  // namespace adviz::pytorch
