#pragma once
// The operations adviz knows, as plain data: what each one is called, how many operands it
// takes, and how to write it and its local partial derivatives for humans. The numbers (value
// and partials) live next to these descriptions in op_table.hpp; every mode reads both.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace adviz {

/// Every node kind of the computational graph. Input and Const are leaves; the rest compute.
enum class Op : std::uint8_t {
    Input, Const,
    Add, Sub, Mul, Div, Pow, Neg,
    Sin, Cos, Tan, Asin, Acos, Atan, Exp, Log, Sqrt, Tanh, Sigmoid, Relu, Abs, Sinh, Cosh, Log1p,
    Min, Max,
    Count_
};

inline constexpr int opCount = static_cast<int>(Op::Count_);

/// The human side of an operation. Patterns use {a} and {b} for the operands and {y} for the
/// result, so one text serves the node label, the Wengert list and the trace formulas.
struct OpInfo {
    std::string_view name;      ///< identifier used in code and the language: "sin", "add"
    std::string_view symbol;    ///< short glyph for a graph node: "+", "·", "sin"
    int arity;                  ///< 0 for leaves, 1 or 2 otherwise
    std::string_view pattern;   ///< how the node reads: "{a} + {b}", "sin({a})"
    std::array<std::string_view, 2> partial;  ///< ∂y/∂a and ∂y/∂b, in terms of {a} {b} {y}
};

/// The description of op (total: every Op has one).
const OpInfo& info(Op op);

/// The op a function call `name(...)` in the language means, if any (not the infix operators).
std::optional<Op> functionNamed(std::string_view name);

/// Comma-separated list of the callable function names with their arity, for error messages.
std::string functionList();

/// Replaces {a}, {b}, {y} in pattern with the given texts.
std::string substitute(std::string_view pattern, std::string_view a, std::string_view b,
                       std::string_view y = "y");

/// The derivative rule for humans, e.g. "∂/∂a sin(a) = cos(a)".
std::string ruleText(Op op, int slot);

}  // namespace adviz
