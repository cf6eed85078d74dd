#pragma once
// Finding the chain in a program: x → s₁ → s₂ → … → L, where each named statement s_k depends
// on the input x only through the statement before it (other inputs held fixed), and computing
// each local Jacobian J_k = ∂s_k/∂s_{k−1} at a point with the scalar engine: forward tangents
// seeded on s_{k−1}'s elements and carried, by the op table's partials, as far as s_k.
// Vectors and matrices are flattened row-major (W1[1,0] is entry 1·2 + 0 of W1 [3, 2]).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/chain/chain_product.hpp"
#include "autodiff/graph.hpp"

namespace adviz::chain {

/// One value along the chain: the input, a named statement or the output.
struct Stage {
    std::string name;                  ///< "x", "z1", "L"
    std::vector<int> dims;             ///< its shape as written: {3, 2}, {3}, {} for a scalar
    std::vector<std::int32_t> elements;  ///< scalar node ids, row-major
    Span span;                         ///< where it is defined (the input: its first use)
    std::size_t size() const { return elements.size(); }
};

/// The chain of a program at a point: stages[0] is the input, factors[k] = ∂stages[k+1]/∂stages[k].
struct Chain {
    std::vector<Stage> stages;
    std::vector<Factor> factors;
};

/// Why a program is not a chain, and where.
struct ChainError {
    std::string message;  ///< "the chain breaks at 'b': it uses x other than through 'a'"
    Span span;            ///< the statement that breaks it (length 0 if none)
};

struct ChainResult {
    std::optional<Chain> chain;
    std::optional<ChainError> error;
};

/// The chain from input `wrt` (a declared vector/matrix input or a scalar input; empty: the
/// first input) to the program's output, with every local Jacobian evaluated at x (one value
/// per scalar input).
ChainResult extractChain(const Graph& g, std::span<const double> x, std::string_view wrt = {});

}  // namespace adviz::chain
