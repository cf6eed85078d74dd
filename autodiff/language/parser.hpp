#pragma once
// The expression language: numbers, names, + − × ÷ ^, unary minus, function calls, statements
// `name = expr` separated by ';' or newlines, '#' comments. Parsing builds the graph directly.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "autodiff/graph.hpp"
#include "autodiff/limits.hpp"

namespace adviz {

/// A parse error as a value: where (byte span, 1-based line and column in characters) and what.
struct ParseError {
    std::uint32_t offset = 0;  ///< byte offset of the offending span
    std::uint32_t length = 0;  ///< its length in bytes (at least 1 unless at end of input)
    int line = 1;              ///< 1-based
    int column = 1;            ///< 1-based, counted in characters (UTF-8 code points)
    std::string message;       ///< "expected ')'", "unknown function 'sine'; known: …"
};

/// Limits that keep hostile input from exhausting the stack or memory (limits.hpp).
struct ParseLimits {
    int maxDepth = limits::maxNesting;             ///< nesting of parentheses, calls, unary, ^
    std::size_t maxBytes = limits::maxProgramBytes;  ///< program size
};

/// Either a graph or the first error.
struct ParseResult {
    Graph graph;
    std::optional<ParseError> error;
    bool ok() const { return !error.has_value(); }
};

/// Parses a program. Never throws on bad input; returns the first error instead.
ParseResult parse(std::string_view source, const ParseLimits& limits = {});

/// A compiler-style message: "expr:1:7: error: expected ')'", the source line, a caret line.
std::string formatDiagnostic(std::string_view source, const ParseError& error,
                             std::string_view file = "expr");

}  // namespace adviz
