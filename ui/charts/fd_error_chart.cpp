#include "ui/charts/fd_error_chart.hpp"

#include <QLineSeries>
#include <QLogValueAxis>
#include <QObject>
#include <QScatterSeries>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/charts/chart_style.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

QString chartTitle() { return QObject::tr("Finite differences vs AD"); }

QString slopeText(double slope) {
    return std::isnan(slope) ? QStringLiteral("?") : QString::asprintf("%+.1f", slope);
}

// One error column of the rows as a series; returns the smallest and largest value plotted.
void fill(QLineSeries* series, const std::vector<FdErrorRow>& rows,
          double FdErrorRow::*column, double& lo, double& hi) {
    for (const FdErrorRow& r : rows) {
        const std::optional<double> v = logPlotValue(r.*column);
        if (!v || !(r.eps > 0)) continue;  // NaN outside the domain: no point, a gap
        series->append(r.eps, *v);
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
    }
}

}  // namespace

FdErrorData computeFdError(const Graph& g, std::span<const double> x,
                           std::span<const double> dir, int output) {
    FdErrorData data;
    if (g.outputCount() == 0 || g.inputCount() == 0) {
        data.message = QObject::tr("a program with inputs and an output is needed");
        return data;
    }
    if (std::all_of(dir.begin(), dir.end(), [](double d) { return d == 0; })) {
        data.message = QObject::tr("the direction is zero: choose an input or set ẋ");
        return data;
    }
    data.rows = fdErrorSweep(g, x, dir, output, kFdPointsPerDecade);
    data.best = bestEpsilon(x, dir, data.rows);
    data.subtitle = QObject::tr("%1 along %2 at %3")
                        .arg(qs(g.outputs[static_cast<std::size_t>(output)].name),
                             vectorText(dir), pointText(g, x));
    return data;
}

QChart* buildFdErrorChart(const FdErrorData& data) {
    if (data.rows.empty())
        return messageChart(chartTitle(), data.message.isEmpty() ? QObject::tr("no data")
                                                                  : data.message);
    const Theme& theme = Theme::current();
    const FdBest& best = data.best;
    QChart* chart = themedChart(chartTitle(), data.subtitle);

    // The regimes are read from the slopes: truncation (+1, +2) right of the best step,
    // cancellation (about −1) left of it.
    auto* forward = lineSeries(QObject::tr("forward difference: slope %1 | %2")
                                   .arg(slopeText(best.forwardTruncationSlope),
                                        slopeText(best.forwardCancellationSlope)),
                               QStringLiteral("forward"), theme.active);
    auto* central = lineSeries(QObject::tr("central difference: slope %1 | %2")
                                   .arg(slopeText(best.centralTruncationSlope),
                                        slopeText(best.centralCancellationSlope)),
                               QStringLiteral("central"), theme.selected);
    auto* ad = lineSeries(QObject::tr("AD (error %1)")
                              .arg(shortNumber(data.rows.front().adError)),
                          QStringLiteral("ad"), theme.outputBorder, Qt::DotLine, 3.5);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    fill(forward, data.rows, &FdErrorRow::forwardError, lo, hi);
    fill(central, data.rows, &FdErrorRow::centralError, lo, hi);
    fill(ad, data.rows, &FdErrorRow::adError, lo, hi);

    auto* xAxis = logAxis(QObject::tr("step ε"), data.rows.front().eps, data.rows.back().eps,
                          false);
    auto* yAxis = logAxis(QObject::tr("|FD − AD|"), lo, hi);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QLineSeries* s : {forward, central, ad}) {
        attach(chart, s, xAxis, yAxis);
        showValuesOnHover(chart, s, QStringLiteral("ε"), QObject::tr("error"));
    }

    // The rules of thumb as vertical lines over the whole height, in the method's colour, and
    // the measured optima as large squares on their curves. Both are labelled on the chart:
    // seven legend entries would not fit under it at a projector's font size.
    auto rule = [&](const QString& label, const QString& object, double eps, const QColor& c,
                    double row) {
        auto* line = lineSeries(label, object, c, Qt::DashLine, 2.0);
        line->append(eps, yAxis->min());
        line->append(eps, yAxis->max());
        attach(chart, line, xAxis, yAxis);
        hideFromLegend(chart, line);
        addCallout(chart, line, QPointF(eps, yAxis->max()), label, c, QPointF(6, 4 + row));
    };
    const double lineHeight = 30;
    rule(QObject::tr("rule √eps·scale = %1").arg(shortNumber(best.ruleForward)),
         QStringLiteral("ruleForward"), best.ruleForward, theme.active, 0);
    rule(QObject::tr("rule ∛eps·scale = %1").arg(shortNumber(best.ruleCentral)),
         QStringLiteral("ruleCentral"), best.ruleCentral, theme.selected, lineHeight);

    auto mark = [&](const QString& label, const QString& object, double eps, double error,
                    const QColor& c) {
        auto* marker = scatterSeries(label, object, c, 18.0, true);
        const std::optional<double> v = logPlotValue(error);
        if (v && eps > 0) marker->append(eps, *v);
        attach(chart, marker, xAxis, yAxis);
        hideFromLegend(chart, marker);
        showValuesOnHover(chart, marker, QStringLiteral("ε"), QObject::tr("error"));
        if (marker->count() == 1)
            addCallout(chart, marker, QPointF(eps, *v), label, c, QPointF(12, 8));
    };
    mark(QObject::tr("best ε = %1").arg(shortNumber(best.measuredForward)),
         QStringLiteral("bestForward"), best.measuredForward, best.minForwardError,
         theme.active);
    mark(QObject::tr("best ε = %1").arg(shortNumber(best.measuredCentral)),
         QStringLiteral("bestCentral"), best.measuredCentral, best.minCentralError,
         theme.selected);
    return chart;
}

}  // namespace adviz::ui
