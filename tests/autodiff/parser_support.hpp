#pragma once
// Helpers shared by the parser tests: parse or fail, and a tree's shape as text.

#include <catch2/catch.hpp>

#include <numbers>
#include <string>
#include <string_view>

#include "autodiff/language/parser.hpp"
#include "autodiff/number_format.hpp"

namespace adviz::parser_test {

inline Graph parseOk(std::string_view source) {
    ParseResult r = parse(source);
    INFO((r.ok() ? std::string() : formatDiagnostic(source, *r.error)));
    REQUIRE(r.ok());
    return std::move(r.graph);
}

inline ParseError parseFails(std::string_view source, const ParseLimits& limits = {}) {
    ParseResult r = parse(source, limits);
    REQUIRE_FALSE(r.ok());
    return *r.error;
}

// The structure below a node as a prefix expression, "pow(2, pow(3, 2))": structure is
// checked without relying on an evaluator.
inline std::string shape(const Graph& g, int id) {
    const Node& n = g[id];
    if (n.op == Op::Input) return std::string(g.nameOf(id));
    if (n.op == Op::Const) {
        auto label = g.nameOf(id);
        return label.empty() ? formatExact(n.constant) : std::string(label);
    }
    std::string out = std::string(info(n.op).name) + "(" + shape(g, n.a);
    if (n.b >= 0) out += ", " + shape(g, n.b);
    return out + ")";
}

inline int root(const Graph& g) { return g.outputs.back().node; }

inline std::string shapeOf(std::string_view source) {
    Graph g = parseOk(source);
    return shape(g, root(g));
}

inline std::string repeat(std::string_view s, int n) {
    std::string out;
    out.reserve(s.size() * static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace adviz::parser_test
