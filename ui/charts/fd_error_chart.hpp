#pragma once
// Chart 1, finite differences against AD: |FD − AD| over the step ε on log-log axes for the
// forward and the central difference, AD's own error as a reference, and the best ε (rules of
// thumb as vertical lines, the measured minima as markers). The data is the engine's
// fdErrorSweep and bestEpsilon; this file only draws.

#include <QString>

#include <span>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/theory/finite_difference.hpp"

class QChart;

namespace adviz::ui {

/// What chart 1 draws.
struct FdErrorData {
    std::vector<FdErrorRow> rows;  ///< fdErrorSweep, ε from 1e-16 to 1
    FdBest best;                   ///< bestEpsilon of those rows
    QString subtitle;              ///< output, point and direction, for the title
    QString message;               ///< why nothing can be drawn; empty when rows hold data
};

/// Steps per decade of ε in the sweep (65 steps from 1e-16 to 1).
inline constexpr int kFdPointsPerDecade = 4;

/// Sweeps output `output` of g at x along dir (kFdPointsPerDecade steps per decade).
/// Thread-safe: reads only its arguments.
FdErrorData computeFdError(const Graph& g, std::span<const double> x,
                           std::span<const double> dir, int output);

/// The chart. Series by objectName: "forward", "central", "ad" (one point per row with a
/// finite error; errors below kLogFloor are drawn at it), "ruleForward", "ruleCentral"
/// (vertical lines, 2 points each), "bestForward", "bestCentral" (1 marker each). Hovering a
/// series shows ε and the error. The caller owns the chart.
QChart* buildFdErrorChart(const FdErrorData& data);

}  // namespace adviz::ui
