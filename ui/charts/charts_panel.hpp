#pragma once
// The Charts panel: four tabs of charts about the current program, each drawn from numbers the
// engine computes (finite differences vs AD, the cost of a gradient, expression swell, the
// function along one input), with their controls and an "Export chart…" button.
//
// Recomputing follows the model: its signals mark every chart stale, and at most every 150 ms
// the visible tab's data is computed on a worker thread (copies of the graph and the point go
// with it) and drawn when it comes back, unless the model moved on meanwhile (a generation
// counter per tab drops stale results). Hidden tabs are computed when they are shown.

#include <QWidget>

#include <array>
#include <optional>
#include <vector>

#include "ui/charts/cost_chart.hpp"
#include "ui/charts/swell_chart.hpp"

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTimer;
template <typename T>
class QFutureWatcher;

namespace adviz::ui {

class SessionModel;

/// Child object names, for tests and style sheets: "chartTabs", "fdDirection", "costMeasure",
/// "swellFamily", "sliceInput", "exportChart", "swellSummary", "derivativeText".
class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    /// The tabs, in order.
    enum Tab : int { FdErrorTab, CostTab, SwellTab, SliceTab, TabCount };

    /// A panel charting model's program; model must outlive it.
    explicit ChartsPanel(SessionModel& model, QWidget* parent = nullptr);
    ~ChartsPanel() override;

    QChart* chart(int tab) const;      ///< the chart a tab shows now
    QChartView* view(int tab) const;   ///< the view of a tab
    QTabWidget* tabs() const { return tabs_; }  ///< to switch tabs
    /// Computes and draws every tab now, on this thread (tests; startup of a headless export).
    void recomputeNow();
    /// Writes the visible tab's chart (see exportChart); returns an error message if it fails.
    std::optional<QString> exportCurrent(const QString& path);
    /// Takes fonts and colours from Theme::current() again; the charts are redrawn.
    void applyTheme();

signals:
    /// A tab's chart was replaced by one drawn from fresh data.
    void chartUpdated(int tab);

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Request;  // a snapshot of what one tab's computation needs
    struct Result;   // its data, tagged with the generation it was asked for

    struct TabState {
        QChartView* view = nullptr;
        QLabel* legend = nullptr;  // the chart's legend, wrapping
        QFutureWatcher<Result>* watcher = nullptr;
        unsigned generation = 0;  // bumped whenever the data it would show changes
        bool stale = true;
        bool running = false;
    };

    void applyFonts();
    QWidget* page(int tab, QWidget* controls, QWidget* below = nullptr);
    QWidget* controlRow(const QString& label, QComboBox* combo);
    void rebuildChoices();  // input names in the combos, after a new graph
    void markStale(int tab);
    void markAllStale();
    void refreshVisible();
    void start(int tab);
    void finished(int tab);
    Request snapshot(int tab) const;
    static Result compute(const Request& request, unsigned generation);  // any thread
    void keepFamilies(const Result& result);  // into the caches below
    void apply(int tab, Result& result);
    void display(int tab, QChart* chart);
    void exportClicked();

    SessionModel& model_;
    QTabWidget* tabs_;
    QTimer* throttle_;
    QComboBox *direction_, *measure_, *family_, *input_;
    QLabel* swellSummary_;
    QPlainTextEdit* derivativeText_;
    std::array<TabState, TabCount> state_;
    // The families do not depend on the program: computed once, reused on every update.
    std::vector<CostRow> costFamily_;
    std::array<std::vector<SwellRow>, 3> swellFamilies_;
    CostData cost_;  // the last cost data: the passes/operations toggle redraws from it
};

}  // namespace adviz::ui
