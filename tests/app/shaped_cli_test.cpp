// The command line on programs with vectors and matrices: nested-list values, --init, JSON
// nested by shape, and trace --level.

#include "cli_runner.hpp"

#include <QJsonArray>

using adviz::test::json;
using adviz::test::run;

namespace {

const std::string mlp = "x: [2]\nW1: [3, 2]; b1: [3]\nW2: [1, 3]; b2: [1]\ny: [1]\n"
                        "z1 = W1 @ x + b1\nh = sigmoid(z1)\nz2 = W2 @ h + b2\nL = sum((z2 - y)^2)";
const std::string at = "x=[0.5,-1],W1=[[0.1,0.2],[0.3,-0.4],[0.5,0.6]],b1=0,W2=[[0.7,-0.8,0.9]],b2=0.05,y=[0.25]";

}  // namespace

TEST_CASE("eval --json writes shaped inputs and gradients as nested arrays", "[shaped][cli]") {
    const auto r = run({"eval", mlp, "--at", at, "--json"});
    REQUIRE(r.status == 0);
    const QJsonObject o = json(r);
    const QJsonArray W1 = o["inputs"].toObject()["W1"].toArray();
    REQUIRE(W1.size() == 3);
    CHECK(W1[1].toArray()[1].toDouble() == -0.4);
    CHECK(o["inputs"].toObject()["b1"].toArray().size() == 3);  // b1=0 filled all three
    CHECK(o["inputs"].toObject()["b1"].toArray()[2].toDouble() == 0);
    CHECK(o["outputs"].toObject()["L"].isDouble());
    const QJsonObject g = o["gradient"].toObject()["L"].toObject();
    REQUIRE(g["W1"].toArray().size() == 3);
    REQUIRE(g["W1"].toArray()[0].toArray().size() == 2);
    REQUIRE(g["x"].toArray().size() == 2);
    // ∂L/∂b1 = δ⁽ᶻ¹⁾ and ∂L/∂W1[i,j] = δ⁽ᶻ¹⁾ᵢ·xⱼ: the matrix is the outer product.
    for (int i = 0; i < 3; ++i) {
        const double d = g["b1"].toArray()[i].toDouble();
        CHECK(g["W1"].toArray()[i].toArray()[0].toDouble() == Approx(d * 0.5).epsilon(1e-14));
        CHECK(g["W1"].toArray()[i].toArray()[1].toDouble() == Approx(d * -1).epsilon(1e-14));
    }
}

TEST_CASE("a shaped output's JSON is nested, its scalar outputs labelled by element", "[shaped][cli]") {
    const auto r = run({"vjp", "A: [2, 2]; v: [2]\nr = A @ v", "--at", "A=[[1,2],[3,4]],v=[1,-1]",
                        "--seed", "r=[1,0]", "--json"});
    REQUIRE(r.status == 0);
    const QJsonObject o = json(r);
    const QJsonArray out = o["outputs"].toObject()["r"].toArray();
    REQUIRE(out.size() == 2);
    CHECK(out[0].toDouble() == -1);
    CHECK(out[1].toDouble() == -1);
    // ȳ = [1, 0]: ȳᵀ ∂(A v)/∂A = ȳ vᵀ, ∂/∂v = Aᵀ ȳ.
    const QJsonObject c = o["cotangent"].toObject();
    INFO(r.out);
    CHECK(c["A"].toArray()[0].toArray()[1].toDouble() == -1);
    CHECK(c["A"].toArray()[1].toArray()[0].toDouble() == 0);
    CHECK(c["v"].toArray()[1].toDouble() == 2);
}

TEST_CASE("values of the wrong shape and unknown names are refused", "[shaped][cli]") {
    auto r = run({"eval", mlp, "--at", "x=[1,2,3]"});
    CHECK(r.status == 2);
    CHECK(r.err.find("'x' is [2], the value given is [3]") != std::string::npos);
    r = run({"eval", mlp, "--at", "x=[1,2]"});
    CHECK(r.status == 2);
    CHECK(r.err.find("no values for inputs W1, b1, W2") != std::string::npos);
    r = run({"eval", "v: [2]\nr = sum(v)", "--at", "v=[1,2],W1[0]=3"});
    CHECK(r.err.find("is not an input") != std::string::npos);
    r = run({"eval", "v: [2]\nr = sum(v)", "--at", "v[1]=5,v[0]=1"});
    CHECK(r.status == 0);
    CHECK(r.out.find("r = 6") != std::string::npos);
}

