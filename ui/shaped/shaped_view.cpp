#include "ui/shaped/shaped_view.hpp"

#include <QKeyEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "ui/scene/graph_view.hpp"
#include "ui/shaped/matrix_node_item.hpp"
#include "ui/shaped/shaped_scene.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {

ShapedView::ShapedView(ShapedScene* scene, QWidget* parent) : QGraphicsView(scene, parent), scene_(scene) {
    setObjectName(QStringLiteral("shapedView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    connect(scene_, &ShapedScene::layoutFinished, this, [this] {
        userZoomed_ = false;
        fitGraph();
    });
    connect(scene_, &ShapedScene::frameShown, this, &ShapedView::follow);
}

double ShapedView::zoom() const { return transform().m11(); }

bool ShapedView::showsWholeGraph() const {
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    return visible.adjusted(-1, -1, 1, 1).contains(scene_->itemsBoundingRect());
}

void ShapedView::fitGraph() {
    if (scene_->items().isEmpty()) return;
    const QRectF r = scene_->itemsBoundingRect().adjusted(-10, -10, 10, 10);
    // The same floor as the scalar view where cells hold numbers (the node-number font); a
    // drawing of heatmaps only may be fitted smaller: colours read from afar.
    bool numbers = false;
    for (const MatrixNodeItem* n : scene_->nodeItems()) numbers = numbers || (n && !n->isHeatmap());
    numbers = numbers || !scene_->scalarItems().empty();
    const double readable = GraphView::readableZoom() * (numbers ? 1.0 : 0.5);
    fitInView(r, Qt::KeepAspectRatio);
    if (zoom() > 1.5 * readable) setTransform(QTransform::fromScale(1.5 * readable, 1.5 * readable));
    centerOn(r.center());
    if (zoom() < readable) {
        setTransform(QTransform::fromScale(readable, readable));
        if (const QGraphicsItem* active = scene_->activeItem())
            centerOn(active);
        else {
            const QRectF view = mapToScene(viewport()->rect()).boundingRect();
            centerOn(r.left() + view.width() / 2, r.center().y());
        }
    }
}

void ShapedView::follow() {
    if (const QGraphicsItem* active = scene_->activeItem()) ensureVisible(active, 120, 60);
}

void ShapedView::setNotice(const QString& text) {
    notice_ = text;
    viewport()->update();
}

void ShapedView::wheelEvent(QWheelEvent* event) {
    const double factor = std::pow(1.0015, event->angleDelta().y());
    const double z = std::clamp(zoom() * factor, 0.05, 8.0);
    scale(z / zoom(), z / zoom());
    userZoomed_ = true;
    event->accept();
}

void ShapedView::showEvent(QShowEvent* event) {
    QGraphicsView::showEvent(event);
    if (!userZoomed_) fitGraph();
}

void ShapedView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (!userZoomed_) fitGraph();
}

void ShapedView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_F && event->modifiers() == Qt::NoModifier) {
        userZoomed_ = false;
        fitGraph();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void ShapedView::drawForeground(QPainter* p, const QRectF&) {
    if (notice_.isEmpty()) return;
    p->save();
    p->resetTransform();
    const Theme& t = Theme::current();
    p->setFont(t.labelFont());
    const QRectF area = QRectF(viewport()->rect()).adjusted(12, 8, -12, 0);
    QRectF text = p->boundingRect(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, notice_);
    p->fillRect(text.adjusted(-6, -4, 6, 4), t.labelBackground);
    p->setPen(t.warning);
    p->drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, notice_);
    p->restore();
}

}  // namespace adviz::ui
