#include "ui/presentation/presenter.hpp"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTextEdit>
#include <QToolBar>

#include <algorithm>

#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/presentation/screen_blank.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/text_field.hpp"

namespace adviz::ui {
namespace {

bool plain(Qt::KeyboardModifiers mods) {
    return !(mods & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
}

}  // namespace

Presenter::Presenter(QMainWindow& window, SessionModel& model, Player& player, Parts parts)
    : QObject(&window), window_(window), model_(model), player_(player), parts_(parts),
      blank_(new ScreenBlank(&window)), badge_(new QLabel(parts.view)), note_(new QLabel(parts.view)) {
    badge_->setObjectName(QStringLiteral("presentBadge"));
    badge_->setAttribute(Qt::WA_TransparentForMouseEvents);
    badge_->hide();
    note_->setObjectName(QStringLiteral("teacherNote"));
    note_->setWordWrap(true);
    note_->setAttribute(Qt::WA_TransparentForMouseEvents);
    note_->hide();
    qApp->installEventFilter(this);
    connect(&model_, &SessionModel::stepChanged, this, &Presenter::updateBadge);
    connect(&model_, &SessionModel::traceChanged, this, &Presenter::updateBadge);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &Presenter::updateBadge);
}

Presenter::~Presenter() { qApp->removeEventFilter(this); }

void Presenter::setScenes(std::function<bool(int)> go, std::function<QString()> note) {
    goScene_ = std::move(go);
    sceneNote_ = std::move(note);
}

bool Presenter::showsNote() const { return note_->isVisible(); }

// At the last step of a scene "next" goes on to the next scene's first step; at the first step
// "previous" goes back to the previous scene's last one: a lesson plays as one sequence.
void Presenter::next() {
    if (model_.step() >= model_.stepCount() && goScene_ && goScene_(+1)) {
        note_->hide();
        updateBadge();
        return;
    }
    player_.stepForward();
}

void Presenter::previous() {
    if (model_.step() == 0 && goScene_ && goScene_(-1)) {
        note_->hide();
        updateBadge();
        return;
    }
    player_.stepBack();
}

void Presenter::toggleNote() {
    if (note_->isVisible()) {
        note_->hide();
        return;
    }
    const Theme& t = Theme::current();
    const QString text = sceneNote_ ? sceneNote_() : QString();
    note_->setFont(t.labelFont());
    note_->setStyleSheet(QStringLiteral("QLabel { color: %1; background: %2; border: 2px solid %3; border-radius: 8px; padding: 10px 14px; }")
                             .arg(t.text.name(), t.panel.name(), t.selected.name()));
    note_->setText(text.isEmpty() ? tr("(no note for this scene)") : text);
    const int width = std::max(260, parts_.view->width() * 2 / 5);
    note_->setFixedWidth(width);
    note_->adjustSize();
    note_->move(parts_.view->width() - width - 16, 12);
    note_->show();
    note_->raise();
}

void Presenter::setPresenting(bool on) {
    if (on == presenting_) return;
    presenting_ = on;
    typed_.clear();
    if (on) {
        wasFullScreen_ = window_.isFullScreen();
        wasMaximized_ = window_.isMaximized();
        parts_.editor->hide();
        parts_.sidePanel->hide();
        parts_.centreTabs->setCurrentWidget(parts_.graphTab);
        parts_.centreTabs->tabBar()->hide();
        for (QToolBar* bar : window_.findChildren<QToolBar*>()) bar->hide();
        window_.menuBar()->hide();
        window_.statusBar()->hide();
        window_.showFullScreen();
        parts_.view->setFocus(Qt::OtherFocusReason);
    } else {
        blank_->hide();
        note_->hide();
        parts_.editor->show();
        parts_.inputs->show();
        parts_.sidePanel->show();
        parts_.centreTabs->tabBar()->show();
        for (QToolBar* bar : window_.findChildren<QToolBar*>()) bar->show();
        window_.menuBar()->show();
        window_.statusBar()->show();
        if (!wasFullScreen_) wasMaximized_ ? window_.showMaximized() : window_.showNormal();
        parts_.view->setFocus(Qt::OtherFocusReason);
    }
    updateBadge();
    emit presentingChanged(on);
}

void Presenter::toggleFullScreen() {
    if (window_.isFullScreen()) {
        wasMaximized_ ? window_.showMaximized() : window_.showNormal();
    } else {
        wasMaximized_ = window_.isMaximized();
        window_.showFullScreen();
    }
}

bool Presenter::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride) return false;
    auto* key = static_cast<QKeyEvent*>(event);
    QWidget* focus = QApplication::focusWidget();
    // Only this window's keys, and each key once (it is delivered to the focus widget and
    // then, unaccepted, to its parents: act on the first delivery only).
    if (QApplication::activeModalWidget() || (focus && focus->window() != &window_)) return false;
    if (watched != (focus ? static_cast<QObject*>(focus) : static_cast<QObject*>(&window_))) return false;
    // A ShortcutOverride accepted here stops the window's shortcuts (the transport's Space,
    // arrows) from taking the key; the KeyPress that follows does the work.
    const bool act = event->type() == QEvent::KeyPress;
    // A field that the teacher types into while presenting (predict mode) keeps its keys.
    if (focus && focus->property("typedWhilePresenting").toBool()) return false;
    const bool ours = presenting_ ? presentingKey(key->key(), key->modifiers(), act)
                                  : (!isTextField(focus) && clickerKey(key->key(), key->modifiers(), act));
    if (ours) event->accept();
    return ours;
}

