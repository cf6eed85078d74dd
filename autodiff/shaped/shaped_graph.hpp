#pragma once
// The shaped graph: one node per operation on vectors and matrices as the user wrote it, each a
// grouping of nodes of the scalar Wengert list (Graph) that the parser lowered it into. The
// scalar graph does all the mathematics (one engine, one op table); the shaped graph only says
// which scalar nodes make up each shaped value, so traces and views can be told per matrix.
//
// Reach it from a parse: `parse(src).graph.shaped` (null for programs without shapes).
// Every element id below is a node id of that Graph, row-major (W[i, j] is i·n + j).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/op.hpp"
#include "autodiff/shaped/shape.hpp"

namespace adviz::shaped {

/// What a shaped node computes from its operands.
enum class Kind : std::uint8_t {
    Input,        ///< a declared input `x: [2]`: elements are scalar inputs x[0], x[1]
    Scalar,       ///< a scalar of the scalar program (input, constant or result) used with shapes
    Literal,      ///< [1, 2] or [[a, b], [c, d]]; operands: the shaped items it gathers, if any
    Elementwise,  ///< op applied per element (after broadcasting): a + b, sigmoid(z), x ^ 2
    MatMul,       ///< A @ B for [m,k]@[k,n], [m,k]@[k], [k]@[k,n] and [k]@[k]
    Transpose,    ///< T(A): no scalar nodes, a permutation of A's elements
    Sum,          ///< sum(A) → scalar
    SumAxis,      ///< sum(A, axis)
    Mean,         ///< mean(A) = sum(A) / size
    Dot,          ///< dot(a, b) for two vectors of one size
    Softmax,      ///< softmax(v): exp(v − max v) / Σ exp(v − max v), per row of a matrix
    LogSumExp,    ///< logsumexp(v) = max v + log Σ exp(v − max v), per row of a matrix
    Index,        ///< x[i], W[i, j], W[i]: no scalar nodes, a selection of elements
};

/// "input", "matmul", "softmax", … (for JSON and traces).
std::string_view kindName(Kind kind);

struct Node {
    Kind kind = Kind::Input;
    Op op = Op::Const;            ///< Elementwise: the scalar operation
    int axis = -1;                ///< SumAxis: 0 or 1
    std::vector<std::int32_t> operands;  ///< shaped node ids, in argument order
    std::vector<std::int32_t> index;     ///< Index: the indices as written (0-based)
    Shape shape;
    std::string name;             ///< the user's name (input or binding), a constant's value
                                  ///< ("2") for a Scalar constant; "" if none
    Span span;                    ///< the whole expression in the source
    std::vector<std::int32_t> elements;  ///< scalar node id of each element, row-major
    /// The scalar nodes this operation created, [first, end) (elements and intermediates such
    /// as the products of a matmul). Empty for inputs and for index, transpose and literals,
    /// which only regroup existing nodes. A node equal to an earlier one is shared (hash-consed),
    /// not created again, so it belongs to the earlier operation.
    std::int32_t first = 0, end = 0;
};

/// An input or output of the program as the user sees it: `W1` [3, 2] is six scalar inputs.
/// Programs with shapes list every input and output here, scalar ones with rank 0.
struct Port {
    std::string name;
    Shape shape;
    std::int32_t node = -1;  ///< shaped node id, -1 for a plain scalar input or output
    std::vector<std::int32_t> items;  ///< Graph input (or output) index of each element, row-major
};

class ShapedGraph {
public:
    std::vector<Node> nodes;   ///< in creation order: operands before users
    std::vector<Port> inputs;  ///< in Graph input order
    std::vector<Port> outputs; ///< in Graph output order

    int size() const { return static_cast<int>(nodes.size()); }
    const Node& operator[](int id) const { return nodes[static_cast<std::size_t>(id)]; }

    /// Index into inputs / outputs of the port called name, or -1.
    int inputPort(std::string_view name) const;
    int outputPort(std::string_view name) const;

    /// Renumbers element ids after GraphBuilder::finish moved the inputs to the front.
    void renumber(const std::vector<std::int32_t>& newId);
};

}  // namespace adviz::shaped
