#pragma once
// What one animation frame shows, as a pure function of (trace, step, progress): every node's
// known numbers, which node and edges are active, where the travelling token is, and the
// caption. The scene only paints this; stepping back to any (step, progress) is exact.

#include <QString>

#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::ui {

/// What travels along an edge during a step.
enum class Flow { None, Value, Tangent, Adjoint, Recompute };

struct EdgeFrame {
    Flow flow = Flow::None;  ///< None: the edge is not part of the current step
    double token = -1;       ///< position of the travelling token along the edge, 0…1; <0: none
    bool backwards = false;  ///< the token runs from consumer to operand (reverse mode)
    QString tokenText;       ///< the number the token carries
};

struct Frame {
    std::vector<NodeState> state;   ///< per node: numbers known at this frame
    std::vector<EdgeFrame> edges;   ///< per edge, in edge order (see edgeIndex)
    int activeNode = -1;            ///< the node of the step shown
    double glow = 0;                ///< 0…1: how lit the active node is
    QString caption;                ///< the step's formula
    QString captionLead;            ///< forward steps: how the value was computed (a line above)
    int shownStep = -1;             ///< index of the step the caption describes, -1 none
};

/// Edges in a fixed order: for each node id ascending, for each operand slot. Returns for each
/// node the index of its first incoming edge (slot s is at first + s).
std::vector<int> firstEdgeIndex(const Graph& g);

/// The frame at the state after `step` steps with the next step `progress` (0…1) under way.
Frame computeFrame(const Graph& g, const Trace& trace, int step, double progress);

/// Only the caption of the frame at (step, progress): captionLead, caption and shownStep set as
/// computeFrame sets them, nothing else touched. For drawings that do not show the step's node
/// (an overview of blocks, a block drawn without it).
void setCaptionAt(const Graph& g, const Trace& trace, int step, double progress, Frame& f);

}  // namespace adviz::ui
