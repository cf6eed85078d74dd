#include "ui/teaching/teaching.hpp"

#include <QSignalBlocker>

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QShortcut>
#include <QVBoxLayout>

#include "ui/main_window.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/presentation/presenter.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/teaching/predict_bar.hpp"
#include "ui/teaching/side_by_side.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/caption_bar.hpp"
#include "ui/widgets/text_field.hpp"

namespace adviz::ui {
namespace {

QMenu* menuNamed(QMenuBar* bar, const QString& title, QAction* before) {
    for (QAction* a : bar->actions())
        if (a->menu() && a->text() == title) return a->menu();
    auto* m = new QMenu(title, bar);
    bar->insertMenu(before, m);
    return m;
}

}  // namespace

Teaching::Teaching(MainWindow& window, QVBoxLayout* centre, QWidget* view, QWidget* caption)
    : QObject(&window), window_(window), view_(view), caption_(caption) {
    predict_ = new PredictBar(window.model(), window.player());
    centre->addWidget(predict_);
    sides_ = new SideBySide(window.model(), window.player());
    centre->insertWidget(0, sides_, 1);
    sides_->hide();

    QMenuBar* bar = window.menuBar();
    QMenu* viewMenu = menuNamed(bar, tr("&View"), nullptr);
    QAction* help = nullptr;
    for (QAction* a : bar->actions())
        if (a->text() == tr("&Help")) help = a;
    QMenu* modeMenu = menuNamed(bar, tr("&Mode"), help);
    viewMenu->addSeparator();
    dual_ = viewMenu->addAction(tr("&Dual numbers (forward mode as a + bε)"));
    dual_->setCheckable(true);
    dual_->setShortcut(QKeySequence(tr("Ctrl+D")));
    window.addAction(dual_);
    connect(dual_, &QAction::toggled, this, &Teaching::setDualNumbers);
    sideAction_ = viewMenu->addAction(tr("Side &by side: forward and reverse"));
    sideAction_->setCheckable(true);
    sideAction_->setShortcut(QKeySequence(tr("Ctrl+2")));
    window.addAction(sideAction_);
    connect(sideAction_, &QAction::toggled, this, &Teaching::setSideBySide);
    viewMenu->addAction(tr("Export side by side (SVG, PNG, or a PDF handout)…"), this, [this] {
        QString path = QFileDialog::getSaveFileName(&window_, tr("Export side by side"),
                                                    QStringLiteral("side-by-side.svg"), tr("SVG (*.svg);;PNG (*.png);;PDF handout (*.pdf)"));
        if (path.isEmpty()) return;
        if (!sideBySide()) setSideBySide(true);
        if (auto e = sides_->exportPicture(path)) QMessageBox::warning(&window_, tr("Export failed"), *e);
    });
    predictAction_ = modeMenu->addAction(tr("&Predict the next value"));
    predictAction_->setCheckable(true);
    predictAction_->setShortcut(QKeySequence(tr("Ctrl+R")));
    window.addAction(predictAction_);
    connect(predictAction_, &QAction::toggled, this, &Teaching::setPredicting);

    connect(predict_, &PredictBar::questionChanged, this, &Teaching::showTeaching);
    connect(&window.scene(), &GraphScene::layoutFinished, this, &Teaching::showTeaching);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, predict_, &PredictBar::applyTheme);
    // H: the rule without numbers, wherever no text field has the keyboard; while presenting
    // the presenter hands H over, and A puts the keyboard in the field for the teacher.
    auto* h = new QShortcut(QKeySequence(Qt::Key_H), &window);
    connect(h, &QShortcut::activated, this, [this] {
        if (predicting() && !isTextField(QApplication::focusWidget())) predict_->showHint();
    });
    window.presenter().setExtraKeys([this](int key, bool act) {
        if (!predicting()) return false;
        if (key == Qt::Key_H) { if (act) predict_->showHint(); return true; }
        if (key == Qt::Key_A) { if (act) predict_->field()->setFocus(Qt::ShortcutFocusReason); return true; }
        return false;
    });
}

void Teaching::setDualNumbers(bool on) {
    if (dual_->isChecked() != on) dual_->setChecked(on);
    window_.caption().setDualNumbers(on);
    sides_->setDualNumbers(on);
    showTeaching();
}

bool Teaching::dualNumbers() const { return dual_->isChecked(); }

// The teaching views work on the scalar graph: a program drawn one node per matrix operation
// is opened into its scalar nodes first (refused, with the reason, when it is too large).
bool Teaching::toScalarLevel(QAction* action) {
    if (window_.model().level() != Level::Shaped) return true;
    if (auto refused = window_.setScalarGraph(true)) {
        const QSignalBlocker quiet(action);
        action->setChecked(false);
        QMessageBox::information(&window_, action->text().remove('&'), *refused);
        return false;
    }
    return true;
}

void Teaching::setPredicting(bool on) {
    if (on && !toScalarLevel(predictAction_)) return;
    if (predictAction_->isChecked() != on) predictAction_->setChecked(on);
    predict_->setActive(on);
    showTeaching();
}

bool Teaching::predicting() const { return predict_->isActive(); }

void Teaching::setSideBySide(bool on) {
    if (on && !toScalarLevel(sideAction_)) return;
    if (sideAction_->isChecked() != on) sideAction_->setChecked(on);
    // The reverse sweep is the longer one: the window's transport runs it, and the forward pane
    // follows step for step until its own sweep ends.
    if (on) window_.model().setMode(Mode::Reverse);
    // Two graphs want the width: the side panel folds away (Ctrl+L brings it back).
    for (QAction* a : window_.actions())
        if (on && a->isCheckable() && a->shortcut() == QKeySequence(tr("Ctrl+L"))) a->setChecked(false);
    sides_->setActive(on);
    view_->setVisible(!on);
    caption_->setVisible(!on);
}

bool Teaching::sideBySide() const { return sides_->isActive(); }

void Teaching::showTeaching() {
    if (window_.model().level() == Level::Shaped) return;  // the shaped view has its own caption
    window_.scene().setTeaching(dualNumbers(), predict_->hiddenNode(), predict_->hiddenRow());
    window_.caption().showFrame(window_.scene().frame(), window_.model().graph(), window_.model().trace());
}

}  // namespace adviz::ui
