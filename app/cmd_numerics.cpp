// Why not finite differences or symbolic differentiation: `adviz fd-error`, `adviz swell` and
// `adviz cost`, each as a readable table, CSV (--csv: a header row, then one row per point) or
// JSON (--json). Every number comes from the engine (finite_difference, symbolic,
// gradient_cost); this file only formats.

#include <cmath>
#include <ostream>
#include <string>

#include "app/commands.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/theory/finite_difference.hpp"
#include "autodiff/theory/gradient_cost.hpp"
#include "autodiff/theory/symbolic.hpp"

namespace adviz::cli {
namespace {

constexpr int familySize = 20;      // swell families: n = 1 … 20 (squaring reaches 4·10⁷ nodes)
constexpr int familyWidth = 16;     // cost family: MLP widths 1 … 16, p = 5 … 65
constexpr std::size_t textChars = 400;  // a printed derivative is cut after this many bytes
constexpr std::size_t jsonChars = 1 << 16;  // … and in JSON after 64 KB
constexpr int textInputs = 8;       // derivatives shown in the table, at most

// The output the commands look at: the first one --seed gives weight to (default: the first).
int chosenOutput(const std::vector<double>& ybar) {
    for (std::size_t k = 0; k < ybar.size(); ++k)
        if (ybar[k] != 0) return static_cast<int>(k);
    return 0;
}

// Right-aligned in a column of `width` characters (counted as bytes: the texts are ASCII).
std::string pad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

// A size for people; tooLargeToCount (more than 10¹⁸ nodes, or not built) as words.
std::string sizeText(long long n) { return n == tooLargeToCount ? "more than 10^18" : std::to_string(n); }
// The same for CSV, where "too large" is an empty field.
std::string stopName(SymStop s) {
    return s == SymStop::Nodes ? "nodes" : s == SymStop::Visits ? "visits" : "";
}

std::string sizeCsv(long long n) { return n == tooLargeToCount ? "" : std::to_string(n); }

void jsonSize(JsonWriter& j, const char* key, long long n) {
    j.key(key);
    if (n == tooLargeToCount) j.null();
    else j.value(n);
}

std::string pointText(const Graph& g, const std::vector<double>& v) {
    std::string s;
    for (int i = 0; i < g.inputCount(); ++i)
        s += (i ? ", " : "") + std::string(g.inputName(i)) + "=" +
             formatShort(v[static_cast<std::size_t>(i)]);
    return s;
}

// Whether some derivative of g depends on which side of a kink or special case the point is.
bool branches(const Graph& g) {
    for (const Node& n : g.nodes)
        if (n.op == Op::Relu || n.op == Op::Abs || n.op == Op::Min || n.op == Op::Max ||
            n.op == Op::Pow)
            return true;
    return false;
}

}  // namespace

int cmdFdError(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    const int k = chosenOutput(job.ybar);
    const std::vector<FdErrorRow> rows = fdErrorSweep(g, job.x, job.xdot, k);
    const FdBest best = bestEpsilon(job.x, job.xdot, rows);
    const JvpResult ad = jvp(g, job.x, job.xdot);
    const std::string& name = g.outputs[static_cast<std::size_t>(k)].name;
    if (opt.csv) {
        out << "eps,forward_error,central_error,ad_error\n";
        for (const FdErrorRow& r : rows)
            out << formatExact(r.eps) << "," << formatExact(r.forwardError) << ","
                << formatExact(r.centralError) << "," << formatExact(r.adError) << "\n";
    } else if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, ad.outputs);
        j.key("output").value(name);
        j.key("ad").value(ad.tangent[static_cast<std::size_t>(k)]);
        j.key("rows").beginArray();
        for (const FdErrorRow& r : rows) {
            j.beginObject().key("eps").value(r.eps).key("forward_error").value(r.forwardError);
            j.key("central_error").value(r.centralError).key("ad_error").value(r.adError);
            j.endObject();
        }
        j.endArray();
        j.key("best").beginObject();
        j.key("scale").value(best.scale);
        j.key("rule_forward").value(best.ruleForward).key("rule_central").value(best.ruleCentral);
        j.key("forward").value(best.measuredForward).key("central").value(best.measuredCentral);
        j.key("forward_error").value(best.minForwardError);
        j.key("central_error").value(best.minCentralError);
        j.endObject();
        j.key("slopes").beginObject();
        j.key("forward_truncation").value(best.forwardTruncationSlope);
        j.key("central_truncation").value(best.centralTruncationSlope);
        j.key("forward_cancellation").value(best.forwardCancellationSlope);
        j.key("central_cancellation").value(best.centralCancellationSlope);
        j.endObject();
        jsonWarnings(j, ad.warnings);
        j.endObject();
        out << j.str();
    } else {
        out << name << " at (" << pointText(g, job.x) << ") along dir (" << pointText(g, job.xdot)
            << "): AD (forward mode) J·dir = "
            << formatExact(ad.tangent[static_cast<std::size_t>(k)]) << "\n\n"
            << pad("eps", 10) << pad("|forward - AD|", 16) << pad("|central - AD|", 16)
            << pad("AD error", 12) << "\n";
        for (const FdErrorRow& r : rows)
            out << pad(formatShort(r.eps), 10) << pad(formatShort(r.forwardError), 16)
                << pad(formatShort(r.centralError), 16) << pad(formatShort(r.adError), 12)
                << "\n";
        out << "\nbest eps: forward " << formatShort(best.measuredForward) << " (error "
            << formatShort(best.minForwardError) << "; rule sqrt(u)*scale = "
            << formatShort(best.ruleForward) << "), central " << formatShort(best.measuredCentral)
            << " (error " << formatShort(best.minCentralError) << "; rule u^(1/3)*scale = "
            << formatShort(best.ruleCentral) << ")\n"
            << "slopes where truncation dominates: forward "
            << formatShort(best.forwardTruncationSlope) << ", central "
            << formatShort(best.centralTruncationSlope) << "; where cancellation does: forward "
            << formatShort(best.forwardCancellationSlope) << ", central "
            << formatShort(best.centralCancellationSlope) << "\n";
    }
    printWarnings(ad.warnings, err);
    return 0;
}

