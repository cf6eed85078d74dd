#pragma once
// How numbers are written: exactly (shortest text that reads back to the same double) for JSON
// and CSV, briefly (4 significant digits) for formulas a person reads.

#include <string>

namespace adviz {

/// Shortest round-trip form: 0.1 → "0.1", 1/3 → "0.3333333333333333"; "nan", "inf", "-inf".
std::string formatExact(double x);

/// Four significant digits for formulas and labels: 0.8414709848 → "0.8415"; "nan", "∞", "−∞".
std::string formatShort(double x);

}  // namespace adviz
