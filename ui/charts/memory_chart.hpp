#pragma once
// Checkpointing's trade, drawn: values in memory at each tick of the sweep for store-all, √T and
// binomial checkpoints side by side, with each strategy's peak and recomputed operations in the
// legend. The numbers come from the engine's checkpointed sweeps (checkpoint.hpp).

#include <QString>
#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QLabel;

namespace adviz::ui {

class SessionModel;

/// One strategy's memory over the sweep, as the chart draws it.
struct MemorySeries {
    QString name;             ///< "√T checkpoints"
    std::vector<int> alive;   ///< values in memory per tick
    int peak = 0;
    long long recomputed = 0;
    long long total = 0;
};

/// The chart for the given series (pure: tests check its series).
QChart* buildMemoryChart(const std::vector<MemorySeries>& series);

/// The panel: recomputes the series when the program or point changes.
class MemoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit MemoryPanel(SessionModel& model, QWidget* parent = nullptr);

    /// The series for the model's program now (store-all, √T, binomial with 3 snapshots).
    static std::vector<MemorySeries> seriesFor(const SessionModel& model);
    QChartView* view() const { return view_; }
    const std::vector<MemorySeries>& series() const { return series_; }
    QString legendText() const;
    /// Recomputes now (also done, debounced, when the model changes while visible).
    void refresh();
    /// Takes fonts and colours from Theme::current() again (the chart is rebuilt).
    void applyTheme();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void applyFonts();

    SessionModel& model_;
    QChartView* view_;
    QLabel* legend_;  // per strategy: colour, peak, recomputed operations
    QLabel* note_;
    std::vector<MemorySeries> series_;
    bool stale_ = true;
};

}  // namespace adviz::ui
