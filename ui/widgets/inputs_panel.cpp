#include "ui/widgets/inputs_panel.hpp"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <cmath>
#include <optional>

#include "autodiff/number_format.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

constexpr int kDecimals = 6;
constexpr double kRange = 1e9;
constexpr double kScrubPerPixel = 0.01;  // Blender-like: fine by default, Shift for ×10

QString fromUtf8(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// A spin box that writes 1 as "1", not "1.000000": six decimals are allowed, not imposed.
class NumberBox final : public QDoubleSpinBox {
public:
    explicit NumberBox(QWidget* parent) : QDoubleSpinBox(parent) {
        setDecimals(kDecimals);
        setRange(-kRange, kRange);
        setSingleStep(0.1);
        setKeyboardTracking(false);  // a value reaches the model on Enter, not per keystroke
        setAccelerated(true);
        setFont(Theme::current().numberFont());
    }

    QString textFromValue(double value) const override {
        QString s = locale().toString(value, 'f', decimals());
        s.remove(locale().groupSeparator());
        const QString point = locale().decimalPoint();
        if (s.contains(point)) {
            while (s.endsWith(u'0')) s.chop(1);
            if (s.endsWith(point)) s.chop(point.size());
        }
        return s == u"-0" ? QStringLiteral("0") : s;
    }
};

// An input's name that changes its value when dragged sideways, so a teacher can sweep x and
// let the class watch every number follow.
class ScrubLabel final : public QLabel {
public:
    ScrubLabel(const QString& text, QDoubleSpinBox* target, QWidget* parent)
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
        target_->setValue(target_->value() + (x - *lastX_) * perPixel);
        lastX_ = x;
    }
    void mouseReleaseEvent(QMouseEvent*) override { lastX_.reset(); }

private:
    QDoubleSpinBox* target_;
    std::optional<double> lastX_;
};

QLabel* heading(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont font = Theme::current().labelFont();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QPushButton* unitButton(const QString& text, const QString& tip, const QString& name,
                        QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setFont(Theme::current().labelFont());
    button->setToolTip(tip);
    button->setObjectName(name);
    return button;
}

void setMuted(QWidget* widget, bool muted) {
    const Theme& theme = Theme::current();
    const QColor colour = muted ? theme.mutedText : theme.text;
    QPalette palette = widget->palette();
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(role, colour);
    widget->setPalette(palette);
}

// Sets a box without echoing back to the model, and leaves it alone when it already shows the
// value (re-setting would reset text the user is typing in it).
void showValue(QDoubleSpinBox* box, double value) {
    if (!std::isfinite(value)) return;
    const double shown = std::round(value * 1e6) / 1e6;
    if (box->value() == shown) return;
    const QSignalBlocker blocker(box);
    box->setValue(value);
}

}  // namespace

InputsPanel::InputsPanel(SessionModel& model, QWidget* parent)
    : QWidget(parent), model_(model), scroll_(new QScrollArea(this)) {
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll_);

    connect(&model_, &SessionModel::graphChanged, this, &InputsPanel::rebuild);
    connect(&model_, &SessionModel::pointChanged, this, &InputsPanel::refresh);
    connect(&model_, &SessionModel::traceChanged, this, &InputsPanel::refresh);
    rebuild();
}

void InputsPanel::rebuild() {
    values_.clear();
    directions_.clear();
    seeds_.clear();
    outputValues_.clear();
    directionColumn_.clear();
    seedColumn_.clear();
    // Later, not now: a rebuild may run inside a signal from one of the old widgets.
    if (QWidget* old = scroll_->takeWidget()) old->deleteLater();
    scroll_->setWidget(buildRows());
    refresh();
}

QWidget* InputsPanel::buildRows() {
    auto* content = new QWidget;
    auto* grid = new QGridLayout(content);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(6);
    const Graph& graph = model_.graph();

    int row = 0;
    grid->addWidget(heading(tr("inputs"), content), row, 0);
    grid->addWidget(heading(QStringLiteral("x"), content), row, 1);
    QLabel* directionHeading = heading(tr("ẋ (forward direction)"), content);
    grid->addWidget(directionHeading, row, 2, 1, 2);
    directionColumn_.push_back(directionHeading);
    ++row;
    for (int i = 0; i < graph.inputCount(); ++i) addInputRow(grid, row++, i);
    if (graph.inputCount() == 0) {
        auto* none = new QLabel(tr("(no inputs)"), content);
        setMuted(none, true);
        grid->addWidget(none, row++, 0, 1, 4);
    }

    grid->setRowMinimumHeight(row++, 12);  // a gap between the two groups
    grid->addWidget(heading(tr("outputs"), content), row, 0);
    grid->addWidget(heading(tr("value"), content), row, 1);
    QLabel* seedHeading = heading(tr("ȳ (reverse seed)"), content);
    grid->addWidget(seedHeading, row, 2, 1, 2);
    seedColumn_.push_back(seedHeading);
    ++row;
    for (int j = 0; j < graph.outputCount(); ++j) addOutputRow(grid, row++, j);

    grid->setRowStretch(row, 1);      // rows stay at the top
    grid->setColumnStretch(4, 1);     // and compact at the left
    return content;
}

