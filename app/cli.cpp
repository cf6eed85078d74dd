#include "app/cli.hpp"

#include <cmath>
#include <istream>
#include <ostream>

#include "app/cli_job.hpp"
#include "app/commands.hpp"
#include "app/cli_options.hpp"
#include "app/json_writer.hpp"
#include "app/trace_output.hpp"
#include "autodiff/derivatives.hpp"
#include "autodiff/checkpoint.hpp"
#include "autodiff/graph_dot.hpp"
#include "autodiff/hessian.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/parser.hpp"
#include "autodiff/trace.hpp"

namespace adviz::cli {
namespace {

int cmdEval(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    EvalResult ev = evaluateAt(g, job.x);
    std::vector<std::vector<double>> grads;
    for (int k = 0; k < g.outputCount(); ++k) grads.push_back(gradient(g, job.x, k));
    auto grad = [&](int k, int i) {
        return grads[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)];
    };
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, ev.outputs);
        jsonGradient(j, g, grad);
        jsonWarnings(j, ev.warnings);
        j.endObject();
        out << j.str();
    } else {
        textOutputs(out, g, ev.outputs);
        textGradient(out, g, grad);
    }
    printWarnings(ev.warnings, err);
    return 0;
}

int cmdJvp(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    JvpResult r = jvp(g, job.x, job.xdot);
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, r.outputs);
        jsonPerInput(j, "direction", g, job.xdot);
        jsonPerOutput(j, "tangent", g, r.tangent);
        jsonWarnings(j, r.warnings);
        j.endObject();
        out << j.str();
    } else {
        textOutputs(out, g, r.outputs);
        for (int k = 0; k < g.outputCount(); ++k)
            out << "(J·ẋ)[" << g.outputs[static_cast<std::size_t>(k)].name << "] = "
                << formatExact(r.tangent[static_cast<std::size_t>(k)]) << "\n";
    }
    printWarnings(r.warnings, err);
    return 0;
}

int cmdVjp(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    VjpResult r = vjp(g, job.x, job.ybar);
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, r.outputs);
        jsonPerOutput(j, "seed", g, job.ybar);
        jsonPerInput(j, "cotangent", g, r.cotangent);
        jsonWarnings(j, r.warnings);
        j.endObject();
        out << j.str();
    } else {
        textOutputs(out, g, r.outputs);
        for (int i = 0; i < g.inputCount(); ++i)
            out << "(ȳᵀJ)[" << g.inputName(i) << "] = "
                << formatExact(r.cotangent[static_cast<std::size_t>(i)]) << "\n";
    }
    printWarnings(r.warnings, err);
    return 0;
}

int cmdTrace(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    std::optional<Strategy> strategy;
    if (opt.strategyGiven) {
        strategy = Strategy::parse(opt.strategy);
        if (!strategy) return fail(err, {UsageStatus, "--strategy must be store-all, sqrt, every:K or binomial:S"});
        if (opt.mode != "reverse") return fail(err, {UsageStatus, "--strategy needs --mode reverse"});
    }
    Trace t = opt.mode == "forward" ? traceForward(g, job.x, job.xdot)
              : strategy            ? traceCheckpointed(g, job.x, job.ybar, *strategy)
              : opt.mode == "reverse" ? traceReverse(g, job.x, job.ybar)
                                      : traceHvp(g, job.x, job.xdot, job.ybar);
    if (opt.format == "json") out << traceJson(g, t, job.x);
    else if (opt.format == "csv") out << traceCsv(g, t);
    else out << traceTable(g, t);
    printWarnings(t.warnings, err);
    return 0;
}

int cmdDot(const Job& job, const Options& opt, std::ostream& out, std::ostream&) {
    out << toDot(job.graph, opt.topToBottom);
    return 0;
}

}  // namespace

// Every command of the command line. Commands of other files are declared in commands.hpp.
const std::vector<Command>& commands() {
    static const std::vector<Command> list{
        {"eval", true, cmdEval},
        {"jvp", true, cmdJvp},
        {"vjp", true, cmdVjp},
        {"trace", true, cmdTrace},
        {"dot", false, cmdDot},
        {"jacobian", true, cmdJacobian},
        {"hvp", true, cmdHvp},
        {"hessian", true, cmdHessian},
        {"fd-error", true, cmdFdError},
        {"swell", false, cmdSwell},
        {"cost", true, cmdCost},
        {"checkpoint", true, cmdCheckpoint},
    };
    return list;
}

bool isCommand(std::string_view name) {
    for (const Command& c : commands())
        if (name == c.name) return true;
    return false;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        std::istream& in) {
    Options opt;
    if (auto e = parseOptions(args, in, opt)) return fail(err, *e);
    if (opt.help) {
        out << usage();
        return 0;
    }
    const Command* command = nullptr;
    for (const Command& c : commands())
        if (opt.command == c.name) command = &c;
    if (!command) {
        std::string names;
        for (const Command& c : commands()) names += std::string(c.name) + ", ";
        return fail(err, {UsageStatus, "unknown command '" + opt.command + "' (commands: " + names +
                                           "export, gui)"});
    }
    Job job;
    int status = 0;
    if (!prepare(opt, command->needsPoint, err, job, status)) return status;
    return command->run(job, opt, out, err);
}

}  // namespace adviz::cli
