#include "ui/teaching/side_by_side.hpp"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QBuffer>

#include "autodiff/number_format.hpp"
#include "ui/export/step_export.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

int known(const SessionModel& m, int step, bool second) {
    int n = 0;
    for (const NodeState& s : m.trace().stateAt(static_cast<std::size_t>(step)))
        n += second ? (m.mode() == Mode::Forward ? s.hasTangent : s.hasAdjoint) : s.hasValue;
    return n;
}

}  // namespace

SideBySide::SideBySide(SessionModel& model, Player& player, QWidget* parent)
    : QWidget(parent), model_(model), player_(player) {
    forward_ = new SessionModel(this);
    reverse_ = new SessionModel(this);
    forwardScene_ = new GraphScene(*forward_, this);
    reverseScene_ = new GraphScene(*reverse_, this);
    forwardView_ = new GraphView(forwardScene_);
    reverseView_ = new GraphView(reverseScene_);
    for (GraphView* v : {forwardView_, reverseView_}) v->setFocusPolicy(Qt::NoFocus);
    forwardTitle_ = new QLabel;
    reverseTitle_ = new QLabel;
    line_ = new QLabel;
    line_->setObjectName(QStringLiteral("sideline"));
    line_->setWordWrap(true);
    line_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    line_->setContentsMargins(12, 4, 12, 4);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    grid->addWidget(forwardTitle_, 0, 0);
    grid->addWidget(reverseTitle_, 0, 1);
    grid->addWidget(forwardView_, 1, 0);
    grid->addWidget(reverseView_, 1, 1);
    grid->addWidget(line_, 2, 0, 1, 2);
    grid->setRowStretch(1, 1);
    connect(&model_, &SessionModel::graphChanged, this, [this] { if (active_) sync(); });
    connect(&model_, &SessionModel::pointChanged, this, [this] { if (active_) sync(); });
    connect(&model_, &SessionModel::traceChanged, this, [this] { if (active_) sync(); });
    connect(&player_, &Player::frameChanged, this, &SideBySide::follow);
    connect(forwardScene_, &GraphScene::layoutFinished, this, [this] { follow(model_.step(), 0); forwardView_->fitGraph(); });
    connect(reverseScene_, &GraphScene::layoutFinished, this, [this] { follow(model_.step(), 0); reverseView_->fitGraph(); });
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &SideBySide::applyTheme);
    applyTheme();
}

SideBySide::~SideBySide() = default;

void SideBySide::applyTheme() {
    const Theme& t = Theme::current();
    QFont title = t.labelFont();
    title.setBold(true);
    forwardTitle_->setFont(title);
    reverseTitle_->setFont(title);
    forwardTitle_->setStyleSheet(QStringLiteral("QLabel { color: %1; padding: 2px 8px; }").arg(t.tangent.name()));
    reverseTitle_->setStyleSheet(QStringLiteral("QLabel { color: %1; padding: 2px 8px; }").arg(t.adjoint.name()));
    QFont f = t.captionFont();
    f.setPointSizeF(f.pointSizeF() * 0.8);
    line_->setFont(f);
    line_->setStyleSheet(QStringLiteral("#sideline { background: %1; color: %2; border-top: 1px solid %3; }")
                             .arg(t.panel.name(), t.text.name(), t.panelBorder.name()));
}

void SideBySide::setActive(bool on) {
    active_ = on;
    setVisible(on);
    if (on) sync();
}

void SideBySide::setDualNumbers(bool on) { forwardScene_->setTeaching(on, -1, -1); }

void SideBySide::sync() {
    const Graph& g = model_.program();
    std::vector<std::pair<std::string, double>> values;
    for (int i = 0; i < g.inputCount(); ++i)
        values.emplace_back(std::string(g.inputName(i)), model_.inputs()[static_cast<std::size_t>(i)]);
    for (SessionModel* m : {forward_, reverse_}) {
        if (m->goodSource() != model_.goodSource()) m->setSource(model_.goodSource());
        m->setInputsByName(values);
        m->setDirectionAndSeed(model_.direction(), model_.seed());
    }
    forward_->setMode(Mode::Forward);
    reverse_->setMode(Mode::Reverse);
    follow(model_.step(), player_.progress());
}

void SideBySide::follow(int step, double progress) {
    if (!active_) return;
    step_ = step;
    for (auto [m, s] : {std::pair{forward_, forwardScene_}, std::pair{reverse_, reverseScene_}}) {
        const int n = m->stepCount();
        const int k = pairedStep(step, n);
        m->setStep(k);
        s->showFrame(k, step < n ? progress : 0);
    }
    const Graph& g = model_.program();
    forwardTitle_->setText(tr("Forward mode (v̇), step %1 of %2").arg(pairedStep(step, forward_->stepCount())).arg(forward_->stepCount()));
    reverseTitle_->setText(tr("Reverse mode (v̄), step %1 of %2").arg(pairedStep(step, reverse_->stepCount())).arg(reverse_->stepCount()));
    (void)g;
    line_->setText(summary());
}

