#pragma once
// Whether and how the window draws the program rolled up, and the frames of a rolled drawing.
// Watches the SessionModel: a new structure is searched for a repeated body (in milliseconds,
// on the UI thread), a new trace is indexed by node. The numbers shown come from the engine's
// trace (TraceIndex replays a node's own steps); nothing here computes a derivative.

#include <QObject>

#include <optional>
#include <utility>
#include <vector>

#include "autodiff/structure/repetition.hpp"
#include "autodiff/structure/trace_index.hpp"
#include "ui/model/rolled_view.hpp"
#include "ui/scene/frame.hpp"

namespace adviz::ui {

class SessionModel;

class RollModel : public QObject {
    Q_OBJECT
public:
    explicit RollModel(SessionModel& model, QObject* parent = nullptr);

    const Repetition& repetition() const { return rep_; }
    /// The rolled drawing, or null when the program is drawn whole.
    const RolledView* view() const { return view_ ? &*view_ : nullptr; }
    bool isRolled() const { return view_.has_value(); }
    /// Rolls the repeated body up (when there is one) or draws the program whole (when it is
    /// small enough to draw).
    void setRolled(bool on);
    /// Whether drawing the program whole is within limits::maxDrawnNodes.
    bool canUnroll() const;
    /// Draws iterations [first, last] (0-based) out in full, the rest stays rolled; the range
    /// is shortened so the drawing stays within limits::maxDrawnNodes. Keeps the step.
    void expand(int first, int last);
    /// Back to the first, rolled and last iterations.
    void collapse();
    /// The most iterations expand() draws out at once.
    int maxExpandedIterations() const;

    /// The iteration each segment shows at frame (step, progress): the iteration of the latest
    /// step so far that touched the segment (its first iteration before any did).
    std::vector<int> shownIterations(int step, double progress) const;
    /// The frame of the drawn graph at (step, progress), from the trace of the whole program.
    Frame computeFrame(int step, double progress) const;
    /// The block iteration of step k's node, or -1 when it is outside the block.
    int iterationOfStep(int k) const;

signals:
    /// The drawing changed (rolled, unrolled, expanded): lay out again.
    void viewChanged();

private:
    void onGraphChanged();
    void index();  // after a new trace or a new drawing: steps by node and by segment
    int shownStep(int step, double progress) const;

    SessionModel& model_;
    Repetition rep_;
    std::optional<RolledView> view_;
    TraceIndex index_;
    std::vector<std::vector<std::uint32_t>> segmentSteps_;  // per segment: its steps, ascending
};

}  // namespace adviz::ui
