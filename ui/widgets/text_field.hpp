#pragma once
// Whether a widget takes typed keys for itself (arrows, Home, End, Space, PageUp/PageDown): the
// window's teaching keys then leave them alone. Shared by the transport's shortcuts and the
// presenter's clicker keys.

#include <QAbstractSpinBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace adviz::ui {

inline bool isTextField(const QWidget* w) {
    return w && (qobject_cast<const QPlainTextEdit*>(w) || qobject_cast<const QTextEdit*>(w) ||
                 qobject_cast<const QLineEdit*>(w) || qobject_cast<const QAbstractSpinBox*>(w));
}

}  // namespace adviz::ui
