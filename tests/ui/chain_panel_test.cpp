// The Chain rule tab: its multiply-add counts are `adviz chain --json`'s and the hand-counted
// ones, its final block is the engine's Jacobian, the pair it marks at product k is the one the
// order multiplies, and a program that is not a chain gets the engine's reason.

#include <catch2/catch.hpp>

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>

#include <cmath>

#include "autodiff/sweeps/jacobian.hpp"
#include "ui/chain/chain_canvas.hpp"
#include "ui/chain/chain_panel.hpp"
#include "ui/examples.hpp"
#include "ui/main_window.hpp"
#include "ui/model/session_model.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// The built-in example: x [3] → z1 [3] → h1 [3] (tanh, diagonal) → h2 [2] → y [4].
const Example& threeLayers() {
    for (const Example& e : examples())
        if (e.title.contains(QStringLiteral("Chain rule"))) return e;
    FAIL("no Chain rule example");
    return examples().front();
}

void load(SessionModel& model, const Example& e) {
    REQUIRE(model.setSource(e.source));
    model.setInputsByName(parseValues(e.values));
}

// J₃ J₂ J₁ = [1×2][2×4][4×3], weights written in: the shapes of the brief's small chain.
const char* const smallChain =
    "x: [3]\n"
    "a = [[0.5, -1, 2], [1, 0.25, -0.5], [-2, 1, 1], [0.5, 0.5, -1]] @ x\n"
    "b = [[1, 2, -1, 0.5], [0, -1, 3, 1]] @ a\n"
    "y = [[2, -3]] @ b\n";

// What `adviz chain --json` says, run as a separate process.
QJsonObject chainJson(const QString& source, const QString& at) {
    QProcess p;
    p.start(QStringLiteral(ADVIZ_EXE), {QStringLiteral("chain"), source, QStringLiteral("--at"), at,
                                        QStringLiteral("--json")});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

long long totalOf(ChainPanel& panel, const QString& order) {
    REQUIRE(panel.showEnd(order));
    REQUIRE(panel.frame().finished);
    CHECK(panel.frame().multiplyAddsSoFar == panel.frame().multiplyAddsTotal);
    return panel.frame().multiplyAddsTotal;
}

}  // namespace

TEST_CASE("the chain tab counts the multiply-adds adviz chain --json counts", "[chain-panel]") {
    SessionModel model;
    ChainPanel panel(model);

    SECTION("the built-in example: three different prices") {
        load(model, threeLayers());
        const QJsonObject orders = chainJson(threeLayers().source, QStringLiteral("x=[0.5,-0.4,0.3]"))["orders"].toObject();
        // By hand (J₁ 3×3, J₂ 3×3 diagonal, J₃ 2×3, J₄ 4×2; a diagonal operand scales rows or columns):
        // forward  J₂J₁ 3·3 + J₃(·) 2·3·3 + J₄(·) 4·2·3 = 9 + 18 + 24 = 51
        // reverse  J₄J₃ 4·2·3 + (·)J₂ 4·3 + (·)J₁ 4·3·3 = 24 + 12 + 36 = 72
        // cheapest J₃J₂ 2·3 + (·)J₁ 2·3·3 + J₄(·) 4·2·3 = 6 + 18 + 24 = 48
        CHECK(totalOf(panel, "forward") == 51);
        CHECK(totalOf(panel, "reverse") == 72);
        CHECK(totalOf(panel, "cheapest") == 48);
        CHECK(orders["forward"].toObject()["multiply_adds"].toInt() == 51);
        CHECK(orders["reverse"].toObject()["multiply_adds"].toInt() == 72);
        CHECK(orders["optimal"].toObject()["multiply_adds"].toInt() == 48);
    }
    SECTION("[1×2][2×4][4×3]: forward 24 + 6, reverse 8 + 12, counted as they happen") {
        REQUIRE(model.setSource(smallChain));
        model.setInputsByName({{"x[0]", 1}, {"x[1]", 2}, {"x[2]", 3}});
        const QJsonObject orders = chainJson(smallChain, QStringLiteral("x=[1,2,3]"))["orders"].toObject();
        CHECK(orders["forward"].toObject()["multiply_adds"].toInt() == 30);
        CHECK(orders["reverse"].toObject()["multiply_adds"].toInt() == 20);
        // Forward: J₂J₁ = 2·4·3 = 24 first, then J₃(J₂J₁) = 1·2·3 = 6.
        REQUIRE(panel.showProduct("forward", 1));
        CHECK(panel.frame().multiplyAddsSoFar == 0);
        REQUIRE(panel.showFrame("forward", 2));
        CHECK(panel.frame().multiplyAddsSoFar == 24);
        CHECK(panel.countText() == "multiply-adds so far: 24 of 30");
        REQUIRE(panel.showFrame("forward", 4));
        CHECK(panel.frame().multiplyAddsSoFar == 30);
        // Reverse: J₃J₂ = 1·2·4 = 8 first, then (J₃J₂)J₁ = 1·4·3 = 12.
        REQUIRE(panel.showFrame("reverse", 2));
        CHECK(panel.frame().multiplyAddsSoFar == 8);
        CHECK(totalOf(panel, "reverse") == 20);
    }
}

