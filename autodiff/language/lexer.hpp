#pragma once
// Splits program text into tokens on demand (no token array: a 10 MB program would need
// hundreds of MB of tokens). Tokens are byte spans into the source, which must outlive them.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace adviz {

/// What a token is. Newline only appears outside parentheses, where it ends a statement.
enum class TokenKind : std::uint8_t {
    Number, Name, Plus, Minus, Star, Slash, Caret, LParen, RParen, Comma, Equals, Semicolon,
    Newline, End, Error,
    LBracket, RBracket, Colon, At  // shapes: [1, 2], x: [2], W @ x, x[0]
};

/// Why an Error token is one.
enum class LexProblem : std::uint8_t { None, BadCharacter, MalformedNumber, NumberOutOfRange };

/// One token: its kind and byte span; the value of a Number; the problem of an Error.
struct Token {
    TokenKind kind = TokenKind::End;
    LexProblem problem = LexProblem::None;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    double number = 0;

    std::uint32_t end() const { return offset + length; }
};

/// The tokenizer. Cheap to copy, so a copy can serve as a look-ahead.
class Lexer {
public:
    /// source must be shorter than 4 GiB (offsets are 32-bit); parse() checks this.
    explicit Lexer(std::string_view source) : src_(source) {}

    /// The next token; End forever once the input is exhausted.
    Token next();

    /// The source text of a token.
    std::string_view text(const Token& t) const { return src_.substr(t.offset, t.length); }

private:
    Token number(std::size_t start);
    Token badCharacter(std::size_t start);

    std::string_view src_;
    std::size_t pos_ = 0;
    int parens_ = 0;  // open '(' and '[' so far: inside them a newline is only whitespace
};

/// A place in the source for people: 1-based line, and column in characters (code points).
struct SourcePosition {
    int line = 1;
    int column = 1;
};

/// The position of a byte offset. Linear in offset: meant for reporting, not for every token.
SourcePosition positionOf(std::string_view source, std::size_t offset);

/// text in single quotes for a message, shortened with "…" past 40 bytes.
std::string quoted(std::string_view text);

/// The user-facing text for an Error token: "unexpected character '$'", "malformed number '1e'".
std::string lexErrorMessage(const Token& t, std::string_view source);

/// How a token is quoted in messages: "')'", "'sin'", "end of line", "end of input".
std::string describeToken(const Token& t, std::string_view source);

}  // namespace adviz
