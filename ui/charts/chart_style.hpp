#pragma once
// What the four charts share: themed charts, axes and series (every colour and font comes from
// Theme::current(), sized for a projector), the floor that keeps log axes defined, and values
// shown on hover. Nothing here computes a number the engine did not give.

#include <QChart>
#include <QColor>
#include <QString>
#include <QStringList>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "autodiff/graph.hpp"

class QAbstractAxis;
class QAbstractSeries;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QValueAxis;
class QXYSeries;

namespace adviz::ui {

/// A log axis cannot show 0: values below this floor (exact zeros, denormals) are drawn at it.
inline constexpr double kLogFloor = 1e-18;

/// The value to plot on a log axis: nothing for NaN or ±∞ (the point is skipped), the floor for
/// anything below it (an exact 0 error is drawn at the floor rather than dropped).
std::optional<double> logPlotValue(double v);

/// UTF-8 std::string to QString.
QString qs(const std::string& s);
/// Four significant digits, as formulas elsewhere in adviz show numbers (formatShort).
QString shortNumber(double v);

/// "x = 1, y = 2": the inputs of g with the values v (one per input).
QString pointText(const Graph& g, std::span<const double> v);
/// "(1, 0)": a vector over the inputs.
QString vectorText(std::span<const double> v);
/// The output a chart looks at, as the command line chooses it: the first with a nonzero seed
/// (0 if none).
int chosenOutput(std::span<const double> seed);

/// A chart in the theme's colours and fonts, legend at the bottom, no animation; the subtitle
/// (plain text) goes on a smaller second line of the title.
QChart* themedChart(const QString& title, const QString& subtitle = {});
/// A placeholder chart saying why nothing is drawn ("no program yet").
QChart* messageChart(const QString& title, const QString& message);

/// A base-10 log axis with its title, covering whole decades around [lo, hi]; with pad, at
/// least a tenth of a decade more on each side so no point sits on the frame.
QLogValueAxis* logAxis(const QString& title, double lo, double hi, bool pad = true);
/// Ticks of a counting axis from 0: the interval is 1, 2 or 5 × 10ᵏ (what a reader can count
/// in), at most maxIntervals of them, and top, the last tick, is the first multiple of the
/// interval at or above hi, so nothing plotted lies above the axis.
struct NiceTicks {
    double interval = 1;
    double top = 1;
};
NiceTicks niceIntegerTicks(double hi, int maxIntervals = 6);

/// A linear axis with its title over [lo, hi]; with integers, ticks at niceIntegerTicks(hi − lo)
/// from lo, and the range extended to the last tick.
/// maxIntervals as for niceIntegerTicks (fewer for a horizontal axis of wide labels).
QValueAxis* valueAxis(const QString& title, double lo, double hi, bool integers = false,
                      int maxIntervals = 6);

/// A line series drawn with the given colour and style; objectName is what tests look for.
QLineSeries* lineSeries(const QString& name, const QString& objectName, const QColor& colour,
                        Qt::PenStyle style = Qt::SolidLine, double width = 3.0);
/// Scatter markers; a white border keeps them legible on top of lines.
QScatterSeries* scatterSeries(const QString& name, const QString& objectName,
                              const QColor& colour, double size = 14.0,
                              bool rectangle = false);

/// Adds series to chart (which takes ownership) on the axes x and y, which must be in chart.
void attach(QChart* chart, QAbstractSeries* series, QAbstractAxis* x, QAbstractAxis* y);

/// Hovering a series shows a tooltip with the nearest data point of it: its name (or
/// pointNames[i] for point i, when given), then "xName = …" and "yName = …".
void showValuesOnHover(QChart* chart, QXYSeries* series, const QString& xName,
                       const QString& yName, const QStringList& pointNames = {});

/// Gives point i of series the colour colours[i] (markers of one series, one per method).
void colourPoints(QXYSeries* series, const std::vector<QColor>& colours);

/// A text label at the data point `at` of series (which must be in chart), its top-left corner
/// `offset` pixels away, kept there as the chart is resized, moved to the point's left when it
/// would leave the plot and hidden when the point is outside the plot.
void addCallout(QChart* chart, QAbstractSeries* series, QPointF at, const QString& text,
                const QColor& colour, QPointF offset = {8, 6});

/// The chart's legend as rich text for a label under the chart, one "■ name" per visible entry
/// in its series' colour, breaking lines only between entries: QLegend's single row cuts
/// names short ("forward mode: p swe…") in a side panel.
QString legendHtml(const QChart* chart);

/// Leaves series out of the legend (its meaning is written on the chart instead).
void hideFromLegend(QChart* chart, QAbstractSeries* series);

/// The first series of chart whose objectName is name, or null.
QXYSeries* findSeries(const QChart* chart, const QString& name);

}  // namespace adviz::ui
