#include "ui/scene/graph_view.hpp"

#include <QGuiApplication>
#include <QScreen>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "ui/scene/block_item.hpp"
#include "ui/scene/graph_overview.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {

GraphView::GraphView(GraphScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), scene_(scene), overview_(new GraphOverview(*this)) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
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
        overview_->refresh();
        placeOverview();
        viewport()->update();
    });
}

double GraphView::readableZoom() {
    // The floor
    // grows with the text scale: Larger text must make the numbers on screen larger, not only
    // the boxes (which fitting would then shrink back).
    // (The exact size from points and DPI: QFontInfo rounds to whole pixels, which would push
    // the floor a few percent up and a graph that just fits off the screen.)
    const Theme& t = Theme::current();
    const QScreen* screen = QGuiApplication::primaryScreen();
    const double dpi = screen ? screen->logicalDotsPerInchY() : 96.0;
    const double px = t.numberFont().pointSizeF() * dpi / 72.0;
    return px > 0 ? readablePixels * t.textScale / px : 1.0;
}

double GraphView::zoom() const { return transform().m11(); }

bool GraphView::showsWholeGraph() const {
    QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    return visible.adjusted(-1, -1, 1, 1).contains(scene_->itemsBoundingRect());
}

void GraphView::fitGraph() {
    if (scene_->items().isEmpty()) return;
    // The drawing itself with a thin margin (the scene rectangle's wider margin is for panning):
    // every pixel counts when a graph only just fits a projector at the readable zoom.
    const QRectF r = scene_->itemsBoundingRect().adjusted(-10, -10, 10, 10);
    if (r.isEmpty()) return;
    const double readable = readableZoom();
    fitInView(r, Qt::KeepAspectRatio);
    if (zoom() > 2.0 * readable) setTransform(QTransform::fromScale(2.0 * readable, 2.0 * readable));
    centerOn(r.center());
    if (zoom() < readable) {
        setTransform(QTransform::fromScale(readable, readable));
        const auto& nodes = scene_->nodeItems();
        int active = scene_->frame().activeNode;
        if (active >= 0 && active < static_cast<int>(nodes.size())) centerOn(nodes[static_cast<std::size_t>(active)]);
        else if (const BlockItem* block = currentBlock()) centerOn(block);
        else if (!scene_->blockItems().empty()) {
            // An overview: its first boxes, from the top; a block drawn in full: the box above
            // it (which block, the way back) in the top left corner.
            const QRectF first = scene_->blockItems().front()->sceneBoundingRect();
            const QRectF view = mapToScene(viewport()->rect()).boundingRect();
            const double x = nodes.empty() ? r.center().x()
                                           : std::max(first.left() - 20 + view.width() / 2, r.left() + view.width() / 2);
            centerOn(x, std::max(first.top() - 20 + view.height() / 2, r.top() + view.height() / 2));
        } else if (!nodes.empty()) {
            // No step yet: start where the sweep starts, the inputs' side of the drawing.
            QRectF first = nodes.front()->sceneBoundingRect();
            QRectF view = mapToScene(viewport()->rect()).boundingRect();
            centerOn(std::max(first.left() - 20 + view.width() / 2, r.left() + view.width() / 2),
                     first.center().y());
        }
    }
    placeOverview();
}

void GraphView::follow() {
    const auto& nodes = scene_->nodeItems();
    int active = scene_->frame().activeNode;
    if (active >= 0 && active < static_cast<int>(nodes.size()))
        ensureVisible(nodes[static_cast<std::size_t>(active)], 160, 90);  // with its incoming edges
    else if (const BlockItem* block = currentBlock())
        ensureVisible(block, 40, 60);  // an overview: the block the sweep is in
    if (overview_->isVisible()) overview_->update();
}

void GraphView::setBusy(const QString& message) {
    busy_ = message;
    viewport()->update();
}

const BlockItem* GraphView::currentBlock() const {
    for (const BlockItem* b : scene_->blockItems())
        if (b->isCurrent()) return b;
    return nullptr;
}

void GraphView::placeOverview() {
    const bool needed = !scene_->items().isEmpty() && !showsWholeGraph();
    if (!needed) {
        overview_->hide();
        return;
    }
    const int margin = 10;
    QRect vp = viewport()->rect();
    overview_->move(vp.right() - overview_->width() - margin, vp.bottom() - overview_->height() - margin);
    overview_->show();
    overview_->raise();
    overview_->update();
}

void GraphView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    placeOverview();
}

void GraphView::wheelEvent(QWheelEvent* event) {
    double factor = std::pow(1.0015, event->angleDelta().y());
    double z = std::clamp(zoom() * factor, 0.05, 8.0);
    scale(z / zoom(), z / zoom());
    userZoomed_ = true;
    placeOverview();
    event->accept();
}

void GraphView::showEvent(QShowEvent* event) {
    QGraphicsView::showEvent(event);
    if (!userZoomed_) fitGraph();  // fitting before the first show leaves the graph tiny
    overview_->refresh();
    placeOverview();
}

void GraphView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (!userZoomed_) fitGraph();
    overview_->refresh();
    placeOverview();
}

void GraphView::keyPressEvent(QKeyEvent* event) {
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) {
        QGraphicsView::keyPressEvent(event);  // Ctrl+= and friends are the window's (text size)
        return;
    }
    if (event->key() == Qt::Key_F) {
        userZoomed_ = false;
        fitGraph();
        return;
    }
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) { scale(1.2, 1.2); userZoomed_ = true; placeOverview(); return; }
    if (event->key() == Qt::Key_Minus) { scale(1 / 1.2, 1 / 1.2); userZoomed_ = true; placeOverview(); return; }
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
