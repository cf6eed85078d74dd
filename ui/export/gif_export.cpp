#include "ui/export/gif_export.hpp"

#include <QFontMetricsF>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <memory>

#include <gif_lib.h>

#include "ui/export/diagram_export.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// giflib writes through this callback into memory; the file is written once, whole.
int appendBytes(GifFileType* gif, const GifByteType* data, int length) {
    static_cast<QByteArray*>(gif->UserData)->append(reinterpret_cast<const char*>(data), length);
    return length;
}

struct GifCloser {
    void operator()(GifFileType* g) const {
        int error = 0;
        EGifCloseFile(g, &error);
    }
};

// The picture at (step, progress): the diagram and, below it, the caption, at the GIF's size.
QImage drawFrame(GraphScene& scene, const QRectF& source, QSize size, double scale, bool caption) {
    const Theme& t = Theme::current();
    QImage img(size, QImage::Format_RGB32);
    img.fill(t.background);
    QPainter p(&img);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    const double strip = size.height() - source.height() * scale;
    scene.render(&p, QRectF(0, 0, size.width(), size.height() - strip), source, Qt::KeepAspectRatio);
    if (caption) {
        const Frame& f = scene.frame();
        p.scale(scale, scale);
        p.setPen(t.text);
        p.setFont(t.captionFont());
        QRectF box(12, (size.height() - strip) / scale + 4, size.width() / scale - 24, strip / scale - 8);
        p.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   (f.captionLead.isEmpty() ? QString() : f.captionLead + '\n') + f.caption);
    }
    return img;
}

// The smallest rectangle holding every pixel that differs between a and b (empty if none).
QRect changed(const QImage& a, const QImage& b) {
    int top = a.height(), bottom = -1, left = a.width(), right = -1;
    for (int y = 0; y < a.height(); ++y) {
        const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* pb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x)
            if (pa[x] != pb[x]) {
                top = std::min(top, y);
                bottom = std::max(bottom, y);
                left = std::min(left, x);
                right = std::max(right, x);
            }
    }
    return bottom < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

// One image of the GIF: the region of img, with its own 256-colour map, shown for delay
// hundredths of a second, drawn over the previous frame (disposal 1: leave in place).
bool putImage(GifFileType* gif, const QImage& img, QRect region, int delay) {
    const int w = region.width(), h = region.height(), n = w * h;
    std::vector<GifByteType> r(static_cast<std::size_t>(n)), g(r.size()), b(r.size()), out(r.size());
    for (int y = 0; y < h; ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(region.top() + y)) + region.left();
        for (int x = 0; x < w; ++x) {
            const std::size_t i = static_cast<std::size_t>(y * w + x);
            r[i] = static_cast<GifByteType>(qRed(line[x]));
            g[i] = static_cast<GifByteType>(qGreen(line[x]));
            b[i] = static_cast<GifByteType>(qBlue(line[x]));
        }
    }
    int colours = 256;
    std::unique_ptr<ColorMapObject, void (*)(ColorMapObject*)> map(GifMakeMapObject(256, nullptr), GifFreeMapObject);
    if (!map || GifQuantizeBuffer(static_cast<unsigned>(w), static_cast<unsigned>(h), &colours, r.data(), g.data(),
                                  b.data(), out.data(), map->Colors) == GIF_ERROR)
        return false;
    const unsigned char control[4] = {static_cast<unsigned char>(1 << 2), static_cast<unsigned char>(delay & 0xFF),
                                      static_cast<unsigned char>(delay >> 8), 0};
    if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, control) == GIF_ERROR) return false;
    if (EGifPutImageDesc(gif, region.left(), region.top(), w, h, false, map.get()) == GIF_ERROR) return false;
    for (int y = 0; y < h; ++y)
        if (EGifPutLine(gif, out.data() + static_cast<std::ptrdiff_t>(y) * w, w) == GIF_ERROR) return false;
    return true;
}

}  // namespace

std::optional<QString> exportGif(GraphScene& scene, SessionModel& model, const QString& path,
                                 const std::vector<int>& steps, const GifOptions& options) {
    if (scene.nodeItems().empty()) return QObject::tr("nothing to export: the graph has not been laid out");
    if (steps.empty()) return QObject::tr("no steps to animate");
    if (options.fps < 1 || options.fps > 50) return QObject::tr("--fps must be from 1 to 50");
    if (options.width < 64 || options.width > 4096) return QObject::tr("--width must be from 64 to 4096 pixels");
    const QRectF source = exportRegion(scene);
    const double scale = options.width / source.width();
    const double strip = options.caption ? 2.6 * QFontMetricsF(Theme::current().captionFont()).lineSpacing() * scale : 0;
    const QSize size(options.width, static_cast<int>(std::ceil(source.height() * scale + strip)));

    QByteArray bytes;
    int error = 0;
    std::unique_ptr<GifFileType, GifCloser> gif(EGifOpen(&bytes, appendBytes, &error));
    if (!gif) return QObject::tr("cannot start the GIF (giflib error %1)").arg(error);
    EGifSetGifVersion(gif.get(), true);
    std::unique_ptr<ColorMapObject, void (*)(ColorMapObject*)> screenMap(GifMakeMapObject(2, nullptr), GifFreeMapObject);
    if (EGifPutScreenDesc(gif.get(), size.width(), size.height(), 8, 0, screenMap.get()) == GIF_ERROR)
        return QObject::tr("cannot write the GIF header");
    // Loop for ever (the NETSCAPE2.0 application extension, count 0).
    const unsigned char loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif.get(), APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(gif.get(), 11, "NETSCAPE2.0") == GIF_ERROR ||
        EGifPutExtensionBlock(gif.get(), 3, loop) == GIF_ERROR || EGifPutExtensionTrailer(gif.get()) == GIF_ERROR)
        return QObject::tr("cannot write the GIF's loop");

    // Each step: its motion at fps frames a second over 0.75 s, then the finished step held.
    const int perStep = std::max(2, static_cast<int>(options.fps * 0.75));
    const int delay = std::max(2, 100 / options.fps);
    QImage previous;
    int frames = 0;
    auto put = [&](const QImage& img, int hold) {
        QRect region = previous.isNull() ? img.rect() : changed(previous, img);
        if (region.isEmpty()) region = QRect(0, 0, 1, 1);  // nothing moved: a 1-pixel frame keeps time
        ++frames;
        previous = img;
        return putImage(gif.get(), img, region, hold);
    };
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const int k = steps[i];
        model.setStep(k);
        // The motion of step k+1 (if the next exported step follows directly), else k held.
        const bool moving = i + 1 < steps.size() && steps[i + 1] == k + 1;
        scene.showFrame(k, 0);
        if (!put(drawFrame(scene, source, size, scale, options.caption), moving ? delay * 3 : 120))
            return QObject::tr("cannot encode the GIF");
        if (!moving) continue;
        for (int f = 1; f < perStep; ++f) {
            scene.showFrame(k, static_cast<double>(f) / perStep);
            if (!put(drawFrame(scene, source, size, scale, options.caption), delay)) return QObject::tr("cannot encode the GIF");
        }
    }
    scene.showFrame(model.step(), 0);
    GifFileType* raw = gif.release();
    if (EGifCloseFile(raw, &error) == GIF_ERROR) return QObject::tr("cannot finish the GIF (giflib error %1)").arg(error);
    return writeAtomically(path, bytes);
}

}  // namespace adviz::ui
