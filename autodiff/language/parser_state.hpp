#pragma once
// The parser's state, shared by the two files that implement it: parser.cpp (the scalar
// language) and shaped/parse_shapes.cpp (declarations, literals, indexing, @ and the functions of
// vectors and matrices). Internal: include only from those two.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "autodiff/language/lexer.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/shaped/lowering.hpp"

// Keep functions with strings or hash lookups out of the recursive functions' stack frames.
#if defined(__GNUC__)
#define ADVIZ_NOINLINE [[gnu::noinline]]
#define ADVIZ_COLD [[gnu::cold, gnu::noinline]]
#elif defined(_MSC_VER)
#define ADVIZ_NOINLINE __declspec(noinline)
#define ADVIZ_COLD __declspec(noinline)
#else
#define ADVIZ_NOINLINE
#define ADVIZ_COLD
#endif

namespace adviz::detail {

enum Level { Additive = 1, Multiplicative = 2, Unary = 3, Power = 4 };

// A parsed (sub)expression: its node, and its extent in the source including any parentheses,
// from which the spans of enclosing nodes are made. A shaped value also has its shaped node; its
// id is then its first element, so id < 0 still means only "failed".
struct Value {
    int id = -1;  // -1: parsing failed, the error is recorded
    Span span;
    int shaped = -1;

    shaped::Operand operand() const { return {id, shaped}; }
};

// One statement's result, kept to decide the outputs once the whole program is known.
struct Statement {
    int node = -1;
    std::string_view name;  // the bound name; empty for a bare expression
    bool used = false;      // a later statement read this binding, so it is not a result
    int shaped = -1;        // its shaped node, if it has a shape
};

struct InputUse {
    int node = -1;
    std::uint32_t offset = 0;  // first appearance, quoted if someone tries to assign the name
    int shaped = -1;           // a declared input's shaped node
};

class Parser {
public:
    Parser(std::string_view source, const ParseLimits& limits)
        : src_(source), lex_(source), limits_(limits) {
        advance();
    }

    ParseResult run();

private:
    void advance();
    const Token& peek();
    std::string_view text(const Token& t) const { return src_.substr(t.offset, t.length); }

    bool statement();
    bool assignment();
    bool assignable(const Token& name);
    Value expression(int minLevel);
    Value signedOperand();
    Value primary();
    Value postfix(Value v);  // indexing x[i], W[i, j] after a primary
    ADVIZ_NOINLINE Value variable();
    Value call();
    Value parenthesized();

    // Shapes (shaped/parse_shapes.cpp).
    ADVIZ_NOINLINE bool declaration();
    ADVIZ_NOINLINE Value literal();
    ADVIZ_NOINLINE Value index(Value v);
    ADVIZ_NOINLINE Value shapedCall(std::string_view name, Span nameSpan);
    ADVIZ_NOINLINE Value shapedBinary(Op op, bool matmul, const Value& a, const Value& b, Span span);
    ADVIZ_NOINLINE Value shapedCallOp(Op op, const std::vector<Value>& args, Span span);
    Value lowered(const shaped::Lowered& result, Span span);
    std::optional<long long> wholeNumber(const Value& v, const char* what);
    void nameElements(const Value& v, std::string_view name);
    void addShapedOutput(const Statement& s, std::string name);
    void finishShapes(Graph& g);

    bool enter();  // one level deeper at tok_; false (error recorded) past maxDepth
    void leave() { --depth_; }
    ADVIZ_COLD Value expectedExpression();
    ADVIZ_COLD Value unclosed(std::uint32_t open, const char* expected);
    ADVIZ_COLD Value unknownFunction(Span name);
    ADVIZ_COLD Value wrongArity(Span call, Op op, int count);
    ADVIZ_COLD void tooDeep();
    Value fail(Span span, std::string message);
    Value failAt(const Token& t, std::string message);
    void addOutputs();

    std::string_view src_;
    Lexer lex_;
    ParseLimits limits_;
    Token tok_;                   // the current token
    std::optional<Token> ahead_;  // one token of look-ahead, for `name =` and `name (`
    int depth_ = 0;
    GraphBuilder builder_;
    shaped::Lowering lowering_{builder_};
    std::vector<shaped::Port> shapedOutputs_;  // filled by addOutputs when there are shapes
    std::optional<ParseError> error_;
    std::vector<Statement> statements_;
    std::unordered_map<std::string_view, std::size_t> bindings_;  // name → its latest statement
    std::unordered_map<std::string_view, InputUse> inputs_;
};

/// "line:column" of a byte offset, for messages.
std::string lineColumn(std::string_view src, std::size_t offset);
inline Span spanOf(const Token& t) { return {t.offset, t.length}; }
inline Span cover(Span first, Span last) {
    return {first.offset, last.offset + last.length - first.offset};
}

}  // namespace adviz::detail
