#pragma once
// Every limit of adviz, stated once. Each protects some work from hostile or accidental input
// (a 1 GB file, a million nested parentheses, binomial:1 on a long chain) and is checked before
// that work starts; each refusal names the limit and says what to do instead. The command line,
// the window and the tests read the numbers from here; docs/limits.md explains them.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "autodiff/graph.hpp"

namespace adviz {

struct Strategy;
enum class Mode : std::uint8_t;

namespace limits {

/// Program text, in bytes: checked while reading, before anything is parsed.
inline constexpr std::size_t maxProgramBytes = 16u * 1024u * 1024u;
/// A session file (.adviz: lessons, scenes), in bytes: refused before it is read. A lesson is a
/// few kilobytes; a scene holds one program, so the program limit is the measure.
inline constexpr std::size_t maxSessionBytes = maxProgramBytes;
/// Nesting of parentheses, calls, unary signs and powers: the parser recurses this deep.
inline constexpr int maxNesting = 2000;
/// Boxes the window and `adviz export` draw (Graphviz's dot takes minutes and, on long chains,
/// gigabytes beyond this). DOT text (`adviz dot`, export to .dot) needs no drawing: no limit.
inline constexpr int maxDrawnNodes = 3500;
/// Boxes of one layout: a program's nodes plus the copies of leaves drawn beside distant uses.
inline constexpr int maxDrawnBoxes = 4 * maxDrawnNodes;
/// Steps a recorded sweep may hold in memory (168 bytes each in forward and reverse mode, whose
/// formulas are written when shown: 170 MB at the limit; checkpointed and H·v steps carry their
/// text, about 300 bytes each).
/// `adviz trace --format csv` streams and is bounded only by maxSweepEvaluations.
inline constexpr long long maxTraceSteps = 1'000'000;
/// Forward evaluations of one checkpointed sweep (recomputations included): time. binomial:1
/// is quadratic; at about 5·10⁷ evaluations a second this is about 10 s.
inline constexpr long long maxSweepEvaluations = 500'000'000;
/// Numbers in one result matrix (a Jacobian m × n, a Hessian n × n): 80 MB of doubles.
inline constexpr long long maxMatrixEntries = 10'000'000;
/// Nodes of a symbolic derivative's arena (`adviz swell`, the swell chart).
inline constexpr std::size_t maxSymbolicNodes = 2'000'000;
/// Node visits of a symbolic gradient (function nodes × inputs): time.
inline constexpr double maxSymbolicVisits = 1e8;
/// Names listed in one message ("no values for inputs a, b, … and 1,199,990 more").
inline constexpr std::size_t maxListedNames = 10;
/// Characters of a source line shown around an error's column.
inline constexpr std::size_t maxEchoedColumns = 72;

/// "1,199,990": a count for people.
std::string grouped(long long n);

/// Forward evaluations (first ones and recomputations) a checkpointed sweep of `operations`
/// steps makes with strategy s, computed from the schedule's formulas without running it.
long long checkpointEvaluations(const Strategy& s, int operations);

/// Steps a trace of g in mode m would record, at least (exact for forward and reverse mode;
/// for a checkpointed sweep, its evaluations and adjoint steps, without checkpoint and free
/// steps). strategy is null for plain reverse mode.
long long traceStepsAtLeast(const Graph& g, Mode m, const Strategy* strategy);

/// Why tracing g (mode m, strategy or null) is refused, naming the limit and what to do
/// instead; nullopt when within the limits. stepsInMemory: the trace is held whole (the window,
/// JSON and table output), not streamed.
std::optional<std::string> traceRefusal(const Graph& g, Mode m, const Strategy* strategy,
                                        bool stepsInMemory);

/// Why a checkpointed sweep (no trace) of g with strategy s is refused; nullopt within limits.
std::optional<std::string> checkpointRefusal(const Graph& g, const Strategy& s);

/// Why running `sweeps` sweeps over g to fill a result of `entries` numbers is refused (time:
/// sweeps × nodes against maxSweepEvaluations; memory: entries against maxMatrixEntries);
/// `what` names the result ("the Hessian"), `instead` the alternative ("hvp gives one column").
std::optional<std::string> sweepsRefusal(const Graph& g, long long sweeps, long long entries,
                                         const std::string& what, const std::string& instead);

/// Why drawing `boxes` boxes is refused; nullopt within limits.
std::optional<std::string> drawingRefusal(long long boxes);

}  // namespace limits
}  // namespace adviz
