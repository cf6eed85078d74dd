#include "ui/widgets/trace_table.hpp"

#include <QHeaderView>

#include <algorithm>

#include "autodiff/number_format.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

QString fromUtf8(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QTableWidgetItem* makeItem(const QString& text, const QFont& font, Qt::Alignment alignment) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);  // read-only
    item->setFont(font);
    item->setTextAlignment(alignment | Qt::AlignVCenter);
    return item;
}

// A number as the table shows it: short, or "·" in the pending colour while not yet computed
// (a computed NaN, such as log of a negative, reads "nan").
void setNumber(QTableWidgetItem* item, bool known, double value, const QColor& colour) {
    const Theme& theme = Theme::current();
    item->setText(known ? QString::fromStdString(formatShort(value)) : QStringLiteral("·"));
    item->setForeground(known ? colour : theme.pending);
}

}  // namespace

TraceTable::TraceTable(SessionModel& model, QWidget* parent)
    : QTableWidget(parent), model_(model) {
    const Theme& theme = Theme::current();
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("v"), tr("definition"), tr("value"), QString()});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setShowGrid(false);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setFont(theme.labelFont());

    // A light selection keeps the numbers readable; the current step's glow stays distinct.
    QPalette palette = this->palette();
    QColor selection = theme.selected;
    selection.setAlpha(0x70);
    palette.setColor(QPalette::Highlight, selection);
    palette.setColor(QPalette::HighlightedText, theme.text);
    setPalette(palette);

    QFont headerFont = theme.labelFont();
    headerFont.setBold(true);
    horizontalHeader()->setFont(headerFont);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSectionResizeMode(DefinitionColumn, QHeaderView::Stretch);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    verticalHeader()->hide();
    // Fixed row heights from the fonts: sizing every row to contents is slow on big graphs.
    const int line = std::max(QFontMetrics(theme.labelFont()).height(),
                              QFontMetrics(theme.numberFont()).height());
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(line + line / 2);

    connect(&model_, &SessionModel::graphChanged, this, &TraceTable::rebuild);
    connect(&model_, &SessionModel::traceChanged, this, &TraceTable::refresh);
    connect(&model_, &SessionModel::stepChanged, this, &TraceTable::refresh);
    connect(&model_, &SessionModel::selectionChanged, this, &TraceTable::showSelection);
    connect(this, &QTableWidget::itemSelectionChanged, this, &TraceTable::onSelectionChanged);
    rebuild();
}

int TraceTable::rowOfNode(int id) const {
    return id >= 0 && id < static_cast<int>(rowOfNode_.size()) ? rowOfNode_[std::size_t(id)]
                                                                 : -1;
}

int TraceTable::nodeOfRow(int row) const {
    return row >= 0 && row < static_cast<int>(nodeOfRow_.size()) ? nodeOfRow_[std::size_t(row)]
                                                                  : -1;
}

void TraceTable::rebuild() {
    const Theme& theme = Theme::current();
    const Graph& graph = model_.graph();
    syncing_ = true;  // dropping the old rows clears the selection: not the user's doing
    nodeOfRow_.clear();
    rowOfNode_.assign(static_cast<std::size_t>(graph.size()), -1);
    for (int id = 0; id < graph.size(); ++id) {
        if (graph[id].op == Op::Const) continue;  // constants have no Wengert number
        rowOfNode_[std::size_t(id)] = static_cast<int>(nodeOfRow_.size());
        nodeOfRow_.push_back(id);
    }
    activeRow_ = -1;
    setRowCount(0);
    setRowCount(static_cast<int>(nodeOfRow_.size()));
    for (int row = 0; row < rowCount(); ++row) {
        const int id = nodeOfRow_[std::size_t(row)];
        const QString name = fromUtf8(graph.wengertName(id));
        QString definition = name + QStringLiteral(" = ") + fromUtf8(graph.definition(id));
        // An input's definition is its name already; an operation's name is worth adding.
        if (graph[id].op != Op::Input && !graph.nameOf(id).empty())
            definition += QStringLiteral("   (") + fromUtf8(graph.nameOf(id)) + u')';
        setItem(row, NameColumn, makeItem(name, theme.labelFont(), Qt::AlignLeft));
        setItem(row, DefinitionColumn, makeItem(definition, theme.labelFont(), Qt::AlignLeft));
        setItem(row, ValueColumn, makeItem({}, theme.numberFont(), Qt::AlignRight));
        setItem(row, DerivativeColumn, makeItem({}, theme.numberFont(), Qt::AlignRight));
    }
    syncing_ = false;
    refresh();
    showSelection(model_.selectedNode());
}

