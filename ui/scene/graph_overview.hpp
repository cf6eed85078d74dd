#pragma once
// The small map in the corner of the graph view, shown when the graph does not fit at a readable
// size: the whole drawing in miniature, the part on screen framed, the active node marked.
// Clicking or dragging on it moves the view there.

#include <QPixmap>
#include <QWidget>

namespace adviz::ui {

class GraphView;

class GraphOverview : public QWidget {
    Q_OBJECT
public:
    explicit GraphOverview(GraphView& view);

    /// Renders the scene again into the miniature (after a layout or a theme change).
    void refresh();
    /// The scene rectangle under a point of this widget (for tests and clicks).
    QPointF toScene(QPointF widgetPoint) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRectF imageRect() const;  // where the miniature sits inside the widget

    GraphView& view_;
    QPixmap miniature_;
    QRectF sceneRect_;
};

}  // namespace adviz::ui
