// Checkpointing over shaped operations: the adjoint steps are the plain shaped reverse trace's,
// every matrix an adjoint rule reads is in memory when it runs, and the recomputations are the
// counts the schedules are known for (every:K recomputes all but its last segment; binomial:1
// on a chain of T operations recomputes 0 + 1 + … + (T − 1)).

#include <catch2/catch.hpp>

#include <string>

#include "autodiff/shaped/init.hpp"
#include "autodiff/shaped/shaped_checkpoint.hpp"
#include "autodiff/test_support.hpp"
#include "autodiff/shaped/theory_mlp.hpp"

using namespace adviz;
using namespace adviz::shaped;
using adviz::test::parseOk;

namespace {

// A chain of `length` elementwise operations on a vector, then its sum: length + 1 operations.
std::string sinChain(int length) {
    std::string src = "x: [3]\na1 = sin(x)\n";
    for (int i = 2; i <= length; ++i)
        src += "a" + std::to_string(i) + " = sin(a" + std::to_string(i - 1) + ")\n";
    return src + "L = sum(a" + std::to_string(length) + ")";
}

int countPhase(const ShapedTrace& t, Phase p) {
    int n = 0;
    for (const ShapedStep& s : t.steps) n += s.phase == p;
    return n;
}

// The seed and adjoint steps of a trace, in order.
std::vector<const ShapedStep*> reverseSteps(const ShapedTrace& t) {
    std::vector<const ShapedStep*> out;
    for (const ShapedStep& s : t.steps)
        if (s.phase == Phase::Seed || s.phase == Phase::Adjoint) out.push_back(&s);
    return out;
}

void checkAgainstPlain(const Graph& g, const std::vector<double>& x, const Strategy& strategy) {
    const std::vector<double> ybar(g.outputs.size(), 1.0);
    const ShapedTrace plain = traceShapedReverse(g, x, ybar);
    const ShapedTrace cp = traceShapedCheckpointed(g, x, ybar, strategy);
    INFO(strategy.name());
    REQUIRE(cp.result == plain.result);
    const auto a = reverseSteps(plain), b = reverseSteps(cp);
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        REQUIRE(a[k]->node == b[k]->node);
        REQUIRE(a[k]->consumer == b[k]->consumer);
        REQUIRE(a[k]->after == b[k]->after);
    }
    // Whenever an adjoint rule runs, its operation's matrix and every operand it reads are held
    // (kept or in a snapshot); and at the end nothing is held any more.
    const ShapedGraph& sg = *g.shaped;
    for (std::size_t k = 0; k < cp.steps.size(); ++k) {
        const ShapedStep& s = cp.steps[k];
        if (s.phase != Phase::Adjoint) continue;
        const std::vector<Memory> memory = shapedMemoryAt(cp, sg.size(), k);
        auto held = [&](int id) {
            if (sg[id].kind == Kind::Scalar) return true;  // not counted
            const Memory m = memory[static_cast<std::size_t>(id)];
            return m == Memory::Stored || m == Memory::Checkpoint;
        };
        INFO("step " << k << ": " << s.rule);
        CHECK(held(s.consumer));
        for (int operand : sg[s.consumer].operands) CHECK(held(operand));
    }
    for (Memory m : shapedMemoryAt(cp, sg.size(), cp.steps.size()))
        CHECK((m == Memory::Freed || m == Memory::Unknown));
}

}  // namespace

TEST_CASE("shaped checkpointing recomputes what every:K and binomial:1 are known to") {
    const Graph g = parseOk(sinChain(8));  // 9 operations: 8 sines and the sum
    const std::vector<double> x{0.3, -0.7, 1.1};
    const std::vector<double> ybar{1.0};
    // every:3: segments [0,3) [3,6) [6,9), the first two recomputed.
    const ShapedTrace every3 = traceShapedCheckpointed(g, x, ybar, Strategy::every(3));
    CHECK(countPhase(every3, Phase::Recompute) == 6);
    CHECK(countPhase(every3, Phase::Primal) == g.shaped->size());  // each matrix computed once first
    // binomial:1 keeps only the inputs: reversing step i recomputes steps 0 … i − 1.
    const ShapedTrace bin1 = traceShapedCheckpointed(g, x, ybar, Strategy::binomial(1));
    CHECK(countPhase(bin1, Phase::Recompute) == 9 * 8 / 2);
    // store-all recomputes nothing and snapshots nothing beyond the start.
    const ShapedTrace all = traceShapedCheckpointed(g, x, ybar, Strategy::storeAll());
    CHECK(countPhase(all, Phase::Recompute) == 0);
    // A recomputed matrix is the one first computed.
    for (const ShapedStep& s : bin1.steps)
        if (s.phase == Phase::Recompute)
            for (const ShapedStep& p : bin1.steps)
                if (p.phase == Phase::Primal && p.node == s.node) REQUIRE(p.value == s.value);
}

TEST_CASE("shaped checkpointing leaves the gradient and adjoint steps as plain reverse mode") {
    SECTION("a chain of sines") {
        const Graph g = parseOk(sinChain(8));
        for (const Strategy& s : {Strategy::every(2), Strategy::every(4), Strategy::sqrt(), Strategy::binomial(1),
                                  Strategy::binomial(2), Strategy::binomial(3), Strategy::storeAll()})
            checkAgainstPlain(g, {0.3, -0.7, 1.1}, s);
    }
    SECTION("the theory's MLP") {
        const Graph g = parseOk(test::theoryMlp);
        const std::vector<double> x = initialValues(g, 3);
        for (const Strategy& s : {Strategy::every(2), Strategy::sqrt(), Strategy::binomial(1), Strategy::binomial(2)})
            checkAgainstPlain(g, x, s);
    }
}

TEST_CASE("shaped checkpoints name the matrix kept and where the sweep restarts") {
    const Graph g = parseOk(sinChain(4));  // a1 … a4, L: 5 operations
    const ShapedTrace t = traceShapedCheckpointed(g, std::vector<double>{0.1, 0.2, 0.3}, std::vector<double>{1.0},
                                                  Strategy::every(2));
    std::vector<std::string> rules;
    for (const ShapedStep& s : t.steps)
        if (s.phase == Phase::Checkpoint) rules.push_back(s.rule);
    // Segments [0,2) [2,4) [4,5): snapshots at boundaries 0 and 2, x (before a1) and a2 (before
    // a3); the last segment is reversed straight from the forward run, with no snapshot.
    REQUIRE(rules.size() == 2);
    CHECK(rules[0] == "checkpoint x (to restart at a1)");
    CHECK(rules[1] == "checkpoint a2 (to restart at a3)");
    // With snapshots every 2 steps no more than one segment's matrices and the snapshots are
    // held at once: never all six.
    std::size_t peak = 0;
    for (std::size_t k = 0; k <= t.steps.size(); ++k) {
        std::size_t held = 0;
        for (Memory m : shapedMemoryAt(t, g.shaped->size(), k)) held += m == Memory::Stored || m == Memory::Checkpoint;
        peak = std::max(peak, held);
    }
    CHECK(peak < 6);
    CHECK(hasMemorySteps(t));
    CHECK_FALSE(hasMemorySteps(traceShapedReverse(g, std::vector<double>{0.1, 0.2, 0.3}, std::vector<double>{1.0})));
}