TEST_CASE("init: --init gives reproducible values to inputs without one", "[shaped][cli][init]") {
    const auto a = run({"eval", mlp, "--init", "7", "--at", "x=[1,2]", "--json"});
    const auto b = run({"eval", mlp, "--init", "7", "--at", "x=[1,2]", "--json"});
    const auto c = run({"eval", mlp, "--init", "8", "--at", "x=[1,2]", "--json"});
    REQUIRE(a.status == 0);
    CHECK(a.out == b.out);
    CHECK(a.out != c.out);
    const QJsonObject o = json(a);
    CHECK(o["inputs"].toObject()["x"].toArray()[1].toDouble() == 2);  // given values stay
    // Glorot-uniform: |W1| ≤ √(6/(3+2)).
    for (const auto row : o["inputs"].toObject()["W1"].toArray())
        for (const auto v : row.toArray()) CHECK(std::fabs(v.toDouble()) <= std::sqrt(6.0 / 5.0));
    CHECK(run({"eval", "x*y", "--init", "1"}).status == 0);  // scalar programs too
    CHECK(run({"eval", "x*y", "--init", "-3"}).status == 64);
}

TEST_CASE("trace is per matrix operation for shaped programs unless --level scalar", "[shaped][cli][trace]") {
    auto r = run({"trace", mlp, "--at", at});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("shaped level") != std::string::npos);
    CHECK(r.out.find("z̄1 += h̄ ⊙ σ′(z1)") != std::string::npos);
    CHECK(r.out.find("h̄ += W2ᵀ") != std::string::npos);
    r = run({"trace", mlp, "--at", at, "--level", "scalar"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("shaped level") == std::string::npos);
    r = run({"trace", mlp, "--at", at, "--format", "json"});
    REQUIRE(r.status == 0);
    const QJsonObject o = json(r);
    CHECK(o["level"].toString() == "shaped");
    const QJsonArray steps = o["steps"].toArray();
    REQUIRE(!steps.isEmpty());
    CHECK(steps.last().toObject()["after"].isArray());
    r = run({"trace", mlp, "--at", at, "--format", "csv", "--mode", "forward"});
    REQUIRE(r.status == 0);
    CHECK(r.out.rfind("step,phase,node,shape,consumer,rule", 0) == 0);
    CHECK(run({"trace", "x*y", "--at", "x=1,y=2", "--level", "shaped"}).status == 64);
    CHECK(run({"trace", mlp, "--at", at, "--level", "matrix"}).status == 64);
}

TEST_CASE("trace --level shaped --strategy checkpoints over matrix operations", "[shaped][cli][trace]") {
    // The cotangent is the gradient eval gives; every:3 over the MLP's 8 operations recomputes the first two
    // segments (6 operations); the inputs go into the first snapshot.
    const auto plain = json(run({"eval", mlp, "--at", at, "--json"}));
    const auto r = run({"trace", mlp, "--at", at, "--mode", "reverse", "--level", "shaped", "--strategy",
                        "every:3", "--format", "json"});
    REQUIRE(r.status == 0);
    const QJsonObject o = json(r);
    const QJsonObject cot = o["cotangent"].toObject();
    const QJsonObject grad = plain["gradient"].toObject()["L"].toObject();
    for (const char* name : {"x", "b1", "y"}) {
        REQUIRE(cot[name].toArray().size() == grad[name].toArray().size());
        REQUIRE(!grad[name].toArray().isEmpty());
        for (int k = 0; k < cot[name].toArray().size(); ++k)
            CHECK(cot[name].toArray()[k].toDouble() == Approx(grad[name].toArray()[k].toDouble()).epsilon(1e-14));
    }
    int recomputed = 0, checkpoints = 0;
    for (const auto& s : o["steps"].toArray()) {
        recomputed += s.toObject()["phase"].toString() == "recompute";
        checkpoints += s.toObject()["phase"].toString() == "checkpoint";
    }
    CHECK(recomputed == 6);
    CHECK(checkpoints == 6 + 1);  // the six inputs at boundary 0, h at boundary 3
    // Without --level the checkpointed trace is the scalar one, as before.
    CHECK(run({"trace", mlp, "--at", at, "--mode", "reverse", "--strategy", "every:3"}).out.find("shaped level") ==
          std::string::npos);
}

TEST_CASE("every command that takes a program runs on the MLP", "[shaped][cli]") {
    for (const char* cmd : {"jacobian", "hvp", "hessian", "fd-error", "cost", "vjp", "jvp"}) {
        INFO(cmd);
        const auto r = run({cmd, mlp, "--at", at});
        CHECK(r.status == 0);
    }
    CHECK(run({"checkpoint", mlp, "--at", at, "--strategy", "sqrt"}).status == 0);
    CHECK(run({"dot", mlp}).status == 0);
    CHECK(run({"swell", mlp}).status == 0);
    // jacobian labels are the flattened element names.
    const auto j = run({"jacobian", mlp, "--at", at, "--json"});
    CHECK(j.out.find("W1[1,0]") != std::string::npos);
}