bool Presenter::clickerKey(int key, Qt::KeyboardModifiers mods, bool act) {
    if (!plain(mods)) return false;
    switch (key) {
        case Qt::Key_PageDown: if (act) player_.stepForward(); return true;
        case Qt::Key_PageUp: if (act) player_.stepBack(); return true;
        case Qt::Key_Escape:
            if (!window_.isFullScreen()) return false;
            if (act) toggleFullScreen();
            return true;
        default: return false;
    }
}

bool Presenter::presentingKey(int key, Qt::KeyboardModifiers mods, bool act) {
    if (!plain(mods)) return false;  // Ctrl+= and the other menu shortcuts keep working
    if (blank_->isBlank()) {
        // The sheet is up: B, W (or . ,) switch colour or take it away, any other key only
        // takes it away, so a clicker press never steps on behind a black screen.
        if (!act) return true;
        if (key == Qt::Key_B || key == Qt::Key_Period) blank_->toggle(Qt::black);
        else if (key == Qt::Key_W || key == Qt::Key_Comma) blank_->toggle(Qt::white);
        else blank_->hide();
        return true;
    }
    if (extraKeys_ && extraKeys_(key, act)) return true;
    if (key >= Qt::Key_0 && key <= Qt::Key_9) {
        if (act && typed_.size() < 9) typed_ += QChar('0' + (key - Qt::Key_0));
        if (act) updateBadge();
        return true;
    }
    if (!typed_.isEmpty() && (key == Qt::Key_Backspace || key == Qt::Key_Escape)) {
        if (act) {
            key == Qt::Key_Escape ? typed_.clear() : typed_.chop(1);
            updateBadge();
        }
        return true;
    }
    if (!act) {
        // Claim every key we act on, and swallow the rest: nothing typed while presenting
        // edits anything. F, +, − go on to the graph view (fit and zoom).
        return key != Qt::Key_F && key != Qt::Key_Plus && key != Qt::Key_Minus && key != Qt::Key_Equal;
    }
    switch (key) {
        case Qt::Key_Right: case Qt::Key_PageDown: case Qt::Key_Space: case Qt::Key_Down:
            next(); return true;
        case Qt::Key_Left: case Qt::Key_PageUp: case Qt::Key_Up: case Qt::Key_Backspace:
            previous(); return true;
        case Qt::Key_N: toggleNote(); return true;
        case Qt::Key_Home: player_.toStart(); return true;
        case Qt::Key_End: player_.toEnd(); return true;
        case Qt::Key_P: player_.togglePlay(); return true;
        case Qt::Key_Return: case Qt::Key_Enter: jumpToTypedStep(); return true;
        case Qt::Key_B: case Qt::Key_Period: blank_->toggle(Qt::black); return true;
        case Qt::Key_W: case Qt::Key_Comma: blank_->toggle(Qt::white); return true;
        case Qt::Key_L: {
            const bool show = !parts_.sidePanel->isVisible();
            parts_.inputs->hide();
            parts_.sideTabs->setCurrentWidget(parts_.wengertList);
            parts_.sidePanel->setVisible(show);
            parts_.view->setFocus(Qt::OtherFocusReason);
            return true;
        }
        case Qt::Key_Escape: case Qt::Key_F5: setPresenting(false); return true;
        case Qt::Key_F11: toggleFullScreen(); return true;
        case Qt::Key_F: case Qt::Key_Plus: case Qt::Key_Minus: case Qt::Key_Equal: return false;
        default: return true;  // swallowed
    }
}

void Presenter::jumpToTypedStep() {
    if (typed_.isEmpty()) {
        next();  // Enter alone: next, as a clicker's "OK" button would
        return;
    }
    bool ok = false;
    const int k = typed_.toInt(&ok);
    typed_.clear();
    if (ok) {
        player_.pause();
        model_.setStep(std::min(k, model_.stepCount()));
    }
    updateBadge();
}

void Presenter::updateBadge() {
    if (!presenting_) {
        badge_->hide();
        return;
    }
    const Theme& t = Theme::current();
    QFont f = t.labelFont();
    f.setBold(true);
    badge_->setFont(f);
    badge_->setStyleSheet(QStringLiteral("QLabel { color: %1; background: %2; border-radius: 6px; padding: 4px 10px; }")
                              .arg(t.mutedText.name(), t.panel.name()));
    badge_->setText(typed_.isEmpty() ? tr("step %1 of %2").arg(model_.step()).arg(model_.stepCount())
                                     : tr("go to step %1_").arg(typed_));
    badge_->adjustSize();
    badge_->move(12, 12);
    badge_->show();
    badge_->raise();
}

}  // namespace adviz::ui
