// The layout of issue 10's crash programs (one input used at every step) at about 1,000 and
// 3,000 nodes: wall time from program to drawn scene (plan, dot, items) and peak memory. Each
// case runs in a child process of its own, so its peak resident size is its own.
// Run: ./build/release/bench/layout_bench [repeats]

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// a_k = sin(a_{k-1})·a_{k-1} + y: y is used at every step.
QString sharedInput(int steps) {
    QString s, prev = QStringLiteral("x");
    for (int k = 1; k <= steps; ++k) {
        s += QStringLiteral("a%1 = sin(%2)*%2 + y\n").arg(k).arg(prev);
        prev = QStringLiteral("a%1").arg(k);
    }
    return s;
}

// The logistic map example, stretched: r and the constant 1 at every step.
QString logistic(int steps) {
    QString s, prev = QStringLiteral("x");
    for (int k = 1; k <= steps; ++k) {
        s += QStringLiteral("x%1 = r*%2*(1 - %2)\n").arg(k).arg(prev);
        prev = QStringLiteral("x%1").arg(k);
    }
    return s;
}

struct Case {
    const char* name;
    QString (*program)(int);
    int steps;
};

// In the child: lays the program out `repeats` times, prints the median and the peak memory.
int runCase(int argc, char** argv, const Case& c, int repeats) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    SessionModel model;
    if (!model.setSource(c.program(c.steps))) return 2;
    std::vector<double> ms;
    int boxes = 0;
    for (int r = 0; r < repeats; ++r) {
        QElapsedTimer t;
        t.start();
        GraphScene scene(model, nullptr, /*synchronous=*/true);
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        if (!scene.layoutError().isEmpty()) {
            std::printf("%-28s %5d nodes  error: %s\n", c.name, model.graph().size(),
                        scene.layoutError().toUtf8().constData());
            return 1;
        }
        boxes = static_cast<int>(scene.nodeItems().size() + scene.constantCopies().size() +
                                 scene.nodeCopies().size());
    }
    std::sort(ms.begin(), ms.end());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%-28s %5d nodes %5d boxes  median %8.0f ms  peak RSS %6.0f MB\n", c.name,
                model.graph().size(), boxes, ms[ms.size() / 2], static_cast<double>(usage.ru_maxrss) / 1024);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const Case cases[] = {
        {"shared input, 333 steps", sharedInput, 333},
        {"shared input, 999 steps", sharedInput, 999},
        {"logistic map, 333 steps", logistic, 333},
        {"logistic map, 999 steps", logistic, 999},
    };
    int failures = 0;
    for (const Case& c : cases) {
        std::fflush(stdout);
        const pid_t child = fork();
        if (child == 0) {
            const int status = runCase(argc, argv, c, repeats);
            std::fflush(stdout);  // _exit skips stdio's flush
            _exit(status);
        }
        int status = 0;
        waitpid(child, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::printf("%-28s failed (status %d)\n", c.name, status);
            ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}
