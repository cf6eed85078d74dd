#pragma once
// Chart 2, what a full gradient costs: passes (or elementary operations) for ∇f by forward
// and central differences, forward mode and reverse mode, against the number of parameters p,
// for an MLP of growing width (the engine's costFamily) with the current program marked. Every
// count is measured by the engine (costOf); this file only draws.

#include <QString>

#include <optional>
#include <span>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/theory/gradient_cost.hpp"

class QChart;

namespace adviz::ui {

/// What chart 2 draws.
struct CostData {
    std::vector<CostRow> family;     ///< costFamily: p = 4w + 1 for w = 1 … maxWidth
    std::optional<CostRow> program;  ///< the current program, if it has inputs and outputs
};

/// Which count the y axis shows.
enum class CostMeasure {
    Passes,      ///< evaluations for finite differences, sweeps for AD
    Operations,  ///< elementary operations (OpCounter's units)
};

/// The MLP widths the family runs through (p up to 4·kCostFamilyWidth + 1).
inline constexpr int kCostFamilyWidth = 24;

/// Costs for output `output` of g at x; family is reused when given (it does not depend on
/// the program), computed otherwise. Thread-safe: reads only its arguments.
CostData computeCost(const Graph& g, std::span<const double> x, int output,
                     std::vector<CostRow> family = {});

/// The chart (log y, x = p). Series by objectName: "fdForward", "fdCentral", "forwardMode",
/// "reverseMode" (one point per family row with a positive count) and "program" (one marker
/// per method with a positive count). The caller owns the chart.
QChart* buildCostChart(const CostData& data, CostMeasure measure);

}  // namespace adviz::ui
