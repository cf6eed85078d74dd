#pragma once
// The view onto the shaped graph: as GraphView for the scalar one (zoom with the wheel, pan by
// dragging, F fits), fitting never below the zoom at which the matrices' numbers are readable
// from the back row; then it follows the active node as the sweep moves.

#include <QGraphicsView>

namespace adviz::ui {

class ShapedScene;

class ShapedView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ShapedView(ShapedScene* scene, QWidget* parent = nullptr);
    void fitGraph();
    double zoom() const;
    /// Whether the whole graph is on screen.
    bool showsWholeGraph() const;
    /// A line of text over the view (why the scalar graph is not drawn…); empty: none.
    void setNotice(const QString& text);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void follow();

    ShapedScene* scene_;
    bool userZoomed_ = false;
    QString notice_;
};

}  // namespace adviz::ui
