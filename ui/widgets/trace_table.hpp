#pragma once
// The Wengert list as a table, Griewank style: one row per input and operation (constants are
// folded into definitions), with each node's value and its tangent v̇ (forward mode), adjoint
// v̄ (reverse mode) or all of v̇, v̄ and the adjoint's tangent v̄˙ (H·v mode) as they stand after
// the current step. The row the current step changed glows; selecting a row selects the node
// everywhere. Number columns are as wide as the widest number they can show, so nothing moves
// while a sweep plays.

#include <QTableWidget>

#include <vector>

namespace adviz::ui {

class SessionModel;

class TraceTable : public QTableWidget {
    Q_OBJECT
public:
    /// The columns: Wengert name, definition, value, then those of v̇, v̄, v̄˙ the mode has
    /// (the others are hidden).
    enum Column {
        NameColumn, DefinitionColumn, ValueColumn, TangentColumn, AdjointColumn,
        AdjointTangentColumn, ColumnCount
    };

    /// A table showing model's graph and trace; model must outlive it.
    explicit TraceTable(SessionModel& model, QWidget* parent = nullptr);

    /// The row showing node id, or -1 (constants and unknown ids have none).
    int rowOfNode(int id) const;
    /// The node shown in row, or -1.
    int nodeOfRow(int row) const;
    /// The row of the node the current step changed, or -1 before the first step.
    int activeRow() const { return activeRow_; }
    /// Takes every font and colour from Theme::current() again, and the widths that follow.
    void applyTheme();

protected:
    /// Scrolling before the table is first shown does nothing: catch up with the active row.
    void showEvent(QShowEvent* event) override;

private:
    void rebuild();           // rows for a new graph
    void refresh();           // numbers and highlight for the current step
    void showColumns();       // the mode's columns
    void fixWidths();         // column widths from the fonts and the graph, not the numbers
    void setActiveRow(int row);
    void showSelection(int node);
    void onSelectionChanged();

    SessionModel& model_;
    std::vector<int> nodeOfRow_, rowOfNode_;
    int activeRow_ = -1;
    bool syncing_ = false;  // true while the table follows the model, so it does not echo back
};

}  // namespace adviz::ui
