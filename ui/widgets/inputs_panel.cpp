#include "ui/widgets/inputs_panel.hpp"

#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <optional>

#include "autodiff/number_format.hpp"
#include "autodiff/shaped/init.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/number_field.hpp"
#include "ui/widgets/tensor_editor.hpp"

namespace adviz::ui {
namespace {

constexpr double kScrubPerPixel = 0.01;  // Blender-like: fine by default, Shift for ×10

QString fromUtf8(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// An input's name that changes its value when dragged sideways, so a teacher can sweep x and
// let the class watch every number follow.
class ScrubLabel final : public QLabel {
public:
    ScrubLabel(const QString& text, NumberField* target, QWidget* parent)
        : QLabel(text, parent), target_(target) {
        setCursor(Qt::SizeHorCursor);
        setToolTip(QObject::tr("Drag left or right to change %1 (Shift: 10× faster)").arg(text));
    }

protected:
    void mousePressEvent(QMouseEvent* event) override {
        if (event->button() == Qt::LeftButton) lastX_ = event->position().x();
    }
    void mouseMoveEvent(QMouseEvent* event) override {
        if (!lastX_ || !(event->buttons() & Qt::LeftButton)) return;
        // Incremental, so pressing or releasing Shift mid-drag does not make the value jump.
        const double x = event->position().x();
        const double perPixel =
            kScrubPerPixel * ((event->modifiers() & Qt::ShiftModifier) ? 10.0 : 1.0);
        const double pixels = std::round(x - *lastX_);
        if (pixels == 0) return;
        target_->nudge(pixels * perPixel);
        lastX_ = x;
    }
    void mouseReleaseEvent(QMouseEvent*) override { lastX_.reset(); }

private:
    NumberField* target_;
    std::optional<double> lastX_;
};

QLabel* heading(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setProperty("heading", true);
    return label;
}

QPushButton* unitButton(const QString& text, const QString& tip, const QString& name,
                        QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setToolTip(tip);
    button->setObjectName(name);
    button->setProperty("unit", true);
    return button;
}

void setMuted(QWidget* widget, bool muted) {
    if (auto* field = qobject_cast<NumberField*>(widget)) return field->setMuted(muted);
    const Theme& theme = Theme::current();
    const QColor colour = muted ? theme.mutedText : theme.text;
    QPalette palette = widget->palette();
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(role, colour);
    widget->setPalette(palette);
}

}  // namespace

InputsPanel::InputsPanel(SessionModel& model, QWidget* parent)
    : QWidget(parent), model_(model), scroll_(new QScrollArea(this)) {
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll_);

    // What could not be read stays visible here (and in the field's tooltip) until corrected.
    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("inputsMessage"));
    message_->setWordWrap(true);
    message_->hide();
    layout->addWidget(message_);

    connect(&model_, &SessionModel::graphChanged, this, &InputsPanel::rebuild);
    connect(&model_, &SessionModel::pointChanged, this, &InputsPanel::refresh);
    connect(&model_, &SessionModel::traceChanged, this, &InputsPanel::refresh);
    connect(&model_, &SessionModel::stepChanged, this, &InputsPanel::refreshOutputs);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &InputsPanel::applyTheme);
    rebuild();
}

void InputsPanel::rebuild() {
    values_.clear();
    directions_.clear();
    seeds_.clear();
    outputValues_.clear();
    inputOfRow_.clear();
    outputOfRow_.clear();
    directionColumn_.clear();
    seedColumn_.clear();
    tensorRows_.clear();
    randomize_ = nullptr;
    // Later, not now: a rebuild may run inside a signal from one of the old widgets.
    if (QWidget* old = scroll_->takeWidget()) old->deleteLater();
    scroll_->setWidget(buildRows());
    applyTheme();  // fonts and colours, then the numbers
    showMessages();
}

