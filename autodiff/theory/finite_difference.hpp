#pragma once
// Finite differences, the naive alternative to automatic differentiation, measured against it:
// the difference quotients themselves (counting the evaluations they cost) and their error
// against forward mode over a range of steps ε. (The function along one input with its tangent
// line is function_slice.hpp.)
//
// The direction convention is the command line's --dir: a vector over the inputs (e₁ by
// default). A step ε moves the point to x + ε·dir, so ε is the step along that vector itself,
// not a step relative to the size of x; bestEpsilon() turns the textbook rules of thumb into
// this unit with a scale.

#include <span>
#include <vector>

#include "autodiff/graph.hpp"

namespace adviz {

/// (f(x + ε·dir) − f(x)) / ε for output `output`: error O(ε) from truncation. Each evaluation
/// of the program is one pass; *passes (if given) is increased by the 2 passes made.
double forwardDifference(const Graph& g, std::span<const double> x, std::span<const double> dir,
                         double eps, int output, int* passes = nullptr);

/// (f(x + ε·dir) − f(x − ε·dir)) / 2ε: error O(ε²) from truncation; 2 passes.
double centralDifference(const Graph& g, std::span<const double> x, std::span<const double> dir,
                         double eps, int output, int* passes = nullptr);

/// One step of the error sweep. Errors are absolute, against forward mode (J·dir by dual
/// numbers); they may be exactly 0 (a log axis must clamp) or NaN outside the domain.
struct FdErrorRow {
    double eps = 0;           ///< the step along dir
    double forwardError = 0;  ///< |forward difference − AD|
    double centralError = 0;  ///< |central difference − AD|
    double adError = 0;       ///< AD's own error: the same for every ε (see fdErrorSweep)
};

/// |FD − AD| for ε = 10^(−16 + k/pointsPerDecade), k = 0 … 16·pointsPerDecade (ε from 1e-16 to
/// 1). AD's own error is measured, not assumed: the double-precision JVP against the same sweep
/// in long double (wider than double on x86, equal elsewhere), but never reported below half an
/// ulp of the JVP, the accuracy of the exact derivative rounded to a double.
std::vector<FdErrorRow> fdErrorSweep(const Graph& g, std::span<const double> x,
                                     std::span<const double> dir, int output,
                                     int pointsPerDecade = 4);

/// Which difference quotient a fit or a choice refers to.
enum class FdMethod { Forward, Central };

/// Least-squares slope of log₁₀ error against log₁₀ ε over the rows with lo ≤ ε ≤ hi and a
/// positive finite error; NaN with fewer than two such rows. About +1 (forward) or +2 (central)
/// where truncation dominates, about −1 where cancellation does.
double fitSlope(const std::vector<FdErrorRow>& rows, FdMethod method, double lo, double hi);

/// The best steps: the rules of thumb and what the sweep measured.
struct FdBest {
    /// max(1, largest |xᵢ| that dir moves) / max |dirᵢ|: the rule h = c·max(1, |xᵢ|) for the
    /// coordinate step h, expressed as a step ε along dir.
    double scale = 1;
    double ruleForward = 0;      ///< √u · scale, u = 2⁻⁵² (balances u·|f|/ε against ε·|f″|)
    double ruleCentral = 0;      ///< u^(1/3) · scale (balances u·|f|/ε against ε²·|f‴|)
    /// The measured best ε: the row whose neighbourhood (itself and the rows either side) has
    /// the smallest worst error, so that one lucky cancellation does not pass for the optimum.
    double measuredForward = 0;
    double measuredCentral = 0;
    double minForwardError = 0;  ///< the error at measuredForward
    double minCentralError = 0;  ///< the error at measuredCentral
    /// fitSlope over the truncation regime, ε in [100·measured, 0.1] (NaN if too few rows).
    double forwardTruncationSlope = 0, centralTruncationSlope = 0;
    /// fitSlope over the cancellation regime, ε in [100·u·scale, measured/100]; below that the
    /// step is mostly rounding, and below one ulp of x it vanishes (the quotient is 0).
    double forwardCancellationSlope = 0, centralCancellationSlope = 0;
};

/// The best steps for the sweep rows of the point x and direction dir.
FdBest bestEpsilon(std::span<const double> x, std::span<const double> dir,
                   const std::vector<FdErrorRow>& rows);

}  // namespace adviz
