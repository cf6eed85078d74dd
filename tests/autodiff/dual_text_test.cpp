// Dual-number text against its definition g(a + ȧε) = g(a) + g′(a)ȧε: for every operation, the
// numbers printed are read back and compared with values computed here independently (the
// derivatives below are written out by hand, not taken from the op table).

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <map>
#include <regex>

#include "autodiff/number_format.hpp"
#include "autodiff/sweeps/dual_text.hpp"
#include "test_support.hpp"

namespace adviz {
namespace {

struct Case {
    const char* source;
    std::function<double(double, double)> g, ga, gb;  // value and partials, by hand
};

const double A = 0.6, B = 1.3, AD = 1.5, BD = -0.7;

std::map<Op, Case> cases() {
    using std::cos; using std::sin; using std::exp; using std::log; using std::sqrt;
    auto z = [](double, double) { return 0.0; };
    return {
        {Op::Add, {"x + y", [](double a, double b) { return a + b; }, [](double, double) { return 1.0; }, [](double, double) { return 1.0; }}},
        {Op::Sub, {"x - y", [](double a, double b) { return a - b; }, [](double, double) { return 1.0; }, [](double, double) { return -1.0; }}},
        {Op::Mul, {"x*y", [](double a, double b) { return a * b; }, [](double, double b) { return b; }, [](double a, double) { return a; }}},
        {Op::Div, {"x/y", [](double a, double b) { return a / b; }, [](double, double b) { return 1 / b; }, [](double a, double b) { return -a / (b * b); }}},
        {Op::Pow, {"x^y", [](double a, double b) { return std::pow(a, b); }, [](double a, double b) { return b * std::pow(a, b - 1); }, [](double a, double b) { return std::pow(a, b) * std::log(a); }}},
        {Op::Min, {"min(x, y)", [](double a, double b) { return a < b ? a : b; }, [](double a, double b) { return a < b ? 1.0 : 0.0; }, [](double a, double b) { return b < a ? 1.0 : 0.0; }}},
        {Op::Max, {"max(x, y)", [](double a, double b) { return a > b ? a : b; }, [](double a, double b) { return a > b ? 1.0 : 0.0; }, [](double a, double b) { return b > a ? 1.0 : 0.0; }}},
        {Op::Neg, {"-x", [](double a, double) { return -a; }, [](double, double) { return -1.0; }, z}},
        {Op::Sin, {"sin(x)", [](double a, double) { return sin(a); }, [](double a, double) { return cos(a); }, z}},
        {Op::Cos, {"cos(x)", [](double a, double) { return cos(a); }, [](double a, double) { return -sin(a); }, z}},
        {Op::Tan, {"tan(x)", [](double a, double) { return std::tan(a); }, [](double a, double) { return 1 / (cos(a) * cos(a)); }, z}},
        {Op::Asin, {"asin(x)", [](double a, double) { return std::asin(a); }, [](double a, double) { return 1 / sqrt(1 - a * a); }, z}},
        {Op::Acos, {"acos(x)", [](double a, double) { return std::acos(a); }, [](double a, double) { return -1 / sqrt(1 - a * a); }, z}},
        {Op::Atan, {"atan(x)", [](double a, double) { return std::atan(a); }, [](double a, double) { return 1 / (1 + a * a); }, z}},
        {Op::Exp, {"exp(x)", [](double a, double) { return exp(a); }, [](double a, double) { return exp(a); }, z}},
        {Op::Log, {"log(x)", [](double a, double) { return log(a); }, [](double a, double) { return 1 / a; }, z}},
        {Op::Sqrt, {"sqrt(x)", [](double a, double) { return sqrt(a); }, [](double a, double) { return 0.5 / sqrt(a); }, z}},
        {Op::Tanh, {"tanh(x)", [](double a, double) { return std::tanh(a); }, [](double a, double) { return 1 / (std::cosh(a) * std::cosh(a)); }, z}},
        {Op::Sigmoid, {"sigmoid(x)", [](double a, double) { return 1 / (1 + exp(-a)); }, [](double a, double) { return exp(-a) / ((1 + exp(-a)) * (1 + exp(-a))); }, z}},
        {Op::Relu, {"relu(x)", [](double a, double) { return a > 0 ? a : 0; }, [](double a, double) { return a > 0 ? 1.0 : 0.0; }, z}},
        {Op::Abs, {"abs(x)", [](double a, double) { return std::fabs(a); }, [](double a, double) { return a > 0 ? 1.0 : -1.0; }, z}},
        {Op::Sinh, {"sinh(x)", [](double a, double) { return std::sinh(a); }, [](double a, double) { return std::cosh(a); }, z}},
        {Op::Cosh, {"cosh(x)", [](double a, double) { return std::cosh(a); }, [](double a, double) { return std::sinh(a); }, z}},
        {Op::Log1p, {"log1p(x)", [](double a, double) { return std::log1p(a); }, [](double a, double) { return 1 / (1 + a); }, z}},
    };
}

std::string ascii(std::string s) {
    for (std::size_t at; (at = s.find("−")) != std::string::npos;) s.replace(at, std::string("−").size(), "-");
    return s;
}

// Every "p + qε" / "p − qε" in text, as (p, ±q).
std::vector<std::pair<double, double>> duals(const std::string& text) {
    static const std::regex re(R"((-?[0-9.]+(?:e[-+][0-9]+)?) ([-+]) ([0-9.]+(?:e[-+][0-9]+)?)ε)");
    std::vector<std::pair<double, double>> out;
    const std::string s = ascii(text);
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) {
        const double q = std::stod((*it)[3].str());
        out.emplace_back(std::stod((*it)[1].str()), (*it)[2].str() == "-" ? -q : q);
    }
    return out;
}

std::vector<std::string> parts(const std::string& s) {
    std::vector<std::string> out;
    std::size_t a = 0;
    for (std::size_t b; (b = s.find(" = ", a)) != std::string::npos; a = b + 3) out.push_back(s.substr(a, b - a));
    out.push_back(s.substr(a));
    return out;
}

bool near4(double printed, double exact) {  // four significant digits
    return std::fabs(printed - exact) <= 6e-4 * std::max(std::fabs(exact), 1e-300) + 1e-12;
}

}  // namespace

