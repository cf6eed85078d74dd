// The rules of the shaped trace for humans: each operation's reverse rule per operand and its
// forward rule, written with the user's names as the theory writes them.

#include "autodiff/shaped/shaped_rules.hpp"

namespace adviz::shaped {
namespace {

// A mark over the first character: "z1" → "z̄1" (U+0304) or "ż1" (U+0307).
std::string marked(const std::string& name, const char* mark) {
    std::size_t first = 1;
    while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
    return name.substr(0, first) + mark + name.substr(first);
}

std::string fn(Op op) {
    if (op == Op::Sigmoid) return "σ";
    return std::string(info(op).name);
}

}  // namespace

std::string bar(const std::string& name) { return marked(name, "\u0304"); }
std::string dot(const std::string& name) { return marked(name, "\u0307"); }

std::string reverseRule(const ShapedGraph& sg, int z, int slot) {
    const Node& n = sg[z];
    const std::string Z = label(sg, z);
    const std::string A = label(sg, n.operands[0]);
    const std::string B = n.operands.size() > 1 ? label(sg, n.operands[1]) : "";
    // The operand receiving the adjoint (a literal gathers any number of items), and the other
    // one of a binary operation.
    const std::string me = label(sg, n.operands[static_cast<std::size_t>(slot)]), other = slot == 0 ? B : A;
    const std::string lhs = bar(me) + " += ";
    const bool broadcast = !(sg[n.operands[static_cast<std::size_t>(slot)]].shape == n.shape) &&
                           (n.kind == Kind::Elementwise);
    const std::string summed = broadcast ? "   (summed over the broadcast axis)" : "";
    switch (n.kind) {
        case Kind::MatMul:
            return slot == 0 ? lhs + bar(Z) + " " + B + "ᵀ" : lhs + A + "ᵀ " + bar(Z);
        case Kind::Dot: return lhs + bar(Z) + "·" + other;
        case Kind::Transpose: return lhs + bar(Z) + "ᵀ";
        case Kind::Sum: return lhs + bar(Z) + "·𝟏";
        case Kind::SumAxis:
            return lhs + (n.axis == 0 ? "𝟏 " + bar(Z) + "ᵀ" : bar(Z) + " 𝟏ᵀ") + "   (" + bar(Z) +
                   " copied along axis " + std::to_string(n.axis) + ")";
        case Kind::Mean:
            return lhs + bar(Z) + "/" + std::to_string(sg[n.operands[0]].shape.size()) + "·𝟏";
        case Kind::Softmax: return lhs + Z + " ⊙ (" + bar(Z) + " − ⟨" + bar(Z) + ", " + Z + "⟩)";
        case Kind::LogSumExp: return lhs + bar(Z) + "·softmax(" + A + ")";
        case Kind::Index: {
            std::string at;
            for (std::size_t i = 0; i < n.index.size(); ++i)
                at += (i ? ", " : "") + std::to_string(n.index[i]);
            return bar(A) + "[" + at + "] += " + bar(Z);
        }
        case Kind::Literal: return lhs + bar(Z) + "[" + std::to_string(slot) + "]";
        case Kind::Elementwise: break;
        default: return lhs + "?";
    }
    switch (n.op) {
        case Op::Add: return lhs + bar(Z) + summed;
        case Op::Sub: return lhs + (slot == 0 ? "" : "−") + bar(Z) + summed;
        case Op::Mul: return lhs + bar(Z) + " ⊙ " + other + summed;
        case Op::Div:
            return lhs + (slot == 0 ? bar(Z) + " ⊘ " + B : "−" + bar(Z) + " ⊙ " + A + " ⊘ " + B + "²") + summed;
        case Op::Pow:
            return lhs + bar(Z) + " ⊙ " + (slot == 0 ? B + "·" + A + "^(" + B + "−1)" : "log(" + A + ") ⊙ " + Z) + summed;
        case Op::Neg: return lhs + "−" + bar(Z);
        case Op::Min: case Op::Max:
            return lhs + bar(Z) + " ⊙ [" + me + (n.op == Op::Max ? " > " : " < ") + other + "]" + summed;
        default: return lhs + bar(Z) + " ⊙ " + fn(n.op) + "′(" + A + ")";
    }
}

std::string forwardRule(const ShapedGraph& sg, int z) {
    const Node& n = sg[z];
    const std::string Z = label(sg, z);
    if (n.kind == Kind::Input) return dot(Z) + " given";
    if (n.kind == Kind::Scalar) return dot(Z) + " from the scalar program";
    const std::string lhs = dot(Z) + " = ";
    const std::string A = n.operands.empty() ? "" : label(sg, n.operands[0]);
    const std::string B = n.operands.size() > 1 ? label(sg, n.operands[1]) : "";
    switch (n.kind) {
        case Kind::MatMul: return lhs + dot(A) + " " + B + " + " + A + " " + dot(B);
        case Kind::Dot: return lhs + dot(A) + "·" + B + " + " + A + "·" + dot(B);
        case Kind::Transpose: return lhs + dot(A) + "ᵀ";
        case Kind::Sum: return lhs + "sum(" + dot(A) + ")";
        case Kind::SumAxis: return lhs + "sum(" + dot(A) + ", " + std::to_string(n.axis) + ")";
        case Kind::Mean: return lhs + "mean(" + dot(A) + ")";
        case Kind::Softmax: return lhs + Z + " ⊙ (" + dot(A) + " − ⟨" + Z + ", " + dot(A) + "⟩)";
        case Kind::LogSumExp: return lhs + "⟨softmax(" + A + "), " + dot(A) + "⟩";
        case Kind::Index: return lhs + dot(A) + "[…]";
        case Kind::Literal: return lhs + "[…] of the items' tangents";
        default: break;
    }
    switch (n.op) {
        case Op::Add: return lhs + dot(A) + " + " + dot(B);
        case Op::Sub: return lhs + dot(A) + " − " + dot(B);
        case Op::Mul: return lhs + dot(A) + " ⊙ " + B + " + " + A + " ⊙ " + dot(B);
        case Op::Div: return lhs + "(" + dot(A) + " − " + Z + " ⊙ " + dot(B) + ") ⊘ " + B;
        case Op::Pow:
            return lhs + B + "·" + A + "^(" + B + "−1) ⊙ " + dot(A) + " + log(" + A + ") ⊙ " + Z + " ⊙ " + dot(B);
        case Op::Neg: return lhs + "−" + dot(A);
        case Op::Min: case Op::Max:
            return lhs + "[" + A + (n.op == Op::Max ? " > " : " < ") + B + "] ⊙ " + dot(A) + " + [" + B +
                   (n.op == Op::Max ? " > " : " < ") + A + "] ⊙ " + dot(B);
        default: return lhs + fn(n.op) + "′(" + A + ") ⊙ " + dot(A);
    }
}

}  // namespace adviz::shaped
