#pragma once
// The Jacobian panel: J by n forward sweeps (one column each) or m reverse sweeps (one row
// each), animated one sweep after another on the graph while the matrix fills in, with the
// measured cost of both methods side by side so the crossover between them can be shown.

#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

#include "autodiff/sweeps/trace.hpp"

class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace adviz::ui {

class SessionModel;
class Player;

/// Programs with vectors and matrices are shown flattened (row-major), their rows and columns
/// labelled as the scalar graph names the elements (`∂/∂W1[1,0]`). A Jacobian too large to show
/// or to compute while the class waits (a 784-128-10 MLP's is 1 × 101,770) gets a message
/// instead of a table, and neither method runs.
class JacobianPanel : public QWidget {
    Q_OBJECT
public:
    /// Entries of the largest matrix drawn as a table (64 × 64).
    static constexpr long long maxShownEntries = 4096;
    /// Scalar node visits (sweeps × nodes) the cost comparison may spend: about a tenth of a
    /// second in a debug build.
    static constexpr long long maxCostVisits = 20'000'000;
    /// Why J of the current program is not shown, or empty when it is.
    QString refusal() const { return refusal_; }

    JacobianPanel(SessionModel& model, Player& player, QWidget* parent = nullptr);

    /// Starts animating the Jacobian by forward (columns) or reverse (rows) sweeps.
    void run(Mode method);
    /// Jumps (no animation) to the state of run(method) after `sweepsDone` sweeps with the next
    /// sweep at step `step`: for screenshots and tests.
    void showProgress(Mode method, int sweepsDone, int step);
    /// Stops after the current sweep's matrix entries; what is filled stays.
    void stop();
    bool isRunning() const { return running_; }
    /// The sweep being animated (column for forward, row for reverse), -1 when idle.
    int currentSweep() const { return running_ ? sweep_ : -1; }
    QTableWidget* matrix() const { return matrix_; }
    QTableWidget* costTable() const { return costs_; }
    /// Takes fonts and colours from Theme::current() again.
    void applyTheme();

signals:
    void sweepFinished(int sweep);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void applyFonts();
    void rebuild();        // new graph: new matrix shape, costs
    void refreshCosts();   // the engine's measured cost of both methods at the point
    void onStep(int step);
    void startSweep();
    void prepareSweep();   // seed eᵢ or eⱼ for sweep_, highlight its column or row
    void fillFromTrace();  // the finished sweep's result into its column or row
    void restoreUserVectors();  // the direction and seed from before run()

    SessionModel& model_;
    Player& player_;
    QTableWidget* matrix_;
    QTableWidget* costs_;
    QLabel* note_;
    QPushButton* byForward_;
    QPushButton* byReverse_;
    QPushButton* stop_;
    QTimer* pause_;
    bool running_ = false;
    bool costsStale_ = true;
    Mode method_ = Mode::Forward;
    int sweep_ = 0;
    std::optional<std::vector<double>> userDirection_;  // set while a run() owns ẋ and ȳ
    std::vector<double> userSeed_;
    QString refusal_;
};

}  // namespace adviz::ui
