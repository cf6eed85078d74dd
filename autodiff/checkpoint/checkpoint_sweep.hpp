#pragma once
// The checkpointed reverse sweep: one executor for every schedule (revolve.hpp), with a
// recorder policy as in sweep.hpp, so checkpointedGradient (checkpoint.cpp) and
// traceCheckpointed (checkpoint_trace.cpp) run the same loops. What it keeps and counts is
// explained in checkpoint.hpp.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/checkpoint/revolve.hpp"
#include "autodiff/dual.hpp"
#include "autodiff/op_table.hpp"

namespace adviz {

/// Records nothing: the fast path.
struct NoCheckpointRecord {
    static constexpr bool enabled = false;
    void primal(int, const double*) {}
    void recompute(int, const double*) {}
    void checkpoint(int, double, int) {}
    void free(int) {}
    void seed(int, double, double, double) {}
    void adjoint(int, int, int, double, double, double, double) {}
};

/// The actions a strategy takes on T operations, one at a time (nothing long is stored).
class StrategySchedule {
public:
    StrategySchedule(const Strategy& strategy, int operations);
    bool next(Action& a);

private:
    std::optional<Revolve> revolve_;
    int steps_ = 0, k_ = 1;   // every:k (store-all: k = T)
    long long at_ = 0;        // index of the next uniform action
};

/// Plays a schedule (anything with bool next(Action&)) on an executor with advance, takeshot,
/// restore, turn and freeshot: CheckpointSweep below and the sweep over matrix operations
/// (shaped/shaped_checkpoint.cpp) read the actions the same way.
template <class Schedule, class Executor>
void playSchedule(Schedule& schedule, Executor& e) {
    Action a;
    while (schedule.next(a)) {
        switch (a.kind) {
            case Action::Advance: e.advance(a.boundary); break;
            case Action::Takeshot: e.takeshot(a.boundary); break;
            case Action::Restore: e.restore(a.boundary); break;
            case Action::Firsturn:
            case Action::Youturn: e.turn(a.boundary, a.steps); break;
            case Action::Freeshot: e.freeshot(a.boundary); break;
        }
    }
}

/// The warning evaluateAt gives for node id whose value y is not finite (operands a, b).
std::optional<Warning> domainWarningAt(const Graph& g, int id, double a, double b, double y);

/// Runs one schedule over a graph: see checkpoint.hpp. The loops are lean on purpose: √T
/// checkpointing is meant to cost about one extra forward pass and no more. Invariants:
///   • between actions, state_ lists the values of the current state: the live values at
///     boundary position_ (after a turn there is none);
///   • snapshots only hold values from before the current boundary, so a value being computed
///     is never in one;
///   • a freshly computed value is always new in memory: alive_ grows by one per evaluation.
template <class Rec>
class CheckpointSweep {
public:
    CheckpointSweep(const Graph& g, const Liveness& live, std::span<const double> x,
                    std::span<const double> ybar, Rec& rec, bool recordMemory)
        : g_(g), ops_(live.steps), lastUse_(live.lastUse), x_(x), ybar_(ybar), rec_(rec),
          series_(recordMemory) {
        const auto n = static_cast<std::size_t>(g.size());
        snapCount_ = zeroed<int>(n);
        value_ = zeroed<double>(n);  // values are written before they are read
        adjoint_ = zeroed<double>(n);
        for (int c : live.constants) value_[at(c)] = g[c].constant;  // always there
        r_.operations = operations();
        r_.outputs.assign(g.outputs.size(), 0.0);
        for (std::size_t j = 0; j < g.outputs.size(); ++j) {
            const int o = g.outputs[j].node;
            if (g[o].op == Op::Input) r_.outputs[j] = x[static_cast<std::size_t>(o)];
            else if (g[o].op == Op::Const) r_.outputs[j] = g[o].constant;
            else pendingOutputs_.emplace_back(o, j);
        }
        std::sort(pendingOutputs_.begin(), pendingOutputs_.end());
        pendingOutputs_.emplace_back(-1, 0);  // sentinel: no node is −1
    }

