#pragma once
// One number the user types: a value, a direction ẋᵢ or a seed ȳⱼ. It reads exactly what the
// command line's --at reads (any constant expression of the language: 1e-3, pi/2, log(-1)),
// writes every double in its shortest round-trip form, and marks an entry it cannot read with the
// reason instead of guessing a number from it.

#include <QLineEdit>
#include <QString>

#include <optional>

namespace adviz::ui {

/// A typed number read as the command line reads `--at x=TEXT`: either the value or why not.
struct NumberEntry {
    std::optional<double> value;
    QString error;  ///< empty when value is set
};

/// Parses and evaluates text as a constant program (no names, one expression): "1e-3" → 0.001,
/// "pi/2", "log(-1)" → nan, "1/0" → inf; "1e400" → "number '1e400' is out of range".
NumberEntry readNumber(const QString& text);

/// The text readNumber reads back to exactly x: shortest round-trip digits ("0.001", "1e+20",
/// "1.5707963267948966"); non-finite values as the constant expressions that give them ("0/0",
/// "1/0", "-1/0"), since the language has no literal for them.
QString writeNumber(double x);

/// A line edit holding one double. Enter or leaving the field commits what was typed: a
/// readable entry emits valueEdited and is rewritten in round-trip form (a NaN or infinite one
/// stays as typed, "log(-1)" saying more than "0/0"); an unreadable one is
/// left as typed, drawn in the error colour with the message as tooltip, and emits
/// entryRejected (the model keeps its number). ↑/↓ step by 0.1.
class NumberField : public QLineEdit {
    Q_OBJECT
public:
    explicit NumberField(QWidget* parent = nullptr);

    /// The last value committed or shown (what the model holds).
    double value() const { return value_; }
    /// Shows a value from the model, unless the user is typing here or the field shows an error
    /// (neither may be overwritten behind the user's back).
    void showValue(double x);
    /// Commits value() + delta (dragging the input's name, the arrow keys); clears an error.
    void nudge(double delta);
    /// The reason the entry is not used, or empty.
    const QString& error() const { return error_; }
    /// Draws the text muted (the column the current mode does not use); it stays editable.
    void setMuted(bool muted);
    /// Re-applies the theme's number font and colours.
    void applyTheme();

signals:
    void valueEdited(double value);
    void entryRejected(const QString& message);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void commit();
    void setError(const QString& message);
    void setShown(double x);

    double value_ = 0;
    QString error_;
    bool muted_ = false;
};

}  // namespace adviz::ui
