#pragma once
// The computational graph as a Wengert list: a flat array of nodes in topological order (inputs
// first), operands referred to by integer ids. Shared subexpressions are one node.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/op.hpp"

namespace adviz {

namespace shaped { class ShapedGraph; }

/// A byte range of the source text.
struct Span {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
};

/// One node of the Wengert list (32 bytes: flat, copyable, no heap).
struct Node {
    Op op = Op::Const;
    std::int32_t a = -1;       ///< first operand id, -1 if none
    std::int32_t b = -1;       ///< second operand id, -1 if none
    std::int32_t name = -1;    ///< index into Graph::names, -1 if unnamed
    double constant = 0;       ///< the value of a Const node
    Span span;                 ///< where the node first appears in the source

    int arity() const { return info(op).arity; }
    int operand(int slot) const { return slot == 0 ? a : b; }
};

/// What the sweeps read of a node (12 bytes, apart from Node's 32): a derived copy of op and
/// operands kept next to each other so the hot loops stream a third of the memory. Built by
/// GraphBuilder::finish(); see hotNodes() in sweep.hpp for graphs assembled otherwise.
struct HotNode {
    std::int32_t a = -1;
    std::int32_t b = -1;
    Op op = Op::Const;
};

/// A result of the program: a name and the node holding it.
struct Output {
    std::string name;
    std::int32_t node = -1;
};

/// A parsed program. Invariants: inputs are nodes 0..inputCount()-1 in order of first
/// appearance; every operand id is smaller than the id of the node using it.
class Graph {
public:
    std::vector<Node> nodes;
    std::vector<std::string> names;  ///< user-given names (inputs and bound statements)
    std::vector<Output> outputs;
    int inputs = 0;                  ///< number of input nodes (they come first)
    std::vector<std::int32_t> wengert;  ///< Griewank index of each node (INT32_MIN: constant)
    /// For programs with vectors and matrices: the grouping of these scalar nodes into shaped
    /// operations (autodiff/shaped/shaped_graph.hpp). Null for scalar programs.
    std::shared_ptr<const shaped::ShapedGraph> shaped;
    std::vector<HotNode> hot;           ///< op and operands of each node, derived from nodes

    int size() const { return static_cast<int>(nodes.size()); }
    int inputCount() const { return inputs; }
    int outputCount() const { return static_cast<int>(outputs.size()); }
    const Node& operator[](int id) const { return nodes[static_cast<std::size_t>(id)]; }

    /// The user's name of a node, or "" if it has none.
    std::string_view nameOf(int id) const;
    /// The name of input i (0-based).
    std::string_view inputName(int i) const { return nameOf(i); }
    /// Index of the input called name, or -1.
    int inputIndex(std::string_view name) const;
    /// Index of the output called name, or -1.
    int outputIndex(std::string_view name) const;

    /// Griewank's numbering: inputs v₁₋ₙ … v₀, then v₁, v₂, … for each operation. Constants
    /// have no number (INT32_MIN).
    int wengertIndex(int id) const;
    /// "v₋₁", "v₃"; a constant's text ("2", "π") for constants.
    std::string wengertName(int id) const;
    /// The node as an expression of its operands' Wengert names: "v₋₁ + v₀", "sin(v₁)".
    std::string definition(int id) const;
    /// Ids of the nodes that use id as an operand, once per use (x·x lists the product twice).
    std::vector<std::vector<int>> consumers() const;
    /// Number of edges (operand uses) in the graph.
    std::size_t edgeCount() const;
};

/// Builds a graph while hash-consing: adding an operation that already exists with the same
/// operands returns the existing node. Inputs may be added at any time; finish() moves them to
/// the front and renumbers.
class GraphBuilder {
public:
    GraphBuilder();
    ~GraphBuilder();
    GraphBuilder(const GraphBuilder&) = delete;
    GraphBuilder& operator=(const GraphBuilder&) = delete;

    int input(std::string_view name, Span span);
    /// An input whose name the caller knows is new and is never looked up by input(): an
    /// element of a declared vector or matrix ("W1[0,3]"; no identifier has brackets). It skips
    /// the table of input names, which held 10⁵ strings for a 784-wide layer.
    int elementInput(std::string_view name, Span span);
    /// Room for this many nodes in all: neither the node list nor the hash-consing table grows
    /// again before then (a lowering that knows its size says so first).
    void reserve(std::size_t nodes);
    int constant(double value, Span span, std::string_view label = {});
    int op(Op op, int a, int b, Span span);
    /// Gives node id a user name (the first name given sticks as the node's label).
    void name(int id, std::string_view name);
    void output(std::string name, int id);
    int size() const;
    const Node& node(int id) const;

    /// The finished graph; the builder is empty afterwards.
    Graph finish();

private:
    int add(const Node& node, std::string_view label);  // hash-consed: an equal node's id if any

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Subscript digits for Wengert names: 3 → "₃", -1 → "₋₁".
std::string subscript(int n);

}  // namespace adviz
