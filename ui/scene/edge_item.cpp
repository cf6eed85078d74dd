#include "ui/scene/edge_item.hpp"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

constexpr double arrowLength = 11;
constexpr double tokenRadius = 9;

QColor flowColor(Flow f) {
    const Theme& t = Theme::current();
    switch (f) {
        case Flow::Tangent: return t.tangent;
        case Flow::Adjoint: return t.adjoint;
        case Flow::Value: return t.text;
        case Flow::Recompute: return t.selected;
        case Flow::None: break;
    }
    return t.edge;
}

}  // namespace

EdgeItem::EdgeItem(int index, QPainterPath path, QPointF tip)
    : index_(index), path_(std::move(path)), tip_(tip) {
    setZValue(0);
    // Arrowhead along the direction from the path's end to the tip.
    QPointF end = path_.currentPosition();
    QPointF d = tip_ - end;
    double len = std::hypot(d.x(), d.y());
    if (len < 1e-6) {  // no separate tip: aim along the path's last tangent
        double angle = path_.angleAtPercent(1.0) * M_PI / 180.0;
        d = QPointF(std::cos(angle), -std::sin(angle));
        tip_ = end + d * arrowLength;
        len = 1;
    }
    d /= len;
    QPointF n(-d.y(), d.x());
    QPointF base = tip_ - d * arrowLength;
    arrow_ << tip_ << base + n * 5.5 << base - n * 5.5;
    bounds_ = path_.boundingRect().united(arrow_.boundingRect()).adjusted(-14, -14, 14, 14);
}

EdgeItem* EdgeItem::fromLayout(int index, const layout::EdgePath& path) {
    QPainterPath qp;
    if (!path.points.empty()) {
        qp.moveTo(path.points[0].x, path.points[0].y);
        for (std::size_t i = 1; i + 2 < path.points.size(); i += 3)
            qp.cubicTo(path.points[i].x, path.points[i].y, path.points[i + 1].x, path.points[i + 1].y,
                       path.points[i + 2].x, path.points[i + 2].y);
    }
    const QPointF tip = path.hasArrow ? QPointF(path.arrowTip.x, path.arrowTip.y) : qp.currentPosition();
    auto* item = new EdgeItem(index, qp, tip);
    if (path.hasLabel) item->setLabelAnchor(QPointF(path.labelCenter.x, path.labelCenter.y));
    return item;
}

void EdgeItem::setPartialLabel(const QString& text) {
    prepareGeometryChange();
    label_ = text;
}

void EdgeItem::setLabelVisible(bool on) {
    if (on == labelVisible_) return;
    prepareGeometryChange();
    labelVisible_ = on;
}

void EdgeItem::setLabelAnchor(QPointF centre) {
    prepareGeometryChange();
    labelAnchor_ = centre;
    hasLabelAnchor_ = true;
}

void EdgeItem::setFrame(const EdgeFrame& frame) {
    // Above idle edges (0), below the boxes (1): labels never overlap boxes, so nothing is hidden.
    setZValue(frame.flow != Flow::None ? 0.5 : 0);
    if (frame.flow == frame_.flow && frame.token == frame_.token && frame.tokenText == frame_.tokenText &&
        frame.backwards == frame_.backwards)
        return;  // unchanged: no repaint
    frame_ = frame;
    update();
}

QRectF EdgeItem::labelRect() const {
    if (label_.isEmpty() || !labelVisible_) return {};
    QFontMetricsF fm(Theme::current().edgeFont());
    QSizeF s(fm.horizontalAdvance(label_) + 8, fm.height() + 2);
    QPointF mid = hasLabelAnchor_ ? labelAnchor_ : path_.pointAtPercent(0.5);
    return {mid - QPointF(s.width() / 2, s.height() / 2), s};
}

QRectF EdgeItem::boundingRect() const {
    // The token's number can stick out; leave room for it.
    return bounds_.united(labelRect()).adjusted(-100, -30, 100, 30);
}

void EdgeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const Theme& t = Theme::current();
    const bool detailed = option->levelOfDetailFromTransform(p->worldTransform()) >= 0.25;
    if (!detailed) p->setRenderHint(QPainter::Antialiasing, false);  // tiny: speed over smoothness
    p->setRenderHint(QPainter::Antialiasing);
    const bool active = frame_.flow != Flow::None;
    QColor c = flowColor(frame_.flow);
    p->setPen(QPen(c, active ? 3.6 : 1.6, Qt::SolidLine, Qt::RoundCap));
    p->setBrush(Qt::NoBrush);
    p->drawPath(path_);
    p->setPen(Qt::NoPen);
    p->setBrush(c);
    p->drawPolygon(arrow_);

    QRectF lr = detailed ? labelRect() : QRectF();
    if (!lr.isNull()) {
        p->setPen(Qt::NoPen);
        QColor plate = t.background;
        plate.setAlpha(225);
        p->setBrush(plate);
        p->drawRoundedRect(lr, 4, 4);
        p->setFont(t.edgeFont());
        p->setPen(active ? c : t.mutedText);
        p->drawText(lr, Qt::AlignCenter, label_);
    }

    if (frame_.token >= 0) {
        double at = frame_.backwards ? 1.0 - frame_.token : frame_.token;
        QPointF pos = path_.pointAtPercent(std::clamp(at, 0.0, 1.0));
        p->setPen(QPen(t.background, 2));
        p->setBrush(c);
        p->drawEllipse(pos, tokenRadius, tokenRadius);
        if (detailed && !frame_.tokenText.isEmpty()) {
            QFont f = t.numberFont();
            f.setBold(true);
            p->setFont(f);
            QFontMetricsF fm(f);
            QRectF box(pos + QPointF(tokenRadius + 2, -fm.height() - 2),
                       QSizeF(fm.horizontalAdvance(frame_.tokenText) + 8, fm.height() + 2));
            p->setPen(Qt::NoPen);
            QColor plate = t.background;
            plate.setAlpha(235);
            p->setBrush(plate);
            p->drawRoundedRect(box, 4, 4);
            p->setPen(c);
            p->drawText(box, Qt::AlignCenter, frame_.tokenText);
        }
    }
}

}  // namespace adviz::ui
