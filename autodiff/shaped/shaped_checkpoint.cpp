#include "autodiff/shaped/shaped_checkpoint.hpp"

#include <algorithm>

#include "autodiff/checkpoint/checkpoint_sweep.hpp"  // StrategySchedule

namespace adviz::shaped {
namespace {

bool isOperation(const Node& n) { return n.kind != Kind::Input && n.kind != Kind::Scalar; }

// Runs a schedule over the shaped operations, copying the plain trace's steps into `out` as the
// schedule computes, recomputes and reverses them. The bookkeeping mirrors CheckpointSweep
// (checkpoint_sweep.hpp) step for step, with matrices for values: between actions state_ holds
// the matrices live at boundary position_; snapshots hold only matrices from before it.
class ShapedCheckpointRun {
public:
    ShapedCheckpointRun(const ShapedGraph& sg, const ShapedTrace& plain, ShapedTrace& out)
        : sg_(sg), plain_(plain), out_(out) {
        const auto n = static_cast<std::size_t>(sg.size());
        stepOf_.assign(n, -1);
        for (int id = 0; id < sg.size(); ++id)
            if (isOperation(sg[id])) {
                stepOf_[static_cast<std::size_t>(id)] = static_cast<int>(ops_.size());
                ops_.push_back(id);
            }
        // The last operation reading each matrix; an operation nothing reads is its own last use
        // (dropped once computed), an input nothing reads −1 (dropped at the start).
        lastUse_.assign(n, -1);
        for (int id = 0; id < sg.size(); ++id) {
            if (isOperation(sg[id])) lastUse_[static_cast<std::size_t>(id)] = stepOf_[static_cast<std::size_t>(id)];
        }
        for (int j = 0; j < operations(); ++j)
            for (int a : sg[ops_[static_cast<std::size_t>(j)]].operands)
                lastUse_[static_cast<std::size_t>(a)] = std::max(lastUse_[static_cast<std::size_t>(a)], j);
        primalOf_.assign(n, -1);
        adjointsOf_.assign(n, {});
        for (std::size_t k = 0; k < plain.steps.size(); ++k) {
            const ShapedStep& s = plain.steps[k];
            if (s.phase == Phase::Primal) primalOf_[static_cast<std::size_t>(s.node)] = static_cast<int>(k);
            else if (s.phase == Phase::Seed) seeds_.push_back(k);
            else if (s.phase == Phase::Adjoint) adjointsOf_[static_cast<std::size_t>(s.consumer)].push_back(k);
        }
        snapCount_.assign(n, 0);
    }

    int operations() const { return static_cast<int>(ops_.size()); }

    void run(StrategySchedule& schedule) {
        // Inputs and scalars first, as the plain trace has them; inputs are held from here.
        for (int id = 0; id < sg_.size(); ++id) {
            if (isOperation(sg_[id])) continue;
            copyPrimal(id, Phase::Primal);
            if (sg_[id].kind != Kind::Input) continue;
            if (lastUse_[static_cast<std::size_t>(id)] < 0) free(id);
            else state_.push_back(id);
        }
        playSchedule(schedule, *this);
        if (!seeded_) seed();  // a program without operations
        for (int id : state_) drop(id);
    }

private:
    template <class S, class E>
    friend void adviz::playSchedule(S&, E&);

    static std::size_t at(int id) { return static_cast<std::size_t>(id); }

    void copyPrimal(int id, Phase phase) {
        const int k = primalOf_[at(id)];
        if (k < 0) return;
        ShapedStep s = plain_.steps[static_cast<std::size_t>(k)];
        s.phase = phase;
        if (phase == Phase::Recompute) s.rule = "recompute " + label(sg_, id);
        out_.steps.push_back(std::move(s));
    }

    ShapedStep memoryStep(Phase phase, int id) const {
        ShapedStep s;
        s.phase = phase;
        s.node = id;
        s.shape = sg_[id].shape;
        return s;
    }

    void free(int id) {
        ShapedStep s = memoryStep(Phase::Free, id);
        s.rule = "free " + label(sg_, id);
        out_.steps.push_back(std::move(s));
    }

    // The run lets go of a matrix: gone from memory unless a snapshot holds it.
    void drop(int id) {
        if (snapCount_[at(id)] == 0) free(id);
    }

    // Forward over steps [from, to): recomputing those computed before. Advancing (!keep), a
    // matrix goes after its last use and those used from step `limit` on make the new state.
    void forward(int from, int to, bool keep, int limit) {
        for (int j = from; j < to; ++j) {
            const int z = ops_[at(j)];
            copyPrimal(z, j < frontier_ ? Phase::Recompute : Phase::Primal);
            if (keep) continue;
            const std::vector<std::int32_t>& operands = sg_[z].operands;
            for (std::size_t slot = 0; slot < operands.size(); ++slot) {
                const int a = operands[slot];
                if (!counted(a) || lastUse_[at(a)] != j) continue;
                if (std::find(operands.begin(), operands.begin() + static_cast<std::ptrdiff_t>(slot), a) !=
                    operands.begin() + static_cast<std::ptrdiff_t>(slot))
                    continue;  // x * x: dropped once
                drop(a);
            }
            if (lastUse_[at(z)] == j) drop(z);
            else if (lastUse_[at(z)] >= limit) state_.push_back(z);
        }
        frontier_ = std::max(frontier_, to);
    }

