#include "ui/teaching/predict_bar.hpp"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "autodiff/number_format.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// H in the field asks for the hint (a number never holds an h); Esc gives the keyboard back.
class HintKeys : public QObject {
public:
    HintKeys(PredictBar& bar) : QObject(&bar), bar_(bar) {}
    bool eventFilter(QObject*, QEvent* e) override {
        if (e->type() != QEvent::KeyPress) return false;
        auto* k = static_cast<QKeyEvent*>(e);
        if (k->key() == Qt::Key_H) { bar_.showHint(); return true; }
        if (k->key() == Qt::Key_Escape && bar_.window()) { bar_.field()->clearFocus(); return true; }
        return false;
    }
    PredictBar& bar_;
};

}  // namespace

PredictBar::PredictBar(SessionModel& model, Player& player, QWidget* parent)
    : QWidget(parent), model_(model), player_(player) {
    setObjectName(QStringLiteral("predict"));
    setAttribute(Qt::WA_StyledBackground);
    prompt_ = new QLabel;
    field_ = new QLineEdit;
    field_->setPlaceholderText(tr("your prediction"));
    field_->setProperty("typedWhilePresenting", true);  // the teacher types while presenting
    field_->installEventFilter(new HintKeys(*this));
    hint_ = new QPushButton(tr("Rule (H)"));
    hint_->setFocusPolicy(Qt::NoFocus);
    verdict_ = new QLabel;
    verdict_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    verdict_->setWordWrap(true);
    score_ = new QLabel;
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(16, 2, 16, 4);
    row->addWidget(prompt_);
    row->addWidget(field_);
    row->addWidget(hint_);
    row->addWidget(verdict_, 1);
    row->addWidget(score_);
    connect(field_, &QLineEdit::returnPressed, this, [this] { submit(field_->text()); });
    connect(hint_, &QPushButton::clicked, this, &PredictBar::showHint);
    connect(&model_, &SessionModel::stepChanged, this, &PredictBar::refresh);
    connect(&model_, &SessionModel::traceChanged, this, &PredictBar::refresh);
    connect(&model_, &SessionModel::graphChanged, this, &PredictBar::refresh);
    player_.setGate([this] { return allowStep(); });
    applyTheme();
    hide();
}

void PredictBar::applyTheme() {
    const Theme& t = Theme::current();
    setStyleSheet(QStringLiteral("#predict { background: %1; }").arg(t.panel.name()));
    for (QWidget* w : std::initializer_list<QWidget*>{prompt_, field_, verdict_, score_, hint_}) w->setFont(t.captionFont());
    QFontMetrics fm(t.captionFont());
    field_->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("−0.00000")) + 16);
    field_->setMaximumWidth(fm.horizontalAdvance(QStringLiteral("−0.000000000")) + 16);
}

void PredictBar::setActive(bool on) {
    active_ = on;
    setVisible(on);
    refresh();
}

int PredictBar::hiddenNode() const {
    return active_ && question_.asks && answeredStep_ != questionStep_ ? model_.trace().steps[static_cast<std::size_t>(questionStep_)].node : -1;
}

void PredictBar::refresh() {
    const int k = model_.step();
    const Trace& t = model_.trace();
    question_ = {};
    questionStep_ = -1;
    if (active_ && k >= 0 && k < static_cast<int>(t.steps.size())) {
        question_ = predictionFor(model_.graph(), t, t.steps[static_cast<std::size_t>(k)]);
        questionStep_ = k;
    }
    if (questionStep_ != answeredStep_) field_->clear();
    const bool open = question_.asks && answeredStep_ != questionStep_;
    prompt_->setText(question_.asks ? q(question_.quantity) + QStringLiteral(" = ") : QString());
    field_->setEnabled(open);
    score_->setText(scoreText());
    emit questionChanged();
}

bool PredictBar::allowStep() {
    if (!active_ || !question_.asks || questionStep_ != model_.step() || answeredStep_ == questionStep_)
        return true;
    // Next with the question open: the answer first, the step on the next press.
    ++asked_;
    reveal(tr("The answer:"));
    return false;
}

void PredictBar::reveal(const QString& lead) {
    answeredStep_ = questionStep_;
    verdict_->setText(lead + QStringLiteral("  ") + q(question_.quantity) + QStringLiteral(" = ") +
                      q(formatShort(question_.expected)) + tr(", by  ") + q(question_.rule));
    verdict_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(Theme::current().warning.name()));
    field_->setEnabled(false);
    score_->setText(scoreText());
    emit questionChanged();
}

bool PredictBar::submit(const QString& typed) {
    if (!active_ || !question_.asks || answeredStep_ == questionStep_) return false;
    double guess = 0;
    if (!readPrediction(typed.toStdString(), guess)) {
        verdict_->setText(tr("“%1” is not a number: type one, like 2.46 or −0.5").arg(typed));
        return false;
    }
    ++asked_;
    const bool ok = predictionMatches(guess, question_.expected);
    if (ok) {
        ++right_;
        answeredStep_ = questionStep_;
        verdict_->setText(QStringLiteral("✓  ") + q(question_.quantity) + QStringLiteral(" = ") +
                          q(formatShort(question_.expected)));
        verdict_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(Theme::current().outputBorder.name()));
        score_->setText(scoreText());
    } else {
        reveal(tr("✗ not %1.").arg(typed));
    }
    player_.stepForward();  // answered: the gate lets it through
    return ok;
}

void PredictBar::showHint() {
    if (!question_.asks) return;
    verdict_->setText(tr("Rule:  %1").arg(q(question_.hint)));
    verdict_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(Theme::current().text.name()));
}

QString PredictBar::verdictText() const { return verdict_->text(); }
QString PredictBar::scoreText() const { return tr("score %1/%2").arg(right_).arg(asked_); }

}  // namespace adviz::ui
