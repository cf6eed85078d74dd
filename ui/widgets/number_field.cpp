#include "ui/widgets/number_field.hpp"

#include <QKeyEvent>

#include <algorithm>
#include <cmath>
#include <string>

#include "autodiff/language/parser.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

constexpr double kArrowStep = 0.1;

}  // namespace

NumberEntry readNumber(const QString& text) {
    // The same rule as the command line's --at values (app/cli_options.cpp): the text is parsed
    // as a program that must have no inputs and exactly one expression, which the engine then
    // evaluates. No number is ever guessed from a text this rejects.
    const std::string source = text.trimmed().toStdString();
    if (source.empty()) return {std::nullopt, QObject::tr("a number is missing")};
    ParseResult parsed = parse(source);
    if (!parsed.ok())
        return {std::nullopt, QString::fromStdString(parsed.error->message)};
    const Graph& g = parsed.graph;
    if (g.inputCount() != 0)
        return {std::nullopt, QObject::tr("'%1' is a name, not a number: give a number or a "
                                          "constant expression such as pi/2")
                                  .arg(QString::fromUtf8(g.inputName(0).data(),
                                                         qsizetype(g.inputName(0).size())))};
    if (g.outputCount() != 1 || source.find('=') != std::string::npos ||
        source.find(';') != std::string::npos || source.find('\n') != std::string::npos)
        return {std::nullopt, QObject::tr("one number or constant expression, please")};
    const EvalResult result = evaluateAt(g, {});
    return {result.outputs[0], {}};
}

QString writeNumber(double x) {
    if (std::isnan(x)) return QStringLiteral("0/0");
    if (std::isinf(x)) return x > 0 ? QStringLiteral("1/0") : QStringLiteral("-1/0");
    return QString::fromStdString(formatExact(x));
}

NumberField::NumberField(QWidget* parent) : QLineEdit(parent) {
    applyTheme();
    setShown(0);
    connect(this, &QLineEdit::editingFinished, this, &NumberField::commit);
    // Typing over an error starts afresh: the colour returns when the new text is committed.
}

void NumberField::applyTheme() {
    const Theme& theme = Theme::current();
    setFont(theme.tableFont());
    // Eight characters at a glance ("-0.00012", "1.5e-07"); a full 17-digit double scrolls
    // inside the field. Narrow enough for x, ẋ and eᵢ side by side on a 1024-pixel projector.
    setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("-0.00012")) + 10);
    QPalette p = palette();
    p.setColor(QPalette::Text, !error_.isEmpty() ? theme.error : muted_ ? theme.mutedText : theme.text);
    p.setColor(QPalette::Base, theme.background);
    setPalette(p);
}

void NumberField::setMuted(bool muted) {
    if (muted == muted_) return;
    muted_ = muted;
    applyTheme();
}

void NumberField::setShown(double x) {
    value_ = x;
    setText(writeNumber(x));
    setCursorPosition(0);  // the leading digits matter most when the field is too narrow
    setModified(false);
}

void NumberField::showValue(double x) {
    if (!error_.isEmpty() || (hasFocus() && isModified())) return;
    const bool same = x == value_ || (std::isnan(x) && std::isnan(value_));
    // value_ is what the text reads; a non-finite one may be written as the user typed it.
    if (same && (text() == writeNumber(x) || !std::isfinite(x))) return;
    setShown(x);
}

void NumberField::setError(const QString& message) {
    error_ = message;
    setToolTip(message.isEmpty() ? QString() : tr("Not used: %1").arg(message));
    applyTheme();
}

void NumberField::commit() {
    const NumberEntry entry = readNumber(text());
    if (!entry.value) {
        setError(entry.error);
        emit entryRejected(entry.error);
        return;
    }
    setError({});
    const double x = *entry.value;
    const bool changed = !(x == value_ || (std::isnan(x) && std::isnan(value_))) ||
                         std::signbit(x) != std::signbit(value_);
    if (std::isfinite(x)) {
        setShown(x);
    } else {
        // "log(-1)" says more than "0/0": a non-finite entry stays as typed (it reads back).
        value_ = x;
        setModified(false);
    }
    if (changed) emit valueEdited(x);
}

void NumberField::nudge(double delta) {
    setError({});
    double x = value_ + delta;
    if (delta != 0 && std::isfinite(x)) {
        // To the step's decimal place, so dragging 1 by 0.01s gives 1.07, not 1.0700000000000003
        // (dividing by the integer 10ᵏ rounds once; multiplying by 10⁻ᵏ would not).
        const double places = std::max(0.0, -std::floor(std::log10(std::abs(delta))));
        const double scale = std::pow(10.0, std::min(places, 15.0));
        if (std::abs(x) * scale < 1e15) x = std::round(x * scale) / scale;
    }
    setShown(x);
    emit valueEdited(value_);
}

void NumberField::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down) {
        const double step = kArrowStep * ((event->modifiers() & Qt::ShiftModifier) ? 10.0 : 1.0);
        nudge(event->key() == Qt::Key_Up ? step : -step);
        return;
    }
    QLineEdit::keyPressEvent(event);
}

}  // namespace adviz::ui
