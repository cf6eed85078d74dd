#include "autodiff/pytorch/pytorch_script.hpp"

#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

#include "autodiff/pytorch/torch_ops.hpp"
#include "autodiff/shaped/shaped_graph.hpp"

namespace adviz::pytorch {

std::string pythonNumber(double x) {
    if (std::isnan(x)) return "float('nan')";
    if (std::isinf(x)) return x > 0 ? "float('inf')" : "-float('inf')";
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);  // shortest text that reads back
    std::string s(buf, end);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

namespace {

using shaped::Kind;
using shaped::Port;
using shaped::Shape;

// The program's inputs and outputs as the user sees them: ports of the shaped graph, or one
// scalar port per input and output of a scalar program.
std::vector<Port> inputPorts(const Graph& g) {
    if (g.shaped) return g.shaped->inputs;
    std::vector<Port> ports;
    for (int i = 0; i < g.inputCount(); ++i) ports.push_back({std::string(g.inputName(i)), Shape::scalar(), -1, {i}});
    return ports;
}

std::vector<Port> outputPorts(const Graph& g) {
    if (g.shaped) return g.shaped->outputs;
    std::vector<Port> ports;
    for (int k = 0; k < g.outputCount(); ++k) ports.push_back({g.outputs[static_cast<std::size_t>(k)].name, Shape::scalar(), -1, {k}});
    return ports;
}

// Nested Python lists of a port's numbers, row-major: 0.5, [0.5, -1.0], [[…], […]].
template <class At>
std::string nested(const Shape& s, const std::vector<std::int32_t>& items, At at) {
    if (s.isScalar()) return pythonNumber(at(items.front()));
    std::string out = "[";
    const auto cols = static_cast<std::size_t>(s.cols());
    for (std::size_t r = 0; r < static_cast<std::size_t>(s.rows()); ++r) {
        if (s.rank == 2) out += (r ? ", [" : "[");
        for (std::size_t c = 0; c < cols; ++c) out += (c ? ", " : "") + pythonNumber(at(items[r * cols + c]));
        if (s.rank == 2) out += "]";
    }
    return out + "]";
}

// An inline expression without its outer parentheses, for use as a call's argument:
// torch.sum((z2 - y) ** 2.0), not torch.sum(((z2 - y) ** 2.0)).
std::string bare(const std::string& text) {
    if (text.size() < 2 || text.front() != '(' || text.back() != ')') return text;
    int depth = 0;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
        if (depth == 0) return text;  // "(a) + (b)": the first parenthesis closes early
    }
    return text.substr(1, text.size() - 2);
}

// op's PyTorch expression with the operands filled in; a function's arguments bare.
std::string fill(Op op, const std::string& a, const std::string& b) {
    const std::string_view pattern = expression(op);
    if (pattern.starts_with("torch.")) return substitute(pattern, bare(a), bare(b));
    return substitute(pattern, a, b);
}

bool isPythonReserved(const std::string& name) {
    static const std::set<std::string> reserved{
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield", "torch", "json", "math", "leaf", "plain", "inputs",
        "outputs", "gradient", "seed", "grads", "cotangent", "scalar_outputs", "print", "float",
        "used", "_name", "_y"};
    return reserved.contains(name);
}

// Writes the program's statements: one line per named value or value used more than once;
// an unnamed value used once is written inline where it is used, in parentheses.
class StatementWriter {
public:
    StatementWriter(const Graph& g, std::ostream& out) : g_(g), out_(out), scalar_(static_cast<std::size_t>(g.size())) {
        scalarUses_.assign(static_cast<std::size_t>(g.size()), 0);
        for (const Node& n : g.nodes) {
            if (n.a >= 0) ++scalarUses_[static_cast<std::size_t>(n.a)];
            if (n.b >= 0) ++scalarUses_[static_cast<std::size_t>(n.b)];
        }
        for (const Output& o : g.outputs) scalarUses_[static_cast<std::size_t>(o.node)] += 2;
        if (g.shaped) {
            shaped_.resize(static_cast<std::size_t>(g.shaped->size()));
            shapedUses_.assign(shaped_.size(), 0);
            for (const shaped::Node& n : g.shaped->nodes)
                for (std::int32_t u : n.operands) ++shapedUses_[static_cast<std::size_t>(u)];
            for (const Port& p : g.shaped->outputs)
                if (p.node >= 0) shapedUses_[static_cast<std::size_t>(p.node)] += 2;
        }
    }

