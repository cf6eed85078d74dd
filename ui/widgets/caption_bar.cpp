#include "ui/widgets/caption_bar.hpp"

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

#include "autodiff/sweeps/dual_text.hpp"
#include "ui/scene/frame.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {

CaptionBar::CaptionBar(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("caption"));
    setAttribute(Qt::WA_StyledBackground);
    // Two one-line labels, not one two-line label: Qt 6.4 misplaces combining marks (the dot of
    // v̇) on the second line of a multi-line label.
    lead_ = new QLabel;
    caption_ = new QLabel;
    for (QLabel* l : {lead_, caption_}) {
        l->setWordWrap(true);  // a long formula wraps rather than widening the window
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setContentsMargins(16, 2, 16, 2);
    }
    warnings_ = new QLabel;
    warnings_->setObjectName(QStringLiteral("warnings"));
    warnings_->setWordWrap(true);
    warnings_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    warnings_->setContentsMargins(16, 2, 16, 2);
    warnings_->setTextFormat(Qt::RichText);
    warnings_->hide();
    connect(warnings_, &QLabel::linkActivated, this, [this](const QString&) {
        expanded_ = !expanded_;
        showWarnings();
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 4);
    layout->setSpacing(0);
    layout->addWidget(warnings_);
    layout->addWidget(lead_);
    layout->addWidget(caption_);
    applyTheme();
}

void CaptionBar::applyTheme() {
    const Theme& t = Theme::current();
    setStyleSheet(QStringLiteral("#caption { background: %1; border-top: 1px solid %2; }")
                      .arg(t.panel.name(), t.panelBorder.name()));
    for (QLabel* l : {lead_, caption_}) {
        l->setFont(t.captionFont());
        l->setMinimumHeight(QFontMetrics(t.captionFont()).lineSpacing() + 4);
    }
    QFont w = t.labelFont();
    w.setBold(true);
    warnings_->setFont(w);
    warnings_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(t.warning.name()));
    if (captionColour_.isValid()) {
        caption_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(captionColour_.name()));
        lead_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(leadColour_.name()));
    }
    showWarnings();
}

void CaptionBar::showFrame(const Frame& f, const Graph& g, const Trace& trace) {
    const Theme& t = Theme::current();
    const bool stepShown = f.shownStep >= 0 && static_cast<std::size_t>(f.shownStep) < trace.size();
    const Phase phase = stepShown ? trace.steps[static_cast<std::size_t>(f.shownStep)].phase : Phase::Primal;
    captionColour_ = !stepShown ? t.text
                     : phase == Phase::Tangent ? t.tangent
                     : (phase == Phase::Adjoint || phase == Phase::Seed) ? t.adjoint : t.text;
    // The value's formula (forward steps) in the text colour; the first half of a compound
    // formula in the step's colour. Always two lines, so the graph does not jump while stepping.
    leadColour_ = phase == Phase::Tangent ? t.text : captionColour_;
    caption_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(captionColour_.name()));
    lead_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(leadColour_.name()));
    lead_->setText(f.captionLead);
    QString caption = f.caption;
    if (dual_ && stepShown && phase == Phase::Tangent) {
        // The same text as `adviz trace --dual`: the step as arithmetic on a + bε.
        lead_->setText(tr("forward mode on dual numbers a + bε, where ε² = 0:"));
        caption = QString::fromStdString(dualFormula(g, trace, static_cast<std::size_t>(f.shownStep)));
    }

    // Warnings appear from the step that computes the bad value on: before that nothing is known.
    known_.clear();
    QString here;
    for (const Warning& w : trace.warnings) {
        const auto node = static_cast<std::size_t>(w.node);
        if (w.node < 0 || node >= f.state.size() || !f.state[node].hasValue) continue;
        known_ << QString::fromStdString(g.wengertName(w.node)) + QStringLiteral(": ") +
                      QString::fromStdString(w.message);
        if (w.node == f.activeNode && here.isEmpty()) here = QString::fromStdString(w.message);
    }
    caption_->setText(here.isEmpty() ? caption : caption + QStringLiteral("   ⚠ ") + here);
    showWarnings();
}

void CaptionBar::showText(const QString& lead, const QString& caption, std::optional<Phase> phase) {
    const Theme& t = Theme::current();
    captionColour_ = !phase ? t.text
                     : *phase == Phase::Tangent ? t.tangent
                     : (*phase == Phase::Adjoint || *phase == Phase::Seed) ? t.adjoint : t.text;
    leadColour_ = phase && *phase == Phase::Tangent ? t.text : captionColour_;
    caption_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(captionColour_.name()));
    lead_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(leadColour_.name()));
    lead_->setText(lead);
    caption_->setText(caption);
    known_.clear();
    showWarnings();
}

void CaptionBar::showWarnings() {
    if (known_.isEmpty()) {
        warnings_->hide();
        return;
    }
    const int n = static_cast<int>(known_.size());
    QStringList lines;
    // Even "all" stops at a dozen lines: the graph keeps its room; the tooltip has every one.
    const int shown = std::min(n, expanded_ ? 12 : warningsShown);
    for (int i = 0; i < shown; ++i) lines << QStringLiteral("⚠ ") + known_[i].toHtmlEscaped();
    if (expanded_ && n > shown) lines << tr("… and %1 more (hover for the whole list)").arg(n - shown);
    QString text = lines.join(QStringLiteral("<br>"));
    if (n > warningsShown) {
        const QString link = expanded_ ? tr("show fewer") : tr("%1 warnings — show all").arg(n);
        text += QStringLiteral("<br><a href='toggle'>%1</a>").arg(link);
    }
    warnings_->setText(text);
    warnings_->setToolTip(known_.join('\n'));
    warnings_->show();
}

QString CaptionBar::captionText() const { return lead_->text() + '\n' + caption_->text(); }
QString CaptionBar::warningsText() const { return warnings_->isVisible() || !known_.isEmpty() ? warnings_->text() : QString(); }

}  // namespace adviz::ui
