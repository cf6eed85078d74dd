// The window's responsiveness, measured headless (offscreen): from a keystroke's new text to the
// graph drawn (parse, trace, layout, items, one full render), for programs of 10 to 100 nodes;
// and for a 1,000-node program the layout alone (it runs in a worker thread in the window) and
// the cost of one animation frame (frame computation plus repaint), which must stay far below
// 16 ms for smooth stepping.

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QImage>
#include <QPainter>

#include "autodiff/language/parser.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "programs.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/block_item.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/shaped/shaped_scene.hpp"

#include <cmath>
#include <stdexcept>

using namespace adviz;
using namespace adviz::ui;

namespace {

void renderOnce(GraphScene& scene, QImage& target) {
    QPainter p(&target);
    scene.render(&p, QRectF(target.rect()), scene.sceneRect());
}

void KeystrokeToGraph(benchmark::State& state) {
    const int n = static_cast<int>(state.range(0));
    // Two programs of the same size that differ in structure, so every edit re-lays out.
    QString a = QString::fromStdString(bench::randomDag(n, 1));
    QString b = QString::fromStdString(bench::randomDag(n, 2));
    SessionModel model;
    model.setSource(a);
    GraphScene scene(model);
    scene.setSynchronous(true);
    QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
    bool flip = false;
    for (auto _ : state) {
        model.setSource((flip = !flip) ? b : a);
        renderOnce(scene, image);
    }
    state.counters["nodes"] = model.graph().size();
}

void Layout1000(benchmark::State& state) {
    SessionModel model;
    GraphScene scene(model);
    scene.setSynchronous(true);
    model.setSource(QString::fromStdString(bench::randomDag(static_cast<int>(state.range(0)), 3)));
    for (auto _ : state) {
        // Switching direction re-runs the whole layout, as a new structure would.
        scene.setDirection(scene.direction() == layout::Direction::LeftToRight
                               ? layout::Direction::TopToBottom : layout::Direction::LeftToRight);
    }
    state.counters["nodes"] = model.graph().size();
}

void AnimationFrame(benchmark::State& state) {
    SessionModel model;
    GraphScene scene(model);
    scene.setSynchronous(true);
    model.setSource(QString::fromStdString(bench::randomDag(static_cast<int>(state.range(0)), 3)));
    QImage image(1400, 900, QImage::Format_ARGB32_Premultiplied);
    const int steps = model.stepCount();
    int k = steps / 2;
    double p = 0;
    for (auto _ : state) {
        p += 0.07;
        if (p >= 1) { p = 0; k = (k + 1) % steps; }
        scene.showFrame(k, p);
        renderOnce(scene, image);  // the whole graph: a zoomed-in view paints less
    }
    state.counters["nodes"] = model.graph().size();
    state.counters["steps"] = steps;
}

// One animation tick without painting: the frame computed and pushed into the items (the view
// then repaints only the items that changed).
void StepUpdate(benchmark::State& state) {
    SessionModel model;
    GraphScene scene(model);
    scene.setSynchronous(true);
    model.setSource(QString::fromStdString(bench::randomDag(static_cast<int>(state.range(0)), 3)));
    const int steps = model.stepCount();
    int k = steps / 2;
    double p = 0;
    for (auto _ : state) {
        p += 0.07;
        if (p >= 1) { p = 0; k = (k + 1) % steps; }
        scene.showFrame(k, p);
    }
    state.counters["nodes"] = model.graph().size();
}

}  // namespace

// The 784-128-10 MLP of the examples in the shaped view: from the keystroke's new text (parse
// and lower 306,016 scalar nodes, the shaped reverse sweep, layout of 14 matrix nodes with
// heatmaps) to one full render. Two hidden sizes alternate, so every edit is a new structure.
QString mlp784(int hidden) {
    return QStringLiteral("x: [784]\nW1: [%1, 784]; b1: [%1]\nW2: [10, %1]; b2: [10]\ny: [10]\n"
                          "z1 = W1 @ x + b1\nh = sigmoid(z1)\nz2 = W2 @ h + b2\nL = logsumexp(z2) - dot(y, z2)\n")
        .arg(hidden);
}

