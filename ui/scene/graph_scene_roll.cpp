// The scene's part for rolled-up drawings (ui/model/roll_model.hpp): the frames around the
// body's copies, their titles and the iteration each shows, and the menu that rolls a program
// up or draws it whole. The numbers come from RollModel's frames, replayed from the trace.

#include <QGraphicsSceneContextMenuEvent>
#include <QMenu>

#include "autodiff/limits.hpp"
#include "ui/model/overview_model.hpp"
#include "ui/model/roll_model.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/scene/roll_frame_item.hpp"

namespace adviz::ui {
namespace {

QString count(long long n) { return QString::fromStdString(limits::grouped(n)); }

}  // namespace

const Graph& GraphScene::drawnGraph() const {
    // An overview of blocks draws no program node; a block drawn in full, its own.
    static const Graph none;
    if (const BlockDrawing* block = overview_->drawing()) return block->graph();
    if (overview_->showsBlocks()) return none;
    const RolledView* view = roll_->view();
    return view ? view->graph() : model_.graph();
}

int GraphScene::realNode(int drawn) const {
    if (const BlockDrawing* block = overview_->drawing())
        return drawn >= 0 && drawn < block->graph().size() ? block->realNode(drawn) : -1;
    if (overview_->showsBlocks()) return -1;
    const RolledView* view = roll_->view();
    if (!view) return drawn;
    if (drawn < 0 || drawn >= view->graph().size()) return -1;
    const int s = view->segmentOf(drawn);
    const int shown = s >= 0 && static_cast<std::size_t>(s) < shownIterations_.size()
                          ? shownIterations_[static_cast<std::size_t>(s)]
                          : (s >= 0 ? view->segments()[static_cast<std::size_t>(s)].first : 0);
    return view->realNode(drawn, shown);
}

void GraphScene::buildRollFrames() {
    const RolledView* view = roll_->view();
    if (!view) return;
    std::vector<QRectF> areas(view->segments().size());
    for (NodeItem* n : nodes_) {
        const int s = view->segmentOf(n->id());
        if (s >= 0) areas[static_cast<std::size_t>(s)] |= n->sceneBoundingRect();
    }
    for (std::size_t s = 0; s < areas.size(); ++s) {
        auto* frame = new RollFrameItem(*roll_, static_cast<int>(s), areas[s]);
        addItem(frame);
        rollFrames_.push_back(frame);
    }
}

void GraphScene::showRolledFrame(int step, double progress) {
    const RolledView* view = roll_->view();
    frame_ = roll_->computeFrame(step, progress);
    std::vector<int> shown = roll_->shownIterations(step, progress);
    if (shown != shownIterations_) {
        shownIterations_ = std::move(shown);
        // The rolled copies stand for another iteration now: its names and partials.
        const Graph& program = model_.graph();
        for (NodeItem* n : nodes_)
            if (view->segmentOf(n->id()) >= 0)
                n->setWengert(QString::fromStdString(program.wengertName(realNode(n->id()))));
        refreshLabels();
    }
    const int n = roll_->repetition().count;
    const int current = roll_->iterationOfStep(frame_.shownStep);
    for (RollFrameItem* f : rollFrames_) {
        const auto& seg = view->segments()[static_cast<std::size_t>(f->segment())];
        const int it = shownIterations_[static_cast<std::size_t>(f->segment())];
        const QString here = current == it ? QStringLiteral("  ◀ now") : QString();
        if (seg.rolled()) {
            f->setText(QStringLiteral("×%1 rolled up: iterations %2–%3")
                           .arg(count(seg.iterations()), count(seg.first + 1), count(seg.last + 1)),
                       QStringLiteral("iteration %1 of %2 → iteration %3%4")
                           .arg(count(it + 1), count(n), count(it + 2), here));
        } else {
            f->setText(QStringLiteral("iteration %1 of %2").arg(count(it + 1), count(n)),
                       seg.first == 0 ? QStringLiteral("body ×%1%2").arg(count(n), here) : here.trimmed());
        }
    }
}

void GraphScene::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
    QGraphicsScene::contextMenuEvent(event);  // a frame's own menu first
    if (event->isAccepted() || overviewContextMenu(event) || !roll_->repetition().found()) return;
    QMenu menu;
    const Repetition& r = roll_->repetition();
    QAction* roll = menu.addAction(tr("Roll up the repeated body (%1 operations ×%2)")
                                       .arg(r.length).arg(count(r.count)));
    roll->setEnabled(!roll_->isRolled());
    QAction* whole = menu.addAction(tr("Draw the whole program"));
    whole->setEnabled(roll_->isRolled() && roll_->canUnroll());
    QAction* chosen = menu.exec(event->screenPos());
    if (chosen == roll) roll_->setRolled(true);
    else if (chosen == whole) roll_->setRolled(false);
    event->accept();
}

}  // namespace adviz::ui
