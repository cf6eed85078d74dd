#pragma once
// The point, the direction and the seed, editable: one row per input (x, ẋ, "eᵢ") and one per
// output (its value y, ȳ, "eⱼ"). The column the current mode does not use is drawn muted but
// stays editable. Every edit goes to the model; the panel shows what the model holds.

#include <QWidget>

#include <vector>

class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QScrollArea;

namespace adviz::ui {

class SessionModel;

/// Child object names, for tests and style sheets: "inputValue<i>", "inputDirection<i>",
/// "unitDirection<i>", "outputValue<j>", "outputSeed<j>", "unitSeed<j>" (0-based).
class InputsPanel : public QWidget {
    Q_OBJECT
public:
    /// A panel showing model's inputs and outputs; model must outlive it.
    explicit InputsPanel(SessionModel& model, QWidget* parent = nullptr);

private:
    void rebuild();  // new rows for a new graph
    void refresh();  // the model's numbers into the existing rows
    QWidget* buildRows();
    void addInputRow(QGridLayout* grid, int row, int i);
    void addOutputRow(QGridLayout* grid, int row, int j);

    SessionModel& model_;
    QScrollArea* scroll_;
    std::vector<QDoubleSpinBox*> values_, directions_, seeds_;
    std::vector<QLabel*> outputValues_;
    // Widgets drawn muted in one mode: the direction column in reverse, the seed column in
    // forward.
    std::vector<QWidget*> directionColumn_, seedColumn_;
};

}  // namespace adviz::ui
