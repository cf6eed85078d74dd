#pragma once
// What the fuzz targets share: the program is the fuzzer's input, taken as text; the point, the
// direction and the seed are derived from it deterministically, so a finding replays exactly.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/graph.hpp"

namespace adviz::fuzz {

/// A point, a direction and a seed for g, chosen from a small set of interesting values (signs,
/// zero, fractions, a large one) by a hash of the input.
struct Point {
    std::vector<double> x, xdot, ybar;
};

inline Point pointFor(const Graph& g, std::string_view data) {
    static constexpr double values[] = {0.5, -1.25, 2.0, 0.0, 1e-3, 3.7, -0.75, 1.0, 40.0, -2.5};
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (char c : data) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    auto pick = [&](std::size_t i) { return values[(h >> (i % 48)) % std::size(values)]; };
    Point p;
    for (int i = 0; i < g.inputCount(); ++i) {
        p.x.push_back(pick(static_cast<std::size_t>(i)));
        p.xdot.push_back(pick(static_cast<std::size_t>(i) + 7));
    }
    for (int j = 0; j < g.outputCount(); ++j) p.ybar.push_back(j == 0 ? 1.0 : pick(static_cast<std::size_t>(j) + 3));
    return p;
}

/// Every strategy kind, with the edge cases of their parameters (K beyond INT_MAX − T once
/// overflowed the segment count).
inline std::vector<Strategy> strategies() {
    return {Strategy::storeAll(), Strategy::sqrt(),         Strategy::every(1),
            Strategy::every(3),   Strategy::every(2147483647), Strategy::binomial(1),
            Strategy::binomial(2), Strategy::binomial(5)};
}

/// Equal as bits, or both NaN (NaN payloads are not part of the promise).
inline bool sameBits(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace adviz::fuzz
