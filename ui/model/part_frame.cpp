#include "ui/model/part_frame.hpp"

#include <algorithm>

namespace adviz::ui {

int shownStepAt(int stepCount, int step, double progress) {
    step = std::clamp(step, 0, stepCount);
    if (progress > 0 && step < stepCount) return step;
    return step - 1;
}

Frame partFrame(const Graph& program, const Trace& t, const TraceIndex& index, const PartDrawing& d,
                int step, double progress) {
    const int n = static_cast<int>(t.size());
    step = std::clamp(step, 0, n);
    const bool moving = progress > 0 && step < n;
    const int j = shownStepAt(n, step, progress);

    // A trace of the drawn graph holding the one step shown: its states before that step come
    // from the whole program's trace, node by node; the frame logic is the whole drawing's.
    Trace small;
    small.mode = t.mode;
    small.initial.resize(static_cast<std::size_t>(d.drawn.size()));
    const std::size_t before = static_cast<std::size_t>(std::max(j, 0));
    for (int node = 0; node < d.drawn.size(); ++node)
        small.initial[static_cast<std::size_t>(node)] = index.stateAt(d.realOf(node), before);
    Frame f;
    if (j < 0) {
        if (n > 0) small.steps.push_back(t.steps[0]);  // for the opening caption only
        f = computeFrame(d.drawn, small, 0, 0);
        f.state = small.initial;
        return f;
    }
    // The text is written from the whole program's graph and trace, before the ids are mapped
    // to the drawn ones.
    const Step& real = t.steps[static_cast<std::size_t>(j)];
    Step s = real;
    s.formula = formulaOf(program, t, real);
    s.valueFormula = valueFormulaOf(program, t, real);
    s.node = d.drawnOf(s.node);
    if (s.consumer >= 0) {
        s.consumer = d.drawnOf(s.consumer);
        // The edge is drawn only if the consumer's box reads this very box (an adjoint from a
        // node not drawn, or from the next iteration of a rolled copy, has no edge here).
        if (s.consumer < 0 || s.node < 0 || d.drawn[s.consumer].operand(s.slot) != s.node) {
            if (s.phase == Phase::Adjoint) s.phase = Phase::Seed;  // the node alone lights up
            s.consumer = -1;
        }
    }
    if (s.node < 0) {
        f = computeFrame(d.drawn, small, 0, 0);
        setCaptionAt(program, t, step, progress, f);  // the step's caption, as if drawn
    } else {
        small.steps.push_back(std::move(s));
        f = moving ? computeFrame(d.drawn, small, 0, progress) : computeFrame(d.drawn, small, 1, 0);
    }
    f.shownStep = j;
    return f;
}

}  // namespace adviz::ui
