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
    setToolTip(QObject::tr("%1: double-click to show it as one node again").arg(title_));
}

// The title as a box's: the name in the big type of a box's name, then what it computes.
double OperationFrameItem::headerHeight() { return QFontMetricsF(Theme::current().opFont()).height() + 6; }

QRectF OperationFrameItem::boundingRect() const { return area_.adjusted(-2, -2, 2, 2); }

void OperationFrameItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    const Theme& t = Theme::current();
    p->setRenderHint(QPainter::Antialiasing);
    QColor fill = t.inputFill;
    fill.setAlpha(0x40);
    p->setBrush(fill);
    p->setPen(QPen(t.inputBorder, 1.4 * t.lineScale, Qt::DashLine));
    p->drawRoundedRect(area_, 12, 12);
    // "h = σ(z1)   [3]": "h" large, the rest at the label size on the same baseline, cut with
    // "…" where the frame is narrower than the title (the tooltip has it whole).
    const qsizetype split = title_.indexOf(' ');
    const QString name = split < 0 ? title_ : title_.left(split);
    const QString rest = split < 0 ? QString() : title_.mid(split);
    const QFontMetricsF big(t.opFont()), small(t.labelFont());
    const QRectF header(area_.left() + 10, area_.top() + 3, area_.width() - 20, headerHeight());
    const double baseline = header.top() + (header.height() + big.ascent() - big.descent()) / 2;
    const QString shownName = big.elidedText(name, Qt::ElideRight, header.width());
    p->setPen(t.inputBorder);
    p->setFont(t.opFont());
    p->drawText(QPointF(header.left(), baseline), shownName);
    const double used = big.horizontalAdvance(shownName);
    if (!rest.isEmpty() && used < header.width()) {
        p->setFont(t.labelFont());
        p->drawText(QPointF(header.left() + used, baseline), small.elidedText(rest, Qt::ElideRight, header.width() - used));
    }
}

void OperationFrameItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent*) {
    if (collapse_) collapse_();
}

}  // namespace adviz::ui