    int operations() const { return static_cast<int>(ops_.size()); }

    /// Runs a schedule (anything with bool next(Action&)) and returns the result.
    template <class Schedule>
    CheckpointResult run(Schedule& schedule) {
        // The sweep starts holding the inputs; those no operation uses go at once.
        for (int i = 0; i < g_.inputs; ++i) {
            value_[at(i)] = x_[static_cast<std::size_t>(i)];
            ++alive_;
            rec_.primal(i, value_.get());
        }
        tick();
        for (int i = 0; i < g_.inputs; ++i) {
            if (lastUse_[at(i)] == i) drop(i);
            else state_.push_back(i);
        }
        playSchedule(schedule, *this);
        if (!seeded_) seed();  // a program without operations
        if (reversed_ != operations() || alive_ != 0 || !snapshots_.empty())
            throw std::logic_error("checkpoint schedule did not reverse every step");
        r_.gradient.assign(adjoint_.get(), adjoint_.get() + g_.inputs);
        r_.totalOps = r_.operations + r_.recomputedOps;
        return std::move(r_);
    }

private:
    template <class S, class E>
    friend void playSchedule(S&, E&);

    // Arrays that start as zeros: calloc hands out pages the system zeroes on first touch,
    // sparing a pass that writes zeros over megabytes (the snapshot counts are mostly never
    // touched at all).
    struct FreeDeleter {
        void operator()(void* p) const { std::free(p); }
    };
    template <class T>
    using Zeroed = std::unique_ptr<T[], FreeDeleter>;
    template <class T>
    static Zeroed<T> zeroed(std::size_t n) {
        static_assert(std::is_trivial_v<T>);
        auto* p = static_cast<T*>(std::calloc(std::max<std::size_t>(n, 1), sizeof(T)));
        if (!p) throw std::bad_alloc();
        return Zeroed<T>(p);
    }

    struct Snapshot {
        int boundary;
        std::size_t begin;  // its values are saved_[begin …]
    };

    static void require(bool ok, const char* what) {
        if (!ok) throw std::logic_error(what);
    }
    static std::size_t at(int id) { return static_cast<std::size_t>(id); }

    // The sweep lets go of u's value; gone from memory unless a snapshot holds it.
    void drop(int u) {
        value_[at(u)] = std::numeric_limits<double>::quiet_NaN();  // using it now would show
        if (snapCount_[at(u)] == 0) {
            --alive_;
            rec_.free(u);
        }
    }

    // One moment of the memory chart: the values held while a step runs.
    void tick() {
        r_.peakStored = std::max(r_.peakStored, alive_);
        if (series_) r_.aliveOverTime.push_back(alive_);
    }

    // The first evaluation of w gave y: the only time outputs and warnings are read.
    void firstValue(int w, double y) {
        while (pendingOutputs_[nextOutput_].first == w)
            r_.outputs[pendingOutputs_[nextOutput_++].second] = y;
        if (!std::isfinite(y)) [[unlikely]] {
            const Node& nd = g_[w];
            const double b = nd.b >= 0 ? value_[at(nd.b)] : 0.0;
            if (auto warning = domainWarningAt(g_, w, value_[at(nd.a)], b, y))
                r_.warnings.push_back(std::move(*warning));
        }
    }

