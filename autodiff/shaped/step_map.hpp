#pragma once
// Where the shaped trace and the scalar trace of one sweep meet: the window steps through either
// and, when the user expands a matrix operation into its scalar nodes (or collapses it back),
// keeps the place. Shaped step s stands for the scalar steps that made its numbers: those of the
// scalar nodes its operation created (forward, primal) or the adjoint steps leaving them
// (reverse). Both traces visit operations in the same order, so the map is monotone.

#include <cstddef>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::shaped {

/// Per scalar node of g, the shaped node whose operation made it (inputs and scalars: their
/// own shaped node), or -1 (constants, nodes of the scalar part of the program).
std::vector<int> operationOfNode(const Graph& g);

/// For each count s of shaped steps done (0 … shaped.steps.size()), the count of scalar steps
/// that have done the same work: ends[0] = 0, ends.back() = scalar.size(), nondecreasing.
std::vector<std::size_t> scalarStepEnds(const Graph& g, const Trace& scalar, const ShapedTrace& shaped);

/// The shaped step count shown at scalar step count k: the most shaped steps whose work is done
/// by then (the largest s with ends[s] ≤ k).
std::size_t shapedStepAt(const std::vector<std::size_t>& ends, std::size_t k);

/// What the shaped steps done so far (the first `steps` of t) say about scalar node id, an
/// element of some shaped node: its value (primal, recomputed or tangent steps), tangent and
/// adjoint. For programs too large to record a scalar trace (the window reads an output's
/// number here). Nothing is known of a node that is no shaped node's element.
NodeState elementStateAt(const Graph& g, const ShapedTrace& t, int id, std::size_t steps);

}  // namespace adviz::shaped