    bool counted(int id) const { return sg_[id].kind != Kind::Scalar; }

    void advance(int to) {
        std::erase_if(state_, [&](int u) {
            // Still held until its last use in the steps being advanced over (dropped there).
            return lastUse_[at(u)] < to;
        });
        forward(position_, to, false, to);
        position_ = to;
    }

    void takeshot(int boundary) {
        snapshots_.push_back(state_);
        const int next = ops_[at(boundary)];
        for (int u : state_)
            if (snapCount_[at(u)]++ == 0) {
                ShapedStep s = memoryStep(Phase::Checkpoint, u);
                const int k = primalOf_[at(u)];
                if (k >= 0) s.value = plain_.steps[static_cast<std::size_t>(k)].value;
                s.rule = "checkpoint " + label(sg_, u) + " (to restart at " + label(sg_, next) + ")";
                out_.steps.push_back(std::move(s));
            }
    }

    void restore(int boundary) {
        state_ = snapshots_.back();
        position_ = boundary;
    }

    void freeshot(int) {
        for (int u : snapshots_.back())
            if (--snapCount_[at(u)] == 0) free(u);
        snapshots_.pop_back();
    }

    void seed() {
        for (std::size_t k : seeds_) out_.steps.push_back(plain_.steps[k]);
        seeded_ = true;
    }

    // Records steps start … start+steps−1 keeping every matrix, then their adjoint rules last to
    // first; each matrix goes once its own operation is reversed, and then the boundary's.
    void turn(int start, int steps) {
        forward(start, start + steps, true, 0);
        if (!seeded_) seed();
        for (int j = start + steps - 1; j >= start; --j) {
            const int z = ops_[at(j)];
            for (std::size_t k : adjointsOf_[at(z)]) out_.steps.push_back(plain_.steps[k]);
            free(z);
        }
        for (int u : state_) drop(u);
        state_.clear();
        position_ = -1;
    }

    const ShapedGraph& sg_;
    const ShapedTrace& plain_;
    ShapedTrace& out_;
    std::vector<int> ops_;       // shaped id of each step
    std::vector<int> stepOf_;    // per shaped node: its step, or −1
    std::vector<int> lastUse_;   // per shaped node: the last step reading it
    std::vector<int> primalOf_;  // per shaped node: its primal step in the plain trace
    std::vector<std::vector<std::size_t>> adjointsOf_;  // per operation: its adjoint steps
    std::vector<std::size_t> seeds_;
    std::vector<int> snapCount_;
    std::vector<int> state_;
    std::vector<std::vector<int>> snapshots_;
    int position_ = 0;
    int frontier_ = 0;
    bool seeded_ = false;
};

}  // namespace

ShapedTrace traceShapedCheckpointed(const Graph& g, std::span<const double> x,
                                    std::span<const double> ybar, const Strategy& s) {
    ShapedTrace plain = traceShapedReverse(g, x, ybar);
    if (!g.shaped) return plain;
    ShapedTrace out;
    out.mode = plain.mode;
    out.outputs = plain.outputs;
    out.result = plain.result;
    ShapedCheckpointRun run(*g.shaped, plain, out);
    StrategySchedule schedule(s, run.operations());
    run.run(schedule);
    return out;
}

std::vector<Memory> shapedMemoryAt(const ShapedTrace& t, int shapedNodes, std::size_t steps) {
    std::vector<Memory> memory(static_cast<std::size_t>(std::max(shapedNodes, 0)), Memory::Unknown);
    // Every counted matrix leaves memory by the end of the sweep: those are the ones tracked.
    std::vector<bool> tracked(memory.size(), false);
    auto valid = [&](int id) { return id >= 0 && static_cast<std::size_t>(id) < memory.size(); };
    for (const ShapedStep& s : t.steps)
        if ((s.phase == Phase::Free || s.phase == Phase::Checkpoint) && valid(s.node))
            tracked[static_cast<std::size_t>(s.node)] = true;
    steps = std::min(steps, t.steps.size());
    for (std::size_t k = 0; k < steps; ++k) {
        const ShapedStep& s = t.steps[k];
        if (!valid(s.node) || !tracked[static_cast<std::size_t>(s.node)]) continue;
        Memory& m = memory[static_cast<std::size_t>(s.node)];
        switch (s.phase) {
            case Phase::Primal:
            case Phase::Recompute: m = Memory::Stored; break;
            case Phase::Checkpoint: m = Memory::Checkpoint; break;
            case Phase::Free: m = Memory::Freed; break;
            default: break;
        }
    }
    return memory;
}

bool hasMemorySteps(const ShapedTrace& t) {
    return std::any_of(t.steps.begin(), t.steps.end(), [](const ShapedStep& s) {
        return s.phase == Phase::Free || s.phase == Phase::Checkpoint;
    });
}

}  // namespace adviz::shaped
