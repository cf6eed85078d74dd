#include "ui/widgets/tensor_editor.hpp"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>

#include <algorithm>
#include <cmath>

#include "autodiff/number_format.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/number_field.hpp"

namespace adviz::ui {
namespace {

QString shortText(double x) { return QString::fromStdString(formatShort(x)); }

// Three significant digits: a preview is a reminder of the numbers, the grid holds them exactly.
QString previewText(double x) {
    if (!std::isfinite(x) || x == 0) return shortText(x);
    QString s = QString::number(x, 'g', 3);
    if (s.startsWith(u'-')) s.replace(0, 1, QStringLiteral("−"));
    return s;
}

QLabel* indexLabel(int k, QWidget* parent) {
    auto* label = new QLabel(QString::number(k), parent);
    label->setProperty("muted", true);
    label->setAlignment(Qt::AlignCenter);
    return label;
}

double at(const std::vector<double>& v, std::int32_t k) {
    return k >= 0 && static_cast<std::size_t>(k) < v.size() ? v[static_cast<std::size_t>(k)] : std::nan("");
}

}  // namespace

QString tensorPreview(const std::vector<double>& values) {
    // In brackets, so the next column's numbers are never read as more elements; at most nine
    // characters, the width of a number field, or the panel outgrows a 1024-pixel projector's
    // side bar: every number if they fit in seven, else the first that fit in four, then "…".
    QStringList all;
    qsizetype length = 0;
    for (double v : values) {
        all << previewText(v);
        length += all.back().size() + (all.size() > 1 ? 2 : 0);
        if (length > 7) break;
    }
    if (length <= 7 && static_cast<std::size_t>(all.size()) == values.size())
        return u'[' + all.join(QStringLiteral(", ")) + u']';
    QStringList shown{all.front()};
    for (qsizetype k = 1, used = all.front().size(); k < all.size() && used + 2 + all[k].size() <= 4; ++k) {
        used += 2 + all[k].size();
        shown << all[k];
    }
    return u'[' + shown.join(QStringLiteral(", ")) + QStringLiteral(", …]");
}

QString tensorNorm(const std::vector<double>& values) {
    double squares = 0;
    for (double v : values) squares += v * v;
    return QStringLiteral("‖·‖=") + shortText(std::sqrt(squares));  // no spaces: a narrow column
}

QString tensorSummary(const std::vector<double>& values) {
    if (values.empty()) return {};
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    double squares = 0;
    for (double v : values) squares += v * v;
    return QObject::tr("min %1, max %2, ‖·‖ = %3")
        .arg(shortText(*lo), shortText(*hi), shortText(std::sqrt(squares)));
}

TensorEditor::TensorEditor(SessionModel& model, shaped::Port port, Side side, QWidget* parent)
    : QDialog(parent), model_(model), port_(std::move(port)), side_(side) {
    const QString name = QString::fromStdString(port_.name);
    const QString shape = QString::fromStdString(port_.shape.text());
    setWindowTitle(tr("%1 %2").arg(name, shape));
    setObjectName(QStringLiteral("tensorEditor"));

    auto* layout = new QVBoxLayout(this);
    title_ = new QLabel(tr("%1  %2").arg(name, shape), this);
    title_->setObjectName(QStringLiteral("tensorTitle"));
    title_->setProperty("heading", true);
    layout->addWidget(title_);

    auto* grids = new QWidget;
    // Narrow tensors (a vector is one column) side by side with their direction; wide ones stacked.
    const int shownCols = port_.shape.rank == 1 ? 1 : port_.shape.cols();  // a vector is a column
    QBoxLayout* row = shownCols <= 3 ? static_cast<QBoxLayout*>(new QHBoxLayout(grids))
                                               : static_cast<QBoxLayout*>(new QVBoxLayout(grids));
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(18);
    if (side_ == Side::Input) {
        row->addWidget(buildGrid(tr("x (value)"), QStringLiteral("tensorValue"), values_));
        directionGrid_ = buildGrid(tr("ẋ (direction)"), QStringLiteral("tensorDirection"), directions_);
        row->addWidget(directionGrid_);
    } else {
        row->addWidget(buildGrid(tr("ȳ (seed)"), QStringLiteral("tensorSeed"), seeds_));
    }
    row->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(grids);
    layout->addWidget(scroll, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(buttons);

    for (std::size_t k = 0; k < port_.items.size(); ++k) {
        const int i = port_.items[k];
        if (side_ == Side::Input) {
            connect(values_[k], &NumberField::valueEdited, this, [this, i](double v) { model_.setInput(i, v); });
            connect(directions_[k], &NumberField::valueEdited, this, [this, i](double v) { model_.setDirection(i, v); });
        } else {
            connect(seeds_[k], &NumberField::valueEdited, this, [this, i](double v) { model_.setSeed(i, v); });
        }
    }
    connect(&model_, &SessionModel::pointChanged, this, &TensorEditor::refresh);
    connect(&model_, &SessionModel::traceChanged, this, &TensorEditor::refresh);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &TensorEditor::applyTheme);
    applyTheme();
}

QWidget* TensorEditor::buildGrid(const QString& heading, const QString& objectPrefix,
                                 std::vector<NumberField*>& fields) {
    auto* box = new QWidget;
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(4);
    auto* title = new QLabel(heading, box);
    title->setProperty("heading", true);
    const int rows = port_.shape.rank == 1 ? port_.shape.dims[0] : port_.shape.rows();
    const int cols = port_.shape.rank == 1 ? 1 : port_.shape.cols();
    grid->addWidget(title, 0, 0, 1, cols + 1);
    // Indices as PyTorch counts them, so W1[1,0] is found at row 1, column 0.
    if (port_.shape.rank == 2)
        for (int c = 0; c < cols; ++c) grid->addWidget(indexLabel(c, box), 1, c + 1);
    const QString name = QString::fromStdString(port_.name);
    for (int r = 0; r < rows; ++r) {
        grid->addWidget(indexLabel(r, box), r + 2, 0);
        for (int c = 0; c < cols; ++c) {
            const auto k = static_cast<std::size_t>(r * cols + c);
            auto* field = new NumberField(box);
            field->setObjectName(objectPrefix + QString::number(k));
            field->setToolTip(heading.section(' ', 0, 0) + QStringLiteral(" of ") + name +
                              QString::fromStdString(port_.shape.indexText(k)));
            grid->addWidget(field, r + 2, c + 1);
            fields.push_back(field);
        }
    }
    grid->setRowStretch(rows + 2, 1);
    return box;
}

void TensorEditor::refresh() {
    for (std::size_t k = 0; k < port_.items.size(); ++k) {
        const std::int32_t i = port_.items[k];
        if (side_ == Side::Input) {
            values_[k]->showValue(at(model_.inputs(), i));
            directions_[k]->showValue(at(model_.direction(), i));
        } else {
            seeds_[k]->showValue(at(model_.seed(), i));
        }
    }
    // The direction matters in forward mode and H·v; in reverse mode it only takes room.
    if (directionGrid_) directionGrid_->setVisible(model_.mode() != Mode::Reverse);
}

void TensorEditor::applyTheme() {
    const Theme& theme = Theme::current();
    QFont headingFont = theme.labelFont();
    headingFont.setBold(true);
    for (QWidget* w : findChildren<QWidget*>()) {
        if (auto* field = qobject_cast<NumberField*>(w)) {
            field->applyTheme();
        } else if (w->property("heading").toBool()) {
            w->setFont(headingFont);
        } else if (qobject_cast<QLabel*>(w) || qobject_cast<QPushButton*>(w)) {
            w->setFont(theme.labelFont());
            if (w->property("muted").toBool()) {
                QPalette p = w->palette();
                p.setColor(QPalette::WindowText, theme.mutedText);
                w->setPalette(p);
            }
        }
    }
    refresh();
    adjustSize();
}

}  // namespace adviz::ui
