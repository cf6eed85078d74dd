#include "ui/scene/roll_frame_item.hpp"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>

#include "ui/model/roll_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// Changing the drawing deletes this item (the scene is rebuilt): never from inside its own
// event handler, but once the event is over.
void later(RollModel& roll, std::function<void()> change) { QTimer::singleShot(0, &roll, std::move(change)); }

}  // namespace

RollFrameItem::RollFrameItem(RollModel& roll, int segment, QRectF area)
    : roll_(roll), segment_(segment), area_(area) {
    setZValue(segment < 0 ? -3 : -2);  // behind boxes and edges; the block's frame behind all
    setAcceptedMouseButtons(Qt::LeftButton | Qt::RightButton);
}

double RollFrameItem::headerHeight() {
    QFontMetricsF fm(Theme::current().labelFont());
    return 2 * fm.height() + 10;
}

void RollFrameItem::setText(const QString& title, const QString& detail) {
    if (title == title_ && detail == detail_) return;
    title_ = title;
    detail_ = detail;
    update();
}

QRectF RollFrameItem::boundingRect() const {
    return area_.adjusted(-12, -12 - headerHeight(), 12, 12);
}

void RollFrameItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    const Theme& theme = Theme::current();
    const QRectF r = boundingRect().adjusted(1, 1, -1, -1);
    p->setRenderHint(QPainter::Antialiasing);
    QPen pen(segment_ < 0 ? theme.mutedText : theme.selected, segment_ < 0 ? 1.5 : 2.5);
    pen.setStyle(segment_ < 0 ? Qt::SolidLine : Qt::DashLine);
    p->setPen(pen);
    QColor fill = segment_ < 0 ? theme.panel : theme.selected;
    if (segment_ >= 0) fill.setAlpha(22);
    p->setBrush(fill);
    p->drawRoundedRect(r, 10, 10);
    QFont bold = theme.labelFont();
    bold.setBold(true);
    QFontMetricsF fm(bold);
    p->setFont(bold);
    p->setPen(segment_ < 0 ? theme.text : theme.selected.darker(130));
    const QRectF line1(r.left() + 10, r.top() + 4, r.width() - 20, fm.height());
    p->drawText(line1, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(title_, Qt::ElideRight, line1.width()));
    p->setFont(theme.labelFont());
    p->setPen(theme.text);
    const QRectF line2 = line1.translated(0, fm.height() + 2);
    p->drawText(line2, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(theme.labelFont()).elidedText(detail_, Qt::ElideRight, line2.width()));
}

void RollFrameItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
    // Draw out the iterations around the one shown (or the first ones of the segment).
    const RolledView* view = roll_.view();
    if (!view || segment_ < 0) return QGraphicsItem::mouseDoubleClickEvent(event);
    const auto& seg = view->segments()[static_cast<std::size_t>(segment_)];
    const int first = seg.first, last = std::min(seg.last, seg.first + 4);
    RollModel& roll = roll_;
    later(roll, [&roll, first, last] { roll.expand(first, last); });
}

void RollFrameItem::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
    const RolledView* view = roll_.view();
    if (!view) return;
    event->accept();  // the graph's own menu is not wanted on top
    const int n = roll_.repetition().count;
    QMenu menu;
    QAction* range = menu.addAction(QObject::tr("Draw out iterations…"));
    QAction* collapse = menu.addAction(QObject::tr("Roll up again"));
    collapse->setEnabled(view->expanded().has_value());
    QAction* whole = menu.addAction(QObject::tr("Draw the whole program"));
    whole->setEnabled(roll_.canUnroll());
    QAction* chosen = menu.exec(event->screenPos());
    RollModel& roll = roll_;
    if (chosen == collapse) later(roll, [&roll] { roll.collapse(); });
    else if (chosen == whole) later(roll, [&roll] { roll.setRolled(false); });
    else if (chosen == range) {
        QWidget* parent = scene() && !scene()->views().isEmpty() ? scene()->views().first() : nullptr;
        const int most = roll_.maxExpandedIterations();
        bool ok = false;
        const QString text = QInputDialog::getText(
            parent, QObject::tr("Draw out iterations"),
            QObject::tr("Iterations to draw out (1 to %1, at most %2 at once), e.g. 10-14:").arg(n).arg(most),
            QLineEdit::Normal, QStringLiteral("2-6"), &ok);
        if (!ok) return;
        const auto parts = text.split(QRegularExpression(QStringLiteral("[^0-9]+")), Qt::SkipEmptyParts);
        if (parts.isEmpty()) return;
        const int a = parts[0].toInt(), b = parts.size() > 1 ? parts[1].toInt() : a;
        later(roll, [&roll, a, b] { roll.expand(std::min(a, b) - 1, std::max(a, b) - 1); });  // 1-based
    }
}

}  // namespace adviz::ui
