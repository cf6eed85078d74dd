#include "autodiff/sweeps/hessian.hpp"

#include <algorithm>

#include "autodiff/sweeps/sweep.hpp"

namespace adviz {
namespace {

std::vector<double> unitSeed(const Graph& g, int output) {
    std::vector<double> seed(g.outputs.size(), 0.0);
    if (output >= 0 && output < g.outputCount()) seed[static_cast<std::size_t>(output)] = 1.0;
    return seed;
}

SweepCost costOf(const OpCounter& counter, const FlopScope& flops) {
    return {1, counter.operations(), counter.valuesStored(), flops.flops()};
}

// One plain reverse sweep on counted scalars: the gradient's cost, the yardstick for H·v.
SweepCost gradientCost(const Graph& g, std::span<const double> x, std::span<const double> ybar) {
    std::vector<Counted> xs(x.begin(), x.begin() + g.inputCount());
    std::vector<Counted> seed(ybar.begin(), ybar.end()), value, adjoint;
    OpCounter counter(g);
    FlopScope flops;
    reverseSweep(g, std::span<const Counted>(xs), std::span<const Counted>(seed), value, adjoint,
                 counter);
    return costOf(counter, flops);
}

// H·v by one counted forward-over-reverse sweep (without the gradient's cost for comparison).
HvpResult countedHvp(const Graph& g, std::span<const double> x, std::span<const double> v,
                     std::span<const double> ybar) {
    using D = Dual<Counted>;
    const auto n = static_cast<std::size_t>(g.inputCount());
    // Inputs x + v·ε; the seed is a constant (tangent 0): ȳ does not move with x.
    std::vector<D> xs(n), seed(ybar.size()), value, adjoint;
    for (std::size_t i = 0; i < n; ++i) xs[i] = D(Counted(x[i]), Counted(v[i]));
    for (std::size_t j = 0; j < ybar.size(); ++j) seed[j] = D(ybar[j]);
    OpCounter counter(g);
    FlopScope flops;
    reverseSweep(g, std::span<const D>(xs), std::span<const D>(seed), value, adjoint, counter);

    HvpResult r;
    r.cost = costOf(counter, flops);
    for (std::size_t i = 0; i < n; ++i) {
        r.gradient.push_back(adjoint[i].v.v);  // value part: ∂(ȳᵀf)/∂xᵢ
        r.hvp.push_back(adjoint[i].d.v);       // tangent part: d/dε ∂(ȳᵀf)/∂xᵢ = (H·v)ᵢ
    }
    std::vector<double> plain(value.size());
    for (std::size_t k = 0; k < value.size(); ++k) plain[k] = value[k].v.v;
    r.outputs = outputValues(g, plain);
    r.warnings = domainWarnings(g, plain);
    return r;
}

}  // namespace

HvpResult hvp(const Graph& g, std::span<const double> x, std::span<const double> v, int output) {
    std::vector<double> seed = unitSeed(g, output);
    return hvp(g, x, v, std::span<const double>(seed));
}

HvpResult hvp(const Graph& g, std::span<const double> x, std::span<const double> v,
              std::span<const double> ybar) {
    HvpResult r = countedHvp(g, x, v, ybar);
    r.gradientCost = gradientCost(g, x, ybar);
    return r;
}

std::vector<std::vector<double>> hessian(const Graph& g, std::span<const double> x, int output) {
    using D = Dual<double>;
    const auto n = static_cast<std::size_t>(g.inputCount());
    std::vector<double> unit = unitSeed(g, output);
    std::vector<D> xs(n), seed(unit.begin(), unit.end()), value, adjoint;
    std::vector<std::vector<double>> h(n, std::vector<double>(n, 0.0));
    for (std::size_t j = 0; j < n; ++j) {
        for (std::size_t i = 0; i < n; ++i) xs[i] = D(x[i], i == j ? 1.0 : 0.0);  // x + eⱼ·ε
        reverseSweep(g, std::span<const D>(xs), std::span<const D>(seed), value, adjoint);
        for (std::size_t i = 0; i < n; ++i) h[i][j] = adjoint[i].d;  // column j: H·eⱼ
    }
    return h;
}

HessianResult hessianWithCost(const Graph& g, std::span<const double> x,
                              std::span<const double> ybar) {
    const auto n = static_cast<std::size_t>(g.inputCount());
    HessianResult r;
    r.matrix.assign(n, std::vector<double>(n, 0.0));
    std::vector<double> dir(n, 0.0);
    for (std::size_t j = 0; j < n; ++j) {
        dir[j] = 1.0;
        HvpResult p = countedHvp(g, x, dir, ybar);
        dir[j] = 0.0;
        for (std::size_t i = 0; i < n; ++i) r.matrix[i][j] = p.hvp[i];
        r.cost.sweeps += p.cost.sweeps;
        r.cost.operations += p.cost.operations;
        r.cost.valuesStored = std::max(r.cost.valuesStored, p.cost.valuesStored);
        r.cost.flops += p.cost.flops;
        if (j == 0) {
            r.gradient = std::move(p.gradient);
            r.outputs = std::move(p.outputs);
            r.warnings = std::move(p.warnings);
        }
    }
    if (n == 0) {  // no inputs: nothing to differentiate, but the values are still wanted
        EvalResult ev = evaluateAt(g, x);
        r.outputs = std::move(ev.outputs);
        r.warnings = std::move(ev.warnings);
    }
    return r;
}

}  // namespace adviz
