#include "ui/export/step_export.hpp"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QScreen>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>

#include <algorithm>

#include "autodiff/number_format.hpp"
#include "ui/export/diagram_export.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// The pattern's printf number ("%03d", "%d") replaced by k.
std::optional<QString> framePath(const QString& pattern, int k) {
    static const QRegularExpression number(QStringLiteral("%(0?)(\\d*)d"));
    const auto m = number.match(pattern);
    if (!m.hasMatch()) return std::nullopt;
    const int width = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
    QString n = QString::number(k);
    if (width > n.size()) n = QString(width - n.size(), m.captured(1).isEmpty() ? QChar(' ') : QChar('0')) + n;
    QString out = pattern;
    out.replace(m.capturedStart(), m.capturedLength(), n);
    return out;
}

void showStep(GraphScene& scene, SessionModel& model, int k) {
    model.setStep(k);
    scene.showFrame(k, 0);
}

QString text(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

std::optional<QString> parseSteps(const QString& spec, int count, std::vector<int>& steps) {
    steps.clear();
    const QString t = spec.trimmed();
    auto bad = [&] { return QObject::tr("--steps must be all, K-L or K,L,M (steps 0 to %1), not '%2'").arg(count).arg(spec); };
    if (t == QLatin1String("all")) {
        for (int k = 0; k <= count; ++k) steps.push_back(k);
        return std::nullopt;
    }
    for (const QString& part : t.split(',', Qt::SkipEmptyParts)) {
        const QStringList range = part.split('-');
        bool ok1 = false, ok2 = true;
        const int a = range[0].trimmed().toInt(&ok1);
        const int b = range.size() == 2 ? range[1].trimmed().toInt(&ok2) : a;
        if (range.size() > 2 || !ok1 || !ok2 || a > b || a < 0) return bad();
        if (b > count) return QObject::tr("step %1 is past the end: this sweep has %2 steps").arg(b).arg(count);
        for (int k = a; k <= b; ++k) steps.push_back(k);
    }
    if (steps.empty()) return bad();
    return std::nullopt;
}

std::optional<QString> exportFrames(GraphScene& scene, SessionModel& model, const QString& pattern,
                                    const std::vector<int>& steps, const StepExportOptions& options) {
    if (!framePath(pattern, 0)) return QObject::tr("'%1' has no frame number: write it like frame-%03d.svg").arg(pattern);
    const QString ext = QFileInfo(pattern).suffix().toLower();
    if (ext != QLatin1String("svg") && ext != QLatin1String("png"))
        return QObject::tr("frames are .svg or .png, not '%1'").arg(ext);
    // Every frame into a temporary file first; only when all are drawn are they renamed into
    // place, so a failure leaves no half-written series.
    std::vector<std::pair<QString, QString>> done;  // (temporary, final)
    auto cleanup = [&] { for (const auto& [tmp, path] : done) QFile::remove(tmp); };
    for (int k : steps) {
        const QString path = *framePath(pattern, k);
        const QString tmp = path + QStringLiteral(".part.") + ext;
        showStep(scene, model, k);
        const QString caption = options.caption ? scene.frame().captionLead + '\n' + scene.frame().caption : QString();
        if (auto e = exportDiagram(scene, model, tmp, caption.trimmed())) {
            cleanup();
            return e;
        }
        done.emplace_back(tmp, path);
    }
    for (const auto& [tmp, path] : done) {
        QFile::remove(path);
        if (!QFile::rename(tmp, path)) {
            cleanup();
            return QObject::tr("cannot write '%1'").arg(path);
        }
    }
    return std::nullopt;
}

struct Handout::Impl {
    QBuffer buffer;
    QPdfWriter writer{&buffer};
    QPainter painter;
    bool started = false;
};

Handout::Handout(const QString& path) : impl_(new Impl), path_(path) {
    impl_->buffer.open(QIODevice::WriteOnly);
    impl_->writer.setPageSize(QPageSize(QPageSize::A4));
    impl_->writer.setPageOrientation(QPageLayout::Landscape);
    impl_->writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    // The scene was laid out with fonts measured at the screen's logical DPI: the page must use
    // the same, or text comes out larger than the boxes made for it.
    const QScreen* screen = QGuiApplication::primaryScreen();
    impl_->writer.setResolution(screen ? qRound(screen->logicalDotsPerInchY()) : 96);
    impl_->writer.setTitle(QStringLiteral("adviz handout"));
    impl_->writer.setCreator(QStringLiteral("adviz"));
}

Handout::~Handout() {
    if (impl_->painter.isActive()) impl_->painter.end();
    delete impl_;
}

std::optional<QString> Handout::addPages(GraphScene& scene, SessionModel& model, const std::vector<int>& steps,
                                         const QString& title) {
    if (scene.nodeItems().empty()) return QObject::tr("nothing to export: the graph has not been laid out");
    QPainter& p = impl_->painter;
    const Theme& t = Theme::current();
    for (int k : steps) {
        if (!impl_->started) {
            if (!p.begin(&impl_->writer)) return QObject::tr("cannot start the PDF");
            impl_->started = true;
        } else if (!impl_->writer.newPage()) {
            return QObject::tr("cannot add a page to the PDF");
        }
        showStep(scene, model, k);
        const QRectF page(QPointF(0, 0), QSizeF(impl_->writer.width(), impl_->writer.height()));
        // Fonts are in points: the PDF device scales them; sizes below are in device units.
        QFont head = t.labelFont();
        head.setBold(true);
        head.setPointSizeF(13);
        p.setFont(head);
        p.setPen(t.text);
        const QString heading = (title.isEmpty() ? model.goodSource().section('\n', 0, 0).left(80) : title) +
                                QObject::tr("   —   step %1 of %2").arg(k).arg(model.stepCount());
        QFontMetricsF hm(head, &impl_->writer);
        p.drawText(QRectF(page.left(), page.top(), page.width(), hm.height()), Qt::AlignLeft, heading);

        // The diagram: the upper part of the page, left; the Wengert list on the right.
        const double top = hm.height() * 1.6;
        QRectF diagram(page.left(), top, page.width() * 0.64, page.height() * 0.66);
        const QRectF source = exportRegion(scene);
        // As tall as the drawing needs at that width: the formula follows right under it.
        diagram.setHeight(std::min(diagram.height(), diagram.width() * source.height() / source.width()));
        p.save();
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene.render(&p, diagram, source, Qt::KeepAspectRatio);
        p.restore();

        // The caption: the step's formula, the class's reading line.
        QFont cap = t.captionFont();
        cap.setPointSizeF(14);
        p.setFont(cap);
        QRectF capBox(page.left(), diagram.bottom() + hm.height(), diagram.width(), page.bottom() - diagram.bottom() - hm.height());
        const Frame& f = scene.frame();
        p.drawText(capBox, Qt::AlignLeft | Qt::TextWordWrap,
                   (f.captionLead.isEmpty() ? QString() : f.captionLead + '\n') + f.caption);

        // The Wengert list at this step.
        QFont mono = t.tableFont();
        mono.setPointSizeF(10.5);
        p.setFont(mono);
        QFontMetricsF mm(mono, &impl_->writer);
        const Graph& g = model.graph();
        const auto state = model.state();
        const bool forward = model.mode() == Mode::Forward;
        double y = top;
        const double x0 = diagram.right() + page.width() * 0.02;
        p.drawText(QPointF(x0, y + mm.ascent()), forward ? QObject::tr("v   definition   value   v̇") : QObject::tr("v   definition   value   v̄"));
        y += mm.height() * 1.3;
        for (int id = 0; id < g.size() && y < page.bottom() - mm.height(); ++id) {
            const NodeState& s = state[static_cast<std::size_t>(id)];
            const bool known2 = forward ? s.hasTangent : s.hasAdjoint;
            const double second = forward ? s.tangent : s.adjoint;
            const QString line = text(g.wengertName(id)) + QStringLiteral(" = ") + text(g.definition(id)).left(22) +
                                 QStringLiteral("   ") + (s.hasValue ? text(formatShort(s.value)) : QStringLiteral("·")) +
                                 QStringLiteral("   ") + (known2 ? text(formatShort(second)) : QStringLiteral("·"));
            p.setPen(id == f.activeNode ? t.active : t.text);
            p.drawText(QPointF(x0, y + mm.ascent()), line);
            y += mm.height() * 1.15;
        }
        p.setPen(t.text);
        ++pages_;
    }
    return std::nullopt;
}

QPainter* Handout::newPage(QRectF& page) {
    if (!impl_->started) {
        if (!impl_->painter.begin(&impl_->writer)) return nullptr;
        impl_->started = true;
    } else if (!impl_->writer.newPage()) {
        return nullptr;
    }
    page = QRectF(QPointF(0, 0), QSizeF(impl_->writer.width(), impl_->writer.height()));
    ++pages_;
    return &impl_->painter;
}

QPaintDevice* Handout::device() { return &impl_->writer; }

std::optional<QString> Handout::finish() {
    if (!impl_->started) return QObject::tr("no pages to write");
    impl_->painter.end();
    return writeAtomically(path_, impl_->buffer.data());
}

}  // namespace adviz::ui
