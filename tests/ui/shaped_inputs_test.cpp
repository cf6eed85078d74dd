// Programs with vectors and matrices in the window's side panels: the inputs panel's one row
// per vector or matrix and its grid editor, Randomize as `--init k`, nested value lists, session
// files with element names and an init seed, the Jacobian tab flattened (or refused when too
// large), and File ▸ Export as PyTorch script against `adviz pytorch`.

#include <catch2/catch.hpp>

#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "autodiff/language/parser.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/shaped/init.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "ui/examples.hpp"
#include "ui/export/pytorch_export.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/session/scene_state.hpp"
#include "ui/session/session_file.hpp"
#include "ui/widgets/inputs_panel.hpp"
#include "ui/widgets/jacobian_panel.hpp"
#include "ui/widgets/number_field.hpp"
#include "ui/widgets/tensor_editor.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// The theory's MLP in matrix form and its point, as in the README's "Vectors and matrices".
const QString kMlp = QStringLiteral(
    "x: [2]\nW1: [3, 2]; b1: [3]\nW2: [1, 3]; b2: [1]\ny: [1]\n"
    "z1 = W1 @ x + b1\nh  = sigmoid(z1)\nz2 = W2 @ h + b2\nL  = sum((z2 - y)^2)\n");
const QString kAt = QStringLiteral(
    "x=[0.5,-1],W1=[[0.1,0.2],[0.3,-0.4],[0.5,0.6]],b1=0,W2=[[0.7,-0.8,0.9]],b2=0.05,y=[0.25]");
// `adviz eval --file mlp.txt --at "$AT"` prints L = 0.00013145048026603215 (README).
constexpr double kLoss = 0.00013145048026603215;

double input(const SessionModel& m, const char* name) {
    const int i = m.program().inputIndex(name);
    REQUIRE(i >= 0);
    return m.inputs()[static_cast<std::size_t>(i)];
}

void type(NumberField* field, const QString& text) {
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
}

double loss(const SessionModel& m) {
    const EvalResult r = evaluateAt(m.program(), m.inputs());
    return r.outputs[static_cast<std::size_t>(m.program().outputIndex("L"))];
}

}  // namespace

TEST_CASE("value lists read nested lists, by element and by the program's ports", "[values]") {
    SECTION("without the program: lists become elements, numbers stay under their name") {
        const auto v = parseValues(kAt);
        REQUIRE(v.size() == 2 + 6 + 1 + 3 + 1 + 1);
        CHECK(v[0] == std::pair<std::string, double>{"x[0]", 0.5});
        CHECK(v[1] == std::pair<std::string, double>{"x[1]", -1.0});
        CHECK(v[5] == std::pair<std::string, double>{"W1[1,1]", -0.4});
        CHECK(v[8] == std::pair<std::string, double>{"b1", 0.0});
        CHECK(v[12] == std::pair<std::string, double>{"b2", 0.05});
        // Plain scalar lists read as they always did.
        CHECK(parseValues(QStringLiteral("x=1,y=-2.5")) ==
              std::vector<std::pair<std::string, double>>{{"x", 1.0}, {"y", -2.5}});
    }
    SECTION("with the program: a number fills every element of its vector") {
        const ParseResult r = parse(kMlp.toStdString());
        REQUIRE(r.ok());
        const auto v = parseValues(kAt, r.graph);
        CHECK(v.size() == 16);  // every scalar input once
        std::map<std::string, double> byName(v.begin(), v.end());
        CHECK(byName.at("b1[0]") == 0);
        CHECK(byName.at("b1[2]") == 0);
        CHECK(byName.at("W1[2,0]") == 0.5);
        CHECK(byName.at("b2[0]") == 0.05);
        CHECK(byName.count("b1") == 0);
    }
    SECTION("the model puts either into the program's inputs and gives the README's loss") {
        SessionModel model;
        REQUIRE(model.setSource(kMlp));
        model.setInputsByName(parseValues(kAt));
        CHECK(input(model, "b1[1]") == 0);
        CHECK(input(model, "W1[1,0]") == 0.3);
        CHECK(loss(model) == Approx(kLoss).epsilon(1e-12));
    }
}

