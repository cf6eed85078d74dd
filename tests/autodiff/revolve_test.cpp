// Revolve's binomial schedule: its closed-form cost against a brute-force dynamic program, and
// its actions replayed by an independent simulator (valid, within s snapshots, optimal).

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <vector>

#include "autodiff/checkpoint/revolve.hpp"

using namespace adviz;

namespace {

constexpr long long inf = std::numeric_limits<long long>::max() / 4;

/// F[l][s]: the fewest advances to reverse l steps from a held state with s snapshots (that one
/// included), by trying every first snapshot position m:
///     F(1, s) = 0,  F(l ≥ 2, 0) = ∞,  F(l, s) = min over m of m + F(l − m, s − 1) + F(m, s).
/// (Advance m steps, snapshot there unless one step is left, reverse the last l − m steps with
/// the remaining snapshots, then the first m from the start again.)
struct Table {
    int width;
    std::vector<long long> cells;
    Table(int steps, int snapshots)
        : width(snapshots + 1), cells(static_cast<std::size_t>((steps + 1) * width), inf) {}
    long long& operator()(int l, int s) { return cells[static_cast<std::size_t>(l * width + s)]; }
};

Table bruteForce(int maxSteps, int maxSnapshots) {
    Table f(maxSteps, maxSnapshots);
    for (int s = 0; s <= maxSnapshots; ++s) f(1, s) = 0;
    for (int l = 2; l <= maxSteps; ++l)
        for (int s = 1; s <= maxSnapshots; ++s) {
            long long best = inf;
            for (int m = 1; m < l; ++m) best = std::min(best, m + f(l - m, s - 1) + f(m, s));
            f(l, s) = best;
        }
    return f;
}

/// What replaying a schedule found: advances, most snapshots held, turns in order.
struct Replay {
    long long advances = 0;
    int maxHeld = 0;
    int firsturns = 0;
    std::vector<int> reversed;  // steps in the order they were reversed
};

/// Replays actions on a chain of T steps, checking each against the state it needs.
Replay replay(const std::vector<Action>& actions, int steps) {
    Replay r;
    std::vector<int> held;  // boundaries of the snapshots, oldest first
    int position = 0;
    for (const Action& a : actions) {
        INFO(actionName(a.kind) << " " << a.boundary << " at " << position);
        switch (a.kind) {
            case Action::Advance:
                REQUIRE(position >= 0);
                REQUIRE(a.boundary > position);
                REQUIRE(a.boundary < steps);
                r.advances += a.boundary - position;
                position = a.boundary;
                break;
            case Action::Takeshot:
                REQUIRE(a.boundary == position);
                held.push_back(position);
                r.maxHeld = std::max(r.maxHeld, static_cast<int>(held.size()));
                break;
            case Action::Restore:
                REQUIRE(!held.empty());
                REQUIRE(held.back() == a.boundary);
                position = a.boundary;
                break;
            case Action::Freeshot:
                REQUIRE(!held.empty());
                REQUIRE(held.back() == a.boundary);
                held.pop_back();
                break;
            case Action::Firsturn:
            case Action::Youturn:
                REQUIRE(a.boundary == position);
                REQUIRE(a.steps == 1);
                if (a.kind == Action::Firsturn) {
                    CHECK(r.reversed.empty());
                    ++r.firsturns;
                }
                r.reversed.push_back(a.boundary);
                position = -1;  // the state is used up
                break;
        }
    }
    CHECK(held.empty());
    return r;
}

}  // namespace

TEST_CASE("beta(s, r) is the binomial coefficient C(s + r, s)", "[revolve]") {
    // Pascal's triangle, built by addition only.
    std::vector<std::vector<long long>> c(40);
    for (std::size_t n = 0; n < c.size(); ++n) {
        c[n].assign(n + 1, 1);
        for (std::size_t k = 1; k < n; ++k) c[n][k] = c[n - 1][k - 1] + c[n - 1][k];
    }
    for (std::size_t s = 0; s < 20; ++s)
        for (std::size_t r = 0; r < 20; ++r)
            CHECK(revolveBeta(static_cast<int>(s), static_cast<int>(r)) == c[s + r][s]);
    CHECK(revolveBeta(3, -1) == 0);
    CHECK(revolveBeta(1000, 1000) == (1LL << 62));  // saturates instead of overflowing
}

TEST_CASE("Revolve's formula r*l - beta(s+1, r-1) is the brute-force optimum", "[revolve]") {
    const int maxSteps = 150, maxSnapshots = 7;
    auto f = bruteForce(maxSteps, maxSnapshots);
    for (int s = 1; s <= maxSnapshots; ++s)
        for (int l = 1; l <= maxSteps; ++l) {
            INFO("l = " << l << ", s = " << s);
            const long long best = f(l, s);
            REQUIRE(revolveAdvances(l, s) == best);
            if (l < 2) continue;
            // The split Revolve picks is one of the optimal ones.
            const int m = revolveSplit(l, s);
            REQUIRE(m >= 1);
            REQUIRE(m < l);
            CHECK(m + f(l - m, s - 1) + f(m, s) == best);
        }
    SECTION("one snapshot: every step is advanced to from the start, l(l-1)/2 in all") {
        for (int l = 1; l < 100; ++l) CHECK(revolveAdvances(l, 1) == l * (l - 1) / 2);
    }
    SECTION("at least as many snapshots as steps: each step advanced once, the last never") {
        for (int l = 1; l < 100; ++l) CHECK(revolveAdvances(l, l) == std::max(0, l - 1));
    }
}

TEST_CASE("Revolve's schedule is valid, keeps to s snapshots and is optimal", "[revolve]") {
    auto f = bruteForce(90, 6);
    for (int s = 1; s <= 6; ++s)
        for (int steps = 1; steps <= 90; ++steps) {
            INFO("T = " << steps << ", s = " << s);
            Replay r = replay(revolveSchedule(steps, s), steps);
            CHECK(r.advances == f(steps, s));
            CHECK(r.maxHeld <= s);
            CHECK(r.firsturns == 1);
            // Every step reversed once, last to first.
            REQUIRE(r.reversed.size() == static_cast<std::size_t>(steps));
            for (int i = 0; i < steps; ++i)
                CHECK(r.reversed[static_cast<std::size_t>(i)] == steps - 1 - i);
        }
}

TEST_CASE("Revolve on long chains: the formula, and r sweeps for C(s+r, s) steps", "[revolve]") {
    auto [s, r] = GENERATE(table<int, int>({{2, 30}, {5, 6}, {10, 4}, {20, 3}, {3, 80}}));
    const long long steps = revolveBeta(s, r);
    INFO("s = " << s << ", r = " << r << ", T = " << steps);
    Replay rep = replay(revolveSchedule(static_cast<int>(steps), s), static_cast<int>(steps));
    CHECK(revolveRepetitions(steps, s) == r);
    // r·T − β(s+1, r−1): at most r forward sweeps' worth of advances.
    CHECK(rep.advances == r * steps - revolveBeta(s + 1, r - 1));
    CHECK(rep.advances <= r * steps);
    CHECK(rep.maxHeld <= s);
    // One more step needs one more repetition.
    CHECK(revolveRepetitions(steps + 1, s) == r + 1);
}
