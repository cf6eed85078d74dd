#include "ui/widgets/expression_editor.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <QEvent>
#include <QHelpEvent>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QToolTip>
#include <QVBoxLayout>

#include "ui/theme.hpp"
#include "ui/widgets/syntax_highlighter.hpp"

namespace adviz::ui {
namespace {

constexpr int kDefaultDebounceMs = 250;
// Programs longer than this many lines are shown without colours: colouring a 100,000-line
// program took an eighth of a second of the window's time to open it, for lines nobody reads
// one by one (such programs are generated, and are drawn rolled up).
constexpr qsizetype kMaxColouredLines = 20'000;

// A plain-text editor that asks for about four lines of its font: enough to see a short
// program whole without taking the graph's room.
class CodeEdit final : public QPlainTextEdit {
public:
    using QPlainTextEdit::QPlainTextEdit;

    QSize sizeHint() const override { return {QPlainTextEdit::sizeHint().width(), height(4)}; }
    QSize minimumSizeHint() const override {
        return {QPlainTextEdit::minimumSizeHint().width(), height(3)};
    }

private:
    int height(int lines) const {
        const qreal text = lines * QFontMetricsF(font()).lineSpacing();
        const qreal margins = 2 * document()->documentMargin() + 2 * frameWidth();
        return static_cast<int>(std::ceil(text + margins)) + contentsMargins().top() +
               contentsMargins().bottom();
    }
};

// The UTF-8 length of the character starting at i and how many UTF-16 units it takes.
// A lone surrogate becomes U+FFFD (3 bytes) in QString::toUtf8, which is what the parser saw.
std::pair<int, int> utf8LengthAndUnits(const QString& text, qsizetype i) {
    const QChar c = text[i];
    if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) return {4, 2};
    if (c.unicode() < 0x80) return {1, 1};
    if (c.unicode() < 0x800) return {2, 1};
    return {3, 1};
}

// The start of the character before index i (stepping over a whole surrogate pair).
qsizetype previousCharacter(const QString& text, qsizetype i) {
    --i;
    if (i > 0 && text[i].isLowSurrogate() && text[i - 1].isHighSurrogate()) --i;
    return i;
}

bool allSpace(QStringView text) {
    for (QChar c : text)
        if (!c.isSpace()) return false;
    return true;
}

// The message line: always one line. A long message ("unknown function 'sine'; known: …") is
// cut with "…" and shown whole in the tooltip, so it neither wraps nor pushes the graph down.
class OneLineLabel final : public QLabel {
public:
    explicit OneLineLabel(QWidget* parent) : QLabel(parent) {
        setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    }
    QSize sizeHint() const override { return {0, lineHeight()}; }
    QSize minimumSizeHint() const override { return {0, lineHeight()}; }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter painter(this);
        const QRect area = contentsRect();
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(area, Qt::AlignLeft | Qt::AlignVCenter,
                         fontMetrics().elidedText(text(), Qt::ElideRight, area.width()));
    }

private:
    int lineHeight() const {
        const QMargins m = contentsMargins();
        return fontMetrics().height() + m.top() + m.bottom();
    }
};

}  // namespace

qsizetype utf16IndexOfUtf8Offset(const QString& text, std::uint64_t byteOffset) {
    std::uint64_t bytes = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const auto [length, units] = utf8LengthAndUnits(text, i);
        if (bytes + static_cast<std::uint64_t>(length) > byteOffset) return i;
        bytes += static_cast<std::uint64_t>(length);
        i += units;
    }
    return text.size();
}

