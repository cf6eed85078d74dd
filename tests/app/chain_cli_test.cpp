// `adviz chain` and `adviz pytorch` on the command line: the chain's JSON against `jacobian`,
// the counts against the matrix-chain formulas, errors with their position.

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonObject>

#include "app/cli_runner.hpp"

namespace {

using adviz::test::json;
using adviz::test::run;
using adviz::test::Run;

const char* const mlp = "x: [2]\nW1: [3, 2]; b1: [3]\nW2: [1, 3]; b2: [1]\ny: [1]\n"
                        "z1 = W1 @ x + b1\nh = sigmoid(z1)\nz2 = W2 @ h + b2\nL = sum((z2 - y)^2)\n";
const char* const at = "x=[0.5,-1],W1=[[0.1,0.2],[0.3,-0.4],[0.5,0.6]],b1=[0.1,-0.2,0.3],"
                       "W2=[[0.7,-0.8,0.9]],b2=[0.1],y=[0.25]";

}  // namespace

TEST_CASE("chain --json: factors, three orders and the Jacobian, which is jacobian's", "[cli][chain]") {
    Run c = run({"chain", mlp, "--at", at, "--json"});
    REQUIRE(c.status == 0);
    const QJsonObject o = json(c);
    CHECK(o["wrt"].toString() == "x");
    CHECK(o["output"].toString() == "L");
    const QJsonArray factors = o["factors"].toArray();
    REQUIRE(factors.size() == 4);
    const int rows[] = {3, 3, 1, 1}, cols[] = {2, 3, 3, 1};
    const bool diagonal[] = {false, true, false, true};
    for (int k = 0; k < 4; ++k) {
        const QJsonObject f = factors[k].toObject();
        CHECK(f["rows"].toInt() == rows[k]);
        CHECK(f["cols"].toInt() == cols[k]);
        CHECK(f["diagonal"].toBool() == diagonal[k]);
        CHECK(f["entries"].toArray().size() == rows[k]);
    }
    CHECK(factors[0].toObject()["name"].toString() == "∂z1/∂x");
    CHECK(factors[0].toObject()["entries"].toArray()[1].toArray()[1].toDouble() == -0.4);  // W1[1,1]

    // Counts by hand, diagonals exploited: forward D·W1 (3·2) + W2·(3×2) (1·3·2) + J4·(1×2) (2);
    // reverse J4·W2 (3) + (1×3)·D (3) + (1×3)·W1 (6); the cheapest puts W2·D first: 3 + 6 + 2.
    const QJsonObject orders = o["orders"].toObject();
    CHECK(orders["forward"].toObject()["bracketing"].toString() == "(J4 (J3 (J2 J1)))");
    CHECK(orders["forward"].toObject()["multiply_adds"].toInt() == 6 + 6 + 2);
    CHECK(orders["reverse"].toObject()["bracketing"].toString() == "(((J4 J3) J2) J1)");
    CHECK(orders["reverse"].toObject()["multiply_adds"].toInt() == 3 + 3 + 6);
    CHECK(orders["optimal"].toObject()["bracketing"].toString() == "(J4 ((J3 J2) J1))");
    CHECK(orders["optimal"].toObject()["multiply_adds"].toInt() == 3 + 6 + 2);
    CHECK(orders["forward"].toObject()["multiply_adds_dense"].toInt() == 18 + 6 + 2);

    Run j = run({"jacobian", mlp, "--at", at, "--json"});
    REQUIRE(j.status == 0);
    const QJsonObject dLdx = json(j)["jacobian"].toObject()["L"].toObject();
    const QJsonArray J = o["jacobian"].toArray();
    REQUIRE(J.size() == 1);
    for (int i = 0; i < 2; ++i) {  // jacobian's columns are flattened and labelled x[0], x[1]
        const QString label = QString("x[%1]").arg(i);
        REQUIRE(dLdx.contains(label));
        CHECK(J[0].toArray()[i].toDouble() == Approx(dLdx[label].toDouble()).epsilon(1e-13));
    }
}

TEST_CASE("chain says where a program stops being a chain", "[cli][chain]") {
    Run r = run({"chain", "a = sin(x)\nb = a*x\n", "--at", "x=1"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::StartsWith("expr:2:5: error: chain: the chain breaks at 'b': it uses 'x' other than through 'a'"));
    Run w = run({"chain", mlp, "--at", at, "--wrt", "z"});
    CHECK(w.status == 2);
    CHECK_THAT(w.err, Catch::Contains("no input called 'z'"));
}

TEST_CASE("pytorch prints a script with the program's inputs and statements", "[cli][pytorch]") {
    Run r = run({"pytorch", mlp, "--at", at});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("W1 = leaf([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]])"));
    CHECK_THAT(r.out, Catch::Contains("h = torch.sigmoid(z1)"));
    CHECK_THAT(r.out, Catch::Contains("torch.autograd.grad"));
    Run s = run({"pytorch", mlp, "--at", at, "--seed", "L=2"});
    REQUIRE(s.status == 0);
    CHECK_THAT(s.out, Catch::Contains("seed = {\"L\": 2.0}"));
    CHECK_THAT(s.out, Catch::Contains("grad_outputs="));
}