TEST_CASE("every order ends in the engine's Jacobian", "[chain-panel]") {
    SessionModel model;
    ChainPanel panel(model);
    load(model, threeLayers());
    // The weights are written in, so x is the only input: J is the whole Jacobian (4 × 3).
    const JacobianResult ref = jacobianReverse(model.program(), model.inputs());
    REQUIRE(ref.matrix.size() == 4);
    REQUIRE(ref.matrix.front().size() == 3);
    for (const char* order : {"forward", "reverse", "cheapest"}) {
        INFO(order);
        REQUIRE(panel.showEnd(order));
        const ChainFrame& f = panel.frame();
        REQUIRE(f.blocks.size() == 1);
        const ChainBlock& j = f.blocks.front();
        REQUIRE(j.rows == 4);
        REQUIRE(j.cols == 3);
        CHECK(j.name == "∂y/∂x");
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 3; ++c)
                CHECK(std::abs(j.entries[static_cast<std::size_t>(r * 3 + c)] -
                               ref.matrix[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)]) < 1e-12);
    }
}

TEST_CASE("the pair marked at product k is the one the order multiplies", "[chain-panel]") {
    SessionModel model;
    ChainPanel panel(model);
    load(model, threeLayers());

    SECTION("as the engine's steps say, for every order and product") {
        for (const chain::Order& o : panel.orders()) {
            const QString name = QString::fromStdString(o.name);
            for (std::size_t k = 0; k < o.steps.size(); ++k) {
                INFO(o.name << " product " << k + 1);
                REQUIRE(panel.showProduct(name, static_cast<int>(k) + 1));
                const ChainFrame& f = panel.frame();
                REQUIRE(f.leftOperand >= 0);
                REQUIRE(f.rightOperand == f.leftOperand + 1);  // neighbours in the row
                const ChainBlock& left = f.blocks[static_cast<std::size_t>(f.leftOperand)];
                const ChainBlock& right = f.blocks[static_cast<std::size_t>(f.rightOperand)];
                CHECK(left.low == o.steps[k].mid + 1);
                CHECK(left.high == o.steps[k].high);
                CHECK(right.low == o.steps[k].low);
                CHECK(right.high == o.steps[k].mid);
            }
        }
    }
    SECTION("as the theory says: forward starts with J₂J₁, reverse with J₄J₃, the cheapest with J₃J₂") {
        auto pair = [&](const char* order, int k) {
            REQUIRE(panel.showProduct(order, k));
            const ChainFrame& f = panel.frame();
            return f.blocks[static_cast<std::size_t>(f.leftOperand)].symbol + " · " +
                   f.blocks[static_cast<std::size_t>(f.rightOperand)].symbol;
        };
        CHECK(pair("forward", 1) == "J₂ · J₁");
        CHECK(pair("forward", 2) == "J₃ · J₂J₁");
        CHECK(pair("reverse", 1) == "J₄ · J₃");
        CHECK(pair("reverse", 3) == "J₄J₃J₂ · J₁");
        CHECK(pair("cheapest", 1) == "J₃ · J₂");
        CHECK(pair("cheapest", 2) == "J₃J₂ · J₁");
        CHECK(pair("cheapest", 3) == "J₄ · J₃J₂J₁");
    }
    SECTION("the formed product replaces its operands with the engine's numbers") {
        // J₃J₂ scales J₃'s columns by J₂'s diagonal.
        const chain::Chain& c = *panel.chain();
        REQUIRE(panel.showFrame("cheapest", 2));
        const ChainFrame& f = panel.frame();
        REQUIRE(f.blocks.size() == 3);  // J₄, J₃J₂, J₁
        const ChainBlock& p = f.blocks[static_cast<std::size_t>(f.formed)];
        CHECK(p.symbol == "J₃J₂");
        CHECK(p.name == "∂h2/∂z1");
        REQUIRE(p.rows == 2);
        REQUIRE(p.cols == 3);
        const chain::Factor& j3 = c.factors[2];
        const chain::Factor& j2 = c.factors[1];
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j)
                CHECK(p.entries[static_cast<std::size_t>(i * 3 + j)] ==
                      Approx(j3.entries[static_cast<std::size_t>(i * 3 + j)] * j2.entries[static_cast<std::size_t>(j * 3 + j)]));
    }
}

