// `adviz jacobian`, `hvp` and `hessian` in-process: JSON keys and numbers, the method choice,
// the seed picking an output, usage errors.

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <sstream>

#include "app/cli.hpp"
#include "app/cli_runner.hpp"

namespace {

using adviz::test::json;
using adviz::test::run;
using adviz::test::Run;

const double s1 = std::sin(1.0), c1 = std::cos(1.0);

}  // namespace

TEST_CASE("jacobian --json: the matrix, the method and both costs", "[cli]") {
    // p = x·y, q = sin(x) + y²: J = [[y, x], [cos x, 2y]] at (1, 2).
    const std::string prog = "p = x*y\nq = sin(x) + y^2\n";
    Run r = run({"jacobian", prog, "--at", "x=1,y=2", "--json"});
    REQUIRE(r.status == 0);
    QJsonObject o = json(r);
    QJsonObject J = o["jacobian"].toObject();
    CHECK(J["p"].toObject()["x"].toDouble() == 2);
    CHECK(J["p"].toObject()["y"].toDouble() == 1);
    CHECK(J["q"].toObject()["x"].toDouble() == Approx(c1).epsilon(1e-15));
    CHECK(J["q"].toObject()["y"].toDouble() == 4);
    CHECK(o["outputs"].toObject()["q"].toDouble() == Approx(s1 + 4).epsilon(1e-15));
    // n = m = 2: the same operations either way, and auto then takes reverse.
    CHECK(o["method"].toString() == "reverse");
    CHECK(o["other_method"].toString() == "forward");
    for (const char* key : {"cost", "other_cost"}) {
        QJsonObject c = o[key].toObject();
        CHECK(c["sweeps"].toInt() == 2);
        CHECK(c["operations"].toInt() > 0);
        CHECK(c["values_stored"].toInt() > 0);
        CHECK(c["flops"].toInt() > 0);
    }
    CHECK(o["warnings"].toArray().isEmpty());
}

TEST_CASE("jacobian --method: auto picks the cheaper, an explicit method is obeyed", "[cli]") {
    const std::string fanOut = "a = sin(x)\nb = x^2\nc = exp(x)\n";
    QJsonObject a = json(run({"jacobian", fanOut, "--at", "x=0.5", "--json"}));
    CHECK(a["method"].toString() == "forward");
    CHECK(a["cost"].toObject()["sweeps"].toInt() == 1);
    CHECK(a["other_cost"].toObject()["sweeps"].toInt() == 3);
    CHECK(a["cost"].toObject()["operations"].toInt() <
          a["other_cost"].toObject()["operations"].toInt());

    Run rev = run({"jacobian", fanOut, "--at", "x=0.5", "--method", "reverse", "--json"});
    REQUIRE(rev.status == 0);
    QJsonObject r = json(rev);
    CHECK(r["method"].toString() == "reverse");
    CHECK(r["jacobian"].toObject()["b"].toObject()["x"].toDouble() == 1);

    Run text = run({"jacobian", fanOut, "--at", "x=0.5"});
    REQUIRE(text.status == 0);
    CHECK_THAT(text.out, Catch::Contains("∂b/∂x = 1\n"));
    CHECK_THAT(text.out, Catch::Contains("method: forward (1 sweep, "));
    CHECK_THAT(text.out, Catch::Contains("reverse would take: 3 sweeps, "));
}

TEST_CASE("jacobian --method with a bad value is a usage error", "[cli]") {
    Run r = run({"jacobian", "x*y", "--at", "x=1,y=2", "--method", "sideways"});
    CHECK(r.status == 64);
    CHECK_THAT(r.err, Catch::Contains("--method must be forward, reverse or auto"));
    CHECK(r.out.empty());
}

