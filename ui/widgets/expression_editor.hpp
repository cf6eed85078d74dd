#pragma once
// Where the program is typed: a code editor with syntax colours and a message line under it.
// Edits reach the model debounced, so a re-parse does not run on every keystroke; parse errors
// are shown in place (a wavy underline with the message as its tooltip) and the user's text is
// never replaced.

#include <QString>
#include <QTextCursor>
#include <QTimer>
#include <QWidget>

#include <cstdint>

#include "autodiff/language/parser.hpp"

class QLabel;
class QPlainTextEdit;

namespace adviz::ui {

class SyntaxHighlighter;

/// The UTF-16 index (a QString / QTextDocument position) of a byte offset into text's UTF-8
/// encoding, as ParseError reports them; an offset inside a character maps to that character's
/// start, one at or past the end to text.size().
qsizetype utf16IndexOfUtf8Offset(const QString& text, std::uint64_t byteOffset);

class ExpressionEditor : public QWidget {
    Q_OBJECT
public:
    /// An empty editor; its edits go out through sourceEdited.
    explicit ExpressionEditor(QWidget* parent = nullptr);

    /// Replaces the text (loading an example or a file) without emitting sourceEdited.
    void setText(const QString& text);
    /// The text as typed.
    QString text() const;
    /// The text widget itself, e.g. to give it focus.
    QPlainTextEdit* editor() const { return edit_; }

    /// How long typing must pause before sourceEdited (default 250 ms; 0: on every change).
    void setDebounceMs(int ms);

    /// Underlines the error's span and shows "line L, column C: message" in the error colour.
    void showError(const adviz::ParseError& error);
    /// Removes the underline and the message, showing the status line again.
    void clearError();
    /// The neutral line shown whenever no error is ("✓ 5 nodes, 2 inputs, 1 output").
    void showStatus(const QString& status);
    /// Whether an error is shown.
    bool hasError() const { return !errorMessage_.isEmpty(); }
    /// What the message line reads now.
    QString messageText() const;

public slots:
    /// Emits a pending sourceEdited now (also happens when the editor loses focus).
    void flush();

signals:
    /// The user changed the text; emitted once typing pauses.
    void sourceEdited(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onTextChanged();
    void showMessage(const QString& text, const QColor& colour);
    bool showToolTip(const QPoint& viewportPos, const QPoint& globalPos);

    QPlainTextEdit* edit_;
    SyntaxHighlighter* highlighter_;  // detached from programs too long to colour
    QLabel* message_;
    QTimer debounce_;
    QString lastEmitted_;    // the text the model has seen (emitted or set): nothing to re-send
    QString status_;
    QString errorMessage_;
    QTextCursor errorSpan_;  // a cursor, not offsets, so the span moves with later edits
};

}  // namespace adviz::ui
