// The Charts panel draws the engine's numbers: every series has as many points as the engine
// gave (minus those a log axis cannot show), the markers are where the engine put them, the
// charts follow the model, and each exports to SVG and PNG.

#include <catch2/catch.hpp>

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextDocument>
#include <QTemporaryDir>
#include <QToolTip>
#include <QXYSeries>
#include <QXmlStreamReader>

#include <cmath>
#include <memory>

#include "autodiff/theory/finite_difference.hpp"
#include "autodiff/theory/function_slice.hpp"
#include "autodiff/theory/gradient_cost.hpp"
#include "autodiff/theory/symbolic.hpp"
#include "ui/charts/chart_style.hpp"
#include "ui/charts/charts_panel.hpp"
#include "ui/charts/fd_error_chart.hpp"
#include "ui/charts/slice_chart.hpp"
#include "ui/model/session_model.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// The model of the issue: (x+y)*sin(x) at x = 1, y = 2.
void load(SessionModel& model) {
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    model.setInputsByName({{"x", 1.0}, {"y", 2.0}});
}

qsizetype pointsOf(const QChart* chart, const char* name) {
    const QXYSeries* s = findSeries(chart, QString::fromLatin1(name));
    INFO("series " << name);
    REQUIRE(s != nullptr);
    return s->count();
}

