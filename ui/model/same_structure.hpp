#pragma once
// Whether two graphs have the same structure (session_model.cpp): the same nodes, operands,
// constants and names, so the drawing can stay; with constants = false only the constants'
// values may differ (the same steps in the same order).

#include "autodiff/graph.hpp"

namespace adviz::ui {

bool sameStructure(const Graph& a, const Graph& b, bool constants = true);

}  // namespace adviz::ui
