#include "app/cli_job.hpp"

#include <cmath>
#include <ostream>

#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/shaped/init.hpp"

namespace adviz::cli {

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
    if (opt.init) applyInit(g, *opt.init, job.x, missing);
    if (!missing.empty()) {
        std::vector<std::string> hints;
        for (std::size_t i = 0; i < missing.size() && i < limits::maxListedNames; ++i)
            hints.push_back(missing[i] + "=…");
        const std::string names = listed(missing), hint = listed(hints, ",");
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

void printWarnings(const std::vector<Warning>& w, std::ostream& err) {
    for (const Warning& x : w) err << "warning: " << x.message << "\n";
}

void jsonInputsOutputs(JsonWriter& j, const Graph& g, const Job& job,
                       const std::vector<double>& outputs) {
    jsonPerInput(j, "inputs", g, job.x);
    jsonPerOutput(j, "outputs", g, outputs);
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

namespace {

// One port's values: a number, or nested arrays for a vector or matrix (row-major items).
void jsonPort(JsonWriter& j, const shaped::Port& port, const std::function<double(int)>& at) {
    const shaped::Shape& s = port.shape;
    if (s.isScalar()) {
        j.value(at(port.items.front()));
        return;
    }
    j.beginArray();
    const auto cols = static_cast<std::size_t>(s.cols());
    for (std::size_t r = 0; r < static_cast<std::size_t>(s.rows()); ++r) {
        if (s.rank == 2) j.beginArray();
        for (std::size_t c = 0; c < cols; ++c) j.value(at(port.items[r * cols + c]));
        if (s.rank == 2) j.endArray();
    }
    j.endArray();
}

}  // namespace

// Scalar programs write one key per input; programs with shapes one per port (W1: [[…]]).
void jsonPerInput(JsonWriter& j, std::string_view key, const Graph& g,
                  const std::vector<double>& values) {
    j.key(key).beginObject();
    for (const shaped::Port& p : shaped::inputPorts(g))
        jsonPort(j.key(p.name), p, [&](int i) { return values[static_cast<std::size_t>(i)]; });
    j.endObject();
}

void jsonPerInputFlat(JsonWriter& j, std::string_view key, const Graph& g,
                      const std::vector<double>& values) {
    j.key(key).beginObject();
    for (int i = 0; i < g.inputCount(); ++i)
        j.key(g.inputName(i)).value(values[static_cast<std::size_t>(i)]);
    j.endObject();
}

void jsonPerOutput(JsonWriter& j, std::string_view key, const Graph& g,
                   const std::vector<double>& values) {
    j.key(key).beginObject();
    for (const shaped::Port& p : shaped::outputPorts(g))
        jsonPort(j.key(p.name), p, [&](int k) { return values[static_cast<std::size_t>(k)]; });
    j.endObject();
}

// Per scalar output (z[1] for an element of a vector output), the gradient shaped as the inputs.
void jsonGradient(JsonWriter& j, const Graph& g, const GradientOf& grad) {
    const auto inputs = shaped::inputPorts(g);
    j.key("gradient").beginObject();
    for (int k = 0; k < g.outputCount(); ++k) {
        j.key(g.outputs[static_cast<std::size_t>(k)].name).beginObject();
        for (const shaped::Port& p : inputs)
            jsonPort(j.key(p.name), p, [&](int i) { return grad(k, i); });
        j.endObject();
    }
    j.endObject();
}

void textGradient(std::ostream& out, const Graph& g, const GradientOf& grad) {
    for (int k = 0; k < g.outputCount(); ++k)
        for (int i = 0; i < g.inputCount(); ++i)
            out << "∂" << g.outputs[static_cast<std::size_t>(k)].name << "/∂" << g.inputName(i)
                << " = " << formatExact(grad(k, i)) << "\n";
}

}  // namespace adviz::cli