void KeystrokeToShapedView784(benchmark::State& state) {
    SessionModel model;
    model.setPreferShaped(true);
    ShapedScene scene(model);
    QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
    const QString a = mlp784(128), b = mlp784(127);
    model.setSource(a);
    bool flip = false;
    for (auto _ : state) {
        model.setSource((flip = !flip) ? b : a);
        QPainter p(&image);
        scene.render(&p, QRectF(image.rect()), scene.sceneRect());
    }
    // The numbers drawn must be real: a finite loss that depends on the point.
    const double loss = model.shapedTrace().outputs.at(0);
    model.randomizeInputs(2);
    if (model.level() != Level::Shaped || scene.nodeItems().empty() || !std::isfinite(loss) ||
        model.shapedTrace().outputs.at(0) == loss)
        throw std::runtime_error("the shaped view did not draw the 784-128-10 MLP's numbers");
    state.counters["scalar_nodes"] = model.program().size();
    state.counters["shaped_nodes"] = static_cast<double>(scene.nodeItems().size());
}

// A 10⁵-node program with nothing to roll up (two random DAGs alternate, so every load is a
// new structure): from its text to the overview of blocks drawn (parse, the reverse sweep's
// trace, the blocks and their crossing counts, their layout, one full render).
void LoadToOverview(benchmark::State& state) {
    const int n = static_cast<int>(state.range(0));
    const QString a = QString::fromStdString(bench::randomDag(n, 4));
    const QString b = QString::fromStdString(bench::randomDag(n, 5));
    SessionModel model;
    GraphScene scene(model, nullptr, /*synchronous=*/true);
    QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
    bool flip = false;
    for (auto _ : state) {
        if (!model.setSource((flip = !flip) ? b : a)) throw std::runtime_error("the program was refused");
        renderOnce(scene, image);
    }
    if (scene.blockItems().empty() || !scene.layoutError().isEmpty())
        throw std::runtime_error("no overview was drawn");
    state.counters["nodes"] = model.graph().size();
    state.counters["steps"] = model.stepCount();
    state.counters["boxes"] = static_cast<double>(scene.blockItems().size());
}

// The keystroke's stages one by one, to see where its time goes (each alternates the two hidden
// sizes as above): the parse and lowering; the engine's shaped reverse sweep; the model's whole
// setSource with no view (parse, values carried over, sweep); the shaped scene's layout, items
// and one render for a program already swept.
void Stage784Parse(benchmark::State& state) {
    const std::string a = mlp784(128).toStdString(), b = mlp784(127).toStdString();
    bool flip = false;
    for (auto _ : state) {
        ParseResult r = parse((flip = !flip) ? b : a);
        benchmark::DoNotOptimize(r.graph.nodes.data());
    }
}

void Stage784ShapedReverse(benchmark::State& state) {
    const ParseResult r = parse(mlp784(128).toStdString());
    std::vector<double> x(static_cast<std::size_t>(r.graph.inputCount()), 0.5), ybar{1.0};
    for (auto _ : state) {
        shaped::ShapedTrace t = shaped::traceShapedReverse(r.graph, x, ybar);
        benchmark::DoNotOptimize(t.steps.data());
    }
}

void Stage784SetSource(benchmark::State& state) {
    SessionModel model;
    model.setPreferShaped(true);
    const QString a = mlp784(128), b = mlp784(127);
    model.setSource(a);
    bool flip = false;
    for (auto _ : state) model.setSource((flip = !flip) ? b : a);
}

void Stage784Scene(benchmark::State& state) {
    SessionModel model;
    model.setPreferShaped(true);
    ShapedScene scene(model);
    QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
    model.setSource(mlp784(128));
    for (auto _ : state) {
        scene.relayout();
        QPainter p(&image);
        scene.render(&p, QRectF(image.rect()), scene.sceneRect());
    }
}

BENCHMARK(KeystrokeToShapedView784)->Unit(benchmark::kMillisecond)->Iterations(6);
BENCHMARK(Stage784Parse)->Unit(benchmark::kMillisecond)->Iterations(6);
BENCHMARK(Stage784ShapedReverse)->Unit(benchmark::kMillisecond)->Iterations(6);
BENCHMARK(Stage784SetSource)->Unit(benchmark::kMillisecond)->Iterations(6);
BENCHMARK(Stage784Scene)->Unit(benchmark::kMillisecond)->Iterations(6);
BENCHMARK(KeystrokeToGraph)->Arg(10)->Arg(50)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(Layout1000)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(AnimationFrame)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(StepUpdate)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(LoadToOverview)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(4);

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
