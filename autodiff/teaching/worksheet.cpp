#include "autodiff/teaching/worksheet.hpp"

#include <algorithm>

#include "autodiff/number_format.hpp"
#include "autodiff/teaching/random_program.hpp"

namespace adviz {

Worksheet makeWorksheet(const Graph& g, const Trace& t, const std::vector<double>& x, int blanks,
                        std::uint64_t seed) {
    Worksheet w;
    w.mode = t.mode;
    const bool forward = t.mode == Mode::Forward;
    w.secondName = forward ? "v\u0307" : "v\u0304";
    const std::vector<NodeState> end = t.stateAt(t.size());
    std::string point;
    for (int i = 0; i < g.inputCount(); ++i)
        point += (i ? ", " : "") + std::string(g.inputName(i)) + " = " +
                 formatShort(x[static_cast<std::size_t>(i)]);
    w.task = std::string(forward ? "Forward mode" : "Reverse mode") + " at " + point + ": fill in " +
             (forward ? "each value v and tangent v\u0307 (the direction is given on the inputs)"
                      : "each value v and adjoint v\u0304 (the seed is given on the output)");

    std::vector<WorksheetCell*> open;  // cells a student can be asked for
    for (int id = 0; id < g.size(); ++id) {
        const Node& nd = g[id];
        if (nd.op == Op::Const) continue;  // a constant is given in the definitions that use it
        const NodeState& s = end[static_cast<std::size_t>(id)];
        WorksheetRow r;
        r.node = id;
        r.name = g.wengertName(id);
        r.definition = nd.op == Op::Input ? std::string(g.nameOf(id)) : g.definition(id);
        r.value = {formatShort(s.value), s.value, false};
        const double second = forward ? s.tangent : s.adjoint;
        r.second = {formatShort(second), second, false};
        w.rows.push_back(r);
    }
    for (WorksheetRow& r : w.rows) {
        const Node& nd = g[r.node];
        if (nd.op == Op::Const) continue;  // given
        bool output = false;
        for (const Output& o : g.outputs) output = output || o.node == r.node;
        if (nd.op != Op::Input) open.push_back(&r.value);
        // Given: the direction on the inputs (forward), the seed on the outputs (reverse).
        if (forward ? nd.op != Op::Input : !output) open.push_back(&r.second);
    }
    int n = blanks < 0 ? static_cast<int>(open.size()) : std::min<int>(blanks, static_cast<int>(open.size()));
    if (n < static_cast<int>(open.size())) {
        // A fixed shuffle of the open cells for the seed (Fisher–Yates on SplitMix64).
        SplitMix64 r(seed ^ 0x5EEDULL);
        for (int i = static_cast<int>(open.size()) - 1; i > 0; --i)
            std::swap(open[static_cast<std::size_t>(i)], open[static_cast<std::size_t>(r.below(i + 1))]);
    }
    for (int i = 0; i < n; ++i) open[static_cast<std::size_t>(i)]->blank = true;
    w.blanks = n;
    return w;
}

namespace {

std::size_t width(const std::string& s) {  // code points, combining marks not counted
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) == 0x80) continue;
        if (c == 0xCC || (c == 0xCD && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xB0)) continue;
        ++n;
    }
    return n;
}

std::string padded(const std::string& s, std::size_t w) {
    const std::size_t have = width(s);
    return have >= w ? s + " " : s + std::string(w - have, ' ');
}

std::string cell(const WorksheetCell& c, bool answers) {
    if (!c.blank) return c.text;
    return answers ? "[" + c.text + "]" : "______";
}

}  // namespace

std::string worksheetText(const Worksheet& w, bool answers) {
    std::string out = std::string(answers ? "Answers: " : "Exercise: ") + w.task + "\n";
    if (answers) out += "(the blanks of the sheet are in brackets)\n";
    out += "\n";
    std::size_t wn = 4, wd = 10, wv = 8;
    for (const WorksheetRow& r : w.rows) {
        wn = std::max(wn, width(r.name));
        wd = std::max(wd, width(r.definition));
        wv = std::max(wv, width(cell(r.value, answers)));
    }
    out += padded("node", wn + 2) + padded("definition", wd + 2) + padded("value v", wv + 2) +
           w.secondName + "\n";
    for (const WorksheetRow& r : w.rows)
        out += padded(r.name, wn + 2) + padded(r.definition, wd + 2) +
               padded(cell(r.value, answers), wv + 2) + cell(r.second, answers) + "\n";
    return out;
}

}  // namespace adviz
