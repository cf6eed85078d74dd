// formatDiagnostic (parser.hpp): how a parse error reads on a terminal.
#include <algorithm>
#include <string>

#include "autodiff/parser.hpp"



namespace adviz {

std::string formatDiagnostic(std::string_view source, const ParseError& error,
                             std::string_view file) {
    std::string out = std::string(file) + ":" + std::to_string(error.line) + ":" +
                      std::to_string(error.column) + ": error: " + error.message + "\n";
    const std::size_t offset = std::min<std::size_t>(error.offset, source.size());
    const std::size_t nl = offset == 0 ? std::string_view::npos : source.rfind('\n', offset - 1);
    const std::size_t begin = nl == std::string_view::npos ? 0 : nl + 1;
    std::size_t end = source.find('\n', offset);
    if (end == std::string_view::npos) end = source.size();
    if (end > begin && source[end - 1] == '\r') --end;
    out.append(source.substr(begin, end - begin));
    out += '\n';
    // One caret column per code point; tabs are copied so the caret lines up however wide the
    // terminal draws them.
    auto isLead = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
    for (std::size_t i = begin; i < offset && i < end; ++i)
        if (isLead(source[i])) out += source[i] == '\t' ? '\t' : ' ';
    out += '^';
    const std::size_t spanEnd = std::min<std::size_t>(offset + error.length, end);
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
