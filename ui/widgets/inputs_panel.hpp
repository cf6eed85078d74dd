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
class QPushButton;
class QScrollArea;

namespace adviz::ui {

class NumberField;
class SessionModel;

/// Child object names, for tests and style sheets: "inputValue<i>", "inputDirection<i>",
/// "unitDirection<i>", "outputValue<j>", "outputSeed<j>", "unitSeed<j>" (0-based),
/// "randomizeInputs", "inputsMessage" (what could not be read).
///
/// A program with vectors and matrices gets one row per vector or matrix (its name and shape,
/// a preview of its numbers, and a button opening a TensorEditor with the whole grid) instead of
/// one row per element; its scalar inputs and outputs keep their ordinary rows. Row names:
/// "tensorInput<p>", "tensorInputPreview<p>", "tensorInputDirection<p>", "editTensorInput<p>",
/// and "tensorOutput…" likewise, p the port's index (shaped::inputPorts / outputPorts).
class InputsPanel : public QWidget {
    Q_OBJECT
public:
    /// A panel showing model's inputs and outputs; model must outlive it.
    explicit InputsPanel(SessionModel& model, QWidget* parent = nullptr);

    /// Takes every font and colour from Theme::current() again (after a theme or text-size
    /// change).
    void applyTheme();

    /// Opens (or raises) the editor of the vector or matrix input called name ("W1"), or of the
    /// output if output is true; null if there is no such port or it is too large for a grid.
    class TensorEditor* openEditor(const QString& name, bool output = false);

private:
    void rebuild();         // new rows for a new graph
    void refresh();         // the model's numbers into the existing rows
    void refreshOutputs();  // the outputs' values as far as the sweep has computed them
    void showMessages();    // every unreadable entry, under the rows
    QWidget* buildRows();
    NumberField* addField(QWidget* parent, const QString& objectName, const QString& what);
    void addInputRow(QGridLayout* grid, int row, int i);
    void addOutputRow(QGridLayout* grid, int row, int j);
    void addTensorRow(QGridLayout* grid, int row, int port, bool output);
    void refreshTensors();  // the previews of every vector and matrix row
    void refreshTensorOutputs();  // a vector or matrix output's preview once computed

    SessionModel& model_;
    QScrollArea* scroll_;
    QLabel* message_;
    std::vector<NumberField*> values_, directions_, seeds_;
    std::vector<QLabel*> outputValues_;
    // The scalar input (output) index of each row of values_ (outputValues_): not the row's
    // position once vectors and matrices have rows of their own.
    std::vector<int> inputOfRow_, outputOfRow_;
    // Widgets drawn muted in one mode: the direction column in reverse, the seed column in
    // forward.
    std::vector<QWidget*> directionColumn_, seedColumn_;
    std::uint64_t draws_ = 0;  // Randomize presses so far: the next press draws point draws_ + 1
    // A vector or matrix row: which port, and the labels showing its numbers.
    struct TensorRow {
        int port = 0;
        bool output = false;
        QLabel* value = nullptr;
        QLabel* vector = nullptr;  // ẋ of an input, ȳ of an output
    };
    std::vector<TensorRow> tensorRows_;
    QPushButton* randomize_ = nullptr;
};

}  // namespace adviz::ui
