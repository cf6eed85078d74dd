// The window on projector-sized screens: at 1024×768 and at 1280×720 with 150% scaling (853×480
// logical pixels) it fits, and every control lies inside it, so a teacher never hunts for a
// button off the edge of the projection.

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QTest>

#include "ui/main_window.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/widgets/caption_bar.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// Every visible, enabled control (buttons, combo boxes, text fields, labels with text) whose
// rectangle sticks out of the window's; empty when all are inside.
QStringList outside(const QWidget& window) {
    QStringList out;
    const QRect inside = window.rect();
    for (const QWidget* w : window.findChildren<QWidget*>()) {
        if (!w->isVisibleTo(&window) || w->width() <= 0) continue;
        const bool control = qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QComboBox*>(w) ||
                             (qobject_cast<const QLabel*>(w) && !static_cast<const QLabel*>(w)->text().isEmpty());
        if (!control) continue;
        // Inside a scrolling area a control may be scrolled away; the area itself is checked.
        bool scrolled = false;
        for (const QWidget* p = w->parentWidget(); p && p != &window; p = p->parentWidget())
            if (p->inherits("QAbstractScrollArea")) scrolled = true;
        if (scrolled) continue;
        QRect r(w->mapTo(&window, QPoint(0, 0)), w->size());
        if (!inside.contains(r))
            out << QStringLiteral("%1 '%2' at %3,%4 %5x%6").arg(QString::fromLatin1(w->metaObject()->className()),
                                                                w->objectName(), QString::number(r.x()),
                                                                QString::number(r.y()), QString::number(r.width()),
                                                                QString::number(r.height()));
    }
    return out;
}

}  // namespace

TEST_CASE("the window fits projector screens with every control inside", "[window][fit]") {
    auto [w, h] = GENERATE(std::pair{1024, 768}, std::pair{853, 480}, std::pair{1366, 768});
    MainWindow window;
    window.loadProgram(QStringLiteral("(x+y)*sin(x)"), {{"x", 1}, {"y", 2}}, Mode::Reverse);
    INFO("screen " << w << "x" << h << ", minimum size " << window.minimumSizeHint().width() << "x"
                   << window.minimumSizeHint().height());
    CHECK(window.minimumSizeHint().width() <= w);
    CHECK(window.minimumSizeHint().height() <= h);
    window.setGeometry(0, 0, w, h);
    window.fitTo(QRect(0, 0, w, h));
    window.show();
    QApplication::processEvents();
    CHECK(window.width() <= w);
    CHECK(window.height() <= h);
    const QStringList off = outside(window);
    INFO(off.join(QStringLiteral("\n")).toStdString());
    CHECK(off.isEmpty());
    // The graph keeps a usable share of the screen.
    CHECK(window.view().viewport()->height() >= h / 4);
    CHECK(window.view().viewport()->width() >= w / 2);
}
