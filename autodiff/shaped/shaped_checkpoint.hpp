#pragma once
// Checkpointing one matrix operation at a time: the program's shaped operations are the steps of
// the chain, as PyTorch's checkpoint_sequential treats layers. A schedule (revolve.hpp: store-all,
// every:K, sqrt, binomial:S) keeps some operations' matrices in snapshots and recomputes the others
// before their adjoint rules need them; the schedule and its bookkeeping are checkpoint.hpp's,
// applied to shaped nodes instead of scalar ones.
//
// Why a shaped level of its own: the scalar checkpointed trace of a 784-128-10 MLP records some
// 3·10⁵ steps (too many for the window), while its shaped chain has a handful of operations; and a
// teacher checkpoints layers, not the multiplications inside them.
//
// Nothing here computes a number: every value, seed and adjoint step is the plain shaped reverse
// trace's (shaped_trace.hpp), in the same order, so the gradient is its gradient. A recomputed
// operation repeats its primal step (phase Recompute); Checkpoint and Free steps say when a matrix
// enters a snapshot and when it leaves memory.
//
// The steps are the operations: every shaped node but inputs and scalars. Inputs are held from
// the start until their last use, as in the scalar sweep; scalars used with shapes (a constant, a
// scalar input, a result of the scalar part of the program) are one number each and not counted.

#include <span>
#include <vector>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/graph.hpp"
#include "autodiff/shaped/shaped_trace.hpp"

namespace adviz::shaped {

/// Reverse mode at x with seed ybar, checkpointed over the shaped operations with strategy s.
/// Its Primal, Seed and Adjoint steps are traceShapedReverse's; the others are Recompute (a primal
/// step again), Checkpoint (value: the matrix kept) and Free.
ShapedTrace traceShapedCheckpointed(const Graph& g, std::span<const double> x,
                                    std::span<const double> ybar, const Strategy& s);

/// Where each shaped node's matrix is after the first `steps` steps of t: Unknown (not yet
/// computed, or never counted), Stored, Checkpoint (held by a snapshot) or Freed.
std::vector<Memory> shapedMemoryAt(const ShapedTrace& t, int shapedNodes, std::size_t steps);

/// True when t says where matrices are held (it has Checkpoint or Free steps).
bool hasMemorySteps(const ShapedTrace& t);

}  // namespace adviz::shaped
