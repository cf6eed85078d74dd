#include "autodiff/language/lexer.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace adviz {
namespace {

// ASCII-only classification: <cctype> depends on the locale, and the language is ASCII.
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isNameChar(char c) { return isNameStart(c) || isDigit(c); }
bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

Token make(TokenKind kind, std::size_t offset, std::size_t length) {
    Token t;
    t.kind = kind;
    t.offset = static_cast<std::uint32_t>(offset);
    t.length = static_cast<std::uint32_t>(length);
    return t;
}

TokenKind punctuation(char c) {
    switch (c) {
        case '+': return TokenKind::Plus;
        case '-': return TokenKind::Minus;
        case '*': return TokenKind::Star;
        case '/': return TokenKind::Slash;
        case '^': return TokenKind::Caret;
        case '(': return TokenKind::LParen;
        case ')': return TokenKind::RParen;
        case ',': return TokenKind::Comma;
        case '=': return TokenKind::Equals;
        case ';': return TokenKind::Semicolon;
        case '[': return TokenKind::LBracket;
        case ']': return TokenKind::RBracket;
        case ':': return TokenKind::Colon;
        case '@': return TokenKind::At;
        default: return TokenKind::Error;
    }
}

// The operator signs of typeset mathematics, which adviz itself prints (v₁ · v₂, (−8)^v₀,
// a − b): accepted as the ASCII operators, so what adviz shows parses back to the same program.
// Returns the operator and the sign's length in bytes, or Error.
TokenKind mathSign(std::string_view rest, std::size_t& length) {
    struct Sign { std::string_view text; TokenKind kind; };
    static constexpr Sign signs[] = {
        {"−", TokenKind::Minus}, {"×", TokenKind::Star}, {"·", TokenKind::Star},
        {"⋅", TokenKind::Star},  {"÷", TokenKind::Slash}, {"∕", TokenKind::Slash},
    };
    for (const Sign& s : signs)
        if (rest.starts_with(s.text)) {
            length = s.text.size();
            return s.kind;
        }
    return TokenKind::Error;
}

// Look-alikes that are not operators: say what to type.
std::string_view hintFor(std::string_view ch) {
    if (ch == "–" || ch == "—") return " (use '-')";
    if (ch == "∙" || ch == "∗") return " (use '*')";
    return {};
}

}  // namespace

Token Lexer::next() {
    while (pos_ < src_.size()) {
        const std::size_t start = pos_;
        const char c = src_[pos_];
        // Line ends: "\n", "\r\n" (Windows) and a lone "\r" (old Mac files) alike.
        const bool crOnly = c == '\r' && (pos_ + 1 >= src_.size() || src_[pos_ + 1] != '\n');
        if (c == ' ' || c == '\t' || (c == '\r' && !crOnly)) {
            ++pos_;
        } else if (c == '#') {
            // The comment ends before the newline, which still separates statements.
            std::size_t eol = src_.find_first_of("\r\n", pos_);
            pos_ = eol == std::string_view::npos ? src_.size() : eol;
        } else if (c == '\n' || crOnly) {
            ++pos_;
            if (parens_ == 0) return make(TokenKind::Newline, start, 1);
        } else if (isDigit(c) || (c == '.' && pos_ + 1 < src_.size() && isDigit(src_[pos_ + 1]))) {
            return number(start);
        } else if (isNameStart(c)) {
            while (pos_ < src_.size() && isNameChar(src_[pos_])) ++pos_;
            return make(TokenKind::Name, start, pos_ - start);
        } else if (TokenKind kind = punctuation(c); kind != TokenKind::Error) {
            ++pos_;
            // Counting here, not in the parser, lets the lexer alone decide what a newline is.
            if (kind == TokenKind::LParen || kind == TokenKind::LBracket) ++parens_;
            if ((kind == TokenKind::RParen || kind == TokenKind::RBracket) && parens_ > 0) --parens_;
            return make(kind, start, 1);
        } else if (std::size_t length = 0;
                   mathSign(src_.substr(pos_), length) != TokenKind::Error) {
            pos_ += length;
            return make(mathSign(src_.substr(start), length), start, length);
        } else {
            return badCharacter(start);
        }
    }
    return make(TokenKind::End, src_.size(), 0);
}

