// formatDiagnostic (parser.hpp): how a parse error reads on a terminal. Whatever the input, the
// message is a few lines long: a window of the offending line around the column (as compilers
// do), control characters shown as '?', the message itself capped.
#include <algorithm>
#include <string>

#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"

namespace adviz {

namespace {

bool isLead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// Moves i back to the start of its UTF-8 character.
std::size_t toLead(std::string_view s, std::size_t i) {
    while (i > 0 && i < s.size() && !isLead(s[i])) --i;
    return i;
}

// Advances from i by n characters (at most to end).
std::size_t advanceChars(std::string_view s, std::size_t i, std::size_t n, std::size_t end) {
    while (i < end && n > 0) {
        ++i;
        while (i < end && !isLead(s[i])) ++i;
        --n;
    }
    return i;
}

// One echoed character: a tab stays a tab (so the caret lines up however wide the terminal
// draws it), other control characters (NUL, a lone CR) become '?'.
void echo(std::string& out, char c) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 && c != '\t') || u == 0x7F ? '?' : c;
}

// The message, which may quote the input ("unknown function 'xxxx…'"), at most a line long.
std::string capped(const std::string& message) {
    constexpr std::size_t most = 200;
    std::string out;
    const std::size_t cut = message.size() <= most ? message.size() : toLead(message, most);
    for (std::size_t i = 0; i < cut; ++i) echo(out, message[i]);
    if (cut < message.size()) out += "…";
    return out;
}

}  // namespace

std::string formatDiagnostic(std::string_view source, const ParseError& error,
                             std::string_view file) {
    std::string out = std::string(file) + ":" + std::to_string(error.line) + ":" +
                      std::to_string(error.column) + ": error: " + capped(error.message) + "\n";
    const std::size_t offset = std::min<std::size_t>(error.offset, source.size());
    // A line ends at '\n' or at a CR not followed by '\n' (CR-only files), as the lexer says.
    auto isBreak = [&](std::size_t i) {
        return source[i] == '\n' || (source[i] == '\r' && (i + 1 >= source.size() || source[i + 1] != '\n'));
    };
    std::size_t begin = offset;
    while (begin > 0 && !isBreak(begin - 1)) --begin;
    std::size_t end = offset;
    while (end < source.size() && !isBreak(end)) ++end;
    if (end > begin && source[end - 1] == '\r') --end;
    // The window: at most maxEchoedColumns characters, the column a third of the way in.
    const std::size_t width = limits::maxEchoedColumns;
    std::size_t charsBefore = 0;
    for (std::size_t i = begin; i < offset && i < end; ++i) charsBefore += isLead(source[i]);
    std::size_t from = begin;
    if (charsBefore > width / 3) from = advanceChars(source, begin, charsBefore - width / 3, end);
    const std::size_t to = advanceChars(source, from, width, end);
    std::string prefix = from > begin ? "…" : "";
    out += prefix;
    for (std::size_t i = from; i < to; ++i) echo(out, source[i]);
    if (to < end) out += "…";
    out += '\n';
    if (!prefix.empty()) out += ' ';
    for (std::size_t i = from; i < offset && i < to; ++i)
        if (isLead(source[i])) out += source[i] == '\t' ? '\t' : ' ';
    out += '^';
    const std::size_t spanEnd = std::min<std::size_t>(offset + error.length, to);
    bool first = true;
    for (std::size_t i = offset; i < spanEnd; ++i) {
        if (!isLead(source[i])) continue;
        if (!first) out += '~';
        first = false;
    }
    out += '\n';
    return out;
}

}  // namespace adviz
