#include "ui/scene/graph_overview.hpp"

#include <QMouseEvent>
#include <QPainter>

#include "ui/scene/graph_scene.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {
constexpr int kMargin = 6;
}

GraphOverview::GraphOverview(GraphView& view) : QWidget(view.viewport()), view_(view) {
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("The whole graph: click or drag to look elsewhere"));
    hide();
}

void GraphOverview::refresh() {
    GraphScene* scene = view_.graphScene();
    sceneRect_ = scene->sceneRect();
    if (sceneRect_.isEmpty()) {
        miniature_ = QPixmap();
        return;
    }
    // A fixed pixel budget whatever the drawing's shape: about a fifth of the view's width.
    QSizeF box(std::max(140, view_.viewport()->width() / 5), std::max(90, view_.viewport()->height() / 4));
    QSizeF size = sceneRect_.size().scaled(box, Qt::KeepAspectRatio);
    const qreal dpr = devicePixelRatioF();
    miniature_ = QPixmap((size * dpr).toSize().expandedTo(QSize(1, 1)));
    miniature_.setDevicePixelRatio(dpr);
    miniature_.fill(Theme::current().background);
    QPainter p(&miniature_);
    p.setRenderHint(QPainter::Antialiasing);
    scene->render(&p, QRectF(QPointF(0, 0), size), sceneRect_, Qt::KeepAspectRatio);
    p.end();
    resize((size + QSizeF(2 * kMargin, 2 * kMargin)).toSize());
    update();
}

QRectF GraphOverview::imageRect() const {
    if (miniature_.isNull()) return {};
    return QRectF(QPointF(kMargin, kMargin), miniature_.deviceIndependentSize());
}

QPointF GraphOverview::toScene(QPointF w) const {
    QRectF img = imageRect();
    if (img.isEmpty()) return sceneRect_.center();
    return {sceneRect_.left() + (w.x() - img.left()) / img.width() * sceneRect_.width(),
            sceneRect_.top() + (w.y() - img.top()) / img.height() * sceneRect_.height()};
}

void GraphOverview::paintEvent(QPaintEvent*) {
    const Theme& t = Theme::current();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(t.panelBorder, 1.5));
    p.setBrush(t.panel);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    QRectF img = imageRect();
    if (img.isEmpty()) return;
    p.drawPixmap(img.topLeft(), miniature_);
    auto toWidget = [&](QPointF s) {
        return QPointF(img.left() + (s.x() - sceneRect_.left()) / sceneRect_.width() * img.width(),
                       img.top() + (s.y() - sceneRect_.top()) / sceneRect_.height() * img.height());
    };
    // The active node, then the part of the graph on screen.
    GraphScene* scene = view_.graphScene();
    int active = scene->frame().activeNode;
    if (active >= 0 && active < static_cast<int>(scene->nodeItems().size())) {
        p.setPen(Qt::NoPen);
        p.setBrush(t.active);
        p.drawEllipse(toWidget(scene->nodeItems()[static_cast<std::size_t>(active)]->pos()), 4.5, 4.5);
    }
    QRectF visible = view_.mapToScene(view_.viewport()->rect()).boundingRect();
    QRectF frame(toWidget(visible.topLeft()), toWidget(visible.bottomRight()));
    p.setPen(QPen(t.selected, 2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(frame.intersected(img));
}

void GraphOverview::mousePressEvent(QMouseEvent* event) {
    view_.centerOn(toScene(event->position()));
    view_.viewport()->update();
    update();
}

void GraphOverview::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton) mousePressEvent(event);
}

}  // namespace adviz::ui
