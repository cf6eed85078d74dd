#include "ui/shaped/shaped_frame.hpp"

#include <algorithm>

#include "ui/shaped/matrix_text.hpp"
#include "ui/shaped/shaped_caption.hpp"

namespace adviz::ui {
namespace {

using shaped::Kind;
using shaped::ShapedGraph;
using shaped::ShapedStep;

double easeInOut(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

void apply(const ShapedStep& s, std::vector<MatrixState>& nodes) {
    MatrixState& m = nodes[static_cast<std::size_t>(s.node)];
    switch (s.phase) {
        case Phase::Primal:
        case Phase::Recompute: m.value = s.value; break;
        case Phase::Tangent:
            m.value = s.value;
            m.tangent = s.tangent;
            break;
        case Phase::Seed:
        case Phase::Adjoint:
            m.adjoint = s.after;
            m.adjointTangent = s.afterTangent;
            break;
        default: break;
    }
}

// The edges step s uses, with the matrix it carries at position t (< 0: no token).
void markStep(const ShapedGraph& sg, const ShapedDrawing& d, const ShapedStep& s,
              const std::vector<MatrixState>& state, double t, ShapedFrame& f) {
    switch (s.phase) {
        case Phase::Primal:
        case Phase::Recompute:
        case Phase::Tangent: {
            const auto& edgeIds = d.edgeOf[static_cast<std::size_t>(s.node)];
            for (std::size_t slot = 0; slot < edgeIds.size(); ++slot) {
                if (edgeIds[slot] < 0) continue;
                const int a = sg[s.node].operands[slot];
                const MatrixState& from = state[static_cast<std::size_t>(a)];
                EdgeFrame& e = f.edges[static_cast<std::size_t>(edgeIds[slot])];
                e.flow = s.phase == Phase::Tangent ? Flow::Tangent : Flow::Value;
                e.token = t;
                e.tokenText = matrixText(sg[a].shape, s.phase == Phase::Tangent ? from.tangent : from.value);
            }
            break;
        }
        case Phase::Adjoint: {
            const auto& edgeIds = d.edgeOf[static_cast<std::size_t>(s.consumer)];
            if (s.slot < 0 || s.slot >= static_cast<int>(edgeIds.size()) || edgeIds[static_cast<std::size_t>(s.slot)] < 0)
                break;
            EdgeFrame& e = f.edges[static_cast<std::size_t>(edgeIds[static_cast<std::size_t>(s.slot)])];
            e.flow = Flow::Adjoint;
            e.token = t;
            e.backwards = true;
            e.tokenText = matrixText(s.shape, s.contribution);
            break;
        }
        default: break;
    }
}

// The drawn node that stands for `id` when lit: itself, or for a row of a matrix written in
// numbers (not drawn), the matrix whose box shows it.
int shownNode(const ShapedGraph& sg, const ShapedDrawing& d, int id) {
    if (id < 0 || id >= static_cast<int>(d.drawn.size()) || d.drawn[static_cast<std::size_t>(id)]) return id;
    for (int z = id + 1; z < sg.size(); ++z)
        if (sg[z].kind == Kind::Literal && d.drawn[static_cast<std::size_t>(z)] &&
            std::find(sg[z].operands.begin(), sg[z].operands.end(), id) != sg[z].operands.end())
            return z;
    return id;
}

}  // namespace

ShapedDrawing drawingOf(const Graph& g) {
    ShapedDrawing d;
    if (!g.shaped) return d;
    const ShapedGraph& sg = *g.shaped;
    d.drawn.assign(static_cast<std::size_t>(sg.size()), true);
    for (int id = 0; id < sg.size(); ++id) {
        const shaped::Node& n = sg[id];
        if (n.kind == Kind::Scalar && n.elements.size() == 1 && g[n.elements.front()].op == Op::Const)
            d.drawn[static_cast<std::size_t>(id)] = false;
    }
    // The rows of a matrix written out in numbers (W1 = [[0.8, −0.5], [0.4, 0.9]]): an unnamed
    // literal of constants read only by the matrix literal around it is shown by that matrix's
    // box, cell for cell; a box of its own per row would only repeat it.
    std::vector<int> uses(static_cast<std::size_t>(sg.size()), 0), literalUses(static_cast<std::size_t>(sg.size()), 0);
    for (int z = 0; z < sg.size(); ++z)
        for (int a : sg[z].operands) {
            ++uses[static_cast<std::size_t>(a)];
            literalUses[static_cast<std::size_t>(a)] += sg[z].kind == Kind::Literal;
        }
    for (int id = 0; id < sg.size(); ++id) {
        const auto k = static_cast<std::size_t>(id);
        if (!sg[id].name.empty() || uses[k] == 0 || literalUses[k] != uses[k]) continue;
        if (isConstantLiteral(g, id)) d.drawn[k] = false;
    }
    d.edgeOf.resize(static_cast<std::size_t>(sg.size()));
    for (int z = 0; z < sg.size(); ++z)
        for (std::size_t slot = 0; slot < sg[z].operands.size(); ++slot) {
            const int a = sg[z].operands[slot];
            if (!d.drawn[static_cast<std::size_t>(a)] || !d.drawn[static_cast<std::size_t>(z)]) {
                d.edgeOf[static_cast<std::size_t>(z)].push_back(-1);
                continue;
            }
            d.edgeOf[static_cast<std::size_t>(z)].push_back(static_cast<int>(d.edges.size()));
            d.edges.push_back({a, z, static_cast<int>(slot)});
        }
    return d;
}

bool isConstantLiteral(const Graph& g, int id) {
    const shaped::Node& n = (*g.shaped)[id];
    return n.kind == Kind::Literal &&
           std::all_of(n.elements.begin(), n.elements.end(), [&](std::int32_t e) { return g[e].op == Op::Const; });
}

std::vector<MatrixState> shapedStateAt(const Graph& g, const shaped::ShapedTrace& trace, int k) {
    std::vector<MatrixState> nodes(g.shaped ? static_cast<std::size_t>(g.shaped->size()) : 0);
    k = std::clamp(k, 0, static_cast<int>(trace.steps.size()));
    for (int i = 0; i < k; ++i) apply(trace.steps[static_cast<std::size_t>(i)], nodes);
    return nodes;
}

ShapedFrame computeShapedFrame(const Graph& g, const ShapedDrawing& drawing, const shaped::ShapedTrace& trace,
                               int step, double progress) {
    ShapedFrame f;
    if (!g.shaped) return f;
    const ShapedGraph& sg = *g.shaped;
    const int n = static_cast<int>(trace.steps.size());
    step = std::clamp(step, 0, n);
    f.nodes = shapedStateAt(g, trace, step);
    f.edges.assign(drawing.edges.size(), EdgeFrame{});
    if (progress > 0 && step < n) {
        // Under way: the matrix travels; the node's numbers change when the step completes.
        const ShapedStep& s = trace.steps[static_cast<std::size_t>(step)];
        markStep(sg, drawing, s, f.nodes, easeInOut(progress / 0.8), f);
        f.activeNode = shownNode(sg, drawing, s.node);
        f.glow = easeInOut(progress);
        shapedCaption(g, trace, step, f.nodes, f.captionLead, f.caption);
        f.shownStep = step;
    } else if (step > 0) {
        const ShapedStep& s = trace.steps[static_cast<std::size_t>(step - 1)];
        const auto before = shapedStateAt(g, trace, step - 1);
        markStep(sg, drawing, s, before, -1, f);
        f.activeNode = shownNode(sg, drawing, s.node);
        f.glow = 1;
        shapedCaption(g, trace, step - 1, before, f.captionLead, f.caption);
        f.shownStep = step - 1;
    } else if (n > 0) {
        f.caption = trace.mode == Mode::Forward
                        ? QStringLiteral("Forward mode, one matrix operation per step: press → to compute each value and its tangent")
                        : QStringLiteral("Reverse mode, one matrix operation per step: press → to run forward, seed the loss, then send the adjoints back");
    }
    return f;
}

}  // namespace adviz::ui
