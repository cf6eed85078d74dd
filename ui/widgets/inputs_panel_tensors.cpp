// The inputs panel's rows for vectors and matrices: one row per tensor (name and shape, a preview
// of its numbers, its direction or seed), the grid editor it opens, and their refresh as the
// sweep goes on. Scalar rows are in inputs_panel.cpp.

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>

#include <algorithm>
#include <cmath>

#include "autodiff/shaped/init.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/inputs_panel.hpp"
#include "ui/widgets/tensor_editor.hpp"

namespace adviz::ui {
namespace {

// A preview no wider than a number field, so a vector's row keeps the scalar rows' columns
// (the panel must fit a 1024-pixel projector's side bar); the tooltip has the rest.
void showPreview(QLabel* label, const QString& text) {
    const QFontMetrics metrics(label->font());
    const int most = metrics.horizontalAdvance(QStringLiteral("-0.00012")) + 24;
    label->setText(metrics.horizontalAdvance(text) <= most ? text
                                                           : metrics.elidedText(text, Qt::ElideRight, most));
}

}  // namespace

void InputsPanel::addTensorRow(QGridLayout* grid, int row, int p, bool output) {
    QWidget* parent = grid->parentWidget();
    const Graph& program = model_.program();
    const shaped::Port port = output ? shaped::outputPorts(program)[static_cast<std::size_t>(p)]
                                     : shaped::inputPorts(program)[static_cast<std::size_t>(p)];
    const QString name = QString::fromStdString(port.name);
    const QString side = output ? QStringLiteral("tensorOutput") : QStringLiteral("tensorInput");
    // "W1  [3, 2]": the shape beside the name, as the program declares it.
    auto* label = new QLabel(QStringLiteral("%1 %2").arg(name, QString::fromStdString(port.shape.text())), parent);
    label->setObjectName(side + QString::number(p));
    auto* value = new QLabel(parent);
    value->setObjectName(side + QStringLiteral("Preview") + QString::number(p));
    value->setProperty("number", true);
    auto* vector = new QLabel(parent);
    vector->setObjectName(side + (output ? QStringLiteral("Seed") : QStringLiteral("Direction")) + QString::number(p));
    vector->setProperty("number", true);
    grid->addWidget(label, row, 0);
    grid->addWidget(value, row, 1);
    grid->addWidget(vector, row, 2);
    if (TensorEditor::fits(port.shape)) {
        auto* edit = new QPushButton(QStringLiteral("…"), parent);
        edit->setObjectName(QStringLiteral("editTensor") + (output ? QStringLiteral("Output") : QStringLiteral("Input")) + QString::number(p));
        edit->setProperty("unit", true);
        edit->setToolTip(output ? tr("Edit the seed ȳ of %1 (%2 numbers)").arg(name).arg(port.items.size())
                                : tr("Edit the %2 values of %1 and its direction ẋ").arg(name).arg(port.items.size()));
        connect(edit, &QPushButton::clicked, this, [this, name, output] { openEditor(name, output); });
        grid->addWidget(edit, row, 3);
    } else {
        // Too many numbers for a grid anyone can read: summarised, and drawn by Randomize.
        label->setToolTip(output ? tr("%1 has %2 numbers: too many to edit one by one")
                                       .arg(name).arg(port.items.size())
                                 : tr("%1 has %2 numbers: too many to edit one by one; Randomize "
                                      "draws them as --init k does").arg(name).arg(port.items.size()));
    }
    tensorRows_.push_back({p, output, value, vector});
}

TensorEditor* InputsPanel::openEditor(const QString& name, bool output) {
    const Graph& program = model_.program();
    if (!program.shaped || !scroll_->widget()) return nullptr;
    const auto ports = output ? shaped::outputPorts(program) : shaped::inputPorts(program);
    const auto found = std::find_if(ports.begin(), ports.end(),
                                    [&](const shaped::Port& p) { return p.name == name.toStdString(); });
    if (found == ports.end() || found->shape.isScalar() || !TensorEditor::fits(found->shape)) return nullptr;
    const auto side = output ? TensorEditor::Side::Output : TensorEditor::Side::Input;
    // One editor per tensor; it belongs to the rows, so a new program closes it.
    for (TensorEditor* open : scroll_->widget()->findChildren<TensorEditor*>())
        if (open->port().name == found->name && open->side() == side) {
            open->show();
            open->raise();
            return open;
        }
    auto* editor = new TensorEditor(model_, *found, side, scroll_->widget());
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->adjustSize();
    // Beside the panel, over the graph, not over the rows it was opened from.
    const QPoint corner = mapToGlobal(QPoint(0, 0));
    editor->move(std::max(0, corner.x() - editor->width() - 24), corner.y());
    editor->show();
    return editor;
}

void InputsPanel::refreshTensors() {
    const Graph& program = model_.program();
    if (!program.shaped) return;
    const auto inputs = shaped::inputPorts(program);
    const auto outputs = shaped::outputPorts(program);
    for (const TensorRow& t : tensorRows_) {
        const shaped::Port& port = (t.output ? outputs : inputs)[static_cast<std::size_t>(t.port)];
        const std::vector<double>& source = t.output ? model_.seed() : model_.direction();
        std::vector<double> vector, values;
        for (std::int32_t k : port.items) {
            const auto i = static_cast<std::size_t>(k);
            vector.push_back(i < source.size() ? source[i] : std::nan(""));
            if (!t.output) values.push_back(i < model_.inputs().size() ? model_.inputs()[i] : std::nan(""));
        }
        const bool grid = TensorEditor::fits(port.shape);
        const QString name = QString::fromStdString(port.name);
        if (!t.output) {
            showPreview(t.value, grid ? tensorPreview(values) : tensorNorm(values));
            t.value->setToolTip(tr("%1: %2").arg(name, tensorSummary(values)));
        }
        showPreview(t.vector, grid ? tensorPreview(vector) : tensorNorm(vector));
        t.vector->setToolTip(tr("%1 of %2: %3").arg(t.output ? QStringLiteral("ȳ") : QStringLiteral("ẋ"), name,
                                                    tensorSummary(vector)));
    }
}

void InputsPanel::refreshTensorOutputs() {
    // A vector or matrix output: its preview once the sweep has computed all of it.
    const Theme& theme = Theme::current();
    const Graph& graph = model_.graph();
    if (!model_.program().shaped || graph.outputCount() != model_.program().outputCount()) return;
    const auto ports = shaped::outputPorts(model_.program());
    for (const TensorRow& t : tensorRows_) {
        if (!t.output) continue;
        const shaped::Port& port = ports[static_cast<std::size_t>(t.port)];
        std::vector<double> values;
        bool known = true;
        for (std::int32_t j : port.items) {
            const NodeState state = model_.stateOf(graph.outputs[static_cast<std::size_t>(j)].node);
            known = known && state.hasValue;
            if (!known) break;
            values.push_back(state.value);
        }
        showPreview(t.value, !known ? QStringLiteral("···")
                             : TensorEditor::fits(port.shape) ? tensorPreview(values)
                                                              : tensorNorm(values));
        t.value->setToolTip(known ? tr("%1 (computed): %2").arg(QString::fromStdString(port.name), tensorSummary(values))
                                  : tr("%1: not computed yet at this step").arg(QString::fromStdString(port.name)));
        QPalette palette = t.value->palette();
        palette.setColor(QPalette::WindowText, known ? theme.text : theme.pending);
        t.value->setPalette(palette);
    }
}

}  // namespace adviz::ui