    // Forward over steps [from, to). Advancing (Keep = false), each value goes after its last
    // use; recording (Keep = true), everything stays for the backward sweep. The hot loop of
    // the whole sweep: counters live in locals, members are written back at the end.
    // Advancing to a boundary whose first operation is `limit`, the values used at or after it
    // are the new state.
    template <bool First, bool Keep>
    void forwardOver(int from, int to, int limit) {
        if (from >= to) return;
        const Node* nodes = g_.nodes.data();
        const int* ops = ops_.data();
        double* value = value_.get();
        const int* lastUse = lastUse_.data();
        const int* snapCount = snapCount_.get();
        int nextOutput = pendingOutputs_[nextOutput_].first;
        int alive = alive_, peak = r_.peakStored;
        // Snapshots only hold values from before the boundary of the state: newer ones are in
        // none, and the test below spares reading their snapshot count.
        const int fresh = ops_[at(from)];
        auto drop = [&](int u) {
            value[u] = std::numeric_limits<double>::quiet_NaN();  // using it now would show
            if (u >= fresh || snapCount[u] == 0) {
                --alive;
                rec_.free(u);
            }
        };
        for (int j = from; j < to; ++j) {
            const int w = ops[j];
            const Node& nd = nodes[w];
            // Operands by reference into the array, as evaluate() passes them: copying them
            // out first puts a store and a reload on the critical path of a chain.
            const double& a = value[nd.a];
            const double& b = nd.b >= 0 ? value[nd.b] : a;
            const double y = opValue(nd.op, a, b);
            value[w] = y;
            ++alive;  // a value being computed is new in memory, never in a snapshot
            if constexpr (First) {
                if (w == nextOutput || !std::isfinite(y)) [[unlikely]] {
                    firstValue(w, y);
                    nextOutput = pendingOutputs_[nextOutput_].first;
                }
                rec_.primal(w, value);
            } else {
                rec_.recompute(w, value);
            }
            peak = std::max(peak, alive);
            if (series_) r_.aliveOverTime.push_back(alive);
            if constexpr (!Keep) {
                if (lastUse[nd.a] == w) drop(nd.a);
                if (nd.b >= 0 && nd.b != nd.a && lastUse[nd.b] == w) drop(nd.b);
                if (lastUse[w] == w) drop(w);  // nothing uses it (an output, say)
                else if (lastUse[w] >= limit) state_.push_back(w);
            }
        }
        alive_ = alive;
        r_.peakStored = peak;
        if constexpr (!First) r_.recomputedOps += to - from;
        frontier_ = std::max(frontier_, to);
    }

    // Forward over [from, to), splitting off the steps computed for the first time.
    template <bool Keep>
    void forward(int from, int to, int limit = 0) {
        const int mid = std::clamp(frontier_, from, to);
        forwardOver<false, Keep>(from, mid, limit);
        forwardOver<true, Keep>(mid, to, limit);
    }

    // Forward to boundary `to`, keeping only live values: each goes after its last use. The
    // state then is what the old one and the new values hold that is used from `to` on.
    void advance(int to) {
        require(position_ >= 0 && to >= position_ && to < operations(), "bad advance");
        const int limit = ops_[at(to)];
        std::erase_if(state_, [&](int u) { return lastUse_[at(u)] < limit; });
        forward<false>(position_, to, limit);
        position_ = to;
    }

    // Copies the live values of this boundary.
    void takeshot(int boundary) {
        require(boundary == position_ && boundary < operations(), "bad takeshot");
        snapshots_.push_back({boundary, saved_.size()});
        const int next = ops_[at(boundary)];
        for (int u : state_) {
            saved_.emplace_back(u, value_[at(u)]);
            if (snapCount_[at(u)]++ == 0) rec_.checkpoint(u, value_[at(u)], next);
        }
        ++r_.snapshots;
        r_.maxSnapshots = std::max(r_.maxSnapshots, static_cast<int>(snapshots_.size()));
    }

    // The newest snapshot becomes the current state (its values were counted all along).
    void restore(int boundary) {
        require(!snapshots_.empty() && snapshots_.back().boundary == boundary, "bad restore");
        require(position_ < 0, "restore while holding a state");
        state_.clear();
        for (std::size_t k = snapshots_.back().begin; k < saved_.size(); ++k) {
            value_[at(saved_[k].first)] = saved_[k].second;
            state_.push_back(saved_[k].first);
        }
        position_ = boundary;
    }

