#pragma once
// Lowering: each operation on shaped values becomes scalar nodes of the Wengert list being built
// (GraphBuilder, hash-consed as always) plus one node of the ShapedGraph grouping them. The
// parser calls these; they check shapes and say what is wrong without the source text, which
// the parser puts in front: "W1 @ x: " + "[3, 2] @ [3]: inner sizes 2 and 3 differ".

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/shaped/shaped_graph.hpp"

namespace adviz::shaped {

/// Lowering stops past this many scalar nodes (about 400 MB): a [4000, 4000] @ [4000, 4000]
/// would need 3·10¹¹ and must be refused before it is built.
inline constexpr std::size_t maxScalarNodes = 8'000'000;

/// A value the parser holds: a shaped node, or (shaped < 0) a plain scalar node.
struct Operand {
    int node = -1;    ///< scalar node id (for a shaped value: its first element)
    int shaped = -1;  ///< shaped node id, or -1
};

/// A shaped node id, or (id < 0) why the operation is not defined on these shapes.
struct Lowered {
    int id = -1;
    std::string error;
};

class Lowering {
public:
    explicit Lowering(GraphBuilder& builder) : b_(builder) {}

    bool empty() const { return g_.nodes.empty(); }
    const Shape& shapeOf(const Operand& v) const;
    const ShapedGraph& graph() const { return g_; }
    ShapedGraph take() { return std::move(g_); }
    Node& node(int id) { return g_.nodes[static_cast<std::size_t>(id)]; }

    /// A declared input: scalar inputs named name[i] / name[i,j], created now in row-major order.
    int input(std::string_view name, const Shape& shape, Span span);
    /// [a, b, …] of scalars, or [[…], […]] of vectors of one size.
    Lowered literal(const std::vector<Operand>& items, Span span);
    /// op on every element; binary ops broadcast (NumPy rules, rank ≤ 2).
    Lowered unary(Op op, const Operand& a, Span span);
    Lowered binary(Op op, const Operand& a, const Operand& b, Span span);
    Lowered matmul(const Operand& a, const Operand& b, Span span);
    Lowered dot(const Operand& a, const Operand& b, Span span);
    Lowered transpose(const Operand& a, Span span);
    Lowered sum(const Operand& a, Span span);
    Lowered sumAxis(const Operand& a, int axis, Span span);
    Lowered mean(const Operand& a, Span span);
    Lowered softmax(const Operand& a, Span span);
    Lowered logsumexp(const Operand& a, Span span);
    /// x[i], W[i, j], W[i]; negative indices count from the end, as in Python.
    Lowered index(const Operand& a, const std::vector<long long>& indices, Span span);

private:
    int shapedOf(const Operand& v, Span span);  // wraps a scalar in a Scalar node
    const std::vector<std::int32_t>& elementsOf(int shaped) const { return g_[shaped].elements; }
    int add(Node node);
    bool fits(std::size_t cost) const { return static_cast<std::size_t>(b_.size()) + cost <= maxScalarNodes; }
    int sumOf(const std::vector<int>& terms, Span span);  // left fold of +
    int maxOf(const std::vector<int>& terms, Span span);

    GraphBuilder& b_;
    ShapedGraph g_;
    int created_ = 0;  // builder size when the last shaped node was added
};

}  // namespace adviz::shaped
