#include "app/cli.hpp"

#include <cmath>
#include <istream>
#include <ostream>

#include "app/cli_options.hpp"
#include "app/json_writer.hpp"
#include "app/trace_output.hpp"
#include "autodiff/derivatives.hpp"
#include "autodiff/graph_dot.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/parser.hpp"
#include "autodiff/trace.hpp"

namespace adviz::cli {
namespace {

/// A parsed program with its point, direction and seed, ready to run.
struct Job {
    Graph graph;
    std::vector<double> x, xdot, ybar;
};

int fail(std::ostream& err, const CliError& e) {
    err << "adviz: " << e.message << "\n";
    if (e.status == UsageStatus) err << "try 'adviz --help'\n";
    return e.status;
}

/// Parses the program and the values the command needs; on error prints it and returns false.
bool prepare(const Options& opt, bool needPoint, std::ostream& err, Job& job, int& status) {
    if (opt.source.empty() && opt.sourceName == "expr") {
        status = fail(err, {UsageStatus, opt.command + ": no EXPR given"});
        return false;
    }
    ParseResult pr = parse(opt.source);
    if (!pr.ok()) {
        err << formatDiagnostic(opt.source, *pr.error, opt.sourceName);
        status = InputErrorStatus;
        return false;
    }
    job.graph = std::move(pr.graph);
    const Graph& g = job.graph;
    if (!needPoint) return true;

    std::vector<std::string> missing;
    if (auto e = assignInputs(g, opt.at.value_or(""), "--at", job.x, &missing)) {
        status = fail(err, *e);
        return false;
    }
    if (!missing.empty()) {
        std::string names, hint;
        for (const auto& m : missing) {
            names += (names.empty() ? "" : ", ") + m;
            hint += (hint.empty() ? "" : ",") + m + "=…";
        }
        std::string what = missing.size() > 1 ? "no values for inputs " : "no value for input ";
        status = fail(err, {InputErrorStatus, what + names + " (give --at " + hint + ")"});
        return false;
    }
    // Forward direction: e₁ unless given; unnamed inputs of a given direction move by 0.
    if (opt.dir) {
        if (auto e = assignInputs(g, *opt.dir, "--dir", job.xdot, nullptr)) {
            status = fail(err, *e);
            return false;
        }
        for (double& d : job.xdot) if (std::isnan(d)) d = 0;
    } else {
        job.xdot.assign(static_cast<std::size_t>(g.inputCount()), 0.0);
        if (!job.xdot.empty()) job.xdot[0] = 1;
    }
    // Reverse seed: e₁ over the outputs unless given.
    if (opt.seed) {
        if (auto e = assignOutputs(g, *opt.seed, job.ybar)) {
            status = fail(err, *e);
            return false;
        }
    } else {
        job.ybar.assign(static_cast<std::size_t>(g.outputCount()), 0.0);
        if (!job.ybar.empty()) job.ybar[0] = 1;
    }
    return true;
}

void printWarnings(const Graph& g, const std::vector<Warning>& w, std::ostream& err) {
    (void)g;
    for (const Warning& x : w) err << "warning: " << x.message << "\n";
}

void jsonInputsOutputs(JsonWriter& j, const Graph& g, const Job& job,
                       const std::vector<double>& outputs) {
    j.key("inputs").beginObject();
    for (int i = 0; i < g.inputCount(); ++i) j.key(g.inputName(i)).value(job.x[static_cast<std::size_t>(i)]);
    j.endObject();
    j.key("outputs").beginObject();
    for (int k = 0; k < g.outputCount(); ++k)
        j.key(g.outputs[static_cast<std::size_t>(k)].name).value(outputs[static_cast<std::size_t>(k)]);
    j.endObject();
}

void jsonWarnings(JsonWriter& j, const std::vector<Warning>& w) {
    j.key("warnings").beginArray();
    for (const Warning& x : w) j.value(x.message);
    j.endArray();
}

void textOutputs(std::ostream& out, const Graph& g, const std::vector<double>& outputs) {
    for (int k = 0; k < g.outputCount(); ++k)
        out << g.outputs[static_cast<std::size_t>(k)].name << " = "
            << formatExact(outputs[static_cast<std::size_t>(k)]) << "\n";
}

int cmdEval(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    EvalResult ev = evaluateAt(g, job.x);
    std::vector<std::vector<double>> grads;
    for (int k = 0; k < g.outputCount(); ++k) grads.push_back(gradient(g, job.x, k));
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, ev.outputs);
        j.key("gradient").beginObject();
        for (int k = 0; k < g.outputCount(); ++k) {
            j.key(g.outputs[static_cast<std::size_t>(k)].name).beginObject();
            for (int i = 0; i < g.inputCount(); ++i)
                j.key(g.inputName(i)).value(grads[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)]);
            j.endObject();
        }
        j.endObject();
        jsonWarnings(j, ev.warnings);
        j.endObject();
        out << j.str();
    } else {
        textOutputs(out, g, ev.outputs);
        for (int k = 0; k < g.outputCount(); ++k)
            for (int i = 0; i < g.inputCount(); ++i)
                out << "∂" << g.outputs[static_cast<std::size_t>(k)].name << "/∂" << g.inputName(i)
                    << " = " << formatExact(grads[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)]) << "\n";
    }
    printWarnings(g, ev.warnings, err);
    return 0;
}

