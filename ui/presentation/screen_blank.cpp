#include "ui/presentation/screen_blank.hpp"

#include <QEvent>
#include <QPainter>

namespace adviz::ui {

ScreenBlank::ScreenBlank(QWidget* window) : QWidget(window) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    hide();
    window->installEventFilter(this);  // follows the window's size
}

void ScreenBlank::toggle(const QColor& colour) {
    if (isVisible() && colour == colour_) {
        hide();
        return;
    }
    colour_ = colour;
    setGeometry(parentWidget()->rect());
    show();
    raise();
    update();
}

void ScreenBlank::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), colour_);
}

bool ScreenBlank::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize) setGeometry(parentWidget()->rect());
    return false;
}

}  // namespace adviz::ui
