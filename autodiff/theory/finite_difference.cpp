#include "autodiff/theory/finite_difference.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

#include "autodiff/sweeps/sweep.hpp"

namespace adviz {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// One pass: every node of the program at point p, and the chosen output's value.
double outputAt(const Graph& g, std::span<const double> p, int output, std::vector<double>& buf,
                int* passes) {
    evaluate(g, p, buf);
    if (passes) ++*passes;
    return buf[static_cast<std::size_t>(g.outputs[static_cast<std::size_t>(output)].node)];
}

// x + s·dir, written naively as a user would: the step actually taken, (x + s·dir) − x, is
// itself rounded, one of the two ways small steps lose accuracy.
std::vector<double> shifted(std::span<const double> x, std::span<const double> dir, double s) {
    std::vector<double> p(x.begin(), x.end());
    for (std::size_t i = 0; i < p.size(); ++i) p[i] += s * dir[i];
    return p;
}

// J·dir for output `output` in scalar type T: one forward sweep of dual numbers.
template <class T>
T jvpIn(const Graph& g, std::span<const double> x, std::span<const double> dir, int output) {
    std::vector<T> xt(x.begin(), x.end()), dt(dir.begin(), dir.end());
    std::vector<Dual<T>> node;
    forwardSweep(g, std::span<const T>(xt), std::span<const T>(dt), node);
    return node[static_cast<std::size_t>(g.outputs[static_cast<std::size_t>(output)].node)].d;
}

double errorOf(const FdErrorRow& r, FdMethod m) {
    return m == FdMethod::Forward ? r.forwardError : r.centralError;
}

// The ε whose neighbourhood (the row and the rows either side) has the smallest worst error:
// in the rounding regime the error jumps about, and a lucky cancellation at one ε would
// otherwise pass for the best step. *error is that row's own error.
double bestRow(const std::vector<FdErrorRow>& rows, FdMethod m, double& error) {
    double best = std::numeric_limits<double>::infinity(), eps = nan;
    error = nan;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        double worst = errorOf(rows[k], m);
        if (k > 0) worst = std::max(worst, errorOf(rows[k - 1], m));
        if (k + 1 < rows.size()) worst = std::max(worst, errorOf(rows[k + 1], m));
        if (worst < best) {  // false for NaN: rows outside the domain never win
            best = worst;
            eps = rows[k].eps;
            error = errorOf(rows[k], m);
        }
    }
    return eps;
}

}  // namespace

double forwardDifference(const Graph& g, std::span<const double> x, std::span<const double> dir,
                         double eps, int output, int* passes) {
    std::vector<double> buf;
    const double f0 = outputAt(g, x, output, buf, passes);
    const double f1 = outputAt(g, shifted(x, dir, eps), output, buf, passes);
    return (f1 - f0) / eps;  // f(x+εd) = f(x) + ε·f′ + ε²/2·f″ + …: error ε/2·f″
}

double centralDifference(const Graph& g, std::span<const double> x, std::span<const double> dir,
                         double eps, int output, int* passes) {
    std::vector<double> buf;
    const double fp = outputAt(g, shifted(x, dir, eps), output, buf, passes);
    const double fm = outputAt(g, shifted(x, dir, -eps), output, buf, passes);
    return (fp - fm) / (2 * eps);  // the even terms cancel: error ε²/6·f‴
}

