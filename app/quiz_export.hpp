#pragma once
// `adviz quiz … -o sheet.pdf|.tex`: the exercise sheet drawn with the window's scene (the graph
// as a figure) through the handout's PDF writer or the TikZ export; text sheets are cmd_teach.cpp.

#include <iosfwd>
#include <string>
#include <vector>

namespace adviz::cli {

/// Whether a quiz command line asks for a PDF or TeX sheet (which needs the drawing code).
bool quizNeedsDrawing(const std::vector<std::string>& args);

/// Runs such a quiz with an offscreen QApplication.
int runQuizExport(int& argc, char** argv, const std::vector<std::string>& args, std::ostream& err);

}  // namespace adviz::cli
