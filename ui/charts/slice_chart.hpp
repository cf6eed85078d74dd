#pragma once
// Chart 4, the function along one input: f against the chosen input with the others fixed,
// the tangent line at the current point (forward mode's slope) and the derivative curve, over a
// range around the current value. The samples are the engine's sliceAlong.

#include <QString>

#include <span>

#include "autodiff/graph.hpp"
#include "autodiff/theory/function_slice.hpp"

class QChart;

namespace adviz::ui {

/// What chart 4 draws.
struct SliceData {
    FunctionSlice slice;  ///< samples, the current value and the slope there
    QString input;        ///< the input's name
    QString output;       ///< the output's name
    QString message;      ///< why nothing can be drawn; empty when slice holds samples
};

/// Samples per slice: smooth at full-screen width, cheap (one forward sweep each).
inline constexpr int kSliceSamples = 201;

/// Output `output` of g along input `input` over x[input] ± max(2, 2·|x[input]|), the other
/// inputs as in x. Thread-safe: reads only its arguments.
SliceData computeSlice(const Graph& g, std::span<const double> x, int input, int output,
                       int samples = kSliceSamples);

/// The chart. Series by objectName: "value" (f, one point per sample with a finite value),
/// "slope" (∂f/∂input on the right axis, one point per finite slope), "tangent" (2 points)
/// and "current" (1 marker), the last two when f and its slope are finite at the current
/// value. The caller owns the chart.
QChart* buildSliceChart(const SliceData& data);

}  // namespace adviz::ui
