#include "app/trace_output.hpp"

#include "app/cli_job.hpp"
#include "app/json_writer.hpp"
#include "autodiff/number_format.hpp"

namespace adviz::cli {
namespace {

// Display width of UTF-8 text: code points, not counting combining marks (U+0300–U+036F),
// so "v̄₃" is 2 wide and columns line up.
std::size_t displayWidth(const std::string& s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) == 0x80) continue;
        if ((c == 0xCC) || (c == 0xCD && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xB0))
            continue;
        ++w;
    }
    return w;
}

std::string pad(const std::string& s, std::size_t width) {
    std::size_t w = displayWidth(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}

std::string edgeText(const Graph& g, const Step& s) {
    if (s.phase != Phase::Adjoint) return "";
    return g.wengertName(s.consumer) + "→" + g.wengertName(s.node);
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string traceTable(const Graph& g, const Trace& t) {
    std::string out = std::string(modeName(t.mode)) + " mode, " + std::to_string(t.size()) +
                      " steps\n";
    out += pad("step", 6) + pad("phase", 9) + pad("node", 7) + pad("edge", 10) + "formula\n";
    for (std::size_t k = 0; k < t.steps.size(); ++k) {
        const Step& s = t.steps[k];
        std::string formula = s.formula;
        if (s.phase == Phase::Tangent) formula = s.valueFormula + "   " + s.formula;
        out += pad(std::to_string(k + 1), 6) + pad(std::string(phaseName(s.phase)), 9) +
               pad(g.wengertName(s.node), 7) + pad(edgeText(g, s), 10) + formula + "\n";
    }
    return out;
}

std::string traceCsv(const Graph& g, const Trace& t) {
    std::string out = "step,phase,node,name,consumer,value,before,after,partial,formula\n";
    for (std::size_t k = 0; k < t.steps.size(); ++k) {
        const Step& s = t.steps[k];
        out += std::to_string(k + 1) + "," + std::string(phaseName(s.phase)) + "," +
               csvField(g.wengertName(s.node)) + "," + csvField(std::string(g.nameOf(s.node))) + "," +
               (s.consumer >= 0 ? csvField(g.wengertName(s.consumer)) : "") + "," +
               formatExact(s.value) + "," + formatExact(s.before) + "," + formatExact(s.after) +
               "," + formatExact(s.partial) + "," + csvField(s.formula) + "\n";
    }
    return out;
}

std::string traceJson(const Graph& g, const Trace& t, std::span<const double> x) {
    JsonWriter j;
    j.beginObject();
    j.key("mode").value(modeName(t.mode));
    jsonPerInput(j, "inputs", g, std::vector<double>(x.begin(), x.end()));
    jsonPerOutput(j, "outputs", g, t.outputs);
    j.key("nodes").beginArray();
    for (int id = 0; id < g.size(); ++id) {
        j.beginObject();
        j.key("id").value(id);
        j.key("wengert").value(g.wengertName(id));
        j.key("op").value(info(g[id].op).name);
        j.key("definition").value(g.definition(id));
        if (!g.nameOf(id).empty()) j.key("name").value(g.nameOf(id));
        j.endObject();
    }
    j.endArray();
    j.key("steps").beginArray();
    for (const Step& s : t.steps) {
        j.beginObject();
        j.key("phase").value(phaseName(s.phase));
        j.key("node").value(s.node);
        j.key("wengert").value(g.wengertName(s.node));
        if (s.consumer >= 0) j.key("consumer").value(s.consumer).key("slot").value(s.slot);
        if (s.output >= 0) j.key("output").value(g.outputs[static_cast<std::size_t>(s.output)].name);
        if (s.phase == Phase::Primal || s.phase == Phase::Tangent || s.phase == Phase::Recompute ||
            s.phase == Phase::Checkpoint)
            j.key("value").value(s.value);
        if (s.phase == Phase::Tangent) j.key("tangent").value(s.after);
        if (s.phase == Phase::Seed || s.phase == Phase::Adjoint)
            j.key("before").value(s.before).key("after").value(s.after);
        if (s.phase == Phase::Adjoint) j.key("partial").value(s.partial);
        if (s.dual) {  // forward-over-reverse: the tangent parts
            if (s.phase == Phase::Primal) j.key("value_tangent").value(s.valueTangent);
            if (s.phase == Phase::Seed || s.phase == Phase::Adjoint)
                j.key("before_tangent").value(s.beforeTangent).key("after_tangent").value(s.afterTangent);
            if (s.phase == Phase::Adjoint) j.key("partial_tangent").value(s.partialTangent);
        }
        j.key("formula").value(s.formula);
        if (!s.valueFormula.empty()) j.key("value_formula").value(s.valueFormula);
        j.endObject();
    }
    j.endArray();
    // The sweep's result: J·ẋ per output (forward), ȳᵀJ or H·v per input.
    if (t.mode == Mode::Forward) jsonPerOutput(j, "tangent", g, t.result);
    else jsonPerInput(j, t.mode == Mode::Reverse ? "cotangent" : "hvp", g, t.result);
    jsonWarnings(j, t.warnings);
    j.endObject();
    return j.str();
}

}  // namespace adviz::cli
