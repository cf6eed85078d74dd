#pragma once
// The frame of a drawing that shows part of the program (a rolled drawing, one block of an
// overview): each drawn box stands for one program node, some program nodes are not drawn. The
// numbers come from the whole program's trace, node by node (TraceIndex); the step shown is
// mapped onto the drawing when its node is drawn, else only its caption is shown. The caption is
// written from the program's own graph, so it reads as it would with everything drawn.

#include <functional>

#include "autodiff/graph.hpp"
#include "autodiff/structure/trace_index.hpp"
#include "autodiff/sweeps/trace.hpp"
#include "ui/scene/frame.hpp"

namespace adviz::ui {

/// How a partial drawing maps onto the program.
struct PartDrawing {
    const Graph& drawn;
    std::function<int(int)> realOf;   ///< drawn node → the program node it shows now
    std::function<int(int)> drawnOf;  ///< program node → its drawn node, or -1
};

/// The frame of drawing d at (step, progress) of trace t over program (indexed by index).
Frame partFrame(const Graph& program, const Trace& t, const TraceIndex& index, const PartDrawing& d,
                int step, double progress);

/// The step whose caption the frame at (step, progress) shows, or -1 before the first.
int shownStepAt(int stepCount, int step, double progress);

}  // namespace adviz::ui
