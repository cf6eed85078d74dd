#pragma once
// View ▸ Side by side: the same program at the same point in two panes, forward mode (ẋ) on the
// left and reverse mode (ȳ) on the right, stepped together by the window's transport (each
// sweep keeps its own step count, the forward one stops at its end), and under them what each
// has computed so far and what a whole gradient or a Jacobian column costs each. Each pane is a
// scene of its own model, replaying its own engine trace.

#include <QWidget>

#include <optional>

class QLabel;

namespace adviz::ui {

class SessionModel;
class Player;
class GraphScene;
class GraphView;

class SideBySide : public QWidget {
    Q_OBJECT
public:
    SideBySide(SessionModel& model, Player& player, QWidget* parent = nullptr);
    ~SideBySide() override;

    void setActive(bool on);
    bool isActive() const { return active_; }
    void setDualNumbers(bool on);

    SessionModel& forwardModel() { return *forward_; }
    SessionModel& reverseModel() { return *reverse_; }
    GraphScene& forwardScene() { return *forwardScene_; }
    GraphScene& reverseScene() { return *reverseScene_; }
    /// The steps each pane shows when the transport is at step k.
    static int pairedStep(int k, int count) { return k < count ? k : count; }
    /// The line under the panes: what each has computed, what a gradient costs each.
    QString summary() const;
    /// Both panes and the line as one picture: .svg or .png (2×); .pdf: a handout, one page per
    /// paired step. An error, or nothing.
    std::optional<QString> exportPicture(const QString& path);

private:
    void sync();                       // the window's program, point, direction, seed → panes
    void follow(int step, double progress);
    void applyTheme();

    SessionModel& model_;
    Player& player_;
    SessionModel* forward_;
    SessionModel* reverse_;
    GraphScene* forwardScene_;
    GraphScene* reverseScene_;
    GraphView* forwardView_;
    GraphView* reverseView_;
    QLabel* forwardTitle_;
    QLabel* reverseTitle_;
    QLabel* line_;
    bool active_ = false;
    int step_ = 0;
};

}  // namespace adviz::ui
