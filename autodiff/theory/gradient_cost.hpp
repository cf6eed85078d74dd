#pragma once
// What a full gradient ∇f costs by each method, measured by running the engine's own sweeps
// with a counting recorder (OpCounter, op_count.hpp), not taken from formulas: finite
// differences (p + 1 or 2p evaluations), forward mode (p sweeps, one per input direction) and
// reverse mode (one sweep), for p parameters.
//
// Units (those of OpCounter): an evaluation of the program costs one operation per operation
// node; a forward or a reverse sweep costs that plus one chain-rule product per edge from a
// non-constant operand. So one forward sweep costs as much as one reverse sweep, and the
// difference between the modes is the number of sweeps.

#include <span>
#include <string>
#include <vector>

#include "autodiff/graph.hpp"

namespace adviz {

/// The cost of ∇f by each method for one program.
struct CostRow {
    std::string label;            ///< "program", or the family ("mlp")
    int width = 0;                ///< the family's hidden width (0 for a program)
    int parameters = 0;           ///< p: the inputs the gradient is taken with respect to
    long long fdForwardPasses = 0;   ///< evaluations for forward differences: p + 1
    long long fdCentralPasses = 0;   ///< evaluations for central differences: 2p
    long long forwardSweeps = 0;     ///< forward-mode sweeps: p
    long long reverseSweeps = 0;     ///< reverse-mode sweeps: 1
    long long fdOperations = 0;         ///< elementary operations of the forward differences
    long long fdCentralOperations = 0;  ///< … of the central differences
    long long forwardOperations = 0;    ///< … of the p forward sweeps
    long long reverseOperations = 0;    ///< … of the reverse sweep (its forward pass included)
};

/// Runs every method on output `output` of g at x (all inputs are parameters) and counts.
CostRow costOf(const Graph& g, std::span<const double> x, int output = 0);

/// A 2-w-1 multilayer perceptron with sigmoid hidden units and squared loss on one fixed
/// sample, written as scalar statements; its inputs are exactly its 4w + 1 parameters
/// (w1_i_j, b1_i, w2_i, b2 in order of appearance), the data are numbers in the text.
std::string mlpProgram(int width);

/// costOf for mlpProgram(w), w = 1 … maxWidth: p = 4w + 1 grows, reverse stays one sweep.
std::vector<CostRow> costFamily(int maxWidth);

}  // namespace adviz
