#pragma once
// The canvas of the shaped view: one MatrixNodeItem per shaped operation of the program (its
// value and its tangent or adjoint as small matrices or heatmaps) and one EdgeItem per operand,
// labelled with the shaped rule (x̄ += W1ᵀ δ⁽ᶻ¹⁾). Laid out by the layout adapter; each frame is
// computeShapedFrame of the model's shaped trace. Also the PyTorch view: the same graph labelled
// as PyTorch's autograd records it (grad_fn names, AccumulateGrad leaves with .grad). Any
// operation can be expanded in place (ui/shaped/inline_expansion.hpp): a frame titled like its
// box holds its scalar nodes, numbered from the engine's scalar trace at the matching step.

#include <QGraphicsScene>

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "ui/shaped/inline_expansion.hpp"
#include "ui/shaped/shaped_frame.hpp"

namespace adviz::ui {

class SessionModel;
class MatrixNodeItem;
class EdgeItem;
class NodeItem;
class OperationFrameItem;

class ShapedScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit ShapedScene(SessionModel& model, QObject* parent = nullptr);
    ~ShapedScene() override;

    /// Lays the shaped graph out again (new program, mode, fonts).
    void relayout();
    /// Draws the frame at (step, progress) of the shaped trace.
    void showFrame(int step, double progress);
    const ShapedFrame& frame() const { return frame_; }

    /// PyTorch's names and colours (View ▸ As PyTorch autograd).
    void setTorchView(bool on);
    bool torchView() const { return torch_; }
    void setEdgeLabelsVisible(bool on);

    /// Per shaped node id: its item, or null (constants are not drawn). An expanded operation's
    /// box is kept off the canvas (scene() is null): the Wengert table still lists its numbers.
    const std::vector<MatrixNodeItem*>& nodeItems() const { return nodes_; }
    /// The shaped edges drawn (index(): the ShapedDrawing edge; an edge to or from an expanded
    /// operation is drawn as inline edges instead).
    const std::vector<EdgeItem*>& edgeItems() const { return edges_; }
    const ShapedDrawing& drawing() const { return drawing_; }
    /// The last layout error, empty if none.
    const QString& layoutError() const { return layoutError_; }

    /// Expands shaped node id in place: a frame titled like its box holding its scalar nodes.
    /// Returns why not (too many scalar nodes, none of its own, no scalar trace) and changes
    /// nothing then. Several operations may be expanded at once; an expansion stays while the
    /// program keeps that operation.
    std::optional<QString> expand(int id);
    /// Shows shaped node id as one box again.
    void collapse(int id);
    bool isExpanded(int id) const { return expanded_.count(id) > 0; }
    /// The expanded operations' scalar boxes (their constants' copies included), per InlinePlan
    /// box, and their frames.
    const std::vector<NodeItem*>& scalarItems() const { return scalarItems_; }
    const std::vector<EdgeItem*>& inlineEdgeItems() const { return inlineEdges_; }
    const std::vector<OperationFrameItem*>& operationFrames() const { return frames_; }
    const InlinePlan& inlinePlan() const { return inline_; }
    /// The scalar step count whose numbers the expanded operations show now (-1: none shown).
    int shownScalarStep() const { return shownScalarStep_; }
    /// Shaped node id on the canvas: its box, or its frame while expanded; null if not drawn.
    QGraphicsItem* canvasItem(int id) const;
    /// What the view keeps in sight: the scalar node lit inside an expanded operation, else the
    /// active operation's box or frame; null if none.
    QGraphicsItem* activeItem() const;

signals:
    void frameShown();
    void layoutFinished();
    /// A shaped node was double-clicked: the window expands it (expand) and shows any refusal.
    void expandRequested(int shapedNode);

protected:
    void showMemory(int step);  // checkpointed sweeps: where each matrix's value is
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
    void helpEvent(QGraphicsSceneHelpEvent* event) override;

private:
    void showInline(int step, double progress);  // the expanded operations' scalar nodes

    SessionModel& model_;
    ShapedDrawing drawing_;
    std::vector<MatrixNodeItem*> nodes_;
    std::vector<EdgeItem*> edges_;
    ShapedFrame frame_;
    bool torch_ = false;
    Mode laidOutMode_ = Mode::Reverse;
    bool edgeLabels_ = true;
    QString layoutError_;
    // Expanded operations with their titles: a new program keeps an expansion only where the
    // same operation (same title) still stands at that id.
    std::map<int, QString> expanded_;
    InlinePlan inline_;
    std::vector<NodeItem*> scalarItems_;   // per inline_ box
    std::vector<EdgeItem*> inlineEdges_;   // per inline_ edge
    std::vector<OperationFrameItem*> frames_;
    std::vector<std::unique_ptr<MatrixNodeItem>> offCanvas_;  // the expanded operations' boxes
    std::vector<int> firstScalarEdge_;     // frame.hpp's edge order: (consumer, slot) → index
    int shownScalarStep_ = -1;
    int litScalarBox_ = -1;                // the inline box the scalar frame lights, or -1
};

/// "z1 = u₆ + b1   [3]": shaped node id with its operation and shape.
QString operationTitle(const Graph& g, int id);

/// The PyTorch size of a shape: "(3, 2)", "(3,)", "()".
QString torchSize(const shaped::Shape& shape);

}  // namespace adviz::ui
