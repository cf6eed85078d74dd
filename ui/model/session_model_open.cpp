// Opening a long program off the UI thread (SessionModel::setBackgroundOpening): the parse and
// the first sweep of a 10⁵-node program take most of a second, which would freeze the window.
// A copy of the model's state (without its traces) runs the ordinary setSource on a worker
// thread; its result comes back through a queued signal and is taken over with the signals a
// synchronous setSource emits. As in GraphScene's layouts: one worker at a time, the newest
// text queued behind it, and a generation counter dropping the results of texts typed over.

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <memory>

#include "ui/model/same_structure.hpp"
#include "ui/model/session_model.hpp"

namespace adviz::ui {

SessionModel::SessionModel(const SessionModel& from, CopyForOpening)
    : QObject(nullptr),
      source_(from.source_),
      goodSource_(from.goodSource_),
      error_(from.error_),
      program_(from.program_),
      graph_(from.graph_),
      x_(from.x_),
      xdot_(from.xdot_),
      ybar_(from.ybar_),
      mode_(from.mode_),
      strategy_(from.strategy_),
      showBackward_(from.showBackward_),
      preferShaped_(from.preferShaped_),
      level_(from.level_),
      userChoseScalar_(from.userChoseScalar_),
      step_(from.step_),
      selected_(from.selected_) {}

bool SessionModel::openInBackground(const QString& text) {
    // The text's own load() values and mode travel with it (load() points at them only for
    // the length of its call).
    QueuedOpen job{text, loadValues_ ? *loadValues_ : std::vector<std::pair<std::string, double>>{}, loadMode_,
                   loadValues_ != nullptr};
    queuedOpen_ = std::move(job);
    if (!openRunning_) startOpening();
    return true;
}

void SessionModel::startOpening() {
    QueuedOpen job = std::move(*queuedOpen_);
    queuedOpen_.reset();
    openRunning_ = true;
    const auto lines = job.text.count(QLatin1Char('\n')) + (job.text.endsWith(QLatin1Char('\n')) ? 0 : 1);
    emit openingChanged(true, static_cast<int>(lines));
    // The copy is made here, on this thread, while nothing changes the model; the worker is
    // the only one to touch it until it finishes, and this thread the only one after.
    std::shared_ptr<SessionModel> copy(new SessionModel(*this, CopyForOpening{}));
    auto values = std::make_shared<std::vector<std::pair<std::string, double>>>(std::move(job.values));
    copy->loadValues_ = job.load ? values.get() : nullptr;
    copy->loadMode_ = job.mode;
    const int generation = generation_;
    const Mode modeAtStart = mode_;
    auto* watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher, copy, generation, modeAtStart] {
        watcher->deleteLater();
        openRunning_ = false;
        // Taken over only if no text came after it (typed, loaded or queued).
        if (generation == generation_ && !queuedOpen_) adoptOpened(*copy, watcher->result(), modeAtStart);
        if (queuedOpen_) startOpening();
        else emit openingChanged(false, 0);
    });
    watcher->setFuture(QtConcurrent::run([copy, values, text = std::move(job.text)] { return copy->setSource(text); }));
}

void SessionModel::adoptOpened(SessionModel& opened, bool ok, Mode modeAtStart) {
    source_ = opened.source_;
    if (!ok) {  // the last good program stays, the message says why
        error_ = opened.error_;
        emit errorChanged();
        return;
    }
    const bool hadError = error_.has_value();
    // The signals of a synchronous setSource (showGraph): a new structure is drawn again and
    // starts at step 0; the same one keeps its drawing and the step the class is looking at.
    const bool keepLayout = !graph_.nodes.empty() && sameStructure(graph_, opened.graph_);
    const bool sameSteps = keepLayout || sameStructure(graph_, opened.graph_, false);
    const Level before = level_;
    const Mode wantedMode = mode_;  // a mode chosen while it opened is applied after
    const int step = step_;
    error_.reset();
    goodSource_ = std::move(opened.goodSource_);
    program_ = std::move(opened.program_);
    graph_ = std::move(opened.graph_);
    x_ = std::move(opened.x_);
    xdot_ = std::move(opened.xdot_);
    ybar_ = std::move(opened.ybar_);
    mode_ = opened.mode_;
    level_ = opened.level_;
    userChoseScalar_ = opened.userChoseScalar_;
    trace_ = std::move(opened.trace_);
    shapedTrace_ = std::move(opened.shapedTrace_);
    stepEnds_ = std::move(opened.stepEnds_);
    index_.reset();
    selected_ = opened.selected_;
    step_ = sameSteps && level_ == before && mode_ == modeAtStart ? std::clamp(step, 0, stepCount()) : opened.step_;
    if (level_ != before) emit levelChanged();
    if (keepLayout) emit traceChanged();
    else emit graphChanged();
    emit pointChanged();
    emit stepChanged(step_);
    if (hadError) emit errorChanged();
    if (wantedMode != modeAtStart) setMode(wantedMode);
}

}  // namespace adviz::ui
