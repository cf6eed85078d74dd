#pragma once
// The trace at the level of vectors and matrices: one step per shaped operation (forward), and
// per shaped operation and operand (reverse), with whole matrices and the rule as the theory
// writes it (Ā += Z̄ Bᵀ). Nothing here differentiates: the numbers are the scalar sweeps'
// (sweep.hpp) grouped by the shaped graph's element ids: a value or tangent is its elements'; a
// reverse step's contribution is the sum of the scalar edge contributions ū += v̄·∂v/∂u from the
// operation's own scalar nodes into the operand's elements (so broadcasting sums over the
// broadcast axis by itself); index, transpose and literals, which only regroup elements, pass
// the adjoint back to the positions they took it from.
//
// Limitation: when two shaped operations share scalar nodes (the same subexpression written
// twice is one node), the later one's contribution through a shared node is counted where the
// node was first made; a scalar node an operation holds at two places (a literal [v[0], v[0]])
// receives that operation's edges once, at its first place, so the places add up to the scalar
// sweep's adjoint.

#include <span>
#include <string>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/shaped/shaped_graph.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::shaped {

struct ShapedStep {
    Phase phase = Phase::Primal;  ///< Primal, Tangent (forward mode), Seed, Adjoint
    int node = -1;       ///< the shaped node whose numbers change (Adjoint: the operand)
    int consumer = -1;   ///< Adjoint: the operation the adjoint comes from
    int slot = -1;       ///< Adjoint: which operand of consumer node is
    int output = -1;     ///< Seed: index into ShapedGraph::outputs
    Shape shape;         ///< node's shape; every vector below is row-major of this shape
    std::vector<double> value;         ///< Primal, Tangent: the node's value
    std::vector<double> tangent;       ///< Tangent: its tangent
    std::vector<double> before, after; ///< Seed, Adjoint: the node's adjoint before and after
    std::vector<double> contribution;  ///< Seed: ȳ; Adjoint: what this step adds
    /// Forward-over-reverse only: the tangents along the direction of value, before, after and
    /// contribution (the adjoint's tangent after the last step is H·v).
    std::vector<double> valueTangent, beforeTangent, afterTangent, contributionTangent;
    std::string rule;    ///< for humans, with the user's names: "W̄1 += z̄1 xᵀ", "ḣ = σ′(z1) ⊙ ż1"
};

struct ShapedTrace {
    Mode mode = Mode::Forward;
    std::vector<ShapedStep> steps;
    std::vector<double> outputs;  ///< per scalar output
    std::vector<double> result;   ///< forward: J·ẋ per scalar output; reverse: ȳᵀJ per input;
                                  ///< forward-over-reverse: H·v per input
};

/// How a shaped node is called in rules: its name, else "u₇" (7: its shaped id).
std::string label(const ShapedGraph& sg, int id);

/// Forward mode at x along xdot (one per scalar input): a Tangent step per shaped node.
ShapedTrace traceShapedForward(const Graph& g, std::span<const double> x,
                               std::span<const double> xdot);

/// Reverse mode at x with seed ybar (one per scalar output): a Primal step per shaped node,
/// a Seed step per shaped output, an Adjoint step per operation and operand, last to first.
ShapedTrace traceShapedReverse(const Graph& g, std::span<const double> x,
                               std::span<const double> ybar);

/// Forward-over-reverse (H·v along xdot) at x with seed ybar: the reverse trace's steps, each
/// number with its tangent along xdot; the inputs' adjoint tangents are H·v (ȳᵀ∇²f·ẋ).
ShapedTrace traceShapedHvp(const Graph& g, std::span<const double> x, std::span<const double> xdot,
                           std::span<const double> ybar);

}  // namespace adviz::shaped
