#include "ui/widgets/trace_table.hpp"

#include "autodiff/limits.hpp"

#include <QHeaderView>
#include <QStyle>

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

// The most characters formatShort writes for any number the table can show: the initial state
// and every number a step records ("·" and "nan" included), of the nodes with a row (listed(id):
// a 10⁵-iteration program lists its first rows only, and formatting its 500,000 steps' numbers
// took a sixth of the time to open it). O(steps), once per trace.
template <class Listed>
qsizetype longestNumber(const Trace& trace, Listed listed) {
    qsizetype longest = 3;  // "nan", "···"
    auto note = [&longest](double v) {
        if (!std::isnan(v)) longest = std::max(longest, QString::fromStdString(formatShort(v)).size());
    };
    for (std::size_t id = 0; id < trace.initial.size(); ++id)
        if (listed(static_cast<int>(id))) note(trace.initial[id].value);
    for (const Step& step : trace.steps) {
        if (!listed(step.node)) continue;
        for (double v : {step.value, step.before, step.after, step.valueTangent,
                         step.beforeTangent, step.afterTangent})
            note(v);
    }
    return longest;
}

}  // namespace

TraceTable::TraceTable(SessionModel& model, QWidget* parent)
    : QTableWidget(parent), model_(model) {
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("v"), tr("definition"), tr("value"), QStringLiteral("v\u0307"),
                               QStringLiteral("v\u0304"), QStringLiteral("v\u0304\u0307")});
    horizontalHeaderItem(ValueColumn)->setToolTip(tr("v: the value, computed forward"));
    horizontalHeaderItem(TangentColumn)->setToolTip(tr("v̇: the tangent, carried forward along ẋ"));
    horizontalHeaderItem(AdjointColumn)
        ->setToolTip(tr("v̄: the adjoint, ∂(ȳᵀy)/∂v, carried back from ȳ"));
    horizontalHeaderItem(AdjointTangentColumn)
        ->setToolTip(tr("v̄˙: the adjoint's tangent along ẋ; at the inputs it is H·ẋ"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setShowGrid(false);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    for (int c = ValueColumn; c < ColumnCount; ++c)
        horizontalHeaderItem(c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    verticalHeader()->hide();
    // Fixed sizes: sizing to contents is slow on big graphs and makes columns jump per step.
    horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // The definition takes what the numbers leave: it depends on the panel's width only, never
    // on the step, and a narrow panel cuts definitions (whole in their tooltips), not numbers.
    horizontalHeader()->setSectionResizeMode(DefinitionColumn, QHeaderView::Stretch);
    horizontalHeader()->setMinimumSectionSize(24);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    applyTheme();

    connect(&model_, &SessionModel::graphChanged, this, &TraceTable::rebuild);
    connect(&model_, &SessionModel::traceChanged, this, [this] {
        fixWidths();  // a new sweep: its own widest number
        refresh();
    });
    connect(&model_, &SessionModel::stepChanged, this, &TraceTable::refresh);
    connect(&model_, &SessionModel::selectionChanged, this, &TraceTable::showSelection);
    connect(this, &QTableWidget::itemSelectionChanged, this, &TraceTable::onSelectionChanged);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &TraceTable::applyTheme);
    rebuild();
}

void TraceTable::applyTheme() {
    const Theme& theme = Theme::current();
    setFont(theme.labelFont());
    // A light selection keeps the numbers readable; the current step's glow stays distinct.
    QPalette palette = this->palette();
    QColor selection = theme.selected;
    selection.setAlpha(0x70);
    palette.setColor(QPalette::Highlight, selection);
    palette.setColor(QPalette::HighlightedText, theme.text);
    palette.setColor(QPalette::Base, theme.background);
    palette.setColor(QPalette::Text, theme.text);
    setPalette(palette);
    QFont headerFont = theme.labelFont();
    headerFont.setBold(true);
    horizontalHeader()->setFont(headerFont);
    for (int c = 0; c < ColumnCount; ++c)
        if (QTableWidgetItem* h = horizontalHeaderItem(c)) h->setFont(headerFont);
    const int line = std::max(QFontMetrics(theme.labelFont()).height(),
                              QFontMetrics(theme.tableFont()).height());
    verticalHeader()->setDefaultSectionSize(line + line / 2);
    for (int row = 0; row < rowCount(); ++row)
        for (int c = 0; c < ColumnCount; ++c)
            if (QTableWidgetItem* cell = item(row, c)) {
                QFont font = c < ValueColumn ? theme.labelFont() : theme.tableFont();
                font.setBold(row == activeRow_);
                cell->setFont(font);
            }
    fixWidths();
    refresh();  // the numbers' colours
}

void TraceTable::fixWidths() {
    const Theme& theme = Theme::current();
    QFont bold = theme.tableFont();
    bold.setBold(true);  // the active row is bold: its widest number must fit too
    const QFontMetrics boldNumbers(bold);
    QFont headerFont = theme.labelFont();
    headerFont.setBold(true);
    const QFontMetrics header(headerFont);
    // As wide as the widest number this sweep will ever show (every number it records, at any
    // step), in the bold of the current step's row: fixed for the whole sweep, so nothing moves
    // while it plays, and no wider than needed, so H·v's four columns fit a side panel. The
    // table's numbers are in a monospaced font: the longest text is the widest.
    const int widestNumber = boldNumbers.horizontalAdvance(
        QString(longestNumber(model_.trace(), [this](int id) { return rowOfNode(id) >= 0; }), u'8'));
    const int padding = 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 16;
    for (int c = ValueColumn; c < ColumnCount; ++c)
        setColumnWidth(c, std::max(widestNumber, header.horizontalAdvance(
                                                     horizontalHeaderItem(c)->text())) + padding);
    // Names do not change while a sweep plays: their width is set per graph (the definition
    // stretches over the rest).
    int name = header.horizontalAdvance(horizontalHeaderItem(NameColumn)->text());
    QFont boldLabel = theme.labelFont();
    boldLabel.setBold(true);
    const QFontMetrics labels(boldLabel);
    for (int row = 0; row < rowCount() && row < 2000; ++row) {  // enough to see the pattern
        name = std::max(name, labels.horizontalAdvance(item(row, NameColumn)->text()));
    }
    setColumnWidth(NameColumn, name + padding);
}

void TraceTable::showColumns() {
    const Mode mode = model_.mode();
    setColumnHidden(TangentColumn, mode == Mode::Reverse);
    setColumnHidden(AdjointColumn, mode == Mode::Forward);
    setColumnHidden(AdjointTangentColumn, mode != Mode::ForwardOverReverse);
    // H·v has four numbers per row: they come right after the name, so a side panel shows all
    // four, and the definition moves to the end (the graph shows it too).
    QHeaderView* header = horizontalHeader();
    const int wanted = mode == Mode::ForwardOverReverse ? ColumnCount - 1 : DefinitionColumn;
    if (header->visualIndex(DefinitionColumn) != wanted)
        header->moveSection(header->visualIndex(DefinitionColumn), wanted);
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
    // A program rolled up in the graph (10⁵ iterations) lists its first rows only: a table of
    // every node would take seconds and hundreds of megabytes to build.
    for (int id = 0; id < graph.size() && static_cast<int>(nodeOfRow_.size()) < limits::maxDrawnNodes; ++id) {
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
        item(row, DefinitionColumn)->setToolTip(definition);
        for (int c = ValueColumn; c < ColumnCount; ++c)
            setItem(row, c, makeItem({}, theme.tableFont(), Qt::AlignRight));
    }
    syncing_ = false;
    fixWidths();
    refresh();
    showSelection(model_.selectedNode());
}

void TraceTable::refresh() {
    const Theme& theme = Theme::current();
    showColumns();
    const Mode mode = model_.mode();
    for (int row = 0; row < rowCount(); ++row) {
        const NodeState s = model_.stateOf(nodeOfRow_[std::size_t(row)]);  // not every node's
        setNumber(item(row, ValueColumn), s.hasValue, s.value, theme.value);
        if (mode != Mode::Reverse)  // forward mode's v̇, or H·v's tangent of the value
            setNumber(item(row, TangentColumn), s.hasTangent, s.tangent, theme.tangent);
        if (mode != Mode::Forward)
            setNumber(item(row, AdjointColumn), s.hasAdjoint, s.adjoint, theme.adjoint);
        if (mode == Mode::ForwardOverReverse)  // the adjoint's tangent: H·v at the inputs
            setNumber(item(row, AdjointTangentColumn), s.hasAdjointTangent, s.adjointTangent,
                      theme.selected);
    }

    const int step = model_.step();
    const auto& steps = model_.trace().steps;
    const bool started = step > 0 && step <= static_cast<int>(steps.size());
    setActiveRow(started ? rowOfNode(steps[std::size_t(step - 1)].node) : -1);
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
