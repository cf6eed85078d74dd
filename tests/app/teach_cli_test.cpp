// The teaching commands: `trace --dual` against the plain trace's numbers, quiz sheets and keys
// against `adviz trace`, random programs reproducible, and a PDF sheet that renders.

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "autodiff/number_format.hpp"
#include "autodiff/sweeps/dual_text.hpp"
#include "autodiff/teaching/random_program.hpp"
#include "cli_runner.hpp"

using adviz::test::run;

namespace {

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

}  // namespace

TEST_CASE("trace --dual prints each forward step as a + bε with the trace's numbers", "[cli][teach]") {
    auto r = run({"trace", "(x+y)*sin(x)", "--at", "x=1,y=2", "--mode", "forward", "--dual"});
    REQUIRE(r.status == 0);
    auto plain = adviz::test::json(run({"trace", "(x+y)*sin(x)", "--at", "x=1,y=2", "--mode", "forward", "--format", "json"}));
    const QJsonArray steps = plain["steps"].toArray();
    const auto out = lines(r.out);
    REQUIRE(out.size() == static_cast<std::size_t>(steps.size()) + 1);
    for (int k = 0; k < steps.size(); ++k) {
        const QJsonObject s = steps[k].toObject();
        const std::string want = adviz::dualNumber(s["value"].toDouble(), s["tangent"].toDouble());
        INFO(out[static_cast<std::size_t>(k) + 1]);
        CHECK(out[static_cast<std::size_t>(k) + 1].ends_with(" = " + want));
    }
    CHECK(r.out.find("v₃ = (3 + 1ε)·(0.8415 + 0.5403ε) = 2.524 + (0.8415·1 + 3·0.5403)ε = 2.524 + 2.462ε") != std::string::npos);
    CHECK(run({"trace", "x", "--at", "x=1", "--mode", "reverse", "--dual"}).status == 64);
}

TEST_CASE("quiz sheets and keys agree with adviz trace", "[cli][teach]") {
    for (const char* mode : {"forward", "reverse"}) {
        INFO(mode);
        const std::vector<std::string> base{"quiz", "(x+y)*sin(x)*exp(y)", "--at", "x=0.5,y=-1.2", "--mode", mode};
        auto sheet = run(base);
        auto withKey = base;
        withKey.push_back("--answers");
        auto key = run(withKey);
        REQUIRE(sheet.status == 0);
        REQUIRE(key.status == 0);
        auto tr = adviz::test::json(run({"trace", "(x+y)*sin(x)*exp(y)", "--at", "x=0.5,y=-1.2", "--mode", mode, "--format", "json"}));
        // The final value and tangent or adjoint of every node, from the trace's steps.
        std::map<std::string, std::pair<double, double>> last;
        const QJsonArray nodes = tr["nodes"].toArray();
        for (const auto& st : tr["steps"].toArray()) {
            const QJsonObject s = st.toObject();
            const std::string name = nodes[s["node"].toInt()].toObject()["wengert"].toString().toStdString();
            auto& cell = last[name];
            if (s["phase"].toString() == "primal" || s["phase"].toString() == "tangent") cell.first = s["value"].toDouble();
            if (s["phase"].toString() == "tangent") cell.second = s["tangent"].toDouble();
            if (s["phase"].toString() == "seed" || s["phase"].toString() == "adjoint") cell.second = s["after"].toDouble();
        }
        int blanks = 0;
        for (const std::string& l : lines(key.out)) {
            std::smatch m;
            static const std::regex row(R"(^(v\S+)\s+.*?\s(\[?\S+?\]?)\s+(\[?\S+?\]?)$)");
            if (!std::regex_match(l, m, row) || !last.count(m[1].str())) continue;
            auto number = [](std::string s) {
                if (s.front() == '[') { s = s.substr(1, s.size() - 2); }
                return s;
            };
            INFO(l);
            CHECK(number(m[2].str()) == adviz::formatShort(last[m[1].str()].first));
            CHECK(number(m[3].str()) == adviz::formatShort(last[m[1].str()].second));
            blanks += (m[2].str().front() == '[') + (m[3].str().front() == '[');
        }
        // Every bracketed answer of the key is a blank of the sheet.
        int sheetBlanks = 0;
        for (std::size_t at = 0; (at = sheet.out.find("______", at)) != std::string::npos; at += 6) ++sheetBlanks;
        CHECK(blanks == sheetBlanks);
        CHECK(blanks > 0);
    }
    // K blanks: exactly K.
    auto few = run({"quiz", "(x+y)*sin(x)", "--at", "x=1,y=2", "--mode", "reverse", "--blanks", "3"});
    int n = 0;
    for (std::size_t at = 0; (at = few.out.find("______", at)) != std::string::npos; at += 6) ++n;
    CHECK(n == 3);
}

TEST_CASE("random quiz programs are reproducible for a seed, with one-decimal numbers", "[cli][teach]") {
    for (const char* family : {"chain", "diamond", "mlp"}) {
        INFO(family);
        auto a = run({"quiz", "--random", "42", "--family", family, "--size", "3", "--mode", "reverse", "--answers"});
        auto b = run({"quiz", "--random", "42", "--family", family, "--size", "3", "--mode", "reverse", "--answers"});
        auto c = run({"quiz", "--random", "43", "--family", family, "--size", "3", "--mode", "reverse", "--answers"});
        REQUIRE(a.status == 0);
        CHECK(a.out == b.out);
        CHECK(a.out != c.out);
        const auto p = adviz::randomProgram(42, *adviz::familyNamed(family), 3);
        static const std::regex number(R"([0-9]+\.[0-9]+)");
        for (auto it = std::sregex_iterator(p.source.begin(), p.source.end(), number); it != std::sregex_iterator(); ++it)
            CHECK(it->str().size() - it->str().find('.') == 2);  // one decimal
    }
    // The generator's sequence itself is fixed (SplitMix64's published first output for seed 0).
    adviz::SplitMix64 r(0);
    CHECK(r.next() == 0xE220A8397B1DCDAFULL);
}

TEST_CASE("a PDF exercise sheet renders to a page", "[cli][teach][pdf]") {
    const std::string pdf = "/tmp/adviz-quiz-test.pdf", png = "/tmp/adviz-quiz-test";
    std::remove(pdf.c_str());
    const std::string cmd = std::string(ADVIZ_EXE) + " quiz '(x+y)*sin(x)' --at x=1,y=2 --mode forward -o " + pdf +
                            " 2>/dev/null && pdftoppm -png -r 40 -singlefile " + pdf + " " + png;
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream image(png + ".png", std::ios::binary);
    std::string head(8, '\0');
    image.read(head.data(), 8);
    CHECK(head == "\x89PNG\r\n\x1a\n");
}
