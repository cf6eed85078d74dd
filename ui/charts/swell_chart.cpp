#include "ui/charts/swell_chart.hpp"

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

constexpr std::size_t kDerivativeChars = 2000;  // per derivative: a screenful, not megabytes
constexpr std::size_t kDerivativesShown = 8;

QString sizeText(long long n) {
    return n == tooLargeToCount ? QObject::tr("too many to count") : QString::number(n);
}

struct Quantity {
    QString name;
    const char* object;
    QColor colour;
    long long SwellRow::*size;
};

std::array<Quantity, 4> quantities() {
    const Theme& t = Theme::current();
    // The AD graph last, so it is drawn over the function tree where the two coincide.
    return {{
        {QObject::tr("function as a tree"), "functionTree", t.mutedText,
         &SwellRow::functionTreeNodes},
        {QObject::tr("derivative as a tree"), "derivativeTree", t.tangent,
         &SwellRow::derivativeTreeNodes},
        {QObject::tr("derivative after CSE"), "afterCse", t.selected, &SwellRow::afterCse},
        {QObject::tr("AD graph"), "adNodes", t.outputBorder, &SwellRow::adNodes},
    }};
}

}  // namespace

SwellData computeSwell(const Graph& g, std::span<const double> x, int output,
                       SwellFamily family, std::vector<SwellRow> familyRows) {
    SwellData data;
    data.family = family;
    data.rows = familyRows.empty() ? swellFamily(family, kSwellFamilySize)
                                   : std::move(familyRows);
    if (g.inputCount() == 0 || g.outputCount() == 0) {
        data.summary = QObject::tr("No program with inputs and an output yet.");
        return data;
    }
    const SwellRow row = swellOf(g, x, output, "program");
    data.program = row;
    data.summary = QObject::tr("The symbolic gradient: %1 nodes as a tree; %2 after CSE; "
                               "the AD graph has %3 nodes.")
                       .arg(sizeText(row.derivativeTreeNodes), sizeText(row.afterCse),
                            sizeText(row.adNodes));

    const SymExpr grad = symbolicGradient(g, x, output);
    if (grad.tooLarge) {
        data.derivativeText = QObject::tr("(the symbolic gradient has more than %1 distinct "
                                          "nodes: not built)")
                                  .arg(SymLimits{}.maxNodes);
        return data;
    }
    const std::vector<long long> sizes = rootTreeSizes(grad);
    const QString f = qs(g.outputs[static_cast<std::size_t>(output)].name);
    QStringList lines;
    for (std::size_t i = 0; i < grad.roots.size(); ++i) {
        if (i == kDerivativesShown) {
            lines << QObject::tr("(and %1 more)").arg(grad.roots.size() - i);
            break;
        }
        lines << QStringLiteral("∂%1/∂%2 = %3    [%4]")
                     .arg(f, qs(grad.inputNames[i]),
                          qs(print(grad, grad.roots[i], kDerivativeChars)),
                          QObject::tr("%1 nodes").arg(sizeText(sizes[i])));
    }
    data.derivativeText = lines.join(QStringLiteral("\n"));
    return data;
}

QChart* buildSwellChart(const SwellData& data) {
    QChart* chart = themedChart(QObject::tr("Expression swell"),
                                QObject::tr("symbolic derivative vs AD graph, family \"%1\"")
                                    .arg(familyName(data.family)));
    // tooLargeToCount (-1) and other non-positive sizes have no place on a log axis: skipped.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, nMax = 1;
    auto note = [&](double v) { lo = std::min(lo, v), hi = std::max(hi, v); };
    std::vector<QXYSeries*> all;
    QStringList programNames;
    for (const Quantity& q : quantities()) {
        // The function tree wide and pale under the others: the AD graph often runs on it.
        const bool under = q.size == &SwellRow::functionTreeNodes;
        auto* line = lineSeries(q.name, QString::fromLatin1(q.object),
                                under ? q.colour.lighter(150) : q.colour, Qt::SolidLine,
                                under ? 7.0 : 3.0);
        line->setPointsVisible(!under);  // point markers grow with the pen
        for (const SwellRow& r : data.rows) {
            const double v = static_cast<double>(r.*q.size);
            if (v <= 0) continue;
            line->append(r.n, v);
            note(v);
            nMax = std::max(nMax, static_cast<double>(r.n));
        }
        all.push_back(line);
    }
    if (data.program) {
        const SwellRow& r = *data.program;
        auto* program = scatterSeries(QObject::tr("this program (n = %1 inputs)").arg(r.n),
                                      QStringLiteral("program"), Theme::current().background,
                                      18.0, true);
        program->setBorderColor(Theme::current().text);
        std::vector<QColor> colours;
        for (const Quantity& q : quantities()) {
            const double v = static_cast<double>(r.*q.size);
            if (v <= 0) continue;
            program->append(r.n, v);
            colours.push_back(q.colour);
            programNames << QObject::tr("this program: %1").arg(q.name);
            note(v);
        }
        colourPoints(program, colours);
        nMax = std::max(nMax, static_cast<double>(r.n));
        all.push_back(program);
    }

    auto* xAxis = valueAxis(QObject::tr("n"), 0, nMax + 1, true);
    auto* yAxis = logAxis(QObject::tr("nodes"), lo, hi);
    yAxis->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QXYSeries* s : all) {
        attach(chart, s, xAxis, yAxis);
        showValuesOnHover(chart, s, QStringLiteral("n"), QObject::tr("nodes"),
                          s->objectName() == QLatin1String("program") ? programNames
                                                                      : QStringList());
    }
    return chart;
}

}  // namespace adviz::ui
