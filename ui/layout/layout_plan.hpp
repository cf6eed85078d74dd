#pragma once
// What boxes the picture has: the Wengert list has each node once, but the drawing repeats some
// so that no edge runs across the whole picture. A constant gets a box beside each of its uses.
// A node used in far-apart places (an input used at every step; in the backward graph, a forward
// value the adjoint sweep reads much later) gets one box per stretch of the graph where it is
// used: its own box for the first, a copy beside each later group of uses. Inputs used early
// stand in the first rank in program order. Long edges make a drawing unreadable and make dot
// slow (and, on thousands of nodes, overflow its stack).

#include <vector>

#include "autodiff/graph.hpp"
#include "ui/layout/graph_layout.hpp"

namespace adviz::ui {

/// Why a box is there.
enum class BoxRole {
    Primary,        ///< the node's own box
    ConstantCopy,   ///< a constant's box beside a further use
    Copy,           ///< an input or operation drawn again near distant uses (a source here)
};

struct PlannedBox {
    int node = 0;                                        ///< the node it draws
    BoxRole role = BoxRole::Primary;
    layout::RankConstraint rank = layout::RankConstraint::Free;
    int part = 0;                                        ///< see layout::NodeBox::part
};

struct LayoutPlan {
    std::vector<PlannedBox> boxes;   ///< one per box drawn, in layout order
    std::vector<int> primary;        ///< per node id: the box of its main drawing
    std::vector<int> edgeSource;     ///< per edge (firstEdgeIndex order): the box it leaves
    std::vector<int> edgeTarget;     ///< per edge: the box it enters (its consumer's primary)
};

/// Programs are laid out in parts of about this many nodes (see NodeBox::part).
inline constexpr int kPartSize = 1000;

/// Default reach: the uses served by one box lie within this many ranks of each other, so its
/// longest edge spans about reach + 1 ranks.
inline constexpr int kInputReach = 2;

/// Plans the boxes for g. Inputs used within reach + 1 ranks of the start sit in the first rank
/// in program order; outputs sit in the last rank when that does not stretch their edges.
LayoutPlan planLayout(const Graph& g, int reach = kInputReach);

/// The latest rank each node could take with every use still after it (the deepest node's
/// rank for nodes nothing uses).
std::vector<int> latestDepth(const Graph& g, const std::vector<int>& depth);

/// Rank of each node counted in operations from the inputs: leaves 0, an operation one more than
/// its deepest non-leaf operand (leaves are drawn beside their uses, so they do not count).
std::vector<int> operationDepth(const Graph& g);

}  // namespace adviz::ui
