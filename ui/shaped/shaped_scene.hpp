#pragma once
// The canvas of the shaped view: one MatrixNodeItem per shaped operation of the program (its
// value and its tangent or adjoint as small matrices or heatmaps) and one EdgeItem per operand,
// labelled with the shaped rule (x̄ += W1ᵀ δ⁽ᶻ¹⁾). Laid out by the layout adapter; each frame is
// computeShapedFrame of the model's shaped trace. Also the PyTorch view: the same graph labelled
// as PyTorch's autograd records it (grad_fn names, AccumulateGrad leaves with .grad).

#include <QGraphicsScene>

#include <vector>

#include "ui/shaped/shaped_frame.hpp"

namespace adviz::ui {

class SessionModel;
class MatrixNodeItem;
class EdgeItem;

class ShapedScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit ShapedScene(SessionModel& model, QObject* parent = nullptr);

    /// Lays the shaped graph out again (new program, mode, fonts).
    void relayout();
    /// Draws the frame at (step, progress) of the shaped trace.
    void showFrame(int step, double progress);
    const ShapedFrame& frame() const { return frame_; }

    /// PyTorch's names and colours (View ▸ As PyTorch autograd).
    void setTorchView(bool on);
    bool torchView() const { return torch_; }
    void setEdgeLabelsVisible(bool on);

    /// Per shaped node id: its item, or null (constants are not drawn).
    const std::vector<MatrixNodeItem*>& nodeItems() const { return nodes_; }
    const std::vector<EdgeItem*>& edgeItems() const { return edges_; }
    const ShapedDrawing& drawing() const { return drawing_; }
    /// The last layout error, empty if none.
    const QString& layoutError() const { return layoutError_; }

signals:
    void frameShown();
    void layoutFinished();
    /// A shaped node was double-clicked: show its scalar nodes.
    void expandRequested(int shapedNode);

protected:
    void showMemory(int step);  // checkpointed sweeps: where each matrix's value is
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;

private:
    SessionModel& model_;
    ShapedDrawing drawing_;
    std::vector<MatrixNodeItem*> nodes_;
    std::vector<EdgeItem*> edges_;
    ShapedFrame frame_;
    bool torch_ = false;
    Mode laidOutMode_ = Mode::Reverse;
    bool edgeLabels_ = true;
    QString layoutError_;
};

/// "z1 = u₆ + b1   [3]": shaped node id with its operation and shape.
QString operationTitle(const Graph& g, int id);

/// The PyTorch size of a shape: "(3, 2)", "(3,)", "()".
QString torchSize(const shaped::Shape& shape);

}  // namespace adviz::ui
