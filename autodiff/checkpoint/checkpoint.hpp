#pragma once
// Gradient checkpointing: reverse mode that keeps only some values of the forward pass and
// recomputes the rest during the backward sweep, trading time for memory.
//
// The operations of the Wengert list are the steps of a chain: step i computes the i-th
// operation (inputs and constants are not steps), boundary i is the moment before it. To go on
// from boundary i one needs its live values: those computed before it (inputs included) and
// used by step i or a later one. A snapshot (checkpoint) at boundary i keeps exactly those, so
// the same schedules serve chains, where one value crosses each boundary, and any program.
//
// A schedule (revolve.hpp) moves forward keeping only live values (advance), snapshots,
// and reverses steps by recording them and running the backward sweep over them (a turn):
//   • store-all: one turn over all T steps, today's reverse mode;
//   • every:K: a snapshot every K steps, each segment recomputed from its snapshot before it is
//     reversed; "sqrt" is K = ⌈√T⌉, about 2√T values kept for about one extra forward pass;
//   • binomial:S: Revolve with S snapshots, the fewest recomputations possible with S.
// The backward sweep visits operations last to first and accumulates into the operands'
// adjoints with the same partials, in the same order, as reverseSweep: the gradient is the
// same bit for bit.
//
// What it costs: a turn records its steps by evaluating them, the first time or again from a
// snapshot (as Revolve counts: a snapshot holds a state to restart from, not recorded values).
// Each evaluation of an operation after its first is a recomputation: binomial:S recomputes
// exactly Revolve's r·T − β(S + 1, r − 1) (revolve.hpp), every:K all but its last segment.
//
// What is counted: a value is in memory from the moment it is computed (or the sweep starts,
// for inputs) until neither a snapshot nor the sweep still needs it; a value held by several
// snapshots counts once. Constants are part of the program and never count, nor do adjoints
// (reverse mode keeps one per node whatever the strategy). The engine addresses values by node
// id in an array, as every sweep here does, so the counts say how many values a tape would
// hold; a freed slot is overwritten with NaN, so using a value the schedule has dropped would
// show in the gradient.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/checkpoint/revolve.hpp"
#include "autodiff/graph.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz {

/// How a checkpointed reverse sweep chooses what to keep.
struct Strategy {
    enum Kind : std::uint8_t { StoreAll, Every, Binomial };
    Kind kind = Every;
    int k = 0;          ///< Every: steps between snapshots; 0 means ⌈√T⌉ ("sqrt")
    int snapshots = 0;  ///< Binomial: snapshots s ≥ 1, the one holding the inputs included

    static Strategy storeAll() { return {StoreAll, 0, 0}; }
    static Strategy sqrt() { return {Every, 0, 0}; }
    static Strategy every(int k) { return {Every, k, 0}; }
    static Strategy binomial(int s) { return {Binomial, 0, s}; }

    /// "store-all", "sqrt", "every:K" (K ≥ 1), "binomial:S" (S ≥ 1); nullopt for anything else.
    static std::optional<Strategy> parse(std::string_view text);
    /// The text parse() reads: "store-all", "sqrt", "every:8", "binomial:5".
    std::string name() const;
    /// Steps per segment for a program of T operations (Every, StoreAll: T).
    int segmentLength(int operations) const;
};

/// Which values each step needs, computed once per program (one pass) and reusable for any
/// point, seed and strategy.
struct Liveness {
    std::vector<int> steps;    ///< node id of each operation, in order: step i computes steps[i]
    std::vector<int> lastUse;  ///< per node: the last operation using it (itself if none; −1 for
                               ///< constants, which are never held)
    std::vector<int> constants;  ///< ids of the constants (part of the program, always known)
};

/// The liveness of g's values.
Liveness liveness(const Graph& g);

/// The live values at boundary i (0 ≤ i < T), computed before step i and used by it or a later
/// step: what a checkpoint there holds. O(size of g); for the GUI and the tests.
std::vector<int> liveAt(const Graph& g, const Liveness& live, int boundary);

/// What a checkpointed sweep produced and what it cost.
struct CheckpointResult {
    std::vector<double> gradient;    ///< ȳᵀJ per input (the gradient for a one-hot seed)
    std::vector<double> outputs;     ///< values per output
    int operations = 0;              ///< T: operations in the program (the steps)
    int peakStored = 0;              ///< most values in memory at once (see the file comment)
    int snapshots = 0;               ///< snapshots taken
    int maxSnapshots = 0;            ///< most snapshots held at once
    long long recomputedOps = 0;     ///< forward evaluations beyond the first of each operation
    long long totalOps = 0;          ///< forward evaluations in all: operations + recomputedOps
    /// Values in memory at each tick of the sweep: [0] once the inputs are read, then one entry
    /// per forward evaluation and one per operation of the backward sweep, each counting the
    /// values held while that step runs (its operands and result included). Its maximum is
    /// peakStored. Empty unless asked for.
    std::vector<int> aliveOverTime;
    std::vector<Warning> warnings;   ///< domain problems, as evaluateAt reports them
};

/// Reverse mode with checkpointing: ȳᵀJ at x, with the counts. recordMemory fills
/// aliveOverTime (three ints per operation; off for the command line and the benchmark).
CheckpointResult checkpointedGradient(const Graph& g, std::span<const double> x,
                                      std::span<const double> ybar, const Strategy& strategy,
                                      bool recordMemory = true);
/// The same with the liveness computed beforehand (saves a pass over the program per call).
CheckpointResult checkpointedGradient(const Graph& g, const Liveness& live,
                                      std::span<const double> x, std::span<const double> ybar,
                                      const Strategy& strategy, bool recordMemory = true);

/// The schedule a strategy follows on T operations, as a list (long for large T: ~3T actions
/// for binomial, ~4T/K for every:K).
std::vector<Action> checkpointSchedule(const Strategy& strategy, int operations);

/// Records a checkpointed reverse sweep: primal steps the first time each value is computed,
/// Checkpoint steps when a value enters a snapshot, Free steps when a value leaves memory,
/// Recompute steps when a value is computed again from a snapshot, and the seed and adjoint
/// steps exactly as traceReverse records them, in the same order. NodeState::memory replays
/// where each value is.
Trace traceCheckpointed(const Graph& g, std::span<const double> x,
                        std::span<const double> ybar, const Strategy& strategy,
                        StepSink sink = {});

}  // namespace adviz
