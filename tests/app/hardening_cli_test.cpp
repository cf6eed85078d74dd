// The command line against hostile input, in-process: bounded reading, values that once
// misled, messages that stay short, streaming traces, the version.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <istream>
#include <regex>
#include <sstream>
#include <streambuf>
#include <string>

#include "app/cli.hpp"
#include "app/cli_runner.hpp"
#include "autodiff/limits.hpp"

namespace {

using adviz::test::run;
using adviz::test::Run;

/// An endless stream of zero bytes that counts what was read (like /dev/zero).
class Zeros : public std::streambuf {
public:
    std::size_t served = 0;

protected:
    int_type underflow() override {
        setg(buffer_, buffer_, buffer_ + sizeof buffer_);
        served += sizeof buffer_;
        return 0;
    }

private:
    char buffer_[4096] = {};
};

Run runWith(std::vector<std::string> args, std::istream& in) {
    std::ostringstream out, err;
    Run r;
    r.status = adviz::cli::run(args, out, err, in);
    r.out = out.str();
    r.err = err.str();
    return r;
}

std::string sumOf(int inputs) {
    std::string src = "x1";
    for (int i = 2; i <= inputs; ++i) src += "+x" + std::to_string(i);
    return src;
}

}  // namespace

TEST_CASE("the version from adviz --version is the project's", "[cli][limits]") {
    Run r = run({"--version"});
    CHECK(r.status == 0);
    CHECK(r.out == std::string("adviz ") + ADVIZ_VERSION + "\n");
    CHECK(std::regex_match(r.out, std::regex("adviz [0-9]+\\.[0-9]+\\.[0-9]+\n")));
}

TEST_CASE("standard input is read only up to the program size limit", "[cli][limits]") {
    Zeros zeros;
    std::istream in(&zeros);
    Run r = runWith({"eval", "-", "--at", "x=1"}, in);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("16 MB program size limit"));
    CHECK(zeros.served <= adviz::limits::maxProgramBytes + 65536 + 4096);
}

TEST_CASE("values of --at: the parser's reason, nan as a value, a name given twice", "[cli][limits]") {
    Run range = run({"eval", "x", "--at", "x=1e999"});
    CHECK(range.status == 64);
    CHECK_THAT(range.err, Catch::Contains("out of range"));

    Run nan = run({"eval", "x*2", "--at", "x=nan"});
    CHECK(nan.status == 0);
    CHECK_THAT(nan.out, Catch::Contains("f = nan"));
    Run inf = run({"eval", "x*2", "--at", "x=-inf"});
    CHECK(inf.status == 0);
    CHECK_THAT(inf.out, Catch::Contains("f = -inf"));

    Run twice = run({"eval", "x+y", "--at", "x=1,y=2,x=3"});
    CHECK(twice.status == 64);
    CHECK_THAT(twice.err, Catch::Contains("'x' is given twice"));
}

TEST_CASE("files: which problem, in the system's words", "[cli][limits]") {
    Run missing = run({"eval", "--file", "/nonexistent-adviz-dir/p.txt"});
    CHECK(missing.status == 2);
    CHECK_THAT(missing.err, Catch::Contains("No such file or directory"));
    Run dir = run({"eval", "--file", "/"});
    CHECK(dir.status == 2);
    CHECK_THAT(dir.err, Catch::Contains("is a directory"));
}

TEST_CASE("lists in messages are capped", "[cli][limits]") {
    Run r = run({"eval", sumOf(5000)});
    CHECK(r.status == 2);
    CHECK(r.err.size() < 600);
    CHECK_THAT(r.err, Catch::Contains("x1, x2") && Catch::Contains("and 4,990 more"));
    Run unknown = run({"eval", sumOf(5000), "--at", "nope=1"});
    CHECK(unknown.err.size() < 600);
    CHECK_THAT(unknown.err, Catch::Contains("'nope' is not an input") &&
                                Catch::Contains("and 4,990 more"));
}

