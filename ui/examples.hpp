#pragma once
// The Examples menu: programs that make the theory's points, each with a starting point.

#include <QString>

#include <vector>

namespace adviz::ui {

struct Example {
    QString title;    ///< menu text
    QString source;   ///< the program
    QString values;   ///< "x=1,y=2": where to evaluate it
    QString mode;     ///< "forward" or "reverse": the mode that makes the point
};

/// All examples, the default one first.
const std::vector<Example>& examples();

}  // namespace adviz::ui
