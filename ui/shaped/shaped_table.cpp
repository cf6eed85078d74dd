#include "ui/shaped/shaped_table.hpp"

#include <QHeaderView>

#include "autodiff/shaped/shaped_rules.hpp"
#include "ui/model/session_model.hpp"
#include "ui/shaped/matrix_node_item.hpp"
#include "ui/shaped/matrix_text.hpp"
#include "ui/shaped/shaped_caption.hpp"
#include "ui/shaped/shaped_scene.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {

ShapedTable::ShapedTable(SessionModel& model, ShapedScene& scene, QWidget* parent)
    : QTableWidget(parent), model_(model), scene_(scene) {
    setObjectName(QStringLiteral("shapedTable"));
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("name"), tr("definition"), tr("shape"), tr("value"), tr("v̄")});
    setEditTriggers(NoEditTriggers);
    setSelectionMode(NoSelection);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    connect(&scene_, &ShapedScene::layoutFinished, this, &ShapedTable::rebuild);
    connect(&scene_, &ShapedScene::frameShown, this, &ShapedTable::refresh);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &ShapedTable::applyTheme);
    applyTheme();
}

int ShapedTable::rowOfNode(int id) const {
    return id >= 0 && id < static_cast<int>(rowOfNode_.size()) ? rowOfNode_[static_cast<std::size_t>(id)] : -1;
}

void ShapedTable::applyTheme() {
    const Theme& t = Theme::current();
    setFont(t.tableFont());
    QFont header = t.labelFont();
    header.setBold(true);
    horizontalHeader()->setFont(header);
    const int line = std::max(QFontMetrics(t.labelFont()).height(), QFontMetrics(t.tableFont()).height());
    verticalHeader()->setDefaultSectionSize(line + line / 2);
    refresh();
}

void ShapedTable::rebuild() {
    const Graph& g = model_.program();
    nodeOfRow_.clear();
    rowOfNode_.clear();
    activeRow_ = -1;
    setRowCount(0);
    if (model_.level() != Level::Shaped || !g.shaped) return;
    const auto& items = scene_.nodeItems();
    rowOfNode_.assign(items.size(), -1);
    for (std::size_t id = 0; id < items.size(); ++id)
        if (items[id]) {
            rowOfNode_[id] = static_cast<int>(nodeOfRow_.size());
            nodeOfRow_.push_back(static_cast<int>(id));
        }
    setRowCount(static_cast<int>(nodeOfRow_.size()));
    for (int row = 0; row < rowCount(); ++row) {
        const MatrixLabel& l = items[static_cast<std::size_t>(nodeOfRow_[static_cast<std::size_t>(row)])]->label();
        const QString name = QString::fromStdString(shaped::label(*g.shaped, nodeOfRow_[static_cast<std::size_t>(row)]));
        const QString def = (*g.shaped)[nodeOfRow_[static_cast<std::size_t>(row)]].kind == shaped::Kind::Input
                                ? tr("input")
                                : l.subtitle;
        setItem(row, NameColumn, new QTableWidgetItem(name));
        setItem(row, DefinitionColumn, new QTableWidgetItem(def));
        setItem(row, ShapeColumn, new QTableWidgetItem(l.shapeText));
        setItem(row, ValueColumn, new QTableWidgetItem);
        setItem(row, SecondColumn, new QTableWidgetItem);
        item(row, DefinitionColumn)->setToolTip(def);
    }
    horizontalHeaderItem(SecondColumn)->setText(model_.mode() == Mode::Forward ? tr("v̇") : tr("v̄"));
    refresh();
}

void ShapedTable::refresh() {
    const Graph& g = model_.program();
    if (!g.shaped || nodeOfRow_.empty()) return;
    const Theme& t = Theme::current();
    const ShapedFrame& f = scene_.frame();
    if (f.nodes.size() != static_cast<std::size_t>(g.shaped->size()) || rowOfNode_.size() != f.nodes.size()) return;
    const bool forward = model_.mode() == Mode::Forward;
    activeRow_ = rowOfNode(f.activeNode);
    for (int row = 0; row < rowCount(); ++row) {
        const int id = nodeOfRow_[static_cast<std::size_t>(row)];
        const MatrixState& m = f.nodes[static_cast<std::size_t>(id)];
        const shaped::Shape& shape = (*g.shaped)[id].shape;
        const std::vector<double>& second = forward ? m.tangent : m.adjoint;
        item(row, ValueColumn)->setText(m.value.empty() ? QStringLiteral("·") : matrixText(shape, m.value));
        item(row, SecondColumn)->setText(second.empty() ? QStringLiteral("·") : matrixText(shape, second));
        item(row, SecondColumn)->setForeground(forward ? t.tangent : t.adjoint);
        const QBrush back = row == activeRow_ ? QBrush(t.activeGlow) : QBrush();
        for (int c = 0; c < ColumnCount; ++c) {
            item(row, c)->setBackground(back);
            QFont font = c < ValueColumn ? t.labelFont() : t.tableFont();
            font.setBold(row == activeRow_);
            item(row, c)->setFont(font);
        }
    }
    if (activeRow_ >= 0) scrollToItem(item(activeRow_, NameColumn));
}

}  // namespace adviz::ui