QString SideBySide::summary() const {
    const Graph& g = reverse_->graph();
    const int nodes = g.size(), n = g.inputCount(), m = g.outputCount();
    const int kf = pairedStep(step_, forward_->stepCount()), kr = pairedStep(step_, reverse_->stepCount());
    QString fwd = tr("Forward: v and v̇ of %1 of %2 nodes").arg(known(*forward_, kf, true)).arg(nodes);
    if (kf == forward_->stepCount() && forward_->stepCount() > 0 && !forward_->trace().result.empty())
        fwd += tr(" — done: one column, J·ẋ = %1").arg(q(formatShort(forward_->trace().result[0])));
    QString rev = tr("Reverse: v of %1, v̄ of %2 of %3 nodes").arg(known(*reverse_, kr, false))
                      .arg(known(*reverse_, kr, true)).arg(nodes);
    if (kr == reverse_->stepCount() && reverse_->stepCount() > 0 &&
        static_cast<int>(reverse_->trace().result.size()) >= n) {
        QStringList grad;
        for (int i = 0; i < n && i < 4; ++i)
            grad << q(formatShort(reverse_->trace().result[static_cast<std::size_t>(i)]));
        rev += tr(" — done: one row, ȳᵀJ = (%1%2)").arg(grad.join(QStringLiteral(", ")), n > 4 ? QStringLiteral(", …") : QString());
    }
    const QString cost = tr("Whole gradient (n = %1): forward %1 sweep(s), reverse 1.   Jacobian "
                            "column (m = %2): reverse %2 sweep(s), forward 1.").arg(n).arg(m);
    return fwd + QStringLiteral(".   ") + rev + QStringLiteral(".\n") + cost;
}

std::optional<QString> SideBySide::exportPicture(const QString& path) {
    const Theme& t = Theme::current();
    const QRectF a = forwardScene_->itemsBoundingRect().adjusted(-12, -12, 12, 12);
    const QRectF b = reverseScene_->itemsBoundingRect().adjusted(-12, -12, 12, 12);
    const double h = std::max(a.height(), b.height());
    const double wa = a.width() * h / std::max(1.0, a.height()), wb = b.width() * h / std::max(1.0, b.height());
    QFont title = t.labelFont();
    title.setBold(true);
    QFont text = t.labelFont();
    const double head = QFontMetricsF(title).height() * 1.6, foot = QFontMetricsF(text).height() * 3.4;
    const QSizeF size(wa + wb + 24, head + h + foot);
    auto draw = [&](QPainter& p) {
        p.fillRect(QRectF(QPointF(0, 0), size), t.background);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        p.setFont(title);
        p.setPen(t.tangent);
        p.drawText(QRectF(8, 0, wa, head), Qt::AlignLeft | Qt::AlignVCenter, forwardTitle_->text());
        p.setPen(t.adjoint);
        p.drawText(QRectF(wa + 24, 0, wb, head), Qt::AlignLeft | Qt::AlignVCenter, reverseTitle_->text());
        forwardScene_->render(&p, QRectF(0, head, wa, h), a, Qt::KeepAspectRatio);
        reverseScene_->render(&p, QRectF(wa + 24, head, wb, h), b, Qt::KeepAspectRatio);
        p.setPen(t.panelBorder);
        p.drawLine(QPointF(wa + 12, head), QPointF(wa + 12, head + h));
        p.setFont(text);
        p.setPen(t.text);
        p.drawText(QRectF(8, head + h + 4, size.width() - 16, foot - 4), Qt::AlignLeft | Qt::TextWordWrap, summary());
    };
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("pdf")) {
        // The handout: one page per paired step, both panes and the line, through the
        // handout's own PDF writer; back to the step on screen afterwards.
        const int at = model_.step();
        Handout handout(path);
        for (int k = 0; k <= std::max(forward_->stepCount(), reverse_->stepCount()); ++k) {
            follow(k, 0);
            QRectF page;
            QPainter* p = handout.newPage(page);
            if (!p) return tr("cannot add a page to the PDF");
            p->save();
            const double s = std::min(page.width() / size.width(), page.height() / size.height());
            p->scale(s, s);
            draw(*p);
            p->restore();
        }
        follow(at, 0);
        return handout.finish();
    }
    QByteArray bytes;
    if (ext == QLatin1String("svg")) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        svg.setTitle(QStringLiteral("adviz: forward and reverse mode side by side"));
        QPainter p(&svg);
        draw(p);
    } else if (ext == QLatin1String("png")) {
        QImage image((size * 2).toSize(), QImage::Format_ARGB32);
        image.fill(t.background);
        QPainter p(&image);
        p.scale(2, 2);
        draw(p);
        p.end();
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
    } else {
        return tr("side by side exports .svg, .png or .pdf, not '%1'").arg(ext);
    }
    QSaveFile file(path);  // written whole or not at all
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return tr("cannot write '%1'").arg(path);
    return std::nullopt;
}

}  // namespace adviz::ui
