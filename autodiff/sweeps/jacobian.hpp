#pragma once
// The full Jacobian J (m outputs × n inputs) of a program at a point, two ways that give the
// same matrix: n forward sweeps seeded with eᵢ, each giving column i (J·eᵢ), or m reverse sweeps
// seeded with eⱼ, each giving row j (eⱼᵀJ). One sweep of either kind costs about the same, so
// forward wins when n < m and reverse when m < n. Each method measures what it cost by running
// its sweeps under an OpCounter on Counted scalars (op_count.hpp).

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/op_count.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz {

/// How to compute a Jacobian; Auto picks the method with fewer measured operations.
enum class JacobianMethod : std::uint8_t { Forward, Reverse, Auto };

/// "forward", "reverse", "auto" → the method; anything else → nullopt.
std::optional<JacobianMethod> jacobianMethodNamed(std::string_view name);

/// A Jacobian with what it cost.
struct JacobianResult {
    std::vector<std::vector<double>> matrix;  ///< m rows (outputs) × n columns (inputs)
    Mode method = Mode::Reverse;              ///< Forward or Reverse
    SweepCost cost;                           ///< of the method used
    SweepCost otherCost;                      ///< of the other method (set by jacobian() only)
    std::vector<double> outputs;              ///< output values at the point
    std::vector<Warning> warnings;            ///< domain problems at the point
};

/// n forward sweeps, one column each. cost.sweeps = n; valuesStored is one sweep's peak (the
/// sweeps run one after the other and reuse their storage).
JacobianResult jacobianForward(const Graph& g, std::span<const double> x);

/// m reverse sweeps, one row each. cost.sweeps = m; valuesStored as for jacobianForward.
JacobianResult jacobianReverse(const Graph& g, std::span<const double> x);

/// The Jacobian by the given method, with the other method's measured cost for comparison (both
/// methods are run). Auto takes the one with fewer operations; on a tie (with OpCounter's units
/// that means n = m) it takes reverse when m ≤ n, i.e. whenever reverse needs no more sweeps
/// than forward, and forward otherwise.
JacobianResult jacobian(const Graph& g, std::span<const double> x, JacobianMethod method);

/// The sweeps of a Jacobian, recorded for the GUI to animate: Forward gives n traces
/// (traceForward with eᵢ, column i), Reverse m traces (traceReverse with eⱼ, row j). Other modes
/// give none.
std::vector<Trace> jacobianTraces(const Graph& g, std::span<const double> x, Mode mode);

}  // namespace adviz