int cmdJvp(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    JvpResult r = jvp(g, job.x, job.xdot);
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, r.outputs);
        j.key("direction").beginObject();
        for (int i = 0; i < g.inputCount(); ++i) j.key(g.inputName(i)).value(job.xdot[static_cast<std::size_t>(i)]);
        j.endObject();
        j.key("tangent").beginObject();
        for (int k = 0; k < g.outputCount(); ++k)
            j.key(g.outputs[static_cast<std::size_t>(k)].name).value(r.tangent[static_cast<std::size_t>(k)]);
        j.endObject();
        jsonWarnings(j, r.warnings);
        j.endObject();
        out << j.str();
    } else {
        textOutputs(out, g, r.outputs);
        for (int k = 0; k < g.outputCount(); ++k)
            out << "(J·ẋ)[" << g.outputs[static_cast<std::size_t>(k)].name << "] = "
                << formatExact(r.tangent[static_cast<std::size_t>(k)]) << "\n";
    }
    printWarnings(g, r.warnings, err);
    return 0;
}

int cmdVjp(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    VjpResult r = vjp(g, job.x, job.ybar);
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, r.outputs);
        j.key("seed").beginObject();
        for (int k = 0; k < g.outputCount(); ++k)
            j.key(g.outputs[static_cast<std::size_t>(k)].name).value(job.ybar[static_cast<std::size_t>(k)]);
        j.endObject();
        j.key("cotangent").beginObject();
        for (int i = 0; i < g.inputCount(); ++i) j.key(g.inputName(i)).value(r.cotangent[static_cast<std::size_t>(i)]);
        j.endObject();
        jsonWarnings(j, r.warnings);
        j.endObject();
        out << j.str();
    } else {
        textOutputs(out, g, r.outputs);
        for (int i = 0; i < g.inputCount(); ++i)
            out << "(ȳᵀJ)[" << g.inputName(i) << "] = "
                << formatExact(r.cotangent[static_cast<std::size_t>(i)]) << "\n";
    }
    printWarnings(g, r.warnings, err);
    return 0;
}

int cmdTrace(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    Trace t = opt.mode == "forward" ? traceForward(g, job.x, job.xdot)
                                    : traceReverse(g, job.x, job.ybar);
    if (opt.format == "json") out << traceJson(g, t, job.x);
    else if (opt.format == "csv") out << traceCsv(g, t);
    else out << traceTable(g, t);
    printWarnings(g, t.warnings, err);
    return 0;
}

}  // namespace

bool isCommand(std::string_view name) {
    return name == "eval" || name == "jvp" || name == "vjp" || name == "trace" || name == "dot";
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        std::istream& in) {
    Options opt;
    if (auto e = parseOptions(args, in, opt)) return fail(err, *e);
    if (opt.help) {
        out << usage();
        return 0;
    }
    if (!isCommand(opt.command))
        return fail(err, {UsageStatus, "unknown command '" + opt.command +
                                           "' (commands: eval, jvp, vjp, trace, dot, export, gui)"});
    Job job;
    int status = 0;
    if (!prepare(opt, opt.command != "dot", err, job, status)) return status;
    if (opt.command == "dot") {
        out << toDot(job.graph, opt.topToBottom);
        return 0;
    }
    if (opt.command == "eval") return cmdEval(job, opt, out, err);
    if (opt.command == "jvp") return cmdJvp(job, opt, out, err);
    if (opt.command == "vjp") return cmdVjp(job, opt, out, err);
    return cmdTrace(job, opt, out, err);
}

}  // namespace adviz::cli
