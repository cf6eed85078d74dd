#include "ui/charts/slice_chart.hpp"

#include <QLineSeries>
#include <QObject>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/charts/chart_style.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

QString chartTitle() { return QObject::tr("The function along one input"); }

// A little room above and below the curve so the markers are not cut by the frame.
QValueAxis* paddedAxis(const QString& title, double lo, double hi) {
    const double pad = std::isfinite(hi - lo) && hi > lo ? 0.08 * (hi - lo) : 1;
    return valueAxis(title, lo - pad, hi + pad);
}

}  // namespace

SliceData computeSlice(const Graph& g, std::span<const double> x, int input, int output,
                       int samples) {
    SliceData data;
    if (g.inputCount() == 0 || g.outputCount() == 0 || input < 0 || input >= g.inputCount()) {
        data.message = QObject::tr("a program with inputs and an output is needed");
        return data;
    }
    const double at = x[static_cast<std::size_t>(input)];
    const double radius = std::max(2.0, 2.0 * std::abs(at));
    data.slice = sliceAlong(g, x, input, output, at - radius, at + radius, samples);
    data.input = qs(std::string(g.inputName(input)));
    data.output = qs(g.outputs[static_cast<std::size_t>(output)].name);
    return data;
}

QChart* buildSliceChart(const SliceData& data) {
    if (data.slice.points.empty())
        return messageChart(chartTitle(), data.message.isEmpty() ? QObject::tr("no data")
                                                                  : data.message);
    const Theme& theme = Theme::current();
    const FunctionSlice& s = data.slice;
    QChart* chart = themedChart(
        chartTitle(), QObject::tr("%1 against %2, the other inputs fixed; at %2 = %3: %1 = %4, "
                                  "slope %5")
                          .arg(data.output, data.input, shortNumber(s.at),
                               shortNumber(s.valueAt), shortNumber(s.slopeAt)));

    // Non-finite samples (outside the domain) are skipped: the line joins their neighbours.
    const double inf = std::numeric_limits<double>::infinity();
    double fLo = inf, fHi = -inf, dLo = inf, dHi = -inf;
    auto* value = lineSeries(data.output, QStringLiteral("value"), theme.value,
                             Qt::SolidLine, 3.5);
    auto* slope = lineSeries(QObject::tr("∂%1/∂%2 (right axis)").arg(data.output, data.input),
                             QStringLiteral("slope"), theme.adjoint, Qt::DashLine, 2.5);
    for (const SlicePoint& p : s.points) {
        if (!std::isfinite(p.t)) continue;
        if (std::isfinite(p.value)) {
            value->append(p.t, p.value);
            fLo = std::min(fLo, p.value), fHi = std::max(fHi, p.value);
        }
        if (std::isfinite(p.slope)) {
            slope->append(p.t, p.slope);
            dLo = std::min(dLo, p.slope), dHi = std::max(dHi, p.slope);
        }
    }
    const double from = s.points.front().t, to = s.points.back().t;
    auto* xAxis = valueAxis(data.input, from, to);
    auto* yAxis = paddedAxis(data.output, fLo, fHi);
    auto* dAxis = paddedAxis(QObject::tr("∂%1/∂%2").arg(data.output, data.input), dLo, dHi);
    dAxis->setLabelsColor(theme.adjoint);
    dAxis->setTitleBrush(theme.adjoint);
    dAxis->setGridLineVisible(false);  // one grid (f's) is enough to read
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    chart->addAxis(dAxis, Qt::AlignRight);
    attach(chart, value, xAxis, yAxis);
    attach(chart, slope, xAxis, dAxis);
    showValuesOnHover(chart, value, data.input, data.output);
    showValuesOnHover(chart, slope, data.input, dAxis->titleText());

    if (std::isfinite(s.valueAt) && std::isfinite(s.slopeAt)) {
        // The engine's tangent line valueAt + slopeAt·(t − at), cut to the box of f's axes
        // here: an SVG export does not keep the plot area's clipping.
        double t0 = from, t1 = to;
        if (s.slopeAt != 0) {
            const double ta = s.at + (yAxis->min() - s.valueAt) / s.slopeAt;
            const double tb = s.at + (yAxis->max() - s.valueAt) / s.slopeAt;
            t0 = std::max(from, std::min(ta, tb));
            t1 = std::min(to, std::max(ta, tb));
        }
        auto* tangent = lineSeries(QObject::tr("tangent: slope %1 from forward mode")
                                       .arg(shortNumber(s.slopeAt)),
                                   QStringLiteral("tangent"), theme.tangent, Qt::SolidLine, 2.5);
        tangent->append(t0, s.valueAt + s.slopeAt * (t0 - s.at));
        tangent->append(t1, s.valueAt + s.slopeAt * (t1 - s.at));
        attach(chart, tangent, xAxis, yAxis);
        auto* current = scatterSeries(QObject::tr("current point"), QStringLiteral("current"),
                                      theme.active, 18.0);
        current->append(s.at, s.valueAt);
        attach(chart, current, xAxis, yAxis);
        showValuesOnHover(chart, current, data.input, data.output);
    }
    return chart;
}

}  // namespace adviz::ui
