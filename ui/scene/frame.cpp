#include "ui/scene/frame.hpp"

#include <algorithm>
#include <cmath>

#include "autodiff/number_format.hpp"

namespace adviz::ui {
namespace {

double easeInOut(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3 - 2 * t);  // smoothstep: no jerk at either end
}

QString text(const std::string& s) { return QString::fromStdString(s); }

QString openingCaption(Mode mode) {
    return mode == Mode::Forward
               ? QStringLiteral("Forward mode: press → to compute each node's value v and tangent v̇ in order")
               : QStringLiteral("Reverse mode: press → to run the forward pass, seed the output, then send adjoints v̄ back");
}

// Two lines: forward steps show how the value was computed above the tangent; other steps
// split a compound formula ("…;  v̄₋₁ = 1.621 + 0.8415 = 2.462") at its ";  ".
void setCaption(const Graph& g, const Trace& trace, const Step& s, Frame& f) {
    if (s.phase == Phase::Tangent) {
        f.captionLead = text(valueFormulaOf(g, trace, s));
        f.caption = text(formulaOf(g, trace, s));
        return;
    }
    QString all = text(formulaOf(g, trace, s));
    int cut = all.indexOf(QStringLiteral(";  "));
    if (cut < 0) {
        f.caption = all;
        return;
    }
    f.captionLead = all.left(cut);
    f.caption = all.mid(cut + 3);
}

// Marks the edges that take part in step s; token at position t (or none if t < 0).
void markStep(const Graph& g, const Step& s, const std::vector<int>& first,
              const std::vector<NodeState>& state, double t, Frame& f) {
    const Node& nd = g[s.node];
    switch (s.phase) {
        case Phase::Primal:
        case Phase::Recompute:  // recomputation is a second forward run: values flow again
        case Phase::Tangent:
            for (int slot = 0; slot < nd.arity(); ++slot) {
                int u = nd.operand(slot);
                if (s.phase == Phase::Tangent && g[u].op == Op::Const) continue;  // no tangent
                EdgeFrame& e = f.edges[static_cast<std::size_t>(first[static_cast<std::size_t>(s.node)] + slot)];
                e.flow = s.phase == Phase::Tangent ? Flow::Tangent
                         : s.phase == Phase::Recompute ? Flow::Recompute : Flow::Value;
                e.token = t;
                const NodeState& from = state[static_cast<std::size_t>(u)];
                e.tokenText = text(formatShort(s.phase == Phase::Tangent ? from.tangent : from.value));
            }
            break;
        case Phase::Adjoint: {
            EdgeFrame& e = f.edges[static_cast<std::size_t>(first[static_cast<std::size_t>(s.consumer)] + s.slot)];
            e.flow = Flow::Adjoint;
            e.token = t;
            e.backwards = true;
            e.tokenText = text(formatShort(s.contribution));
            break;
        }
        case Phase::Seed:
        case Phase::Checkpoint:
        case Phase::Free: break;  // the node alone lights up
    }
}

}  // namespace

std::vector<int> firstEdgeIndex(const Graph& g) {
    std::vector<int> first(g.nodes.size() + 1, 0);
    for (int id = 0; id < g.size(); ++id)
        first[static_cast<std::size_t>(id) + 1] = first[static_cast<std::size_t>(id)] + g[id].arity();
    return first;
}

Frame computeFrame(const Graph& g, const Trace& trace, int step, double progress) {
    Frame f;
    const int n = static_cast<int>(trace.size());
    step = std::clamp(step, 0, n);
    f.state = trace.stateAt(static_cast<std::size_t>(step));
    f.edges.assign(g.edgeCount(), EdgeFrame{});
    const auto first = firstEdgeIndex(g);

    if (progress > 0 && step < n) {
        // The next step is under way: its tokens travel, its node lights up; its numbers
        // appear when it completes (the frame (step + 1, 0)).
        const Step& s = trace.steps[static_cast<std::size_t>(step)];
        markStep(g, s, first, f.state, easeInOut(progress / 0.8), f);
        f.activeNode = s.node;
        f.glow = easeInOut(progress);
        setCaption(g, trace, s, f);
        f.shownStep = step;
    } else if (step > 0) {
        // At rest after a step: keep it highlighted so the student sees what just happened.
        const Step& s = trace.steps[static_cast<std::size_t>(step - 1)];
        markStep(g, s, first, trace.stateAt(static_cast<std::size_t>(step - 1)), -1, f);
        f.activeNode = s.node;
        f.glow = 1;
        setCaption(g, trace, s, f);
        f.shownStep = step - 1;
    } else if (n > 0) {
        f.caption = openingCaption(trace.mode);
    }
    return f;
}

void setCaptionAt(const Graph& g, const Trace& trace, int step, double progress, Frame& f) {
    const int n = static_cast<int>(trace.size());
    step = std::clamp(step, 0, n);
    f.caption.clear();
    f.captionLead.clear();
    f.shownStep = progress > 0 && step < n ? step : step - 1;
    if (f.shownStep >= 0) setCaption(g, trace, trace.steps[static_cast<std::size_t>(f.shownStep)], f);
    else if (n > 0) f.caption = openingCaption(trace.mode);
}

}  // namespace adviz::ui
