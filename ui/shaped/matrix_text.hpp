#pragma once
// Vectors and matrices as a person writes them in a formula: a vector as a column
// "[0.1; −0.31; 0.22]", a matrix row by row "[0.1 0.2; 0.3 −0.4]", a scalar as its number.
// Larger ones by their size ("128×784"): a caption is one line on a projector.

#include <QString>

#include <vector>

#include "autodiff/shaped/shape.hpp"

namespace adviz::ui {

/// Rows and columns a value is drawn with: a vector [n] is a column (n × 1), a scalar 1 × 1.
struct GridSize {
    int rows = 1;
    int cols = 1;
};
GridSize gridOf(const shaped::Shape& shape);

/// Whether a value of this shape is written out in formulas (up to 6 entries).
bool writtenOut(const shaped::Shape& shape);

/// The value in formula notation (4 significant digits), or its size when not writtenOut.
QString matrixText(const shaped::Shape& shape, const std::vector<double>& values);

/// The same value transposed (Wᵀ written out): a vector [n] becomes the row [a b c].
QString transposedText(const shaped::Shape& shape, const std::vector<double>& values);

}  // namespace adviz::ui
