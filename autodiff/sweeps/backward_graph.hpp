#pragma once
// The backward pass as a graph: the reverse sweep written out as new nodes of the program's own
// graph, each adjoint an explicit node computed from local partials — what a framework builds
// when asked to keep the graph of the gradient (create_graph=True). The local partials come from
// the one op table: its partials<T> template is instantiated on a scalar that emits nodes
// instead of computing numbers, so there is no second, hand-written derivative table.
//
// Data-dependent choices in the table (relu's and |·|'s kink, min/max, pow's conventions at 0)
// are resolved with the numbers at the point the graph is built for, as a traced framework
// does: the extended graph is the gradient's graph valid around that point.
//
// Differentiating the extended graph again gives second derivatives: forward along v it gives
// H·v (the same as forward-over-reverse, hessian.hpp), in reverse a row of the Hessian per seed.

#include <span>
#include <vector>

#include "autodiff/graph.hpp"

namespace adviz {

/// A program's graph extended with the graph of its gradient.
struct BackwardGraph {
    /// The original nodes first, with the same ids (and Wengert numbers), then the adjoint
    /// nodes. Outputs: one per input, "d_x" = ∂f/∂x, in input order (the original outputs are
    /// not outputs here). Its inputs are the original inputs.
    Graph graph;
    /// For each original node id: the node holding its adjoint v̄ in graph, or -1 when it has
    /// none (constants, and nodes the seeded output does not depend on). Inputs always have one
    /// (a constant 0 when f does not depend on them). Several nodes may share an adjoint node.
    std::vector<int> adjointOf;
    /// Number of original nodes: ids below it are the program's, ids from it on the gradient's.
    int originalSize = 0;
};

/// Builds the reverse sweep of output `output` of g at the point x as nodes: the seed v̄ = 1 on
/// the output, then, visiting the nodes in reverse order, for each edge u → v the contribution
/// v̄·∂v/∂u (the partial written as nodes) added into ū. Multiplications by 1, additions of 0
/// and constant-only arithmetic are simplified away, and contributions through an exactly zero
/// partial (relu below its kink) are left out. A loop over the Wengert list: no recursion.
BackwardGraph buildBackwardGraph(const Graph& g, std::span<const double> x, int output = 0);

}  // namespace adviz