    void freeshot(int boundary) {
        require(!snapshots_.empty() && snapshots_.back().boundary == boundary, "bad freeshot");
        require(position_ < 0, "freeshot while holding a state");
        for (std::size_t k = snapshots_.back().begin; k < saved_.size(); ++k) {
            const int u = saved_[k].first;
            if (--snapCount_[at(u)] == 0) {
                --alive_;
                rec_.free(u);
            }
        }
        saved_.resize(snapshots_.back().begin);
        snapshots_.pop_back();
    }

    void seed() {
        for (std::size_t j = 0; j < g_.outputs.size(); ++j) {
            const auto out = at(g_.outputs[j].node);
            const double before = adjoint_[out];
            adjoint_[out] = before + ybar_[j];
            rec_.seed(static_cast<int>(j), before, adjoint_[out], ybar_[j]);
        }
        seeded_ = true;
    }

    // Records steps start … start+steps−1 keeping every value, then runs the backward sweep
    // over them, last to first, letting each value go once its own step is reversed (its
    // consumers came before), and finally the values of the boundary.
    void turn(int start, int steps) {
        require(start == position_ && steps >= 1 && start + steps <= operations(), "bad turn");
        forward<true>(start, start + steps);
        if (!seeded_) seed();
        backwardOver(start, start + steps);
        for (int u : state_) drop(u);
        state_.clear();
        reversed_ += steps;
        position_ = -1;
    }

    // reverseSweep's loop over steps [from, to), last to first: same partials, same order, same
    // arithmetic, so the same bits. Each value is dropped after its own step.
    void backwardOver(int from, int to) {
        const Node* nodes = g_.nodes.data();
        const int* ops = ops_.data();
        double* value = value_.get();
        double* adjoint = adjoint_.get();
        int alive = alive_;
        for (int j = to - 1; j >= from; --j) {
            const int id = ops[j];
            const Node& nd = nodes[id];
            const double vbar = adjoint[id];
            // Nothing flows back from a zero adjoint; skip the partials unless a trace wants them.
            if (Rec::enabled || !isZero(vbar)) {
                const double& a = value[nd.a];
                const double& b = nd.b >= 0 ? value[nd.b] : a;
                double partial[2];
                opPartials(nd.op, a, b, value[id], partial[0], partial[1]);
                const int arity = nd.b >= 0 ? 2 : 1;
                for (int slot = 0; slot < arity; ++slot) {
                    const int u = nd.operand(slot);
                    if (nodes[u].op == Op::Const) continue;
                    const double before = adjoint[u];
                    adjoint[u] = before + chainTerm(partial[slot], vbar);  // accumulate
                    if constexpr (Rec::enabled)
                        rec_.adjoint(u, id, slot, partial[slot], vbar, before, adjoint[u]);
                }
            }
            if (series_) r_.aliveOverTime.push_back(alive);
            value[id] = std::numeric_limits<double>::quiet_NaN();  // recorded: in no snapshot
            --alive;
            rec_.free(id);
        }
        alive_ = alive;
    }

    const Graph& g_;
    const std::vector<int>& ops_;      // node id of each step
    const std::vector<int>& lastUse_;  // per node
    std::span<const double> x_, ybar_;
    Rec& rec_;
    bool series_;
    Zeroed<int> snapCount_;            // per node: snapshots holding the value
    Zeroed<double> value_;             // per node: the value while held, NaN once freed
    Zeroed<double> adjoint_;           // per node
    std::vector<int> state_;           // the current state: live values at position_
    std::vector<Snapshot> snapshots_;
    std::vector<std::pair<int, double>> saved_;  // the snapshots' values, oldest first
    std::vector<std::pair<int, std::size_t>> pendingOutputs_;  // (node, output) by node
    std::size_t nextOutput_ = 0;
    int position_ = 0;   // boundary of the current state; −1 right after a turn
    int frontier_ = 0;   // steps computed at least once
    int alive_ = 0;      // values in memory
    int reversed_ = 0;
    bool seeded_ = false;
    CheckpointResult r_;
};

}  // namespace adviz
