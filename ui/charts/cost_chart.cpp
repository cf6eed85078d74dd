#include "ui/charts/cost_chart.hpp"

#include <QLineSeries>
#include <QLogValueAxis>
#include <QObject>
#include <QScatterSeries>
#include <QStringList>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <limits>

#include "ui/charts/chart_style.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// One method: its name, its series' objectName, colour, and its two counts in a CostRow.
struct Method {
    QString name;
    const char* object;
    QColor colour;
    long long CostRow::*passes;
    long long CostRow::*operations;
};

std::array<Method, 4> methods() {
    const Theme& t = Theme::current();
    // Forward and reverse mode wear the colours of v̇ and v̄ in the graph view.
    return {{
        {QObject::tr("FD forward: p + 1"), "fdForward", t.active,
         &CostRow::fdForwardPasses, &CostRow::fdOperations},
        {QObject::tr("FD central: 2p"), "fdCentral", t.selected,
         &CostRow::fdCentralPasses, &CostRow::fdCentralOperations},
        {QObject::tr("forward mode: p sweeps"), "forwardMode", t.tangent,
         &CostRow::forwardSweeps, &CostRow::forwardOperations},
        {QObject::tr("reverse mode: 1 sweep"), "reverseMode", t.adjoint,
         &CostRow::reverseSweeps, &CostRow::reverseOperations},
    }};
}

}  // namespace

CostData computeCost(const Graph& g, std::span<const double> x, int output,
                     std::vector<CostRow> family) {
    CostData data;
    data.family = family.empty() ? costFamily(kCostFamilyWidth) : std::move(family);
    if (g.inputCount() > 0 && g.outputCount() > 0) data.program = costOf(g, x, output);
    return data;
}

QChart* buildCostChart(const CostData& data, CostMeasure measure) {
    const bool ops = measure == CostMeasure::Operations;
    const QString title = ops ? QObject::tr("Cost of ∇f: elementary operations")
                              : QObject::tr("Cost of ∇f: passes over the program");
    if (data.family.empty() && !data.program) return messageChart(title, QObject::tr("no data"));
    const QString yName = ops ? QObject::tr("operations") : QObject::tr("passes / sweeps");
    QChart* chart =
        themedChart(title, QObject::tr("2-w-1 MLP of growing width, measured by the engine"));

    // Counts of 0 (forward mode of a program without inputs) have no place on a log axis and
    // are skipped, as is anything non-positive.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, pMax = 1;
    auto note = [&](double v) { lo = std::min(lo, v), hi = std::max(hi, v); };
    std::vector<QLineSeries*> lines;
    for (const Method& m : methods()) {
        auto* line = lineSeries(m.name, QString::fromLatin1(m.object), m.colour);
        line->setPointsVisible(true);
        for (const CostRow& r : data.family) {
            const double v = static_cast<double>(r.*(ops ? m.operations : m.passes));
            if (v <= 0) continue;
            line->append(r.parameters, v);
            note(v);
            pMax = std::max(pMax, static_cast<double>(r.parameters));
        }
        lines.push_back(line);
    }
    QScatterSeries* program = nullptr;
    std::vector<QColor> colours;
    QStringList names;
    if (data.program) {
        const CostRow& r = *data.program;
        program = scatterSeries(QObject::tr("this program: p = %1").arg(r.parameters),
                                QStringLiteral("program"), Theme::current().background, 18.0,
                                true);
        // Squares in each method's colour with a dark border: "this program", per method.
        program->setBorderColor(Theme::current().text);
        for (const Method& m : methods()) {
            const double v = static_cast<double>(r.*(ops ? m.operations : m.passes));
            if (v <= 0) continue;
            program->append(r.parameters, v);
            colours.push_back(m.colour);
            names << QObject::tr("this program: %1").arg(m.name);
            note(v);
        }
        colourPoints(program, colours);
        pMax = std::max(pMax, static_cast<double>(r.parameters));
    }

    auto* xAxis = valueAxis(QObject::tr("parameters p"), 0, pMax * 1.05 + 1, true);
    auto* yAxis = logAxis(yName, lo, hi);
    yAxis->setLabelFormat(QStringLiteral("%g"));  // counts read better as 1000 than 1e+03
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QLineSeries* line : lines) {
        attach(chart, line, xAxis, yAxis);
        showValuesOnHover(chart, line, QStringLiteral("p"), yName);
    }
    if (program) {
        attach(chart, program, xAxis, yAxis);
        showValuesOnHover(chart, program, QStringLiteral("p"), yName, names);
    }
    return chart;
}

}  // namespace adviz::ui
