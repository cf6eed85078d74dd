#pragma once
// An exercise sheet's content: the Wengert table of a sweep with some numbers left blank for the
// student, and its key. Taken from a recorded trace (the numbers `adviz trace` prints), so the
// key can never disagree with the machine; the command line and the PDF both write it.

#include <cstdint>
#include <string>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz {

struct WorksheetCell {
    std::string text;    ///< the number (4 significant digits), or the given value
    double number = 0;   ///< what text says, unrounded
    bool blank = false;  ///< left for the student
};

struct WorksheetRow {
    int node = -1;
    std::string name;        ///< "v₃"
    std::string definition;  ///< "v₁·v₂" ("x" for an input)
    WorksheetCell value, second;  ///< v, and v̇ (forward) or v̄ (reverse)
};

struct Worksheet {
    Mode mode = Mode::Forward;
    std::string task;         ///< what to do, with the point and the direction or seed
    std::string secondName;   ///< "v̇" or "v̄"
    std::vector<WorksheetRow> rows;
    int blanks = 0;
};

/// The sheet of a finished forward or reverse trace t of g at x (direction or seed in t's first
/// steps). blanks: -1 for every number that is not given (inputs' values, their directions or
/// the seed, and constants are given), or that many, chosen by seed.
Worksheet makeWorksheet(const Graph& g, const Trace& t, const std::vector<double>& x, int blanks,
                        std::uint64_t seed);

/// The sheet as plain text: blanks as "______", or with answers the key (blanks in brackets).
std::string worksheetText(const Worksheet& w, bool answers);

}  // namespace adviz
