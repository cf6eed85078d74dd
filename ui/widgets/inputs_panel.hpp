#pragma once
// The point, the direction and the seed, editable: one row per input (x, ẋ, "eᵢ") and one per
// output (its value y, ȳ, "eⱼ"). The column the current mode does not use is drawn muted but
// stays editable. Every edit goes to the model; the panel shows what the model holds, except an
// entry it could not read, which stays as typed with its reason until corrected. Each field
// reads what the command line's --at reads (see number_field.hpp).

#include <QWidget>

#include <cstdint>
#include <vector>

class QGridLayout;
class QLabel;
class QScrollArea;

namespace adviz::ui {

class NumberField;
class SessionModel;

/// Child object names, for tests and style sheets: "inputValue<i>", "inputDirection<i>",
/// "unitDirection<i>", "outputValue<j>", "outputSeed<j>", "unitSeed<j>" (0-based),
/// "randomizeInputs", "inputsMessage" (what could not be read).
class InputsPanel : public QWidget {
    Q_OBJECT
public:
    /// A panel showing model's inputs and outputs; model must outlive it.
    explicit InputsPanel(SessionModel& model, QWidget* parent = nullptr);

    /// Takes every font and colour from Theme::current() again (after a theme or text-size
    /// change).
    void applyTheme();

private:
    void rebuild();         // new rows for a new graph
    void refresh();         // the model's numbers into the existing rows
    void refreshOutputs();  // the outputs' values as far as the sweep has computed them
    void showMessages();    // every unreadable entry, under the rows
    QWidget* buildRows();
    NumberField* addField(QWidget* parent, const QString& objectName, const QString& what);
    void addInputRow(QGridLayout* grid, int row, int i);
    void addOutputRow(QGridLayout* grid, int row, int j);

    SessionModel& model_;
    QScrollArea* scroll_;
    QLabel* message_;
    std::vector<NumberField*> values_, directions_, seeds_;
    std::vector<QLabel*> outputValues_;
    // Widgets drawn muted in one mode: the direction column in reverse, the seed column in
    // forward.
    std::vector<QWidget*> directionColumn_, seedColumn_;
    std::uint64_t draws_ = 0;  // Randomize presses so far: the next press draws point draws_ + 1
};

}  // namespace adviz::ui
