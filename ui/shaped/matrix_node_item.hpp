#pragma once
// One shaped operation on the canvas: its name, op and shape in the title ("z1   @ [3]"), and its
// numbers as small matrices: the value beside (vectors) or above (matrices) its tangent or
// adjoint. Up to 6 × 6 the cells hold the numbers at the node-number size; larger values are a
// heatmap (diverging purple–white–orange, readable with the common colour-vision deficiencies)
// with its scale, and hovering a cell tells its index and value.

#include <QGraphicsItem>
#include <QImage>
#include <QString>

#include <vector>

#include "autodiff/shaped/shape.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::ui {

struct MatrixState;

/// How a shaped node looks.
enum class MatrixStyle { Input, Operation, Output, TorchLeaf, TorchFunction, TorchOutput };

struct MatrixLabel {
    QString title;      ///< "z1", "u₆", or PyTorch's "MvBackward0"
    QString subtitle;   ///< "W1 @ x", or "z1 (3,)" in the PyTorch view
    QString shapeText;  ///< "[3, 2]"
    MatrixStyle style = MatrixStyle::Operation;
    shaped::Shape shape;
    QString valueName = QStringLiteral("v");  ///< heads of the two grids
    QString secondName = QStringLiteral("v̄");
    /// Whether the second grid is shown (the PyTorch view shows .grad on leaves only).
    bool second = true;
    /// H·v mode: a third grid, the adjoint's tangent along the direction (H·v for inputs).
    bool third = false;
    QString thirdName;
};

class MatrixNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 11 };
    int type() const override { return Type; }

    /// Values with more rows or columns than this are drawn as a heatmap.
    static constexpr int maxCellsPerSide = 6;

    MatrixNodeItem(int id, MatrixLabel label);
    int id() const { return id_; }
    const MatrixLabel& label() const { return label_; }
    /// The size this node takes, from the theme's fonts (set at construction).
    QSizeF size() const { return size_; }
    static QSizeF preferredSize(const MatrixLabel& label);

    /// The numbers to show: value and the mode's second number (tangent or adjoint); glow 0…1.
    void setFrame(const std::vector<double>& value, const std::vector<double>& second, Mode mode, double glow,
                  const std::vector<double>& third = {});
    const std::vector<double>& shownValue() const { return value_; }
    const std::vector<double>& shownSecond() const { return second_; }
    const std::vector<double>& shownThird() const { return third_; }
    /// Checkpointed reverse sweeps: where the operation's value is now ("kept", "checkpoint",
    /// "freed"; empty: not tracked), drawn under the title.
    void setMemory(const QString& memory);
    const QString& memory() const { return memory_; }
    /// Whether the values are drawn as heatmaps (too large for numbers in cells).
    bool isHeatmap() const;
    /// The text of the cell under a point in item coordinates ("W1[12, 5] = 0.0312"), or empty.
    QString cellTextAt(QPointF pos) const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    struct GridGeometry {
        QRectF value, second, third;  ///< where each grid's cells go
        int rows = 1, cols = 1;  ///< drawn rows and columns (long vectors wrap into a square)
        double cell = 0, cellHeight = 0;
    };
    GridGeometry geometry() const;
    void paintGrid(QPainter* p, const QRectF& area, const QString& head, const std::vector<double>& v,
                   const QColor& colour, QImage& cache, bool& dirty) const;
    QRectF box() const;

    int id_;
    MatrixLabel label_;
    QSizeF size_;
    std::vector<double> value_, second_, third_;
    Mode mode_ = Mode::Reverse;
    double glow_ = 0;
    QString memory_;
    mutable QImage valueImage_, secondImage_, thirdImage_;  // heatmaps, redrawn when the numbers change
    mutable bool valueDirty_ = true, secondDirty_ = true, thirdDirty_ = true;
};

/// The drawn grid of a shape: rows × cols, a long vector wrapped into a near-square.
struct DrawnGrid {
    int rows = 1, cols = 1;
    bool wrapped = false;
};
DrawnGrid drawnGrid(const shaped::Shape& shape);

/// The heatmap colour of v on a scale ±limit: purple below 0, white at 0, orange above.
QColor heatColour(double v, double limit);

}  // namespace adviz::ui
