#pragma once
// Predict-the-next-value: which number a step computes, the rule that gives it (with and without
// the numbers), and whether a student's guess is right. From a recorded step only, so the window
// checks answers against exactly what it is about to show.

#include <string>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz {

struct Prediction {
    bool asks = false;       ///< false: the step computes no number to predict (checkpointing)
    double expected = 0;     ///< the number the step computes
    std::string quantity;    ///< its name: "v₃", "v̇₃", "v̄₋₁"
    int row = 0;             ///< where a node shows it: 0 the value, 1 the tangent or adjoint
    std::string rule;        ///< the step's formula with its numbers
    std::string hint;        ///< the rule without the numbers: "v̇₃ = v₂·v̇₁ + v₁·v̇₂"
};

/// What step s of trace t, a sweep over g, asks for.
Prediction predictionFor(const Graph& g, const Trace& t, const Step& s);

/// A guess is right within a relative 10⁻³ or an absolute 10⁻⁶ (four figures, or zero).
bool predictionMatches(double guess, double expected);

/// Reads a typed number: "2.46", "−0.5" (Unicode minus), "1,5" (decimal comma), "1e-3";
/// false if the text is not one number.
bool readPrediction(const std::string& text, double& out);

}  // namespace adviz
