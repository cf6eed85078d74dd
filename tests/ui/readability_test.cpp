// Readable from the back row: node numbers at least 16 px and the caption at least 28 px on a
// 1280×720 projector, whatever the example; fitting never zooms below that (the overview shows
// the rest); themes reach the canvas; warnings sit on their nodes, capped under the graph.

#include <catch2/catch.hpp>

#include <QApplication>
#include <QFontInfo>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QTest>

#include "layout_measures.hpp"
#include "ui/examples.hpp"
#include "ui/main_window.hpp"
#include "ui/shaped/shaped_view.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_overview.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/caption_bar.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

void showAt(MainWindow& w, int width, int height) {
    w.scene().setSynchronous(true);
    w.fitTo(QRect(0, 0, width, height));
    w.show();
    QApplication::processEvents();
}

// Pixels of exactly this colour in the scene drawn at 1:1.
int pixelsOf(GraphScene& scene, const QColor& c) {
    QImage img(scene.sceneRect().size().toSize(), QImage::Format_RGB32);
    QPainter p(&img);
    scene.render(&p, QRectF(img.rect()), scene.sceneRect());
    p.end();
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) n += img.pixelColor(x, y).rgb() == c.rgb();
    return n;
}

}  // namespace

TEST_CASE("on a 1280x720 projector every example's numbers and caption are readable", "[readable]") {
    Theme::setCurrent(Theme::named(ThemeName::Light, 1.0));
    MainWindow w;
    showAt(w, 1280, 720);
    const double captionPx = QFontInfo(Theme::current().captionFont()).pixelSize();
    CHECK(captionPx >= 28);
    CHECK(QFontInfo(w.caption().captionLabel()->font()).pixelSize() >= 28);
    for (const Example& e : examples()) {
        INFO(e.title.toStdString());
        // The 784-128-10 MLP cannot be drawn as scalar boxes: the window refuses that view.
        if (!test::drawnAsScalars(e)) continue;
        w.loadProgram(e.source, exampleValues(e), Mode::Reverse);
        QApplication::processEvents();
        w.view().fitGraph();
        const double numberPx = QFontInfo(Theme::current().numberFont()).pixelSize() * w.view().zoom();
        CHECK(numberPx >= GraphView::readablePixels - 0.01);
        // A program with shapes is drawn by the shaped view (its overview is not this one).
        if (w.shapedView().isVisible()) continue;
        // A graph that does not fit at that size gets the overview; one that fits does not.
        CHECK(w.view().overview()->isVisible() == !w.view().showsWholeGraph());
    }
}

TEST_CASE("larger text makes the numbers on screen larger, and is clamped", "[readable]") {
    Theme::setCurrent(Theme::named(ThemeName::Light, 1.0));
    MainWindow w;
    showAt(w, 1280, 720);
    w.loadProgram(QStringLiteral("sin(x)"), {{"x", 1}}, Mode::Forward);
    const double before = QFontInfo(Theme::current().numberFont()).pixelSize() * GraphView::readableZoom();
    w.setTextScale(Theme::largerScale(w.textScale()));
    const double after = QFontInfo(Theme::current().numberFont()).pixelSize() * GraphView::readableZoom();
    CHECK(after > before * 1.08);
    // The nodes were laid out again for the new fonts.
    const QFontMetricsF fm(Theme::current().numberFont());
    CHECK(w.scene().nodeItems().front()->boundingRect().width() > fm.horizontalAdvance(QStringLiteral("v̄ = −8.888e−888")));
    for (int i = 0; i < 30; ++i) w.setTextScale(Theme::largerScale(w.textScale()));
    CHECK(w.textScale() == Approx(Theme::maxScale).margin(0.01));
    for (int i = 0; i < 30; ++i) w.setTextScale(Theme::smallerScale(w.textScale()));
    CHECK(w.textScale() >= Theme::minScale);
    w.setTextScale(1.0);
}

TEST_CASE("each theme paints the canvas in its own colours", "[theme]") {
    MainWindow w;
    w.loadProgram(QStringLiteral("(x+y)*sin(x)"), {{"x", 1}, {"y", 2}}, Mode::Reverse);
    for (ThemeName name : Theme::all()) {
        INFO(Theme::key(name).toStdString());
        w.setTheme(name);
        const Theme& t = Theme::current();
        REQUIRE(t.name == name);
        CHECK(w.scene().backgroundBrush().color() == t.background);
        CHECK(pixelsOf(w.scene(), t.inputFill) > 2000);  // the two input boxes
        for (ThemeName other : Theme::all())
            if (other != name) CHECK(pixelsOf(w.scene(), Theme::named(other).inputFill) == 0);
        CHECK(QApplication::palette().color(QPalette::Base) == t.background);
    }
    CHECK(Theme::named(ThemeName::HighContrast).lineScale > 1.5);
    CHECK(Theme::named(ThemeName::HighContrast).numberFont().bold());
    w.setTheme(ThemeName::Light);
}

TEST_CASE("a domain warning appears on its node from the step that computes it", "[warnings]") {
    MainWindow w;
    w.loadProgram(QStringLiteral("f = log(x - 3) + x"), {{"x", 1}}, Mode::Reverse);
    GraphScene& scene = w.scene();
    const Trace& trace = w.model().trace();
    REQUIRE(trace.warnings.size() == 1);
    const int bad = trace.warnings.front().node;
    auto marked = [&] {
        int n = 0;
        for (NodeItem* item : scene.nodeItems()) n += item->showsWarning();
        return n;
    };
    w.model().setStep(0);
    CHECK(marked() == 0);
    CHECK(w.caption().warningsText().isEmpty());
    // The step that computes the bad value: from then on, the marker and the message.
    int k = 0;
    while (k < w.model().stepCount() && trace.steps[static_cast<std::size_t>(k)].node != bad) ++k;
    REQUIRE(k < w.model().stepCount());
    w.model().setStep(k);
    CHECK(marked() == 0);
    w.model().setStep(k + 1);
    CHECK(marked() == 1);
    CHECK(scene.nodeItems()[static_cast<std::size_t>(bad)]->showsWarning());
    CHECK(w.caption().warningsText().contains(QStringLiteral("log")));
}

TEST_CASE("thirty warnings show three lines and 'show all'", "[warnings]") {
    QString program = QStringLiteral("f = 0");
    for (int k = 1; k <= 30; ++k) program += QStringLiteral(" + log(x - %1)").arg(k);
    MainWindow w;
    w.loadProgram(program, {{"x", 0}}, Mode::Reverse);
    w.model().setStep(w.model().stepCount());
    const QString text = w.caption().warningsText();
    CHECK(text.count(QStringLiteral("⚠")) == CaptionBar::warningsShown);
    CHECK(text.contains(QStringLiteral("30 warnings — show all")));
}
