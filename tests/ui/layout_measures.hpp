#pragma once
// Measures of a laid-out scene shared by the layout tests: how many ranks an edge spans, and
// which edge labels overlap each other or a box.

#include <QPointF>
#include <QRectF>
#include <QString>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"
#include "ui/examples.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"

namespace adviz::ui::test {

/// `a1 = sin(x)*x + y`, `a2 = sin(a1)*a1 + y`, …: y is used at every step (issue 10's crash).
inline QString sharedInputChain(int steps) {
    QString s;
    QString prev = QStringLiteral("x");
    for (int k = 1; k <= steps; ++k) {
        s += QStringLiteral("a%1 = sin(%2)*%2 + y\n").arg(k).arg(prev);
        prev = QStringLiteral("a%1").arg(k);
    }
    return s;
}

/// The logistic map example's program, `steps` long: r and the constant 1 used at every step.
inline QString logisticChain(int steps) {
    QString s;
    QString prev = QStringLiteral("x");
    for (int k = 1; k <= steps; ++k) {
        s += QStringLiteral("x%1 = r*%2*(1 - %2)\n").arg(k).arg(prev);
        prev = QStringLiteral("x%1").arg(k);
    }
    return s;
}

/// Loads an example into the model: its program, its values and its mode.
inline void loadExample(SessionModel& model, const Example& e) {
    model.setSource(e.source);
    model.setInputsByName(exampleValues(e));  // element names (W1[1,0]) and init seeds too
    model.setMode(e.mode == QStringLiteral("forward") ? Mode::Forward : Mode::Reverse);
}

/// Whether an example can be drawn as scalar boxes at all: the 784-128-10 MLP (306,016 scalar
/// nodes) is far over the window's limit and is only ever drawn as its shaped graph.
inline bool drawnAsScalars(const Example& e) {
    const ParseResult r = parse(e.source.toStdString());
    return r.ok() && r.graph.size() <= limits::maxDrawnBoxes;
}

/// The example whose menu title contains `part` (the list's order may change).
inline const Example& exampleTitled(const char* part) {
    for (const Example& e : examples())
        if (e.title.contains(QString::fromUtf8(part))) return e;
    throw std::runtime_error(std::string("no example titled ") + part);
}

/// Every box of the scene: each node's own and the copies.
inline std::vector<NodeItem*> allBoxes(const GraphScene& scene) {
    std::vector<NodeItem*> all = scene.nodeItems();
    all.insert(all.end(), scene.constantCopies().begin(), scene.constantCopies().end());
    all.insert(all.end(), scene.nodeCopies().begin(), scene.nodeCopies().end());
    return all;
}

inline QRectF boxRect(const NodeItem* n) { return n->shape().boundingRect().translated(n->pos()); }

inline double along(const GraphScene& scene, QPointF p) {
    return scene.direction() == layout::Direction::LeftToRight ? p.x() : p.y();
}

/// Ranks each edge spans, counted in columns of operation boxes: 1 + the number of operation
/// columns strictly between its ends. (Leaves sit beside their uses, between the operations'
/// columns, and labels have slots of their own: neither counts as a rank of the computation.)
inline std::vector<int> edgeSpans(const GraphScene& scene, const Graph& g) {
    std::vector<double> columns;
    for (const NodeItem* n : scene.nodeItems()) {
        Op op = g[n->id()].op;
        if (op != Op::Input && op != Op::Const) columns.push_back(along(scene, n->pos()));
    }
    std::sort(columns.begin(), columns.end());
    columns.erase(std::unique(columns.begin(), columns.end(),
                              [](double a, double b) { return std::abs(a - b) < 1.0; }),
                  columns.end());
    std::vector<int> spans;
    for (const EdgeItem* e : scene.edgeItems()) {
        const QPainterPath& p = e->path();
        double a = along(scene, p.elementAt(0));
        double b = along(scene, p.elementAt(p.elementCount() - 1));
        if (a > b) std::swap(a, b);
        int crossed = 0;
        for (double c : columns) crossed += c > a + 0.5 && c < b - 0.5;
        spans.push_back(crossed + 1);
    }
    return spans;
}

inline int longestSpan(const GraphScene& scene, const Graph& g) {
    std::vector<int> s = edgeSpans(scene, g);
    return s.empty() ? 0 : *std::max_element(s.begin(), s.end());
}

/// Pairs of visible labels that overlap, plus labels that overlap a box.
inline int labelOverlaps(const GraphScene& scene) {
    // Rounding in the layout (whole points): a touch is not an overlap.
    auto shrink = [](QRectF r) { return r.adjusted(0.75, 0.75, -0.75, -0.75); };
    std::vector<QRectF> labels;
    for (const EdgeItem* e : scene.edgeItems())
        if (e->labelVisible()) labels.push_back(shrink(e->labelRect()));
    int overlaps = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = i + 1; j < labels.size(); ++j) overlaps += labels[i].intersects(labels[j]);
    for (const NodeItem* n : allBoxes(scene))
        for (const QRectF& l : labels) overlaps += shrink(boxRect(n)).intersects(l);
    return overlaps;
}

}  // namespace adviz::ui::test
