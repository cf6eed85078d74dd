#pragma once
// The view onto the graph: zoom with the wheel (around the cursor), pan by dragging, fit the
// whole graph with F (and on first show, and after every new layout).

#include <QGraphicsView>

namespace adviz::ui {

class GraphScene;

class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);

    /// Scales so the whole graph fits, never above 2× (small graphs stay crisp, not huge) and,
    /// unless `whole`, never below a readable 0.55× (a large graph is then shown around its
    /// active node, and the view follows the animation).
    void fitGraph(bool whole = false);
    /// Fits everything, however small (the F key).
    void fitWhole() { fitGraph(true); }
    double zoom() const;

protected:
    void wheelEvent(QWheelEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void follow();  // keeps the active node in view while stepping

    GraphScene* scene_;
    bool userZoomed_ = false;  // after the user zooms, resizing no longer refits
    QString busy_;             // shown while a large layout runs
};

}  // namespace adviz::ui
