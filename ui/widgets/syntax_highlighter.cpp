#include "ui/widgets/syntax_highlighter.hpp"

#include <QTextDocument>

#include "autodiff/op.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// The lexer's classification (autodiff/language/lexer.cpp) is ASCII-only; mirror it exactly so the
// colours never promise a token the parser will not see.
bool isDigit(QChar c) { return c >= u'0' && c <= u'9'; }
bool isNameStart(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}
bool isNameChar(QChar c) { return isNameStart(c) || isDigit(c); }
bool isOperator(QChar c) { return QStringView(u"+-*/^(),=;").contains(c); }

QTextCharFormat coloured(const QColor& colour, bool bold = false, bool italic = false) {
    QTextCharFormat f;
    f.setForeground(colour);
    if (bold) f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

// End of a number starting at i: digits [. digits] [(e|E) [+|-] digits], as the lexer reads it.
qsizetype numberEnd(const QString& text, qsizetype i) {
    const qsizetype n = text.size();
    while (i < n && isDigit(text[i])) ++i;
    if (i < n && text[i] == u'.') {
        ++i;
        while (i < n && isDigit(text[i])) ++i;
    }
    if (i < n && (text[i] == u'e' || text[i] == u'E')) {
        qsizetype j = i + 1;
        if (j < n && (text[j] == u'+' || text[j] == u'-')) ++j;
        if (j < n && isDigit(text[j])) {
            i = j;
            while (i < n && isDigit(text[i])) ++i;
        }
    }
    return i;
}

// Whether the name ending at end is bound by a statement: the next non-blank character is '='.
bool isBinding(const QString& text, qsizetype end) {
    while (end < text.size() && (text[end] == u' ' || text[end] == u'\t')) ++end;
    return end < text.size() && text[end] == u'=';
}

}  // namespace

SyntaxHighlighter::SyntaxHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {
    const Theme& t = Theme::current();
    // Okabe–Ito hues that stay apart from each other and from plain text on a projector.
    number_ = coloured(t.outputBorder);
    constant_ = coloured(t.outputBorder, false, true);
    function_ = coloured(t.inputBorder);
    operator_ = coloured(t.opBorder, true);
    comment_ = coloured(t.mutedText, false, true);
    binding_ = coloured(t.text, true);
}

void SyntaxHighlighter::highlightBlock(const QString& text) {
    // A block is one line and comments end at the line's end, so no state crosses blocks.
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c == u'#') {
            setFormat(static_cast<int>(i), static_cast<int>(n - i), comment_);
            return;
        }
        if (isDigit(c) || (c == u'.' && i + 1 < n && isDigit(text[i + 1]))) {
            const qsizetype end = numberEnd(text, i);
            setFormat(static_cast<int>(i), static_cast<int>(end - i), number_);
            i = end;
        } else if (isNameStart(c)) {
            qsizetype end = i;
            while (end < n && isNameChar(text[end])) ++end;
            const QString name = text.mid(i, end - i);
            const int start = static_cast<int>(i), length = static_cast<int>(end - i);
            if (isBinding(text, end))
                setFormat(start, length, binding_);
            else if (name == u"pi" || name == u"e")
                setFormat(start, length, constant_);
            else if (functionNamed(name.toStdString()))
                setFormat(start, length, function_);
            i = end;
        } else {
            if (isOperator(c)) setFormat(static_cast<int>(i), 1, operator_);
            ++i;
        }
    }
}

}  // namespace adviz::ui
