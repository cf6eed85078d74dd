#include "ui/export/diagram_export.hpp"

#include <algorithm>

#include <QBuffer>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QScreen>
#include <QSaveFile>
#include <QSvgGenerator>

#include "autodiff/language/graph_dot.hpp"
#include "ui/layout/graph_layout.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

constexpr double pngScale = 2.0;

// Fonts are in points, and a painter turns points into pixels at its device's DPI. The layout
// measured every label at the screen's logical DPI, so each export device must use that DPI:
// QSvgGenerator defaults to 72 (text drawn at 3/4 of the size its box was made for), and the
// PNG's image was given twice 96.
int layoutDpi() {
    const QScreen* screen = QGuiApplication::primaryScreen();
    return screen ? qRound(screen->logicalDotsPerInchY()) : 96;
}

// Room the caption takes under the picture, in scene units.
double captionHeight(const QString& caption) {
    if (caption.isEmpty()) return 0;
    const QFontMetricsF fm(Theme::current().captionFont());
    return (caption.count('\n') + 1) * fm.lineSpacing() + 24;
}

// target covers the picture and, below it, the caption strip.
void render(GraphScene& scene, QPainter& p, const QRectF& target, const QRectF& source, const QString& caption,
            double scale) {
    const Theme& t = Theme::current();
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    p.fillRect(target, t.background);
    const double strip = captionHeight(caption) * scale;
    scene.render(&p, target.adjusted(0, 0, 0, -strip), source, Qt::KeepAspectRatio);
    if (caption.isEmpty()) return;
    p.save();
    p.scale(scale, scale);
    const QRectF box(target.left() / scale + 16, (target.bottom() - strip) / scale + 8,
                     target.width() / scale - 32, strip / scale - 16);
    p.setPen(t.text);
    p.setFont(t.captionFont());
    p.drawText(box, Qt::AlignLeft | Qt::AlignTop, caption);
    p.restore();
}

std::optional<QString> commit(QSaveFile& file) {
    if (!file.commit()) return QObject::tr("cannot write '%1': %2").arg(file.fileName(), file.errorString());
    return std::nullopt;
}

}  // namespace

QByteArray svgOf(GraphScene& scene, const SessionModel& model) {
    const QRectF source = exportRegion(scene);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setResolution(layoutDpi());
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setTitle(QStringLiteral("adviz: ") + model.goodSource().left(200));
    QPainter p;
    if (!p.begin(&svg)) return {};
    render(scene, p, QRectF(QPointF(0, 0), source.size()), source, QString(), 1.0);
    p.end();
    return buffer.data();
}

std::optional<QString> writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QObject::tr("cannot write '%1': %2").arg(path, file.errorString());
    return std::nullopt;
}

QRectF exportRegion(const GraphScene& scene) {
    return scene.itemsBoundingRect().adjusted(-16, -16, 16, 16);
}

std::optional<QString> exportDiagram(GraphScene& scene, const SessionModel& model,
                                     const QString& path, const QString& caption) {
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext != "svg" && ext != "png" && ext != "dot")
        return QObject::tr("unknown file type '%1': use .svg, .png or .dot")
            .arg(ext.isEmpty() ? path : "." + ext);
    if (ext != "dot" && scene.nodeItems().empty())
        return QObject::tr("nothing to export: the graph has not been laid out");

    // QSaveFile writes to a temporary file and renames it at the end: a failure leaves the
    // old file as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("cannot write '%1': %2").arg(path, file.errorString());

    if (ext == "dot") {
        bool tb = scene.direction() == layout::Direction::TopToBottom;
        file.write(QByteArray::fromStdString(toDot(model.graph(), tb)));
        return commit(file);
    }
    const QRectF source = exportRegion(scene);
    // With a caption the picture grows by a strip at the bottom, at least as wide as the text.
    QSizeF size = source.size() + QSizeF(0, captionHeight(caption));
    if (!caption.isEmpty()) {
        const QFontMetricsF fm(Theme::current().captionFont());
        for (const QString& line : caption.split('\n')) size.setWidth(std::max(size.width(), fm.horizontalAdvance(line) + 32));
    }
    if (ext == "svg") {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);  // (svgOf below does the same into memory)
        svg.setResolution(layoutDpi());
        svg.setSize(size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        svg.setTitle(QStringLiteral("adviz: ") + model.goodSource().left(200));
        svg.setDescription(QStringLiteral("Computational graph drawn by adviz"));
        QPainter p;
        if (!p.begin(&svg)) return QObject::tr("cannot write SVG to '%1'").arg(path);
        render(scene, p, QRectF(QPointF(0, 0), size), source, caption, 1.0);
        p.end();
        return commit(file);
    }
    QImage image((size * pngScale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) return QObject::tr("the diagram is too large for a PNG image");
    // The 2× comes from the painter's scale (target twice the source), applied to boxes and
    // text alike; the DPI stays the layout's. (An image claiming 2 × 96 DPI drew the text twice
    // too large on top of the scale.)
    const int dotsPerMetre = qRound(layoutDpi() / 0.0254);
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    QPainter p(&image);
    render(scene, p, QRectF(QPointF(0, 0), size * pngScale), source, caption, pngScale);
    p.end();
    if (!image.save(&file, "PNG")) return QObject::tr("cannot encode PNG for '%1'").arg(path);
    return commit(file);
}

}  // namespace adviz::ui
