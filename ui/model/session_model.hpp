#pragma once
// The model the whole window looks at: the program text, its graph (the last one that parsed),
// the point, direction and seed, the mode, the recorded trace and the current step. It wraps the
// engine and computes nothing itself; views listen to its signals.

#include <QObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/graph.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "autodiff/structure/trace_index.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::ui {

/// The value a new input i (0-based, program order) starts at: 1, 0.62, 1.24, 0.85, … — distinct
/// hundredths in [0.5, 1.5) from the golden-ratio sequence, so that no two inputs of a symmetric
/// program (the weights of an MLP) start equal.
double initialInputValue(int i);
/// Input i's value in Randomize press number draw (1, 2, …): uniform over [−2, 2] in hundredths
/// from SplitMix64 of (draw, i); the same numbers in every session and on every machine.
double randomInputValue(std::uint64_t draw, int i);

/// What the steps count: the scalar Wengert list's steps, or (for programs with vectors and
/// matrices) one step per shaped operation (autodiff/shaped/shaped_trace.hpp).
enum class Level { Scalar, Shaped };

class SessionModel : public QObject {
    Q_OBJECT
public:
    explicit SessionModel(QObject* parent = nullptr);

    /// Parses text. If it parses, the graph is replaced (values of inputs and seeds of outputs
    /// with the same names are kept, new inputs start at initialInputValue, made distinct from
    /// every other input by steps of 0.01; in a program with vectors or matrices new inputs start
    /// at `--init 1`'s values, shaped::initialValues) and true is returned; a new structure starts at step
    /// 0, the same structure keeps its step. If not, the last good graph, values and step stay
    /// and error() says why.
    bool setSource(const QString& text);
    /// A program loaded with its point and mode: setSource, setMode and setInputsByName in one,
    /// swept once (three sweeps, a second of a 10⁵-iteration program, when done one by one). If
    /// text does not parse, the mode and values go to the last good program, as they would.
    bool load(const QString& text, const std::vector<std::pair<std::string, double>>& values, Mode mode);
    /// Texts longer than this many characters are opened (parsed and swept) on a worker thread
    /// when background opening is on (about 4,000 statements: a few tens of milliseconds).
    static constexpr qsizetype backgroundChars = 100'000;
    /// With it on (the window), setSource and load hand a long text to a worker thread and
    /// return true at once: the last good state stays until the result arrives (queued, then
    /// taken over with the usual signals); a newer text makes an older result stale, and it is
    /// dropped. Off by default: tests, exports and the command line want the result at once.
    void setBackgroundOpening(bool on) { background_ = on; }
    /// A long text is being opened in the background (or waits for the one before it).
    bool isOpening() const { return openRunning_; }
    const QString& source() const { return source_; }          ///< the last text given
    const QString& goodSource() const { return goodSource_; }  ///< the text of graph()
    const std::optional<ParseError>& error() const { return error_; }

    /// The graph on screen: the program's, or with the backward pass as nodes (see
    /// setShowBackwardGraph).
    const Graph& graph() const { return graph_; }
    /// The program as parsed (the same as graph() unless the backward pass is shown).
    const Graph& program() const { return program_; }
    const std::vector<double>& inputs() const { return x_; }
    const std::vector<double>& direction() const { return xdot_; }
    const std::vector<double>& seed() const { return ybar_; }
    void setInput(int i, double value);
    /// Sets inputs by name ("x" → 1, "W1[1,0]" → 0.3); the name of a vector or matrix input
    /// ("b1" → 0) sets every element; unknown names are ignored. One re-run for all, none if no
    /// value changed.
    void setInputsByName(const std::vector<std::pair<std::string, double>>& values);
    /// Every scalar input at once (one value per input of program(); another length is ignored).
    void setInputs(std::vector<double> values);
    /// Randomize press number draw (1, 2, …). A program with vectors or matrices gets exactly
    /// what `--init draw` gives on the command line (shaped::initialValues: Glorot-uniform
    /// matrices); a scalar program every input randomInputValue(draw, i), made distinct by steps
    /// of 0.01. One re-run.
    void randomizeInputs(std::uint64_t draw);
    void setDirection(int i, double value);
    /// Restores a whole direction and seed at once (one re-run); a vector of the wrong length
    /// is ignored.
    void setDirectionAndSeed(std::vector<double> direction, std::vector<double> seed);
    void setSeed(int j, double value);
    /// Direction eᵢ / seed eⱼ: one forward sweep per input, one reverse sweep per output.
    void setUnitDirection(int i);
    void setUnitSeed(int j);

    Mode mode() const { return mode_; }
    /// Forward, Reverse, or ForwardOverReverse (H·v along the direction, one backward sweep).
    void setMode(Mode mode);

    /// Reverse mode with checkpointing (nullopt or store-all: every value kept).
    void setCheckpointStrategy(std::optional<Strategy> strategy);
    const std::optional<Strategy>& checkpointStrategy() const { return strategy_; }

    /// Shows the program extended with its backward pass as explicit nodes (each adjoint a node
    /// computed from local partials): its outputs are ∂f/∂x per input; differentiating it
    /// forward gives H·v. Built at the current point (relu and friends branch there).
    void setShowBackwardGraph(bool on);
    bool showBackwardGraph() const { return showBackward_; }

