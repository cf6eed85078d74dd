#pragma once
// Symbolic differentiation done the naive way, to measure expression swell against AD.
//
// The program is expanded into a tree (every use of a shared node becomes its own copy) and
// differentiated by the textbook rules, which are the op table's partials (op_table.hpp)
// instantiated on a scalar that builds expression nodes: there is no second derivative table.
// Simplification is only what a naive computer-algebra system does: arithmetic on two numbers
// is folded, and 0·e → 0, 1·e → e, e·1 → e, e ± 0 → e, 0 − e → −e, 0/e → 0, e/1 → e, e^1 → e,
// e^0 → 1. Nothing else (no collecting of terms, no sharing), so swell stays visible.
//
// Storage: a subterm may be referenced by several parents, as immutable terms are in a CAS
// (SymPy shares them the same way), so memory stays proportional to the work; but every size
// here is counted as a tree (a subterm used twice counts twice) and print() writes it out in
// full. cse() is the other extreme: every repeated subterm stored once.
//
// Where the derivative depends on a branch (relu, abs, min, max, and pow's conventions at 0),
// the branch is taken at a given point x, as every mode of adviz does: the result is the
// derivative on the piece of the domain containing x (relu′ becomes the number 1 or 0 there).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/limits.hpp"

namespace adviz {

/// One node of a symbolic expression: an operation with child indices, or a leaf.
struct SymNode {
    Op op = Op::Const;
    std::int32_t a = -1;   ///< first child; for an Input, the index of the input
    std::int32_t b = -1;   ///< second child, -1 if none
    double constant = 0;   ///< the value of a Const
};

/// Which limit stopped building a symbolic expression (limits.hpp).
enum class SymStop : std::uint8_t { None, Nodes, Visits };
/// "the limit of 2,000,000 symbolic nodes", "the limit of 100,000,000 node visits (…)", "".
std::string stopText(SymStop s);

/// Expressions over a node arena in which children come before their parents.
struct SymExpr {
    std::vector<SymNode> nodes;
    std::vector<std::string> inputNames;  ///< names of the inputs, for printing
    std::vector<std::int32_t> roots;      ///< the expressions held (f, or ∂f/∂xᵢ per input)
    bool tooLarge = false;  ///< building stopped at a SymLimits bound: roots are incomplete
    SymStop stoppedBy = SymStop::None;  ///< which bound (symbolicGradient keeps only the roots
                                        ///< it completed)
};

/// Bounds that keep a huge program from exhausting memory.
struct SymLimits {
    std::size_t maxNodes = limits::maxSymbolicNodes;  ///< arena nodes (function and derivatives)
    /// Node visits of symbolicGradient (function nodes × inputs): time, even when few nodes
    /// depend on each input.
    double maxVisits = limits::maxSymbolicVisits;
};

/// Tree sizes are counted up to this; beyond it they are reported as tooLargeToCount.
inline constexpr long long symSizeCap = 1'000'000'000'000'000'000LL;
/// The size reported when a tree is larger than symSizeCap or was not built (tooLarge).
inline constexpr long long tooLargeToCount = -1;

/// Output `output` of g as a tree: one root. The arena holds the graph's nodes once, so
/// building is linear; treeSize() counts the expansion.
SymExpr functionTree(const Graph& g, int output);

/// ∂f/∂xᵢ for every input i of g (root i), f being output `output`, by the naive rules on the
/// tree; branches are resolved at the point x (one value per input).
SymExpr symbolicGradient(const Graph& g, std::span<const double> x, int output,
                         const SymLimits& limits = {});

/// The derivative of every root of f with respect to input `input` (one root per root of f),
/// branches resolved at x.
SymExpr differentiate(const SymExpr& f, int input, std::span<const double> x,
                      const SymLimits& limits = {});

/// Nodes of the expression at root counted as a tree; tooLargeToCount beyond symSizeCap.
long long treeSize(const SymExpr& e, std::int32_t root);
/// The sum of treeSize over all roots (tooLargeToCount if any is, or if e.tooLarge).
long long treeSize(const SymExpr& e);
/// treeSize of every root, in one pass over the arena.
std::vector<long long> rootTreeSizes(const SymExpr& e);

/// Common-subexpression elimination by hash-consing: the same roots with every repeated
/// subterm (same operation, same children, same constant) stored once, and nothing unreachable.
SymExpr cse(const SymExpr& e);
/// Distinct subterms reachable from the roots: the node count after CSE.
long long dagSize(const SymExpr& e);

/// The expression at root in adviz's syntax with the fewest parentheses that keep its shape;
/// parse() reads it back to the same values. Stops after maxChars bytes and then ends in "…".
/// Iterative: any depth prints (re-parsing is bounded by ParseLimits::maxDepth).
std::string print(const SymExpr& e, std::int32_t root, std::size_t maxChars = SIZE_MAX);

/// Expression swell for one program: its AD graph against the symbolic gradient.
struct SwellRow {
    std::string label;                ///< the family ("nested", …) or "program"
    int n = 0;                        ///< the family's size parameter; inputs for a program
    long long adNodes = 0;            ///< nodes of the AD graph (Wengert list, leaves included)
    long long functionTreeNodes = 0;  ///< the output expanded into a tree
    long long derivativeTreeNodes = 0;  ///< Σᵢ tree size of ∂f/∂xᵢ (the symbolic gradient)
    long long afterCse = 0;           ///< distinct subterms of that gradient after CSE
    /// Not None: building stopped at that limit, and the two derivative figures above are
    /// lower bounds (exact sizes of the derivatives built, one node for each other one).
    SymStop stoppedBy = SymStop::None;
};

/// Swell of output `output` of g, branches resolved at x.
SwellRow swellOf(const Graph& g, std::span<const double> x, int output, std::string label);

/// Families whose swell is known by hand.
enum class SwellFamily {
    /// sin(sin(…sin(x))), depth n: derivative n(n+1)/2 + 2n − 1 nodes, 3n − 1 after CSE
    Nested,
    /// f₀ = x, fₖ = fₖ₋₁·fₖ₋₁, n levels: f 2ⁿ⁺¹ − 1 nodes, derivative n·2ⁿ⁺¹ − 1, 3n − 1
    /// after CSE
    Squaring,
    /// x₁·x₂·…·xₙ: the whole gradient n(2n − 3) nodes (n ≥ 2), still quadratic after CSE,
    /// while the AD graph has 2n − 1
    Product,
};

/// "nested", "squaring", "product".
const char* familyName(SwellFamily kind);

/// The program of the family at size n (n ≥ 1), as scalar statements in adviz's syntax.
std::string familyProgram(SwellFamily kind, int n);

/// Rows for n = 1 … maxN of a family.
std::vector<SwellRow> swellFamily(SwellFamily kind, int maxN);

}  // namespace adviz
