// `adviz trace --level shaped`: the trace of a program with vectors and matrices told per
// matrix operation (autodiff/shaped/shaped_trace.hpp), as a table, CSV or JSON.

#include <ostream>

#include "app/commands.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/shaped/shaped_checkpoint.hpp"
#include "autodiff/shaped/shaped_rules.hpp"
#include "autodiff/shaped/shaped_trace.hpp"

namespace adviz::cli {
namespace {

using shaped::ShapedGraph;
using shaped::ShapedStep;

// "[[0.1, 0.2], [0.3, 0.4]]" (exact for CSV, brief for the table).
std::string matrixText(const shaped::Shape& s, const std::vector<double>& v, bool exact) {
    auto num = [exact](double x) { return exact ? formatExact(x) : formatShort(x); };
    if (v.empty()) return "";  // a number this step does not have (a primal step's adjoint)
    if (s.isScalar()) return num(v.front());
    std::string out = "[";
    const auto cols = static_cast<std::size_t>(s.cols());
    for (std::size_t r = 0; r < static_cast<std::size_t>(s.rows()); ++r) {
        if (r) out += ", ";
        if (s.rank == 2) out += "[";
        for (std::size_t c = 0; c < cols; ++c) out += (c ? ", " : "") + num(v[r * cols + c]);
        if (s.rank == 2) out += "]";
    }
    return out + "]";
}

void jsonMatrix(JsonWriter& j, const shaped::Shape& s, const std::vector<double>& v) {
    if (s.isScalar()) {
        j.value(v.front());
        return;
    }
    j.beginArray();
    const auto cols = static_cast<std::size_t>(s.cols());
    for (std::size_t r = 0; r < static_cast<std::size_t>(s.rows()); ++r) {
        if (s.rank == 2) j.beginArray();
        for (std::size_t c = 0; c < cols; ++c) j.value(v[r * cols + c]);
        if (s.rank == 2) j.endArray();
    }
    j.endArray();
}

std::string nodeText(const ShapedGraph& sg, int id) {
    return shaped::label(sg, id) + " " + sg[id].shape.text();
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

int printShapedTrace(const Job& job, const Options& opt, Mode mode, const std::optional<Strategy>& strategy,
                     std::ostream& out) {
    const Graph& g = job.graph;
    const ShapedGraph& sg = *g.shaped;
    const shaped::ShapedTrace t = mode == Mode::Forward ? shaped::traceShapedForward(g, job.x, job.xdot)
                                  : strategy ? shaped::traceShapedCheckpointed(g, job.x, job.ybar, *strategy)
                                             : shaped::traceShapedReverse(g, job.x, job.ybar);
    if (opt.format == "table") {
        out << modeName(mode) << " mode, shaped level";
        if (strategy) out << ", checkpointed over matrix operations (" << strategy->name() << ")";
        out << "\n";
        std::size_t k = 0;
        for (const ShapedStep& s : t.steps) {
            std::string line = std::to_string(++k) + "  " + std::string(phaseName(s.phase)) + "  " +
                               nodeText(sg, s.node);
            if (s.phase == Phase::Primal || s.phase == Phase::Recompute) {
                line += " = " + matrixText(s.shape, s.value, false);
            } else if (s.phase == Phase::Checkpoint || s.phase == Phase::Free) {
                line += ": " + s.rule;
            } else if (s.phase == Phase::Tangent) {
                line += ": " + s.rule + " = " + matrixText(s.shape, s.tangent, false) +
                        "   (value " + matrixText(s.shape, s.value, false) + ")";
            } else {
                if (s.consumer >= 0) line += " ← " + shaped::label(sg, s.consumer);
                line += ": " + s.rule + "   adds " + matrixText(s.shape, s.contribution, false) +
                        ", " + shaped::bar(shaped::label(sg, s.node)) + " = " +
                        matrixText(s.shape, s.after, false);
            }
            out << line << "\n";
        }
        out << "(" << t.steps.size() << " steps; --level scalar for the scalar trace)\n";
        return 0;
    }
    if (opt.format == "csv") {
        out << "step,phase,node,shape,consumer,rule,value,tangent,before,contribution,after\n";
        std::size_t k = 0;
        for (const ShapedStep& s : t.steps)
            out << ++k << "," << phaseName(s.phase) << "," << csvField(shaped::label(sg, s.node)) << ","
                << csvField(s.shape.text()) << ","
                << (s.consumer >= 0 ? csvField(shaped::label(sg, s.consumer)) : "") << ","
                << csvField(s.rule) << "," << csvField(matrixText(s.shape, s.value, true)) << ","
                << csvField(matrixText(s.shape, s.tangent, true)) << ","
                << csvField(matrixText(s.shape, s.before, true)) << ","
                << csvField(matrixText(s.shape, s.contribution, true)) << ","
                << csvField(matrixText(s.shape, s.after, true)) << "\n";
        return 0;
    }
    JsonWriter j;
    j.beginObject();
    j.key("mode").value(modeName(mode));
    j.key("level").value("shaped");
    jsonPerInput(j, "inputs", g, job.x);
    jsonPerOutput(j, "outputs", g, t.outputs);
    j.key("nodes").beginArray();
    for (int id = 0; id < sg.size(); ++id) {
        const shaped::Node& n = sg[id];
        j.beginObject();
        j.key("id").value(id);
        j.key("label").value(shaped::label(sg, id));
        j.key("kind").value(shaped::kindName(n.kind));
        if (n.kind == shaped::Kind::Elementwise) j.key("op").value(info(n.op).name);
        j.key("shape").beginArray();
        for (int d = 0; d < n.shape.rank; ++d) j.value(n.shape.dims[static_cast<std::size_t>(d)]);
        j.endArray();
        j.key("operands").beginArray();
        for (std::int32_t o : n.operands) j.value(o);
        j.endArray();
        j.endObject();
    }
    j.endArray();
    j.key("steps").beginArray();
    for (const ShapedStep& s : t.steps) {
        j.beginObject();
        j.key("phase").value(phaseName(s.phase));
        j.key("node").value(s.node);
        if (s.consumer >= 0) j.key("consumer").value(s.consumer).key("slot").value(s.slot);
        if (!s.rule.empty()) j.key("rule").value(s.rule);
        if (!s.value.empty()) jsonMatrix(j.key("value"), s.shape, s.value);
        if (!s.tangent.empty()) jsonMatrix(j.key("tangent"), s.shape, s.tangent);
        if (!s.contribution.empty()) {
            jsonMatrix(j.key("before"), s.shape, s.before);
            jsonMatrix(j.key("contribution"), s.shape, s.contribution);
            jsonMatrix(j.key("after"), s.shape, s.after);
        }
        j.endObject();
        j.flushTo(out);
    }
    j.endArray();
    if (mode == Mode::Forward) jsonPerOutput(j, "tangent", g, t.result);
    else jsonPerInput(j, "cotangent", g, t.result);
    j.endObject();
    out << j.str();
    return 0;
}

}  // namespace adviz::cli
