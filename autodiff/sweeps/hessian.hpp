#pragma once
// Second order by forward-over-reverse: the reverse sweep of sweep.hpp run on dual numbers
// x + v·ε. The backward sweep then computes ∇f(x + v·ε) = ∇f(x) + (H·v)·ε to first order in ε,
// so every input's adjoint carries the gradient in its value part and H·v in its tangent part:
// one sweep, a small constant times the cost of a gradient. The full Hessian is n such products
// with v = eᵢ, one column each.
//
// With several outputs the scalar differentiated is ȳᵀf (the seed weights the outputs); the
// int overloads take ȳ = e_output.

#include <span>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/op_count.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz {

/// A Hessian-vector product with the gradient that came with it and what both cost.
struct HvpResult {
    std::vector<double> gradient;   ///< ∇(ȳᵀf) per input (the value parts of the adjoints)
    std::vector<double> hvp;        ///< H·v per input (the tangent parts)
    std::vector<double> outputs;    ///< output values
    std::vector<Warning> warnings;  ///< domain problems at the point
    SweepCost cost;                 ///< the forward-over-reverse sweep
    SweepCost gradientCost;         ///< one plain reverse sweep (the gradient), for comparison
};

/// H·v of output `output` at x, by one reverse sweep on Dual<double> (input tangents v).
HvpResult hvp(const Graph& g, std::span<const double> x, std::span<const double> v,
              int output = 0);
/// H·v of ȳᵀf: the seed ybar (one per output) weights the outputs.
HvpResult hvp(const Graph& g, std::span<const double> x, std::span<const double> v,
              std::span<const double> ybar);

/// The Hessian of output `output` at x, n × n, H[i][j] = ∂²f/∂xᵢ∂xⱼ: n products H·eⱼ (column j)
/// on the fast path. Symmetric up to rounding.
std::vector<std::vector<double>> hessian(const Graph& g, std::span<const double> x,
                                         int output = 0);

/// A Hessian with the gradient, values, warnings and its measured cost (n counted products).
struct HessianResult {
    std::vector<std::vector<double>> matrix;  ///< n × n
    std::vector<double> gradient;             ///< ∇(ȳᵀf)
    std::vector<double> outputs;
    std::vector<Warning> warnings;
    SweepCost cost;                           ///< n forward-over-reverse sweeps
};

/// The Hessian of ȳᵀf with its cost (what `adviz hessian` prints).
HessianResult hessianWithCost(const Graph& g, std::span<const double> x,
                              std::span<const double> ybar);

/// A recorded forward-over-reverse sweep for the GUI (hvp_trace.cpp): the primal steps carry
/// value and tangent, the seed and adjoint steps the adjoint and its tangent, so a viewer sees
/// H·v being built during the one backward sweep. mode = ForwardOverReverse; every step has
/// dual = true; result is H·v per input.
Trace traceHvp(const Graph& g, std::span<const double> x, std::span<const double> v,
               int output = 0);
/// The same for ȳᵀf.
Trace traceHvp(const Graph& g, std::span<const double> x, std::span<const double> v,
               std::span<const double> ybar, StepSink sink = {});

}  // namespace adviz
