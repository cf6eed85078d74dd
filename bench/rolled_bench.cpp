// Programs too large to draw, drawn rolled up: a recurrence of 10⁵ steps from its text to the
// rolled drawing on screen (parse, repetition found, trace recorded, layout, items, one render:
// the target is under 1 s), its parts (parsing alone; recording the trace alone, numbers only
// as the window keeps it, and with every step's formula written as it once was), the drawing
// alone once loaded, the detector alone, and one step of the sweep through the rolled
// block, forwards and backwards (frame from the trace index, items updated, rendered: the target
// is under 16 ms). Offscreen. Before timing, the program's values are checked to be finite and
// to depend on its inputs, so the benchmark measures a real sweep, not NaNs.

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPixmap>
#include <QPainter>

#include <cmath>
#include <memory>
#include <stdexcept>

#include "autodiff/structure/repetition.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/trace.hpp"
#include "programs.hpp"
#include "ui/main_window.hpp"
#include "ui/model/roll_model.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// x(k) = sin(x(k−1))·a for n steps, f = x(n)·x(n): x converges to the fixed point of a·sin,
// finite for any a, and f and ∂f/∂a depend on a.
std::string recurrence(int n) {
    std::string s;
    for (int k = 1; k <= n; ++k)
        s += "x" + std::to_string(k) + " = sin(" + (k == 1 ? std::string("x") : "x" + std::to_string(k - 1)) + ")*a\n";
    return s + "f = x" + std::to_string(n) + "*x" + std::to_string(n) + "\n";
}

// Throws unless f and its gradient are finite at two points and differ between them.
void checkProgram(const Graph& g) {
    auto at = [&](double a) {
        std::vector<double> x(static_cast<std::size_t>(g.inputCount()), 0.7);
        x[static_cast<std::size_t>(g.inputIndex("a"))] = a;
        return vjp(g, x, std::vector<double>{1.0});
    };
    const VjpResult p = at(1.3), q = at(1.7);
    auto finite = [](const VjpResult& r) {
        if (!std::isfinite(r.outputs[0])) return false;
        for (double v : r.cotangent) if (!std::isfinite(v)) return false;
        return true;
    };
    if (!finite(p) || !finite(q)) throw std::runtime_error("recurrence: non-finite values");
    if (p.outputs[0] == q.outputs[0] || p.cotangent == q.cotangent)
        throw std::runtime_error("recurrence: values do not depend on the input");
}

void render(GraphScene& scene, QImage& image) {
    QPainter p(&image);
    scene.render(&p, QRectF(image.rect()), scene.sceneRect());
}

