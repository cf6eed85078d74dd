#pragma once
// Random programs for exercise sheets: small, of a chosen shape, with inputs and constants of
// one decimal so a student can follow them by hand. Deterministic for a seed on every machine
// (SplitMix64 and integer arithmetic only: no std distributions, whose results vary by library).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace adviz {

/// SplitMix64 (Steele, Lea, Flood 2014): one 64-bit number per call, a fixed sequence per seed.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    /// A whole number in [0, n) (n > 0), by multiply-shift: no modulo bias worth a sheet.
    int below(int n);
    /// A number of one decimal in [lo, hi] tenths, never 0: 0.3, −1.2 …
    double tenth(int loTenths, int hiTenths);

private:
    std::uint64_t state_;
};

enum class ProgramFamily { Chain, Diamond, Mlp };

std::optional<ProgramFamily> familyNamed(const std::string& name);  ///< "chain", "diamond", "mlp"

struct RandomProgram {
    std::string source;  ///< the program, statements one per line
    std::string at;      ///< its point, as --at takes it: "x=0.5,y=1.2"
};

/// A program of the family with `size` steps (chain: operations; diamond: levels of shared
/// use; mlp: inputs of a one-hidden-layer tanh network with squared loss), size clamped to
/// 1…12.
RandomProgram randomProgram(std::uint64_t seed, ProgramFamily family, int size);

}  // namespace adviz
