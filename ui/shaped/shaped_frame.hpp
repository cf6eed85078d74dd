#pragma once
// What one frame of the shaped view shows, as a pure function of (shaped trace, step,
// progress), like frame.hpp for the scalar graph: every shaped node's matrices known so far,
// the edges of the step with the matrix travelling along them, and the caption. Nothing here
// differentiates: the numbers are the engine's shaped trace's.

#include <QString>

#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "ui/scene/frame.hpp"

namespace adviz::ui {

/// A shaped node's numbers at a frame (row-major; empty: not known yet).
struct MatrixState {
    std::vector<double> value, tangent, adjoint;
    std::vector<double> adjointTangent;  ///< forward-over-reverse: v̄'s tangent (H·v on inputs)
};

/// An edge of the shaped drawing: operand → consumer (shaped ids) for operand slot.
struct ShapedEdge {
    int from = 0;
    int to = 0;
    int slot = 0;
};

/// What the shaped view draws: every shaped node but constants (a constant is written into its
/// consumer's label, "^ 2") and the rows of a matrix written in numbers (its box shows them),
/// and one edge per operand slot between drawn nodes.
struct ShapedDrawing {
    std::vector<bool> drawn;        ///< per shaped node
    std::vector<ShapedEdge> edges;  ///< in consumer order, then slot
    /// Per shaped node, per operand slot: the edge's index, or -1 (a constant operand).
    std::vector<std::vector<int>> edgeOf;
};
ShapedDrawing drawingOf(const Graph& g);

/// Whether shaped node id is a matrix or vector written out in numbers ([[0.8, −0.5], …]): a
/// constant, with no adjoint of its own.
bool isConstantLiteral(const Graph& g, int id);

struct ShapedFrame {
    std::vector<MatrixState> nodes;  ///< per shaped node
    std::vector<EdgeFrame> edges;    ///< per ShapedDrawing edge
    int activeNode = -1;             ///< the step's node, or the drawn matrix showing it (a row)
    double glow = 0;
    QString caption;
    QString captionLead;             ///< the rule above the numbers
    int shownStep = -1;
};

/// The frame after `step` shaped steps with the next `progress` (0…1) under way. source: the
/// program's text (for the expressions the caption quotes).
ShapedFrame computeShapedFrame(const Graph& g, const ShapedDrawing& drawing, const shaped::ShapedTrace& trace,
                               int step, double progress);

/// Every shaped node's numbers after the first k steps.
std::vector<MatrixState> shapedStateAt(const Graph& g, const shaped::ShapedTrace& trace, int k);

}  // namespace adviz::ui
