#pragma once
// Random access into a recorded sweep by node: which steps touch each node, so the state of a
// few nodes after any step is found without replaying the whole trace (Trace::stateAt copies
// and replays every node: tens of milliseconds on a 10⁵-iteration program, too slow for a
// frame). The numbers are the trace's own: each node's steps are applied with Trace::applyTo.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "autodiff/sweeps/trace.hpp"

namespace adviz {

class TraceIndex {
public:
    TraceIndex() = default;
    /// Indexes t (which must outlive the index and not change). Linear in steps and nodes.
    explicit TraceIndex(const Trace& t);

    /// Node id's state after the first k steps: what t.stateAt(k)[id] holds.
    NodeState stateAt(int id, std::size_t k) const;
    /// The indices of the steps that change node id, ascending.
    std::span<const std::uint32_t> stepsOf(int id) const;
    bool empty() const { return trace_ == nullptr; }

private:
    const Trace* trace_ = nullptr;
    std::vector<std::uint32_t> first_;  // per node: where its steps begin in steps_
    std::vector<std::uint32_t> steps_;  // step indices grouped by node
};

}  // namespace adviz
