#pragma once
// One edge (operand → consumer) on the canvas: the spline Graphviz laid out, an arrowhead, the
// local partial as a label, and during a step the token carrying a tangent or adjoint along it.

#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

#include "ui/layout/graph_layout.hpp"
#include "ui/scene/frame.hpp"

namespace adviz::ui {

class EdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };
    int type() const override { return Type; }

    /// path: the spline from source to target; tip: where the arrowhead points.
    EdgeItem(int index, QPainterPath path, QPointF tip);
    /// The edge as the layout placed it: its Bézier spline, arrowhead and label slot.
    static EdgeItem* fromLayout(int index, const layout::EdgePath& path);

    int index() const { return index_; }
    /// The partial's text ("∂v₃/∂v₁ = v₂ = 0.8415"); empty hides the label.
    void setPartialLabel(const QString& text);
    const QString& partialLabel() const { return label_; }
    /// The spline as laid out, from the source box to the arrow's base.
    const QPainterPath& path() const { return path_; }
    void setLabelVisible(bool on);
    bool labelVisible() const { return labelVisible_ && !label_.isEmpty(); }
    /// Where the label's centre goes (the slot the layout kept free for it); without one the
    /// label sits at the middle of the path.
    void setLabelAnchor(QPointF centre);
    /// The label's box in scene coordinates (the item sits at the origin); empty when hidden.
    QRectF labelRect() const;
    /// Draws the frame; an edge taking part in the step is raised above the others, so its
    /// label is never hidden under a grey one.
    void setFrame(const EdgeFrame& frame);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    int index_;
    QPainterPath path_;
    QPointF tip_;
    QPolygonF arrow_;
    QString label_;
    bool labelVisible_ = true;
    QPointF labelAnchor_;
    bool hasLabelAnchor_ = false;
    EdgeFrame frame_;
    QRectF bounds_;
};

}  // namespace adviz::ui
