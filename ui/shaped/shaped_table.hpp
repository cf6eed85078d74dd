#pragma once
// The Wengert list of a program with vectors and matrices, one row per shaped operation: its
// name, definition and shape, then its value and its tangent or adjoint after the current step
// (written out up to 12 entries, otherwise by size). The row the current step changed glows.

#include <QTableWidget>

#include <vector>

namespace adviz::ui {

class SessionModel;
class ShapedScene;

class ShapedTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, DefinitionColumn, ShapeColumn, ValueColumn, SecondColumn, ColumnCount };

    ShapedTable(SessionModel& model, ShapedScene& scene, QWidget* parent = nullptr);
    /// The row of shaped node id, or -1 (constants have none).
    int rowOfNode(int id) const;
    int activeRow() const { return activeRow_; }
    void applyTheme();

private:
    void rebuild();
    void refresh();

    SessionModel& model_;
    ShapedScene& scene_;
    std::vector<int> nodeOfRow_, rowOfNode_;
    int activeRow_ = -1;
};

}  // namespace adviz::ui
