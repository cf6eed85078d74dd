#pragma once
// Which autograd node PyTorch records for each shaped operation of a program, as `adviz
// pytorch` writes it (torch_ops.hpp holds the names): what the window's PyTorch view calls
// the boxes of the shaped graph.

#include <string_view>

#include "autodiff/graph.hpp"

namespace adviz::pytorch {

/// The grad_fn class name of shaped node id of g (g.shaped must be set); "AccumulateGrad" for
/// an input (a leaf tensor); "" for a constant (PyTorch records nothing for it).
std::string_view shapedGradFn(const Graph& g, int id);

}  // namespace adviz::pytorch