template <typename Rows, typename Value>
qsizetype countIf(const Rows& rows, Value value) {
    qsizetype n = 0;
    for (const auto& r : rows) n += value(r) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("chart 1 has one point per finite error of the sweep and marks the best steps",
          "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    panel.recomputeNow();
    const std::vector<FdErrorRow> rows =
        fdErrorSweep(model.graph(), model.inputs(), model.direction(), 0, kFdPointsPerDecade);
    const FdBest best = bestEpsilon(model.inputs(), model.direction(), rows);
    REQUIRE(rows.size() == 65);
    const QChart* chart = panel.chart(ChartsPanel::FdErrorTab);
    auto finite = [](double FdErrorRow::*c) { return [c](const FdErrorRow& r) {
        return std::isfinite(r.*c); }; };
    CHECK(pointsOf(chart, "forward") == countIf(rows, finite(&FdErrorRow::forwardError)));
    CHECK(pointsOf(chart, "central") == countIf(rows, finite(&FdErrorRow::centralError)));
    CHECK(pointsOf(chart, "ad") == countIf(rows, finite(&FdErrorRow::adError)));

    const QXYSeries* rule = findSeries(chart, "ruleForward");
    REQUIRE(rule->count() == 2);
    CHECK(rule->at(0).x() == best.ruleForward);
    CHECK(findSeries(chart, "ruleCentral")->at(1).x() == best.ruleCentral);
    REQUIRE(pointsOf(chart, "bestForward") == 1);
    CHECK(findSeries(chart, "bestForward")->at(0) ==
          QPointF(best.measuredForward, best.minForwardError));
    REQUIRE(pointsOf(chart, "bestCentral") == 1);
    CHECK(findSeries(chart, "bestCentral")->at(0).x() == best.measuredCentral);
}

TEST_CASE("chart 1 follows the direction chosen for it", "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    auto* direction = panel.findChild<QComboBox*>("fdDirection");
    REQUIRE(direction->count() == 3);  // the model's ẋ, along x only, along y only
    direction->setCurrentIndex(2);
    panel.recomputeNow();
    const std::vector<double> alongY{0.0, 1.0};
    const FdBest best = bestEpsilon(
        model.inputs(), alongY,
        fdErrorSweep(model.graph(), model.inputs(), alongY, 0, kFdPointsPerDecade));
    const QChart* chart = panel.chart(ChartsPanel::FdErrorTab);
    CHECK(findSeries(chart, "bestCentral")->at(0) ==
          QPointF(best.measuredCentral, best.minCentralError));
    CHECK(chart->title().contains("(0, 1)"));
}

TEST_CASE("hovering a series shows the nearest measured point", "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    panel.resize(1000, 700);
    panel.show();
    panel.recomputeNow();
    QApplication::processEvents();
    QXYSeries* forward = findSeries(panel.chart(ChartsPanel::FdErrorTab), "forward");
    const QPointF point = forward->at(40);
    emit forward->hovered(QPointF(point.x() * 1.01, point.y()), true);
    const QString tip = QToolTip::text();
    CHECK(tip.contains(forward->name()));
    CHECK(tip.contains("ε = " + shortNumber(point.x())));
    CHECK(tip.contains("error = " + shortNumber(point.y())));
}

TEST_CASE("chart 1 skips NaN and draws zeros at the log floor", "[charts]") {
    FdErrorData data;
    data.rows = {{1e-3, 0.0, std::nan(""), 1e-16}, {1e-2, 1e-5, 1e-7, 1e-16}};
    data.best.ruleForward = data.best.ruleCentral = 1e-3;
    std::unique_ptr<QChart> chart(buildFdErrorChart(data));
    REQUIRE(pointsOf(chart.get(), "forward") == 2);
    CHECK(findSeries(chart.get(), "forward")->at(0).y() == kLogFloor);
    CHECK(pointsOf(chart.get(), "central") == 1);
}

TEST_CASE("chart 2 has one point per row of the cost family and marks the program",
          "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    panel.recomputeNow();
    const std::vector<CostRow> rows = costFamily(kCostFamilyWidth);
    const CostRow program = costOf(model.graph(), model.inputs(), 0);
    const QChart* passes = panel.chart(ChartsPanel::CostTab);
    for (const char* name : {"fdForward", "fdCentral", "forwardMode", "reverseMode"})
        CHECK(pointsOf(passes, name) == static_cast<qsizetype>(rows.size()));
    CHECK(findSeries(passes, "fdCentral")->at(0).y() == rows[0].fdCentralPasses);
    REQUIRE(pointsOf(passes, "program") == 4);
    CHECK(findSeries(passes, "program")->at(0).x() == program.parameters);

    // The toggle redraws the same rows with the operation counts.
    panel.findChild<QComboBox*>("costMeasure")->setCurrentIndex(1);
    const QChart* ops = panel.chart(ChartsPanel::CostTab);
    CHECK(pointsOf(ops, "reverseMode") == static_cast<qsizetype>(rows.size()));
    CHECK(findSeries(ops, "reverseMode")->at(2).y() == rows[2].reverseOperations);
    CHECK(findSeries(ops, "program")->at(3).y() == program.reverseOperations);
}

TEST_CASE("chart 3 has one point per countable size of the family and shows the derivative",
          "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    const SwellRow program = swellOf(model.graph(), model.inputs(), 0, "program");
    const auto family = GENERATE(SwellFamily::Nested, SwellFamily::Squaring,
                                 SwellFamily::Product);
    panel.findChild<QComboBox*>("swellFamily")->setCurrentIndex(static_cast<int>(family));
    panel.recomputeNow();
    const std::vector<SwellRow> rows = swellFamily(family, kSwellFamilySize);
    const QChart* chart = panel.chart(ChartsPanel::SwellTab);
    auto counted = [](long long SwellRow::*c) { return [c](const SwellRow& r) {
        return r.*c > 0; }; };
    INFO(familyName(family));
    CHECK(pointsOf(chart, "adNodes") == countIf(rows, counted(&SwellRow::adNodes)));
    CHECK(pointsOf(chart, "functionTree") ==
          countIf(rows, counted(&SwellRow::functionTreeNodes)));
    CHECK(pointsOf(chart, "derivativeTree") ==
          countIf(rows, counted(&SwellRow::derivativeTreeNodes)));
    CHECK(pointsOf(chart, "afterCse") == countIf(rows, counted(&SwellRow::afterCse)));
    CHECK(pointsOf(chart, "program") == 4);

    const QString text = panel.findChild<QPlainTextEdit*>("derivativeText")->toPlainText();
    CHECK(text.contains("∂f/∂x = sin(x) + (x + y)*cos(x)"));
    CHECK(text.contains("∂f/∂y = sin(x)"));
    const QString summary = panel.findChild<QLabel*>("swellSummary")->text();
    CHECK(summary.contains(QString("%1 nodes as a tree").arg(program.derivativeTreeNodes)));
    CHECK(summary.contains(QString("%1 after CSE").arg(program.afterCse)));
    CHECK(summary.contains(QString("AD graph has %1 nodes").arg(program.adNodes)));
}

TEST_CASE("chart 4 samples the slice and follows the inputs", "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    panel.recomputeNow();
    const FunctionSlice slice =
        sliceAlong(model.graph(), model.inputs(), 0, 0, 1.0 - 2.0, 1.0 + 2.0, kSliceSamples);
    const QChart* chart = panel.chart(ChartsPanel::SliceTab);
    CHECK(pointsOf(chart, "value") == kSliceSamples);
    CHECK(pointsOf(chart, "slope") == kSliceSamples);
    CHECK(findSeries(chart, "value")->at(kSliceSamples - 1).y() == slice.points.back().value);
    CHECK(pointsOf(chart, "tangent") == 2);
    CHECK(findSeries(chart, "current")->at(0) == QPointF(1.0, slice.valueAt));

    SECTION("a new value of the input moves the current point") {
        model.setInput(0, 3.0);
        panel.recomputeNow();
        const QPointF at = findSeries(panel.chart(ChartsPanel::SliceTab), "current")->at(0);
        CHECK(at.x() == 3.0);
        CHECK(at.y() == Approx((3.0 + 2.0) * std::sin(3.0)));
    }
    SECTION("the input combo picks the other input") {
        panel.findChild<QComboBox*>("sliceInput")->setCurrentIndex(1);
        panel.recomputeNow();
        CHECK(findSeries(panel.chart(ChartsPanel::SliceTab), "current")->at(0).x() == 2.0);
    }
}

TEST_CASE("a shown panel recomputes the visible chart on a worker thread", "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    panel.resize(900, 700);
    panel.tabs()->setCurrentIndex(ChartsPanel::SliceTab);
    QSignalSpy updated(&panel, &ChartsPanel::chartUpdated);
    panel.show();
    REQUIRE(updated.wait(10000));
    CHECK(updated.takeFirst().at(0).toInt() == ChartsPanel::SliceTab);

    model.setInput(0, 0.5);  // several changes in a row: only the last state is drawn
    model.setInput(0, 1.5);
    REQUIRE(updated.wait(10000));
    CHECK(findSeries(panel.chart(ChartsPanel::SliceTab), "current")->at(0).x() == 1.5);
}

TEST_CASE("every chart exports to SVG and PNG", "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    panel.resize(1000, 760);
    panel.show();
    panel.recomputeNow();
    QTemporaryDir dir;
    const int tab = GENERATE(0, 1, 2, 3);
    panel.tabs()->setCurrentIndex(tab);
    QApplication::processEvents();
    INFO("tab " << tab);

    const QString svgPath = dir.filePath(QString("chart%1.svg").arg(tab));
    REQUIRE_FALSE(panel.exportCurrent(svgPath).has_value());
    QFile svg(svgPath);
    REQUIRE(svg.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svg);
    int elements = 0;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement) ++elements;
    CHECK_FALSE(xml.hasError());
    CHECK(elements > 10);

    const QString pngPath = dir.filePath(QString("chart%1.png").arg(tab));
    REQUIRE_FALSE(panel.exportCurrent(pngPath).has_value());
    const QImage png(pngPath);
    REQUIRE_FALSE(png.isNull());
    CHECK(png.size() == panel.view(tab)->size() * 2);
}

