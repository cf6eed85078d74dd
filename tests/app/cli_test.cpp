// The command line in-process: JSON shape and numbers, exit statuses, messages for bad input.

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

TEST_CASE("eval --json prints inputs, outputs, gradient and warnings", "[cli]") {
    Run r = run({"eval", "(x+y)*sin(x)", "--at", "x=1,y=2", "--json"});
    REQUIRE(r.status == 0);
    QJsonObject o = json(r);
    CHECK(o["inputs"].toObject()["x"].toDouble() == 1);
    CHECK(o["inputs"].toObject()["y"].toDouble() == 2);
    CHECK(o["outputs"].toObject()["f"].toDouble() == Approx(3 * s1).epsilon(1e-15));
    QJsonObject grad = o["gradient"].toObject()["f"].toObject();
    CHECK(grad["x"].toDouble() == Approx(s1 + 3 * c1).epsilon(1e-15));
    CHECK(grad["y"].toDouble() == Approx(s1).epsilon(1e-15));
    CHECK(o["warnings"].toArray().isEmpty());
    // Shortest round-trip text: the digits read back to the same double.
    CHECK_THAT(r.out, Catch::Contains("\"f\": 2.5244129544236893"));
}

TEST_CASE("jvp and vjp print tangent and cotangent", "[cli]") {
    Run f = run({"jvp", "(x+y)*sin(x)", "--at", "x=1,y=2", "--dir", "x=1,y=0", "--json"});
    REQUIRE(f.status == 0);
    CHECK(json(f)["tangent"].toObject()["f"].toDouble() == Approx(s1 + 3 * c1).epsilon(1e-15));
    Run b = run({"vjp", "(x+y)*sin(x)", "--at", "x=1,y=2", "--seed", "f=2", "--json"});
    REQUIRE(b.status == 0);
    QJsonObject cot = json(b)["cotangent"].toObject();
    CHECK(cot["x"].toDouble() == Approx(2 * (s1 + 3 * c1)).epsilon(1e-15));
    CHECK(cot["y"].toDouble() == Approx(2 * s1).epsilon(1e-15));
}

TEST_CASE("values may be constant expressions and programs may have several outputs", "[cli]") {
    Run r = run({"eval", "a = sin(x)\nb = x*y\n", "--at", "x=pi/2, y=3", "--json"});
    REQUIRE(r.status == 0);
    QJsonObject o = json(r);
    CHECK(o["outputs"].toObject()["a"].toDouble() == Approx(1).epsilon(1e-15));
    CHECK(o["gradient"].toObject()["b"].toObject()["y"].toDouble() == Approx(M_PI / 2));
}

TEST_CASE("trace --format json holds the steps in order", "[cli]") {
    Run r = run({"trace", "(x+y)*sin(x)", "--at", "x=1,y=2", "--mode", "reverse", "--format", "json"});
    REQUIRE(r.status == 0);
    QJsonArray steps = json(r)["steps"].toArray();
    REQUIRE(steps.size() == 11);
    CHECK(steps[0].toObject()["phase"].toString() == "primal");
    CHECK(steps[5].toObject()["phase"].toString() == "seed");
    CHECK(steps[10].toObject()["phase"].toString() == "adjoint");
    CHECK(steps[10].toObject()["after"].toDouble() == Approx(s1).epsilon(1e-15));

    Run csv = run({"trace", "(x+y)*sin(x)", "--at", "x=1,y=2", "--mode", "forward", "--format", "csv"});
    REQUIRE(csv.status == 0);
    CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 6);  // header + 5 steps
    Run table = run({"trace", "(x+y)*sin(x)", "--at", "x=1,y=2"});
    CHECK_THAT(table.out, Catch::Contains("v̄₋₁ += v̄₂·∂v₂/∂v₋₁"));
}

TEST_CASE("NaN and infinities travel as strings with a warning", "[cli]") {
    Run r = run({"eval", "log(x)", "--at", "x=-1", "--json"});
    REQUIRE(r.status == 0);
    QJsonObject o = json(r);
    CHECK(o["outputs"].toObject()["f"].toString() == "nan");
    CHECK(o["warnings"].toArray().size() == 1);
    CHECK_THAT(r.err, Catch::Contains("log of a negative number"));
    Run inf = run({"eval", "1/x", "--at", "x=0", "--json"});
    CHECK(json(inf)["outputs"].toObject()["f"].toString() == "inf");
}

TEST_CASE("a parse error is printed like a compiler's and exits 2", "[cli]") {
    Run r = run({"eval", "(x+y*sin(x)", "--at", "x=1,y=2"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::StartsWith("expr:1:12: error: expected ')'"));
    CHECK_THAT(r.err, Catch::Contains("(x+y*sin(x)\n"));
    CHECK(r.out.empty());
}

TEST_CASE("inputs without values are named and unknown names are refused", "[cli]") {
    Run r = run({"eval", "x*y*z", "--at", "x=1"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("no values for inputs y, z"));
    Run u = run({"eval", "x", "--at", "x=1,q=2"});
    CHECK(u.status == 2);
    CHECK_THAT(u.err, Catch::Contains("'q' is not an input"));
    Run s = run({"vjp", "x", "--at", "x=1", "--seed", "g=1"});
    CHECK(s.status == 2);
    CHECK_THAT(s.err, Catch::Contains("'g' is not an output"));
}

TEST_CASE("usage errors exit 64", "[cli]") {
    CHECK(run({}).status == 64);
    CHECK(run({"frobnicate", "x"}).status == 64);
    CHECK(run({"eval", "x", "--at", "x"}).status == 64);
    CHECK(run({"trace", "x", "--at", "x=1", "--mode", "sideways"}).status == 64);
    CHECK(run({"eval", "x", "--bogus"}).status == 64);
    Run h = run({"--help"});
    CHECK(h.status == 0);
    CHECK_THAT(h.out, Catch::Contains("adviz COMMAND EXPR"));
}

TEST_CASE("the program may come from a file or standard input", "[cli]") {
    Run r = run({"eval", "--file", "-", "--at", "x=2", "--json"}, "y = x^2  # square\ny + 1\n");
    REQUIRE(r.status == 0);
    CHECK(json(r)["outputs"].toObject()["f"].toDouble() == 5);
    Run missing = run({"eval", "--file", "/nonexistent/p.adv", "--at", "x=1"});
    CHECK(missing.status == 2);
    CHECK_THAT(missing.err, Catch::Contains("cannot read"));
}

TEST_CASE("dot prints the graph", "[cli]") {
    Run r = run({"dot", "(x+y)*sin(x)"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("n3 -> n4;"));
}
