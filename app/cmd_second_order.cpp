// `adviz jacobian`, `adviz hvp`, `adviz hessian`: full Jacobians by either method with what they
// cost, Hessian-vector products by forward-over-reverse, and full Hessians.
//
// hvp and hessian differentiate one scalar: the first output, or ȳᵀf for the seed given with
// --seed (--seed g=1 picks output g; --seed f=1,g=2 the weighted sum f + 2g).

#include <ostream>
#include <string>

#include "app/commands.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/sweeps/hessian.hpp"
#include "autodiff/sweeps/jacobian.hpp"

namespace adviz::cli {
namespace {

void jsonCost(JsonWriter& j, std::string_view key, const SweepCost& c) {
    j.key(key).beginObject();
    j.key("sweeps").value(c.sweeps);
    j.key("operations").value(c.operations);
    j.key("values_stored").value(c.valuesStored);
    j.key("flops").value(c.flops);
    j.endObject();
}

/// "3 sweeps, 36 operations, 14 values stored, 52 flops"
std::string costText(const SweepCost& c) {
    return std::to_string(c.sweeps) + (c.sweeps == 1 ? " sweep, " : " sweeps, ") +
           std::to_string(c.operations) + " operations, " + std::to_string(c.valuesStored) +
           " values stored, " + std::to_string(c.flops) + " flops";
}

/// What hvp and hessian differentiate, for text output: "f" for a unit seed on output f, else
/// "ȳᵀf".
std::string scalarName(const Graph& g, const std::vector<double>& ybar) {
    int picked = -1, nonzero = 0;
    for (int k = 0; k < g.outputCount(); ++k)
        if (ybar[static_cast<std::size_t>(k)] != 0) {
            ++nonzero;
            picked = k;
        }
    if (nonzero == 1 && ybar[static_cast<std::size_t>(picked)] == 1)
        return g.outputs[static_cast<std::size_t>(picked)].name;
    return "ȳᵀf";
}

}  // namespace

int cmdJacobian(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    std::optional<JacobianMethod> method = jacobianMethodNamed(opt.method);
    if (!method)
        return fail(err, {UsageStatus,
                          "--method must be forward, reverse or auto, not '" + opt.method + "'"});
    const Graph& g = job.graph;
    const long long n = g.inputCount(), m = g.outputCount();
    if (auto why = limits::sweepsRefusal(g, n + m, n * m, "the Jacobian",
                                         "jvp gives one column J·ẋ, vjp one row ȳᵀJ"))
        return fail(err, {InputErrorStatus, "jacobian: " + *why});
    JacobianResult r = jacobian(g, job.x, *method);
    const Mode other = r.method == Mode::Forward ? Mode::Reverse : Mode::Forward;
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, r.outputs);
        j.key("jacobian").beginObject();
        for (int k = 0; k < g.outputCount(); ++k) {
            const auto K = static_cast<std::size_t>(k);
            jsonPerInputFlat(j, g.outputs[K].name, g, r.matrix[K]);
        }
        j.endObject();
        j.key("method").value(modeName(r.method));
        jsonCost(j, "cost", r.cost);
        j.key("other_method").value(modeName(other));
        jsonCost(j, "other_cost", r.otherCost);
        jsonWarnings(j, r.warnings);
        j.endObject();
        out << j.str();
    } else {
        textOutputs(out, g, r.outputs);
        for (std::size_t k = 0; k < g.outputs.size(); ++k)
            for (int i = 0; i < g.inputCount(); ++i)
                out << "∂" << g.outputs[k].name << "/∂" << g.inputName(i) << " = "
                    << formatExact(r.matrix[k][static_cast<std::size_t>(i)]) << "\n";
        out << "method: " << modeName(r.method) << " (" << costText(r.cost) << ")\n";
        out << modeName(other) << " would take: " << costText(r.otherCost) << "\n";
    }
    printWarnings(r.warnings, err);
    return 0;
}

int cmdHvp(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    HvpResult r = hvp(g, job.x, job.xdot, job.ybar);
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, r.outputs);
        jsonPerOutput(j, "seed", g, job.ybar);
        jsonPerInputFlat(j, "direction", g, job.xdot);
        jsonPerInputFlat(j, "gradient", g, r.gradient);
        jsonPerInputFlat(j, "hvp", g, r.hvp);
        jsonCost(j, "cost", r.cost);
        jsonCost(j, "gradient_cost", r.gradientCost);
        jsonWarnings(j, r.warnings);
        j.endObject();
        out << j.str();
    } else {
        const std::string f = scalarName(g, job.ybar);
        textOutputs(out, g, r.outputs);
        for (int i = 0; i < g.inputCount(); ++i)
            out << "∂" << f << "/∂" << g.inputName(i) << " = "
                << formatExact(r.gradient[static_cast<std::size_t>(i)]) << "\n";
        for (int i = 0; i < g.inputCount(); ++i)
            out << "(H·v)[" << g.inputName(i) << "] = "
                << formatExact(r.hvp[static_cast<std::size_t>(i)]) << "\n";
        out << "cost: " << costText(r.cost) << "\n";
        out << "a gradient alone: " << costText(r.gradientCost) << "\n";
    }
    printWarnings(r.warnings, err);
    return 0;
}

int cmdHessian(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    const long long n = g.inputCount();
    if (auto why = limits::sweepsRefusal(g, n, n * n, "the Hessian", "hvp gives one column H·v"))
        return fail(err, {InputErrorStatus, "hessian: " + *why});
    HessianResult r = hessianWithCost(g, job.x, job.ybar);
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, r.outputs);
        jsonPerOutput(j, "seed", g, job.ybar);
        jsonPerInputFlat(j, "gradient", g, r.gradient);
        j.key("hessian").beginObject();
        for (int i = 0; i < g.inputCount(); ++i)
            jsonPerInputFlat(j, g.inputName(i), g, r.matrix[static_cast<std::size_t>(i)]);
        j.endObject();
        jsonCost(j, "cost", r.cost);
        jsonWarnings(j, r.warnings);
        j.endObject();
        out << j.str();
    } else {
        const std::string f = scalarName(g, job.ybar);
        textOutputs(out, g, r.outputs);
        for (int i = 0; i < g.inputCount(); ++i)
            for (int k = 0; k < g.inputCount(); ++k) {
                std::string xi(g.inputName(i)), xk(g.inputName(k));
                out << "∂²" << f << "/" << (i == k ? "∂" + xi + "²" : "∂" + xi + "∂" + xk) << " = "
                    << formatExact(r.matrix[static_cast<std::size_t>(i)]
                                           [static_cast<std::size_t>(k)])
                    << "\n";
            }
        out << "cost: " << costText(r.cost) << "\n";
    }
    printWarnings(r.warnings, err);
    return 0;
}

}  // namespace adviz::cli
