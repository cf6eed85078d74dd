#include "ui/scene/graph_view.hpp"

#include <QKeyEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {

GraphView::GraphView(GraphScene* scene, QWidget* parent) : QGraphicsView(scene, parent), scene_(scene) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    // Scroll bars only when zoomed in past the window; a fitted graph needs none.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    connect(scene_, &GraphScene::layoutStarted, this, [this](int nodes) {
        busy_ = tr("Laying out %1 nodes…").arg(nodes);
        viewport()->update();
    });
    connect(scene_, &GraphScene::frameShown, this, &GraphView::follow);
    connect(scene_, &GraphScene::layoutFinished, this, [this] {
        busy_.clear();
        userZoomed_ = false;
        fitGraph();
        viewport()->update();
    });
}

double GraphView::zoom() const { return transform().m11(); }

void GraphView::fitGraph(bool whole) {
    QRectF r = scene_->sceneRect();
    if (scene_->items().isEmpty() || r.isEmpty()) return;
    fitInView(r, Qt::KeepAspectRatio);
    if (zoom() > 2.0) setTransform(QTransform::fromScale(2.0, 2.0));
    centerOn(r.center());
    constexpr double readable = 0.55;
    if (!whole && zoom() < readable) {
        setTransform(QTransform::fromScale(readable, readable));
        const auto& nodes = scene_->nodeItems();
        int active = scene_->frame().activeNode;
        if (active >= 0 && active < static_cast<int>(nodes.size())) centerOn(nodes[static_cast<std::size_t>(active)]);
        else if (!nodes.empty()) centerOn(nodes.front()->pos() + QPointF(r.width() > r.height() ? 0.4 * width() / readable : 0, 0));
    }
}

void GraphView::follow() {
    const auto& nodes = scene_->nodeItems();
    int active = scene_->frame().activeNode;
    if (active < 0 || active >= static_cast<int>(nodes.size())) return;
    // Scroll only as far as needed, with a margin so the incoming edges show too.
    ensureVisible(nodes[static_cast<std::size_t>(active)], 160, 90);
}

void GraphView::wheelEvent(QWheelEvent* event) {
    double factor = std::pow(1.0015, event->angleDelta().y());
    double z = std::clamp(zoom() * factor, 0.05, 8.0);
    scale(z / zoom(), z / zoom());
    userZoomed_ = true;
    event->accept();
}

void GraphView::showEvent(QShowEvent* event) {
    QGraphicsView::showEvent(event);
    if (!userZoomed_) fitGraph();  // fitting before the first show leaves the graph tiny
}

void GraphView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (!userZoomed_) fitGraph();
}

void GraphView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_F || event->key() == Qt::Key_0) {
        userZoomed_ = false;
        fitGraph(true);
        return;
    }
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) { scale(1.2, 1.2); userZoomed_ = true; return; }
    if (event->key() == Qt::Key_Minus) { scale(1 / 1.2, 1 / 1.2); userZoomed_ = true; return; }
    QGraphicsView::keyPressEvent(event);
}

void GraphView::drawForeground(QPainter* painter, const QRectF& rect) {
    QGraphicsView::drawForeground(painter, rect);
    QString message = busy_.isEmpty() ? scene_->layoutError() : busy_;
    if (message.isEmpty()) return;
    painter->save();
    painter->resetTransform();
    QFont f = Theme::current().captionFont();
    painter->setFont(f);
    QRectF box(viewport()->rect().adjusted(20, 20, -20, -20));
    painter->setPen(busy_.isEmpty() ? Theme::current().error : Theme::current().mutedText);
    painter->drawText(box, Qt::AlignTop | Qt::AlignHCenter | Qt::TextWordWrap, message);
    painter->restore();
}

}  // namespace adviz::ui
