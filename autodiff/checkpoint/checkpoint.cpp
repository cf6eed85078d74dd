#include "autodiff/checkpoint/checkpoint.hpp"

#include <algorithm>
#include <charconv>

#include "autodiff/checkpoint/checkpoint_sweep.hpp"
#include "autodiff/number_format.hpp"

namespace adviz {

namespace {

/// A whole positive int, nothing else: "8" → 8; "08x", "0", "-1", "" → nullopt.
std::optional<int> positive(std::string_view s) {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || v < 1) return std::nullopt;
    return v;
}

/// ⌈√n⌉ in integers (floating point could be off by one near perfect squares).
int ceilSqrt(int n) {
    int k = 1;
    while (static_cast<long long>(k) * k < n) ++k;
    return k;
}

}  // namespace

std::optional<Strategy> Strategy::parse(std::string_view text) {
    if (text == "store-all") return storeAll();
    if (text == "sqrt") return sqrt();
    for (auto [prefix, kind] : {std::pair{std::string_view("every:"), Every},
                                std::pair{std::string_view("binomial:"), Binomial}}) {
        if (!text.starts_with(prefix)) continue;
        auto n = positive(text.substr(prefix.size()));
        if (!n) return std::nullopt;
        return kind == Every ? every(*n) : binomial(*n);
    }
    return std::nullopt;
}

std::string Strategy::name() const {
    switch (kind) {
        case StoreAll: return "store-all";
        case Every: return k > 0 ? "every:" + std::to_string(k) : "sqrt";
        case Binomial: return "binomial:" + std::to_string(snapshots);
    }
    return "?";
}

int Strategy::segmentLength(int operations) const {
    switch (kind) {
        case StoreAll: return std::max(operations, 1);
        // A segment longer than the program is the whole program: K > T would also overflow
        // the segment count ⌈T/K⌉ = (T + K − 1)/K in int for K near INT_MAX.
        case Every: return k > 0 ? std::min(k, std::max(operations, 1)) : ceilSqrt(operations);
        case Binomial: return 1;  // Revolve reverses one step at a time
    }
    return 1;
}

StrategySchedule::StrategySchedule(const Strategy& strategy, int operations)
    : steps_(operations), k_(strategy.segmentLength(operations)) {
    if (strategy.kind == Strategy::Binomial) revolve_.emplace(operations, strategy.snapshots);
}

// every:k on T steps, m = ⌈T/k⌉ segments, the last one starting at b = (m − 1)·k:
//   forward:  takeshot 0, advance k, takeshot k, advance 2k, …, advance b, firsturn b (T − b steps)
//   backward: for each earlier segment, last first: restore, youturn (k steps), freeshot.
// The last segment is recorded straight away, so it is the one never recomputed. Store-all is
// k = T: one firsturn over everything. Actions are computed from their index, not stored.
bool StrategySchedule::next(Action& a) {
    if (revolve_) return revolve_->next(a);
    if (steps_ == 0) return false;
    const long long m = (static_cast<long long>(steps_) + k_ - 1) / k_;
    const long long forward = 2 * (m - 1);
    const auto boundary = [&](long long segment) { return static_cast<int>(segment * k_); };
    const long long i = at_++;
    if (i < forward) {
        a = i % 2 == 0 ? Action{Action::Takeshot, boundary(i / 2), 0}
                       : Action{Action::Advance, boundary(i / 2 + 1), 0};
        return true;
    }
    const int last = boundary(m - 1);
    if (i == forward) {
        a = {Action::Firsturn, last, steps_ - last};
        return true;
    }
    const long long j = i - forward - 1;
    if (j >= 3 * (m - 1)) return false;
    const int b = boundary(m - 2 - j / 3);
    switch (j % 3) {
        case 0: a = {Action::Restore, b, 0}; break;
        case 1: a = {Action::Youturn, b, k_}; break;
        default: a = {Action::Freeshot, b, 0}; break;
    }
    return true;
}

// The same text as domainWarnings (derivatives.cpp), for one node at its first evaluation: the
// checkpointed sweep never holds all values at once to call it.
std::optional<Warning> domainWarningAt(const Graph& g, int id, double a, double b, double y) {
    if (std::isfinite(y) || !std::isfinite(a) || !std::isfinite(b)) return std::nullopt;
    const Node& nd = g[id];
    const char* why = opDomainProblem(nd.op, a, b);
    std::string msg = why ? why : std::string(info(nd.op).name) + " overflowed";
    return Warning{id, g.wengertName(id) + " = " + g.definition(id) + ": " + msg + " (" +
                           formatExact(y) + ")"};
}

Liveness liveness(const Graph& g) {
    Liveness live;
    const auto n = static_cast<std::size_t>(g.size());
    live.lastUse.resize(n);
    live.steps.reserve(n - static_cast<std::size_t>(g.inputs));
    // Ids grow, so the last consumer to write lastUse is the last use.
    for (int id = 0; id < g.size(); ++id) {
        const Node& nd = g[id];
        live.lastUse[static_cast<std::size_t>(id)] = id;
        if (nd.op == Op::Const) live.constants.push_back(id);
        if (nd.op == Op::Const || nd.op == Op::Input) continue;
        live.steps.push_back(id);
        live.lastUse[static_cast<std::size_t>(nd.a)] = id;
        if (nd.b >= 0) live.lastUse[static_cast<std::size_t>(nd.b)] = id;
    }
    for (int c : live.constants) live.lastUse[static_cast<std::size_t>(c)] = -1;
    return live;
}

std::vector<int> liveAt(const Graph& g, const Liveness& live, int boundary) {
    std::vector<int> out;
    const int next = live.steps.at(static_cast<std::size_t>(boundary));
    for (int id = 0; id < next; ++id)
        if (g[id].op != Op::Const && live.lastUse[static_cast<std::size_t>(id)] >= next)
            out.push_back(id);
    return out;
}

CheckpointResult checkpointedGradient(const Graph& g, const Liveness& live,
                                      std::span<const double> x, std::span<const double> ybar,
                                      const Strategy& strategy, bool recordMemory) {
    NoCheckpointRecord rec;
    CheckpointSweep<NoCheckpointRecord> sweep(g, live, x, ybar, rec, recordMemory);
    StrategySchedule schedule(strategy, sweep.operations());
    return sweep.run(schedule);
}

CheckpointResult checkpointedGradient(const Graph& g, std::span<const double> x,
                                      std::span<const double> ybar, const Strategy& strategy,
                                      bool recordMemory) {
    return checkpointedGradient(g, liveness(g), x, ybar, strategy, recordMemory);
}

std::vector<Action> checkpointSchedule(const Strategy& strategy, int operations) {
    StrategySchedule schedule(strategy, operations);
    std::vector<Action> list;
    Action a;
    while (schedule.next(a)) list.push_back(a);
    return list;
}

}  // namespace adviz
