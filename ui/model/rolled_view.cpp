#include "ui/model/rolled_view.hpp"

#include <algorithm>
#include <climits>

#include "autodiff/limits.hpp"

namespace adviz::ui {

long long rolledSize(const Graph& g, const Repetition& r) {
    if (!r.found()) return g.size();
    const long long copies = std::min(r.count, kRolledCopies);
    return g.size() - r.coveredOps() + copies * r.length;
}

bool rollsByDefault(const Graph& g, const Repetition& r) {
    // Whatever can be drawn whole is (the 64-layer lesson shows checkpoints across all its
    // layers; the graph's context menu rolls it up); what cannot, opens rolled up if that
    // drawing fits, else as an overview of blocks.
    return r.found() && g.size() > limits::maxDrawnNodes && rolledSize(g, r) <= limits::maxDrawnNodes;
}

std::optional<std::string> windowRefusal(const Graph& g, Mode m) {
    if (g.size() <= limits::maxDrawnNodes) return std::nullopt;
    return limits::traceRefusal(g, m, nullptr, true);
}

RolledView::RolledView(const Graph& g, const Repetition& r, std::optional<std::pair<int, int>> expanded)
    : rep_(r), places_(placesOf(g, r)) {
    const int n = r.count;
    // Segments: iteration 0 and the last drawn out, the expanded range drawn out, the gaps
    // rolled.
    std::vector<bool> out(static_cast<std::size_t>(n), false);
    out[0] = true;
    out[static_cast<std::size_t>(n - 1)] = true;
    if (expanded) {
        const int a = std::clamp(expanded->first, 0, n - 1), b = std::clamp(expanded->second, a, n - 1);
        expanded_ = std::make_pair(a, b);
        for (int i = a; i <= b; ++i) out[static_cast<std::size_t>(i)] = true;
    }
    for (int i = 0; i < n;) {
        int j = i;
        if (!out[static_cast<std::size_t>(i)])
            while (j + 1 < n && !out[static_cast<std::size_t>(j + 1)]) ++j;
        segments_.push_back({i, j, 0});
        i = j + 1;
    }

    drawnOf_.assign(g.nodes.size(), -1);
    drawn_.inputs = g.inputs;
    // Inputs first, all of them: the drawing's inputs are the program's.
    for (int id = 0; id < g.inputs; ++id) drawnOf_[static_cast<std::size_t>(id)] = add(g[id], id, -1, -1, g.wengert[static_cast<std::size_t>(id)]);
    auto drawnOperand = [&](int u, int iteration) -> int {
        const RepetitionPlace& p = places_[static_cast<std::size_t>(u)];
        if (p.iteration < 0) {
            if (drawnOf_[static_cast<std::size_t>(u)] < 0)  // a constant, first used here
                drawnOf_[static_cast<std::size_t>(u)] = add(g[u], u, -1, -1, g.wengert[static_cast<std::size_t>(u)]);
            return drawnOf_[static_cast<std::size_t>(u)];
        }
        // An earlier iteration (or this one): the copy drawing it. A rolled copy stands for
        // its first iteration here, so an operand from the iteration before is always drawn
        // before it.
        const int s = segmentOfIteration(std::min(p.iteration, iteration));
        return segments_[static_cast<std::size_t>(s)].drawnStart + p.offset;
    };
    auto copyNode = [&](int id, int iteration, int segment, int offset, int wengertOf) {
        const int wengert = g.wengert[static_cast<std::size_t>(wengertOf)];
        Node nd = g[id];
        nd.a = nd.a >= 0 ? drawnOperand(nd.a, iteration) : -1;
        nd.b = nd.b >= 0 ? drawnOperand(nd.b, iteration) : -1;
        return add(nd, id, segment, offset, wengert);
    };
    const int blockEnd = r.start + r.count * r.length;
    for (int p = 0; p < r.start; ++p) {
        const int id = r.ops[static_cast<std::size_t>(p)];
        drawnOf_[static_cast<std::size_t>(id)] = copyNode(id, -1, -1, -1, id);
    }
    for (std::size_t s = 0; s < segments_.size(); ++s) {
        RolledSegment& seg = segments_[s];
        // Constants first: a copy's boxes are consecutive (drawnStart + offset).
        for (int k = 0; k < r.length; ++k) {
            const Node& nd = g[r.node(seg.first, k)];
            for (int slot = 0; slot < nd.arity(); ++slot)
                if (places_[static_cast<std::size_t>(nd.operand(slot))].iteration < 0) drawnOperand(nd.operand(slot), seg.first);
        }
        seg.drawnStart = drawn_.size();
        for (int k = 0; k < r.length; ++k)
            // A rolled copy's Wengert name is its last iteration's: the widest, so the box is
            // sized for every iteration it will show.
            copyNode(r.node(seg.first, k), seg.first, static_cast<int>(s), k, r.node(seg.last, k));
    }
    for (int p = blockEnd; p < static_cast<int>(r.ops.size()); ++p) {
        const int id = r.ops[static_cast<std::size_t>(p)];
        drawnOf_[static_cast<std::size_t>(id)] = copyNode(id, n, -1, -1, id);
    }
    for (const Output& o : g.outputs) {
        const RepetitionPlace& p = places_[static_cast<std::size_t>(o.node)];
        const int d = p.iteration < 0 ? drawnOf_[static_cast<std::size_t>(o.node)]
                                      : segments_[static_cast<std::size_t>(segmentOfIteration(p.iteration))].drawnStart + p.offset;
        drawn_.outputs.push_back({o.name, d});
    }
    // Names: the program's, except on rolled copies (one box, many iterations).
    for (int d = 0; d < drawn_.size(); ++d) {
        Node& nd = drawn_.nodes[static_cast<std::size_t>(d)];
        const int s = segment_[static_cast<std::size_t>(d)];
        const int real = real_[static_cast<std::size_t>(d)];
        nd.name = -1;
        if (s >= 0 && segments_[static_cast<std::size_t>(s)].rolled()) continue;
        if (auto name = g.nameOf(real); !name.empty()) {
            nd.name = static_cast<std::int32_t>(drawn_.names.size());
            drawn_.names.emplace_back(name);
        }
    }
}

int RolledView::add(const Node& n, int real, int segment, int offset, int wengert) {
    drawn_.nodes.push_back(n);
    real_.push_back(real);
    segment_.push_back(segment);
    offset_.push_back(offset);
    drawn_.wengert.push_back(wengert);
    return drawn_.size() - 1;
}

int RolledView::segmentOfIteration(int i) const {
    auto it = std::upper_bound(segments_.begin(), segments_.end(), i,
                               [](int v, const RolledSegment& s) { return v < s.first; });
    return static_cast<int>(it - segments_.begin()) - 1;
}

int RolledView::realNode(int d, int iteration) const {
    const int s = segment_[static_cast<std::size_t>(d)];
    if (s < 0) return real_[static_cast<std::size_t>(d)];
    const RolledSegment& seg = segments_[static_cast<std::size_t>(s)];
    return rep_.node(std::clamp(iteration, seg.first, seg.last), offset_[static_cast<std::size_t>(d)]);
}

int RolledView::drawnNode(int id, const std::vector<int>& shown) const {
    if (id < 0 || static_cast<std::size_t>(id) >= places_.size()) return -1;
    const RepetitionPlace& p = places_[static_cast<std::size_t>(id)];
    if (p.iteration < 0) return drawnOf_[static_cast<std::size_t>(id)];
    const int s = segmentOfIteration(p.iteration);
    const RolledSegment& seg = segments_[static_cast<std::size_t>(s)];
    if (seg.rolled() && static_cast<std::size_t>(s) < shown.size() && shown[static_cast<std::size_t>(s)] != p.iteration)
        return -1;
    return seg.drawnStart + p.offset;
}

}  // namespace adviz::ui
