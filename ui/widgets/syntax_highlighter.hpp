#pragma once
// Colours the expression language as the user types: numbers, function names, the constants
// pi and e, operators, '#' comments, and the names statements bind. Every colour comes from the
// theme so the editor matches the graph on the projector.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QTextDocument;

namespace adviz::ui {

class SyntaxHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    /// Highlights document (which owns the highlighter through the QObject parent).
    explicit SyntaxHighlighter(QTextDocument* document);

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat number_, function_, constant_, operator_, comment_, binding_;
};

}  // namespace adviz::ui
