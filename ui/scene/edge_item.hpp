#pragma once
// One edge (operand → consumer) on the canvas: the spline Graphviz laid out, an arrowhead, the
// local partial as a label, and during a step the token carrying a tangent or adjoint along it.

#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

#include "ui/scene/frame.hpp"

namespace adviz::ui {

class EdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };
    int type() const override { return Type; }

    /// path: the spline from source to target; tip: where the arrowhead points.
    EdgeItem(int index, QPainterPath path, QPointF tip);

    int index() const { return index_; }
    /// The partial's text ("∂v₃/∂v₁ = v₂ = 0.8415"); empty hides the label.
    void setPartialLabel(const QString& text);
    void setLabelVisible(bool on);
    void setFrame(const EdgeFrame& frame);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF labelRect() const;

    int index_;
    QPainterPath path_;
    QPointF tip_;
    QPolygonF arrow_;
    QString label_;
    bool labelVisible_ = true;
    EdgeFrame frame_;
    QRectF bounds_;
};

}  // namespace adviz::ui
