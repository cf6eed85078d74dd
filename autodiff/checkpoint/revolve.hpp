#pragma once
// Checkpointing schedules over a chain of steps 0 … T−1, as instructions (Griewank & Walther,
// "Algorithm 799: Revolve", ACM TOMS 26(1), 2000). Boundary i is the state before step i, so
// boundary 0 holds the inputs and boundary T the end. A schedule says when to move forward
// without keeping anything (advance), when to copy the current state into a snapshot
// (takeshot), when to go back to a snapshot (restore), and when to record steps and reverse
// them (firsturn for the very first time, youturn afterwards). The binomial schedule here is
// Revolve's: with s snapshots it needs the fewest forward steps any schedule can.
//
// The numbers, with β(s, r) = C(s + r, s):
//   • s snapshots (the one holding boundary 0 included) reverse at most β(s, r) steps when no
//     step is advanced more than r times;
//   • for l steps, with r the smallest integer such that β(s, r) ≥ l, the fewest advances are
//         t(l, s) = r·l − β(s + 1, r − 1).
// Recorded steps (the turns) are not advances: every step is recorded exactly once.

#include <cstdint>
#include <vector>

namespace adviz {

/// One instruction of a checkpointing schedule.
struct Action {
    enum Kind : std::uint8_t {
        Advance,   ///< run forward to `boundary`, keeping only what later steps need
        Takeshot,  ///< copy the current state (at `boundary`) into a new snapshot
        Restore,   ///< make the newest snapshot (at `boundary`) the current state
        Firsturn,  ///< record steps boundary … boundary+steps−1 (first time) and reverse them
        Youturn,   ///< the same, for steps computed before: a recomputation
        Freeshot,  ///< drop the newest snapshot (at `boundary`)
    };
    Kind kind = Advance;
    int boundary = 0;  ///< Advance: where to stop; turns: first step; others: the snapshot's
    int steps = 0;     ///< turns: how many steps are recorded and reversed
};

/// "advance", "takeshot", "restore", "firsturn", "youturn", "freeshot".
const char* actionName(Action::Kind kind);

/// β(s, r) = C(s + r, s) (0 for r < 0), saturating at 2⁶² instead of overflowing.
long long revolveBeta(int s, int r);

/// r(l, s): the smallest r with β(s, r) ≥ l, the number of times Revolve advances the step
/// that is advanced most often (0 for l ≤ 1). Needs s ≥ 1.
int revolveRepetitions(long long steps, int snapshots);

/// t(l, s) = r·l − β(s + 1, r − 1): the fewest advances any schedule with s snapshots needs to
/// reverse l steps. Needs s ≥ 1.
long long revolveAdvances(long long steps, int snapshots);

/// Revolve's schedule, one action at a time (it is long: about 3T actions), computed by the
/// optimal splitting rule below, iteratively: the stack holds at most 2s + 1 entries.
class Revolve {
public:
    /// A schedule reversing `steps` steps with `snapshots` ≥ 1 snapshots.
    Revolve(int steps, int snapshots);

    /// The next action into a; false once every step has been reversed.
    bool next(Action& a);

private:
    struct Task {
        bool freeshot = false;  ///< drop the snapshot at start instead of reversing
        int start = 0;          ///< first step (its boundary is held in a snapshot or current)
        int length = 0;         ///< steps to reverse
        int snapshots = 0;      ///< snapshots available, the one at start included
    };
    void expand(const Task& t);

    std::vector<Task> stack_;
    Action out_[3];          // the actions of the task being expanded
    int outCount_ = 0, outAt_ = 0;
    int position_ = 0;       // boundary of the current state; −1 right after a turn
    bool turned_ = false;    // a turn happened (the next one is a youturn)
};

/// The whole Revolve schedule as a list (for small T: the GUI and the tests).
std::vector<Action> revolveSchedule(int steps, int snapshots);

/// Where Revolve puts the next snapshot: reversing l ≥ 2 steps from a held state with s ≥ 1
/// snapshots, advance m steps first (1 ≤ m < l). Exposed for the tests.
int revolveSplit(int steps, int snapshots);

}  // namespace adviz
