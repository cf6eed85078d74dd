// The parser's rules for vectors and matrices: declarations `W: [3, 2]`, literals `[1, 2]`,
// indexing `x[0]`, `@`, the shaped functions, and everything a scalar function does to a
// shaped argument. Each lowers through shaped::Lowering into the one scalar graph; a program
// that uses none of this never reaches this file and parses exactly as before.

#include <cmath>
#include <memory>

#include "autodiff/language/parser_state.hpp"

namespace adviz::detail {
namespace {

// The source of an expression as a message starts with it: "W1 @ x: …".
std::string sourceText(std::string_view src, Span span) {
    constexpr std::size_t maxShown = 40;
    std::string out(src.substr(span.offset, std::min<std::size_t>(span.length, maxShown)));
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (span.length > maxShown) out += "…";
    return out;
}

// The functions that only make sense with shapes, with the argument counts they accept.
struct ShapedFunction {
    std::string_view name;
    int minArgs, maxArgs;
    std::string_view usage;
};
constexpr ShapedFunction shapedFunctions[] = {
    {"sum", 1, 2, "sum(A) or sum(A, axis)"}, {"mean", 1, 1, "mean(A)"},
    {"dot", 2, 2, "dot(a, b)"},             {"softmax", 1, 1, "softmax(v)"},
    {"logsumexp", 1, 1, "logsumexp(v)"},   {"T", 1, 1, "T(A)"},
};

}  // namespace

Value Parser::lowered(const shaped::Lowered& result, Span span) {
    if (result.id < 0) return fail(span, sourceText(src_, span) + ": " + result.error);
    return {lowering_.graph()[result.id].elements.front(), span, result.id};
}

std::optional<long long> Parser::wholeNumber(const Value& v, const char* what) {
    if (v.shaped < 0 && builder_.node(v.id).op == Op::Const) {
        const double x = builder_.node(v.id).constant;
        if (x == std::floor(x) && std::fabs(x) < 1e9) return static_cast<long long>(x);
    }
    fail(v.span, std::string(what) + " is a whole number written out, such as 0 or 2; got " +
                     sourceText(src_, v.span));
    return std::nullopt;
}

bool Parser::declaration() {
    const Token nameTok = tok_;
    const std::string_view name = text(nameTok);
    std::string why;
    if (name == "pi" || name == "e") why = " is a constant";
    else if (functionNamed(name)) why = " is a function";
    else if (auto it = inputs_.find(name); it != inputs_.end())
        why = " is already an input (first used at " + lineColumn(src_, it->second.offset) +
              "); declare a shape once, before the name's first use";
    else if (bindings_.count(name) != 0) why = " is already bound by a statement";
    if (!why.empty()) {
        fail(spanOf(nameTok), quoted(name) + why + "; it cannot be declared");
        return false;
    }
    advance();  // the name
    advance();  // ':'
    if (tok_.kind != TokenKind::LBracket) {
        failAt(tok_, "expected '[' after " + quoted(std::string(name) + ":") +
                         ", as in x: [3] or W: [3, 2]");
        return false;
    }
    const Token open = tok_;
    advance();
    int dims[2] = {0, 0};
    int rank = 0;
    for (;;) {
        if (rank == 2) {
            failAt(tok_, "at most two sizes: a vector [n] or a matrix [m, n]");
            return false;
        }
        if (tok_.kind != TokenKind::Number || tok_.number < 1 ||
            tok_.number != std::floor(tok_.number) || tok_.number > 1e7) {
            failAt(tok_, "a size is a whole number from 1 up, as in [3] or [3, 2]");
            return false;
        }
        dims[rank++] = static_cast<int>(tok_.number);
        advance();
        if (tok_.kind != TokenKind::Comma) break;
        advance();
    }
    if (tok_.kind != TokenKind::RBracket) {
        unclosed(open.offset, "',' or ']'");
        return false;
    }
    const Span span = cover(spanOf(nameTok), spanOf(tok_));
    advance();
    const shaped::Shape shape =
        rank == 1 ? shaped::Shape::vector(dims[0]) : shaped::Shape::matrix(dims[0], dims[1]);
    if (builder_.size() + shape.size() > shaped::maxScalarNodes) {
        fail(span, quoted(name) + " " + shape.text() + " is too large: programs are limited to " +
                       std::to_string(shaped::maxScalarNodes) + " scalar nodes");
        return false;
    }
    const int id = lowering_.input(name, shape, span);
    inputs_.emplace(name, InputUse{lowering_.graph()[id].elements.front(), nameTok.offset, id});
    return true;
}

Value Parser::literal() {
    const Token open = tok_;
    if (!enter()) return {};
    advance();
    if (tok_.kind == TokenKind::RBracket)
        return fail(cover(spanOf(open), spanOf(tok_)), "an empty literal; write its items, as in [1, 2]");
    std::vector<shaped::Operand> items;
    for (;;) {
        const Value item = expression(Additive);
        if (item.id < 0) return {};
        items.push_back(item.operand());
        if (tok_.kind != TokenKind::Comma) break;
        advance();
    }
    leave();
    if (tok_.kind != TokenKind::RBracket) return unclosed(open.offset, "',' or ']'");
    const Span span = cover(spanOf(open), spanOf(tok_));
    advance();
    return lowered(lowering_.literal(items, span), span);
}

Value Parser::index(Value v) {
    const Token open = tok_;
    if (!enter()) return {};
    advance();
    std::vector<long long> at;
    for (;;) {
        const Value i = expression(Additive);
        if (i.id < 0) return {};
        const std::optional<long long> n = wholeNumber(i, "an index");
        if (!n) return {};
        at.push_back(*n);
        if (tok_.kind != TokenKind::Comma) break;
        advance();
    }
    leave();
    if (tok_.kind != TokenKind::RBracket) return unclosed(open.offset, "',' or ']'");
    const Span span = cover(v.span, spanOf(tok_));
    advance();
    if (v.shaped < 0)
        return fail(span, sourceText(src_, span) + ": " + sourceText(src_, v.span) +
                              " is a scalar; only vectors and matrices can be indexed");
    return lowered(lowering_.index(v.operand(), at, span), span);
}

Value Parser::shapedBinary(Op op, bool matmul, const Value& a, const Value& b, Span span) {
    if (matmul) return lowered(lowering_.matmul(a.operand(), b.operand(), span), span);
    return lowered(lowering_.binary(op, a.operand(), b.operand(), span), span);
}

Value Parser::shapedCallOp(Op op, const std::vector<Value>& args, Span span) {
    if (info(op).arity == 1) return lowered(lowering_.unary(op, args[0].operand(), span), span);
    return lowered(lowering_.binary(op, args[0].operand(), args[1].operand(), span), span);
}

Value Parser::shapedCall(std::string_view name, Span nameSpan) {
    const ShapedFunction* fn = nullptr;
    for (const ShapedFunction& f : shapedFunctions)
        if (f.name == name) fn = &f;
    if (!fn) return unknownFunction(nameSpan);
    advance();  // the name; tok_ is now '('
    const std::uint32_t open = tok_.offset;
    if (!enter()) return {};
    advance();
    std::vector<Value> args;
    if (tok_.kind != TokenKind::RParen) {
        for (;;) {
            const Value arg = expression(Additive);
            if (arg.id < 0) return {};
            args.push_back(arg);
            if (tok_.kind != TokenKind::Comma) break;
            advance();
        }
    }
    leave();
    if (tok_.kind != TokenKind::RParen) return unclosed(open, "',' or ')'");
    const Span span = cover(nameSpan, spanOf(tok_));
    advance();
    const int count = static_cast<int>(args.size());
    if (count < fn->minArgs || count > fn->maxArgs)
        return fail(span, std::string(fn->usage) + " takes " +
                              (fn->minArgs == fn->maxArgs ? std::to_string(fn->minArgs)
                                                          : "1 or 2") +
                              (fn->maxArgs == 1 ? " argument" : " arguments") + ", got " +
                              std::to_string(count));
    const shaped::Operand a = args[0].operand();
    if (name == "sum") {
        if (count == 1) return lowered(lowering_.sum(a, span), span);
        const std::optional<long long> axis = wholeNumber(args[1], "an axis");
        if (!axis) return {};
        return lowered(lowering_.sumAxis(a, static_cast<int>(*axis), span), span);
    }
    if (name == "mean") return lowered(lowering_.mean(a, span), span);
    if (name == "dot") return lowered(lowering_.dot(a, args[1].operand(), span), span);
    if (name == "softmax") return lowered(lowering_.softmax(a, span), span);
    if (name == "logsumexp") return lowered(lowering_.logsumexp(a, span), span);
    return lowered(lowering_.transpose(a, span), span);
}

void Parser::nameElements(const Value& v, std::string_view name) {
    shaped::Node& node = lowering_.node(v.shaped);
    if (node.name.empty()) node.name = std::string(name);
    std::string label(name);
    for (std::size_t k = 0; k < node.elements.size(); ++k) {
        label.resize(name.size());
        label += node.shape.indexText(k);
        builder_.name(node.elements[k], label);
    }
}

// A result with a shape is one output per element, named W[1,0], in a row; its port groups them.
void Parser::addShapedOutput(const Statement& s, std::string name) {
    shaped::Port port;
    const std::int32_t first = shapedOutputs_.empty()
                                   ? 0
                                   : shapedOutputs_.back().items.back() + 1;
    if (s.shaped < 0) {
        port.items = {first};
        builder_.output(name, s.node);
    } else {
        const shaped::Node& node = lowering_.graph()[s.shaped];
        port.shape = node.shape;
        port.node = s.shaped;
        for (std::size_t k = 0; k < node.elements.size(); ++k) {
            port.items.push_back(first + static_cast<std::int32_t>(k));
            builder_.output(name + node.shape.indexText(k), node.elements[k]);
        }
    }
    port.name = std::move(name);
    shapedOutputs_.push_back(std::move(port));
}

// GraphBuilder::finish moves the inputs to the front, in creation order, and keeps everything
// else in creation order: the element ids are renumbered the same way here.
void Parser::finishShapes(Graph& g) {
    const auto n = static_cast<std::size_t>(builder_.size());
    std::vector<std::int32_t> newId(n);
    std::int32_t inputs = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (builder_.node(static_cast<int>(i)).op == Op::Input) ++inputs;
    std::int32_t nextInput = 0, nextOther = inputs;
    for (std::size_t i = 0; i < n; ++i)
        newId[i] = builder_.node(static_cast<int>(i)).op == Op::Input ? nextInput++ : nextOther++;
    g = builder_.finish();
    shaped::ShapedGraph sg = lowering_.take();
    sg.renumber(newId);
    // Ports for the inputs: a declared input's elements are consecutive inputs.
    std::vector<std::int32_t> declaredAt(static_cast<std::size_t>(g.inputs), -1);
    for (int id = 0; id < sg.size(); ++id)
        if (sg[id].kind == shaped::Kind::Input)
            declaredAt[static_cast<std::size_t>(sg[id].elements.front())] = id;
    for (int i = 0; i < g.inputs;) {
        shaped::Port port;
        const std::int32_t id = declaredAt[static_cast<std::size_t>(i)];
        if (id >= 0) {
            port.name = sg[id].name;
            port.shape = sg[id].shape;
            port.node = id;
            port.items = sg[id].elements;
        } else {
            port.name = std::string(g.inputName(i));
            port.items = {i};
        }
        i += static_cast<int>(port.items.size());
        sg.inputs.push_back(std::move(port));
    }
    sg.outputs = std::move(shapedOutputs_);
    g.shaped = std::make_shared<const shaped::ShapedGraph>(std::move(sg));
}

}  // namespace adviz::detail