    /// A variable name for want, not a Python keyword nor taken.
    std::string fresh(std::string want) {
        while (isPythonReserved(want) || taken_.contains(want)) want += "_";
        taken_.insert(want);
        return want;
    }

    /// Declares an input port's variable (its tensor is created by the caller's line).
    std::string input(const Port& p) {
        const std::string var = fresh(p.name);
        if (p.node >= 0) {
            shaped_[static_cast<std::size_t>(p.node)] = var;
            for (std::size_t k = 0; k < p.items.size(); ++k)  // its elements, should a scalar use one
                scalar_[static_cast<std::size_t>(p.items[k])] = var + "[" + indices(p.shape, k) + "]";
        } else {
            scalar_[static_cast<std::size_t>(p.items.front())] = var;
        }
        return var;
    }

    /// The text of scalar node id: its variable, a literal, or an inline expression.
    std::string scalar(int id) {
        std::string& text = scalar_[static_cast<std::size_t>(id)];
        if (!text.empty()) return text;
        const Node& n = g_[id];
        if (n.op == Op::Const) return "torch.tensor(" + pythonNumber(n.constant) + ")";
        std::string expr = fill(n.op, operand(n, 0), n.b >= 0 ? operand(n, 1) : "");
        const std::string_view name = g_.nameOf(id);
        const bool named = !name.empty() && name.find('[') == std::string_view::npos;
        if (named || scalarUses_[static_cast<std::size_t>(id)] > 1) {
            text = fresh(named ? std::string(name) : "v" + std::to_string(g_.wengertIndex(id)));
            out_ << text << " = " << expr << "\n";
        } else {
            text = "(" + expr + ")";
        }
        return text;
    }

    /// The text of shaped node id, as scalar() for the scalar graph.
    std::string shapedNode(int id) {
        std::string& text = shaped_[static_cast<std::size_t>(id)];
        if (!text.empty()) return text;
        const shaped::Node& n = (*g_.shaped)[id];
        std::string expr = shapedExpression(n);
        if (n.kind == Kind::Scalar) return text = expr;
        if (!n.name.empty() || shapedUses_[static_cast<std::size_t>(id)] > 1) {
            text = fresh(n.name.empty() ? "t" + std::to_string(id) : n.name);
            out_ << text << " = " << expr << "\n";
        } else {
            text = "(" + expr + ")";
        }
        return text;
    }

private:
    static std::string indices(const Shape& s, std::size_t k) {
        if (s.rank == 2) return std::to_string(k / static_cast<std::size_t>(s.cols())) + ", " + std::to_string(k % static_cast<std::size_t>(s.cols()));
        return std::to_string(k);
    }

    // A constant operand is a plain number where PyTorch records the same node for it.
    std::string operand(const Node& n, int slot) {
        const int u = n.operand(slot);
        const Node& other = g_[n.operand(1 - slot) >= 0 ? n.operand(1 - slot) : u];
        if (g_[u].op == Op::Const && numberOperandAllowed(n.op, slot) && other.op != Op::Const) {
            const std::string lit = pythonNumber(g_[u].constant);
            return lit[0] == '-' ? "(" + lit + ")" : lit;
        }
        return scalar(u);
    }

    // The constant a Scalar node wraps, if it wraps one.
    const Node* wrappedConstant(int shapedId) const {
        const shaped::Node& n = (*g_.shaped)[shapedId];
        if (n.kind != Kind::Scalar) return nullptr;
        const Node& s = g_[n.elements.front()];
        return s.op == Op::Const ? &s : nullptr;
    }

    std::string shapedOperand(const shaped::Node& n, std::size_t slot) {
        const int u = n.operands[slot];
        const Node* c = wrappedConstant(u);
        const bool otherConstant = n.operands.size() > 1 && wrappedConstant(n.operands[1 - slot]);
        if (c && numberOperandAllowed(n.op, static_cast<int>(slot)) && !otherConstant) {
            const std::string lit = pythonNumber(c->constant);
            return lit[0] == '-' ? "(" + lit + ")" : lit;
        }
        return shapedNode(u);
    }

