#pragma once
// Generated programs for the benchmarks, by family and size (number of nodes, roughly).

#include <random>
#include <stdexcept>
#include <string>

#include "autodiff/parser.hpp"

namespace adviz::bench {

/// Parses a generated program of any size (the 10⁶-node ones are 17–26 MB of source, above the
/// parser's default limit, which is meant for hostile input). A program that does not parse is
/// a broken benchmark: throw rather than measure an empty graph.
inline Graph parseProgram(const std::string& source) {
    ParseLimits big;
    big.maxBytes = std::size_t{1} << 30;
    ParseResult r = parse(source, big);
    if (!r.ok()) throw std::runtime_error("benchmark program does not parse: " + r.error->message);
    return std::move(r.graph);
}

/// a₁ = sin(x), a₂ = sin(a₁), …: n unary operations in a row.
inline std::string unaryChain(int n) {
    std::string s = "a0 = x\n";
    for (int i = 1; i <= n; ++i)
        s += "a" + std::to_string(i) + " = sin(a" + std::to_string(i - 1) + ")\n";
    return s;
}

/// x0 + x1 + … + x(n−1): n inputs, n − 1 additions.
inline std::string longSum(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " + x" : "x") + std::to_string(i);
    return s + "\n";
}

/// Each statement combines two recent earlier ones with a random op: about n nodes.
inline std::string randomDag(int n, unsigned seed = 42) {
    std::mt19937 rng(seed);
    std::string s = "t0 = x\nt1 = y\n";
    const char* binary[] = {" + ", " * ", " - "};
    const char* unary[] = {"sin", "tanh", "cos"};
    for (int k = 2; k < n; ++k) {
        std::uniform_int_distribution<int> back(1, std::min(k, 8));
        std::string a = "t" + std::to_string(k - back(rng)), b = "t" + std::to_string(k - back(rng));
        std::string e = rng() % 3 == 0 ? std::string(unary[rng() % 3]) + "(" + a + ")"
                                       : a + binary[rng() % 3] + b;
        s += "t" + std::to_string(k) + " = " + e + "\n";
    }
    return s;
}

/// xᵢ₊₁ = xᵢ·xᵢ + xᵢ, levels deep (2 nodes a level, every level used three times).
inline std::string diamondLadder(int levels) {
    std::string s = "a0 = x\n";
    for (int i = 0; i < levels; ++i) {
        std::string a = "a" + std::to_string(i);
        s += "a" + std::to_string(i + 1) + " = " + a + "*" + a + " + " + a + "\n";
    }
    return s;
}

}  // namespace adviz::bench
