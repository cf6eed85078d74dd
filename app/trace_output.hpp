#pragma once
// A recorded sweep written out for `adviz trace`: an aligned table for people, CSV with exact
// numbers for spreadsheets, JSON (an object whose "steps" array holds the steps) for scripts.

#include <span>
#include <string>

#include "autodiff/graph.hpp"
#include "autodiff/trace.hpp"

namespace adviz::cli {

std::string traceTable(const Graph& g, const Trace& t);
std::string traceCsv(const Graph& g, const Trace& t);
std::string traceJson(const Graph& g, const Trace& t, std::span<const double> x);

}  // namespace adviz::cli
