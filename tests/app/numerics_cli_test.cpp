// `adviz fd-error`, `adviz swell` and `adviz cost` in-process: the CSV shape (a header, then
// one row per point), numbers worked out by hand, the readable tables and the errors.

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

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string f; std::getline(in, f, ',');) out.push_back(f);
    return out;
}

}  // namespace

TEST_CASE("fd-error --csv: eps first, then the errors of each method", "[cli]") {
    Run r = run({"fd-error", "(x+y)*sin(x)", "--at", "x=1,y=2", "--dir", "x=1", "--csv"});
    REQUIRE(r.status == 0);
    const auto rows = lines(r.out);
    REQUIRE(rows.size() == 1 + 65);  // ε = 1e-16 … 1, four points a decade
    CHECK(rows[0] == "eps,forward_error,central_error,ad_error");
    double previous = 0;
    for (std::size_t k = 1; k < rows.size(); ++k) {
        const auto f = fields(rows[k]);
        REQUIRE(f.size() == 4);
        const double eps = std::stod(f[0]);
        CHECK(eps > previous);
        previous = eps;
    }
    CHECK(std::stod(fields(rows[1])[0]) == Approx(1e-16));
    CHECK(std::stod(fields(rows.back())[0]) == Approx(1.0));
    const auto at1e5 = fields(rows[1 + 44]);  // 10^(−16 + 44/4)
    CHECK(std::stod(at1e5[0]) == Approx(1e-5));
    CHECK(std::stod(at1e5[2]) < 1e-8);        // central
    CHECK(std::stod(at1e5[1]) > 1e-6);        // forward: ε/2·|f″| ≈ 1.3e-5
}

TEST_CASE("fd-error --json and the table", "[cli]") {
    Run j = run({"fd-error", "(x+y)*sin(x)", "--at", "x=1,y=2", "--json"});
    REQUIRE(j.status == 0);
    QJsonParseError e{};
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(j.out), &e).object();
    REQUIRE(e.error == QJsonParseError::NoError);
    CHECK(o["ad"].toDouble() == Approx(std::sin(1.0) + 3 * std::cos(1.0)).epsilon(1e-15));
    CHECK(o["rows"].toArray().size() == 65);
    CHECK(o["slopes"].toObject()["central_truncation"].toDouble() == Approx(2.0).margin(0.1));

    Run t = run({"fd-error", "(x+y)*sin(x)", "--at", "x=1,y=2"});
    REQUIRE(t.status == 0);
    CHECK_THAT(t.out, Catch::Contains("best eps: forward"));
    CHECK_THAT(t.out, Catch::Contains("|central - AD|"));
}

TEST_CASE("swell --csv: the program's row, then the families", "[cli]") {
    Run r = run({"swell", "(x+y)*sin(x)", "--csv"});
    REQUIRE(r.status == 0);
    const auto rows = lines(r.out);
    REQUIRE(rows.size() == 1 + 1 + 3 * 20);
    CHECK(rows[0] == "label,n,ad_nodes,function_tree_nodes,derivative_tree_nodes,after_cse,stopped_by");
    // 5 graph nodes; f as a tree has x twice (6); ∂f/∂x = sin(x) + (x + y)*cos(x) (9) and
    // ∂f/∂y = sin(x) (2); after CSE x, y, sin x, cos x, x + y, the product and the sum (7).
    CHECK(rows[1] == "program,2,5,6,11,7,");
    CHECK(rows[2] == "nested,1,2,2,2,2,");
    CHECK(rows[4] == "nested,3,4,4,11,8,");             // n(n+1)/2 + 2n − 1, 3n − 1
    CHECK(rows[1 + 20 + 3] == "squaring,3,4,15,47,8,");  // 2ⁿ⁺¹ − 1, n·2ⁿ⁺¹ − 1
    CHECK(rows[1 + 40 + 4] == "product,4,7,7,20,11,");   // n(2n − 3)
}

TEST_CASE("swell prints the symbolic derivative; branches at --at or 0.5", "[cli]") {
    Run r = run({"swell", "(x+y)*sin(x)"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("∂f/∂x = sin(x) + (x + y)*cos(x)   [9 nodes]"));
    CHECK_THAT(r.out, Catch::Contains("∂f/∂y = sin(x)   [2 nodes]"));

    CHECK_THAT(run({"swell", "relu(x)*x"}).out, Catch::Contains("∂f/∂x = x + relu(x)"));
    CHECK_THAT(run({"swell", "relu(x)*x", "--at", "x=-1"}).out,
               Catch::Contains("∂f/∂x = relu(x)"));

    Run bad = run({"swell", "x*y", "--at", "z=1"});
    CHECK(bad.status == 2);
    CHECK_THAT(bad.err, Catch::Contains("'z' is not an input"));
}

TEST_CASE("cost --csv: the program's row, then the MLP family", "[cli]") {
    Run r = run({"cost", "(x+y)*sin(x)", "--at", "x=1,y=2", "--csv"});
    REQUIRE(r.status == 0);
    const auto rows = lines(r.out);
    REQUIRE(rows.size() == 1 + 1 + 16);
    CHECK(rows[0] == "label,width,parameters,fd_forward_passes,fd_central_passes,forward_sweeps,"
                     "reverse_sweeps,fd_forward_operations,fd_central_operations,"
                     "forward_operations,reverse_operations");
    // p = 2: 3 and 4 evaluations of 3 operations; 2 forward sweeps or 1 reverse sweep of 8.
    CHECK(rows[1] == "program,0,2,3,4,2,1,9,12,16,8");
    // w = 1: p = 5, evaluations of 9 operations, sweeps of 22.
    CHECK(rows[2] == "mlp,1,5,6,10,5,1,54,90,110,22");

    Run missing = run({"cost", "(x+y)*sin(x)", "--csv"});
    CHECK(missing.status == 2);
    CHECK_THAT(missing.err, Catch::Contains("no values for inputs x, y"));
}
