#pragma once
// What the window draws of a program too large to draw whole that has no repeated body to roll
// up: the program cut into blocks of consecutive nodes (program order is a topological order, so
// values only cross from a block to a later one), each block one box, and per pair of blocks
// the number of values that cross. A block small enough is drawn in full (BlockDrawing): its
// nodes, with the values it reads from elsewhere as source boxes in front of them; a larger one
// opens as an overview of its own range. Plain C++ over the engine's Graph: no Qt, no numbers.

#include <string>
#include <utility>
#include <vector>

#include "autodiff/graph.hpp"

namespace adviz::ui {

/// The most blocks an overview has (the inputs' box at the top level comes on top): a dozen
/// boxes a lecture-hall screen shows a few at a time, at a readable size.
inline constexpr int kOverviewBlocks = 12;
/// Nodes a block may have to be drawn in full (dot lays out a thousand boxes in about a
/// second); larger blocks open as an overview of their own.
inline constexpr int kDrawnBlockNodes = 1000;

/// One box of an overview: the nodes [first, end) of the program, or its inputs.
struct OverviewBlock {
    int first = 0;
    int end = 0;
    bool inputs = false;       ///< the program's inputs (top level only)
    int operations = 0;        ///< nodes that are neither inputs nor constants
    std::vector<std::pair<Op, int>> ops;  ///< operations by kind, most frequent first
    int valuesIn = 0;          ///< distinct values (not constants) read from outside the block
    int valuesOut = 0;         ///< distinct values of the block read by nodes outside it
    int constantsIn = 0;       ///< distinct constants from outside the block it uses
    int size() const { return end - first; }
};

/// Values computed in block `from` and read in block `to` (distinct values, not uses).
struct OverviewLink {
    int from = 0;
    int to = 0;
    int values = 0;
};

class OverviewBlocks {
public:
    /// The nodes [first, end) of g cut into at most kOverviewBlocks blocks of equal size (the
    /// last may be smaller); with first == g.inputs, the inputs get a box of their own first.
    OverviewBlocks(const Graph& g, int first, int end);
    /// The whole program.
    explicit OverviewBlocks(const Graph& g) : OverviewBlocks(g, g.inputs, g.size()) {}

    int first() const { return first_; }
    int end() const { return end_; }
    const std::vector<OverviewBlock>& blocks() const { return blocks_; }
    const std::vector<OverviewLink>& links() const { return links_; }
    /// The block holding node id, or -1 when the node lies outside this overview.
    int blockOf(int id) const;
    /// Whether block b opens as a drawing of its nodes (else as an overview of its range).
    bool drawable(int b) const;

private:
    int first_ = 0, end_ = 0;
    int inputBlock_ = 0;  // 1 when block 0 holds the inputs
    int blockNodes_ = 1;  // nodes per block (the last block may have fewer)
    std::vector<OverviewBlock> blocks_;
    std::vector<OverviewLink> links_;
};

/// The nodes [first, end) of g drawn in full: first the values they read from before `first`
/// (inputs and other blocks' results) as input boxes, then the nodes themselves in order, with
/// a copy of each constant from elsewhere that they use.
class BlockDrawing {
public:
    BlockDrawing(const Graph& g, int first, int end);

    const Graph& graph() const { return drawn_; }
    int first() const { return first_; }
    int end() const { return end_; }
    /// Drawn nodes [0, sources()) stand for values computed elsewhere.
    int sources() const { return drawn_.inputs; }
    /// The program's node drawn node d stands for.
    int realNode(int d) const { return real_[static_cast<std::size_t>(d)]; }
    /// The drawn node standing for program node id, or -1 (not drawn, or a constant copied).
    int drawnNode(int id) const;

private:
    int first_, end_;
    Graph drawn_;
    std::vector<int> real_;     // per drawn node
    std::vector<int> drawnOf_;  // per program node: its drawn node, or -1
};

}  // namespace adviz::ui