ExpressionEditor::ExpressionEditor(QWidget* parent)
    : QWidget(parent), edit_(new CodeEdit(this)), highlighter_(nullptr), message_(new OneLineLabel(this)) {
    const Theme& theme = Theme::current();
    edit_->setFont(theme.editorFont());
    // Indentation means nothing in the language, and keyboard users must be able to leave the
    // editor for the inputs and the transport: Tab moves focus.
    edit_->setTabChangesFocus(true);
    edit_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    edit_->setPlaceholderText(tr("f = (x + y) * sin(x)    # one statement per line"));
    highlighter_ = new SyntaxHighlighter(edit_->document());
    edit_->installEventFilter(this);
    edit_->viewport()->installEventFilter(this);

    message_->setFont(theme.labelFont());
    message_->setTextFormat(Qt::PlainText);
    message_->setObjectName(QStringLiteral("editorMessage"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    // No stretch factors: they would make the whole editor "expanding" and take the graph's
    // room. Space the editor is given goes to the text; the message line keeps its height.
    layout->addWidget(edit_);
    layout->addWidget(message_);

    debounce_.setSingleShot(true);
    debounce_.setInterval(kDefaultDebounceMs);
    connect(&debounce_, &QTimer::timeout, this, &ExpressionEditor::flush);
    connect(edit_, &QPlainTextEdit::textChanged, this, &ExpressionEditor::onTextChanged);
    setFocusProxy(edit_);
    showMessage({}, theme.mutedText);
}

void ExpressionEditor::setText(const QString& text) {
    debounce_.stop();
    lastEmitted_ = text;  // set first: the textChanged below must not count as an edit
    clearError();
    if (text == this->text()) return;
    const bool colour = text.count(u'\n') < kMaxColouredLines;
    if (!colour) highlighter_->setDocument(nullptr);  // before the text goes in, not after
    if (edit_->document()->isEmpty()) {
        edit_->setPlainText(text);
    } else {
        // One undoable edit, so Ctrl+Z brings back what was there before (an example loaded
        // over the user's own program must not destroy it).
        QTextCursor all(edit_->document());
        all.select(QTextCursor::Document);
        all.insertText(text);
    }
    if (colour && highlighter_->document() != edit_->document()) highlighter_->setDocument(edit_->document());
}

QString ExpressionEditor::text() const { return edit_->toPlainText(); }

void ExpressionEditor::setDebounceMs(int ms) { debounce_.setInterval(std::max(0, ms)); }

void ExpressionEditor::onTextChanged() {
    if (text() == lastEmitted_) {  // undone back to what the model has, or formatting only
        debounce_.stop();
        return;
    }
    if (debounce_.interval() == 0) flush();
    else debounce_.start();
}

void ExpressionEditor::flush() {
    debounce_.stop();
    const QString current = text();
    if (current == lastEmitted_) return;
    lastEmitted_ = current;
    emit sourceEdited(current);
}

void ExpressionEditor::showError(const adviz::ParseError& error) {
    const QString source = text();
    qsizetype start = utf16IndexOfUtf8Offset(source, error.offset);
    qsizetype end = utf16IndexOfUtf8Offset(source, std::uint64_t{error.offset} + error.length);
    // An empty span (end of input) or one of blanks (an unexpected newline) would underline
    // nothing visible: mark the last visible character before it instead.
    if (end <= start || allSpace(QStringView(source).sliced(start, end - start))) {
        qsizetype visible = start;
        while (visible > 0 && source[visible - 1].isSpace()) --visible;
        if (visible > 0) {
            end = visible;
            start = previousCharacter(source, visible);
        } else {
            end = std::min(start + 1, source.size());
        }
    }
    QTextCursor span(edit_->document());
    span.setPosition(static_cast<int>(start));
    span.setPosition(static_cast<int>(end), QTextCursor::KeepAnchor);
    errorSpan_ = span;

    const Theme& theme = Theme::current();
    QTextEdit::ExtraSelection underline;
    underline.cursor = span;
    underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    underline.format.setUnderlineColor(theme.error);
    QColor tint = theme.error;
    tint.setAlpha(0x28);  // a faint background too: a wavy line alone is thin on a projector
    underline.format.setBackground(tint);
    edit_->setExtraSelections({underline});

    errorMessage_ = QString::fromStdString(error.message);
    showMessage(tr("line %1, column %2: %3").arg(error.line).arg(error.column).arg(errorMessage_),
                theme.error);
}

void ExpressionEditor::clearError() {
    errorSpan_ = QTextCursor();
    errorMessage_.clear();
    edit_->setExtraSelections({});
    showMessage(status_, Theme::current().mutedText);
}

void ExpressionEditor::showStatus(const QString& status) {
    status_ = status;
    if (!hasError()) showMessage(status_, Theme::current().mutedText);
}

QString ExpressionEditor::messageText() const { return message_->text(); }

void ExpressionEditor::showMessage(const QString& text, const QColor& colour) {
    QPalette palette = message_->palette();
    palette.setColor(QPalette::WindowText, colour);
    palette.setColor(QPalette::Text, colour);
    message_->setPalette(palette);
    // A blank line keeps its height, so the editor does not jump when a message appears.
    message_->setText(text.isEmpty() ? QStringLiteral(" ") : text);
    message_->setToolTip(text);  // the whole message, however the line cuts it
}

bool ExpressionEditor::eventFilter(QObject* watched, QEvent* event) {
    if (watched == edit_ && event->type() == QEvent::FocusOut) {
        flush();  // leaving the editor means "done typing"
    } else if (watched == edit_->viewport() && event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        if (!showToolTip(help->pos(), help->globalPos())) {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool ExpressionEditor::showToolTip(const QPoint& viewportPos, const QPoint& globalPos) {
    if (errorSpan_.isNull() || !errorSpan_.hasSelection()) return false;
    const QTextCursor at = edit_->cursorForPosition(viewportPos);
    const QRect caret = edit_->cursorRect(at);
    // cursorForPosition snaps to the nearest line: ignore points above or below the text.
    if (viewportPos.y() < caret.top() || viewportPos.y() > caret.bottom()) return false;
    // It also snaps to the nearest character boundary: the character under the mouse is the
    // one after the caret if the mouse is right of it, else the one before.
    const int character = viewportPos.x() >= caret.x() ? at.position() : at.position() - 1;
    if (character < errorSpan_.selectionStart() || character >= errorSpan_.selectionEnd())
        return false;
    QTextCursor left(edit_->document()), right(edit_->document());
    left.setPosition(character);
    right.setPosition(std::min(character + 1, edit_->document()->characterCount() - 1));
    const QRect a = edit_->cursorRect(left), b = edit_->cursorRect(right);
    const QRect area = a.top() == b.top() ? QRect(a.topLeft(), b.bottomRight()) : a;
    QToolTip::showText(globalPos, errorMessage_, edit_->viewport(), area);
    return true;
}

}  // namespace adviz::ui
