#include "autodiff/structure/trace_index.hpp"

#include <algorithm>

namespace adviz {

TraceIndex::TraceIndex(const Trace& t) : trace_(&t) {
    const std::size_t nodes = t.initial.size();
    // Counting sort of the steps by node: two passes, no per-node vectors.
    first_.assign(nodes + 1, 0);
    for (const Step& s : t.steps)
        if (s.node >= 0 && static_cast<std::size_t>(s.node) < nodes) ++first_[static_cast<std::size_t>(s.node) + 1];
    for (std::size_t i = 0; i < nodes; ++i) first_[i + 1] += first_[i];
    steps_.resize(first_[nodes]);
    std::vector<std::uint32_t> next(first_.begin(), first_.end() - 1);
    for (std::size_t k = 0; k < t.steps.size(); ++k) {
        const int node = t.steps[k].node;
        if (node >= 0 && static_cast<std::size_t>(node) < nodes)
            steps_[next[static_cast<std::size_t>(node)]++] = static_cast<std::uint32_t>(k);
    }
}

std::span<const std::uint32_t> TraceIndex::stepsOf(int id) const {
    if (!trace_ || id < 0 || static_cast<std::size_t>(id) + 1 >= first_.size()) return {};
    const auto b = first_[static_cast<std::size_t>(id)], e = first_[static_cast<std::size_t>(id) + 1];
    return std::span<const std::uint32_t>(steps_).subspan(b, e - b);
}

NodeState TraceIndex::stateAt(int id, std::size_t k) const {
    if (!trace_ || id < 0 || static_cast<std::size_t>(id) >= trace_->initial.size()) return {};
    NodeState s = trace_->initial[static_cast<std::size_t>(id)];
    for (std::uint32_t step : stepsOf(id)) {
        if (step >= k) break;
        Trace::applyTo(trace_->steps[step], s);
    }
    return s;
}

}  // namespace adviz
