// The checkpointing memory chart: one series per strategy with the engine's per-tick counts, and
// each strategy's peak and recomputed operations in the legend.

#include <catch2/catch.hpp>

#include <QChart>
#include <QChartView>
#include <QLineSeries>

#include <algorithm>

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
