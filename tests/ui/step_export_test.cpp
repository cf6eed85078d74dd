// Exports of several steps: one image per step with the right names, a PDF handout with a page
// per step, --steps parsing, and failures that write nothing.

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include "ui/export/gif_export.hpp"
#include "ui/export/step_export.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {
// The theory's (x+y)·sin(x) at x = 1, y = 2 in reverse mode: 11 steps.
void theoryInReverse(SessionModel& model) {
    model.setSource(QStringLiteral("(x+y)*sin(x)"));
    model.setInputsByName({{"x", 1}, {"y", 2}});
    model.setMode(Mode::Reverse);
}
}  // namespace

TEST_CASE("the steps option reads all, ranges and lists, and refuses the rest", "[export][steps]") {
    std::vector<int> s;
    REQUIRE_FALSE(parseSteps(QStringLiteral("all"), 3, s));
    CHECK(s == std::vector<int>{0, 1, 2, 3});
    REQUIRE_FALSE(parseSteps(QStringLiteral("2-4"), 11, s));
    CHECK(s == std::vector<int>{2, 3, 4});
    REQUIRE_FALSE(parseSteps(QStringLiteral("0,5,11"), 11, s));
    CHECK(s == std::vector<int>{0, 5, 11});
    CHECK(parseSteps(QStringLiteral("12"), 11, s)->contains(QStringLiteral("past the end")));
    for (const char* bad : {"", "4-2", "x", "1-2-3", "-1"}) {
        INFO(bad);
        CHECK(parseSteps(QString::fromUtf8(bad), 11, s));
    }
}

TEST_CASE("one image per step, numbered as asked, each its own step", "[export][steps]") {
    SessionModel model;
    theoryInReverse(model);
    GraphScene scene(model, nullptr, true);
    QTemporaryDir dir;
    const QString pattern = dir.filePath(QStringLiteral("frame-%03d.svg"));
    std::vector<int> steps;
    REQUIRE_FALSE(parseSteps(QStringLiteral("0,5,11"), model.stepCount(), steps));
    REQUIRE_FALSE(exportFrames(scene, model, pattern, steps, {true, {}}));
    const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    CHECK(files == QStringList({"frame-000.svg", "frame-005.svg", "frame-011.svg"}));
    // Different steps draw different numbers: the files differ, and each is a valid SVG.
    QByteArray first, last;
    for (const QString& f : files) {
        QFile file(dir.filePath(f));
        REQUIRE(file.open(QIODevice::ReadOnly));
        const QByteArray svg = file.readAll();
        CHECK(QSvgRenderer(svg).isValid());
        (first.isEmpty() ? first : last) = svg;
    }
    CHECK(first != last);
    CHECK(last.contains("2.462"));  // the caption's (and x's) final adjoint at the last step

    SECTION("a pattern without a number, or an unknown type, writes nothing") {
        QTemporaryDir empty;
        CHECK(exportFrames(scene, model, empty.filePath(QStringLiteral("frame.svg")), steps, {}));
        CHECK(exportFrames(scene, model, empty.filePath(QStringLiteral("f-%d.gifx")), steps, {}));
        CHECK(exportFrames(scene, model, QStringLiteral("/nonexistent-dir/f-%d.svg"), steps, {}));
        CHECK(QDir(empty.path()).entryList(QDir::Files).isEmpty());
    }
}

TEST_CASE("a PDF handout has one page per step", "[export][handout]") {
    SessionModel model;
    theoryInReverse(model);
    GraphScene scene(model, nullptr, true);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("handout.pdf"));
    std::vector<int> steps;
    REQUIRE_FALSE(parseSteps(QStringLiteral("all"), model.stepCount(), steps));
    Handout h(path);
    REQUIRE_FALSE(h.addPages(scene, model, steps, QStringLiteral("Reverse mode")));
    REQUIRE_FALSE(h.finish());
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray pdf = f.readAll();
    CHECK(pdf.startsWith("%PDF-"));
    // Qt writes each page as its own object: count "/Type /Page" (not /Pages).
    const auto pages = QString::fromLatin1(pdf).count(QRegularExpression(QStringLiteral("/Type\\s*/Page[^s]")));
    CHECK(pages == static_cast<int>(steps.size()));
    CHECK(h.pageCount() == 12);

    SECTION("an unwritable path leaves nothing") {
        Handout bad(QStringLiteral("/nonexistent-dir/h.pdf"));
        REQUIRE_FALSE(bad.addPages(scene, model, {0}, {}));
        CHECK(bad.finish());
    }
}

TEST_CASE("a GIF of the default example's reverse sweep: every frame, looping, under 2 MB", "[export][gif]") {
    SessionModel model;
    theoryInReverse(model);
    GraphScene scene(model, nullptr, true);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sweep.gif"));
    std::vector<int> steps;
    REQUIRE_FALSE(parseSteps(QStringLiteral("all"), model.stepCount(), steps));
    GifOptions options;
    REQUIRE_FALSE(exportGif(scene, model, path, steps, options));
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray gif = f.readAll();
    CHECK(gif.startsWith("GIF89a"));
    CHECK(gif.contains("NETSCAPE2.0"));   // loops
    CHECK(gif.size() < 2 * 1024 * 1024);
    // Qt's own reader decodes it: one still per step plus the motion between consecutive steps.
    QImageReader reader(path);
    const int perStep = std::max(2, static_cast<int>(options.fps * 0.75));
    const int expected = static_cast<int>(steps.size()) + (static_cast<int>(steps.size()) - 1) * (perStep - 1);
    CHECK(reader.imageCount() == expected);
    QImage first = reader.read();
    REQUIRE_FALSE(first.isNull());
    CHECK(first.width() == options.width);

    SECTION("bad options and paths write nothing") {
        CHECK(exportGif(scene, model, dir.filePath(QStringLiteral("a.gif")), steps, {0, 960, true}));
        CHECK(exportGif(scene, model, QStringLiteral("/nonexistent-dir/a.gif"), steps, options));
        CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("a.gif"))));
    }
}
