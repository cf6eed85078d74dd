#include "ui/charts/chart_style.hpp"

#include <QCursor>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QStringList>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>
#include <limits>

#include "autodiff/number_format.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// The theme's fonts, a size up: chart text is read from across a room on a projector, and a
// chart view is usually smaller than the graph it sits next to.
QFont tickFont() {
    QFont f = Theme::current().numberFont();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    return f;
}

QFont axisTitleFont() {
    QFont f = Theme::current().labelFont();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    return f;
}

QFont legendFont() {
    QFont f = Theme::current().labelFont();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    return f;
}

void styleAxis(QAbstractAxis* axis, const QString& title) {
    const Theme& theme = Theme::current();
    axis->setTitleText(title);
    axis->setTitleFont(axisTitleFont());
    axis->setTitleBrush(theme.text);
    axis->setLabelsFont(tickFont());
    axis->setLabelsColor(theme.text);
    axis->setLinePenColor(theme.mutedText);
    QColor grid = theme.mutedText;
    grid.setAlpha(70);
    axis->setGridLineColor(grid);
    axis->setMinorGridLineColor(grid.lighter(130));
}

}  // namespace

std::optional<double> logPlotValue(double v) {
    if (!std::isfinite(v)) return std::nullopt;
    return v < kLogFloor ? kLogFloor : v;
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString shortNumber(double v) { return qs(formatShort(v)); }

QString pointText(const Graph& g, std::span<const double> v) {
    QStringList parts;
    for (int i = 0; i < g.inputCount() && static_cast<std::size_t>(i) < v.size(); ++i)
        parts << QStringLiteral("%1 = %2")
                     .arg(qs(std::string(g.inputName(i))),
                          shortNumber(v[static_cast<std::size_t>(i)]));
    return parts.join(QStringLiteral(", "));
}

QString vectorText(std::span<const double> v) {
    QStringList parts;
    for (double d : v) parts << shortNumber(d);
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

int chosenOutput(std::span<const double> seed) {
    for (std::size_t k = 0; k < seed.size(); ++k)
        if (seed[k] != 0) return static_cast<int>(k);
    return 0;
}

QChart* themedChart(const QString& title, const QString& subtitle) {
    const Theme& theme = Theme::current();
    auto* chart = new QChart;
    // The title is rich text in QtCharts: one line per part, the second smaller.
    chart->setTitle(subtitle.isEmpty()
                        ? title
                        : QStringLiteral("%1<br><span style='font-size:small'>%2</span>")
                              .arg(title, subtitle.toHtmlEscaped()));
    chart->setTitleFont(theme.captionFont());
    chart->setTitleBrush(theme.text);
    chart->setBackgroundBrush(theme.background);
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);  // recomputed often: no moving lines
    chart->setMargins(QMargins(8, 4, 8, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(legendFont());
    chart->legend()->setLabelColor(theme.text);
    chart->legend()->setShowToolTips(true);  // a label cut short shows whole on hover
    return chart;
}

QChart* messageChart(const QString& title, const QString& message) {
    // The reason goes on a second, muted line.
    return themedChart(QStringLiteral("%1<br><span style='color:%2'>%3</span>")
                           .arg(title, Theme::current().mutedText.name(),
                                message.toHtmlEscaped()));
}

QLogValueAxis* logAxis(const QString& title, double lo, double hi, bool pad) {
    auto* axis = new QLogValueAxis;
    styleAxis(axis, title);
    if (!(lo > 0) || !(hi >= lo)) lo = 1, hi = 10;  // no data: any valid range
    // A tenth of a decade of room, so no point sits on the frame (a count of 1, say).
    const double room = pad ? 0.1 : 0.0;
    double a = std::floor(std::log10(lo) - room), b = std::ceil(std::log10(hi) + room);
    if (b <= a) --a, ++b;
    // A label every decade crowds a wide range at projector font sizes ("1e-08" is five
    // characters; a side panel's axis has room for about six): at most six labels, every
    // second, third, … decade (the ticks sit at powers of the base).
    const double decades = b - a;
    const double step = std::max(1.0, std::ceil(decades / 6.0));
    a = std::floor(a / step) * step;
    b = std::ceil(b / step) * step;
    axis->setBase(std::pow(10.0, step));
    axis->setLabelFormat(QStringLiteral("%.0e"));
    // Minor grid lines help read a few decades and clutter many.
    axis->setMinorTickCount(decades <= 4 ? 8 : 0);
    axis->setRange(std::pow(10.0, a), std::pow(10.0, b));
    return axis;
}

NiceTicks niceIntegerTicks(double hi, int maxIntervals) {
    if (!std::isfinite(hi) || hi < 1) hi = 1;
    maxIntervals = std::max(maxIntervals, 1);
    for (double decade = 1;; decade *= 10)
        for (double m : {1.0, 2.0, 5.0}) {
            const double interval = m * decade;
            const double intervals = std::ceil(hi / interval);
            if (intervals <= maxIntervals) return {interval, intervals * interval};
        }
}

QValueAxis* valueAxis(const QString& title, double lo, double hi, bool integers,
                      int maxIntervals) {
    auto* axis = new QValueAxis;
    styleAxis(axis, title);
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) {
        const double mid = std::isfinite(lo) ? lo : 0;
        lo = mid - 1, hi = mid + 1;
    }
    if (integers) {
        // "%d" on ticks at 1.6, 3.25, … would print 1, 3 under points at 2 and 3: ticks fall on
        // whole, countable numbers instead.
        const NiceTicks ticks = niceIntegerTicks(hi - lo, maxIntervals);
        axis->setRange(lo, lo + ticks.top);
        axis->setLabelFormat(QStringLiteral("%d"));
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(lo);
        axis->setTickInterval(ticks.interval);
    } else {
        axis->setRange(lo, hi);
        axis->applyNiceNumbers();
    }
    return axis;
}

QLineSeries* lineSeries(const QString& name, const QString& objectName, const QColor& colour,
                        Qt::PenStyle style, double width) {
    auto* series = new QLineSeries;
    series->setName(name);
    series->setObjectName(objectName);
    QPen pen(colour, width, style);
    pen.setCapStyle(Qt::RoundCap);
    series->setPen(pen);
    return series;
}

QScatterSeries* scatterSeries(const QString& name, const QString& objectName,
                              const QColor& colour, double size, bool rectangle) {
    auto* series = new QScatterSeries;
    series->setName(name);
    series->setObjectName(objectName);
    series->setColor(colour);
    series->setBorderColor(Theme::current().background);
    series->setMarkerSize(size);
    series->setMarkerShape(rectangle ? QScatterSeries::MarkerShapeRectangle
                                     : QScatterSeries::MarkerShapeCircle);
    return series;
}

void attach(QChart* chart, QAbstractSeries* series, QAbstractAxis* x, QAbstractAxis* y) {
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

void showValuesOnHover(QChart* chart, QXYSeries* series, const QString& xName,
                       const QString& yName, const QStringList& pointNames) {
    QObject::connect(series, &QXYSeries::hovered, chart,
                     [chart, series, xName, yName, pointNames](const QPointF& at, bool entered) {
        if (!entered) {
            QToolTip::hideText();
            return;
        }
        // The signal gives the cursor's position on the line; the reader wants the nearest
        // measured point, so compare positions on screen (log axes distort distances).
        const QPointF cursor = chart->mapToPosition(at, series);
        const QList<QPointF> points = series->points();
        qsizetype best = -1;
        double bestDistance = std::numeric_limits<double>::infinity();
        for (qsizetype i = 0; i < points.size(); ++i) {
            const QPointF d = chart->mapToPosition(points[i], series) - cursor;
            const double distance = QPointF::dotProduct(d, d);
            if (distance < bestDistance) bestDistance = distance, best = i;
        }
        if (best < 0) return;
        const QPointF p = points[best];
        // Only a log chart's clamping puts a point exactly at the floor.
        const QString y = p.y() == kLogFloor
                              ? QObject::tr("0 or below %1 (drawn at the floor)")
                                    .arg(shortNumber(kLogFloor))
                              : shortNumber(p.y());
        QToolTip::showText(QCursor::pos(), QStringLiteral("%1\n%2 = %3\n%4 = %5")
                                               .arg(best < pointNames.size()
                                                        ? pointNames[best] : series->name(),
                                                    xName, shortNumber(p.x()), yName, y));
    });
}

void colourPoints(QXYSeries* series, const std::vector<QColor>& colours) {
    for (std::size_t i = 0; i < colours.size() && i < std::size_t(series->count()); ++i)
        series->setPointConfiguration(static_cast<int>(i), QXYSeries::PointConfiguration::Color,
                                      colours[i]);
}

void addCallout(QChart* chart, QAbstractSeries* series, QPointF at, const QString& text,
                const QColor& colour, QPointF offset) {
    // A translucent plate of the background colour keeps the text legible over grid and lines.
    auto* plate = new QGraphicsRectItem(chart);
    auto* label = new QGraphicsSimpleTextItem(text, plate);
    label->setFont(legendFont());
    label->setBrush(colour);
    plate->setRect(label->boundingRect().adjusted(-3, -1, 3, 1));
    plate->setPen(Qt::NoPen);
    QColor background = Theme::current().background;
    background.setAlpha(210);
    plate->setBrush(background);
    plate->setZValue(100);  // above every series
    auto place = [chart, series, at, offset, plate] {
        const QRectF area = chart->plotArea();
        const QPointF anchor = chart->mapToPosition(at, series);
        QPointF p = anchor + offset;
        if (p.x() + plate->rect().width() > area.right())
            p.setX(anchor.x() - offset.x() - plate->rect().width());
        plate->setPos(p);
        // A pixel of slack: labels anchored on the frame (the top of a line) still show.
        plate->setVisible(area.adjusted(-1, -1, 1, 1).contains(anchor));
    };
    QObject::connect(chart, &QChart::plotAreaChanged, chart, place);
    place();
}

QString legendHtml(const QChart* chart) {
    const Theme& theme = Theme::current();
    QStringList entries;
    for (QLegendMarker* marker : chart->legend()->markers()) {
        if (!marker->isVisible()) continue;
        QColor colour = marker->brush().color();
        // Hollow markers (this program's squares) are known by their outline.
        if (marker->brush().style() == Qt::NoBrush || colour == theme.background)
            colour = marker->pen().color();
        if (auto* line = qobject_cast<QLineSeries*>(marker->series());
            line && line->type() == QAbstractSeries::SeriesTypeLine)
            colour = line->pen().color();
        QString name = marker->label().toHtmlEscaped();
        name.replace(u' ', QStringLiteral("&nbsp;"));  // an entry never breaks inside
        entries << QStringLiteral("<span style='color:%1'>■</span>&nbsp;%2").arg(colour.name(), name);
    }
    return entries.join(QStringLiteral(" &nbsp; "));
}

void hideFromLegend(QChart* chart, QAbstractSeries* series) {
    for (QLegendMarker* marker : chart->legend()->markers(series)) marker->setVisible(false);
}

QXYSeries* findSeries(const QChart* chart, const QString& name) {
    for (QAbstractSeries* s : chart->series())
        if (s->objectName() == name) return qobject_cast<QXYSeries*>(s);
    return nullptr;
}

}  // namespace adviz::ui