TEST_CASE("a failed chart export says why and writes nothing", "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    panel.resize(800, 600);
    panel.recomputeNow();
    QTemporaryDir dir;
    SECTION("unknown extension") {
        const auto error = panel.exportCurrent(dir.filePath("chart.bmpx"));
        REQUIRE(error.has_value());
        CHECK(error->contains("unknown file type '.bmpx'"));
        CHECK_FALSE(QFile::exists(dir.filePath("chart.bmpx")));
    }
    SECTION("unwritable path") {
        const auto error = panel.exportCurrent("/nonexistent-dir/chart.svg");
        REQUIRE(error.has_value());
        CHECK(error->contains("cannot write"));
    }
}

TEST_CASE("counting axes tick at 1, 2 or 5 × 10ᵏ up to the first tick above the data", "[charts]") {
    struct Row {
        double hi, interval, top;
    };
    const Row rows[] = {
        {0, 1, 1},       {1, 1, 1},     {5, 1, 5},        {5.25, 1, 6},    {6, 1, 6},
        {7, 2, 8},       {12, 2, 12},   {13, 5, 15},      {30, 5, 30},     {31, 10, 40},
        {213, 50, 250},  {223.65, 50, 250},               {1000, 200, 1000},
        {1001, 200, 1200}, {1e6, 200000, 1e6},
    };
    for (const Row& r : rows) {
        INFO("hi = " << r.hi);
        const NiceTicks t = niceIntegerTicks(r.hi);
        CHECK(t.interval == r.interval);
        CHECK(t.top == r.top);
    }
}

TEST_CASE("a narrow panel shows every legend entry whole", "[charts]") {
    SessionModel model;
    load(model);
    ChartsPanel panel(model);
    panel.resize(420, 700);  // a side panel on a 1024-pixel projector
    panel.show();
    REQUIRE(QTest::qWaitForWindowExposed(&panel));
    panel.recomputeNow();
    panel.tabs()->setCurrentIndex(ChartsPanel::CostTab);
    QApplication::processEvents();
    auto* legend = panel.findChild<QLabel*>(QStringLiteral("chartLegend%1").arg(ChartsPanel::CostTab));
    REQUIRE(legend);
    CHECK(legend->isVisible());
    QTextDocument shown;
    shown.setHtml(legend->text());
    const QString text = shown.toPlainText().replace(QChar(0xA0), u' ');
    for (QAbstractSeries* series : panel.chart(ChartsPanel::CostTab)->series()) {
        INFO("series " << series->name().toStdString());
        CHECK(text.contains(series->name()));  // whole: "forward mode: p sweeps"
    }
    // Its lines fit the label: wrapped, not cut.
    CHECK(legend->heightForWidth(legend->width()) <= legend->height());
    CHECK(legend->width() <= panel.width());
}
