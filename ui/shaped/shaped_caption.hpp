#pragma once
// The shaped view's captions: the step's rule as the theory writes it (δ⁽ʰ⁾ += W2ᵀ δ⁽²⁾), then
// the numbers, for shapes small enough to read (= [0.26; −0.11; 0.074] 1.206 = [0.31; …]).
// The theory's δ names stand for the adjoints of intermediate results: δ⁽ᶻ¹⁾ = ∂L/∂z1, δ⁽ʰ⁾,
// and δ⁽²⁾ for the last layer's pre-activation z2. An unnamed matrix product whose only use is
// adding a bias (u = W2 h, z2 = u + b2) has the same adjoint as the sum, so it shares its name.

#include <QString>

#include <optional>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "ui/shaped/shaped_frame.hpp"

namespace adviz::ui {

/// "W1 @ x", "σ(z1)", "u₁₁ ^ 2": the operation with its operands' names ("" for inputs).
QString expressionText(const shaped::ShapedGraph& sg, int id);

/// Whether shaped node id is an output of the program.
bool isOutputNode(const shaped::ShapedGraph& sg, int id);

/// The δ name of shaped node id's adjoint, if the theory gives it one.
std::optional<QString> deltaName(const shaped::ShapedGraph& sg, int id);

/// The rule with the theory's δ names in place of bars (ū₉ → δ⁽²⁾).
QString withDeltaNames(const shaped::ShapedGraph& sg, const std::string& rule);

/// Caption lines of shaped step k: lead (the rule) and the numbers. state: the numbers known
/// before the step.
void shapedCaption(const Graph& g, const shaped::ShapedTrace& trace, int k,
                   const std::vector<MatrixState>& state, QString& lead, QString& caption);

}  // namespace adviz::ui
