#pragma once
// Chart 3, expression swell: node counts of the AD graph, the function written as a tree, its
// symbolic derivative as a tree and that derivative after common-subexpression elimination,
// along a family where the derivative explodes (the engine's swellFamily), with the current
// program marked; plus the program's symbolic derivative as text. All sizes are the engine's.

#include <QString>

#include <optional>
#include <span>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/theory/symbolic.hpp"

class QChart;

namespace adviz::ui {

/// What chart 3 and the text under it show.
struct SwellData {
    SwellFamily family = SwellFamily::Nested;
    std::vector<SwellRow> rows;      ///< swellFamily(family, kSwellFamilySize)
    std::optional<SwellRow> program; ///< the current program, if it has inputs and outputs
    QString derivativeText;  ///< "∂f/∂x = …  [n nodes]" per input, each cut after ~2000 chars
    QString summary;         ///< "N nodes as a tree; M after CSE; the AD graph has K nodes"
};

/// The family sizes drawn: n = 1 … kSwellFamilySize.
inline constexpr int kSwellFamilySize = 20;

/// Swell of output `output` of g at x (branches of relu, abs, … taken there) and of the
/// family; familyRows is reused when given (it does not depend on the program). Thread-safe:
/// reads only its arguments.
SwellData computeSwell(const Graph& g, std::span<const double> x, int output,
                       SwellFamily family, std::vector<SwellRow> familyRows = {});

/// The chart (log y, x = n). Series by objectName: "adNodes", "functionTree",
/// "derivativeTree", "afterCse" (one point per family row whose size could be counted: sizes
/// of tooLargeToCount are skipped) and "program" (the program's countable sizes, at n = its
/// number of inputs). The caller owns the chart.
QChart* buildSwellChart(const SwellData& data);

}  // namespace adviz::ui
