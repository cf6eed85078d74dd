#pragma once
// What a node's tooltip says: its definition, the numbers known at the frame shown, its local
// partials with their values, the derivative rule of its operation, and any domain warning.
// Written from the engine's texts and the recorded trace; computes nothing.

#include <QString>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::ui {

/// Rich text for node id of g, given the trace and the node's state at the frame shown.
QString nodeTooltip(const Graph& g, const Trace& trace, int id, const NodeState& shown);

}  // namespace adviz::ui
