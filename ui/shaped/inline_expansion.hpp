#pragma once
// Expanding one matrix operation in place: its shaped box gives way to a frame holding the
// scalar nodes the engine's lowering made for it, drawn as the scalar graph draws them, while
// every other operation stays one box. This file plans what the frame holds and how it is wired
// (plain ids, no items): the scalar boxes, a constant's box beside each of its uses, the edges
// inside the frame, the edges from neighbouring shaped boxes into the scalar nodes that read
// them, and from the scalar nodes that are the operation's elements out to the boxes that read
// them. ShapedScene lays the plan out with the rest of the shaped graph.

#include <QString>

#include <optional>
#include <set>
#include <vector>

#include "autodiff/graph.hpp"
#include "ui/shaped/shaped_frame.hpp"

namespace adviz::ui {

/// The most scalar nodes one operation may show in place: a few hundred still lay out in a
/// fraction of a second and read as a picture; a 784×128 matmul's 200,000 would not.
inline constexpr int maxExpandedNodes = 300;

/// The scalar nodes shaped operation op made (its lowering's [first, end)), without constants:
/// those are drawn beside each use, as the scalar graph draws them.
std::vector<int> expandedNodes(const Graph& g, int op);

/// Why op cannot be expanded in place (it makes no scalar nodes of its own, it makes too many,
/// or the program's scalar trace is not recorded), or nothing.
std::optional<QString> expandRefusal(const Graph& g, int op, bool scalarTraceRecorded);

/// One box inside an expanded operation's frame.
struct InlineBox {
    int node = 0;           ///< scalar node id
    int operation = 0;      ///< the expanded shaped node whose frame holds it
    bool constantCopy = false;  ///< a constant drawn beside this one use
};

/// An end of an inline edge: a shaped box (shaped >= 0) or an inline box (box >= 0).
struct InlineEnd {
    int shaped = -1;
    int box = -1;
};

/// An edge touching an expanded operation. Its animation follows the scalar edge (consumer,
/// slot) of the scalar trace; an edge into a box that only regroups (index, transpose, literal)
/// has no scalar edge and follows the shaped edge shapedEdge instead.
struct InlineEdge {
    InlineEnd from, to;
    int consumer = -1;  ///< scalar node reading the operand, or -1
    int slot = -1;
    int shapedEdge = -1;  ///< the ShapedDrawing edge it stands for, or -1 (inside a frame)
};

struct InlinePlan {
    std::vector<InlineBox> boxes;   ///< per expanded operation in id order, its nodes in id order
    std::vector<InlineEdge> edges;
    /// Per ShapedDrawing edge: true when an end is expanded (the inline edges replace it).
    std::vector<bool> replaced;
};

/// Plans the expanded operations of drawing d (each must have passed expandRefusal).
InlinePlan planInline(const Graph& g, const ShapedDrawing& d, const std::set<int>& expanded);

}  // namespace adviz::ui
