#include "autodiff/op.hpp"

#include <cassert>

namespace adviz {
namespace {

// One row per Op, in enum order. The partial texts are the maths of op_table.hpp written out.
constexpr std::array<OpInfo, opCount> table{{
    {"input", "", 0, "{a}", {"", ""}},
    {"const", "", 0, "{a}", {"", ""}},
    {"add", "+", 2, "{a} + {b}", {"1", "1"}},
    {"sub", "−", 2, "{a} − {b}", {"1", "−1"}},
    {"mul", "×", 2, "{a}·{b}", {"{b}", "{a}"}},
    {"div", "÷", 2, "{a} / {b}", {"1/{b}", "−{a}/{b}²"}},
    {"pow", "^", 2, "{a}^{b}", {"{b}·{a}^({b}−1)", "{a}^{b}·log({a})"}},
    {"neg", "−", 1, "−{a}", {"−1", ""}},
    {"sin", "sin", 1, "sin({a})", {"cos({a})", ""}},
    {"cos", "cos", 1, "cos({a})", {"−sin({a})", ""}},
    {"tan", "tan", 1, "tan({a})", {"1 + tan²({a})", ""}},
    {"asin", "asin", 1, "asin({a})", {"1/√(1 − {a}²)", ""}},
    {"acos", "acos", 1, "acos({a})", {"−1/√(1 − {a}²)", ""}},
    {"atan", "atan", 1, "atan({a})", {"1/(1 + {a}²)", ""}},
    {"exp", "exp", 1, "exp({a})", {"exp({a})", ""}},
    {"log", "log", 1, "log({a})", {"1/{a}", ""}},
    {"sqrt", "√", 1, "√{a}", {"1/(2√{a})", ""}},
    {"tanh", "tanh", 1, "tanh({a})", {"1 − tanh²({a})", ""}},
    {"sigmoid", "σ", 1, "σ({a})", {"σ({a})·(1 − σ({a}))", ""}},
    {"relu", "relu", 1, "relu({a})", {"[{a} > 0]", ""}},
    {"abs", "abs", 1, "|{a}|", {"sign({a})", ""}},
    {"sinh", "sinh", 1, "sinh({a})", {"cosh({a})", ""}},
    {"cosh", "cosh", 1, "cosh({a})", {"sinh({a})", ""}},
    {"log1p", "log1p", 1, "log1p({a})", {"1/(1 + {a})", ""}},
    {"min", "min", 2, "min({a}, {b})", {"[{a} < {b}]", "[{b} < {a}]"}},
    {"max", "max", 2, "max({a}, {b})", {"[{a} > {b}]", "[{b} > {a}]"}},
}};

// Operations written as infix operators are not callable by name; pow, min, max are both.
bool callable(Op op) {
    switch (op) {
        case Op::Input: case Op::Const: case Op::Add: case Op::Sub: case Op::Mul: case Op::Div:
        case Op::Neg: return false;
        default: return true;
    }
}

}  // namespace

const OpInfo& info(Op op) {
    auto i = static_cast<std::size_t>(op);
    assert(i < table.size());
    return table[i];
}

std::optional<Op> functionNamed(std::string_view name) {
    for (int i = 0; i < opCount; ++i) {
        auto op = static_cast<Op>(i);
        if (callable(op) && table[i].name == name) return op;
    }
    return std::nullopt;
}

std::string functionList() {
    std::string out;
    for (int i = 0; i < opCount; ++i) {
        auto op = static_cast<Op>(i);
        if (!callable(op)) continue;
        if (!out.empty()) out += ", ";
        out += table[i].name;
        out += table[i].arity == 2 ? "(a,b)" : "(a)";
    }
    return out;
}

std::string substitute(std::string_view pattern, std::string_view a, std::string_view b,
                       std::string_view y) {
    std::string out;
    out.reserve(pattern.size() + 16);
    // A negative number substituted after an operator or before ^ gets parentheses: "{a}^{b}"
    // with a = −8 is (−8)^v₁ (−8^v₁ means −(8^v₁)), "{a}·{b}" with b = −1 is v₁·(−1). Right
    // after an opening bracket or a comma, or first and not raised to a power, it needs none.
    auto negative = [](std::string_view s) { return s.starts_with("−") || s.starts_with("-"); };
    auto bare = [&](std::size_t at, std::size_t after) {
        const bool powered = after < pattern.size() &&
                             (pattern[after] == '^' || pattern.substr(after).starts_with("²"));
        if (at == 0) return !powered;
        const char before = pattern[at - 1];
        return before == '(' || before == '[' || before == '|' ||
               (before == ' ' && at >= 2 && pattern[at - 2] == ',');
    };
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
            char c = pattern[i + 1];
            if (c == 'a' || c == 'b' || c == 'y') {
                std::string_view text = c == 'a' ? a : c == 'b' ? b : y;
                if (negative(text) && !bare(i, i + 3)) {
                    out += '(';
                    out += text;
                    out += ')';
                } else {
                    out += text;
                }
                i += 2;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

std::string ruleText(Op op, int slot) {
    const OpInfo& o = info(op);
    std::string lhs = substitute(o.pattern, "a", "b");
    return std::string(slot == 0 ? "∂/∂a " : "∂/∂b ") + lhs + " = " +
           substitute(o.partial[slot == 0 ? 0 : 1], "a", "b");
}

}  // namespace adviz
