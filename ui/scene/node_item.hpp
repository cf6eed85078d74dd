#pragma once
// One node of the graph on the canvas: its kind (input, constant, operation, output), the op in
// big type, its Wengert and user names, and the numbers known at the current frame. Knows only
// its id and what the scene tells it; paints from the theme.

#include <QGraphicsItem>
#include <QString>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::ui {

enum class NodeKind { Input, Constant, Operation };

/// The fixed text of a node (set once per graph structure).
struct NodeLabel {
    NodeKind kind = NodeKind::Operation;
    bool output = false;
    QString wengert;   ///< "v₃"
    QString name;      ///< the user's name or output name, may be empty
    QString symbol;    ///< "×", "sin", or the input's name, or the constant's value
    /// A further box of an input drawn near a distant use: the same input, dashed outline.
    bool copy = false;
};

/// Node id's label as the scalar graph draws it (output: whether it is one of g's outputs). The
/// scalar graph and the shaped view's expanded operations draw their boxes from this one label.
NodeLabel nodeLabelOf(const Graph& g, int id, bool output);

/// Teaching views of a node's numbers (ui/teaching): forward-mode numbers as one dual number
/// "v = 3 + 1ε", and a number hidden as "?" while the class predicts it (row 0: the value,
/// row 1: the tangent or adjoint).
struct NodeTeaching {
    bool dual = false;
    int hiddenRow = -1;
    bool operator==(const NodeTeaching&) const = default;
};

class NodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    int type() const override { return Type; }

    NodeItem(int id, NodeLabel label, QSizeF size);

    /// Rows of numbers a node shows in a mode: v and v̇ or v̄ (2), or v, v̇, v̄ and the adjoint's
    /// tangent in forward-over-reverse mode (4).
    static int rowsFor(Mode mode) { return mode == Mode::ForwardOverReverse ? 4 : 2; }

    /// Width and height a node with this label needs for `rows` rows of numbers (fixed:
    /// numbers get a fixed-width slot, so changing a value never changes the layout).
    static QSizeF preferredSize(const NodeLabel& label, int rows = 2);

    int id() const { return id_; }
    const NodeLabel& label() const { return label_; }
    /// A new Wengert name (a rolled-up body's box shows the iteration the sweep is in; the box
    /// was sized for the widest name).
    void setWengert(const QString& wengert) {
        if (wengert == label_.wengert) return;
        label_.wengert = wengert;
        update();
    }
    /// The numbers shown now (what the trace says at the current frame).
    const NodeState& shownState() const { return state_; }
    double glow() const { return glow_; }
    /// The numbers to show, how lit the node is (0…1), and whether to mark where its value is
    /// kept (checkpointed reverse sweeps).
    void setFrame(const NodeState& state, Mode mode, double glow, bool showMemory = false);
    /// A domain problem of this node's value (log of a negative…): a ⚠ marker once the value is
    /// known. Empty: none.
    void setWarning(const QString& message);
    const QString& warning() const { return warning_; }
    /// Whether the ⚠ marker is drawn now (a warning, and the value computed at this frame).
    bool showsWarning() const { return !warning_.isEmpty() && state_.hasValue; }
    void setTeaching(NodeTeaching teaching);
    const NodeTeaching& teaching() const { return teaching_; }
    /// The numbers as painted now, row by row ("v = 3", "v̇ = ?", or "v = 3 + 1ε"), for tests.
    QStringList shownText() const;
    /// Hover on one box of a node lights every box of it (an input drawn more than once).
    void setHighlighted(bool on);
    bool isHighlighted() const { return highlighted_; }

    QRectF boundingRect() const override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF box() const;
    void paintNumbers(QPainter* p, const QRectF& area) const;
    void paintMemory(QPainter* p, const QRectF& box) const;
    void paintWarning(QPainter* p, const QRectF& box) const;
    void lightAllBoxes(bool on);

    int id_;
    NodeLabel label_;
    QSizeF size_;
    NodeState state_;
    Mode mode_ = Mode::Reverse;
    double glow_ = 0;
    bool showMemory_ = false;
    bool highlighted_ = false;
    QString warning_;
    NodeTeaching teaching_;
};

}  // namespace adviz::ui
