#pragma once
// Repeated structure in a program: an unrolled loop (a 64-layer network, a recurrence of 10⁵
// steps) is one body of operations written out N times. Found from the graph alone, never from
// the text: iteration i+1 has the same operations in the same order as iteration i, and each
// operand is wired the same way relative to it — inside the same iteration at the same offset,
// in the previous iteration at the same offset, or the same node outside the block (a constant
// counts by its value). The first iteration may instead read the loop's initial state from
// anywhere before the block. The window draws such a program rolled up (one body, ×N).

#include <cstdint>
#include <vector>

#include "autodiff/graph.hpp"

namespace adviz {

struct Repetition {
    // Leaves (inputs, constants) sit between operations in the node list wherever they first
    // appear, so iterations are counted in operations: ops[start + i·length + k] is offset k
    // of iteration i.
    std::vector<int> ops;   ///< every operation node of the graph, in order (leaves skipped)
    int start = 0;          ///< index into ops of the first operation of iteration 0
    int length = 0;         ///< operations per iteration (the body)
    int count = 0;          ///< iterations; 0: no repetition found
    int firstNode = -1;     ///< node id of the body's first operation (ops[start])
    int prefixOps = 0;      ///< operations before the block (= start)
    int suffixOps = 0;      ///< operations after it

    bool found() const { return count > 0; }
    /// Operations inside the block (count × length).
    long long coveredOps() const { return static_cast<long long>(count) * length; }
    /// Node id of offset k of iteration i.
    int node(int iteration, int offset) const {
        return ops[static_cast<std::size_t>(start + iteration * length + offset)];
    }
};

/// Where a node stands relative to a repetition.
struct RepetitionPlace {
    int iteration = -1;  ///< -1: outside the block (a leaf, the prefix or the suffix)
    int offset = -1;
};

/// Only repetitions of at least this many iterations covering at least this many operations
/// are reported: rolling up fewer hides more than it saves.
struct RepetitionLimits {
    int minCount = 3;
    int minCoveredOps = 12;
};

/// The longest repeated run in g (most operations covered; the shorter body on a tie), or a
/// Repetition with count 0. Near-linear: one hashing pass proposes body lengths, each checked
/// by one linear pass (a 10⁵-step recurrence takes a few milliseconds).
Repetition findRepetition(const Graph& g, RepetitionLimits limits = {});

/// For each node id, its iteration and offset in r (or -1, -1).
std::vector<RepetitionPlace> placesOf(const Graph& g, const Repetition& r);

}  // namespace adviz