void TraceTable::refresh() {
    const Theme& theme = Theme::current();
    const bool forward = model_.mode() == Mode::Forward;
    auto* header = horizontalHeaderItem(DerivativeColumn);
    header->setText(model_.mode() == Mode::ForwardOverReverse ? QStringLiteral("v\u0304\u0307")
                    : forward ? QStringLiteral("v\u0307") : QStringLiteral("v\u0304"));
    header->setToolTip(forward ? tr("v̇: the tangent, carried forward along ẋ")
                               : tr("v̄: the adjoint, ∂(ȳᵀy)/∂v, carried back from ȳ"));

    const std::vector<NodeState> state = model_.state();
    for (int row = 0; row < rowCount(); ++row) {
        const std::size_t id = static_cast<std::size_t>(nodeOfRow_[std::size_t(row)]);
        if (id >= state.size()) continue;
        const NodeState& s = state[id];
        setNumber(item(row, ValueColumn), s.hasValue, s.value, theme.value);
        if (model_.mode() == Mode::ForwardOverReverse)  // the adjoint's tangent: H·v at inputs
            setNumber(item(row, DerivativeColumn), s.hasAdjointTangent, s.adjointTangent, theme.selected);
        else if (forward)
            setNumber(item(row, DerivativeColumn), s.hasTangent, s.tangent, theme.tangent);
        else
            setNumber(item(row, DerivativeColumn), s.hasAdjoint, s.adjoint, theme.adjoint);
    }

    const int step = model_.step();
    const auto& steps = model_.trace().steps;
    const bool started = step > 0 && step <= static_cast<int>(steps.size());
    setActiveRow(started ? rowOfNode(steps[std::size_t(step - 1)].node) : -1);
    resizeColumnsToContents();  // numbers grow from "·" to "0.8415" as the sweep proceeds
}

void TraceTable::setActiveRow(int row) {
    const Theme& theme = Theme::current();
    const auto mark = [this](int r, const QVariant& background, bool bold) {
        for (int c = 0; c < columnCount(); ++c) {
            QTableWidgetItem* cell = item(r, c);
            if (!cell) continue;
            cell->setData(Qt::BackgroundRole, background);
            QFont font = cell->font();
            font.setBold(bold);  // bold survives the selection colour, which hides the glow
            cell->setFont(font);
        }
    };
    if (activeRow_ >= 0 && activeRow_ < rowCount() && activeRow_ != row)
        mark(activeRow_, QVariant(), false);
    activeRow_ = row;
    if (row < 0) return;
    mark(row, QBrush(theme.activeGlow), true);
    scrollToItem(item(row, NameColumn), QAbstractItemView::EnsureVisible);
}

void TraceTable::showEvent(QShowEvent* event) {
    QTableWidget::showEvent(event);
    if (activeRow_ >= 0 && activeRow_ < rowCount())
        scrollToItem(item(activeRow_, NameColumn), QAbstractItemView::PositionAtCenter);
}

void TraceTable::showSelection(int node) {
    syncing_ = true;
    const int row = rowOfNode(node);
    if (row < 0) {
        clearSelection();
    } else if (!selectionModel()->isRowSelected(row, QModelIndex())) {
        selectRow(row);
        scrollToItem(item(row, NameColumn), QAbstractItemView::EnsureVisible);
    }
    syncing_ = false;
}

void TraceTable::onSelectionChanged() {
    if (syncing_) return;
    const QModelIndexList rows = selectionModel()->selectedRows();
    model_.setSelectedNode(rows.isEmpty() ? -1 : nodeOfRow(rows.first().row()));
}

}  // namespace adviz::ui
