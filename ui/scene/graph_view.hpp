#pragma once
// The view onto the graph: zoom with the wheel (around the cursor), pan by dragging, fit with F
// (and on first show, and after every new layout). Fitting never goes below the zoom at which
// node numbers are readable from the back row: a graph too large for that is shown around its
// active node, the view follows the animation, and an overview in the corner shows the whole.

#include <QGraphicsView>

namespace adviz::ui {

class GraphScene;
class GraphOverview;
class BlockItem;

class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);

    /// The smallest on-screen height of a node's numbers the view allows when it fits, in
    /// pixels: readable from ten metres on a 1280×720 projector.
    static constexpr double readablePixels = 16;
    /// The zoom at which node numbers are readablePixels high, times the text scale.
    static double readableZoom();

    /// Fits the whole graph if it is readable so (never above 2× the readable zoom, so small
    /// graphs stay crisp, not huge); otherwise the readable zoom around the active node.
    void fitGraph();
    /// Same as fitGraph (the F key).
    void fitWhole() { fitGraph(); }
    double zoom() const;
    /// Whether the whole graph is on screen.
    bool showsWholeGraph() const;
    GraphScene* graphScene() const { return scene_; }
    GraphOverview* overview() const { return overview_; }
    /// A message over the drawing while something it waits for runs ("Opening… (N
    /// statements)"); empty clears it. A layout's own message replaces it.
    void setBusy(const QString& message);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void follow();          // keeps the active node in view while stepping
    void placeOverview();   // shows it in the bottom-right corner when the graph does not fit
    const BlockItem* currentBlock() const;  // an overview's block holding the step, or null

    GraphScene* scene_;
    GraphOverview* overview_;
    bool userZoomed_ = false;  // after the user zooms, resizing no longer refits
    QString busy_;             // shown while a large layout runs
};

}  // namespace adviz::ui
