#pragma once
// The graph written in Graphviz's DOT language: a textual description of its structure (labels,
// kinds, edges) for `adviz dot` and File ▸ Export DOT. Not a drawing: no positions.

#include <string>

#include "autodiff/graph.hpp"

namespace adviz {

/// DOT text for g; rankdir LR or TB.
std::string toDot(const Graph& g, bool topToBottom = false);

}  // namespace adviz
