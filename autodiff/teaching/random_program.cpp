#include "autodiff/teaching/random_program.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace adviz {

std::uint64_t SplitMix64::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int SplitMix64::below(int n) {
    // The high 32 bits times n, shifted: uniform enough, and the same everywhere.
    return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
}

double SplitMix64::tenth(int loTenths, int hiTenths) {
    int t = 0;
    while (t == 0) t = loTenths + below(hiTenths - loTenths + 1);  // 0 makes a dull step
    return t / 10.0;
}

std::optional<ProgramFamily> familyNamed(const std::string& name) {
    if (name == "chain") return ProgramFamily::Chain;
    if (name == "diamond") return ProgramFamily::Diamond;
    if (name == "mlp") return ProgramFamily::Mlp;
    return std::nullopt;
}

namespace {

// "0.5", "-1.2": one decimal, as the language reads it.
std::string num(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", x);
    return buf;
}

// A number as a factor or term: negatives in brackets.
std::string term(double x) { return x < 0 ? "(" + num(x) + ")" : num(x); }

// One step of a chain on operand u: functions whose derivative a student knows by heart.
std::string chainStep(SplitMix64& r, const std::string& u) {
    switch (r.below(7)) {
        case 0: return term(r.tenth(-20, 20)) + "*" + u;
        case 1: return u + " + " + term(r.tenth(-20, 20));
        case 2: return u + "^2";
        case 3: return "sin(" + u + ")";
        case 4: return "cos(" + u + ")";
        case 5: return "exp(" + u + ")";
        default: return "tanh(" + u + ")";
    }
}

RandomProgram chain(SplitMix64& r, int size) {
    RandomProgram p;
    p.at = "x=" + num(r.tenth(-15, 15));
    std::string prev = "x";
    for (int k = 1; k <= size; ++k) {
        const std::string name = k == size ? "f" : "a" + std::to_string(k);
        p.source += name + " = " + chainStep(r, prev) + "\n";
        prev = name;
    }
    return p;
}

// Levels that each use the previous value twice, so adjoints meet and add up (the diamond).
RandomProgram diamond(SplitMix64& r, int size) {
    RandomProgram p;
    p.at = "x=" + num(r.tenth(-15, 15)) + ",y=" + num(r.tenth(-15, 15));
    p.source = "u0 = x*y\n";
    std::string prev = "u0";
    for (int k = 1; k <= size; ++k) {
        const std::string left = "l" + std::to_string(k), right = "r" + std::to_string(k);
        p.source += left + " = " + chainStep(r, prev) + "\n";
        p.source += right + " = " + chainStep(r, prev) + "\n";
        const std::string name = k == size ? "f" : "u" + std::to_string(k);
        p.source += name + " = " + left + (r.below(2) == 0 ? " + " : "*") + right + "\n";
        prev = name;
    }
    return p;
}

// h_j = tanh(w_j1·x1 + … + b_j) for two hidden units, out = v1·h1 + v2·h2, L = (out − t)².
RandomProgram mlp(SplitMix64& r, int size) {
    RandomProgram p;
    for (int i = 1; i <= size; ++i)
        p.at += (i > 1 ? "," : "") + ("x" + std::to_string(i)) + "=" + num(r.tenth(-10, 10));
    for (int j = 1; j <= 2; ++j) {
        std::string z;
        for (int i = 1; i <= size; ++i)
            z += (i > 1 ? " + " : "") + term(r.tenth(-10, 10)) + "*x" + std::to_string(i);
        p.source += "h" + std::to_string(j) + " = tanh(" + z + " + " + term(r.tenth(-5, 5)) + ")\n";
    }
    p.source += "out = " + term(r.tenth(-10, 10)) + "*h1 + " + term(r.tenth(-10, 10)) + "*h2\n";
    p.source += "L = (out - " + term(r.tenth(-10, 10)) + ")^2\n";
    return p;
}

}  // namespace

RandomProgram randomProgram(std::uint64_t seed, ProgramFamily family, int size) {
    SplitMix64 r(seed);
    size = std::clamp(size, 1, 12);
    switch (family) {
        case ProgramFamily::Chain: return chain(r, size);
        case ProgramFamily::Diamond: return diamond(r, size);
        case ProgramFamily::Mlp: return mlp(r, size);
    }
    return {};
}

}  // namespace adviz
