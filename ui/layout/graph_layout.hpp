#pragma once
// The layout adapter: the only code in adviz that sees Graphviz. It takes plain node sizes and
// edges, runs `dot`, and hands back plain positions and Bézier paths in scene coordinates
// (1 unit = 1 point = 1 pixel at 100% zoom, origin top-left, y down).

#include <string>
#include <vector>

namespace adviz::layout {

enum class Direction { LeftToRight, TopToBottom };

/// Where a node must sit among the ranks.
enum class RankConstraint { Free, First, Last };

struct NodeBox {
    double width = 60;    ///< scene units
    double height = 40;   ///< scene units
    RankConstraint rank = RankConstraint::Free;
};

struct EdgeLink {
    int from = 0;   ///< index into LayoutSpec::nodes
    int to = 0;
};

/// What to lay out.
struct LayoutSpec {
    std::vector<NodeBox> nodes;
    std::vector<EdgeLink> edges;
    Direction direction = Direction::LeftToRight;
    double nodeSeparation = 28;   ///< scene units between neighbours in a rank
    double rankSeparation = 56;   ///< scene units between ranks
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

/// The most nodes a drawing may have: beyond it dot takes minutes and, on long chains, runs out
/// of memory inside Graphviz. Larger programs get a clear error (the engine has no such limit).
inline constexpr int maxLayoutNodes = 3000;

/// Runs Graphviz `dot` on spec. Thread-safe (Graphviz itself is not: calls are serialised).
LayoutResult layoutGraph(const LayoutSpec& spec);

}  // namespace adviz::layout
