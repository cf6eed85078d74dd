#pragma once
// Generated programs for the benchmarks, by family and size (number of nodes, roughly), the
// point they are measured at, and the check every benchmark runs before timing: a program whose
// numbers are not finite, or whose output no longer depends on its inputs, measures nothing.

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "autodiff/language/parser.hpp"
#include "autodiff/sweeps/sweep.hpp"

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

/// Input i of every benchmark point: 10⁻³·(i mod 7 + 1), so x = 0.001, y = 0.002, …
inline double pointInput(std::size_t i) { return 1e-3 * static_cast<double>(i % 7 + 1); }

inline std::vector<double> point(const Graph& g) {
    std::vector<double> x(static_cast<std::size_t>(g.inputCount()));
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = pointInput(i);
    return x;
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

namespace detail {

/// A value and its partials by x and y, in double (as the sweeps compute them) or long double
/// (11 bits more: the reference the rounding of the double one is measured against).
template <class R> struct Sim { R v, dx, dy; };

template <class R> Sim<R> simulate(int op, const Sim<R>& u, const Sim<R>& w) {
    using std::cos; using std::exp; using std::sin;
    switch (op) {
        case 0: return {u.v + w.v, u.dx + w.dx, u.dy + w.dy};
        case 1: return {u.v * w.v, u.dx * w.v + u.v * w.dx, u.dy * w.v + u.v * w.dy};
        case 2: return {u.v - w.v, u.dx - w.dx, u.dy - w.dy};
        case 3: return {sin(u.v), cos(u.v) * u.dx, cos(u.v) * u.dy};
        case 4: {
            R y = exp(u.v);
            return {y, y * u.dx, y * u.dy};
        }
        default: return {cos(u.v), -sin(u.v) * u.dx, -sin(u.v) * u.dy};
    }
}

}  // namespace detail

/// About n nodes, each combining one or two of the 8 previous ones with a random op (+ · − of
/// two different nodes, sin exp cos of one), with few outputs: a node about to leave the window
/// unused is taken as an operand. The generator evaluates the program as it writes it, at the
/// benchmark point (x, y) = (0.001, 0.002), value and both partials, in double and in long
/// double, and draws a statement again if it would repeat an earlier one (hash-consing would
/// merge them; t − t is 0), take a value outside [−4, 4], past the first few nodes take partials
/// outside [10⁻³, 10³], or let rounding grow past 10⁻¹³ of the value or of the partials. So the
/// values stay finite, the output keeps depending on x and y at any size, and every tool's
/// gradient agrees to 10⁻¹²: an unsteered random DAG overflows within a few hundred nodes or
/// forgets its inputs, and one steered on magnitudes alone cancels until different summation
/// orders disagree in the 8th digit. (No tanh: ADOL-C computes it from exp, an ulp away from
/// the C library's, and 10⁶ nodes carry that ulp past 10⁻¹².)
inline std::string randomDag(int n, unsigned seed = 42) {
    using detail::Sim;
    std::mt19937 rng(seed);
    std::vector<Sim<double>> sim{{pointInput(0), 1, 0}, {pointInput(1), 0, 1}};
    std::vector<Sim<long double>> ref{{pointInput(0), 1, 0}, {pointInput(1), 0, 1}};
    std::vector<char> used(static_cast<std::size_t>(std::max(n, 2)), 0);
    std::set<std::tuple<int, int, int>> seen;
    std::string s = "t0 = x\nt1 = y\n";
    const char* binary[] = {" + ", " * ", " - "};
    const char* unary[] = {"sin", "exp", "cos"};
    // How far a candidate is from what is wanted: at most 1 is good; a value outside [−4, 4]
    // is never taken. When rounding has already grown (no candidate scores 1), the best of 64
    // is taken, which steers back to well-conditioned ground instead of giving up.
    auto decades = [](double d) {
        const double l = std::log10(std::fabs(d) + 1e-300);
        return l < -3 ? -3 - l : l > 3 ? l - 3 : 0.0;
    };
    auto score = [&](int k, const Sim<double>& r, const Sim<long double>& e) {
        if (!(std::fabs(r.v) <= 4)) return 1e300;
        const long double slope = std::fabs(e.dx) + std::fabs(e.dy) + 1e-300L;
        auto err = [](double d, long double exact, long double scale) {
            return static_cast<double>(std::fabs(static_cast<long double>(d) - exact) / (1e-13L * scale));
        };
        double worst = std::max({err(r.v, e.v, std::fabs(e.v) + 1e-300L), err(r.dx, e.dx, slope),
                                 err(r.dy, e.dy, slope)});
        const double outside = k >= 16 ? decades(r.dx) + decades(r.dy) : 0;
        if (outside > 0) worst = std::max(worst, 1 + outside);
        return worst;
    };
    for (int k = 2; k < n; ++k) {
        const int window = std::min(k, 8);
        std::uniform_int_distribution<int> back(1, window);
        const int oldest = k - window;
        int op = 0, a = 0, b = 0;
        Sim<double> r{};
        Sim<long double> e{};
        double best = 2e300;
        for (int attempt = 0; attempt < 64 || best >= 1e300; ++attempt) {
            int ca = !used[static_cast<std::size_t>(oldest)] && k >= 8 ? oldest : k - back(rng);
            int cb = k - back(rng);
            int cop = static_cast<int>(rng() % 6);  // 0–2 binary, 3–5 unary (of a)
            if (cop < 3 && ca == cb) continue;
            const int bKey = cop < 3 ? cb : -1;
            const bool commutes = cop == 0 || cop == 1;
            if (seen.count({cop, ca, bKey}) || (commutes && seen.count({cop, bKey, ca}))) continue;
            const auto ia = static_cast<std::size_t>(ca), ib = static_cast<std::size_t>(cb);
            Sim<double> cr = detail::simulate(cop, sim[ia], sim[ib]);
            Sim<long double> ce = detail::simulate(cop, ref[ia], ref[ib]);
            const double sc = score(k, cr, ce);
            if (sc < best) std::tie(best, op, a, b, r, e) = std::tie(sc, cop, ca, cb, cr, ce);
            if (best <= 1) break;
        }
        seen.insert({op, a, op < 3 ? b : -1});
        sim.push_back(r);
        ref.push_back(e);
        used[static_cast<std::size_t>(a)] = 1;
        std::string ta = "t" + std::to_string(a);
        if (op < 3) {
            used[static_cast<std::size_t>(b)] = 1;
            s += "t" + std::to_string(k) + " = " + ta + binary[op] + "t" + std::to_string(b) + "\n";
        } else {
            s += "t" + std::to_string(k) + " = " + unary[op - 3] + "(" + ta + ")\n";
        }
    }
    return s;
}

/// aᵢ₊₁ = aᵢ·aᵢ − aᵢ, levels deep (2 nodes a level, every level used three times: the diamond
/// that a path-walking reverse mode takes exponential time on). With − the map a ↦ a² − a
/// spirals slowly into 0 from x = 0.001 and stays finite at any depth; a² + a, the ladder
/// measured before, doubles its exponent every level once a > 1 and overflows to inf.
inline std::string diamondLadder(int levels) {
    std::string s = "a0 = x\n";
    for (int i = 0; i < levels; ++i) {
        std::string a = "a" + std::to_string(i);
        s += "a" + std::to_string(i + 1) + " = " + a + "*" + a + " - " + a + "\n";
    }
    return s;
}

/// Why g at x is no fit for a benchmark, or "" if it is: every value and every component of the
/// gradient (of the sum of the outputs) finite, and the outputs changing when the first or the
/// last input moves by a relative 10⁻³.
inline std::string checkProgram(const Graph& g, std::span<const double> x) {
    std::vector<double> value, adjoint, seed(static_cast<std::size_t>(g.outputCount()), 1.0);
    reverseSweep(g, x, std::span<const double>(seed), value, adjoint);
    for (std::size_t i = 0; i < value.size(); ++i)
        if (!std::isfinite(value[i])) return "value of node " + std::to_string(i) + " is not finite";
    for (int i = 0; i < g.inputCount(); ++i)
        if (!std::isfinite(adjoint[static_cast<std::size_t>(i)]))
            return "gradient component " + std::to_string(i) + " is not finite";
    if (g.outputCount() == 0 || g.inputCount() == 0) return "no outputs or no inputs";
    auto outputs = [&](const std::vector<double>& v) {
        std::vector<double> y;
        for (const Output& o : g.outputs) y.push_back(v[static_cast<std::size_t>(o.node)]);
        return y;
    };
    const std::vector<double> y = outputs(value);
    for (int i : {0, g.inputCount() - 1}) {
        std::vector<double> moved(x.begin(), x.end()), v;
        moved[static_cast<std::size_t>(i)] *= 1 + 1e-3;
        evaluate(g, std::span<const double>(moved), v);
        if (outputs(v) == y) return "the outputs do not change when input " + std::to_string(i) + " moves";
    }
    return "";
}

}  // namespace adviz::bench
