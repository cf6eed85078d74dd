#pragma once
// Whether the window draws the program as an overview of blocks (ui/model/overview_view.hpp),
// and which level of it: the whole program's blocks, the blocks of one block's range, or one
// block drawn in full. Watches the SessionModel like RollModel: a program too large to draw
// whole that does not roll up is shown this way; the numbers a drawn block shows come from the
// engine's trace of the whole program (TraceIndex); nothing here computes a derivative.

#include <QObject>

#include <optional>
#include <utility>
#include <vector>

#include "autodiff/structure/trace_index.hpp"
#include "ui/model/overview_view.hpp"
#include "ui/scene/frame.hpp"

namespace adviz::ui {

class SessionModel;
class RollModel;

class OverviewModel : public QObject {
    Q_OBJECT
public:
    /// roll: the scene's RollModel, which must hear of a new graph first (a program that rolls
    /// up is drawn rolled, not as an overview).
    OverviewModel(SessionModel& model, const RollModel& roll, QObject* parent = nullptr);

    /// The program is shown as an overview (at any level).
    bool isActive() const { return blocks_.has_value(); }
    /// The blocks of the level shown; null when inactive.
    const OverviewBlocks* blocks() const { return blocks_ ? &*blocks_ : nullptr; }
    /// The block drawn in full, or null (the blocks are drawn as boxes).
    const BlockDrawing* drawing() const { return drawing_ ? &*drawing_ : nullptr; }
    /// The blocks are drawn as boxes (active, no block drawn in full).
    bool showsBlocks() const { return blocks_ && !drawing_; }
    /// Levels opened below the whole program's overview (0 at the top).
    int depth() const { return static_cast<int>(path_.size()); }

    /// Opens block b of the level shown: drawn in full when small enough, else its own
    /// overview. The step stays.
    void open(int b);
    /// Back one level (from a drawn block or a block's overview).
    void back();
    /// Back to the whole program's overview.
    void top();

    /// The block of the level shown that holds step k's node, or -1 (outside it, or no step).
    int blockOfStep(int k) const;
    /// The frame of the drawn block at (step, progress) (drawing() must be set).
    Frame computeFrame(int step, double progress) const;
    /// "block 3 of 20" for the block holding step k's node at the level shown, or "".
    QString whereIs(int k) const;
    /// Block b's name at the level shown: "Inputs", "Block 3", "Block 4.3" (inside block 4).
    QString blockName(int b) const;
    /// The name of the block drawn in full or opened last ("Block 4.3"), "" at the top.
    QString openedName() const { return opened_; }

signals:
    /// The drawing changed (another level or block): lay out again.
    void viewChanged();

private:
    void onGraphChanged();
    void rebuild();  // blocks_ and drawing_ from path_

    SessionModel& model_;
    const RollModel& roll_;
    std::vector<std::pair<int, int>> path_;  // node ranges opened, outermost first
    bool drawn_ = false;                     // the last range opened is drawn in full
    std::optional<OverviewBlocks> blocks_;   // of the innermost overview shown
    std::optional<BlockDrawing> drawing_;
    mutable std::optional<TraceIndex> index_;  // built on the first drawn frame after a re-run
    QString prefix_;
    QString opened_;  // the numbers of the blocks opened, "4.": block titles and captions
};

}  // namespace adviz::ui
