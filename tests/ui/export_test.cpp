// Export: SVG is XML with every node's label as text, PNG is 2× the diagram, DOT describes the
// graph; bad paths and unknown extensions fail with a message and leave files alone.

#include <catch2/catch.hpp>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QXmlStreamReader>

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
