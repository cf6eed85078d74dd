// The Jacobian panel fills the matrix column by column (forward) or row by row (reverse) from
// the sweeps' results, and shows both methods' measured costs.

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTableWidget>

#include <cmath>

#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/widgets/jacobian_panel.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

bool filled(QTableWidget* m, int r, int c) {
    return m->item(r, c) && m->item(r, c)->text() != QStringLiteral("·");
}

}  // namespace

TEST_CASE("the Jacobian panel fills columns in forward mode and rows in reverse mode",
          "[jacobian-panel]") {
    SessionModel model;
    REQUIRE(model.setSource("p = x*y\nq = sin(x)\nr = x + y"));  // J is 3 × 2
    model.setInputsByName({{"x", 0.5}, {"y", 2.0}});
    Player player(model);
    player.setAnimated(false);
    JacobianPanel panel(model, player);
    QTableWidget* m = panel.matrix();
    REQUIRE(m->rowCount() == 3);
    REQUIRE(m->columnCount() == 2);

    SECTION("forward: after one sweep exactly column 0 is known") {
        panel.showProgress(Mode::Forward, 1, 0);
        for (int r = 0; r < 3; ++r) {
            CHECK(filled(m, r, 0));
            CHECK_FALSE(filled(m, r, 1));
        }
        // Column 0 is ∂/∂x: y, cos x, 1 (by hand).
        CHECK(m->item(0, 0)->text() == "2");
        CHECK(m->item(1, 0)->text().toDouble() == Approx(std::cos(0.5)).epsilon(1e-3));
        CHECK(m->item(2, 0)->text() == "1");
    }
    SECTION("reverse: after two sweeps rows 0 and 1 are known") {
        panel.showProgress(Mode::Reverse, 2, 0);
        for (int c = 0; c < 2; ++c) {
            CHECK(filled(m, 0, c));
            CHECK(filled(m, 1, c));
            CHECK_FALSE(filled(m, 2, c));
        }
        CHECK(m->item(0, 1)->text() == "0.5");  // ∂(xy)/∂y = x
    }
    SECTION("the animated run fills everything in sweep order") {
        QSignalSpy sweeps(&panel, &JacobianPanel::sweepFinished);
        panel.run(Mode::Forward);
        for (int i = 0; i < 100 && panel.isRunning(); ++i) sweeps.wait(100);
        REQUIRE(sweeps.count() == 2);
        CHECK(sweeps.at(0).at(0).toInt() == 0);
        CHECK(sweeps.at(1).at(0).toInt() == 1);
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 2; ++c) CHECK(filled(m, r, c));
    }
    SECTION("the demo gives back the user's direction and seed") {
        model.setDirection(0, 0.5);
        model.setDirection(1, -2);
        model.setSeed(1, 3);
        const std::vector<double> direction = model.direction(), seed = model.seed();
        QSignalSpy sweeps(&panel, &JacobianPanel::sweepFinished);
        panel.run(Mode::Forward);
        CHECK(model.direction() == std::vector<double>{1, 0});  // e₁ while it runs
        for (int i = 0; i < 100 && panel.isRunning(); ++i) sweeps.wait(100);
        REQUIRE_FALSE(panel.isRunning());
        CHECK(model.direction() == direction);
        CHECK(model.seed() == seed);

        panel.run(Mode::Reverse);
        CHECK(model.seed() == std::vector<double>{1, 0, 0});
        panel.stop();  // stopped half-way: given back too
        CHECK(model.direction() == direction);
        CHECK(model.seed() == seed);
    }
    SECTION("the cost table has both methods, measured when the panel is shown") {
        QTableWidget* costs = panel.costTable();
        CHECK(costs->item(0, 1) == nullptr);  // hidden: nothing measured yet
        panel.show();
        REQUIRE(costs->item(0, 1) != nullptr);
        CHECK(costs->item(0, 1)->text() == "2");  // forward: n = 2 sweeps
        CHECK(costs->item(1, 1)->text() == "3");  // reverse: m = 3 sweeps
    }
}
