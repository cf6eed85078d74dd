#include "ui/model/session_model.hpp"

#include <algorithm>
#include <map>

#include "autodiff/backward_graph.hpp"
#include "autodiff/hessian.hpp"

namespace adviz::ui {
namespace {

// Same structure: same nodes, operands, constants and names, so the layout can stay.
bool sameStructure(const Graph& a, const Graph& b) {
    if (a.size() != b.size() || a.inputs != b.inputs || a.outputCount() != b.outputCount())
        return false;
    for (int id = 0; id < a.size(); ++id) {
        const Node &p = a[id], &q = b[id];
        if (p.op != q.op || p.a != q.a || p.b != q.b || a.nameOf(id) != b.nameOf(id)) return false;
        if (p.op == Op::Const && !(p.constant == q.constant)) return false;
    }
    for (int k = 0; k < a.outputCount(); ++k)
        if (a.outputs[static_cast<std::size_t>(k)].name != b.outputs[static_cast<std::size_t>(k)].name ||
            a.outputs[static_cast<std::size_t>(k)].node != b.outputs[static_cast<std::size_t>(k)].node)
            return false;
    return true;
}

}  // namespace

SessionModel::SessionModel(QObject* parent) : QObject(parent) {}

Graph SessionModel::displayed() const {
    if (!showBackward_ || program_.outputCount() == 0) return program_;
    return buildBackwardGraph(program_, x_, 0).graph;
}

bool SessionModel::setSource(const QString& text) {
    source_ = text;
    std::string utf8 = text.toStdString();
    ParseResult r = parse(utf8);
    if (!r.ok()) {
        error_ = r.error;
        emit errorChanged();
        return false;
    }
    const bool hadError = error_.has_value();
    error_.reset();
    goodSource_ = text;

    // Carry values over by name so retyping the program does not reset the point.
    std::map<std::string, double> oldX, oldDir;
    for (int i = 0; i < program_.inputCount(); ++i) {
        oldX[std::string(program_.inputName(i))] = x_[static_cast<std::size_t>(i)];
        oldDir[std::string(program_.inputName(i))] = xdot_[static_cast<std::size_t>(i)];
    }
    program_ = std::move(r.graph);
    x_.assign(static_cast<std::size_t>(program_.inputCount()), 1.0);
    xdot_.assign(x_.size(), 0.0);
    bool anyDir = false;
    for (int i = 0; i < program_.inputCount(); ++i) {
        std::string n(program_.inputName(i));
        if (auto it = oldX.find(n); it != oldX.end()) x_[static_cast<std::size_t>(i)] = it->second;
        if (auto it = oldDir.find(n); it != oldDir.end()) {
            xdot_[static_cast<std::size_t>(i)] = it->second;
            anyDir = anyDir || it->second != 0;
        }
    }
    if (!anyDir && !xdot_.empty()) xdot_[0] = 1;  // a zero direction shows nothing: e₁

    showGraph(displayed(), false);
    if (hadError) emit errorChanged();
    return true;
}

void SessionModel::showGraph(Graph g, bool resetSeeds) {
    std::map<std::string, double> oldSeed;
    if (!resetSeeds)
        for (int j = 0; j < graph_.outputCount(); ++j)
            oldSeed[graph_.outputs[static_cast<std::size_t>(j)].name] = ybar_[static_cast<std::size_t>(j)];
    const bool keepLayout = !graph_.nodes.empty() && sameStructure(graph_, g);
    graph_ = std::move(g);
    ybar_.assign(static_cast<std::size_t>(graph_.outputCount()), 0.0);
    bool anySeed = false;
    for (int j = 0; j < graph_.outputCount(); ++j)
        if (auto it = oldSeed.find(graph_.outputs[static_cast<std::size_t>(j)].name); it != oldSeed.end()) {
            ybar_[static_cast<std::size_t>(j)] = it->second;
            anySeed = anySeed || it->second != 0;
        }
    if (!anySeed && !ybar_.empty()) ybar_[0] = 1;

    if (selected_ >= graph_.size()) selected_ = -1;
    rerun();
    if (keepLayout) emit traceChanged();
    else emit graphChanged();
    emit pointChanged();
    emit stepChanged(step_);
}

void SessionModel::rerun() {
    switch (mode_) {
        case Mode::Forward: trace_ = traceForward(graph_, x_, xdot_); break;
        case Mode::ForwardOverReverse: trace_ = traceHvp(graph_, x_, xdot_, ybar_); break;
        case Mode::Reverse:
            trace_ = strategy_ && strategy_->kind != Strategy::StoreAll
                         ? traceCheckpointed(graph_, x_, ybar_, *strategy_)
                         : traceReverse(graph_, x_, ybar_);
            break;
    }
    step_ = std::clamp(step_, 0, stepCount());
}

void SessionModel::pointEdited() {
    if (showBackward_) {
        // The backward graph is built at the point: a branch (relu, abs, min, max) may change it.
        Graph g = displayed();
        if (!sameStructure(graph_, g)) {
            showGraph(std::move(g), false);
            return;
        }
        graph_ = std::move(g);
    }
    rerun();
    emit pointChanged();
    emit traceChanged();
}

void SessionModel::setInput(int i, double value) {
    if (i < 0 || i >= program_.inputCount() || x_[static_cast<std::size_t>(i)] == value) return;
    x_[static_cast<std::size_t>(i)] = value;
    pointEdited();
}

void SessionModel::setInputsByName(const std::vector<std::pair<std::string, double>>& values) {
    for (const auto& [name, v] : values) {
        int i = program_.inputIndex(name);
        if (i >= 0) x_[static_cast<std::size_t>(i)] = v;
    }
    pointEdited();
}

void SessionModel::setDirection(int i, double value) {
    if (i < 0 || i >= program_.inputCount()) return;
    xdot_[static_cast<std::size_t>(i)] = value;
    pointEdited();
}

void SessionModel::setSeed(int j, double value) {
    if (j < 0 || j >= graph_.outputCount()) return;
    ybar_[static_cast<std::size_t>(j)] = value;
    pointEdited();
}

void SessionModel::setUnitDirection(int i) {
    std::fill(xdot_.begin(), xdot_.end(), 0.0);
    if (i >= 0 && i < program_.inputCount()) xdot_[static_cast<std::size_t>(i)] = 1;
    pointEdited();
}

void SessionModel::setUnitSeed(int j) {
    std::fill(ybar_.begin(), ybar_.end(), 0.0);
    if (j >= 0 && j < graph_.outputCount()) ybar_[static_cast<std::size_t>(j)] = 1;
    pointEdited();
}

void SessionModel::setMode(Mode mode) {
    if (mode == mode_) return;
    mode_ = mode;
    step_ = 0;  // the steps of the other mode mean something else
    rerun();
    emit traceChanged();
    emit stepChanged(step_);
}

void SessionModel::setCheckpointStrategy(std::optional<Strategy> strategy) {
    strategy_ = strategy;
    if (mode_ != Mode::Reverse) return;
    step_ = 0;  // a different schedule has different steps
    rerun();
    emit traceChanged();
    emit stepChanged(step_);
}

void SessionModel::setShowBackwardGraph(bool on) {
    if (on == showBackward_) return;
    showBackward_ = on;
    step_ = 0;
    showGraph(displayed(), true);
}

void SessionModel::setStep(int k) {
    k = std::clamp(k, 0, stepCount());
    if (k == step_) return;
    step_ = k;
    emit stepChanged(step_);
}

void SessionModel::setSelectedNode(int id) {
    if (id >= graph_.size()) id = -1;
    if (id == selected_) return;
    selected_ = id;
    emit selectionChanged(id);
}

}  // namespace adviz::ui
