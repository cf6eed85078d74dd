// The checkpointing memory chart: one series per strategy with the engine's per-tick counts, and
// each strategy's peak and recomputed operations in the legend.

#include <catch2/catch.hpp>

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>

#include <cmath>

#include <algorithm>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "ui/charts/memory_chart.hpp"
#include "ui/model/session_model.hpp"

using namespace adviz;
using namespace adviz::ui;

TEST_CASE("the memory chart draws store-all, sqrt and binomial from the engine", "[memory]") {
    SessionModel model;
    std::string chain = "a0 = x\n";
    for (int i = 1; i <= 64; ++i)
        chain += "a" + std::to_string(i) + " = tanh(0.9*a" + std::to_string(i - 1) + " + 0.1)\n";
    REQUIRE(model.setSource(QString::fromStdString(chain)));
    MemoryPanel panel(model);
    panel.refresh();
    const auto& series = panel.series();
    REQUIRE(series.size() == 3);
    QChart* chart = panel.view()->chart();
    REQUIRE(chart->series().size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        auto* line = static_cast<QLineSeries*>(chart->series()[static_cast<qsizetype>(k)]);
        CHECK(line->count() == static_cast<qsizetype>(series[k].alive.size()));
        CHECK(*std::max_element(series[k].alive.begin(), series[k].alive.end()) == series[k].peak);
        CHECK(panel.legendText().contains(QStringLiteral("peak %1 values").arg(series[k].peak)));
    }
    // Store-all holds the whole chain; checkpoints hold far fewer and recompute instead.
    CHECK(series[0].recomputed == 0);
    CHECK(series[1].peak < series[0].peak / 2);
    CHECK(series[1].recomputed > 0);
    CHECK(series[2].peak < series[1].peak);
}

namespace {

// The 64-layer example's program: a0 = x, aₖ = tanh(0.9·aₖ₋₁ + 0.1).
std::string tanhChain(int layers) {
    std::string chain = "a0 = x\n";
    for (int i = 1; i <= layers; ++i)
        chain += "a" + std::to_string(i) + " = tanh(0.9*a" + std::to_string(i - 1) + " + 0.1)\n";
    return chain;
}

// 1, 2 or 5 times a power of ten.
bool countable(double interval) {
    const double decade = std::pow(10.0, std::floor(std::log10(interval) + 1e-9));
    const double m = interval / decade;
    return std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 5) < 1e-9;
}

QValueAxis* axisOf(QChart* chart, Qt::Orientation orientation) {
    const auto axes = chart->axes(orientation);
    REQUIRE(axes.size() == 1);
    return qobject_cast<QValueAxis*>(axes.first());
}

}  // namespace

TEST_CASE("the memory chart's axes count in whole, readable steps above the peak", "[memory]") {
    const auto program = GENERATE(as<std::string>{}, "(x+y)*sin(x)", "f = x*y + sin(x)*exp(y)",
                                  tanhChain(64));
    SessionModel model;
    REQUIRE(model.setSource(QString::fromStdString(program)));
    MemoryPanel panel(model);
    panel.refresh();
    QChart* chart = panel.view()->chart();
    QValueAxis* y = axisOf(chart, Qt::Vertical);
    QValueAxis* x = axisOf(chart, Qt::Horizontal);
    REQUIRE(y);
    REQUIRE(x);

    // The engine's own count, independently of the panel: store-all's peak.
    const CheckpointResult storeAll =
        checkpointedGradient(model.graph(), model.inputs(), model.seed(), Strategy::storeAll(), true);
    int highest = 0;
    std::size_t longest = 0;
    for (std::size_t k = 0; k < panel.series().size(); ++k) {
        auto* line = static_cast<QLineSeries*>(chart->series()[static_cast<qsizetype>(k)]);
        double plotted = 0;
        for (const QPointF& p : line->points()) plotted = std::max(plotted, p.y());
        // The drawn peak is the peak the legend states.
        CHECK(plotted == panel.series()[k].peak);
        CHECK(panel.legendText().contains(QStringLiteral("peak %1 values").arg(plotted)));
        highest = std::max(highest, panel.series()[k].peak);
        longest = std::max(longest, panel.series()[k].alive.size());
    }
    CHECK(panel.series()[0].peak == storeAll.peakStored);

    for (QValueAxis* axis : {x, y}) {
        INFO("axis " << axis->titleText().toStdString());
        CHECK(axis->tickType() == QValueAxis::TicksDynamic);
        CHECK(axis->min() == 0);
        CHECK(axis->tickAnchor() == 0);
        CHECK(countable(axis->tickInterval()));
        const double ticks = axis->max() / axis->tickInterval();
        CHECK(ticks == std::round(ticks));  // the top is a tick
        CHECK(ticks <= 6);
        CHECK(axis->labelFormat() == QStringLiteral("%d"));
    }
    CHECK(y->max() >= highest);
    CHECK(x->max() >= static_cast<double>(longest - 1));
}
