#include "autodiff/sweeps/derivatives.hpp"

#include <cmath>

#include "autodiff/number_format.hpp"
#include "autodiff/op_table.hpp"
#include "autodiff/sweeps/sweep.hpp"

namespace adviz {

std::vector<Warning> domainWarnings(const Graph& g, std::span<const double> value) {
    std::vector<Warning> out;
    for (int id = g.inputs; id < g.size(); ++id) {
        const Node& nd = g[id];
        if (nd.op == Op::Const || std::isfinite(value[static_cast<std::size_t>(id)])) continue;
        double a = value[static_cast<std::size_t>(nd.a)];
        double b = nd.b >= 0 ? value[static_cast<std::size_t>(nd.b)] : 0.0;
        if (!std::isfinite(a) || !std::isfinite(b)) continue;  // inherited, reported upstream
        const char* why = opDomainProblem(nd.op, a, b);
        std::string msg = why ? why : std::string(info(nd.op).name) + " overflowed";
        out.push_back({id, g.wengertName(id) + " = " + g.definition(id) + ": " + msg + " (" +
                               formatExact(value[static_cast<std::size_t>(id)]) + ")"});
    }
    return out;
}

std::vector<double> outputValues(const Graph& g, std::span<const double> value) {
    std::vector<double> out;
    out.reserve(g.outputs.size());
    for (const Output& o : g.outputs) out.push_back(value[static_cast<std::size_t>(o.node)]);
    return out;
}

EvalResult evaluateAt(const Graph& g, std::span<const double> x) {
    EvalResult r;
    evaluate(g, x, r.value);
    r.outputs = outputValues(g, r.value);
    r.warnings = domainWarnings(g, r.value);
    return r;
}

JvpResult jvp(const Graph& g, std::span<const double> x, std::span<const double> xdot) {
    std::vector<Dual<double>> node;
    forwardSweep(g, x, xdot, node);
    JvpResult r;
    std::vector<double> value(node.size());
    for (std::size_t i = 0; i < node.size(); ++i) value[i] = node[i].v;
    for (const Output& o : g.outputs) {
        r.outputs.push_back(node[static_cast<std::size_t>(o.node)].v);
        r.tangent.push_back(node[static_cast<std::size_t>(o.node)].d);
    }
    r.warnings = domainWarnings(g, value);
    return r;
}

VjpResult vjp(const Graph& g, std::span<const double> x, std::span<const double> ybar) {
    std::vector<double> value, adjoint;
    reverseSweep(g, x, ybar, value, adjoint);
    VjpResult r;
    r.outputs = outputValues(g, value);
    r.cotangent.assign(adjoint.begin(), adjoint.begin() + g.inputs);
    r.warnings = domainWarnings(g, value);
    return r;
}

std::vector<double> gradient(const Graph& g, std::span<const double> x, int output) {
    std::vector<double> seed(g.outputs.size(), 0.0);
    seed[static_cast<std::size_t>(output)] = 1.0;
    std::vector<double> value, adjoint;
    reverseSweep(g, x, std::span<const double>(seed), value, adjoint);
    return {adjoint.begin(), adjoint.begin() + g.inputs};
}

}  // namespace adviz
