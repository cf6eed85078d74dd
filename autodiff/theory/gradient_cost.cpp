#include "autodiff/theory/gradient_cost.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "autodiff/language/parser.hpp"
#include "autodiff/sweeps/op_count.hpp"
#include "autodiff/sweeps/sweep.hpp"

namespace adviz {
namespace {

// ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x))/hᵢ for every i (central: (f(x + hᵢeᵢ) − f(x − hᵢeᵢ))/2hᵢ),
// each evaluation a pass seen by the counter. The steps are the rules of thumb √u·max(1, |xᵢ|)
// and u^(1/3)·max(1, |xᵢ|); the quotients are computed for real, only their cost is kept.
long long fdGradientPasses(const Graph& g, std::span<const double> x, int output, bool central,
                           OpCounter& counter) {
    const auto out = static_cast<std::size_t>(g.outputs[static_cast<std::size_t>(output)].node);
    std::vector<double> value, p(x.begin(), x.end()), grad(x.size());
    long long passes = 0;
    auto f = [&](std::span<const double> at) {
        evaluate(g, at, value, counter);
        ++passes;
        return value[out];
    };
    const double f0 = central ? 0.0 : f(x);  // shared by the p forward quotients
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double h = (central ? std::cbrt(DBL_EPSILON) : std::sqrt(DBL_EPSILON)) *
                         std::max(1.0, std::fabs(x[i]));
        p[i] = x[i] + h;
        const double fp = f(p);
        if (central) {
            p[i] = x[i] - h;
            grad[i] = (fp - f(p)) / (2 * h);
        } else {
            grad[i] = (fp - f0) / h;
        }
        p[i] = x[i];
    }
    return passes;
}

}  // namespace

CostRow costOf(const Graph& g, std::span<const double> x, int output) {
    CostRow r;
    r.label = "program";
    r.parameters = g.inputCount();
    const auto p = static_cast<std::size_t>(r.parameters);

    OpCounter fd(g), fdCentral(g);
    r.fdForwardPasses = fdGradientPasses(g, x, output, false, fd);
    r.fdCentralPasses = fdGradientPasses(g, x, output, true, fdCentral);
    r.fdOperations = fd.operations();
    r.fdCentralOperations = fdCentral.operations();

    // Forward mode: one sweep per input direction eᵢ, each giving the column ∂f/∂xᵢ.
    OpCounter forward(g);
    std::vector<double> e(p, 0.0);
    std::vector<Dual<double>> node;
    for (std::size_t i = 0; i < p; ++i) {
        e[i] = 1;
        forwardSweep(g, x, std::span<const double>(e), node, forward);
        ++r.forwardSweeps;
        e[i] = 0;
    }
    r.forwardOperations = forward.operations();

    // Reverse mode: one sweep seeded with ȳ = e_output gives every ∂f/∂xᵢ at once.
    OpCounter reverse(g);
    std::vector<double> seed(static_cast<std::size_t>(g.outputCount()), 0.0), value, adjoint;
    seed[static_cast<std::size_t>(output)] = 1;
    reverseSweep(g, x, std::span<const double>(seed), value, adjoint, reverse);
    ++r.reverseSweeps;
    r.reverseOperations = reverse.operations();
    return r;
}

std::string mlpProgram(int width) {
    // z1ᵢ = w1ᵢ₁·1.5 + w1ᵢ₂·(−0.5) + b1ᵢ, hᵢ = σ(z1ᵢ), z2 = Σ w2ᵢhᵢ + b2, L = (z2 − 0.25)².
    std::string src, z2 = "z2 =";
    for (int i = 1; i <= width; ++i) {
        const std::string k = std::to_string(i);
        src += "z1_" + k + " = w1_" + k + "_1*1.5 - w1_" + k + "_2*0.5 + b1_" + k + "\n";
        src += "h" + k + " = sigmoid(z1_" + k + ")\n";
        z2 += " w2_" + k + "*h" + k + " +";
    }
    return src + z2 + " b2\nL = (z2 - 0.25)^2\n";
}

std::vector<CostRow> costFamily(int maxWidth) {
    std::vector<CostRow> rows;
    for (int w = 1; w <= maxWidth; ++w) {
        ParseResult pr = parse(mlpProgram(w));
        if (!pr.ok()) break;  // cannot happen: the program is well formed
        std::vector<double> x(static_cast<std::size_t>(pr.graph.inputCount()));
        for (std::size_t k = 0; k < x.size(); ++k)  // small weights of both signs
            x[k] = 0.05 * static_cast<double>(1 + k % 5) * (k % 2 ? -1.0 : 1.0);
        CostRow r = costOf(pr.graph, x, 0);
        r.label = "mlp";
        r.width = w;
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace adviz
