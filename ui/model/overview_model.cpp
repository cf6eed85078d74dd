#include "ui/model/overview_model.hpp"

#include "autodiff/limits.hpp"
#include "ui/model/part_frame.hpp"
#include "ui/model/roll_model.hpp"
#include "ui/model/session_model.hpp"

namespace adviz::ui {

OverviewModel::OverviewModel(SessionModel& model, const RollModel& roll, QObject* parent)
    : QObject(parent), model_(model), roll_(roll) {
    connect(&model_, &SessionModel::graphChanged, this, &OverviewModel::onGraphChanged);
    connect(&model_, &SessionModel::levelChanged, this, &OverviewModel::onGraphChanged);
    connect(&model_, &SessionModel::traceChanged, this, [this] { index_.reset(); });
    onGraphChanged();
}

void OverviewModel::onGraphChanged() {
    path_.clear();
    drawn_ = false;
    rebuild();
}

void OverviewModel::rebuild() {
    blocks_.reset();
    drawing_.reset();
    index_.reset();
    prefix_.clear();
    opened_.clear();
    const Graph& g = model_.graph();
    // Whatever can be drawn whole is; a repeated body is rolled up (RollModel); the shaped
    // level draws matrix operations. What is left too large to draw is shown in blocks.
    if (model_.level() == Level::Shaped || roll_.isRolled() || g.size() <= limits::maxDrawnNodes) {
        path_.clear();
        return;
    }
    blocks_.emplace(g);
    const std::size_t overviews = drawn_ ? path_.size() - 1 : path_.size();
    for (std::size_t i = 0; i < path_.size(); ++i) {
        const int b = blocks_->blockOf(path_[i].first);
        opened_ = blockName(b);
        if (i < overviews) {
            prefix_ = opened_.mid(QStringLiteral("Block ").size()) + QLatin1Char('.');
            blocks_.emplace(g, path_[i].first, path_[i].second);
        } else {
            drawing_.emplace(g, path_[i].first, path_[i].second);
        }
    }
}

QString OverviewModel::blockName(int b) const {
    if (!blocks_ || b < 0 || b >= static_cast<int>(blocks_->blocks().size())) return {};
    if (blocks_->blocks()[static_cast<std::size_t>(b)].inputs) return tr("Inputs");
    const int number = b + (blocks_->blocks().front().inputs ? 0 : 1);  // counted from 1 after the inputs
    return tr("Block %1%2").arg(prefix_).arg(number);
}

void OverviewModel::open(int b) {
    if (!showsBlocks() || b < 0 || b >= static_cast<int>(blocks_->blocks().size())) return;
    const OverviewBlock& block = blocks_->blocks()[static_cast<std::size_t>(b)];
    if (block.inputs) return;
    drawn_ = blocks_->drawable(b);
    path_.emplace_back(block.first, block.end);
    rebuild();
    emit viewChanged();
}

void OverviewModel::back() {
    if (path_.empty()) return;
    path_.pop_back();
    drawn_ = false;
    rebuild();
    emit viewChanged();
}

void OverviewModel::top() {
    if (path_.empty()) return;
    path_.clear();
    drawn_ = false;
    rebuild();
    emit viewChanged();
}

int OverviewModel::blockOfStep(int k) const {
    const Trace& t = model_.trace();
    if (!blocks_ || k < 0 || static_cast<std::size_t>(k) >= t.steps.size()) return -1;
    return blocks_->blockOf(t.steps[static_cast<std::size_t>(k)].node);
}

QString OverviewModel::whereIs(int k) const {
    const int b = blockOfStep(k);
    if (b < 0) return {};
    const int statements = static_cast<int>(blocks_->blocks().size()) - (blocks_->blocks().front().inputs ? 1 : 0);
    if (blocks_->blocks()[static_cast<std::size_t>(b)].inputs) return tr("Inputs");
    return tr("%1 of %2").arg(blockName(b)).arg(QString::fromStdString(limits::grouped(statements)));
}

Frame OverviewModel::computeFrame(int step, double progress) const {
    if (!drawing_) return {};
    if (!index_) index_.emplace(model_.trace());
    const BlockDrawing& d = *drawing_;
    const PartDrawing part{d.graph(), [&d](int node) { return d.realNode(node); },
                           [&d](int id) { return d.drawnNode(id); }};
    Frame f = partFrame(model_.graph(), model_.trace(), *index_, part, step, progress);
    // A step outside the block drawn: its caption, and where it happens.
    if (f.shownStep >= 0 && f.activeNode < 0) {
        const QString where = whereIs(f.shownStep);
        const QString lead = where.isEmpty() ? tr("Outside %1").arg(opened_) : tr("In %1, not drawn").arg(where);
        f.captionLead = f.captionLead.isEmpty() ? lead : lead + QStringLiteral(" · ") + f.captionLead;
    }
    return f;
}

}  // namespace adviz::ui
