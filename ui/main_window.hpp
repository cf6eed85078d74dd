#pragma once
// The window: expression editor on top, the graph in the middle with the current step's formula
// under it, inputs and the Wengert list on the right, transport controls in the toolbar.

#include <QMainWindow>

#include <functional>

#include "autodiff/trace.hpp"

class QLabel;
class QAction;
class QTabWidget;

namespace adviz::ui {

class SessionModel;
class Player;
class GraphScene;
class GraphView;
class ExpressionEditor;
class InputsPanel;
class TraceTable;
class TransportBar;
class JacobianPanel;
class MemoryPanel;
class ChartsPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    SessionModel& model() { return *model_; }
    Player& player() { return *player_; }
    GraphScene& scene() { return *scene_; }
    ExpressionEditor& editor() { return *editor_; }

    /// Puts a program in the editor and the model, with input values and a mode.
    void loadProgram(const QString& source, const std::vector<std::pair<std::string, double>>& values,
                     Mode mode);
    /// Loads the program of the last session (QSettings), or the default example.
    void loadLastOrDefault();
    /// Shows a side or centre panel by name: "wengert", "jacobian", "charts", "memory".
    bool showPanel(const QString& name);
    /// The Jacobian panel (for --jacobian demos).
    JacobianPanel& jacobianPanel() { return *jacobian_; }
    void setShowBackwardGraph(bool on);
    /// Once the window is shown and laid out, saves a screenshot of it to path and calls done
    /// with an error message (empty on success).
    /// progress > 0 shows the next step that far under way (tokens in flight) in the shot.
    void screenshotWhenReady(const QString& path, std::function<void(const QString&)> done,
                             double progress = 0);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void exportAs(const QString& filter, const QString& suffix);
    void showCaption();
    void showWarnings();
    void showParseState();
    void restoreSettings();
    void saveSettings() const;

    SessionModel* model_;
    Player* player_;
    GraphScene* scene_;
    GraphView* view_;
    ExpressionEditor* editor_;
    InputsPanel* inputs_;
    TraceTable* table_;
    TransportBar* transport_;
    JacobianPanel* jacobian_;
    MemoryPanel* memory_;
    ChartsPanel* charts_;
    QTabWidget* centreTabs_;
    QTabWidget* sideTabs_;
    QLabel* captionLead_;  // forward steps: the value's formula, above the tangent's
    QLabel* caption_;
    QLabel* warnings_;
    QAction* edgeLabels_ = nullptr;
    QAction* topToBottom_ = nullptr;
    QAction* backwardGraph_ = nullptr;
};

}  // namespace adviz::ui
