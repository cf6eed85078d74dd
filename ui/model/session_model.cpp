#include "ui/model/session_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <unordered_map>

#include "autodiff/limits.hpp"
#include "autodiff/shaped/init.hpp"
#include "autodiff/shaped/same_inputs.hpp"
#include "autodiff/shaped/shaped_checkpoint.hpp"
#include "autodiff/shaped/step_map.hpp"
#include "autodiff/sweeps/backward_graph.hpp"
#include "autodiff/sweeps/hessian.hpp"
#include "ui/model/rolled_view.hpp"
#include "ui/model/same_structure.hpp"

namespace adviz::ui {

// Same structure: same nodes, operands, constants and names, so the layout can stay. With
// constants = false, only the constants' values may differ: the same steps in the same order.
bool sameStructure(const Graph& a, const Graph& b, bool constants) {
    if (a.size() != b.size() || a.inputs != b.inputs || a.outputCount() != b.outputCount())
        return false;
    for (int id = 0; id < a.size(); ++id) {
        const Node &p = a[id], &q = b[id];
        if (p.op != q.op || p.a != q.a || p.b != q.b || a.nameOf(id) != b.nameOf(id)) return false;
        if (constants && p.op == Op::Const && !(p.constant == q.constant)) return false;
    }
    for (int k = 0; k < a.outputCount(); ++k)
        if (a.outputs[static_cast<std::size_t>(k)].name != b.outputs[static_cast<std::size_t>(k)].name ||
            a.outputs[static_cast<std::size_t>(k)].node != b.outputs[static_cast<std::size_t>(k)].node)
            return false;
    return true;
}

namespace {

// Hundredths: what a teacher reads aloud and types back.
double toHundredths(double v) { return std::round(v * 100.0) / 100.0; }

// v itself, or v + 0.01, v + 0.02, … : the first not already in taken (then taken holds it).
// Distinct values keep a symmetric program from collapsing: in an MLP whose weights are inputs,
// equal weights make equal hidden units, and the lesson would show one unit drawn n times.
double firstFree(double v, std::set<double>& taken) {
    while (taken.count(v)) v = toHundredths(v + 0.01);
    taken.insert(v);
    return v;
}

// SplitMix64 (Steele, Lea, Flood 2014): a fixed, portable sequence; std::uniform_real_distribution
// is not specified bit for bit, so "the same in every session" needs its own generator.
std::uint64_t splitMix64(std::uint64_t z) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace

double initialInputValue(int i) {
    // 1, 0.62, 1.24, 0.85, 1.47, …: the golden-ratio sequence frac(½ + i·φ) shifted into
    // [0.5, 1.5), so input 0 keeps the familiar 1 and later ones spread evenly without
    // clustering. Positive and away from 0, where log, sqrt and division are all defined.
    const double t = 0.5 + static_cast<double>(i) * std::numbers::phi;
    return toHundredths(0.5 + (t - std::floor(t)));
}

double randomInputValue(std::uint64_t draw, int i) {
    // Uniform over [−2, 2] in hundredths, from SplitMix64 of (draw, i): draw n of a session is
    // draw n of every session.
    const std::uint64_t bits = splitMix64(draw * 0x100000001B3ull + static_cast<std::uint64_t>(i));
    const double u = static_cast<double>(bits >> 11) * 0x1.0p-53;  // [0, 1)
    return toHundredths(-2.0 + 4.0 * u);
}

SessionModel::SessionModel(QObject* parent) : QObject(parent) {}

Graph SessionModel::displayed() const {
    if (!showBackward_ || program_.outputCount() == 0) return program_;
    return buildBackwardGraph(program_, x_, 0).graph;
}

bool SessionModel::setSource(const QString& text) {
    ++generation_;  // whatever a background opening still brings is older than this text
    queuedOpen_.reset();
    if (background_ && text.size() > backgroundChars) return openInBackground(text);
    source_ = text;
    std::string utf8 = text.toStdString();
    ParseResult r = parse(utf8);
    // Too large to trace in memory: refused before any trace or layout is made (limits.hpp), so
    // a huge program costs its parse and no more; the last good graph stays, the message says
    // why. Anything smaller is shown: drawn whole, rolled up (rolled_view.hpp) or as an overview
    // of blocks (overview_view.hpp). A program with shapes is drawn one node per matrix
    // operation instead (when the view prefers it).
    if (r.ok() && !(r.graph.shaped && preferShaped_))
        if (r.graph.size() > limits::maxDrawnBoxes)
            if (auto refused = windowRefusal(r.graph, loadMode_.value_or(mode_)))
                r.error = ParseError{0, 0, 1, 1, *refused};
    if (!r.ok()) {
        error_ = r.error;
        emit errorChanged();
        return false;
    }
    const bool hadError = error_.has_value();
    error_.reset();
    goodSource_ = text;

    // Carry values over by name so retyping the program does not reset the point. Per tensor
    // for programs with shapes (shaped::sameNamedInputs): a 784-input layer has 10⁵ names, and
    // this runs on every keystroke.
    const std::vector<int> from = shaped::sameNamedInputs(program_, r.graph);
    const std::vector<double> oldX = std::move(x_), oldXdot = std::move(xdot_);
    program_ = std::move(r.graph);
    x_.assign(static_cast<std::size_t>(program_.inputCount()), 1.0);
    xdot_.assign(x_.size(), 0.0);
    bool anyDir = false;
    std::set<double> taken;  // values of kept inputs: a new input gets none of them (scalar programs)
    const bool shapedInit = program_.shaped != nullptr;
    std::vector<int> fresh;
    for (int i = 0; i < program_.inputCount(); ++i) {
        const int old = from[static_cast<std::size_t>(i)];
        if (old < 0) {
            fresh.push_back(i);
            continue;
        }
        x_[static_cast<std::size_t>(i)] = oldX[static_cast<std::size_t>(old)];
        if (!shapedInit) taken.insert(x_[static_cast<std::size_t>(i)]);
        xdot_[static_cast<std::size_t>(i)] = oldXdot[static_cast<std::size_t>(old)];
        anyDir = anyDir || xdot_[static_cast<std::size_t>(i)] != 0;
    }
    if (program_.shaped && !fresh.empty()) {
        // Vectors and matrices start where `--init 1` starts them: distinct values for every
        // weight, in linear time (making 10⁵ hundredths distinct one by one would not be).
        const std::vector<double> init = shaped::initialValues(program_, 1);
        for (int i : fresh) x_[static_cast<std::size_t>(i)] = init[static_cast<std::size_t>(i)];
    } else {
        for (int i : fresh) x_[static_cast<std::size_t>(i)] = firstFree(initialInputValue(i), taken);
    }
    if (!anyDir && !xdot_.empty()) xdot_[0] = 1;  // a zero direction shows nothing: e₁
    if (loadValues_)  // load(): the program's own point, before its first sweep
        for (const auto& [name, v] : *loadValues_)
            if (const int i = program_.inputIndex(name); i >= 0) x_[static_cast<std::size_t>(i)] = v;
    if (loadMode_ && *loadMode_ != mode_) {
        mode_ = *loadMode_;
        step_ = 0;  // the steps of the other mode mean something else
    }

    showGraph(displayed(), false);
    if (hadError) emit errorChanged();
    return true;
}

bool SessionModel::load(const QString& text, const std::vector<std::pair<std::string, double>>& values,
                        Mode mode) {
    loadValues_ = &values;
    loadMode_ = mode;
    const bool ok = setSource(text);
    loadValues_ = nullptr;
    loadMode_.reset();
    if (!ok) {  // over the last good program, as separate edits would have done
        setMode(mode);
        setInputsByName(values);
    }
    return ok;
}

void SessionModel::showGraph(Graph g, bool resetSeeds) {
    std::map<std::string, double> oldSeed;
    if (!resetSeeds)
        for (int j = 0; j < graph_.outputCount(); ++j)
            oldSeed[graph_.outputs[static_cast<std::size_t>(j)].name] = ybar_[static_cast<std::size_t>(j)];
    const bool keepLayout = !graph_.nodes.empty() && sameStructure(graph_, g);
    // A new structure is a new story: its steps have nothing to do with the old ones. The same
    // structure (only a number changed) keeps the step the class is looking at.
    if (!keepLayout && !sameStructure(graph_, g, false)) step_ = 0;
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
    const Level before = level_;
    level_ = hasShapes() && preferShaped_ && (!userChoseScalar_ || scalarRefusal()) ? Level::Shaped
                                                                                    : Level::Scalar;
    if (!hasShapes()) userChoseScalar_ = false;
    if (level_ != before) step_ = 0;
    rerun();
    if (level_ != before) emit levelChanged();
    if (keepLayout) emit traceChanged();
    else emit graphChanged();
    emit pointChanged();
    emit stepChanged(step_);
}

void SessionModel::rerun() {
    // The shaped level records the scalar trace only where the scalar graph could be drawn
    // (to map steps between the levels): a 784-input layer's would take seconds.
    if (level_ == Level::Shaped && scalarRefusal()) {
        trace_ = Trace{};
        trace_.mode = mode_;
    } else switch (mode_) {
        case Mode::Forward: trace_ = traceForward(graph_, x_, xdot_); break;
        case Mode::ForwardOverReverse: trace_ = traceHvp(graph_, x_, xdot_, ybar_); break;
        case Mode::Reverse: {
            // A schedule over the limits (binomial:1 on a long chain records steps quadratic
            // in its length) is not recorded: plain reverse mode, and a warning saying why.
            const bool checkpointed = strategy_ && strategy_->kind != Strategy::StoreAll;
            const auto refused = checkpointed
                                     ? limits::traceRefusal(graph_, mode_, &*strategy_, true)
                                     : std::nullopt;
            trace_ = checkpointed && !refused ? traceCheckpointed(graph_, x_, ybar_, *strategy_)
                                              : traceReverse(graph_, x_, ybar_);
            if (refused)
                trace_.warnings.insert(trace_.warnings.begin(),
                                       Warning{-1, strategy_->name() + " is shown as store-all: " +
                                                       *refused});
            break;
        }
    }
    if (level_ == Level::Shaped) {
        // The engine's shaped sweeps: forward, reverse, forward-over-reverse (H·v). A
        // checkpointed schedule runs over the matrix operations (shaped_checkpoint.hpp), as
        // frameworks checkpoint layers; View ▸ Scalar graph shows the schedule over scalar nodes.
        const bool checkpointed = strategy_ && strategy_->kind != Strategy::StoreAll;
        shapedTrace_ = mode_ == Mode::Forward              ? shaped::traceShapedForward(program_, x_, xdot_)
                       : mode_ == Mode::ForwardOverReverse ? shaped::traceShapedHvp(program_, x_, xdot_, ybar_)
                       : checkpointed ? shaped::traceShapedCheckpointed(program_, x_, ybar_, *strategy_)
                                      : shaped::traceShapedReverse(program_, x_, ybar_);
        stepEnds_ = trace_.size() > 0 || graph_.size() == 0
                        ? shaped::scalarStepEnds(program_, trace_, shapedTrace_)
                        : std::vector<std::size_t>(shapedTrace_.steps.size() + 1, 0);
    } else {
        shapedTrace_ = {};
        stepEnds_.clear();
    }
    step_ = std::clamp(step_, 0, stepCount());
    index_.reset();
}

void SessionModel::setPreferShaped(bool on) { preferShaped_ = on; }

std::optional<QString> SessionModel::scalarRefusal() const {
    if (program_.size() <= limits::maxDrawnNodes) return std::nullopt;
    return tr("%L1 scalar nodes, over the %L2 the window draws: shown one node per matrix operation.")
        .arg(program_.size())
        .arg(limits::maxDrawnNodes);
}

std::optional<QString> SessionModel::setLevel(Level level) {
    if (level == level_) return std::nullopt;
    if (level == Level::Shaped && !hasShapes()) return tr("This program has no vectors or matrices.");
    if (level == Level::Scalar)
        if (auto refused = scalarRefusal()) return refused;
    userChoseScalar_ = level == Level::Scalar;
    // The place in the sweep: the scalar steps that did the shaped steps' work, and back.
    const std::size_t scalarAt = static_cast<std::size_t>(scalarStep());
    level_ = level;
    rerun();
    step_ = level_ == Level::Scalar ? static_cast<int>(scalarAt)
                                    : static_cast<int>(shaped::shapedStepAt(stepEnds_, scalarAt));
    step_ = std::clamp(step_, 0, stepCount());
    emit levelChanged();
    emit traceChanged();
    emit stepChanged(step_);
    return std::nullopt;
}

int SessionModel::scalarStep() const { return std::max(0, scalarStepAt(step_)); }

int SessionModel::scalarStepAt(int k) const {
    if (level_ == Level::Scalar) return k;
    if (stepEnds_.empty() || trace_.initial.size() != static_cast<std::size_t>(graph_.size())) return -1;
    k = std::clamp(k, 0, static_cast<int>(stepEnds_.size()) - 1);
    return static_cast<int>(stepEnds_[static_cast<std::size_t>(k)]);
}

std::vector<NodeState> SessionModel::state() const {
    if (level_ == Level::Shaped && trace_.initial.size() != static_cast<std::size_t>(graph_.size()))
        return std::vector<NodeState>(static_cast<std::size_t>(graph_.size()));
    return trace_.stateAt(static_cast<std::size_t>(scalarStep()));
}

NodeState SessionModel::stateOf(int id) const {
    // No scalar trace (too large to record): what the shaped steps done say of the element.
    if (level_ == Level::Shaped && trace_.initial.size() != static_cast<std::size_t>(graph_.size()))
        return shaped::elementStateAt(program_, shapedTrace_, id, static_cast<std::size_t>(step_));
    if (!index_) index_.emplace(trace_);
    return index_->stateAt(id, static_cast<std::size_t>(scalarStep()));
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
    // Names to input indices once: a 784-128-10 MLP has 101,770 inputs, and a search per name
    // would be quadratic. A vector or matrix's own name stands for all its elements.
    std::unordered_map<std::string, std::vector<int>> byName;
    for (int i = 0; i < program_.inputCount(); ++i) byName[std::string(program_.inputName(i))] = {i};
    for (const shaped::Port& p : shaped::inputPorts(program_))
        if (!p.shape.isScalar()) byName[p.name] = {p.items.begin(), p.items.end()};
    bool changed = false;
    for (const auto& [name, v] : values) {
        const auto found = byName.find(name);
        if (found == byName.end()) continue;
        for (int i : found->second)
            if (!(x_[static_cast<std::size_t>(i)] == v)) {
                x_[static_cast<std::size_t>(i)] = v;
                changed = true;
            }
    }
    // Loading a program sets its point: the same point needs no second sweep (half a second
    // on a 10⁵-iteration program).
    if (changed) pointEdited();
}

void SessionModel::setInputs(std::vector<double> values) {
    if (values.size() != x_.size() || values == x_) return;
    x_ = std::move(values);
    pointEdited();
}

void SessionModel::randomizeInputs(std::uint64_t draw) {
    if (program_.shaped) {
        // The command line's --init: the class can reproduce the window's point exactly.
        x_ = shaped::initialValues(program_, draw);
        pointEdited();
        return;
    }
    std::set<double> taken;
    for (int i = 0; i < program_.inputCount(); ++i)
        x_[static_cast<std::size_t>(i)] = firstFree(randomInputValue(draw, i), taken);
    pointEdited();
}

void SessionModel::setDirectionAndSeed(std::vector<double> direction, std::vector<double> seed) {
    if (direction.size() == xdot_.size()) xdot_ = std::move(direction);
    if (seed.size() == ybar_.size()) ybar_ = std::move(seed);
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
