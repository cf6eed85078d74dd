#pragma once
// The Examples menu and the built-in lesson: programs that make the theory's points, each with a
// starting point. They are files under resources/ (one-scene .adviz sessions), not code.

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace adviz {
struct Graph;
}

namespace adviz::ui {

struct Example {
    QString title;    ///< menu text
    QString source;   ///< the program
    QString values;   ///< "x=1,y=2": where to evaluate it
    QString mode;     ///< "forward" or "reverse": the mode that makes the point
    QString strategy; ///< checkpoint strategy ("store-all" unless the example is about memory)
    QString path;     ///< the resource it was read from
    /// Inputs without a value in `values` start at `--init SEED`'s values (a 784-128-10 MLP
    /// has too many weights to list).
    std::optional<std::uint64_t> init;
};

/// "x=1,y=2" → name/value pairs (the examples' and the settings' values), read as `--at` reads
/// them (shaped/value_list.hpp): a list gives its elements by the scalar graph's names
/// ("x=[0.5,-1]" → x[0], x[1]; "W=[[1,2],[3,4]]" → W[0,0] … W[1,1]); a number stays under its
/// name (SessionModel::setInputsByName fills a vector or matrix with it). What cannot be read
/// ends the list.
std::vector<std::pair<std::string, double>> parseValues(const QString& text);
/// The same, resolved against program g: one pair per scalar input given, named as g names it
/// ("b1=0" for b1: [3] → b1[0], b1[1], b1[2]); names g does not have are left out.
std::vector<std::pair<std::string, double>> parseValues(const QString& text, const Graph& g);

/// The point an example starts at: its values, and its init seed's values for the rest.
std::vector<std::pair<std::string, double>> exampleValues(const Example& e);

/// All examples, the default one first.
const std::vector<Example>& examples();

/// The resource path of the lesson "Autodiff, forward and reverse" (Help ▸ Lesson).
QString builtInLesson();

}  // namespace adviz::ui
