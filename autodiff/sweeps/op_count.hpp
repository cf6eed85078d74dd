#pragma once
// Measuring what a sweep costs by running it. Two instruments, both used on the real sweep loops
// of sweep.hpp (nothing here is a cost formula):
//
//  - OpCounter, a recorder policy: it sees every step of a sweep and counts the *elementary
//    operations* (one per operation node evaluated, one per chain-rule product) and the values
//    the method has to keep. Its counts do not depend on the seed, so n forward sweeps cost
//    exactly n times one.
//  - Counted, a scalar: a double that counts every arithmetic operation and elementary function
//    call done on it. Run a sweep on Counted (or Dual<Counted>) to count floating-point work;
//    this is how a Hessian-vector product is compared with a gradient.
//
// Because OpCounter has enabled = true, the reverse sweep runs in its general form: it does not
// skip nodes whose adjoint is exactly zero (the fast NoRecord path does). The counts are the work
// of that general sweep, an upper bound on the fast path's.

#include <algorithm>
#include <climits>
#include <cmath>
#include <vector>

#include "autodiff/dual.hpp"
#include "autodiff/graph.hpp"

namespace adviz {

/// What a method cost, as measured by running it.
struct SweepCost {
    int sweeps = 0;               ///< forward or backward sweeps over the Wengert list
    long long operations = 0;     ///< node evaluations + chain-rule products (OpCounter)
    long long valuesStored = 0;   ///< doubles the method must keep at its peak (OpCounter)
    long long flops = 0;          ///< arithmetic on doubles actually done (Counted)
};

/// A recorder policy that only counts. Units:
///  - operations: each operation node evaluated counts 1 (inputs and constants are not
///    operations); each chain-rule product counts 1 — ∂y/∂u·u̇ per non-constant operand in a
///    forward step, ū += v̄·∂v/∂u per edge in a backward sweep. One forward sweep and one reverse
///    sweep over the same graph therefore cost the same number of operations.
///  - valuesStored, in doubles: a forward sweep needs a node's value and tangent only while the
///    node is live (from its step to its last consumer's; outputs to the end), so it counts the
///    peak of live (value, tangent) pairs — adviz keeps them all to show them, the method does
///    not need to. A reverse sweep keeps every non-constant node's value for the backward sweep
///    (the tape) and one adjoint per non-constant node. A dual number counts as two doubles.
/// The operation counts add up over several sweeps; valuesStored is meant for one sweep (use a
/// counter per sweep and take the largest, as jacobian.cpp does).
struct OpCounter {
    static constexpr bool enabled = true;

    long long evaluations = 0;  ///< operation nodes whose value was computed
    long long chainTerms = 0;   ///< chain-rule products
    long long seeds = 0;        ///< ȳ placed on outputs (not operations)
    long long inputs = 0;       ///< inputs loaded (not operations)
    long long peakLive = 0;     ///< forward: the most doubles live at once
    long long tape = 0;         ///< reverse: doubles of values kept for the backward sweep

    explicit OpCounter(const Graph& graph) : g(&graph), lastUse(graph.nodes.size(), -1) {
        for (int id = 0; id < graph.size(); ++id)
            for (int s = 0; s < graph[id].arity(); ++s)
                lastUse[static_cast<std::size_t>(graph[id].operand(s))] = id;
        for (const Output& o : graph.outputs) lastUse[static_cast<std::size_t>(o.node)] = INT_MAX;
    }

    long long operations() const { return evaluations + chainTerms; }
    /// The values the sweep needed: forward its live peak, reverse the tape plus as many
    /// adjoints (a counter watches one kind of sweep, so the other term is zero).
    long long valuesStored() const { return peakLive + 2 * tape; }

    // Reverse mode's forward pass: the value is computed and taped.
    template <class T>
    void primal(int id, const std::vector<T>&) {
        if ((*g)[id].op == Op::Input) ++inputs;
        else ++evaluations;
        tape += width<T>();
    }