QWidget* InputsPanel::buildRows() {
    auto* content = new QWidget;
    auto* grid = new QGridLayout(content);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(6);
    const Graph& graph = model_.graph();

    int row = 0;
    grid->addWidget(heading(tr("inputs"), content), row, 0);
    grid->addWidget(heading(QStringLiteral("x"), content), row, 1);
    // Short headings: the columns must fit a side panel on a 1024-pixel projector.
    QLabel* directionHeading = heading(tr("ẋ (direction)"), content);
    directionHeading->setToolTip(tr("ẋ: the forward-mode direction"));
    grid->addWidget(directionHeading, row, 2, 1, 2);
    directionColumn_.push_back(directionHeading);
    ++row;
    // Rows in the graph's input order, which is the order of first appearance in the program.
    // With vectors and matrices: one row per vector or matrix, in the same order.
    const Graph& program = model_.program();
    const bool shaped = program.shaped != nullptr;
    if (shaped) {
        const auto ports = shaped::inputPorts(program);
        for (std::size_t p = 0; p < ports.size(); ++p) {
            if (ports[p].shape.isScalar()) addInputRow(grid, row++, ports[p].items.front());
            else addTensorRow(grid, row++, static_cast<int>(p), false);
        }
    } else {
        for (int i = 0; i < graph.inputCount(); ++i) addInputRow(grid, row++, i);
    }
    if (graph.inputCount() == 0) {
        auto* none = new QLabel(tr("(no inputs)"), content);
        none->setProperty("muted", true);
        grid->addWidget(none, row++, 0, 1, 4);
    } else {
        randomize_ = new QPushButton(tr("Randomize"), content);
        randomize_->setObjectName(QStringLiteral("randomizeInputs"));
        connect(randomize_, &QPushButton::clicked, this, [this] {
            model_.randomizeInputs(++draws_);
            refresh();  // the tooltip names the next seed
        });
        grid->addWidget(randomize_, row++, 1);
    }

    grid->setRowMinimumHeight(row++, 12);  // a gap between the two groups
    grid->addWidget(heading(tr("outputs"), content), row, 0);
    grid->addWidget(heading(tr("value"), content), row, 1);
    QLabel* seedHeading = heading(tr("ȳ (seed)"), content);
    seedHeading->setToolTip(tr("ȳ: the reverse-mode seed"));
    grid->addWidget(seedHeading, row, 2, 1, 2);
    seedColumn_.push_back(seedHeading);
    ++row;
    // The program's output ports, unless the backward pass is shown (its outputs d_x are more).
    if (shaped && graph.outputCount() == program.outputCount()) {
        const auto ports = shaped::outputPorts(program);
        for (std::size_t p = 0; p < ports.size(); ++p) {
            if (ports[p].shape.isScalar()) addOutputRow(grid, row++, ports[p].items.front());
            else addTensorRow(grid, row++, static_cast<int>(p), true);
        }
    } else {
        // A row each, but not 10⁵ of them: the backward graph of a large network has one output
        // per weight.
        const int shown = shaped ? std::min(graph.outputCount(), int(TensorEditor::maxCells))
                                 : graph.outputCount();
        for (int j = 0; j < shown; ++j) addOutputRow(grid, row++, j);
        if (shown < graph.outputCount()) {
            auto* more = new QLabel(tr("… and %1 more outputs").arg(graph.outputCount() - shown), content);
            more->setProperty("muted", true);
            grid->addWidget(more, row++, 0, 1, 4);
        }
    }

    grid->setRowStretch(row, 1);      // rows stay at the top
    grid->setColumnStretch(4, 1);     // and compact at the left
    return content;
}

NumberField* InputsPanel::addField(QWidget* parent, const QString& objectName,
                                   const QString& what) {
    auto* field = new NumberField(parent);
    field->setObjectName(objectName);
    field->setToolTip(what);
    field->setProperty("what", what);
    connect(field, &NumberField::entryRejected, this, &InputsPanel::showMessages);
    connect(field, &NumberField::valueEdited, this, &InputsPanel::showMessages);
    return field;
}

void InputsPanel::addInputRow(QGridLayout* grid, int row, int i) {
    QWidget* parent = grid->parentWidget();
    const QString name = fromUtf8(model_.graph().inputName(i));
    const QString unit = QStringLiteral("e") + fromUtf8(subscript(i + 1));

    NumberField* value = addField(parent, QStringLiteral("inputValue%1").arg(i), name);
    NumberField* direction = addField(parent, QStringLiteral("inputDirection%1").arg(i),
                                      QStringLiteral("ẋ of %1").arg(name));
    auto* button = unitButton(unit,
        tr("ẋ = %1: the forward sweep then gives ∂y/∂%2 for every output").arg(unit, name),
        QStringLiteral("unitDirection%1").arg(i), parent);
    auto* label = new ScrubLabel(name, value, parent);
    label->setBuddy(value);

    grid->addWidget(label, row, 0);
    grid->addWidget(value, row, 1);
    grid->addWidget(direction, row, 2);
    grid->addWidget(button, row, 3);
    values_.push_back(value);
    directions_.push_back(direction);
    inputOfRow_.push_back(i);
    directionColumn_.insert(directionColumn_.end(), {direction, button});

    connect(value, &NumberField::valueEdited, this, [this, i](double v) { model_.setInput(i, v); });
    connect(direction, &NumberField::valueEdited, this,
            [this, i](double v) { model_.setDirection(i, v); });
    connect(button, &QPushButton::clicked, this, [this, i] { model_.setUnitDirection(i); });
}

