#include "ui/model/roll_model.hpp"

#include <algorithm>

#include "autodiff/limits.hpp"
#include "ui/model/part_frame.hpp"
#include "ui/model/session_model.hpp"

namespace adviz::ui {

RollModel::RollModel(SessionModel& model, QObject* parent) : QObject(parent), model_(model) {
    connect(&model_, &SessionModel::graphChanged, this, &RollModel::onGraphChanged);
    connect(&model_, &SessionModel::levelChanged, this, [this] {
        onGraphChanged();
        emit viewChanged();
    });
    connect(&model_, &SessionModel::traceChanged, this, &RollModel::index);
    onGraphChanged();
}

void RollModel::onGraphChanged() {
    const Graph& g = model_.graph();
    view_.reset();
    // A program drawn one node per matrix operation is not rolled up (its scalar graph may be
    // a 784-input layer: no need to search it for repetition).
    if (model_.level() == Level::Shaped) {
        rep_ = {};
        index();
        return;
    }
    rep_ = findRepetition(g);
    if (rollsByDefault(g, rep_)) view_.emplace(g, rep_);
    index();
}

bool RollModel::canUnroll() const { return model_.graph().size() <= limits::maxDrawnNodes; }

void RollModel::setRolled(bool on) {
    if (on == isRolled() || (on && !rep_.found()) || (!on && !canUnroll())) return;
    if (on) view_.emplace(model_.graph(), rep_);
    else view_.reset();
    index();
    emit viewChanged();
}

int RollModel::maxExpandedIterations() const {
    if (!rep_.found()) return 0;
    const long long room = limits::maxDrawnNodes - rolledSize(model_.graph(), rep_);
    return static_cast<int>(std::clamp<long long>(room / std::max(1, rep_.length), 0, rep_.count));
}

void RollModel::expand(int first, int last) {
    if (!rep_.found()) return;
    first = std::clamp(first, 0, rep_.count - 1);
    last = std::clamp(last, first, rep_.count - 1);
    last = std::min(last, first + std::max(0, maxExpandedIterations() - 1));
    view_.emplace(model_.graph(), rep_, std::make_pair(first, last));
    index();
    emit viewChanged();
}

void RollModel::collapse() {
    if (!rep_.found()) return;
    view_.emplace(model_.graph(), rep_);
    index();
    emit viewChanged();
}

void RollModel::index() {
    segmentSteps_.clear();
    if (!view_) {
        index_ = TraceIndex();
        return;
    }
    const Trace& t = model_.trace();
    index_ = TraceIndex(t);
    segmentSteps_.resize(view_->segments().size());
    for (std::size_t k = 0; k < t.steps.size(); ++k) {
        const int it = iterationOfStep(static_cast<int>(k));
        if (it < 0) continue;
        segmentSteps_[static_cast<std::size_t>(view_->segmentOfIteration(it))].push_back(
            static_cast<std::uint32_t>(k));
    }
}

int RollModel::iterationOfStep(int k) const {
    const Trace& t = model_.trace();
    if (!view_ || k < 0 || static_cast<std::size_t>(k) >= t.steps.size()) return -1;
    const auto& places = view_->places();
    auto iterationOf = [&](int node) {
        return node >= 0 && static_cast<std::size_t>(node) < places.size() ? places[static_cast<std::size_t>(node)].iteration : -1;
    };
    // An adjoint into a node from before the block (a weight every iteration reads) belongs to
    // the iteration of the op it comes from.
    const Step& s = t.steps[static_cast<std::size_t>(k)];
    const int own = iterationOf(s.node);
    return own >= 0 ? own : iterationOf(s.consumer);
}

// The step whose caption the frame shows (as computeFrame does), or -1 before the first.
int RollModel::shownStep(int step, double progress) const { return shownStepAt(model_.stepCount(), step, progress); }

std::vector<int> RollModel::shownIterations(int step, double progress) const {
    std::vector<int> shown;
    if (!view_) return shown;
    const int j = shownStep(step, progress);
    for (std::size_t s = 0; s < view_->segments().size(); ++s) {
        const auto& steps = segmentSteps_[s];
        auto it = std::upper_bound(steps.begin(), steps.end(), static_cast<std::uint32_t>(std::max(j, 0)));
        const bool any = j >= 0 && it != steps.begin();
        shown.push_back(any ? iterationOfStep(static_cast<int>(*(it - 1))) : view_->segments()[s].first);
    }
    return shown;
}

Frame RollModel::computeFrame(int step, double progress) const {
    if (!view_) return {};
    const std::vector<int> shown = shownIterations(step, progress);
    const PartDrawing drawing{view_->graph(),
                              [&](int node) {
                                  const int s = view_->segmentOf(node);
                                  return view_->realNode(node, s < 0 ? 0 : shown[static_cast<std::size_t>(s)]);
                              },
                              [&](int id) { return view_->drawnNode(id, shown); }};
    Frame f = partFrame(model_.graph(), model_.trace(), index_, drawing, step, progress);
    if (f.shownStep < 0) return f;
    if (const int it = iterationOfStep(f.shownStep); it >= 0) {
        const QString where = QStringLiteral("Iteration %1 of %2")
                                  .arg(QString::fromStdString(limits::grouped(it + 1)),
                                       QString::fromStdString(limits::grouped(rep_.count)));
        f.captionLead = f.captionLead.isEmpty() ? where : where + QStringLiteral(" · ") + f.captionLead;
    }
    return f;
}

}  // namespace adviz::ui
