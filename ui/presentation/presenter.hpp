#pragma once
// Presentation mode and the clicker keys. Presenting puts the window full screen with only the
// graph and the caption (its own, larger text scale); every key is then a teaching key and none
// edits anything: → PageDown Space next, ← PageUp previous, Home End, P play, B/. black and
// W/, white screen, digits then Enter jump to a step, L the Wengert list, Esc leaves. Outside
// presentation mode PageDown/PageUp (what clickers send) step wherever the editor does not have
// the keyboard, and F11/Esc switch full screen.

#include <QObject>
#include <QString>

#include <functional>

class QLabel;
class QMainWindow;
class QTabWidget;
class QWidget;

namespace adviz::ui {

class Player;
class SessionModel;
class GraphView;
class ScreenBlank;

class Presenter : public QObject {
    Q_OBJECT
public:
    /// What presentation mode hides and shows, owned by the window.
    struct Parts {
        QWidget* editor = nullptr;       ///< hidden while presenting
        QWidget* sidePanel = nullptr;    ///< hidden; L brings it back showing the Wengert list
        QWidget* inputs = nullptr;       ///< stays hidden even when L shows the list
        QTabWidget* sideTabs = nullptr;
        QWidget* wengertList = nullptr;
        QTabWidget* centreTabs = nullptr;  ///< the graph tab is shown, the tab bar hidden
        QWidget* graphTab = nullptr;
        GraphView* view = nullptr;        ///< takes the keyboard focus
    };

    Presenter(QMainWindow& window, SessionModel& model, Player& player, Parts parts);
    ~Presenter() override;

    bool isPresenting() const { return presenting_; }
    void setPresenting(bool on);
    void toggleFullScreen();
    /// What has been typed of a step number (digits then Enter), empty if nothing.
    const QString& typedStep() const { return typed_; }
    ScreenBlank& blank() { return *blank_; }
    /// Scenes: go(+1) moves to the next scene's first step, go(-1) to the previous scene's last
    /// (false where there is none); note() is the teacher's note of the scene on screen.
    void setScenes(std::function<bool(int)> go, std::function<QString()> note);
    /// Keys of a teaching mode while presenting (predict mode's H): key → handled.
    void setExtraKeys(std::function<bool(int key, bool act)> keys) { extraKeys_ = std::move(keys); }
    /// Whether the teacher's note is up (N while presenting).
    bool showsNote() const;

signals:
    void presentingChanged(bool on);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool presentingKey(int key, Qt::KeyboardModifiers mods, bool act);  // true: the key is ours
    bool clickerKey(int key, Qt::KeyboardModifiers mods, bool act);     // normal window
    void jumpToTypedStep();
    void updateBadge();
    void next();
    void previous();
    void toggleNote();

    QMainWindow& window_;
    SessionModel& model_;
    Player& player_;
    Parts parts_;
    ScreenBlank* blank_;
    QLabel* badge_;          // "step 7 of 14" in a corner of the graph while presenting
    QLabel* note_;           // the teacher's note (N)
    std::function<bool(int)> goScene_;
    std::function<QString()> sceneNote_;
    std::function<bool(int, bool)> extraKeys_;
    bool presenting_ = false;
    bool wasFullScreen_ = false;
    bool wasMaximized_ = false;
    QString typed_;
};

}  // namespace adviz::ui