TEST_CASE("hvp --json: H·v, the gradient and the cost against a gradient's", "[cli]") {
    // f = (x+y)·sin x: H = [[2cos x − (x+y) sin x, cos x], [cos x, 0]].
    Run r = run({"hvp", "(x+y)*sin(x)", "--at", "x=1,y=2", "--dir", "x=1,y=-1", "--json"});
    REQUIRE(r.status == 0);
    QJsonObject o = json(r);
    QJsonObject hv = o["hvp"].toObject(), grad = o["gradient"].toObject();
    CHECK(hv["x"].toDouble() == Approx(2 * c1 - 3 * s1 - c1).epsilon(1e-14));
    CHECK(hv["y"].toDouble() == Approx(c1).epsilon(1e-15));
    CHECK(grad["x"].toDouble() == Approx(s1 + 3 * c1).epsilon(1e-15));
    CHECK(o["direction"].toObject()["y"].toDouble() == -1);
    CHECK(o["cost"].toObject()["sweeps"].toInt() == 1);
    const double ratio = o["cost"].toObject()["flops"].toDouble() /
                         o["gradient_cost"].toObject()["flops"].toDouble();
    CHECK(ratio > 1);
    CHECK(ratio < 5);

    SECTION("without --dir the direction is e₁") {
        QJsonObject d = json(run({"hvp", "(x+y)*sin(x)", "--at", "x=1,y=2", "--json"}));
        CHECK(d["direction"].toObject()["x"].toDouble() == 1);
        CHECK(d["hvp"].toObject()["y"].toDouble() == Approx(c1).epsilon(1e-15));
    }
    SECTION("text") {
        Run t = run({"hvp", "x^3", "--at", "x=2"});
        REQUIRE(t.status == 0);
        CHECK_THAT(t.out, Catch::Contains("∂f/∂x = 12\n"));
        CHECK_THAT(t.out, Catch::Contains("(H·v)[x] = 12\n"));
        CHECK_THAT(t.out, Catch::Contains("cost: 1 sweep, "));
    }
}

TEST_CASE("hessian --json: every second derivative", "[cli]") {
    Run r = run({"hessian", "x^2*y + y^3", "--at", "x=1.5,y=-2", "--json"});
    REQUIRE(r.status == 0);
    QJsonObject h = json(r)["hessian"].toObject();
    // H = [[2y, 2x], [2x, 6y]]
    CHECK(h["x"].toObject()["x"].toDouble() == -4);
    CHECK(h["x"].toObject()["y"].toDouble() == 3);
    CHECK(h["y"].toObject()["x"].toDouble() == 3);
    CHECK(h["y"].toObject()["y"].toDouble() == -12);
    CHECK(json(r)["cost"].toObject()["sweeps"].toInt() == 2);
    Run t = run({"hessian", "x^2*y + y^3", "--at", "x=1.5,y=-2"});
    CHECK_THAT(t.out, Catch::Contains("∂²f/∂x∂y = 3\n"));
    CHECK_THAT(t.out, Catch::Contains("∂²f/∂y² = -12\n"));
}

TEST_CASE("hvp and hessian use the first output unless --seed picks one", "[cli]") {
    const std::string prog = "a = x^2*y\nb = y^3\n";
    QJsonObject first = json(run({"hessian", prog, "--at", "x=1,y=2", "--json"}));
    CHECK(first["hessian"].toObject()["y"].toObject()["y"].toDouble() == 0);
    QJsonObject second =
        json(run({"hessian", prog, "--at", "x=1,y=2", "--seed", "b=1", "--json"}));
    CHECK(second["hessian"].toObject()["y"].toObject()["y"].toDouble() == 12);
    CHECK(second["hessian"].toObject()["x"].toObject()["x"].toDouble() == 0);
    CHECK(second["seed"].toObject()["b"].toDouble() == 1);
    QJsonObject both = json(run({"hvp", prog, "--at", "x=1,y=2", "--dir", "y=1", "--seed",
                                 "a=1,b=1", "--json"}));
    CHECK(both["hvp"].toObject()["y"].toDouble() == 12);  // ∂²(a + b)/∂y² = 6y
    CHECK(both["hvp"].toObject()["x"].toDouble() == 2);   // ∂²a/∂x∂y = 2x
}
