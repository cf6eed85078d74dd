#include "ui/shaped/operation_frame_item.hpp"

#include <QFontMetricsF>
#include <QPainter>

#include "ui/theme.hpp"

namespace adviz::ui {

namespace {
constexpr double margin = 8;
}

OperationFrameItem::OperationFrameItem(int operation, const QString& title, QRectF area, std::function<void()> collapse)
    : operation_(operation), title_(title), collapse_(std::move(collapse)) {
    area_ = area.adjusted(-margin, -margin - headerHeight(), margin, margin);
    setZValue(-1);  // behind the boxes and edges
    setToolTip(QObject::tr("%1: double-click to go back to one node per matrix operation").arg(title_));
}

double OperationFrameItem::headerHeight() { return QFontMetricsF(Theme::current().labelFont()).height() + 6; }

QRectF OperationFrameItem::boundingRect() const { return area_.adjusted(-2, -2, 2, 2); }

void OperationFrameItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    const Theme& t = Theme::current();
    p->setRenderHint(QPainter::Antialiasing);
    QColor fill = t.inputFill;
    fill.setAlpha(0x40);
    p->setBrush(fill);
    p->setPen(QPen(t.inputBorder, 1.4 * t.lineScale, Qt::DashLine));
    p->drawRoundedRect(area_, 12, 12);
    p->setFont(t.labelFont());
    p->setPen(t.inputBorder);
    p->drawText(QRectF(area_.left() + 10, area_.top() + 2, area_.width() - 20, headerHeight()),
                Qt::AlignLeft | Qt::AlignVCenter, title_);
}

void OperationFrameItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent*) {
    if (collapse_) collapse_();
}

}  // namespace adviz::ui