void InputsPanel::addOutputRow(QGridLayout* grid, int row, int j) {
    QWidget* parent = grid->parentWidget();
    const QString name = QString::fromStdString(model_.graph().outputs[std::size_t(j)].name);
    const QString unit = QStringLiteral("e") + fromUtf8(subscript(j + 1));

    auto* label = new QLabel(name, parent);
    auto* value = new QLabel(parent);
    value->setObjectName(QStringLiteral("outputValue%1").arg(j));
    value->setProperty("number", true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setToolTip(tr("Value of %1 (computed)").arg(name));
    NumberField* seed = addField(parent, QStringLiteral("outputSeed%1").arg(j),
                                 QStringLiteral("ȳ of %1").arg(name));
    auto* button = unitButton(unit,
        tr("ȳ = %1: the reverse sweep then gives ∂%2/∂x for every input").arg(unit, name),
        QStringLiteral("unitSeed%1").arg(j), parent);

    grid->addWidget(label, row, 0);
    grid->addWidget(value, row, 1);
    grid->addWidget(seed, row, 2);
    grid->addWidget(button, row, 3);
    outputValues_.push_back(value);
    seeds_.push_back(seed);
    outputOfRow_.push_back(j);
    seedColumn_.insert(seedColumn_.end(), {seed, button});

    connect(seed, &NumberField::valueEdited, this, [this, j](double v) { model_.setSeed(j, v); });
    connect(button, &QPushButton::clicked, this, [this, j] { model_.setUnitSeed(j); });
}

void InputsPanel::refresh() {
    const auto at = [](const std::vector<double>& v, std::size_t k) {
        return k < v.size() ? v[k] : std::nan("");
    };
    for (std::size_t r = 0; r < values_.size(); ++r) {
        const auto i = static_cast<std::size_t>(inputOfRow_[r]);
        values_[r]->showValue(at(model_.inputs(), i));
        directions_[r]->showValue(at(model_.direction(), i));
    }
    for (std::size_t r = 0; r < seeds_.size(); ++r)
        seeds_[r]->showValue(at(model_.seed(), static_cast<std::size_t>(outputOfRow_[r])));
    refreshTensors();
    refreshOutputs();
    if (randomize_) {
        randomize_->setToolTip(
            model_.program().shaped
                ? tr("Values for every input as `adviz --init k` gives them (press k uses seed k: "
                     "Glorot-uniform matrices, uniform on (−1, 1) otherwise); the next press is "
                     "k = %1, as --init %1")
                      .arg(draws_ + 1)
                : tr("New values for every input, from a fixed sequence: press it again for the "
                     "next point, the same in every session"));
    }
    // Forward mode uses the direction, reverse the seed, forward-over-reverse both (H·v of ȳᵀf
    // along ẋ).
    const Mode mode = model_.mode();
    for (const TensorRow& t : tensorRows_)
        if (t.vector) setMuted(t.vector, t.output ? mode == Mode::Forward : mode == Mode::Reverse);
    for (QWidget* w : directionColumn_) setMuted(w, mode == Mode::Reverse);
    for (QWidget* w : seedColumn_) setMuted(w, mode == Mode::Forward);
}

void InputsPanel::refreshOutputs() {
    // An output's value is shown once the sweep has computed it: at step 0 of a sweep nothing
    // is known yet, and the panel must not run ahead of the graph.
    const Theme& theme = Theme::current();
    const Graph& graph = model_.graph();
    for (std::size_t r = 0; r < outputValues_.size(); ++r) {
        const auto j = static_cast<std::size_t>(outputOfRow_[r]);
        if (j >= graph.outputs.size()) continue;
        const NodeState state = model_.stateOf(graph.outputs[j].node);  // not every node's
        const bool known = state.hasValue;
        QLabel* label = outputValues_[r];
        label->setText(known ? QString::fromStdString(formatShort(state.value))
                             : QStringLiteral("···"));
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, known ? theme.text : theme.pending);
        label->setPalette(palette);
    }
    refreshTensorOutputs();
}

void InputsPanel::showMessages() {
    QStringList lines;
    for (const auto* column : {&values_, &directions_, &seeds_})
        for (const NumberField* field : *column)
            if (!field->error().isEmpty())
                lines << tr("%1: %2 (not used)").arg(field->property("what").toString(),
                                                     field->error());
    message_->setText(lines.join(u'\n'));
    message_->setVisible(!lines.isEmpty());
}

void InputsPanel::applyTheme() {
    const Theme& theme = Theme::current();
    QFont headingFont = theme.labelFont();
    headingFont.setBold(true);
    QPalette error = message_->palette();
    error.setColor(QPalette::WindowText, theme.error);
    message_->setPalette(error);
    message_->setFont(theme.labelFont());
    QWidget* content = scroll_->widget();
    if (!content) return;
    for (QWidget* w : content->findChildren<QWidget*>()) {
        if (auto* field = qobject_cast<NumberField*>(w)) {
            field->applyTheme();
        } else if (w->property("heading").toBool()) {
            w->setFont(headingFont);
        } else if (w->property("number").toBool()) {
            w->setFont(theme.tableFont());
        } else {
            w->setFont(theme.labelFont());
            if (w->property("muted").toBool()) setMuted(w, true);
        }
        // "e₁₂" needs a third of a default push button: the columns must fit a side panel.
        if (w->property("unit").toBool())
            w->setMaximumWidth(QFontMetrics(theme.labelFont()).horizontalAdvance(QStringLiteral("e₁₂₃")) + 16);
    }
    refresh();
}

}  // namespace adviz::ui
