// Exports for handouts and slides, timed in one run: the PDF handout of every step of a 100-node
// reverse sweep (201 pages; target under 5 s) and the GIF of the default example's reverse
// sweep with its motion. Before timing, the inputs are checked to be meaningful: the sweep's
// values are finite and depend on x (another x gives another gradient), and the files are real
// (pages and bytes are reported as counters).

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "ui/export/gif_export.hpp"
#include "ui/export/step_export.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// 33 tanh layers: x, then 0.9·h, + 0.1, tanh per layer: 100 nodes.
QString tanhLayers(int layers) {
    QString s;
    QString prev = QStringLiteral("x");
    for (int k = 1; k <= layers; ++k) {
        s += QStringLiteral("h%1 = tanh(0.9*%2 + 0.1)\n").arg(k).arg(prev);
        prev = QStringLiteral("h%1").arg(k);
    }
    return s;
}

void requireMeaningful(SessionModel& model) {
    const double g1 = model.trace().result.at(0);
    model.setInputsByName({{"x", 0.9}});
    const double g2 = model.trace().result.at(0);
    model.setInputsByName({{"x", 0.5}});
    if (!std::isfinite(g1) || !std::isfinite(g2) || g1 == g2) {
        std::fprintf(stderr, "export_bench: the sweep's gradient is not finite or does not depend on x\n");
        std::exit(1);
    }
}

void Handout100Nodes(benchmark::State& state) {
    SessionModel model;
    model.setSource(tanhLayers(33));
    model.setInputsByName({{"x", 0.5}});
    model.setMode(Mode::Reverse);
    requireMeaningful(model);
    GraphScene scene(model, nullptr, true);
    std::vector<int> steps;
    parseSteps(QStringLiteral("all"), model.stepCount(), steps);
    QTemporaryDir dir;
    for (auto _ : state) {
        Handout h(dir.filePath(QStringLiteral("h.pdf")));
        if (h.addPages(scene, model, steps, {}) || h.finish()) state.SkipWithError("handout failed");
        state.counters["pages"] = h.pageCount();
    }
    state.counters["nodes"] = model.graph().size();
    state.counters["bytes"] = static_cast<double>(QFile(dir.filePath(QStringLiteral("h.pdf"))).size());
}
BENCHMARK(Handout100Nodes)->Unit(benchmark::kMillisecond)->Iterations(3);

void GifDefaultExample(benchmark::State& state) {
    SessionModel model;
    model.setSource(QStringLiteral("(x+y)*sin(x)"));
    model.setInputsByName({{"x", 1}, {"y", 2}});
    model.setMode(Mode::Reverse);
    GraphScene scene(model, nullptr, true);
    std::vector<int> steps;
    parseSteps(QStringLiteral("all"), model.stepCount(), steps);
    QTemporaryDir dir;
    for (auto _ : state)
        if (exportGif(scene, model, dir.filePath(QStringLiteral("s.gif")), steps, {})) state.SkipWithError("gif failed");
    state.counters["bytes"] = static_cast<double>(QFile(dir.filePath(QStringLiteral("s.gif"))).size());
}
BENCHMARK(GifDefaultExample)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