    /// Whether programs with vectors and matrices are shown one node per shaped operation (the
    /// window does; exports and the command line's figures draw the scalar graph). Such a
    /// program is then never refused for its scalar size: its shaped drawing is small.
    void setPreferShaped(bool on);
    bool preferShaped() const { return preferShaped_; }
    bool hasShapes() const { return program_.shaped != nullptr && !showBackward_; }
    Level level() const { return level_; }
    /// Switches the level the steps count in, keeping the place in the sweep (the step maps to
    /// the matching step of the other trace). Returns why not, if the scalar graph is too
    /// large to draw or the program has no shapes.
    std::optional<QString> setLevel(Level level);
    /// Why the scalar graph of a program with shapes cannot be drawn, or nothing.
    std::optional<QString> scalarRefusal() const;
    /// The shaped trace of the current sweep (shaped level only; forward or reverse).
    const shaped::ShapedTrace& shapedTrace() const { return shapedTrace_; }
    /// The sweep's result in either level: J·ẋ per output (forward), ȳᵀJ per input (reverse),
    /// H·v per input (forward-over-reverse).
    const std::vector<double>& result() const { return level_ == Level::Shaped ? shapedTrace_.result : trace_.result; }

    /// The scalar trace (in the shaped level recorded only when the scalar graph is drawable).
    const Trace& trace() const { return trace_; }
    int stepCount() const {
        return static_cast<int>(level_ == Level::Shaped ? shapedTrace_.steps.size() : trace_.size());
    }
    /// The current step, counted in the level's steps.
    int step() const { return step_; }
    /// The scalar step count matching the current step (the same in the scalar level).
    int scalarStep() const;
    /// The scalar step count matching step k of the level shown (-1 in the shaped level when no
    /// scalar trace is recorded).
    int scalarStepAt(int k) const;
    /// Moves to the state after the first k steps (clamped to 0…stepCount()).
    void setStep(int k);
    /// Every scalar node's numbers after the current step (unknown where the shaped level
    /// records no scalar trace).
    std::vector<NodeState> state() const;
    /// Node id's numbers after the current step: state()[id] without replaying every node (a
    /// panel showing a few nodes of a 10⁵-iteration program stays within a frame).
    NodeState stateOf(int id) const;

    int selectedNode() const { return selected_; }
    void setSelectedNode(int id);  ///< -1 for none

signals:
    void graphChanged();          ///< structure changed: views rebuild and re-layout
    void traceChanged();          ///< numbers or mode changed, same structure
    void stepChanged(int step);
    void errorChanged();          ///< a parse error appeared or went away
    void pointChanged();          ///< inputs, direction or seed changed
    void selectionChanged(int node);
    void levelChanged();          ///< shaped or scalar drawing: views swap, steps re-count
    /// A background opening started (statements: lines of the text) or ended (0, running
    /// false), whether its result was taken or dropped as stale.
    void openingChanged(bool running, int statements);

private:
    struct CopyForOpening {};
    // The state a background opening starts from: everything but the recorded traces.
    SessionModel(const SessionModel& from, CopyForOpening);
    bool openInBackground(const QString& text);          // session_model_open.cpp
    void startOpening();                                 // the queued text, on a worker thread
    void adoptOpened(SessionModel& opened, bool ok, Mode modeAtStart);  // its result, taken over
    void rerun();  // records the trace for the current graph, point and mode; keeps the step
    Graph displayed() const;     // program_, or program_ with its backward pass
    void pointEdited();          // after x_/xdot_/ybar_ changed: rebuild what depends on them
    void showGraph(Graph g, bool resetSeeds);  // replaces graph_, keeping seeds by name

    QString source_, goodSource_;
    std::optional<ParseError> error_;
    Graph program_;
    Graph graph_;
    std::vector<double> x_, xdot_, ybar_;
    Mode mode_ = Mode::Reverse;
    // Set by load() for the one setSource it calls: applied before that source's sweep.
    const std::vector<std::pair<std::string, double>>* loadValues_ = nullptr;
    std::optional<Mode> loadMode_;
    std::optional<Strategy> strategy_;
    bool showBackward_ = false;
    Trace trace_;
    bool preferShaped_ = false;
    Level level_ = Level::Scalar;
    bool userChoseScalar_ = false;      // View ▸ Scalar graph: kept while the program keeps shapes
    shaped::ShapedTrace shapedTrace_;
    std::vector<std::size_t> stepEnds_;  // per shaped step count, the scalar step count
    mutable std::optional<TraceIndex> index_;  // built on first use after each re-run
    int step_ = 0;
    int selected_ = -1;
    // Background opening (session_model_open.cpp): one worker at a time, the newest text
    // queued behind it, results of older texts dropped by generation.
    bool background_ = false;
    bool openRunning_ = false;
    int generation_ = 0;
    struct QueuedOpen {
        QString text;
        std::vector<std::pair<std::string, double>> values;
        std::optional<Mode> mode;
        bool load = false;
    };
    std::optional<QueuedOpen> queuedOpen_;
};

}  // namespace adviz::ui
