#pragma once
// Deterministic starting values (--init SEED): the same numbers on every machine and compiler,
// because the generator and the mapping to doubles are written out here, not taken from
// <random> (whose distributions are implementation-defined).
//
// The rule, exactly (README "Vectors and matrices"):
//   one splitmix64 stream with state s₀ = SEED; each draw: s += 0x9E3779B97F4A7C15,
//   z = s; z = (z ^ (z >> 30))·0xBF58476D1CE4E5B9; z = (z ^ (z >> 27))·0x94D049BB133111EB;
//   z ^= z >> 31; u = (z >> 11)·2⁻⁵³ ∈ [0, 1).
//   The inputs are visited in input order, the elements of each row-major, one draw each (also
//   for inputs that were given a value, so giving one input never changes another's).
//   An element's value is a·(2u − 1): a = √(6 / (m + n)) for a matrix [m, n] (Glorot-uniform
//   with fan-in n and fan-out m), a = 1 for vectors and scalars.

#include <cstdint>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/shaped/shaped_graph.hpp"

namespace adviz::shaped {

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and fully specified.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    /// (next() >> 11)·2⁻⁵³: uniform on [0, 1) with 53 random bits.
    double unit();

private:
    std::uint64_t state_;
};

/// The inputs of any program as ports: a shaped program's own, or one scalar port per input.
std::vector<Port> inputPorts(const Graph& g);
/// The outputs likewise.
std::vector<Port> outputPorts(const Graph& g);

/// The half-width a of an input's uniform distribution (see above).
double initScale(const Shape& shape);

/// Values for every input of g from seed, as specified above (one per scalar input).
std::vector<double> initialValues(const Graph& g, std::uint64_t seed);

}  // namespace adviz::shaped
