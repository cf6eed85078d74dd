#pragma once
// What the window draws of a program with a repeated body (autodiff/structure/repetition.hpp):
// the prefix, the first iteration, one rolled copy standing for the iterations between, the
// last iteration and the suffix, as a small graph of its own. Any range of iterations can be
// drawn out in full; the iterations on either side of it stay rolled. A rolled copy is drawn
// once and shows the numbers of whichever of its iterations the sweep is in.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/structure/repetition.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::ui {

/// Consecutive iterations drawn as one copy of the body.
struct RolledSegment {
    int first = 0;        ///< first iteration (0-based)
    int last = 0;         ///< last iteration; first == last: drawn out
    int drawnStart = 0;   ///< drawn node id of the copy's offset 0
    bool rolled() const { return last > first; }
    int iterations() const { return last - first + 1; }
};

class RolledView {
public:
    /// The drawing of g with r's iterations [expandFrom, expandTo] (0-based) drawn out, or none.
    RolledView(const Graph& g, const Repetition& r, std::optional<std::pair<int, int>> expanded = {});

    /// The graph drawn: leaves, prefix, one copy per segment, suffix; outputs mapped.
    const Graph& graph() const { return drawn_; }
    const std::vector<RolledSegment>& segments() const { return segments_; }
    const Repetition& repetition() const { return rep_; }
    std::optional<std::pair<int, int>> expanded() const { return expanded_; }
    /// The real node drawn node d stands for when its segment shows `iteration` (ignored for
    /// nodes outside the block).
    int realNode(int d, int iteration) const;
    /// The segment of drawn node d, or -1 (prefix, suffix, leaves).
    int segmentOf(int d) const { return segment_[static_cast<std::size_t>(d)]; }
    int offsetOf(int d) const { return offset_[static_cast<std::size_t>(d)]; }
    /// The segment drawing iteration i.
    int segmentOfIteration(int i) const;
    /// The drawn node of real node id when each segment shows shown[s]; -1 if not drawn now.
    int drawnNode(int id, const std::vector<int>& shown) const;
    /// Block iteration and offset of each real node (-1 outside).
    const std::vector<RepetitionPlace>& places() const { return places_; }

private:
    int add(const Node& n, int real, int segment, int offset, int wengert);

    Repetition rep_;
    std::optional<std::pair<int, int>> expanded_;
    Graph drawn_;
    std::vector<int> real_;      // per drawn node: real id (for copies, of the segment's first)
    std::vector<int> segment_;   // per drawn node
    std::vector<int> offset_;    // per drawn node
    std::vector<int> drawnOf_;   // per real node outside the block: its drawn id, or -1
    std::vector<RolledSegment> segments_;
    std::vector<RepetitionPlace> places_;
};

/// Body copies drawn by default: the first iteration, the rolled middle and the last.
inline constexpr int kRolledCopies = 3;

/// Nodes a rolled drawing of g with r has, at most (before any iterations are drawn out).
long long rolledSize(const Graph& g, const Repetition& r);

/// Whether the window opens g rolled up: when it has a repeated body, is too large to draw
/// whole and small enough rolled up (smaller ones are drawn whole, the graph's context menu
/// rolls them up; the rest is shown as an overview of blocks, overview_view.hpp).
bool rollsByDefault(const Graph& g, const Repetition& r);

/// Why the window cannot show g at all: its trace in mode m over limits::maxTraceSteps (a
/// program too large to draw whole is drawn rolled up or as an overview of blocks, but the
/// window holds its whole trace); nullopt when it can.
std::optional<std::string> windowRefusal(const Graph& g, Mode m);

}  // namespace adviz::ui
