#include "autodiff/language/parser.hpp"

#include <algorithm>
#include <cstdint>
#include <numbers>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "autodiff/language/lexer.hpp"
#include "autodiff/language/parser_state.hpp"

// Grammar, loosest first:
//   program   = [statement] { (';' | newline) [statement] }
//   statement = name '=' sum | name ':' '[' size [',' size] ']' | sum
//   sum       = product { ('+' | '-') product }          a loop
//   product   = factor { ('*' | '/' | '@') factor }      a loop
//   factor    = ('-' | '+') factor | power               recurses, counted against maxDepth
//   power     = postfix [ '^' factor ]                   recurses, counted: 2^3^2, 2^-1
//   postfix   = primary { '[' sum {',' sum} ']' }        indexing x[0], W[1, 0]
//   primary   = number | name | name '(' [sum {',' sum}] ')' | '(' sum ')'
//             | '[' sum {',' sum} ']'                    counted; the last is a literal
// Shapes (declarations, literals, @, indexing) are parsed in shaped/parse_shapes.cpp.
// expression(level) does the middle four by precedence climbing. Long chains of + − × ÷ are
// loops, so a million-term sum needs no stack; only what is counted recurses.

namespace adviz {
namespace detail {

std::string lineColumn(std::string_view src, std::size_t offset) {
    SourcePosition p = positionOf(src, offset);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
}

namespace {
std::string sizeText(std::size_t bytes) {
    constexpr std::size_t kib = 1024;
    if (bytes >= kib * kib && bytes % (kib * kib) == 0)
        return std::to_string(bytes / kib / kib) + " MB";
    if (bytes >= kib && bytes % kib == 0) return std::to_string(bytes / kib) + " KB";
    return std::to_string(bytes) + " bytes";
}

}  // namespace

void Parser::advance() {
    if (ahead_) {
        tok_ = *ahead_;
        ahead_.reset();
    } else {
        tok_ = lex_.next();
    }
}

const Token& Parser::peek() {
    if (!ahead_) ahead_ = lex_.next();
    return *ahead_;
}

ParseResult Parser::run() {
    ParseResult result;
    for (;;) {
        while (tok_.kind == TokenKind::Semicolon || tok_.kind == TokenKind::Newline) advance();
        if (tok_.kind == TokenKind::End) break;
        if (!statement()) break;
        switch (tok_.kind) {
            case TokenKind::Semicolon: case TokenKind::Newline: case TokenKind::End: continue;
            case TokenKind::Equals:
                failAt(tok_, "unexpected '='; only a name can be assigned (name = expression)");
                break;
            case TokenKind::Number: case TokenKind::Name: case TokenKind::LParen:
                failAt(tok_, "unexpected " + describeToken(tok_, src_) +
                                 "; is an operator missing?");
                break;
            default: failAt(tok_, "unexpected " + describeToken(tok_, src_)); break;
        }
        break;
    }
    if (!error_ && statements_.empty())
        fail({0, 0}, "empty program: type an expression such as (x+y)*sin(x)");
    if (error_) {
        result.error = std::move(error_);
        return result;
    }
    addOutputs();
    if (lowering_.empty()) {
        result.graph = builder_.finish();
    } else {
        finishShapes(result.graph);
    }
    return result;
}

bool Parser::statement() {
    if (tok_.kind == TokenKind::Name && peek().kind == TokenKind::Equals) return assignment();
    if (tok_.kind == TokenKind::Name && peek().kind == TokenKind::Colon) return declaration();
    Value v = expression(Additive);
    if (v.id < 0) return false;
    statements_.push_back({v.id, {}, false, v.shaped});
    return true;
}

bool Parser::assignment() {
    const Token nameTok = tok_;
    if (!assignable(nameTok)) return false;
    advance();  // the name
    advance();  // '='
    Value v = expression(Additive);
    if (v.id < 0) return false;
    // Checked again: `x = x + 1` has just made x an input, i.e. used it before binding it.
    if (!assignable(nameTok)) return false;
    const std::string_view name = text(nameTok);
    if (v.shaped >= 0) nameElements(v, name);
    else builder_.name(v.id, name);
    // A binding replaced by a later one of the same name can no longer be named: it is not a
    // result (two outputs called `a` would be ambiguous in every table and JSON object).
    if (auto prev = bindings_.find(name); prev != bindings_.end()) statements_[prev->second].used = true;
    bindings_.insert_or_assign(name, statements_.size());
    statements_.push_back({v.id, name, false, v.shaped});
    return true;
}

bool Parser::assignable(const Token& nameTok) {
    const std::string_view name = text(nameTok);
    std::string why;
    if (name == "pi" || name == "e") {
        why = " is a constant";
    } else if (functionNamed(name)) {
        why = " is a function";
    } else if (auto it = inputs_.find(name); it != inputs_.end()) {
        why = " is an input (first used at " + lineColumn(src_, it->second.offset) + ")";
    } else {
        return true;
    }
    fail(spanOf(nameTok), quoted(name) + why + "; it cannot be assigned");
    return false;
}

Value Parser::expression(int minLevel) {
    const bool sign = tok_.kind == TokenKind::Minus || tok_.kind == TokenKind::Plus;
    Value lhs = sign ? signedOperand() : primary();
    for (;;) {
        if (lhs.id < 0) return {};
        Op op;
        int level;
        switch (tok_.kind) {
            case TokenKind::Plus: op = Op::Add; level = Additive; break;
            case TokenKind::Minus: op = Op::Sub; level = Additive; break;
            case TokenKind::Star: op = Op::Mul; level = Multiplicative; break;
            case TokenKind::Slash: op = Op::Div; level = Multiplicative; break;
            case TokenKind::Caret: op = Op::Pow; level = Power; break;
            case TokenKind::At: op = Op::Mul; level = Multiplicative; break;
            default: return lhs;
        }
        if (level < minLevel) return lhs;
        const bool matmul = tok_.kind == TokenKind::At;
        Value rhs;
        if (op == Op::Pow) {
            // The exponent is parsed at the unary level: right associative (2^3^2 = 2^(3^2))
            // and it may carry a sign (2^-1).
            if (!enter()) return {};
            advance();
            rhs = expression(Unary);
            leave();
        } else {
            advance();
            rhs = expression(level + 1);  // one level tighter: left associative, no recursion
        }
        if (rhs.id < 0) return {};
        const Span span = cover(lhs.span, rhs.span);
        if (matmul || lhs.shaped >= 0 || rhs.shaped >= 0) lhs = shapedBinary(op, matmul, lhs, rhs, span);
        else lhs = {builder_.op(op, lhs.id, rhs.id, span), span};
    }
}

// A unary sign binds tighter than × ÷ but looser than ^: -x^2 = −(x²), -x*y = (−x)·y.
Value Parser::signedOperand() {
    const Span sign = spanOf(tok_);
    const bool minus = tok_.kind == TokenKind::Minus;
    if (!enter()) return {};
    advance();
    Value v;
    if (minus && tok_.kind == TokenKind::Number && peek().kind != TokenKind::Caret) {
        // -2 is one constant, as a reader sees it; decided before the 2 becomes a node, which
        // would otherwise linger unused. -2^2 is −(2²) and stays a negation.
        const Span span = cover(sign, spanOf(tok_));
        v = {builder_.constant(-tok_.number, span), span};
        advance();
    } else {
        Value operand = expression(Unary);
        if (operand.id >= 0) {
            const Span span = cover(sign, operand.span);
            // Unary plus changes nothing, so it makes no node.
            if (!minus) v = {operand.id, span, operand.shaped};
            else if (operand.shaped >= 0) v = shapedCallOp(Op::Neg, {operand}, span);
            else v = {builder_.op(Op::Neg, operand.id, -1, span), span};
        }
    }
    leave();
    return v;
}

Value Parser::primary() {
    const Span span = spanOf(tok_);
    switch (tok_.kind) {
        case TokenKind::Number: {
            const double value = tok_.number;
            advance();
            return postfix({builder_.constant(value, span), span});
        }
        case TokenKind::Name:
            return postfix(peek().kind == TokenKind::LParen ? call() : variable());
        case TokenKind::LParen: return postfix(parenthesized());
        case TokenKind::LBracket: return postfix(literal());
        default: return expectedExpression();
    }
}

Value Parser::postfix(Value v) {
    while (v.id >= 0 && tok_.kind == TokenKind::LBracket) v = index(v);
    return v;
}

Value Parser::parenthesized() {
    const Span open = spanOf(tok_);
    if (!enter()) return {};
    advance();
    Value inner = expression(Additive);
    leave();
    if (inner.id < 0) return {};
    if (tok_.kind != TokenKind::RParen) return unclosed(open.offset, "')'");
    const Span span = cover(open, spanOf(tok_));
    advance();
    return {inner.id, span, inner.shaped};
}

// A name not followed by '(': a binding, an input, a constant, or a misused function name.
Value Parser::variable() {
    const Token t = tok_;
    const std::string_view name = text(t);
    const Span span = spanOf(t);
    advance();
    // Bindings first: they are the common case in long programs, and shadow nothing else
    // (constants and functions cannot be bound, inputs cannot be rebound).
    if (auto it = bindings_.find(name); it != bindings_.end()) {
        Statement& bound = statements_[it->second];
        bound.used = true;
        return {bound.node, span, bound.shaped};
    }
    if (auto it = inputs_.find(name); it != inputs_.end())
        return {it->second.node, span, it->second.shaped};
    if (name == "pi") return {builder_.constant(std::numbers::pi, span, "π"), span};
    if (name == "e") return {builder_.constant(std::numbers::e, span, "e"), span};
    if (functionNamed(name))
        return fail(span, quoted(name) + " is a function: write " + std::string(name) + "(…)");
    const int id = builder_.input(name, span);
    inputs_.emplace(name, InputUse{id, t.offset});
    return {id, span};
}

Value Parser::call() {
    const Span name = spanOf(tok_);
    const std::optional<Op> op = functionNamed(text(tok_));
    if (!op) return shapedCall(text(tok_), name);
    advance();  // the name; tok_ is now '('
    const std::uint32_t open = tok_.offset;
    if (!enter()) return {};
    advance();
    Value args[2];
    int count = 0;
    if (tok_.kind != TokenKind::RParen) {
        for (;;) {
            const Value arg = expression(Additive);
            if (arg.id < 0) return {};
            if (count < 2) args[count] = arg;
            ++count;
            if (tok_.kind != TokenKind::Comma) break;
            advance();
        }
    }
    leave();
    if (tok_.kind != TokenKind::RParen) return unclosed(open, "',' or ')'");
    const Span span = cover(name, spanOf(tok_));
    advance();
    const int arity = info(*op).arity;
    if (count != arity) return wrongArity(span, *op, count);
    if (args[0].shaped >= 0 || args[1].shaped >= 0)
        return shapedCallOp(*op, {args[0], args[1]}, span);  // the second is unused if arity 1
    return {builder_.op(*op, args[0].id, arity == 2 ? args[1].id : -1, span), span};
}

bool Parser::enter() {
    if (++depth_ <= limits_.maxDepth) return true;
    tooDeep();
    return false;
}

// The error paths build strings. They stay out of line so that the functions on the recursive
// path keep small stack frames: maxDepth levels must fit even under AddressSanitizer.

Value Parser::expectedExpression() { return failAt(tok_, "expected an expression"); }

Value Parser::unclosed(std::uint32_t open, const char* expected) {
    return failAt(tok_, std::string("expected ") + expected + " to close '" + src_[open] + "' at " +
                            lineColumn(src_, open));
}

Value Parser::unknownFunction(Span name) {
    return fail(name, "unknown function " + quoted(src_.substr(name.offset, name.length)) +
                          "; known functions: " + functionList());
}

Value Parser::wrongArity(Span call, Op op, int count) {
    const int arity = info(op).arity;
    return fail(call, std::string(info(op).name) + " takes " + std::to_string(arity) +
                          (arity == 1 ? " argument, got " : " arguments, got ") +
                          std::to_string(count));
}

void Parser::tooDeep() {
    failAt(tok_, "nesting deeper than " + std::to_string(limits_.maxDepth) + " levels");
}

Value Parser::fail(Span span, std::string message) {
    if (error_) return {};  // the first error is the one reported
    ParseError e;
    e.offset = span.offset;
    e.length = span.length;
    const SourcePosition p = positionOf(src_, span.offset);
    e.line = p.line;
    e.column = p.column;
    e.message = std::move(message);
    error_ = std::move(e);
    return {};
}

// A bad token reaches the parser as an Error token that no rule accepts, so whichever rule
// trips over it first reports the lexer's message rather than its own.
Value Parser::failAt(const Token& t, std::string message) {
    if (t.kind == TokenKind::Error) return fail(spanOf(t), lexErrorMessage(t, src_));
    return fail(spanOf(t), std::move(message));
}

// The results, in statement order: every bare expression (f, or f1, f2, … if several) and
// every binding no later statement reads.
void Parser::addOutputs() {
    const auto bare = std::count_if(statements_.begin(), statements_.end(),
                                    [](const Statement& s) { return s.name.empty(); });
    // Generated names avoid the user's names: an output "f" next to an input "f" would be
    // ambiguous in every table that lists both.
    std::unordered_set<std::string_view> taken;
    for (const auto& entry : bindings_) taken.insert(entry.first);
    for (const auto& entry : inputs_) taken.insert(entry.first);
    int k = 0;
    const bool shapes = !lowering_.empty();
    for (const Statement& s : statements_) {
        if (!s.name.empty()) {
            if (s.used) continue;
            if (shapes) addShapedOutput(s, std::string(s.name));
            else builder_.output(std::string(s.name), s.node);
            continue;
        }
        std::string name = bare == 1 ? "f" : "f" + std::to_string(++k);
        while (taken.count(name) != 0) name += '_';
        if (shapes) addShapedOutput(s, std::move(name));
        else builder_.output(std::move(name), s.node);
    }
}

}  // namespace detail

ParseResult parse(std::string_view source, const ParseLimits& limits) {
    // Offsets are 32-bit, so 4 GiB is a hard ceiling whatever the limits say.
    const std::size_t limit = std::min<std::size_t>(limits.maxBytes, UINT32_MAX);
    if (source.size() > limit) {
        ParseResult result;
        result.error = ParseError{0, 0, 1, 1, "program is larger than " + detail::sizeText(limit)};
        return result;
    }
    return detail::Parser(source, limits).run();
}

}  // namespace adviz