TEST_CASE("the inputs panel shows a vector or matrix as one row with a grid editor", "[inputs][shaped]") {
    SessionModel model;
    REQUIRE(model.setSource(kMlp));
    model.setInputsByName(parseValues(kAt));
    InputsPanel panel(model);

    // Six inputs of which none is scalar: no field per element, only L's seed.
    CHECK(panel.findChildren<NumberField*>().size() == 1);
    auto* w1 = panel.findChild<QLabel*>(QStringLiteral("tensorInput1"));
    REQUIRE(w1);
    CHECK(w1->text() == QStringLiteral("W1 [3, 2]"));
    CHECK(panel.findChild<QLabel*>(QStringLiteral("tensorInputPreview0"))->text() == QStringLiteral("[0.5, −1]"));
    CHECK(panel.findChild<QLabel*>(QStringLiteral("tensorInputPreview1"))->text() == QStringLiteral("[0.1, …]"));
    CHECK(panel.findChild<QLabel*>(QStringLiteral("tensorInputPreview3"))->text() == QStringLiteral("[0.7, …]"));  // W2
    // z1, h and z2 are used later, so L is the only output: a scalar row with its seed.
    CHECK(panel.findChild<QLabel*>(QStringLiteral("tensorOutput0")) == nullptr);
    CHECK(panel.findChild<NumberField*>(QStringLiteral("outputSeed0")));

    TensorEditor* editor = panel.openEditor(QStringLiteral("W1"));
    REQUIRE(editor);
    CHECK(panel.openEditor(QStringLiteral("W1")) == editor);  // raised, not opened twice
    CHECK(editor->findChildren<NumberField*>(QRegularExpression(QStringLiteral("^tensorValue"))).size() == 6);
    auto* w11 = editor->findChild<NumberField*>(QStringLiteral("tensorValue3"));  // row 1, column 1
    REQUIRE(w11);
    CHECK(w11->value() == -0.4);

    SECTION("an edit in the grid reaches the model and every number follows") {
        type(w11, QStringLiteral("0.25"));
        CHECK(input(model, "W1[1,1]") == 0.25);
        CHECK(loss(model) != Approx(kLoss));
        // And the element's own name sets it back: the README's loss again.
        model.setInputsByName({{"W1[1,1]", -0.4}});
        CHECK(w11->value() == -0.4);
        CHECK(loss(model) == Approx(kLoss).epsilon(1e-12));
    }
    SECTION("the direction grid appears in forward mode and edits ẋ") {
        model.setMode(Mode::Reverse);
        auto* dir = editor->findChild<NumberField*>(QStringLiteral("tensorDirection1"));
        REQUIRE(dir);
        CHECK_FALSE(dir->isVisibleTo(editor));
        model.setMode(Mode::Forward);
        CHECK(dir->isVisibleTo(editor));
        type(dir, QStringLiteral("1"));
        CHECK(model.direction()[static_cast<std::size_t>(model.program().inputIndex("W1[0,1]"))] == 1);
        CHECK(panel.findChild<QLabel*>(QStringLiteral("tensorInputDirection1"))->text() == QStringLiteral("[0, 1, …]"));
    }
}

TEST_CASE("a vector output has a row with its value and an editor for its seed", "[inputs][shaped]") {
    SessionModel model;
    REQUIRE(model.setSource(QStringLiteral("x: [2]\nW: [3, 2]\nz = W @ x")));
    model.setInputsByName(parseValues(QStringLiteral("x=[1,1],W=[[1,2],[3,4],[5,6]]")));
    InputsPanel panel(model);
    REQUIRE(panel.findChild<QLabel*>(QStringLiteral("tensorOutput0")));
    CHECK(panel.findChild<QLabel*>(QStringLiteral("tensorOutput0"))->text() == QStringLiteral("z [3]"));
    auto* value = panel.findChild<QLabel*>(QStringLiteral("tensorOutputPreview0"));
    REQUIRE(value);
    model.setStep(0);
    CHECK(value->text() == QStringLiteral("···"));  // not computed yet at step 0
    model.setStep(model.stepCount());
    CHECK(value->text() == QStringLiteral("[3, 7, …]"));  // W @ x = [1+2, 3+4, 5+6]
    TensorEditor* seeds = panel.openEditor(QStringLiteral("z"), true);
    REQUIRE(seeds);
    auto* s2 = seeds->findChild<NumberField*>(QStringLiteral("tensorSeed2"));
    REQUIRE(s2);
    type(s2, QStringLiteral("3"));
    CHECK(model.seed()[static_cast<std::size_t>(model.program().outputIndex("z[2]"))] == 3);
    CHECK(panel.findChild<QLabel*>(QStringLiteral("tensorOutputSeed0"))->text() == QStringLiteral("[1, 0, 3]"));
}

TEST_CASE("Randomize on a shaped program gives exactly --init k's values", "[inputs][shaped]") {
    SessionModel model;
    REQUIRE(model.setSource(kMlp));
    InputsPanel panel(model);
    auto* randomize = panel.findChild<QPushButton*>(QStringLiteral("randomizeInputs"));
    REQUIRE(randomize);
    CHECK(randomize->toolTip().contains(QStringLiteral("--init 1")));
    randomize->click();
    CHECK(model.inputs() == shaped::initialValues(model.program(), 1));
    randomize->click();
    randomize->click();
    CHECK(model.inputs() == shaped::initialValues(model.program(), 3));
    CHECK(randomize->toolTip().contains(QStringLiteral("--init 4")));
    // Glorot-uniform: W1 [3, 2] within ±√(6/5), b1 within ±1, and not all equal.
    const double a = std::sqrt(6.0 / 5.0);
    for (const char* name : {"W1[0,0]", "W1[1,1]", "W1[2,1]"}) CHECK(std::abs(input(model, name)) <= a);
    CHECK(input(model, "W1[0,0]") != input(model, "W1[0,1]"));
}

