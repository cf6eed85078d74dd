#include "autodiff/teaching/prediction.hpp"

#include <cmath>
#include <cstdlib>

#include "autodiff/sweeps/trace_text.hpp"

namespace adviz {
namespace {

// The first `parts` pieces of "a = b = c = d" joined again: the rule before numbers go in.
std::string leading(const std::string& formula, int parts) {
    std::size_t at = 0;
    for (int k = 0; k < parts; ++k) {
        at = formula.find(" = ", at);
        if (at == std::string::npos) return formula;
        if (k + 1 < parts) at += 3;
    }
    return formula.substr(0, at);
}

}  // namespace

Prediction predictionFor(const Graph& g, const Trace& t, const Step& s) {
    Prediction p;
    if (s.node < 0 || s.node >= g.size()) return p;
    const std::string formula = formulaOf(g, t, s);
    switch (s.phase) {
        case Phase::Primal: {
            const std::string value = valueFormulaOf(g, t, s);
            p = {true, s.value, g.wengertName(s.node), 0, value, leading(value, 2)};
            break;
        }
        case Phase::Tangent:
            p = {true, s.after, text::dotted(g, s.node), 1, valueFormulaOf(g, t, s) + ";  " + formula,
                 leading(formula, 2)};
            break;
        case Phase::Seed:
            p = {true, s.after, text::barred(g, s.node), 1, formula, leading(formula, 2)};
            break;
        case Phase::Adjoint:
            // "v̄₋₁ += v̄₁·∂v₁/∂v₋₁ = v̄₁·1": the rule and the partial, no numbers yet.
            p = {true, s.after, text::barred(g, s.node), 1, formula, leading(formula, 3)};
            break;
        case Phase::Checkpoint:
        case Phase::Free:
        case Phase::Recompute: break;
    }
    if (g[s.node].op == Op::Input && s.phase != Phase::Adjoint) p.hint = p.rule;  // given, not derived
    return p;
}

bool predictionMatches(double guess, double expected) {
    if (std::isnan(expected)) return std::isnan(guess);
    if (std::isinf(expected)) return guess == expected;
    const double diff = std::fabs(guess - expected);
    return diff <= 1e-6 || diff <= 1e-3 * std::fabs(expected);
}

bool readPrediction(const std::string& typed, double& out) {
    std::string t;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        if (typed.compare(i, 3, "−") == 0) { t += '-'; i += 2; continue; }
        const char c = typed[i];
        if (c == ' ') continue;
        t += c == ',' ? '.' : c;
    }
    if (t.empty()) return false;
    char* end = nullptr;
    out = std::strtod(t.c_str(), &end);
    return end && *end == '\0';
}

}  // namespace adviz