int cmdSwell(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    // swell needs no point, but relu, abs, min and max branch: --at if given, else 0.5 for
    // every input (the derivative printed is the one on the piece containing that point).
    std::vector<double> x(static_cast<std::size_t>(g.inputCount()), 0.5), ybar;
    if (opt.at) {
        std::vector<std::string> missing;
        if (auto e = assignInputs(g, *opt.at, "--at", x, &missing)) return fail(err, *e);
        if (opt.init) applyInit(g, *opt.init, x, missing);
        for (double& v : x) if (std::isnan(v)) v = 0.5;
    }
    if (opt.seed)
        if (auto e = assignOutputs(g, *opt.seed, ybar)) return fail(err, *e);
    const int k = chosenOutput(ybar);
    const SwellRow program = swellOf(g, x, k, "program");
    std::vector<SwellRow> rows{program};
    for (SwellFamily f : {SwellFamily::Nested, SwellFamily::Squaring, SwellFamily::Product})
        for (SwellRow& r : swellFamily(f, familySize)) rows.push_back(std::move(r));

    if (opt.csv) {
        // stopped_by: empty, or "nodes" / "visits" when the derivative figures are lower bounds.
        out << "label,n,ad_nodes,function_tree_nodes,derivative_tree_nodes,after_cse,stopped_by\n";
        for (const SwellRow& r : rows)
            out << r.label << "," << r.n << "," << r.adNodes << "," << sizeCsv(r.functionTreeNodes)
                << "," << sizeCsv(r.derivativeTreeNodes) << "," << sizeCsv(r.afterCse) << ","
                << stopName(r.stoppedBy) << "\n";
        return 0;
    }
    const SymExpr grad = symbolicGradient(g, x, k);
    const std::vector<long long> sizes = rootTreeSizes(grad);
    const std::string& name = g.outputs[static_cast<std::size_t>(k)].name;
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        j.key("output").value(name);
        j.key("rows").beginArray();
        for (const SwellRow& r : rows) {
            j.beginObject().key("label").value(r.label).key("n").value(r.n);
            j.key("ad_nodes").value(r.adNodes);
            jsonSize(j, "function_tree_nodes", r.functionTreeNodes);
            jsonSize(j, "derivative_tree_nodes", r.derivativeTreeNodes);
            jsonSize(j, "after_cse", r.afterCse);
            j.key("lower_bound").value(r.stoppedBy != SymStop::None);
            if (r.stoppedBy != SymStop::None) j.key("stopped_by").value(stopText(r.stoppedBy));
            j.endObject();
        }
        j.endArray();
        j.key("derivatives").beginArray();
        for (std::size_t i = 0; i < grad.roots.size() && !grad.tooLarge; ++i) {
            j.beginObject().key("input").value(grad.inputNames[i]);
            const std::string text = print(grad, grad.roots[i], jsonChars);
            j.key("text").value(text).key("truncated").value(text.size() > jsonChars);
            jsonSize(j, "nodes", sizes[i]);
            j.endObject();
        }
        j.endArray();
        j.endObject();
        out << j.str();
        return 0;
    }
    const std::string atLeast = program.stoppedBy != SymStop::None ? "at least " : "";
    out << "AD graph: " << program.adNodes << " nodes. " << name << " written as a tree: "
        << sizeText(program.functionTreeNodes) << " nodes. Symbolic gradient as trees: "
        << atLeast << sizeText(program.derivativeTreeNodes) << " nodes, " << atLeast
        << sizeText(program.afterCse) << " after common-subexpression elimination.\n";
    if (grad.tooLarge) {
        out << "(building the symbolic gradient stopped at " << stopText(grad.stoppedBy)
            << ": the figures are lower bounds; AD needs none of this)\n";
    }
    for (std::size_t i = 0; i < grad.roots.size() && !grad.tooLarge; ++i) {
        if (static_cast<int>(i) == textInputs) {
            out << "(and " << grad.roots.size() - i << " more)\n";
            break;
        }
        out << "∂" << name << "/∂" << grad.inputNames[i] << " = "
            << print(grad, grad.roots[i], textChars) << "   ["
            << sizeText(sizes[i]) << " nodes]\n";
    }
    if (branches(g))
        out << "(branches of relu, abs, min, max, pow taken at " << pointText(g, x) << ")\n";
    out << "\n" << pad("family", 9) << pad("n", 4) << pad("AD graph", 10) << pad("f tree", 14)
        << pad("grad tree", 14) << pad("after CSE", 11) << "\n";
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const SwellRow& r = rows[i];
        out << pad(r.label, 9) << pad(std::to_string(r.n), 4)
            << pad(std::to_string(r.adNodes), 10) << pad(sizeText(r.functionTreeNodes), 14)
            << pad(sizeText(r.derivativeTreeNodes), 14) << pad(sizeText(r.afterCse), 11) << "\n";
    }
    return 0;
}

