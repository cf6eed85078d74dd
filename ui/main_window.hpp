#pragma once
// The window: expression editor on top, the graph in the middle with the current step's formula
// under it, inputs and the Wengert list on the right, transport controls in the toolbar.

#include <QMainWindow>

#include <functional>
#include <optional>

#include "autodiff/sweeps/trace.hpp"
#include "ui/theme.hpp"

class QAction;
class QMenu;
class QActionGroup;
class QSplitter;
class QTabWidget;
class QStackedWidget;

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
class CaptionBar;
class Presenter;
class SessionController;
class ScenesPanel;
class Teaching;
class ShapedScene;
class ShapedView;
class ShapedTable;

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
    /// Opens a .adviz session file; an error message (nothing on screen changed) or nothing.
    std::optional<QString> openSession(const QString& path);
    /// Saves the session to path (atomically); an error message or nothing.
    std::optional<QString> saveSession(const QString& path);
    /// If the last run did not end cleanly and left unsaved work, offers to restore it (a
    /// question that does not block the window). Returns whether it offered.
    bool offerRecovery();
    SessionController& document() { return *document_; }
    /// Shows a side or centre panel by name: "wengert", "jacobian", "charts", "memory", "chain".
    bool showPanel(const QString& name);
    /// The panel on show, by the names showPanel takes ("charts:K" when the charts are up).
    QString shownPanel() const;
    /// The Jacobian panel (for --jacobian demos).
    JacobianPanel& jacobianPanel() { return *jacobian_; }
    /// The inputs panel (for gui --edit: a vector's or matrix's grid open for screenshots).
    InputsPanel& inputsPanel() { return *inputs_; }
    void setShowBackwardGraph(bool on);
    GraphView& view() { return *view_; }
    /// The shaped view (programs with vectors and matrices, ui/shaped).
    ShapedScene& shapedScene() { return *shapedScene_; }
    ShapedView& shapedView() { return *shapedView_; }
    /// View ▸ Scalar graph (on) or one node per matrix operation (off); a message if refused.
    std::optional<QString> setScalarGraph(bool on);
    /// Shaped node id drawn in place as its scalar nodes (double-click on its box); why not, if
    /// it cannot be, is also said in the view's notice.
    std::optional<QString> expandShaped(int shapedNode);
    /// View ▸ As PyTorch autograd.
    void setTorchView(bool on);
    CaptionBar& caption() { return *caption_; }
    Presenter& presenter() { return *presenter_; }
    /// Dual numbers, predict mode, side by side (ui/teaching).
    Teaching& teaching() { return *teaching_; }

    /// Presentation mode (F5): full screen, graph and caption only, its own text scale.
    void setPresenting(bool on);
    /// The theme by name, and the text scales of the normal window and of presentation mode
    /// (each remembered in the settings).
    void setTheme(ThemeName name);
    void setTextScale(double scale);   ///< of the mode in use (normal or presenting)
    double textScale() const;
    /// Sizes the window to the screen it is on: the remembered geometry if it fits, otherwise
    /// as much of the available area as the default size would want.
    void fitToScreen();
    /// The same for a screen whose available area is avail (tests: projector sizes).
    void fitTo(const QRect& avail);
    /// Once the window is shown and laid out, saves a screenshot of it to path and calls done
    /// with an error message (empty on success).
    /// progress > 0 shows the next step that far under way (tokens in flight) in the shot.
    void screenshotWhenReady(const QString& path, std::function<void(const QString&)> done,
                             double progress = 0);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildViewMenu();
    void exportAs(const QString& filter, const QString& suffix);
    void showCaption();
    void syncLevel();      // the shaped or the scalar drawing, as the model's level says
    void showParseState();
    void watchOpening();  // "Opening…" while a long program opens in the background
    void applyTheme();     // Theme::setCurrent from the name and the scale in use
    void restyle();        // after the theme changed: palette, fonts, stylesheets
    void buildFileMenu();
    void exportSteps();
    bool maybeDiscard();     // asks before unsaved changes are lost; false: the user cancelled
    void retitle();
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
    CaptionBar* caption_;
    QSplitter* side_;
    QSplitter* editorSplit_;   // the editor above the centre tabs          // inputs and the side tabs; collapsible on small screens
    QWidget* graphTab_;
    QStackedWidget* graphStack_ = nullptr;  // the scalar view or the shaped view
    QStackedWidget* tableStack_ = nullptr;  // the scalar Wengert list or the shaped one
    ShapedTable* shapedTable_ = nullptr;
    ShapedScene* shapedScene_ = nullptr;
    ShapedView* shapedView_ = nullptr;
    QAction* scalarGraph_ = nullptr;
    QAction* torchView_ = nullptr;
    Presenter* presenter_ = nullptr;
    SessionController* document_ = nullptr;
    ScenesPanel* scenes_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    ThemeName themeName_;
    double normalScale_ = 1.0;
    /// Presentation text: larger, yet a classroom-sized graph (the theory's example) still fits a
    /// 1280×720 projector whole at the readable zoom.
    static constexpr double defaultPresentScale = 1.05;
    double presentScale_ = defaultPresentScale;
    QActionGroup* themeActions_ = nullptr;
    QAction* presentAction_ = nullptr;
    QAction* sidePanelAction_ = nullptr;
    QAction* edgeLabels_ = nullptr;
    QAction* topToBottom_ = nullptr;
    QAction* backwardGraph_ = nullptr;
    Teaching* teaching_ = nullptr;
};

}  // namespace adviz::ui
