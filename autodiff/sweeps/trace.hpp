#pragma once
// A recorded sweep: the steps the GUI animates and the command line prints. Each step is plain
// data (what node, which edge, the numbers before and after); its formula with the numbers
// filled in is written when asked (formulaOf), from those numbers and the trace's. stateAt(k)
// replays the first k steps so a viewer can jump anywhere, backwards too.

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/derivatives.hpp"

namespace adviz {

/// ForwardOverReverse: the reverse sweep run on dual numbers whose tangent part carries a
/// direction v, so each adjoint also carries its tangent, (∇f)˙ = H·v (see hessian.hpp).
enum class Mode : std::uint8_t { Forward, Reverse, ForwardOverReverse };

enum class Phase : std::uint8_t {
    Primal,   ///< reverse mode's forward pass: a node's value computed and cached
    Tangent,  ///< forward mode: a node's value and tangent computed together
    Seed,     ///< reverse mode: ȳ placed on an output's adjoint
    Adjoint,  ///< reverse mode: one edge's contribution ū += v̄·∂v/∂u
    Checkpoint,  ///< checkpointing: a value kept in a snapshot (checkpoint.hpp)
    Free,        ///< checkpointing: a value dropped from memory (still known, no longer held)
    Recompute,   ///< checkpointing: a value computed again, forward from a snapshot
};

std::string_view phaseName(Phase p);   ///< "primal", "tangent", "seed", "adjoint"
std::string_view modeName(Mode m);     ///< "forward", "reverse", "forward-over-reverse"

inline constexpr double unknown = std::numeric_limits<double>::quiet_NaN();

struct Step {
    Phase phase = Phase::Primal;
    int node = -1;        ///< the node whose numbers change
    int consumer = -1;    ///< Adjoint: the node v the adjoint comes from (edge node → consumer)
    int slot = -1;        ///< Adjoint: which operand of consumer node is (0 or 1)
    int output = -1;      ///< Seed: which output
    double value = unknown;    ///< Primal, Tangent: the node's value
    double before = unknown;   ///< Tangent: unknown; Seed, Adjoint: the adjoint before the step
    double after = unknown;    ///< Tangent: the tangent; Seed, Adjoint: the adjoint after
    double partial = unknown;  ///< Adjoint: ∂consumer/∂node
    double contribution = unknown;  ///< Seed: ȳ; Adjoint: v̄·∂v/∂u, as added (not after − before)
    // The step for humans, numbers filled in. Read them through formulaOf / valueFormulaOf:
    // forward and reverse traces held in memory leave them empty (written on demand: writing
    // ~500,000 of them at record time was most of the time to open a 10⁵-step program);
    // streamed steps and the checkpointed and forward-over-reverse recorders fill them.
    std::string formula;       ///< the step's formula, or empty: formulaOf writes it
    std::string valueFormula;  ///< Primal, Tangent: how the value was computed (or empty)
    // Forward-over-reverse only (dual = true): the tangent parts of the numbers above.
    bool dual = false;              ///< the …Tangent fields below are set
    double valueTangent = unknown;  ///< Primal: the value's tangent v̇
    double beforeTangent = unknown; ///< Seed, Adjoint: the adjoint's tangent before the step
    double afterTangent = unknown;  ///< Seed, Adjoint: the adjoint's tangent after
    double partialTangent = unknown;  ///< Adjoint: the tangent of ∂consumer/∂node
};

/// Where a node's value is during a checkpointed sweep (Unknown: not computed yet, or a sweep
/// that does not track memory).
enum class Memory : std::uint8_t { Unknown, Stored, Freed, Checkpoint };

/// What is known about a node at some point of a sweep. NaN flags unknown (not yet computed);
/// a computed NaN (log of a negative) has its has… flag set.
struct NodeState {
    double value = unknown;
    double tangent = unknown;
    double adjoint = unknown;
    bool hasValue = false;
    bool hasTangent = false;
    bool hasAdjoint = false;
    // Forward-over-reverse: the value's tangent (also copied to tangent) and the adjoint's.
    double valueTangent = unknown;
    double adjointTangent = unknown;
    bool hasValueTangent = false;
    bool hasAdjointTangent = false;
    Memory memory = Memory::Unknown;  ///< Primal, Recompute: Stored; Checkpoint; Free: Freed
};

/// Receives each step as it is recorded, with its 0-based index (streaming output).
using StepSink = std::function<void(const Step&, std::size_t index)>;

class Trace {
public:
    Mode mode = Mode::Forward;
    std::vector<Step> steps;          ///< empty when a sink received them
    StepSink sink;                    ///< if set, steps go here instead of into `steps`
    std::size_t recorded = 0;         ///< steps recorded, kept or streamed
    std::vector<NodeState> initial;   ///< before the first step: only constants are known
    std::vector<Warning> warnings;
    std::vector<double> outputs;      ///< output values
    std::vector<double> result;       ///< forward: J·ẋ per output; reverse: ȳᵀJ per input;
                                      ///< forward-over-reverse: H·v per input
    /// Local partials ∂node/∂operand per node and operand slot at the point (NaN where none),
    /// for edge labels. Known to a viewer once the node's value is.
    std::vector<std::array<double, 2>> partials;
    /// The numbers formulaOf reads, per node, as at the end of the sweep: values; forward mode:
    /// tangents; reverse mode: adjoints (a node's adjoint is final when the backward sweep
    /// reaches it, so it is the v̄ of every step along an edge out of that node).
    std::vector<double> values, tangents, adjoints;

    std::size_t size() const { return steps.size(); }
    /// Records one step: into the sink if there is one (so a long sweep streams in constant
    /// memory), else into steps.
    void add(Step&& s) {
        if (sink) sink(s, recorded);
        else steps.push_back(std::move(s));
        ++recorded;
    }
    /// Every node's state after the first k steps (k = 0: initial; k = size(): the end).
    std::vector<NodeState> stateAt(std::size_t k) const;
    /// Applies one step to a state (what stateAt does k times).
    static void apply(const Step& step, std::vector<NodeState>& state);
    /// Applies one step to the state of its own node (a step changes no other node).
    static void applyTo(const Step& step, NodeState& nodeState);
};

/// The formula of step s of trace t over graph g, numbers filled in ("v₃ = v₁·v₂ = 3·0.8415 =
/// 2.524", "v̄₋₁ += v̄₂·∂v₂/∂v₋₁ = …"): s.formula if the recorder wrote it, else written now from
/// the step's numbers and t's values, tangents and adjoints (byte for byte what the recorder
/// would have written). Empty if t lacks those numbers (a trace assembled by hand).
std::string formulaOf(const Graph& g, const Trace& t, const Step& s);
/// Primal and Tangent steps: how the value was computed ("v₃ = v₁·v₂ = 3·0.8415 = 2.524");
/// s.valueFormula if the recorder wrote it. Other steps: empty.
std::string valueFormulaOf(const Graph& g, const Trace& t, const Step& s);

/// "∂v₃/∂v₁ = v₂": the local partial of node id with respect to operand slot, symbolically.
std::string partialFormula(const Graph& g, int id, int slot);

/// Records a forward-mode sweep at x along xdot: one step per input and operation.
Trace traceForward(const Graph& g, std::span<const double> x, std::span<const double> xdot,
                   StepSink sink = {});

/// Records a reverse-mode sweep at x with seed ybar: the primal steps, one seed step per output,
/// then one step per edge contribution in reverse order.
Trace traceReverse(const Graph& g, std::span<const double> x, std::span<const double> ybar,
                   StepSink sink = {});

}  // namespace adviz
