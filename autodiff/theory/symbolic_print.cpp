// Writing symbolic expressions in adviz's own syntax, so that what is printed parses back.

#include <cmath>
#include <string_view>

#include "autodiff/number_format.hpp"
#include "autodiff/theory/symbolic.hpp"

namespace adviz {
namespace {

// Binding strength as the parser sees it: 1 + −, 2 × ÷, 3 unary minus, 4 ^, 5 atoms and calls.
// A negative number reads as a unary minus (-2 is "−" then "2").
int precedence(const SymNode& n) {
    switch (n.op) {
        case Op::Input: return 5;
        case Op::Const: return std::isfinite(n.constant) && std::signbit(n.constant) ? 3 : 5;
        case Op::Add: case Op::Sub: return 1;
        case Op::Mul: case Op::Div: return 2;
        case Op::Neg: return 3;
        case Op::Pow: return 4;
        default: return 5;
    }
}

std::string constantText(double c) {
    if (std::isnan(c)) return "(0/0)";  // the language has no literal for these
    if (std::isinf(c)) return c > 0 ? "(1/0)" : "(-1/0)";
    return formatExact(c);  // shortest text that reads back to the same double
}

// One piece of work for the printer: a node (with or without parentheses) or a literal text.
struct Item {
    std::int32_t node = -1;
    bool paren = false;
    std::string_view text;
};

}  // namespace

std::string print(const SymExpr& e, std::int32_t root, std::size_t maxChars) {
    std::string out;
    std::vector<Item> stack{{root, false, {}}};
    // A child needs parentheses when it binds looser than its place requires (a left operand
    // of equal strength does not: the parser groups to the left, and ^ to the right). A minus
    // sign after an operator is legal (a*-b) but reads badly, so it gets them too: a*(-b).
    auto child = [&](std::int32_t id, int required, bool rightSide) {
        const int p = precedence(e.nodes[static_cast<std::size_t>(id)]);
        return Item{id, p < required || (rightSide && p == 3), {}};
    };
    while (!stack.empty()) {
        if (out.size() > maxChars) {
            out.resize(maxChars);
            return out + "…";
        }
        const Item it = stack.back();
        stack.pop_back();
        if (it.node < 0) {
            out += it.text;
            continue;
        }
        const SymNode& n = e.nodes[static_cast<std::size_t>(it.node)];
        if (it.paren) {
            out += '(';
            stack.push_back({-1, false, ")"});
        }
        // Pieces are pushed in reverse: the last pushed is printed first.
        auto infix = [&](std::string_view op, int left, int right) {
            stack.push_back(child(n.b, right, true));
            stack.push_back({-1, false, op});
            stack.push_back(child(n.a, left, false));
        };
        switch (n.op) {
            case Op::Input: out += e.inputNames[static_cast<std::size_t>(n.a)]; break;
            case Op::Const: out += constantText(n.constant); break;
            case Op::Add: infix(" + ", 1, 2); break;
            case Op::Sub: infix(" - ", 1, 2); break;
            case Op::Mul: infix("*", 2, 3); break;
            case Op::Div: infix("/", 2, 3); break;
            case Op::Pow: infix("^", 5, 4); break;  // base: an atom; exponent: unary level
            case Op::Neg:
                out += '-';
                stack.push_back(child(n.a, 4, true));  // -a^b is −(a^b)
                break;
            default:
                out += info(n.op).name;
                out += '(';
                stack.push_back({-1, false, ")"});
                if (n.b >= 0) {
                    stack.push_back({n.b, false, {}});
                    stack.push_back({-1, false, ", "});
                }
                stack.push_back({n.a, false, {}});
        }
    }
    if (out.size() > maxChars) {
        out.resize(maxChars);
        out += "…";
    }
    return out;
}

}  // namespace adviz
