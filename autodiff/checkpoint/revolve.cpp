#include "autodiff/checkpoint/revolve.hpp"

#include <algorithm>
#include <stdexcept>

namespace adviz {

namespace {

constexpr long long betaCap = 1LL << 62;

/// The β values the splitting rule needs, found while searching r (one pass, O(r)).
struct Betas {
    int r = 0;              // smallest r with β(s, r) ≥ l
    long long atR = 1;      // β(s, r)
    long long atR1 = 0;     // β(s, r − 1)
    long long atR2 = 0;     // β(s, r − 2)
};

Betas betasFor(long long l, int s) {
    Betas b;
    // β(s, r) = β(s, r − 1)·(s + r)/r: C(s+r, r) from C(s+r−1, r−1), exact in integers. While
    // searching, β(s, r − 1) < l < 2³¹ and s ≤ l, so the product stays below 2⁶³.
    while (b.atR < l) {
        ++b.r;
        b.atR2 = b.atR1;
        b.atR1 = b.atR;
        b.atR = b.atR * (s + b.r) / b.r;
    }
    return b;
}

}  // namespace

const char* actionName(Action::Kind kind) {
    switch (kind) {
        case Action::Advance: return "advance";
        case Action::Takeshot: return "takeshot";
        case Action::Restore: return "restore";
        case Action::Firsturn: return "firsturn";
        case Action::Youturn: return "youturn";
        case Action::Freeshot: return "freeshot";
    }
    return "?";
}

long long revolveBeta(int s, int r) {
    if (r < 0 || s < 0) return 0;
    // C(n, k) with n = s + r and k = min(s, r): k multiplications, each exact.
    const long long n = static_cast<long long>(s) + r;
    const long long k = std::min(s, r);
    long long c = 1;
    for (long long i = 1; i <= k; ++i) {
        const long long factor = n - k + i;
        if (c > betaCap / factor) return betaCap;
        c = c * factor / i;
    }
    return std::min(c, betaCap);
}

int revolveRepetitions(long long steps, int snapshots) {
    if (snapshots < 1) throw std::invalid_argument("revolve needs at least one snapshot");
    if (steps <= 1) return 0;
    // More snapshots than steps change nothing: cap s so β stays small while searching.
    const int s = static_cast<int>(std::min<long long>(snapshots, steps));
    return betasFor(steps, s).r;
}

long long revolveAdvances(long long steps, int snapshots) {
    if (steps <= 1) return 0;
    const int s = static_cast<int>(std::min<long long>(snapshots, steps));
    const int r = revolveRepetitions(steps, s);
    // t(l, s) = r·l − β(s + 1, r − 1)  (Griewank & Walther 2000, Proposition 1)
    return static_cast<long long>(r) * steps - revolveBeta(s + 1, r - 1);
}

int revolveSplit(int steps, int snapshots) {
    const long long l = steps;
    const int s = static_cast<int>(std::min<long long>(snapshots, l));
    const Betas b = betasFor(l, s);
    // Advancing m steps, snapshotting there, reversing the last l − m steps with s − 1
    // snapshots and then the first m with s costs C(m) = m + t(l − m, s − 1) + t(m, s). t(·, s)
    // is convex and piecewise linear, the piece of slope ρ being ρ·l − β(s + 1, ρ − 1) on
    // β(s, ρ − 1) ≤ l ≤ β(s, ρ); each piece's line lies below t. Taking ρ = r − 1 for the first
    // part and ρ = r for the second, C(m) ≥ r·l − β(s, r − 1) − β(s + 1, r − 2) = t(l, s)
    // (Pascal's rule), with equality exactly when both parts lie on those pieces:
    //     β(s, r − 2) ≤ m ≤ β(s, r − 1)  and  β(s − 1, r − 1) ≤ l − m ≤ β(s − 1, r).
    // Pascal again: β(s − 1, r) = β(s, r) − β(s, r − 1) and
    //               β(s − 1, r − 1) = β(s, r − 1) − β(s, r − 2).
    const long long secondMax = b.atR - b.atR1;   // β(s − 1, r)
    const long long secondMin = b.atR1 - b.atR2;  // β(s − 1, r − 1)
    const long long lo = std::max(b.atR2, l - secondMax);
    const long long hi = std::min(b.atR1, l - secondMin);
    if (lo > hi) throw std::logic_error("revolve: no optimal split");  // t is not what we think
    // Any m in [lo, hi] is optimal; the largest keeps the part reversed first the shortest.
    return static_cast<int>(std::clamp<long long>(hi, 1, l - 1));
}

Revolve::Revolve(int steps, int snapshots) {
    if (snapshots < 1) throw std::invalid_argument("revolve needs at least one snapshot");
    if (steps <= 0) return;
    snapshots = std::min(snapshots, steps);
    if (steps == 1) {  // nothing to go back to: record the step and reverse it
        stack_.push_back({false, 0, 1, snapshots});
        return;
    }
    // The inputs (boundary 0) take the first snapshot, dropped once everything is reversed.
    stack_.push_back({true, 0, 0, 0});
    stack_.push_back({false, 0, steps, snapshots});
    out_[0] = {Action::Takeshot, 0, 0};
    outCount_ = 1;
}

bool Revolve::next(Action& a) {
    while (outAt_ == outCount_) {
        if (stack_.empty()) return false;
        const Task t = stack_.back();
        stack_.pop_back();
        outAt_ = outCount_ = 0;
        expand(t);
    }
    a = out_[outAt_++];
    return true;
}

// One task: reverse steps start … start+length−1, the state at start being held (a snapshot,
// or the current state). Tasks go on a stack in the reverse of the order they run in.
void Revolve::expand(const Task& t) {
    if (t.freeshot) {
        out_[outCount_++] = {Action::Freeshot, t.start, 0};
        return;
    }
    if (position_ != t.start) out_[outCount_++] = {Action::Restore, t.start, 0};
    if (t.length == 1) {
        out_[outCount_++] = {turned_ ? Action::Youturn : Action::Firsturn, t.start, 1};
        turned_ = true;
        position_ = -1;
        return;
    }
    const int m = revolveSplit(t.length, t.snapshots);
    out_[outCount_++] = {Action::Advance, t.start + m, 0};
    position_ = t.start + m;
    stack_.push_back({false, t.start, m, t.snapshots});  // last: the first m steps
    if (t.length - m >= 2) {
        // A single step left needs no snapshot: it is reversed straight away.
        out_[outCount_++] = {Action::Takeshot, t.start + m, 0};
        stack_.push_back({true, t.start + m, 0, 0});
    }
    stack_.push_back({false, t.start + m, t.length - m, t.snapshots - 1});  // first: the rest
}

std::vector<Action> revolveSchedule(int steps, int snapshots) {
    Revolve r(steps, snapshots);
    std::vector<Action> list;
    Action a;
    while (r.next(a)) list.push_back(a);
    return list;
}

}  // namespace adviz
