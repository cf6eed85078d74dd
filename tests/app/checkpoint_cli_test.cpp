// `adviz checkpoint` in-process: the gradient as eval gives it, the counts, bad strategies.

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sstream>

#include "app/cli.hpp"
#include "app/cli_runner.hpp"

namespace {

using adviz::test::json;
using adviz::test::run;
using adviz::test::Run;

/// a1 = sin(x), a2 = sin(a1), …, a16 = sin(a15): 16 operations in a row.
std::string chain16() {
    std::string s = "a0 = x\n";
    for (int i = 1; i <= 16; ++i)
        s += "a" + std::to_string(i) + " = sin(a" + std::to_string(i - 1) + ")\n";
    return s + "a16\n";
}

}  // namespace

TEST_CASE("checkpoint --json gives eval's gradient for every strategy", "[cli]") {
    const std::string program = "a = sin(x)*y\nb = exp(a) + x\nc = b*a\nc\nb - y\n";
    QJsonObject eval = json(run({"eval", program, "--at", "x=0.3,y=-1.2", "--json"}));
    for (const char* strategy : {"store-all", "sqrt", "every:2", "binomial:1", "binomial:3"}) {
        INFO(strategy);
        Run r = run({"checkpoint", program, "--at", "x=0.3,y=-1.2", "--strategy", strategy,
                     "--json"});
        REQUIRE(r.status == 0);
        QJsonObject o = json(r);
        CHECK(o["strategy"].toString().toStdString() == strategy);
        // Every output's gradient, to the last bit (the JSON numbers round-trip).
        CHECK(o["gradient"].toObject() == eval["gradient"].toObject());
        CHECK(o["outputs"].toObject() == eval["outputs"].toObject());
        for (const char* key : {"peak_stored", "snapshots", "recomputed_ops", "total_ops"})
            CHECK(o.contains(key));
        CHECK(o["warnings"].toArray().isEmpty());
    }
}

TEST_CASE("checkpoint counts on a 16-step chain", "[cli]") {
    auto counts = [](const char* strategy) {
        Run r = run({"checkpoint", chain16(), "--at", "x=0.5", "--strategy", strategy, "--json"});
        REQUIRE(r.status == 0);
        return json(r);
    };
    SECTION("store-all: x and 16 values, nothing recomputed") {
        QJsonObject o = counts("store-all");
        CHECK(o["peak_stored"].toInt() == 17);
        CHECK(o["snapshots"].toInt() == 0);
        CHECK(o["recomputed_ops"].toInt() == 0);
        CHECK(o["total_ops"].toInt() == 16);
    }
    SECTION("sqrt: k = 4, snapshots at steps 0, 4, 8; all but the last segment recomputed") {
        // Peak while recording the last segment: 3 snapshots + a12 + a13…a16 = 8.
        QJsonObject o = counts("sqrt");
        CHECK(o["peak_stored"].toInt() == 8);
        CHECK(o["snapshots"].toInt() == 3);
        CHECK(o["recomputed_ops"].toInt() == 12);
        CHECK(o["total_ops"].toInt() == 28);
    }
    SECTION("binomial:2: Revolve's r*T - C(s+r, s+1) with r = 5 (C(7, 2) = 21 >= 16)") {
        QJsonObject o = counts("binomial:2");
        CHECK(o["recomputed_ops"].toInt() == 5 * 16 - 35);  // C(7, 3) = 35
        CHECK(o["max_snapshots"].toInt() <= 2);
    }
}

TEST_CASE("checkpoint prints the gradient and the counts as text", "[cli]") {
    Run r = run({"checkpoint", "sin(x)*x", "--at", "x=1", "--strategy", "every:1"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("∂f/∂x = "));
    CHECK_THAT(r.out, Catch::Contains("strategy: every:1 (a snapshot every 1 steps)"));
    CHECK_THAT(r.out, Catch::Contains("peak stored: "));
    CHECK_THAT(r.out, Catch::Contains("recomputed: 1 operations"));
}

TEST_CASE("checkpoint with a bad --strategy is a usage error", "[cli]") {
    for (const char* bad : {"all", "every:0", "every:", "binomial:x", "binomial:-3", "sqrt:4"}) {
        INFO(bad);
        Run r = run({"checkpoint", "sin(x)", "--at", "x=1", "--strategy", bad});
        CHECK(r.status == 64);
        CHECK_THAT(r.err,
                   Catch::Contains("--strategy must be store-all, sqrt, every:K or binomial:S"));
        CHECK(r.out.empty());
    }
}
