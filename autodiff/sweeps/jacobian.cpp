#include "autodiff/sweeps/jacobian.hpp"

#include <algorithm>

#include "autodiff/sweeps/sweep.hpp"

namespace adviz {

std::optional<JacobianMethod> jacobianMethodNamed(std::string_view name) {
    if (name == "forward") return JacobianMethod::Forward;
    if (name == "reverse") return JacobianMethod::Reverse;
    if (name == "auto") return JacobianMethod::Auto;
    return std::nullopt;
}

namespace {

// The matrix is m × n even when a sweep count is zero; values and warnings come from one plain
// evaluation (not part of the cost).
JacobianResult emptyResult(const Graph& g, std::span<const double> x, Mode method) {
    JacobianResult r;
    r.method = method;
    r.matrix.assign(static_cast<std::size_t>(g.outputCount()),
                    std::vector<double>(static_cast<std::size_t>(g.inputCount()), 0.0));
    EvalResult ev = evaluateAt(g, x);
    r.outputs = std::move(ev.outputs);
    r.warnings = std::move(ev.warnings);
    return r;
}

void addSweep(SweepCost& cost, const OpCounter& counter) {
    ++cost.sweeps;
    cost.operations += counter.operations();
    cost.valuesStored = std::max(cost.valuesStored, counter.valuesStored());
}

}  // namespace

JacobianResult jacobianForward(const Graph& g, std::span<const double> x) {
    JacobianResult r = emptyResult(g, x, Mode::Forward);
    const auto n = static_cast<std::size_t>(g.inputCount());
    std::vector<Counted> xs(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<Counted> dir(n, Counted(0.0));
    std::vector<Dual<Counted>> node;
    FlopScope flops;
    for (std::size_t i = 0; i < n; ++i) {
        OpCounter counter(g);
        dir[i] = 1.0;  // seed eᵢ: the outputs' tangents are column i, J·eᵢ
        forwardSweep(g, std::span<const Counted>(xs), std::span<const Counted>(dir), node, counter);
        dir[i] = 0.0;
        for (std::size_t j = 0; j < g.outputs.size(); ++j)
            r.matrix[j][i] = node[static_cast<std::size_t>(g.outputs[j].node)].d.v;
        addSweep(r.cost, counter);
    }
    r.cost.flops = flops.flops();
    return r;
}

JacobianResult jacobianReverse(const Graph& g, std::span<const double> x) {
    JacobianResult r = emptyResult(g, x, Mode::Reverse);
    const auto n = static_cast<std::size_t>(g.inputCount());
    std::vector<Counted> xs(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<Counted> seed(g.outputs.size(), Counted(0.0)), value, adjoint;
    FlopScope flops;
    for (std::size_t j = 0; j < g.outputs.size(); ++j) {
        OpCounter counter(g);
        seed[j] = 1.0;  // seed eⱼ: the inputs' adjoints are row j, eⱼᵀJ
        reverseSweep(g, std::span<const Counted>(xs), std::span<const Counted>(seed), value,
                     adjoint, counter);
        seed[j] = 0.0;
        for (std::size_t i = 0; i < n; ++i) r.matrix[j][i] = adjoint[i].v;
        addSweep(r.cost, counter);
    }
    r.cost.flops = flops.flops();
    return r;
}

JacobianResult jacobian(const Graph& g, std::span<const double> x, JacobianMethod method) {
    JacobianResult fwd = jacobianForward(g, x);
    JacobianResult rev = jacobianReverse(g, x);
    bool forward = method == JacobianMethod::Forward;
    if (method == JacobianMethod::Auto) {
        if (fwd.cost.operations != rev.cost.operations)
            forward = fwd.cost.operations < rev.cost.operations;
        else
            forward = g.outputCount() > g.inputCount();  // tie: reverse when m ≤ n
    }
    JacobianResult& chosen = forward ? fwd : rev;
    chosen.otherCost = (forward ? rev : fwd).cost;
    return std::move(chosen);
}

std::vector<Trace> jacobianTraces(const Graph& g, std::span<const double> x, Mode mode) {
    std::vector<Trace> traces;
    if (mode == Mode::Forward) {
        std::vector<double> dir(static_cast<std::size_t>(g.inputCount()), 0.0);
        for (std::size_t i = 0; i < dir.size(); ++i) {
            dir[i] = 1.0;
            traces.push_back(traceForward(g, x, dir));
            dir[i] = 0.0;
        }
    } else if (mode == Mode::Reverse) {
        std::vector<double> seed(g.outputs.size(), 0.0);
        for (std::size_t j = 0; j < seed.size(); ++j) {
            seed[j] = 1.0;
            traces.push_back(traceReverse(g, x, seed));
            seed[j] = 0.0;
        }
    }
    return traces;
}

}  // namespace adviz
