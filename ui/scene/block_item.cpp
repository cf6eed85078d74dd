#include "ui/scene/block_item.hpp"

#include <QFontMetricsF>
#include <QGraphicsSceneContextMenuEvent>
#include <QMenu>
#include <QPainter>
#include <QTimer>

#include <algorithm>

#include "ui/model/overview_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

constexpr double kPad = 12;

QFont titleFont() {
    QFont f = Theme::current().numberFont();
    f.setBold(true);
    return f;
}

// Changing the drawing deletes this item (the scene is rebuilt): never inside its own event
// handler, but once the event is over.
void later(OverviewModel& overview, std::function<void()> change) {
    QTimer::singleShot(0, &overview, std::move(change));
}

}  // namespace

BlockItem::BlockItem(OverviewModel& overview, int block, QString title, QStringList lines, bool openable)
    : overview_(overview), block_(block), title_(std::move(title)), lines_(std::move(lines)), openable_(openable) {
    size_ = preferredSize(title_, lines_);
    setAcceptedMouseButtons(Qt::LeftButton | Qt::RightButton);
    setAcceptHoverEvents(false);
    setZValue(1);  // above the edges
    if (openable_) setCursor(Qt::PointingHandCursor);
}

QSizeF BlockItem::preferredSize(const QString& title, const QStringList& lines) {
    const QFontMetricsF head(titleFont()), body(Theme::current().numberFont());
    double w = head.horizontalAdvance(title);
    for (const QString& l : lines) w = std::max(w, body.horizontalAdvance(l));
    return {std::ceil(w + 2 * kPad), std::ceil(head.height() + lines.size() * body.height() + 2 * kPad)};
}

void BlockItem::setSize(QSizeF size) {
    prepareGeometryChange();
    size_ = size;
}

void BlockItem::setCurrent(bool on) {
    if (on == current_) return;
    current_ = on;
    update();
}

QRectF BlockItem::boundingRect() const {
    const double halo = 6 * Theme::current().lineScale;
    return QRectF(-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height()).adjusted(-halo, -halo, halo, halo);
}

void BlockItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    const Theme& t = Theme::current();
    const QRectF r(-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height());
    p->setRenderHint(QPainter::Antialiasing);
    if (current_) {  // the block the sweep is in: a halo like the active node's
        p->setPen(Qt::NoPen);
        p->setBrush(t.activeGlow);
        p->drawRoundedRect(r.adjusted(-5, -5, 5, 5), 12, 12);
    }
    QPen pen(current_ ? t.active : (openable_ ? t.opBorder : t.inputBorder), (current_ ? 3.0 : 1.6) * t.lineScale);
    p->setPen(pen);
    p->setBrush(openable_ ? t.opFill : t.inputFill);
    p->drawRoundedRect(r, 8, 8);
    const QFontMetricsF head(titleFont()), body(t.numberFont());
    QRectF line(r.left() + kPad, r.top() + kPad, r.width() - 2 * kPad, head.height());
    p->setFont(titleFont());
    p->setPen(t.text);
    p->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, title_);
    p->setFont(t.numberFont());
    line.translate(0, head.height());
    line.setHeight(body.height());
    for (int i = 0; i < lines_.size(); ++i) {
        // The last line says what a double click does: quieter than the facts above it.
        p->setPen(i + 1 == lines_.size() && openable_ ? t.mutedText : t.text);
        p->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, lines_[i]);
        line.translate(0, body.height());
    }
}

void BlockItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
    if (!openable_) return QGraphicsItem::mouseDoubleClickEvent(event);
    OverviewModel& overview = overview_;
    const int b = block_;
    // The header above a block drawn in full (block -1) leads back to the overview.
    later(overview, [&overview, b] { b < 0 ? overview.back() : overview.open(b); });
}

void BlockItem::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
    event->accept();  // the graph's own menu is not wanted on top
    QMenu menu;
    QAction* open = menu.addAction(QObject::tr("Open %1").arg(title_));
    open->setEnabled(openable_ && block_ >= 0);
    QAction* back = menu.addAction(QObject::tr("Back one level"));
    back->setEnabled(overview_.depth() > 0);
    QAction* top = menu.addAction(QObject::tr("Back to the whole program"));
    top->setEnabled(overview_.depth() > 0);
    QAction* chosen = menu.exec(event->screenPos());
    OverviewModel& overview = overview_;
    const int b = block_;
    if (chosen == open) later(overview, [&overview, b] { overview.open(b); });
    else if (chosen == back) later(overview, [&overview] { overview.back(); });
    else if (chosen == top) later(overview, [&overview] { overview.top(); });
}

}  // namespace adviz::ui
