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

TraceWriter::TraceWriter(std::ostream& out, const Graph& g, std::string format, Mode mode,
                         std::span<const double> x, const std::vector<double>& outputs)
    : out_(out), g_(g), format_(std::move(format)) {
    if (format_ == "table") {
        out_ << modeName(mode) << " mode\n"
             << pad("step", 6) + pad("phase", 11) + pad("node", 7) + pad("edge", 10) + "formula\n";
    } else if (format_ == "csv") {
        out_ << "step,phase,node,name,consumer,value,before,after,partial,formula\n";
    } else {
        json_.beginObject();
        json_.key("mode").value(modeName(mode));
        jsonPerInput(json_, "inputs", g, std::vector<double>(x.begin(), x.end()));
        jsonPerOutput(json_, "outputs", g, outputs);
        json_.key("nodes").beginArray();
        for (int id = 0; id < g.size(); ++id) {
            json_.beginObject();
            json_.key("id").value(id);
            json_.key("wengert").value(g.wengertName(id));
            json_.key("op").value(info(g[id].op).name);
            json_.key("definition").value(g.definition(id));
            if (!g.nameOf(id).empty()) json_.key("name").value(g.nameOf(id));
            json_.endObject();
            if (id % 1024 == 0) json_.flushTo(out_);
        }
        json_.endArray();
        json_.key("steps").beginArray();
        json_.flushTo(out_);
    }
}

void TraceWriter::step(const Step& s, std::size_t k) {
    const Graph& g = g_;
    if (format_ == "table") {
        std::string formula = s.formula;
        if (s.phase == Phase::Tangent) formula = s.valueFormula + "   " + s.formula;
        out_ << pad(std::to_string(k + 1), 6) + pad(std::string(phaseName(s.phase)), 11) +
                    pad(g.wengertName(s.node), 7) + pad(edgeText(g, s), 10) + formula + "\n";
        return;
    }
    if (format_ == "csv") {
        out_ << std::to_string(k + 1) + "," + std::string(phaseName(s.phase)) + "," +
                    csvField(g.wengertName(s.node)) + "," + csvField(std::string(g.nameOf(s.node))) +
                    "," + (s.consumer >= 0 ? csvField(g.wengertName(s.consumer)) : "") + "," +
                    formatExact(s.value) + "," + formatExact(s.before) + "," +
                    formatExact(s.after) + "," + formatExact(s.partial) + "," +
                    csvField(s.formula) + "\n";
        return;
    }
    JsonWriter& j = json_;
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
    j.flushTo(out_);
}

void TraceWriter::finish(const Trace& t) {
    if (format_ == "table") {
        out_ << "(" << t.recorded << " steps)\n";
        return;
    }
    if (format_ == "csv") return;
    JsonWriter& j = json_;
    j.endArray();
    // The sweep's result: J·ẋ per output (forward), ȳᵀJ or H·v per input.
    if (t.mode == Mode::Forward) jsonPerOutput(j, "tangent", g_, t.result);
    else jsonPerInput(j, t.mode == Mode::Reverse ? "cotangent" : "hvp", g_, t.result);
    jsonWarnings(j, t.warnings);
    j.endObject();
    out_ << j.str();
}

}  // namespace adviz::cli
