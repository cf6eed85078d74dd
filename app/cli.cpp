#include "app/cli.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <istream>
#include <ostream>

#include "app/cli_job.hpp"
#include "app/cli_options.hpp"
#include "app/commands.hpp"
#include "app/json_writer.hpp"
#include "app/trace_output.hpp"
#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/language/graph_dot.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/hessian.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::cli {
namespace {

int cmdEval(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    // One reverse sweep per output for the gradients.
    if (auto why = limits::sweepsRefusal(g, g.outputCount(),
                                         static_cast<long long>(g.outputCount()) * g.inputCount(),
                                         "the gradient of every output",
                                         "vjp gives one weighted sum of them"))
        return fail(err, {InputErrorStatus, "eval: " + *why});
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
    if (opt.teach.dual) return traceDual(job, opt, out, err);
    const Graph& g = job.graph;
    std::optional<Strategy> strategy;
    if (opt.strategyGiven) {
        strategy = Strategy::parse(opt.strategy);
        if (!strategy) return fail(err, {UsageStatus, "--strategy must be store-all, sqrt, every:K or binomial:S"});
        if (opt.mode != "reverse") return fail(err, {UsageStatus, "--strategy needs --mode reverse"});
    }
    // Every format streams, but a table or JSON document of millions of steps is no use to
    // anyone: those are held to the trace limit, CSV only to the time limit.
    const Mode mode = modeNamed(opt.mode);
    // Programs with shapes are traced per matrix operation unless --level scalar asks otherwise.
    if (opt.level == "shaped" && !g.shaped)
        return fail(err, {UsageStatus, "--level shaped needs a program with vectors or matrices"});
    // With --strategy the shaped level is asked for by name (checkpointing over matrix
    // operations); without --level a checkpointed trace stays the scalar one it always was.
    if (g.shaped && opt.level != "scalar" && (!strategy || opt.level == "shaped")) {
        if (mode == Mode::ForwardOverReverse) {
            if (opt.level == "shaped")
                return fail(err, {UsageStatus, "--level shaped traces forward or reverse mode"});
        } else {
            return printShapedTrace(job, opt, mode, strategy, out);
        }
    }
    if (auto why = limits::traceRefusal(g, mode, strategy ? &*strategy : nullptr,
                                        opt.format != "csv"))
        return fail(err, {InputErrorStatus, "trace: " + *why});
    TraceWriter writer(out, g, opt.format, mode, job.x, evaluateAt(g, job.x).outputs);
    StepSink sink = [&writer](const Step& s, std::size_t k) { writer.step(s, k); };
    Trace t = mode == Mode::Forward   ? traceForward(g, job.x, job.xdot, sink)
              : strategy              ? traceCheckpointed(g, job.x, job.ybar, *strategy, sink)
              : mode == Mode::Reverse ? traceReverse(g, job.x, job.ybar, sink)
                                      : traceHvp(g, job.x, job.xdot, job.ybar, sink);
    writer.finish(t);
    printWarnings(t.warnings, err);
    return 0;
}

int cmdDot(const Job& job, const Options& opt, std::ostream& out, std::ostream&) {
    out << toDot(job.graph, opt.topToBottom);
    return 0;
}

// `export … -o FILE.dot`: DOT is text, not a drawing, so it needs neither the window's code nor
// its limit on boxes drawn. Written next to the target and renamed, so a failure leaves an
// existing file as it was.
int exportDot(const Job& job, const Options& opt, std::ostream&, std::ostream& err) {
    const std::string temporary = opt.output + ".adviz-tmp";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file)
            return fail(err, {Failure, "cannot write '" + quotedCapped(opt.output) + "': " +
                                           std::strerror(errno)});
        file << toDot(job.graph, opt.topToBottom);
        file.close();
        if (!file) {
            std::remove(temporary.c_str());
            return fail(err, {Failure, "cannot write '" + quotedCapped(opt.output) + "'"});
        }
    }
    if (std::rename(temporary.c_str(), opt.output.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(temporary.c_str());
        return fail(err, {Failure, "cannot write '" + quotedCapped(opt.output) + "': " + why});
    }
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
        {"quiz", true, cmdQuiz},
        {"chain", true, cmdChain},
        {"pytorch", true, cmdPytorch},
    };
    return list;
}

bool isDotExport(const std::vector<std::string>& args) {
    if (args.empty() || args.front() != "export") return false;
    auto dot = [](std::string path) {
        for (char& c : path) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return path.size() > 4 && path.ends_with(".dot");
    };
    // The backward graph is the window's to build: such an export goes through it.
    for (const std::string& a : args)
        if (a == "--backward-graph" || a == "-backward-graph") return false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") break;
        if ((a == "-o" || a == "--output" || a == "-output") && i + 1 < args.size())
            return dot(args[i + 1]);
        for (const char* prefix : {"-o=", "--output=", "-output="})
            if (a.starts_with(prefix)) return dot(a.substr(std::string_view(prefix).size()));
    }
    return false;
}

bool isCommand(std::string_view name) {
    for (const Command& c : commands())
        if (name == c.name) return true;
    return false;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        std::istream& in) {
    if (args.size() == 1 && args.front() == "--version") {
        out << "adviz " << ADVIZ_VERSION << "\n";
        return 0;
    }
    Options opt;
    if (auto e = parseOptions(args, in, opt)) return fail(err, *e);
    if (opt.help) {
        out << usage();
        return 0;
    }
    static const Command dotExport{"export", false, exportDot};
    const Command* command = opt.command == "export" && isDotExport(args) ? &dotExport : nullptr;
    for (const Command& c : commands())
        if (opt.command == c.name) command = &c;
    if (!command) {
        std::string names;
        for (const Command& c : commands()) names += std::string(c.name) + ", ";
        return fail(err, {UsageStatus, "unknown command '" + quotedCapped(opt.command) +
                                           "' (commands: " + names +
                                           "export, gui)"});
    }
    Job job;
    int status = 0;
    if (!prepare(opt, command->needsPoint, err, job, status)) return status;
    return command->run(job, opt, out, err);
}

}  // namespace adviz::cli
