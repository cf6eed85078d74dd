#include "autodiff/shaped/step_map.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace adviz::shaped {
namespace {

// Steps are matched by what they do: a phase and the shaped operation whose scalar nodes they
// touch (for adjoint steps, the operation the adjoint leaves); seed steps by their output (a
// shaped output may be a scalar node another operation made, as sum of one element is).
using Key = std::pair<int, int>;

std::vector<int> ownerOfScalarNodes(const Graph& g, const ShapedGraph& sg) {  // of operationOfNode
    std::vector<int> owner(static_cast<std::size_t>(g.size()), -1);
    for (int id = 0; id < sg.size(); ++id) {
        const Node& n = sg[id];
        for (std::int32_t v = n.first; v < n.end; ++v) owner[static_cast<std::size_t>(v)] = id;
        // Inputs and scalars create no nodes of their own: their elements are theirs.
        if (n.kind == Kind::Input || n.kind == Kind::Scalar)
            for (std::int32_t v : n.elements)
                if (owner[static_cast<std::size_t>(v)] < 0) owner[static_cast<std::size_t>(v)] = id;
    }
    return owner;
}

Key keyOf(const ShapedStep& s) {
    if (s.phase == Phase::Seed) return {static_cast<int>(s.phase), s.output};
    return {static_cast<int>(s.phase), s.phase == Phase::Adjoint ? s.consumer : s.node};
}

}  // namespace

std::vector<int> operationOfNode(const Graph& g) {
    if (!g.shaped) return std::vector<int>(static_cast<std::size_t>(g.size()), -1);
    return ownerOfScalarNodes(g, *g.shaped);
}

std::vector<std::size_t> scalarStepEnds(const Graph& g, const Trace& scalar, const ShapedTrace& shaped) {
    std::vector<std::size_t> ends(shaped.steps.size() + 1, 0);
    if (!g.shaped) {
        ends.back() = scalar.size();
        return ends;
    }
    const std::vector<int> owner = ownerOfScalarNodes(g, *g.shaped);
    auto ownerOf = [&](int v) { return v >= 0 && v < g.size() ? owner[static_cast<std::size_t>(v)] : -1; };
    std::map<Key, std::size_t> last;  // key → scalar step count after its last step
    for (std::size_t j = 0; j < scalar.size(); ++j) {
        const Step& s = scalar.steps[j];
        const int who = s.phase == Phase::Seed ? s.output
                                               : ownerOf(s.phase == Phase::Adjoint ? s.consumer : s.node);
        if (who >= 0) last[{static_cast<int>(s.phase), who}] = j + 1;
    }
    for (std::size_t s = 0; s < shaped.steps.size(); ++s) {
        const auto it = last.find(keyOf(shaped.steps[s]));
        ends[s + 1] = std::max(ends[s], it == last.end() ? ends[s] : it->second);
    }
    ends.back() = std::max(ends.back(), scalar.size());
    return ends;
}

NodeState elementStateAt(const Graph& g, const ShapedTrace& t, int id, std::size_t steps) {
    NodeState ns;
    if (!g.shaped) return ns;
    const ShapedGraph& sg = *g.shaped;
    steps = std::min(steps, t.steps.size());
    for (std::size_t j = 0; j < steps; ++j) {
        const ShapedStep& s = t.steps[j];
        if (s.node < 0 || s.node >= sg.size()) continue;
        const auto& el = sg[s.node].elements;
        const auto it = std::find(el.begin(), el.end(), id);
        if (it == el.end()) continue;
        const auto k = static_cast<std::size_t>(it - el.begin());
        auto at = [k](const std::vector<double>& v) { return k < v.size() ? v[k] : unknown; };
        switch (s.phase) {
            case Phase::Primal:
            case Phase::Recompute:
            case Phase::Tangent:
                ns.value = at(s.value);
                ns.hasValue = true;
                if (s.phase == Phase::Tangent) {
                    ns.tangent = at(s.tangent);
                    ns.hasTangent = true;
                }
                break;
            case Phase::Seed:
            case Phase::Adjoint:
                ns.adjoint = at(s.after);
                ns.hasAdjoint = true;
                break;
            default: break;
        }
    }
    return ns;
}

std::size_t shapedStepAt(const std::vector<std::size_t>& ends, std::size_t k) {
    // The last s with ends[s] ≤ k.
    const auto it = std::upper_bound(ends.begin(), ends.end(), k);
    return it == ends.begin() ? 0 : static_cast<std::size_t>(it - ends.begin()) - 1;
}

}  // namespace adviz::shaped
