#pragma once
// What every command shares: the parsed program with its point, direction and seed, and the
// pieces of output (errors, warnings, inputs and outputs in JSON) that look the same everywhere.

#include <functional>
#include <iosfwd>
#include <vector>

#include "app/cli_options.hpp"
#include "app/json_writer.hpp"
#include "autodiff/graph.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "autodiff/sweeps/trace.hpp"

namespace adviz::cli {

/// A parsed program with its point, direction and seed, ready to run.
struct Job {
    Graph graph;
    std::vector<double> x, xdot, ybar;
};

/// Prints e (with a hint for usage errors) and returns its status.
int fail(std::ostream& err, const CliError& e);

/// Parses the program and, if needPoint, the values of --at, --dir, --seed; on error prints it,
/// sets status and returns false.
bool prepare(const Options& opt, bool needPoint, std::ostream& err, Job& job, int& status);

void printWarnings(const std::vector<Warning>& w, std::ostream& err);
/// "inputs": name → value and "outputs": name → value.
void jsonInputsOutputs(JsonWriter& j, const Graph& g, const Job& job,
                       const std::vector<double>& outputs);
/// key: input name → value, for every input (nested arrays for vectors and matrices).
void jsonPerInput(JsonWriter& j, std::string_view key, const Graph& g,
                  const std::vector<double>& values);
/// key: scalar input name (W1[1,0]) → value: the flattened form of matrices (Jacobian, Hessian).
void jsonPerInputFlat(JsonWriter& j, std::string_view key, const Graph& g,
                      const std::vector<double>& values);
/// key: output name → value, for every output.
void jsonPerOutput(JsonWriter& j, std::string_view key, const Graph& g,
                   const std::vector<double>& values);
/// "warnings": [messages].
void jsonWarnings(JsonWriter& j, const std::vector<Warning>& w);
/// ∂(output k)/∂(input i).
using GradientOf = std::function<double(int k, int i)>;
/// "gradient": output name → input name → value.
void jsonGradient(JsonWriter& j, const Graph& g, const GradientOf& grad);
/// "∂f/∂x = value" per output and input.
void textGradient(std::ostream& out, const Graph& g, const GradientOf& grad);

/// "name = value" per output.
void textOutputs(std::ostream& out, const Graph& g, const std::vector<double>& outputs);

/// --mode's text as a Mode ("forward", "reverse", "forward-over-reverse"; checked by
/// parseOptions).
inline Mode modeNamed(const std::string& name) {
    return name == "forward" ? Mode::Forward : name == "reverse" ? Mode::Reverse : Mode::ForwardOverReverse;
}

/// A command of the command line: its name, whether it needs --at, and what it runs.
struct Command {
    const char* name;
    bool needsPoint;
    int (*run)(const Job&, const Options&, std::ostream& out, std::ostream& err);
};

}  // namespace adviz::cli
