#include "autodiff/language/graph_dot.hpp"

#include <vector>

namespace adviz {
namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    return out + "\"";
}

}  // namespace

std::string toDot(const Graph& g, bool topToBottom) {
    std::vector<bool> isOutput(g.nodes.size(), false);
    for (const Output& o : g.outputs) isOutput[static_cast<std::size_t>(o.node)] = true;

    std::string out = "digraph adviz {\n";
    out += std::string("  rankdir=") + (topToBottom ? "TB" : "LR") + ";\n";
    out += "  node [fontname=\"DejaVu Sans\"];\n";
    for (int id = 0; id < g.size(); ++id) {
        const Node& nd = g[id];
        std::string label, shape;
        if (nd.op == Op::Input) {
            label = g.wengertName(id) + "\n" + std::string(g.nameOf(id));
            shape = "ellipse";
        } else if (nd.op == Op::Const) {
            label = g.wengertName(id);
            shape = "plaintext";
        } else {
            label = g.wengertName(id) + "\n" + std::string(info(nd.op).symbol);
            if (!g.nameOf(id).empty()) label += "\n" + std::string(g.nameOf(id));
            shape = "box";
        }
        if (isOutput[static_cast<std::size_t>(id)]) {
            for (const Output& o : g.outputs)
                if (o.node == id && o.name != g.nameOf(id)) label += "\n→ " + o.name;
        }
        out += "  n" + std::to_string(id) + " [label=" + quoted(label) + ", shape=" + shape +
               (isOutput[static_cast<std::size_t>(id)] ? ", peripheries=2" : "") + "];\n";
    }
    for (int id = 0; id < g.size(); ++id) {
        const Node& nd = g[id];
        for (int s = 0; s < nd.arity(); ++s)
            out += "  n" + std::to_string(nd.operand(s)) + " -> n" + std::to_string(id) + ";\n";
    }
    out += "  { rank=min;";
    for (int i = 0; i < g.inputs; ++i) out += " n" + std::to_string(i) + ";";
    out += " }\n}\n";
    return out;
}

}  // namespace adviz