TEST_CASE("dual text of every operation follows g(a + ȧε) = g(a) + g′(a)ȧε", "[dual-text]") {
    const auto all = cases();
    for (int i = 0; i < opCount; ++i) {
        const auto op = static_cast<Op>(i);
        if (op == Op::Input || op == Op::Const) continue;
        INFO(info(op).name);
        REQUIRE(all.count(op) == 1);  // every operation has a case
        const Case& c = all.at(op);
        const Graph g = test::parseOk(c.source);
        const int id = g.outputs[0].node;
        REQUIRE(g[id].op == op);
        const bool binary = info(op).arity == 2;
        std::vector<double> x{A}, xd{AD};
        if (binary) { x.push_back(B); xd.push_back(BD); }
        const Trace t = traceForward(g, x, xd);
        const std::size_t k = t.steps.size() - 1;
        REQUIRE(t.steps[k].node == id);
        const std::string text = dualFormula(g, t, k);
        INFO(text);
        const auto p = parts(text);
        REQUIRE(p.size() == 4);  // v = g(dual) = expansion = result
        CHECK(p[0] == g.wengertName(id));

        // The operands as dual numbers a + ȧε (and b + ḃε).
        const auto ops = duals(p[1]);
        REQUIRE(ops.size() == (binary ? 2u : 1u));
        CHECK(near4(ops[0].first, A));
        CHECK(near4(ops[0].second, AD));
        if (binary) {
            CHECK(near4(ops[1].first, B));
            CHECK(near4(ops[1].second, BD));
        }
        // The result: g(a, b) + (g_a·ȧ + g_b·ḃ)ε, computed here.
        const double y = c.g(A, B);
        const double yd = c.ga(A, B) * AD + (binary ? c.gb(A, B) * BD : 0.0);
        const auto res = duals(p[3]);
        REQUIRE(res.size() == 1);
        CHECK(near4(res[0].first, y));
        CHECK(near4(res[0].second, yd));

        if (binary) {
            // The expansion "y + (p·ȧ + q·ḃ)ε": the value and each partial as a number.
            const std::string mid = ascii(p[2]);
            CHECK(near4(std::stod(mid), y));
            const auto open = mid.find("+ (");
            REQUIRE(open != std::string::npos);
            std::string terms = mid.substr(open + 3);
            REQUIRE(terms.ends_with(")ε"));
            terms = terms.substr(0, terms.size() - std::string(")ε").size());
            // Replace the ± between terms with a separator, keeping signs inside brackets.
            std::vector<double> coeff;
            for (const std::string& term : {terms.substr(0, terms.find(" ")), terms.substr(terms.rfind(" ") + 1)}) {
                const auto dot = term.find("·");
                coeff.push_back(dot == std::string::npos ? 1.0 : std::stod(term.substr(term[0] == '(' ? 1 : 0)));
            }
            const double sign = terms.find(" - ") != std::string::npos ? -1.0 : 1.0;
            CHECK(near4(coeff[0], c.ga(A, B)));
            CHECK(near4(sign * coeff[1], c.gb(A, B)));
        } else {
            // The expansion "g(a) + g′(a)·ȧε": the tangent multiplies the op's own partial.
            CHECK(p[2].ends_with("·" + formatShort(AD) + "ε"));
        }
    }
}

TEST_CASE("dual text of the theory's example reads as the lecture writes it", "[dual-text]") {
    const Graph g = test::parseOk("(x+y)*sin(x)");
    const Trace t = traceForward(g, std::vector<double>{1, 2}, std::vector<double>{1, 0});
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < t.steps.size(); ++k) lines.push_back(dualFormula(g, t, k));
    CHECK(lines[0] == "v₋₁ = x + x\u0307ε = 1 + 1ε");
    CHECK(std::find(lines.begin(), lines.end(), "v₂ = sin(1 + 1ε) = sin 1 + cos 1·1ε = 0.8415 + 0.5403ε") != lines.end());
    CHECK(lines.back() == "v₃ = (3 + 1ε)·(0.8415 + 0.5403ε) = 2.524 + (0.8415·1 + 3·0.5403)ε = 2.524 + 2.462ε");
    CHECK(dualNumber(0.5, -2) == "0.5 − 2ε");
}

}  // namespace adviz
