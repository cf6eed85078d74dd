#pragma once
// Which inputs of a new program are the old program's inputs under the same name: what the
// window keeps when the program is retyped. For programs with vectors and matrices the match is
// per tensor (name and rank; W1[i,j] is W1[i,j] where both shapes have row i and column j),
// without a string per element: a 784-128-10 MLP has 101,770 element names.

#include <vector>

#include "autodiff/graph.hpp"

namespace adviz::shaped {

/// For each input of next (in order): the index of previous's input with the same name, or -1.
std::vector<int> sameNamedInputs(const Graph& previous, const Graph& next);

}  // namespace adviz::shaped