TEST_CASE("trace streams every format; table and JSON keep to the step limit", "[cli][limits]") {
    Run csv = run({"trace", "(x+y)*sin(x)", "--at", "x=1,y=2", "--format", "csv"});
    REQUIRE(csv.status == 0);
    CHECK_THAT(csv.out, Catch::StartsWith("step,phase,node,name,consumer,value"));
    Run table = run({"trace", "(x+y)*sin(x)", "--at", "x=1,y=2"});
    REQUIRE(table.status == 0);
    CHECK_THAT(table.out, Catch::StartsWith("reverse mode\n"));
    // The same steps in both: the table adds the mode line and the count line.
    const auto lines = std::count(table.out.begin(), table.out.end(), '\n');
    const auto csvLines = std::count(csv.out.begin(), csv.out.end(), '\n');
    CHECK(lines == csvLines + 2);
    CHECK_THAT(table.out, Catch::EndsWith("(" + std::to_string(csvLines - 1) + " steps)\n"));

    std::string chain = "a1 = sin(x)\n";
    for (int k = 2; k <= 750; ++k)
        chain += "a" + std::to_string(k) + " = sin(a" + std::to_string(k - 1) + ")*a" +
                 std::to_string(k - 1) + "\n";
    Run refused = run({"trace", chain, "--at", "x=0.5", "--strategy", "binomial:1"});
    CHECK(refused.status == 2);
    CHECK_THAT(refused.err, Catch::Contains("1,000,000") && Catch::Contains("--format csv"));
}

TEST_CASE("checkpoint: every:K with K near INT_MAX is store-all", "[cli][limits]") {
    Run r = run({"checkpoint", "sin(x)*x", "--at", "x=1", "--strategy", "every:2147483647"});
    REQUIRE(r.status == 0);
    Run e = run({"eval", "sin(x)*x", "--at", "x=1"});
    const auto line = [](const std::string& s) { return s.substr(s.find("∂f/∂x"), s.find('\n', s.find("∂f/∂x")) - s.find("∂f/∂x")); };
    CHECK(line(r.out) == line(e.out));
}

TEST_CASE("swell says which limit stopped it, with true lower bounds", "[cli][limits]") {
    Run r = run({"swell", sumOf(8000), "--csv"});
    REQUIRE(r.status == 0);
    // 8,000 inputs and 7,999 additions; ∂f/∂xᵢ = 1 each: 8,000 nodes, 1 after CSE.
    CHECK_THAT(r.out, Catch::Contains("program,8000,15999,15999,8000,1,visits\n"));
    Run text = run({"swell", sumOf(8000)});
    CHECK_THAT(text.out, Catch::Contains("at least 8000 nodes, at least 1 after") &&
                             Catch::Contains("100,000,000 node visits"));
}

TEST_CASE("Jacobian, Hessian and eval are refused before a matrix too large to hold",
          "[cli][limits]") {
    // 5,000 inputs: a Hessian of 25,000,000 entries, 5,000 sweeps.
    std::string at;
    for (int i = 1; i <= 5000; ++i) at += (i > 1 ? ",x" : "x") + std::to_string(i) + "=1";
    Run h = run({"hessian", sumOf(5000) + "*x1", "--at", at});
    CHECK(h.status == 2);
    CHECK_THAT(h.err, Catch::Contains("25,000,000 entries") && Catch::Contains("hvp"));
    CHECK(h.err.size() < 600);
    // 4,000 outputs f_k = x_k·y over 4,001 inputs: a 16-million-entry Jacobian.
    std::string many;
    for (int k = 1; k <= 4000; ++k) many += "f" + std::to_string(k) + " = x" + std::to_string(k) + "*y\n";
    Run j = run({"jacobian", many, "--at", at.substr(0, at.find(",x4001")) + ",y=1"});
    CHECK(j.status == 2);
    CHECK_THAT(j.err, Catch::Contains("the Jacobian has 16,004,000 entries"));
}

TEST_CASE("100,000 values after --at are read in linear time", "[cli][limits]") {
    std::string at;
    for (int i = 1; i <= 100'000; ++i) at += (i > 1 ? ",x" : "x") + std::to_string(i) + "=1";
    const auto start = std::chrono::steady_clock::now();
    Run r = run({"vjp", sumOf(100'000), "--at", at});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(r.status == 0);
    CHECK(seconds < 10);
}

TEST_CASE("cost is refused before 80,000 sweeps over 40,000 nodes", "[cli][limits]") {
    std::string at;
    for (int i = 1; i <= 20'000; ++i) at += (i > 1 ? ",x" : "x") + std::to_string(i) + "=1";
    const auto start = std::chrono::steady_clock::now();
    Run r = run({"cost", sumOf(20'000), "--at", at});
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 5);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("the cost comparison takes 80,002 sweeps") &&
                          Catch::Contains("vjp"));
}