void InputsPanel::addInputRow(QGridLayout* grid, int row, int i) {
    QWidget* parent = grid->parentWidget();
    const QString name = fromUtf8(model_.graph().inputName(i));
    const QString unit = QStringLiteral("e") + fromUtf8(subscript(i + 1));

    auto* value = new NumberBox(parent);
    value->setObjectName(QStringLiteral("inputValue%1").arg(i));
    value->setToolTip(tr("Value of %1").arg(name));
    auto* direction = new NumberBox(parent);
    direction->setObjectName(QStringLiteral("inputDirection%1").arg(i));
    direction->setToolTip(tr("Forward direction: ẋ for %1").arg(name));
    auto* button = unitButton(unit,
        tr("ẋ = %1: the forward sweep then gives ∂y/∂%2 for every output").arg(unit, name),
        QStringLiteral("unitDirection%1").arg(i), parent);
    auto* label = new ScrubLabel(name, value, parent);
    label->setFont(Theme::current().labelFont());
    label->setBuddy(value);

    grid->addWidget(label, row, 0);
    grid->addWidget(value, row, 1);
    grid->addWidget(direction, row, 2);
    grid->addWidget(button, row, 3);
    values_.push_back(value);
    directions_.push_back(direction);
    directionColumn_.insert(directionColumn_.end(), {direction, button});

    connect(value, &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
        model_.setInput(i, v);
    });
    connect(direction, &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
        model_.setDirection(i, v);
    });
    connect(button, &QPushButton::clicked, this, [this, i] { model_.setUnitDirection(i); });
}

void InputsPanel::addOutputRow(QGridLayout* grid, int row, int j) {
    QWidget* parent = grid->parentWidget();
    const Theme& theme = Theme::current();
    const QString name = QString::fromStdString(model_.graph().outputs[std::size_t(j)].name);
    const QString unit = QStringLiteral("e") + fromUtf8(subscript(j + 1));

    auto* label = new QLabel(name, parent);
    label->setFont(theme.labelFont());
    auto* value = new QLabel(parent);
    value->setObjectName(QStringLiteral("outputValue%1").arg(j));
    value->setFont(theme.numberFont());
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setToolTip(tr("Value of %1 (computed)").arg(name));
    auto* seed = new NumberBox(parent);
    seed->setObjectName(QStringLiteral("outputSeed%1").arg(j));
    seed->setToolTip(tr("Reverse seed: ȳ for %1").arg(name));
    auto* button = unitButton(unit,
        tr("ȳ = %1: the reverse sweep then gives ∂%2/∂x for every input").arg(unit, name),
        QStringLiteral("unitSeed%1").arg(j), parent);

    grid->addWidget(label, row, 0);
    grid->addWidget(value, row, 1);
    grid->addWidget(seed, row, 2);
    grid->addWidget(button, row, 3);
    outputValues_.push_back(value);
    seeds_.push_back(seed);
    seedColumn_.insert(seedColumn_.end(), {seed, button});

    connect(seed, &QDoubleSpinBox::valueChanged, this, [this, j](double v) {
        model_.setSeed(j, v);
    });
    connect(button, &QPushButton::clicked, this, [this, j] { model_.setUnitSeed(j); });
}

void InputsPanel::refresh() {
    const auto at = [](const std::vector<double>& v, std::size_t k) {
        return k < v.size() ? v[k] : std::nan("");
    };
    for (std::size_t i = 0; i < values_.size(); ++i) {
        showValue(values_[i], at(model_.inputs(), i));
        showValue(directions_[i], at(model_.direction(), i));
    }
    const std::vector<double>& outputs = model_.trace().outputs;
    for (std::size_t j = 0; j < seeds_.size(); ++j) {
        showValue(seeds_[j], at(model_.seed(), j));
        const bool known = j < outputs.size();
        outputValues_[j]->setText(known ? QString::fromStdString(formatShort(outputs[j]))
                                        : QStringLiteral("·"));
    }
    // Forward mode uses the direction, reverse the seed, forward-over-reverse both (H·v of ȳᵀf
    // along ẋ).
    const Mode mode = model_.mode();
    for (QWidget* w : directionColumn_) setMuted(w, mode == Mode::Reverse);
    for (QWidget* w : seedColumn_) setMuted(w, mode == Mode::Forward);
}

}  // namespace adviz::ui
