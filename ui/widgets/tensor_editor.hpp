#pragma once
// A vector's or matrix's numbers, editable in a small window opened from the inputs panel: a
// grid of number fields laid out as the tensor is (a matrix by rows and columns, a vector as a
// column), for an input its values x and, while the mode uses it, its direction ẋ; for an output
// its seed ȳ. Every edit goes to the model at once; the grid shows what the model holds. Only
// moderate sizes get a grid (maxCells): a 784-vector would be 784 fields nobody can read.

#include <QDialog>
#include <QString>

#include <vector>

#include "autodiff/shaped/shaped_graph.hpp"

class QGridLayout;
class QLabel;

namespace adviz::ui {

class NumberField;
class SessionModel;

/// "[0.5, −1]", "[0, 0, 0]" (all, if they fit seven characters), or the first numbers that
/// fit four and "…" ("[0.1, …]", "[0, 0, …]"): a row's preview of a tensor.
QString tensorPreview(const std::vector<double>& values);
/// "‖·‖=8.791": a row's preview of a tensor too large for a grid.
QString tensorNorm(const std::vector<double>& values);
/// "min −0.4, max 0.6, ‖·‖ = 1.05": what a tooltip says of many numbers.
QString tensorSummary(const std::vector<double>& values);

/// Child object names, for tests: "tensorValue<k>", "tensorDirection<k>", "tensorSeed<k>"
/// (k row-major), "tensorTitle".
class TensorEditor : public QDialog {
    Q_OBJECT
public:
    /// Grids up to 12 × 12: larger tensors are summarised in the panel instead.
    static constexpr std::size_t maxCells = 144;
    static bool fits(const shaped::Shape& shape) { return shape.size() <= maxCells; }

    enum class Side { Input, Output };
    /// An editor of port (an input's values and direction, or an output's seed) in model.
    TensorEditor(SessionModel& model, shaped::Port port, Side side, QWidget* parent = nullptr);

    const shaped::Port& port() const { return port_; }
    Side side() const { return side_; }

    /// The model's numbers into the fields (and the direction grid shown only in the modes that
    /// use it).
    void refresh();
    /// Fonts and colours from Theme::current().
    void applyTheme();

private:
    QWidget* buildGrid(const QString& heading, const QString& objectPrefix,
                       std::vector<NumberField*>& fields);

    SessionModel& model_;
    shaped::Port port_;
    Side side_;
    QLabel* title_;
    QWidget* directionGrid_ = nullptr;
    std::vector<NumberField*> values_, directions_, seeds_;
};

}  // namespace adviz::ui
