#include "ui/charts/chart_export.hpp"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QGuiApplication>
#include <QGraphicsLayout>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QScreen>
#include <QSvgGenerator>

#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

constexpr double kPngScale = 2.0;

void render(QChartView* view, QPainter& p, const QRectF& target, const QRectF& source) {
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    p.fillRect(target, Theme::current().background);
    view->scene()->render(&p, target, source, Qt::KeepAspectRatio);
}

std::optional<QString> commit(QSaveFile& file) {
    if (!file.commit())
        return QObject::tr("cannot write '%1': %2").arg(file.fileName(), file.errorString());
    return std::nullopt;
}

}  // namespace

std::optional<QString> exportChart(QChartView* view, const QString& path) {
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext != "svg" && ext != "png")
        return QObject::tr("unknown file type '%1': use .svg or .png")
            .arg(ext.isEmpty() ? path : "." + ext);
    if (!view || !view->chart() || view->size().isEmpty())
        return QObject::tr("nothing to export: no chart is shown");

    // A view that has never been shown has not passed its size to the chart yet (QChartView
    // does that on resize events): do it here, and lay the chart out now rather than on the
    // next turn of the event loop, so the file shows what the view will show.
    QChart* chart = view->chart();
    if (chart->size() != QSizeF(view->size())) chart->resize(view->size());
    if (QGraphicsLayout* layout = chart->layout()) layout->activate();
    QApplication::sendPostedEvents(chart, QEvent::LayoutRequest);
    const QRectF source = chart->geometry();

    // QSaveFile writes to a temporary file and renames it at the end: a failure leaves the
    // old file as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("cannot write '%1': %2").arg(path, file.errorString());

    if (ext == "svg") {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(QStringLiteral("adviz chart"));
        svg.setDescription(QStringLiteral("Chart drawn by adviz from the engine's numbers"));
        QPainter p;
        if (!p.begin(&svg)) return QObject::tr("cannot write SVG to '%1'").arg(path);
        render(view, p, QRectF(QPointF(0, 0), source.size()), source);
        p.end();
        return commit(file);
    }
    QImage image((source.size() * kPngScale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) return QObject::tr("the chart is too large for a PNG image");
    // The chart measured its text at the screen's logical DPI; the image must use the same DPI
    // (the 2× is the painter's scale), or the text comes out twice too large for its boxes.
    const QScreen* screen = QGuiApplication::primaryScreen();
    const int dotsPerMetre = qRound((screen ? screen->logicalDotsPerInchY() : 96.0) / 0.0254);
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    QPainter p(&image);
    render(view, p, QRectF(QPointF(0, 0), source.size() * kPngScale), source);
    p.end();
    if (!image.save(&file, "PNG")) return QObject::tr("cannot encode PNG for '%1'").arg(path);
    return commit(file);
}

}  // namespace adviz::ui
