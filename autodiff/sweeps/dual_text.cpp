#include "autodiff/sweeps/dual_text.hpp"

#include "autodiff/number_format.hpp"
#include "autodiff/op.hpp"
#include "autodiff/sweeps/trace_text.hpp"

namespace adviz {
namespace {

// Whether placeholder {c} sits alone between brackets or commas in pattern ("sin({a})",
// "min({a}, {b})", "|{a}|"): a dual operand needs no parentheses of its own there.
bool enclosed(std::string_view pattern, char c) {
    const std::string key = std::string("{") + c + "}";
    const std::size_t at = pattern.find(key);
    if (at == std::string_view::npos || at == 0) return false;
    const std::size_t after = at + key.size();
    const char before = pattern[at - 1];
    const bool open = before == '(' || before == '|' || (before == ' ' && at >= 2 && pattern[at - 2] == ',');
    const bool close = after < pattern.size() &&
                       (pattern[after] == ')' || pattern[after] == '|' || pattern[after] == ',');
    return open && close;
}

bool asciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// "sin(1)" → "sin 1", as the theory writes a function of a plain number; a negative number, or
// anything but a named function's single argument, keeps its brackets.
std::string loosen(std::string text, const std::string& number) {
    if (number.starts_with("−") || number.find(' ') != std::string::npos) return text;
    const std::string bracketed = "(" + number + ")";
    for (std::size_t at = text.find(bracketed); at != std::string::npos;
         at = text.find(bracketed, at + 1)) {
        if (at == 0 || !asciiLetter(text[at - 1])) continue;
        text.replace(at, bracketed.size(), " " + number);
    }
    return text;
}

// A factor written before "·": bracketed when it has spaces or a sign.
std::string factor(const std::string& s) {
    return text::needsParens(s) || s.starts_with("−") ? "(" + s + ")" : s;
}

}  // namespace

std::string dualNumber(double value, double tangent) {
    const std::string v = formatShort(value);
    if (tangent < 0) return v + " − " + formatShort(-tangent) + "ε";
    return v + " + " + formatShort(tangent) + "ε";
}

std::string dualFormula(const Graph& g, const Step& s, std::span<const NodeState> known,
                        std::span<const std::array<double, 2>> partials) {
    if (s.phase != Phase::Tangent || s.node < 0 || s.node >= g.size()) return {};
    const int id = s.node;
    const Node& nd = g[id];
    const std::string lhs = g.wengertName(id) + " = ";
    const std::string result = dualNumber(s.value, s.after);
    if (nd.op == Op::Input) {
        const std::string name(g.nameOf(id));
        return lhs + name + " + " + name + "\u0307ε = " + result;
    }
    const OpInfo& op = info(nd.op);
    auto at = [&](int u) -> const NodeState& { return known[static_cast<std::size_t>(u)]; };
    auto constant = [&](int u) { return g[u].op == Op::Const; };
    // The operation applied to its dual operands (a constant is a plain number: tangent 0).
    auto dualOperand = [&](int slot) -> std::string {
        if (slot >= nd.arity()) return {};
        const int u = nd.operand(slot);
        if (constant(u)) return formatShort(at(u).value);
        const std::string d = dualNumber(at(u).value, at(u).tangent);
        return enclosed(op.pattern, slot == 0 ? 'a' : 'b') ? d : "(" + d + ")";
    };
    std::string out = lhs + substitute(op.pattern, dualOperand(0), dualOperand(1)) + " = ";

    const bool moving = !constant(nd.a) || (nd.arity() == 2 && !constant(nd.b));
    if (!moving) return out + result;  // constant operands only: nothing to differentiate
    if (nd.arity() == 1) {
        // g(a + ȧε) = g(a) + g′(a)·ȧε, written with the op's own value and partial patterns.
        const std::string a = formatShort(at(nd.a).value);
        const std::string value = loosen(substitute(op.pattern, a, ""), a);
        const std::string slope = loosen(factor(substitute(op.partial[0], a, "")), a);
        out += value + " + " + slope + "·" + text::operand(at(nd.a).tangent) + "ε = ";
        return out + result;
    }
    // Two operands: g(a, b) + (∂g/∂a·ȧ + ∂g/∂b·ḃ)ε, the partials as numbers.
    const auto& p = partials[static_cast<std::size_t>(id)];
    std::string terms;
    for (int slot = 0; slot < 2; ++slot) {
        const int u = nd.operand(slot);
        if (constant(u)) continue;
        const std::string pattern(op.partial[static_cast<std::size_t>(slot)]);
        const std::string t = text::operand(at(u).tangent);
        bool minus = false;
        std::string term;
        if (pattern == "1") term = t;
        else if (pattern == "−1") { term = t; minus = true; }
        else term = text::operand(p[static_cast<std::size_t>(slot)]) + "·" + t;
        if (terms.empty()) terms = (minus ? "−" : "") + term;
        else terms += (minus ? " − " : " + ") + term;
    }
    out += formatShort(s.value) + " + (" + terms + ")ε = ";
    return out + result;
}

std::string dualFormula(const Graph& g, const Trace& t, std::size_t k) {
    if (k >= t.steps.size()) return {};
    const std::vector<NodeState> before = t.stateAt(k);
    return dualFormula(g, t.steps[k], before, t.partials);
}

}  // namespace adviz
