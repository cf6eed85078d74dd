#pragma once
// The layout adapter: the only code in adviz that sees Graphviz. It takes plain node sizes and
// edges, runs `dot`, and hands back plain positions and Bézier paths in scene coordinates
// (1 unit = 1 point = 1 pixel at 100% zoom, origin top-left, y down).

#include <functional>
#include <string>
#include <vector>

#include "autodiff/limits.hpp"

namespace adviz::layout {

enum class Direction { LeftToRight, TopToBottom };

/// Where a node must sit among the ranks.
enum class RankConstraint { Free, First, Last };

struct NodeBox {
    double width = 60;    ///< scene units
    double height = 40;   ///< scene units
    RankConstraint rank = RankConstraint::Free;
    /// Parts are laid out one by one and placed one after the other along the ranks (dot's time
    /// grows about with the square of the boxes). Every edge must stay within its part.
    int part = 0;
    /// Boxes with the same cluster (≥ 0) are kept together inside a frame with room for
    /// LayoutSpec::clusterHeader above them (a repeated body's copy); -1: none. Not for boxes
    /// pinned to the first or last rank.
    int cluster = -1;
};

struct EdgeLink {
    int from = 0;   ///< index into LayoutSpec::nodes
    int to = 0;
    /// Room for a label on the edge (scene units); 0 × 0: no label. A labelled edge gets a slot
    /// of its own that dot keeps clear of boxes, other labels and other edges.
    double labelWidth = 0;
    double labelHeight = 0;
};

/// What to lay out. Nodes pinned to the first (or last) rank keep their order in `nodes` there,
/// so inputs read in program order.
struct LayoutSpec {
    std::vector<NodeBox> nodes;
    std::vector<EdgeLink> edges;
    Direction direction = Direction::LeftToRight;
    double nodeSeparation = 28;   ///< scene units between neighbours in a rank
    double rankSeparation = 56;   ///< scene units between ranks
    double clusterHeader = 0;     ///< room for a cluster's title above its boxes, scene units
};

struct Point {
    double x = 0;
    double y = 0;
};

struct PlacedNode {
    Point center;
    double width = 0;
    double height = 0;
};

/// An edge as a cubic Bézier spline: points = start, then 3 control points per segment
/// (1 + 3n points). arrowTip is where the arrowhead points, beyond the last point.
struct EdgePath {
    std::vector<Point> points;
    Point arrowTip;
    bool hasArrow = false;
    /// Centre of the label's slot (when the spec asked for one); the path runs through it.
    Point labelCenter;
    bool hasLabel = false;
};

/// The result: one placement per node, one path per edge (same order as the spec), the size of
/// the whole drawing, or an error message.
struct LayoutResult {
    std::vector<PlacedNode> nodes;
    std::vector<EdgePath> edges;
    double width = 0;
    double height = 0;
    std::string error;
    bool ok() const { return error.empty(); }
};

/// The most nodes of a program the window draws (autodiff/limits.hpp, where every limit is
/// stated; the engine and the command line have no such limit).
inline constexpr int maxLayoutNodes = limits::maxDrawnNodes;
/// The most boxes one layout may have (a program's nodes plus the copies of its leaves): beyond
/// it dot takes minutes. Larger specs are an error, never a hang.
inline constexpr int maxLayoutBoxes = limits::maxDrawnBoxes;

/// Runs Graphviz `dot` on spec and waits for it. Thread-safe (Graphviz itself is not: calls are
/// serialised). dot runs on a thread of its own with a stack of hundreds of megabytes: its
/// ranking recurses once per node of a path, which overflows an ordinary 8 MB stack on graphs
/// of a few thousand nodes.
LayoutResult layoutGraph(const LayoutSpec& spec);

/// Starts the same layout on a detached large-stack thread and returns at once; `done` is called
/// on that thread with the result. The thread owns its copy of the spec, so the caller may go
/// away (or the process exit) while it runs. Returns false (and never calls `done`) if no thread
/// could be started.
bool layoutGraphDetached(LayoutSpec spec, std::function<void(LayoutResult)> done);

}  // namespace adviz::layout
