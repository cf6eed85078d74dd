#pragma once
// f along one input with the others held fixed: values, derivatives (forward mode, one sweep per
// sample) and the tangent line at the current point, for the "function along one input" chart.

#include <span>
#include <vector>

#include "autodiff/graph.hpp"

namespace adviz {

struct SlicePoint {
    double t = 0;       ///< the input's value
    double value = 0;   ///< f at that value
    double slope = 0;   ///< ∂f/∂input there (forward mode)
};

struct FunctionSlice {
    std::vector<SlicePoint> points;
    double at = 0;         ///< the current value of the input
    double valueAt = 0;    ///< f there
    double slopeAt = 0;    ///< ∂f/∂input there: the tangent line is valueAt + slopeAt·(t − at)
};

/// Samples output `output` of g along input `input` over [from, to] (samples ≥ 2), all other
/// inputs as in x. Non-finite samples are kept (NaN) so a chart can leave gaps.
FunctionSlice sliceAlong(const Graph& g, std::span<const double> x, int input, int output,
                         double from, double to, int samples);

}  // namespace adviz
