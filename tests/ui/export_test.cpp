// Export: SVG is XML with every node's label as text, PNG is 2× the diagram, DOT describes the
// graph; bad paths and unknown extensions fail with a message and leave files alone.

#include <catch2/catch.hpp>

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>

#include "ui/export/diagram_export.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"

using namespace adviz;
using namespace adviz::ui;

TEST_CASE("SVG export is XML holding every node's label as text", "[export]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    GraphScene scene(model);
    scene.showFrame(model.stepCount(), 0);
    QTemporaryDir dir;
    QString path = dir.filePath("graph.svg");
    REQUIRE_FALSE(exportDiagram(scene, model, path).has_value());

    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString text;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::Characters) text += xml.text().toString() + " ";
    }
    INFO(text.toStdString());
    REQUIRE_FALSE(xml.hasError());
    for (const char* label : {"v₋₁", "v₀", "v₁", "v₂", "v₃", "sin", "x", "y", "×", "+"})
        CHECK(text.contains(QString::fromUtf8(label)));
}

TEST_CASE("PNG export is twice the size of the diagram", "[export]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    GraphScene scene(model);
    QTemporaryDir dir;
    QString path = dir.filePath("graph.png");
    REQUIRE_FALSE(exportDiagram(scene, model, path).has_value());
    QImage image(path);
    REQUIRE_FALSE(image.isNull());
    QSize expect = (exportRegion(scene).size() * 2).toSize();
    CHECK(image.size() == expect);
}

TEST_CASE("DOT export describes the graph", "[export]") {
    SessionModel model;
    REQUIRE(model.setSource("(x+y)*sin(x)"));
    GraphScene scene(model);
    QTemporaryDir dir;
    QString path = dir.filePath("graph.dot");
    REQUIRE_FALSE(exportDiagram(scene, model, path).has_value());
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(file.readAll().contains("n3 -> n4;"));
}

TEST_CASE("a failed export says why and changes nothing", "[export]") {
    SessionModel model;
    REQUIRE(model.setSource("x*y"));
    GraphScene scene(model);
    QTemporaryDir dir;
    SECTION("unknown extension") {
        auto err = exportDiagram(scene, model, dir.filePath("graph.bmpx"));
        REQUIRE(err.has_value());
        CHECK(err->contains("unknown file type '.bmpx'"));
        CHECK_FALSE(QFile::exists(dir.filePath("graph.bmpx")));
    }
    SECTION("unwritable path") {
        auto err = exportDiagram(scene, model, "/nonexistent-dir/graph.svg");
        REQUIRE(err.has_value());
        CHECK(err->contains("cannot write"));
    }
    SECTION("an existing file survives a failed export") {
        QString path = dir.filePath("keep.svg");
        {
            QFile f(path);
            REQUIRE(f.open(QIODevice::WriteOnly));
            f.write("old");
        }
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        auto err = exportDiagram(scene, model, path);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        if (err) {  // root may write anyway; then there is nothing to check
            QFile f(path);
            REQUIRE(f.open(QIODevice::ReadOnly));
            CHECK(f.readAll() == "old");
        }
    }
}

namespace {

// Pixels darker than mid-grey: the text, outlines and edges of a diagram on white.
struct Ink {
    long long count = 0;
    QRect box;  // their bounding box
};

Ink inkOf(const QImage& image) {
    Ink ink;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    int left = argb.width(), top = argb.height(), right = -1, bottom = -1;
    for (int y = 0; y < argb.height(); ++y)
        for (int x = 0; x < argb.width(); ++x)
            if (qGray(argb.pixel(x, y)) < 128) {
                ++ink.count;
                left = std::min(left, x), right = std::max(right, x);
                top = std::min(top, y), bottom = std::max(bottom, y);
            }
    ink.box = QRect(QPoint(left, top), QPoint(right, bottom));
    return ink;
}

}  // namespace

TEST_CASE("PNG export draws what the SVG export of the same step draws", "[export]") {
    const auto program = GENERATE(as<QString>{}, "(x+y)*sin(x)", "f = exp(-x*y)/(1 + x^2)\ng = f*y");
    SessionModel model;
    REQUIRE(model.setSource(program));
    model.setStep(model.stepCount() / 2);
    GraphScene scene(model, nullptr, /*synchronous=*/true);
    scene.showFrame(model.step(), 0);
    QTemporaryDir dir;
    const QString svgPath = dir.filePath("graph.svg"), pngPath = dir.filePath("graph.png");
    REQUIRE_FALSE(exportDiagram(scene, model, svgPath).has_value());
    REQUIRE_FALSE(exportDiagram(scene, model, pngPath).has_value());

    const QImage png(pngPath);
    REQUIRE_FALSE(png.isNull());
    QImage svg(png.size(), QImage::Format_ARGB32);
    svg.fill(Qt::white);
    QSvgRenderer renderer(svgPath);
    REQUIRE(renderer.isValid());
    QPainter painter(&svg);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    renderer.render(&painter, QRectF(QPointF(0, 0), png.size()));
    painter.end();

    const Ink a = inkOf(png), b = inkOf(svg);
    INFO("PNG ink " << a.count << " in " << a.box.width() << "×" << a.box.height()
                    << ", SVG ink " << b.count << " in " << b.box.width() << "×" << b.box.height());
    REQUIRE(b.count > 0);
    // Text drawn twice too large doubles the ink and overflows the boxes; rasterisers differ
    // only in anti-aliasing and hinting.
    CHECK(std::abs(double(a.count) / double(b.count) - 1) < 0.15);
    const double slack = 0.03 * png.width();
    CHECK(std::abs(a.box.left() - b.box.left()) < slack);
    CHECK(std::abs(a.box.right() - b.box.right()) < slack);
    CHECK(std::abs(a.box.top() - b.box.top()) < slack);
    CHECK(std::abs(a.box.bottom() - b.box.bottom()) < slack);
    // Pixel by pixel: where either has ink, both mostly do.
    long long both = 0, either = 0;
    const QImage pa = png.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < pa.height(); ++y)
        for (int x = 0; x < pa.width(); ++x) {
            const bool inkA = qGray(pa.pixel(x, y)) < 128, inkB = qGray(svg.pixel(x, y)) < 128;
            both += inkA && inkB;
            either += inkA || inkB;
        }
    INFO("overlap " << both << " of " << either);
    CHECK(double(both) / double(either) > 0.6);
}