    std::string literal(const shaped::Node& n) {
        bool constant = true;
        for (std::int32_t e : n.elements) constant = constant && g_[e].op == Op::Const;
        if (constant)
            return "torch.tensor(" + nested(n.shape, n.elements, [&](std::int32_t e) { return g_[e].constant; }) + ")";
        auto row = [&](std::size_t from, std::size_t count) {
            std::string s = "torch.stack([";
            for (std::size_t k = 0; k < count; ++k) s += (k ? ", " : "") + scalar(n.elements[from + k]);
            return s + "])";
        };
        const auto cols = static_cast<std::size_t>(n.shape.cols());
        if (n.shape.rank < 2) return row(0, n.elements.size());
        std::string s = "torch.stack([";
        for (std::size_t r = 0; r < static_cast<std::size_t>(n.shape.rows()); ++r) s += (r ? ", " : "") + row(r * cols, cols);
        return s + "])";
    }

    std::string shapedExpression(const shaped::Node& n) {
        auto a = [&] { return bare(shapedNode(n.operands[0])); };
        switch (n.kind) {
            case Kind::Input: return shaped_[0];  // declared by input(); not reached
            case Kind::Scalar: return scalar(n.elements.front());
            case Kind::Literal: return literal(n);
            case Kind::Elementwise:
                return fill(n.op, shapedOperand(n, 0), n.operands.size() > 1 ? shapedOperand(n, 1) : "");
            case Kind::MatMul: return shapedNode(n.operands[0]) + " @ " + shapedNode(n.operands[1]);
            case Kind::Transpose: return "torch.t(" + a() + ")";
            case Kind::Sum: return "torch.sum(" + a() + ")";
            case Kind::SumAxis: return "torch.sum(" + a() + ", " + std::to_string(n.axis) + ")";
            case Kind::Mean: return "torch.mean(" + a() + ")";
            case Kind::Dot: return "torch.dot(" + a() + ", " + bare(shapedNode(n.operands[1])) + ")";
            case Kind::Softmax: return "torch.softmax(" + a() + ", dim=-1)";
            case Kind::LogSumExp: return "torch.logsumexp(" + a() + ", dim=-1)";
            case Kind::Index: {
                std::string s = shapedNode(n.operands[0]) + "[";
                for (std::size_t k = 0; k < n.index.size(); ++k) s += (k ? ", " : "") + std::to_string(n.index[k]);
                return s + "]";
            }
        }
        return "None";
    }

    const Graph& g_;
    std::ostream& out_;
    std::vector<std::string> scalar_, shaped_;
    std::vector<int> scalarUses_, shapedUses_;
    std::set<std::string> taken_;
};

std::string quotedPython(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

const char* const prologue = R"(import json
import torch

torch.set_default_dtype(torch.float64)


def leaf(value):
    """An input: a float64 tensor whose gradient autograd computes."""
    return torch.tensor(value, dtype=torch.float64, requires_grad=True)


def plain(t):
    """A tensor as JSON numbers, nested lists for vectors and matrices; NaN and ±∞ as the
    strings "nan", "inf", "-inf", as adviz writes them (JSON has no such numbers)."""
    def clean(v):
        if isinstance(v, list):
            return [clean(w) for w in v]
        if v != v:
            return "nan"
        return v if abs(v) != float("inf") else ("inf" if v > 0 else "-inf")
    return clean(t.detach().tolist())

)";

const char* const gradientEpilogue = R"(
# The gradient of every output (of every element of a vector or matrix output), as adviz eval.
gradient = {}
for _name, _y in scalar_outputs:
    grads = [None] * len(inputs)
    if _y.requires_grad:
        grads = torch.autograd.grad(_y, list(inputs.values()), retain_graph=True, allow_unused=True)
    gradient[_name] = {k: plain(g if g is not None else torch.zeros_like(v))
                       for (k, v), g in zip(inputs.items(), grads)}

print(json.dumps({"inputs": {k: plain(v) for k, v in inputs.items()},
                  "outputs": {k: plain(v) for k, v in outputs.items()},
                  "gradient": gradient}, indent=2))
)";