int cmdCost(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    // The comparison really runs every method: n + 1 and 2n passes of finite differences, n
    // forward sweeps, one reverse sweep.
    const long long n = g.inputCount();
    if (auto why = limits::sweepsRefusal(g, 4 * n + 2, 0, "the cost comparison",
                                         "vjp gives the whole gradient in one sweep"))
        return fail(err, {InputErrorStatus, "cost: " + *why});
    std::vector<CostRow> rows{costOf(g, job.x, chosenOutput(job.ybar))};
    for (CostRow& r : costFamily(familyWidth)) rows.push_back(std::move(r));
    if (opt.csv) {
        out << "label,width,parameters,fd_forward_passes,fd_central_passes,forward_sweeps,"
               "reverse_sweeps,fd_forward_operations,fd_central_operations,forward_operations,"
               "reverse_operations\n";
        for (const CostRow& r : rows)
            out << r.label << "," << r.width << "," << r.parameters << "," << r.fdForwardPasses
                << "," << r.fdCentralPasses << "," << r.forwardSweeps << "," << r.reverseSweeps
                << "," << r.fdOperations << "," << r.fdCentralOperations << ","
                << r.forwardOperations << "," << r.reverseOperations << "\n";
    } else if (opt.json) {
        JsonWriter j;
        j.beginObject().key("rows").beginArray();
        for (const CostRow& r : rows) {
            j.beginObject().key("label").value(r.label).key("width").value(r.width);
            j.key("parameters").value(r.parameters);
            j.key("fd_forward_passes").value(r.fdForwardPasses);
            j.key("fd_central_passes").value(r.fdCentralPasses);
            j.key("forward_sweeps").value(r.forwardSweeps);
            j.key("reverse_sweeps").value(r.reverseSweeps);
            j.key("fd_forward_operations").value(r.fdOperations);
            j.key("fd_central_operations").value(r.fdCentralOperations);
            j.key("forward_operations").value(r.forwardOperations);
            j.key("reverse_operations").value(r.reverseOperations);
            j.endObject();
        }
        j.endArray().endObject();
        out << j.str();
    } else {
        out << "Cost of the full gradient, p = parameters (passes or sweeps / elementary "
               "operations):\n\n"
            << pad("", 8) << pad("p", 4) << pad("FD forward", 16) << pad("FD central", 16)
            << pad("forward mode", 16) << pad("reverse mode", 14) << "\n";
        auto cell = [](long long passes, long long ops) {
            return std::to_string(passes) + " / " + std::to_string(ops);
        };
        for (const CostRow& r : rows)
            out << pad(r.label == "mlp" ? "mlp w=" + std::to_string(r.width) : r.label, 8)
                << pad(std::to_string(r.parameters), 4)
                << pad(cell(r.fdForwardPasses, r.fdOperations), 16)
                << pad(cell(r.fdCentralPasses, r.fdCentralOperations), 16)
                << pad(cell(r.forwardSweeps, r.forwardOperations), 16)
                << pad(cell(r.reverseSweeps, r.reverseOperations), 14) << "\n";
    }
    return 0;
}

}  // namespace adviz::cli