TEST_CASE("a vector too long for a grid gets a summary, not a field per element", "[inputs][shaped]") {
    SessionModel model;
    REQUIRE(model.setSource(QStringLiteral("x: [200]\nw: [200]\nL = dot(w, x)")));
    InputsPanel panel(model);
    CHECK(panel.findChildren<NumberField*>().size() == 1);  // L's seed
    CHECK(panel.findChild<QPushButton*>(QStringLiteral("editTensorInput0")) == nullptr);
    CHECK(panel.openEditor(QStringLiteral("x")) == nullptr);
    model.setInputsByName({{"x", 0.5}});  // a number fills all 200: ‖x‖ = 0.5·√200 = 7.071
    auto* preview = panel.findChild<QLabel*>(QStringLiteral("tensorInputPreview0"));
    CHECK(preview->text() == QStringLiteral("‖·‖=7.071"));
    CHECK(preview->toolTip() == QStringLiteral("x: min 0.5, max 0.5, ‖·‖ = 7.071"));
}

TEST_CASE("a shaped program's point survives a session file, by element names", "[session][shaped]") {
    SessionModel model;
    REQUIRE(model.setSource(kMlp));
    model.randomizeInputs(5);
    model.setDirection(model.program().inputIndex("W1[1,0]"), 2.0);
    const session::Scene scene = captureScene(model, {});
    CHECK(scene.inputs.count("W1[1,0]") == 1);
    session::Session s;
    s.scenes = {scene};
    const session::LoadResult back = session::fromJson(session::toJson(s));
    REQUIRE(back.session);
    SessionModel other;
    REQUIRE(applyScene(back.session->scenes.front(), other).isEmpty());
    CHECK(other.inputs() == shaped::initialValues(other.program(), 5));
    CHECK(other.direction() == model.direction());
}

TEST_CASE("a scene's init seed gives every input without a value --init's value", "[session][shaped]") {
    const QByteArray json = R"json({"format": "adviz-session", "version": 1, "scenes": [{
        "program": "x: [2]\nW: [3, 2]; b: [3]\nL = sum(W @ x + b)",
        "init": 7, "inputs": {"x[1]": 2, "b": 0.5}}]})json";
    const session::LoadResult r = session::fromJson(json);
    REQUIRE(r.session);
    REQUIRE(r.session->scenes.front().init == std::uint64_t{7});
    SessionModel model;
    REQUIRE(applyScene(r.session->scenes.front(), model).isEmpty());
    std::vector<double> expected = shaped::initialValues(model.program(), 7);
    expected[static_cast<std::size_t>(model.program().inputIndex("x[1]"))] = 2;
    for (const char* b : {"b[0]", "b[1]", "b[2]"}) expected[static_cast<std::size_t>(model.program().inputIndex(b))] = 0.5;
    CHECK(model.inputs() == expected);
    // Written back as it was read; a seed that is not a whole number is refused where it is.
    CHECK(session::toJson(*r.session).contains("\"init\": 7"));
    QByteArray bad = json;
    bad.replace("\"init\": 7", "\"init\": -1");
    const session::LoadResult refused = session::fromJson(bad);
    REQUIRE(refused.error);
    CHECK(refused.error->where == QStringLiteral("scenes[0].init"));
}

TEST_CASE("the matrix examples start where their files say", "[examples][shaped]") {
    const Example* mlp = nullptr;
    const Example* big = nullptr;
    for (const Example& e : examples()) {
        if (e.path.endsWith(QStringLiteral("12-mlp-matrix.adviz"))) mlp = &e;
        if (e.path.endsWith(QStringLiteral("15-mlp-784.adviz"))) big = &e;
    }
    REQUIRE(mlp);
    REQUIRE(big);
    SessionModel model;
    REQUIRE(model.setSource(mlp->source));
    model.setInputsByName(exampleValues(*mlp));
    CHECK(loss(model) == Approx(kLoss).epsilon(1e-12));  // the README's point, element by element

    REQUIRE(big->init == std::uint64_t{1});
    const ParseResult r = parse(big->source.toStdString());
    REQUIRE(r.ok());
    REQUIRE(r.graph.inputCount() == 784 + 128 * 784 + 128 + 10 * 128 + 10 + 10);
    const auto values = exampleValues(*big);
    REQUIRE(values.size() == static_cast<std::size_t>(r.graph.inputCount()));
    const std::vector<double> init = shaped::initialValues(r.graph, 1);
    for (int i : {0, 784, 50000, 101000}) {
        CHECK(values[static_cast<std::size_t>(i)].first == std::string(r.graph.inputName(i)));
        CHECK(values[static_cast<std::size_t>(i)].second == init[static_cast<std::size_t>(i)]);
    }
    // The target is class 3, one-hot, given in the file.
    for (int k = 0; k < 10; ++k) {
        const int i = r.graph.inputIndex("t[" + std::to_string(k) + "]");
        CHECK(values[static_cast<std::size_t>(i)].second == (k == 3 ? 1.0 : 0.0));
    }
}

