#pragma once
// The Scenes panel: the session's scenes in order. Add the state on screen as a scene,
// duplicate, rename (double-click or F2), write the teacher's note, reorder by dragging, delete
// (with undo). Choosing a scene puts it on screen.

#include <QWidget>

class QListWidget;
class QPushButton;

namespace adviz::ui {

class SessionController;

class ScenesPanel : public QWidget {
    Q_OBJECT
public:
    explicit ScenesPanel(SessionController& document, QWidget* parent = nullptr);

    QListWidget* list() const { return list_; }
    /// Re-reads fonts from the theme.
    void applyTheme();

private:
    void refill();
    int row() const;

    SessionController& document_;
    QListWidget* list_;
    QPushButton* undo_;
    bool filling_ = false;
};

}  // namespace adviz::ui
