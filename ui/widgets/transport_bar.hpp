#pragma once
// The controls for walking through a sweep: the mode, start / back / play / forward / end, the
// speed, and "step k of n". installShortcuts() gives the window the keys a teacher expects
// (Space, ←, →, Home, End) without taking them from text fields.

#include <QStyle>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;
class QToolButton;

namespace adviz::ui {

class Player;
class SessionModel;

/// Child object names, for tests and style sheets: "forwardMode", "reverseMode", "toStart",
/// "stepBack", "playPause", "stepForward", "toEnd", "speed", "stepCounter".
class TransportBar : public QWidget {
    Q_OBJECT
public:
    /// Controls for model and player, which must outlive the bar.
    TransportBar(SessionModel& model, Player& player, QWidget* parent = nullptr);

    /// Space (play/pause), → and ← (step), Home and End on window, ignored while a text field
    /// or spin box has focus; the shortcuts are owned by window.
    void installShortcuts(QWidget* window);
    /// Takes fonts from Theme::current() again.
    void applyTheme();

private:
    QToolButton* addButton(const QString& name, QStyle::StandardPixmap icon, const QString& tip,
                           void (Player::*slot)());
    void syncMode();
    void syncStep();
    void syncPlaying(bool playing);
    void onSpace();
    bool isTransportButton(const QWidget* widget) const;

    template <typename Action>
    void addShortcut(QWidget* window, Qt::Key key, bool autoRepeat, Action action);

    SessionModel& model_;
    Player& player_;
    QButtonGroup* modes_;
    QToolButton *toStart_, *back_, *play_, *forward_, *toEnd_;
    QComboBox* speed_;
    QComboBox* strategy_;  // checkpointing, reverse mode only
    QLabel* counter_;
    QWidget* shortcutWindow_ = nullptr;  // installed once: duplicate shortcuts would cancel out
};

}  // namespace adviz::ui