// digits [. digits] [(e|E) [+|-] digits], or the same starting with '.'; "2." is allowed.
Token Lexer::number(std::size_t start) {
    const std::size_t n = src_.size();
    std::size_t p = start;
    while (p < n && isDigit(src_[p])) ++p;
    if (p < n && src_[p] == '.') {
        ++p;
        while (p < n && isDigit(src_[p])) ++p;
    }
    if (p < n && (src_[p] == 'e' || src_[p] == 'E')) {
        std::size_t q = p + 1;
        if (q < n && (src_[q] == '+' || src_[q] == '-')) ++q;
        if (q < n && isDigit(src_[q])) {
            p = q;
            while (p < n && isDigit(src_[p])) ++p;
        }
    }
    const std::size_t end = p;
    // "1e", "1.2.3", "2x": report the whole run rather than split it into surprising tokens.
    while (p < n && (isNameChar(src_[p]) || src_[p] == '.')) ++p;
    pos_ = p;
    Token t = make(TokenKind::Number, start, p - start);
    if (p != end) {
        t.kind = TokenKind::Error;
        t.problem = LexProblem::MalformedNumber;
        return t;
    }
    // from_chars is locale independent, unlike strtod.
    auto [ptr, ec] = std::from_chars(src_.data() + start, src_.data() + end, t.number);
    if (ec != std::errc{} || ptr != src_.data() + end) {
        t.kind = TokenKind::Error;
        t.problem = ec == std::errc::result_out_of_range ? LexProblem::NumberOutOfRange
                                                         : LexProblem::MalformedNumber;
    }
    return t;
}

// The span covers a whole UTF-8 sequence so the caret marks one character, not one byte.
Token Lexer::badCharacter(std::size_t start) {
    const auto lead = static_cast<unsigned char>(src_[start]);
    std::size_t want = lead >= 0xF0 && lead <= 0xF7 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3
                     : lead >= 0xC0 && lead <= 0xDF ? 2 : 1;
    std::size_t p = start + 1;
    while (p < src_.size() && p - start < want &&
           isContinuation(static_cast<unsigned char>(src_[p])))
        ++p;
    pos_ = p;
    Token t = make(TokenKind::Error, start, p - start);
    t.problem = LexProblem::BadCharacter;
    return t;
}

SourcePosition positionOf(std::string_view source, std::size_t offset) {
    SourcePosition p;
    offset = std::min(offset, source.size());
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(source[i]);
        if (c == '\n' || (c == '\r' && (i + 1 >= source.size() || source[i + 1] != '\n'))) {
            ++p.line;
            p.column = 1;
        } else if (!isContinuation(c)) {  // count code points, not bytes
            ++p.column;
        }
    }
    return p;
}

std::string quoted(std::string_view text) {
    // Tokens that reach messages are ASCII (names, numbers) or one character, so cutting at a
    // byte count cannot split a UTF-8 sequence; a 1 MB name must not make a 1 MB message.
    constexpr std::size_t maxShown = 40;
    if (text.size() <= maxShown) return "'" + std::string(text) + "'";
    return "'" + std::string(text.substr(0, maxShown)) + "…'";
}

std::string lexErrorMessage(const Token& t, std::string_view source) {
    std::string_view text = source.substr(t.offset, t.length);
    switch (t.problem) {
        case LexProblem::MalformedNumber: return "malformed number " + quoted(text);
        case LexProblem::NumberOutOfRange: return "number " + quoted(text) + " is out of range";
        case LexProblem::BadCharacter: break;
        case LexProblem::None: return "unexpected " + describeToken(t, source);
    }
    const auto lead = static_cast<unsigned char>(text[0]);
    char code[32];
    if (lead < 0x20 || lead == 0x7F) {
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(lead));
        return std::string("unexpected character ") + code;
    }
    if (lead >= 0x80 && (text.size() == 1 || isContinuation(lead))) {
        std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned>(lead));
        return std::string("unexpected character (invalid UTF-8 byte ") + code + ")";
    }
    return "unexpected character " + quoted(text) + std::string(hintFor(text));
}

std::string describeToken(const Token& t, std::string_view source) {
    switch (t.kind) {
        case TokenKind::Newline: return "end of line";
        case TokenKind::End: return "end of input";
        default: return quoted(source.substr(t.offset, t.length));
    }
}

}  // namespace adviz
