#pragma once
// The Examples menu and the built-in lesson: programs that make the theory's points, each with a
// starting point. They are files under resources/ (one-scene .adviz sessions), not code.

#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace adviz::ui {

struct Example {
    QString title;    ///< menu text
    QString source;   ///< the program
    QString values;   ///< "x=1,y=2": where to evaluate it
    QString mode;     ///< "forward" or "reverse": the mode that makes the point
    QString strategy; ///< checkpoint strategy ("store-all" unless the example is about memory)
    QString path;     ///< the resource it was read from
};

/// "x=1,y=2" → name/value pairs (the examples' and the settings' plain numbers).
std::vector<std::pair<std::string, double>> parseValues(const QString& text);

/// All examples, the default one first.
const std::vector<Example>& examples();

/// The resource path of the lesson "Autodiff, forward and reverse" (Help ▸ Lesson).
QString builtInLesson();

}  // namespace adviz::ui
