// The .adviz session file: every field survives a save and a load; every kind of broken file is
// refused with a message saying what and where; a scene put back into the model gives the same
// state it was captured from.

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cmath>

#include "ui/model/session_model.hpp"
#include "ui/session/scene_state.hpp"
#include "ui/session/session_file.hpp"

using namespace adviz;
using namespace adviz::session;

namespace {

Session sample() {
    Scene a;
    a.title = QStringLiteral("The computational graph of (x+y)·sin(x)");
    a.note = QStringLiteral("Ask: which node is computed first?\nThen press →.");
    a.program = QStringLiteral("# comment ∂\n(x+y)*sin(x)");
    a.inputs = {{"x", 0.1}, {"y", -2.5e-300}};
    a.directions = {{"x", 1}, {"y", 0}};
    a.seeds = {{"f", 1}};
    a.mode = "forward-over-reverse";
    a.strategy = "binomial:3";
    a.step = 7;
    a.view = {false, true, true, QString()};
    Scene b;
    b.title = QStringLiteral("Domain trouble");
    b.program = QStringLiteral("log(x)");
    b.inputs = {{"x", NAN}};
    b.directions = {{"x", INFINITY}};
    b.seeds = {{"f", -INFINITY}};
    return {{a, b}, 1};
}

void write(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

}  // namespace

TEST_CASE("a session survives a save and a load, field by field", "[session]") {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lesson.adviz"));
    const Session s = sample();
    REQUIRE_FALSE(save(s, path));
    const LoadResult r = load(path);
    REQUIRE_FALSE(r.error);
    const Session& t = *r.session;
    REQUIRE(t.scenes.size() == 2);
    CHECK(t.currentScene == 1);
    const Scene &a = s.scenes[0], &c = t.scenes[0];
    CHECK(c.title == a.title);
    CHECK(c.note == a.note);
    CHECK(c.program == a.program);
    CHECK(c.inputs == a.inputs);  // bit for bit: 0.1 and −2.5e−300 round-trip
    CHECK(c.directions == a.directions);
    CHECK(c.seeds == a.seeds);
    CHECK(c.mode == a.mode);
    CHECK(c.strategy == a.strategy);
    CHECK(c.step == a.step);
    CHECK(c.view.edgeLabels == a.view.edgeLabels);
    CHECK(c.view.topToBottom == a.view.topToBottom);
    CHECK(c.view.backwardGraph == a.view.backwardGraph);
    CHECK(std::isnan(t.scenes[1].inputs.at("x")));
    CHECK(t.scenes[1].directions.at("x") == INFINITY);
    CHECK(t.scenes[1].seeds.at("f") == -INFINITY);
    // Nothing is left behind but the file itself (the temporary one was renamed into place).
    CHECK(QDir(dir.path()).entryList(QDir::Files) == QStringList{QStringLiteral("lesson.adviz")});
}

TEST_CASE("broken session files are refused with what and where", "[session]") {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.adviz"));
    const QByteArray good = toJson(sample());
    struct Case { const char* name; QByteArray bytes; const char* where; const char* says; };
    QByteArray newer = good;
    newer.replace("\"version\": 1", "\"version\": 7");
    QByteArray noProgram = good;
    noProgram.replace("\"program\": \"log(x)\",", "");
    QByteArray badStep = good;
    badStep.replace("\"step\": 7", "\"step\": -3");
    QByteArray badNumber = good;
    badNumber.replace("\"y\": -2.5e-300", "\"y\": \"lots\"");
    const std::vector<Case> cases = {
        {"truncated", good.left(good.size() / 2), "line ", "cut short"},
        {"not JSON", "hello", "line 1, column ", "not valid JSON"},
        {"empty", "", "line 1", "not valid JSON"},
        {"another format", R"({"format": "other", "version": 1})", "format", "not an adviz session"},
        {"a list", "[1, 2]", "", "not an adviz session"},
        {"newer version", newer, "version", "newer than this adviz reads"},
        {"no scenes", R"({"format": "adviz-session", "version": 1, "scenes": []})", "scenes", "at least one"},
        {"no program", noProgram, "scenes[1].program", "missing"},
        {"negative step", badStep, "scenes[0].step", "whole number"},
        {"a word for a number", badNumber, "scenes[0].inputs.y", "expected a number"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        write(path, c.bytes);
        const LoadResult r = load(path);
        CHECK_FALSE(r.session);
        REQUIRE(r.error);
        CHECK(r.error->where.startsWith(path));
        CHECK(r.error->text().contains(QString::fromUtf8(c.where)));
        CHECK(r.error->text().contains(QString::fromUtf8(c.says)));
    }
    SECTION("a file too large is refused before it is read") {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        REQUIRE(f.resize(maxFileBytes + 1));
        f.close();
        const LoadResult r = load(path);
        REQUIRE(r.error);
        CHECK(r.error->message.contains(QStringLiteral("larger than")));
    }
    SECTION("missing files and folders") {
        CHECK(load(dir.filePath(QStringLiteral("none.adviz"))).error->message == QStringLiteral("no such file"));
        CHECK(load(dir.path()).error->message.contains(QStringLiteral("folder")));
    }
    SECTION("an unwritable place is an error, not a crash") {
        CHECK(save(sample(), dir.filePath(QStringLiteral("no/such/folder/x.adviz"))));
    }
}

TEST_CASE("a scene captured from the model puts the same state back", "[session]") {
    ui::SessionModel m;
    m.setSource(QStringLiteral("f = (x+y)*sin(x)\ng = x*y"));
    m.setInputsByName({{"x", 0.25}, {"y", -3}});
    m.setDirection(1, 2.5);
    m.setSeed(1, 4);
    m.setMode(Mode::Reverse);
    m.setCheckpointStrategy(Strategy::parse("every:2"));
    m.setStep(5);
    const Scene s = ui::captureScene(m, {true, false, false, QString()});
    CHECK(s.inputs.at("x") == 0.25);
    CHECK(s.directions.at("y") == 2.5);
    CHECK(s.seeds.at("g") == 4);
    CHECK(s.strategy == "every:2");

    ui::SessionModel fresh;
    REQUIRE(ui::applyScene(s, fresh).isEmpty());
    const Scene t = ui::captureScene(fresh, {true, false, false, QString()});
    CHECK(t.program == s.program);
    CHECK(t.inputs == s.inputs);
    CHECK(t.directions == s.directions);
    CHECK(t.seeds == s.seeds);
    CHECK(t.mode == s.mode);
    CHECK(t.strategy == s.strategy);
    CHECK(t.step == s.step);
    CHECK(fresh.trace().result == m.trace().result);  // the same sweep: the same numbers

    SECTION("a scene whose program does not parse changes nothing") {
        Scene broken = s;
        broken.program = QStringLiteral("(x+");
        CHECK_FALSE(ui::applyScene(broken, fresh).isEmpty());
        CHECK(fresh.goodSource() == s.program);
    }
}

TEST_CASE("the built-in lesson follows the theory's order, every scene titled, noted and parsing", "[session][lesson]") {
    const LoadResult r = load(QStringLiteral(":/lessons/autodiff-forward-reverse.adviz"));
    REQUIRE_FALSE(r.error);
    const auto& scenes = r.session->scenes;
    REQUIRE(scenes.size() == 10);
    const char* topics[] = {"graph", "Forward", "forward mode is efficient", "Reverse", "Jacobian",
                            "MLP", "H·v", "finite differences", "symbolic", "checkpointing"};
    for (std::size_t i = 0; i < scenes.size(); ++i) {
        INFO(scenes[i].title.toStdString());
        CHECK(scenes[i].title.contains(QString::fromUtf8(topics[i]), Qt::CaseInsensitive));
        CHECK(scenes[i].note.size() > 40);
        ui::SessionModel m;
        CHECK(m.setSource(scenes[i].program));
        for (const auto& [name, x] : scenes[i].inputs) CHECK(std::isfinite(x));
    }
}
