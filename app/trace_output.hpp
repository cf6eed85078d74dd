#pragma once
// A recorded sweep written out for `adviz trace` as it is recorded (the steps are never held
// whole, so any length streams in constant memory): an aligned table for people, CSV with exact
// numbers for spreadsheets, JSON (an object whose "steps" array holds the steps) for scripts.

#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "app/json_writer.hpp"
#include "autodiff/graph.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::cli {

/// Writes the header on construction, each step as step() receives it (use it as the trace's
/// sink), and the footer (results, warnings) in finish().
class TraceWriter {
public:
    /// format: "table", "csv" or "json"; x the point, outputs the output values (JSON's header).
    TraceWriter(std::ostream& out, const Graph& g, std::string format, Mode mode,
                std::span<const double> x, const std::vector<double>& outputs);
    void step(const Step& s, std::size_t index);
    void finish(const Trace& t);

private:
    std::ostream& out_;
    const Graph& g_;
    std::string format_;
    JsonWriter json_;
};

}  // namespace adviz::cli
