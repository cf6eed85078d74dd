#pragma once
// Forward mode written as the theory writes it: every value is a dual number a + bε with ε² = 0,
// and a node's step is its operation applied to dual operands,
//   v₃ = (3 + 1ε)·(0.8415 + 0.5403ε) = 2.524 + (0.8415·1 + 3·0.5403)ε = 2.524 + 2.462ε
//   v₂ = sin(1 + 1ε) = sin 1 + cos 1·1ε = 0.8415 + 0.5403ε
// Built only from a recorded forward trace (its values, tangents and local partials) and the
// op table's patterns (op.hpp), so the command line and the window print the same text and no
// derivative is written down a second time.

#include <span>
#include <string>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz {

/// "3 + 1ε", "0.5 − 2ε" (a negative tangent is subtracted), "nan + 1ε".
std::string dualNumber(double value, double tangent);

/// The dual arithmetic of forward step s (phase Tangent) of a trace over g. known holds the
/// operands' values and tangents (any state in which they are computed: the state before or
/// after s); partials are the trace's local partials (Trace::partials). Empty for a step of
/// another phase.
std::string dualFormula(const Graph& g, const Step& s, std::span<const NodeState> known,
                        std::span<const std::array<double, 2>> partials);

/// The same for step k of a forward trace (replays the state before it).
std::string dualFormula(const Graph& g, const Trace& t, std::size_t k);

}  // namespace adviz
