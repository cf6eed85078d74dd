#pragma once
// The canvas: one NodeItem per node (plus copies of leaves beside distant uses, see
// layout_plan.hpp) and one EdgeItem per edge, placed by the layout adapter when the graph's
// structure changes (on a detached thread for large graphs), and repainted from a Frame on every
// animation tick. Built from a SessionModel; never computes a derivative.

#include <QFutureWatcher>
#include <QGraphicsScene>

#include <vector>

#include "ui/layout/graph_layout.hpp"
#include "ui/scene/frame.hpp"

namespace adviz::ui {

class SessionModel;
class NodeItem;
class EdgeItem;
class RollModel;
class RollFrameItem;
class OverviewModel;
class BlockItem;
class OperationFrameItem;

class GraphScene : public QGraphicsScene {
    Q_OBJECT
public:
    /// synchronous: lay out on the calling thread whatever the size (export, tests).
    explicit GraphScene(SessionModel& model, QObject* parent = nullptr, bool synchronous = false);
    ~GraphScene() override;

    /// Graphs with more nodes than this are laid out in a worker thread.
    static constexpr int asyncThreshold = 150;
    /// Above this many boxes plus labels, labels get no slots of their own in the layout (dot
    /// would take too long); they sit at the middle of their edges instead.
    static constexpr int labelSlotLimit = 2400;

    /// Lays the graph out again from the model, with the theme's current fonts: the one entry
    /// point for anything that changes sizes (structure, mode, text scale, theme).
    void relayout();

    void setDirection(layout::Direction d);
    layout::Direction direction() const { return direction_; }
    void setEdgeLabelsVisible(bool on);
    bool edgeLabelsVisible() const { return edgeLabels_; }
    /// Lays out synchronously from now on (export, tests).
    void setSynchronous(bool on) { synchronous_ = on; }

    /// Teaching views (ui/teaching): dual numbers on every node, and a number of one node hidden
    /// while the class predicts it (node -1: none).
    void setTeaching(bool dual, int hiddenNode, int hiddenRow);
    /// Draws the frame at (step, progress).
    void showFrame(int step, double progress);
    const Frame& frame() const { return frame_; }

    /// Whether the program is drawn rolled up, and its rolled drawing (ui/model/roll_model.hpp).
    RollModel& roll() const { return *roll_; }
    /// The graph drawn: the program's, or its rolled drawing's (node items are indexed by it).
    const Graph& drawnGraph() const;
    /// The program's node drawn node `drawn` stands for at the current frame.
    int realNode(int drawn) const;
    /// The frames around a rolled drawing's copies of the body (empty when drawn whole).
    const std::vector<RollFrameItem*>& rollFrames() const { return rollFrames_; }

    /// Whether the program is shown as an overview of blocks, and which level of it
    /// (ui/model/overview_model.hpp).
    OverviewModel& overview();
    const OverviewModel& overview() const;
    /// The overview's boxes, index = block (empty unless it shows blocks); above a block drawn
    /// in full, the one box leading back (its block() is -1).
    const std::vector<BlockItem*>& blockItems() const { return blockItems_; }
    /// The overview's edges, in the order of OverviewBlocks::links().
    const std::vector<EdgeItem*>& blockEdges() const { return blockEdges_; }

    /// Frames around each matrix operation's scalar nodes (programs with shapes, drawn whole).
    const std::vector<OperationFrameItem*>& operationFrames() const { return operationFrames_; }
    /// Programs with shapes up to this many nodes get their operations framed (dot's clusters
    /// slow larger layouts down).
    static constexpr int maxFramedNodes = 600;

    /// One item per node, index = node id (of drawnGraph()).
    const std::vector<NodeItem*>& nodeItems() const { return nodes_; }
    /// Extra boxes of constants drawn next to each of their uses (after the first).
    const std::vector<NodeItem*>& constantCopies() const { return copies_; }
    /// Extra boxes of inputs and intermediate values drawn again near distant uses (their
    /// label().copy is set).
    const std::vector<NodeItem*>& nodeCopies() const { return nodeCopies_; }
    const std::vector<EdgeItem*>& edgeItems() const { return edges_; }
    bool isLayingOut() const { return running_ || queued_; }
    /// The last layout error, empty if none.
    const QString& layoutError() const { return layoutError_; }

signals:
    void layoutStarted(int nodes);
    void layoutFinished();
    void frameShown();

protected:
    void helpEvent(QGraphicsSceneHelpEvent* event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

private:
    void clearItems();  // every item and the lists that point at them
    void build(const layout::LayoutResult& result);
    void refreshLabels();  // partial labels from the trace, after a re-run
    void onSelectionChanged();
    void showRolledFrame(int step, double progress);  // showFrame for a rolled drawing
    void buildRollFrames();
    void buildOperationFrames();
    void relayoutOverview();  // the overview's blocks (graph_scene_overview.cpp)
    void buildOverview(const layout::LayoutResult& result, const std::vector<QString>& titles,
                       const std::vector<QStringList>& lines, const std::vector<QString>& labels);
    void showOverviewFrame(int step, double progress);
    void buildBlockHeader();
    bool overviewContextMenu(QGraphicsSceneContextMenuEvent* event);

    SessionModel& model_;
    RollModel* roll_;  // a child: created first, so it hears of a new graph before the scene
    OverviewModel* overview_;  // a child, created after roll_ (it asks whether the graph rolls up)
    std::vector<BlockItem*> blockItems_;
    std::vector<EdgeItem*> blockEdges_;
    std::vector<RollFrameItem*> rollFrames_;
    std::vector<OperationFrameItem*> operationFrames_;
    std::vector<int> shownIterations_;  // per rolled segment, at the current frame
    std::vector<NodeItem*> nodes_;  // owned by the scene (addItem); index = node id
    std::vector<NodeItem*> copies_; // further boxes of constants used in several places
    std::vector<NodeItem*> nodeCopies_;  // further boxes of nodes used far apart
    std::vector<EdgeItem*> edges_;  // owned by the scene; index = edge index
    layout::Direction direction_ = layout::Direction::LeftToRight;
    bool edgeLabels_ = true;
    bool synchronous_ = false;
    bool building_ = false;  // items come and go: not a user's selection
    int rows_ = 2;           // rows of numbers the current layout's nodes were sized for
    bool running_ = false;   // a layout runs on its own thread
    bool queued_ = false;    // the graph changed meanwhile: lay out again when it ends
    int generation_ = 0;     // ignores layouts that finish after a newer one started
    // Not waited for on destruction: the thread owns its inputs and its result is dropped.
    QFutureWatcher<layout::LayoutResult>* watcher_ = nullptr;
    Frame frame_;
    int step_ = 0;
    double progress_ = 0;
    QString layoutError_;
    bool dual_ = false;
    int hiddenNode_ = -1, hiddenRow_ = -1;
};

}  // namespace adviz::ui