TEST_CASE("the chain tab shows the factors as blocks, diagonals as diagonals", "[chain-panel]") {
    SessionModel model;
    ChainPanel panel(model);
    load(model, threeLayers());
    panel.resize(1100, 700);
    panel.show();
    QApplication::processEvents();
    REQUIRE(panel.showProduct("forward", 0));
    const ChainFrame& f = panel.frame();
    REQUIRE(f.blocks.size() == 4);
    // Left to right as written: J₄ J₃ J₂ J₁, with J₂ = ∂h1/∂z1 (tanh) diagonal.
    CHECK(f.blocks[0].symbol == "J₄");
    CHECK(f.blocks[0].shape() == "4×2");
    CHECK(f.blocks[2].name == "∂h1/∂z1");
    CHECK(f.blocks[2].diagonal);
    CHECK_FALSE(f.blocks[3].diagonal);
    // One cell size for all: widths and heights proportional to the shapes.
    ChainCanvas* canvas = panel.canvas();
    const double cell = canvas->cellSize();
    REQUIRE(cell > 0);
    for (int i = 0; i < 4; ++i) {
        CHECK(canvas->blockRect(i).width() == Approx(f.blocks[static_cast<std::size_t>(i)].cols * cell));
        CHECK(canvas->blockRect(i).height() == Approx(f.blocks[static_cast<std::size_t>(i)].rows * cell));
    }
    CHECK(canvas->showsNumbers());  // 4×3 at most: numbers in a panel 1100 px wide
}

TEST_CASE("the chain tab animates an order to its end", "[chain-panel]") {
    SessionModel model;
    ChainPanel panel(model);
    load(model, threeLayers());
    REQUIRE(panel.chain());
    QSignalSpy frames(&panel, &ChainPanel::frameShown);
    REQUIRE(panel.play("reverse"));
    CHECK(panel.isPlaying());
    for (int k = 0; k < 40 && panel.isPlaying(); ++k) frames.wait(1000);
    CHECK_FALSE(panel.isPlaying());
    CHECK(frames.count() == 7);  // the factors, then operands and product for each of 3 products
    CHECK(panel.frame().finished);
    CHECK(panel.frame().multiplyAddsSoFar == 72);
}

TEST_CASE("a program that is not a chain gets the engine's reason", "[chain-panel]") {
    SessionModel model;
    ChainPanel panel(model);
    panel.show();
    REQUIRE(model.setSource("a = sin(x)\nb = a*x\nb"));
    CHECK(panel.reason().contains("the chain breaks at 'b': it uses 'x' other than through 'a'"));
    CHECK(panel.reason().contains("line 2"));
    auto* reason = panel.findChild<QLabel*>(QStringLiteral("chainReason"));
    REQUIRE(reason);
    CHECK(reason->isVisible());
    CHECK(reason->text().contains(panel.reason()));
    CHECK_FALSE(panel.canvas()->isVisible());
    CHECK_FALSE(panel.play("forward"));

    // Back to a chain: the blocks come back.
    REQUIRE(model.setSource("a = sin(x)\nb = a*a\nb"));
    CHECK(panel.reason().isEmpty());
    CHECK(panel.canvas()->isVisible());
    CHECK_FALSE(reason->isVisible());
}

TEST_CASE("the window has a Chain rule tab that showPanel selects", "[chain-panel]") {
    MainWindow window;
    CHECK(window.showPanel("chain"));
    CHECK(window.shownPanel() == "chain");
    CHECK(window.showPanel("wengert"));
    CHECK(window.shownPanel() == "wengert");
}

TEST_CASE("the chain follows x, not the direction or seed", "[chain-panel]") {
    SessionModel model;
    ChainPanel panel(model);
    load(model, threeLayers());
    panel.show();
    REQUIRE(panel.showProduct("reverse", 2));
    const double tanhSlope = panel.chain()->factors[1].entries[0];  // 1 − tanh²(z1[0])

    SECTION("a new direction (the Jacobian panel's sweeps set them) leaves the product on show") {
        model.setUnitDirection(1);
        model.setUnitSeed(2);
        CHECK(panel.orderName() == "reverse");
        CHECK(panel.frameIndex() == 3);
    }
    SECTION("a new x gives new local Jacobians and starts over") {
        model.setInput(0, 1.5);
        CHECK(panel.orderName().isEmpty());
        CHECK(panel.frameIndex() == 0);
        CHECK(panel.chain()->factors[1].entries[0] != tanhSlope);
    }
}