const QString& source100k() {
    static const QString s = [] {
        const std::string text = recurrence(100'000);
        checkProgram(bench::parseProgram(text));
        return QString::fromStdString(text);
    }();
    return s;
}

void Detect100k(benchmark::State& state) {
    const Graph g = bench::parseProgram(recurrence(100'000));
    for (auto _ : state) benchmark::DoNotOptimize(findRepetition(g));
    const Repetition r = findRepetition(g);
    if (r.count != 100'000) state.SkipWithError("repetition not found");
    state.counters["ops"] = static_cast<double>(r.ops.size());
}

// Parsing the 2.3 MB text alone (the first part of opening it).
void Parse100k(benchmark::State& state) {
    const std::string text = source100k().toStdString();
    for (auto _ : state) benchmark::DoNotOptimize(bench::parseProgram(text));
}

// Recording the reverse sweep's trace of 500,002 steps as the window keeps it (Arg 0: numbers
// only, formulas written when a step is shown) and as it was kept before (Arg 1: every step's
// formula written while the sweep runs, as a streamed trace still does, and the step kept).
void Trace100k(benchmark::State& state) {
    const bool withText = state.range(0) != 0;
    const Graph g = bench::parseProgram(source100k().toStdString());
    std::vector<double> x(static_cast<std::size_t>(g.inputCount()), 0.7);
    x[static_cast<std::size_t>(g.inputIndex("a"))] = 1.3;
    const std::vector<double> seed{1.0};
    for (auto _ : state) {
        std::vector<Step> kept;
        // (The sink's step is discarded after the call, so it is moved, as add() used to.)
        auto keep = [&](const Step& s, std::size_t) { kept.push_back(std::move(const_cast<Step&>(s))); };
        Trace t = withText ? traceReverse(g, x, seed, keep) : traceReverse(g, x, seed);
        benchmark::DoNotOptimize(t);
        benchmark::DoNotOptimize(kept);
        state.counters["steps"] = static_cast<double>(t.recorded);
    }
}

// From the loaded text to the rolled drawing rendered once (what "open" costs the user).
void OpenRolled100k(benchmark::State& state) {
    const QString& text = source100k();
    QImage image(1280, 720, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        SessionModel model;
        GraphScene scene(model, nullptr, /*synchronous=*/true);
        if (!model.setSource(text) || !scene.roll().isRolled() || !scene.layoutError().isEmpty()) {
            state.SkipWithError("not drawn rolled up");
            return;
        }
        render(scene, image);
        state.counters["steps"] = model.stepCount();
        state.counters["drawn"] = scene.drawnGraph().size();
    }
}

// The whole window, as a user opens the file: the editor receives the text, the model parses and
// sweeps it once at its point, the Wengert list and panels fill, the Graphviz layout of the
// rolled drawing runs in its worker thread, and the window is painted once (grabbed). The
// window itself is made beforehand (application start-up is not part of opening a file). CPU
// time is the UI thread's: what freezes the window; real time includes the layout thread.
void OpenWindow100k(benchmark::State& state) {
    const QString& text = source100k();
    double blockedMs = 0;  // the UI thread inside loadProgram: the window does not answer then
    for (auto _ : state) {
        state.PauseTiming();
        auto window = std::make_unique<MainWindow>();
        window->resize(1280, 720);
        window->show();
        QApplication::processEvents();
        state.ResumeTiming();
        QElapsedTimer blocked;
        blocked.start();
        window->loadProgram(text, {{"x", 0.7}, {"a", 1.3}}, Mode::Reverse);
        blockedMs += static_cast<double>(blocked.nsecsElapsed()) / 1e6;
        QElapsedTimer waited;
        waited.start();
        // Parsed and swept on a worker thread (SessionModel::setBackgroundOpening), then laid
        // out on another.
        while ((window->model().isOpening() || window->scene().isLayingOut()) && waited.elapsed() < 60'000)
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        QApplication::processEvents();
        const QPixmap shot = window->grab();
        state.PauseTiming();
        if (!window->scene().roll().isRolled() || shot.isNull()) {
            state.SkipWithError("not drawn rolled up in the window");
            return;
        }
        window.reset();
        QApplication::processEvents();
        state.ResumeTiming();
    }
    state.counters["load_call_ms"] = blockedMs / static_cast<double>(state.iterations());
}

// The drawing alone, for a program already loaded (parsed, traced): body found, rolled
// drawing built, laid out, items made, rendered once.
void DrawRolled100k(benchmark::State& state) {
    SessionModel model;
    if (!model.setSource(source100k())) {
        state.SkipWithError("refused");
        return;
    }
    QImage image(1280, 720, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        GraphScene scene(model, nullptr, true);
        if (!scene.roll().isRolled()) {
            state.SkipWithError("not rolled up");
            return;
        }
        render(scene, image);
    }
}

// One step of the reverse sweep mid-block, forwards (animated: a few frames of the token under
// way) and backwards (a jump), as the player drives the scene; each frame rendered whole.
void StepRolled100k(benchmark::State& state) {
    const bool backwards = state.range(0) != 0;
    SessionModel model;
    GraphScene scene(model, nullptr, true);
    if (!model.setSource(source100k()) || !scene.roll().isRolled()) {
        state.SkipWithError("not drawn rolled up");
        return;
    }
    QImage image(1280, 720, QImage::Format_ARGB32_Premultiplied);
    int k = model.stepCount() - 150'000;  // mid reverse sweep, iteration ~25,000
    double p = 0;
    for (auto _ : state) {
        if (backwards) {
            k = k > 1 ? k - 1 : model.stepCount() - 150'000;
            model.setStep(k);
            scene.showFrame(k, 0);
        } else {
            p += 0.25;
            if (p >= 1) { p = 0; model.setStep(++k); }
            scene.showFrame(k, p);
        }
        render(scene, image);
    }
    state.counters["steps"] = model.stepCount();
}

}  // namespace

BENCHMARK(Detect100k)->Unit(benchmark::kMillisecond);
BENCHMARK(Parse100k)->Unit(benchmark::kMillisecond);
BENCHMARK(Trace100k)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(OpenRolled100k)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(OpenWindow100k)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(DrawRolled100k)->Unit(benchmark::kMillisecond);
BENCHMARK(StepRolled100k)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