std::vector<FdErrorRow> fdErrorSweep(const Graph& g, std::span<const double> x,
                                     std::span<const double> dir, int output,
                                     int pointsPerDecade) {
    pointsPerDecade = std::max(1, pointsPerDecade);
    const double ad = jvpIn<double>(g, x, dir, output);
    // AD is exact up to the rounding of each elementary operation; the wider sweep shows what
    // that rounding amounts to. Half an ulp is the floor: no double can be closer than that.
    const long double wide = jvpIn<long double>(g, x, dir, output);
    const double halfUlp =
        0.5 * (std::nextafter(std::fabs(ad), std::numeric_limits<double>::infinity()) -
               std::fabs(ad));
    double adError = static_cast<double>(std::fabs(static_cast<long double>(ad) - wide));
    if (std::isfinite(ad)) adError = std::max(adError, ad == 0 ? 0.0 : halfUlp);

    std::vector<double> buf;
    const double f0 = outputAt(g, x, output, buf, nullptr);  // shared by every forward quotient
    std::vector<FdErrorRow> rows;
    const int count = 16 * pointsPerDecade;
    for (int k = 0; k <= count; ++k) {
        const double eps = std::pow(10.0, -16.0 + static_cast<double>(k) / pointsPerDecade);
        const double fp = outputAt(g, shifted(x, dir, eps), output, buf, nullptr);
        const double fm = outputAt(g, shifted(x, dir, -eps), output, buf, nullptr);
        FdErrorRow r;
        r.eps = eps;
        r.forwardError = std::fabs((fp - f0) / eps - ad);
        r.centralError = std::fabs((fp - fm) / (2 * eps) - ad);
        r.adError = adError;
        rows.push_back(r);
    }
    return rows;
}

double fitSlope(const std::vector<FdErrorRow>& rows, FdMethod method, double lo, double hi) {
    // Ordinary least squares of v = log₁₀ err on u = log₁₀ ε: slope = Σ(u−ū)(v−v̄) / Σ(u−ū)².
    std::vector<std::pair<double, double>> uv;
    for (const FdErrorRow& r : rows) {
        const double e = errorOf(r, method);
        if (r.eps < lo || r.eps > hi || !(e > 0) || !std::isfinite(e)) continue;
        uv.emplace_back(std::log10(r.eps), std::log10(e));
    }
    if (uv.size() < 2) return nan;
    double mu = 0, mv = 0;
    for (auto [u, v] : uv) { mu += u; mv += v; }
    mu /= static_cast<double>(uv.size());
    mv /= static_cast<double>(uv.size());
    double suv = 0, suu = 0;
    for (auto [u, v] : uv) {
        suv += (u - mu) * (v - mv);
        suu += (u - mu) * (u - mu);
    }
    return suu > 0 ? suv / suu : nan;
}

FdBest bestEpsilon(std::span<const double> x, std::span<const double> dir,
                   const std::vector<FdErrorRow>& rows) {
    FdBest b;
    double largestX = 1, largestDir = 0;
    for (std::size_t i = 0; i < x.size() && i < dir.size(); ++i) {
        if (dir[i] == 0) continue;
        largestX = std::max(largestX, std::fabs(x[i]));
        largestDir = std::max(largestDir, std::fabs(dir[i]));
    }
    b.scale = largestDir > 0 ? largestX / largestDir : 1;
    // Forward: total error ≈ u·|f|/ε + ε·|f″|/2, smallest near ε = √u (for |f| ≈ |f″|);
    // central: ≈ u·|f|/ε + ε²·|f‴|/6, smallest near ε = u^(1/3).
    b.ruleForward = std::sqrt(DBL_EPSILON) * b.scale;
    b.ruleCentral = std::cbrt(DBL_EPSILON) * b.scale;
    b.measuredForward = bestRow(rows, FdMethod::Forward, b.minForwardError);
    b.measuredCentral = bestRow(rows, FdMethod::Central, b.minCentralError);
    // Below ~100 ulp of the point the step itself is mostly rounding (and below one ulp it
    // vanishes: x + ε·dir == x, the quotient is 0, the error |AD|): no clean slope there.
    const double floorEps = 100 * DBL_EPSILON * b.scale;
    b.forwardTruncationSlope = fitSlope(rows, FdMethod::Forward, 100 * b.measuredForward, 0.1);
    b.centralTruncationSlope = fitSlope(rows, FdMethod::Central, 100 * b.measuredCentral, 0.1);
    b.forwardCancellationSlope =
        fitSlope(rows, FdMethod::Forward, floorEps, b.measuredForward / 100);
    b.centralCancellationSlope =
        fitSlope(rows, FdMethod::Central, floorEps, b.measuredCentral / 100);
    return b;
}

}  // namespace adviz