TEST_CASE("the Jacobian tab labels a shaped program's elements and refuses a huge one", "[jacobian-panel][shaped]") {
    SessionModel model;
    REQUIRE(model.setSource(kMlp));
    model.setInputsByName(parseValues(kAt));
    Player player(model);
    player.setAnimated(false);
    JacobianPanel panel(model, player);
    CHECK(panel.refusal().isEmpty());
    const int w10 = model.graph().inputIndex("W1[1,0]");
    REQUIRE(panel.matrix()->columnCount() == model.graph().inputCount());
    CHECK(panel.matrix()->horizontalHeaderItem(w10)->text() == QStringLiteral("∂/∂W1[1,0]"));
    // Sixteen columns keep their labels' width and scroll rather than squeeze into "…".
    CHECK(panel.matrix()->horizontalHeader()->sectionResizeMode(w10) == QHeaderView::ResizeToContents);
    const int l = model.graph().outputIndex("L");
    CHECK(panel.matrix()->verticalHeaderItem(l)->text() == QStringLiteral("L"));
    // Row L by reverse mode: ∂L/∂W1[1,0] as the engine's gradient gives it.
    panel.showProgress(Mode::Reverse, l + 1, 0);
    const std::vector<double> grad = gradient(model.graph(), model.inputs(), l);
    CHECK(panel.matrix()->item(l, w10)->text().toStdString() == formatShort(grad[static_cast<std::size_t>(w10)]));

    // 65 × 65 = 4,225 entries: no table, no sweeps, a message saying why.
    REQUIRE(model.setSource(QStringLiteral("x: [65]\ny = sum(x) * x")));
    CHECK(panel.refusal().contains(QStringLiteral("4,225 entries")));
    CHECK(panel.matrix()->columnCount() == 0);
    panel.run(Mode::Forward);
    CHECK_FALSE(panel.isRunning());
}

TEST_CASE("Export as PyTorch script writes what adviz pytorch prints", "[export][shaped]") {
    SessionModel model;
    REQUIRE(model.setSource(kMlp));
    model.setInputsByName(parseValues(kAt));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("check.py"));
    REQUIRE_FALSE(exportPytorch(model, path));
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray written = f.readAll();

    QProcess cli;
    cli.start(QStringLiteral(ADVIZ_EXE), {QStringLiteral("pytorch"), kMlp, QStringLiteral("--at"), kAt});
    REQUIRE(cli.waitForFinished(30000));
    REQUIRE(cli.exitCode() == 0);
    const QByteArray printed = cli.readAllStandardOutput();
    CHECK(printed.contains("torch.autograd"));
    CHECK(written == printed);
}

TEST_CASE("a shaped program's scalar inputs keep their ordinary rows", "[inputs][shaped]") {
    SessionModel model;
    REQUIRE(model.setSource(QStringLiteral("x: [2]\nL = a * sum(x) + c")));
    InputsPanel panel(model);
    // Inputs in program order: x [2] (a row of its own), a, c (ordinary rows by input index).
    const int a = model.program().inputIndex("a");
    const int c = model.program().inputIndex("c");
    auto* fieldA = panel.findChild<NumberField*>(QStringLiteral("inputValue%1").arg(a));
    auto* fieldC = panel.findChild<NumberField*>(QStringLiteral("inputValue%1").arg(c));
    REQUIRE(fieldA);
    REQUIRE(fieldC);
    CHECK(panel.findChild<QLabel*>(QStringLiteral("tensorInput0"))->text() == QStringLiteral("x [2]"));
    model.setInputsByName({{"x", 1.5}, {"a", 2.0}, {"c", -1.0}});
    CHECK(fieldA->value() == 2.0);
    CHECK(fieldC->value() == -1.0);
    type(fieldC, QStringLiteral("4"));
    CHECK(model.inputs()[static_cast<std::size_t>(c)] == 4);
    CHECK(loss(model) == 2.0 * (1.5 + 1.5) + 4);
}