    // Forward mode: value and tangent of one node, ẏ = Σ ∂y/∂u·u̇ over non-constant operands.
    template <class T>
    void tangent(int id, const std::vector<T>&) {
        const Node& nd = (*g)[id];
        if (nd.op == Op::Input) ++inputs;
        else ++evaluations;
        live += width<T>();
        peakLive = std::max(peakLive, live);
        for (int s = 0; s < nd.arity(); ++s) {
            const int u = nd.operand(s);
            if ((*g)[u].op == Op::Const) continue;
            ++chainTerms;
            const bool repeated = s == 1 && nd.a == nd.b;  // x·x frees x once
            if (!repeated && lastUse[static_cast<std::size_t>(u)] == id) live -= width<T>();
        }
        if (lastUse[static_cast<std::size_t>(id)] < 0) live -= width<T>();  // nobody reads it
    }

    template <class T>
    void seed(int, const T&, const T&, const T&) { ++seeds; }

    template <class T>
    void adjoint(int, int, int, const T&, const T&, const T&, const T&) { ++chainTerms; }

private:
    // Doubles in one value of T: 1 for double and Counted, 2 for a dual number of those.
    template <class T>
    static long long width() { return static_cast<long long>(sizeof(T) / sizeof(double)); }

    const Graph* g;
    std::vector<int> lastUse;  // the last node reading each node (INT_MAX: an output, -1: none)
    long long live = 0;
};

/// A double that counts the floating-point work done on it: every +, −, ×, ÷, negation and
/// elementary function call adds 1 to a per-thread counter. Comparisons (through primal) and
/// copies are free. Sweeps on Counted give the same numbers as on double, bit for bit.
struct Counted {
    double v = 0;

    Counted() = default;
    Counted(double x) : v(x) {}  // NOLINT(google-explicit-constructor): literals in the op table

    /// The running count of this thread.
    static long long& count() {
        static thread_local long long n = 0;
        return n;
    }

    friend Counted operator+(Counted a, Counted b) { return tick(a.v + b.v); }
    friend Counted operator-(Counted a, Counted b) { return tick(a.v - b.v); }
    friend Counted operator*(Counted a, Counted b) { return tick(a.v * b.v); }
    friend Counted operator/(Counted a, Counted b) { return tick(a.v / b.v); }
    friend Counted operator-(Counted a) { return tick(-a.v); }

    friend Counted pow(Counted a, Counted b) { return tick(std::pow(a.v, b.v)); }
    friend Counted sin(Counted a) { return tick(std::sin(a.v)); }
    friend Counted cos(Counted a) { return tick(std::cos(a.v)); }
    friend Counted tan(Counted a) { return tick(std::tan(a.v)); }
    friend Counted asin(Counted a) { return tick(std::asin(a.v)); }
    friend Counted acos(Counted a) { return tick(std::acos(a.v)); }
    friend Counted atan(Counted a) { return tick(std::atan(a.v)); }
    friend Counted exp(Counted a) { return tick(std::exp(a.v)); }
    friend Counted log(Counted a) { return tick(std::log(a.v)); }
    friend Counted sqrt(Counted a) { return tick(std::sqrt(a.v)); }
    friend Counted tanh(Counted a) { return tick(std::tanh(a.v)); }
    friend Counted sinh(Counted a) { return tick(std::sinh(a.v)); }
    friend Counted cosh(Counted a) { return tick(std::cosh(a.v)); }
    friend Counted log1p(Counted a) { return tick(std::log1p(a.v)); }

    friend double primal(Counted a) { return a.v; }
    friend bool isZero(Counted a) { return a.v == 0; }

private:
    static Counted tick(double r) {
        ++count();
        return Counted(r);
    }
};

/// Counts the Counted operations done while it is alive.
class FlopScope {
public:
    FlopScope() : start_(Counted::count()) {}
    long long flops() const { return Counted::count() - start_; }

private:
    long long start_;
};

}  // namespace adviz