const char* const seedEpilogue = R"(
# ȳᵀJ for the seed ȳ, as adviz vjp: one backward pass weighted by the seed.
used = [k for k in seed if outputs[k].requires_grad]
grads = [None] * len(inputs)
if used:
    grads = torch.autograd.grad([outputs[k] for k in used], list(inputs.values()),
                                grad_outputs=[torch.tensor(seed[k]) for k in used], allow_unused=True)
cotangent = {k: plain(g if g is not None else torch.zeros_like(v))
             for (k, v), g in zip(inputs.items(), grads)}

print(json.dumps({"inputs": {k: plain(v) for k, v in inputs.items()},
                  "outputs": {k: plain(v) for k, v in outputs.items()},
                  "seed": {k: plain(torch.tensor(v)) for k, v in seed.items()},
                  "cotangent": cotangent}, indent=2))
)";

}  // namespace

std::string script(const Graph& g, std::string_view source, std::span<const double> x,
                   const std::vector<double>* seed) {
    std::ostringstream out;
    out << "#!/usr/bin/env python3\n"
           "# Written by `adviz pytorch`: the program below run by PyTorch autograd in float64, to\n"
           "# check adviz's numbers with an independent engine. Prints the JSON of `adviz "
        << (seed ? "vjp" : "eval") << " --json`.\n#\n";
    std::string line;
    for (std::size_t i = 0; i <= source.size(); ++i) {
        if (i == source.size() || source[i] == '\n' || source[i] == '\r') {
            if (!line.empty() || i < source.size()) out << "#   " << line << "\n";
            line.clear();
            if (i + 1 < source.size() && source[i] == '\r' && source[i + 1] == '\n') ++i;
        } else {
            line += static_cast<unsigned char>(source[i]) < 0x20 ? '?' : source[i];
        }
    }
    out << "\n" << prologue;

    StatementWriter w(g, out);
    const std::vector<Port> ins = inputPorts(g), outs = outputPorts(g);
    out << "# Inputs\n";
    std::vector<std::string> inputVar;
    for (const Port& p : ins) {
        inputVar.push_back(w.input(p));
        out << inputVar.back() << " = leaf("
            << nested(p.shape, p.items, [&](std::int32_t i) { return x[static_cast<std::size_t>(i)]; }) << ")\n";
    }
    out << "\n# The program, statement by statement\n";
    std::vector<std::string> outputText;
    for (const Port& p : outs)
        outputText.push_back(p.node >= 0 ? w.shapedNode(p.node)
                                         : w.scalar(g.outputs[static_cast<std::size_t>(p.items.front())].node));

    out << "\ninputs = {";
    for (std::size_t i = 0; i < ins.size(); ++i) out << (i ? ", " : "") << quotedPython(ins[i].name) << ": " << inputVar[i];
    out << "}\noutputs = {";
    for (std::size_t k = 0; k < outs.size(); ++k) out << (k ? ", " : "") << quotedPython(outs[k].name) << ": " << outputText[k];
    out << "}\n";
    if (seed) {
        out << "seed = {";
        for (std::size_t k = 0; k < outs.size(); ++k)
            out << (k ? ", " : "") << quotedPython(outs[k].name) << ": "
                << nested(outs[k].shape, outs[k].items, [&](std::int32_t i) { return (*seed)[static_cast<std::size_t>(i)]; });
        out << "}\n" << seedEpilogue;
    } else {
        out << "scalar_outputs = [";
        bool first = true;
        for (std::size_t k = 0; k < outs.size(); ++k)
            for (std::size_t e = 0; e < outs[k].items.size(); ++e) {
                const std::string& name = g.outputs[static_cast<std::size_t>(outs[k].items[e])].name;
                std::string element = outputText[k];
                if (!outs[k].shape.isScalar()) {
                    const auto cols = static_cast<std::size_t>(outs[k].shape.cols());
                    element += outs[k].shape.rank == 2 ? "[" + std::to_string(e / cols) + ", " + std::to_string(e % cols) + "]"
                                                       : "[" + std::to_string(e) + "]";
                }
                out << (first ? "" : ", ") << "(" << quotedPython(name) << ", " << element << ")";
                first = false;
            }
        out << "]\n" << gradientEpilogue;
    }
    return out.str();
}

}  // namespace adviz::pytorch
