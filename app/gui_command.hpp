#pragma once
// The commands that need the UI's scene code: `adviz gui` (the window, optionally saving a
// screenshot and exiting) and `adviz export` (the diagram at a step, drawn headless).

#include <iosfwd>
#include <string>
#include <vector>

namespace adviz::cli {

/// Runs the window (args as for cli::run; an empty list or "gui" opens it).
int runGui(int& argc, char** argv, const std::vector<std::string>& args, std::ostream& err);

/// Runs `adviz export …` with an offscreen QApplication (no display needed).
int runExport(int& argc, char** argv, const std::vector<std::string>& args, std::ostream& err);

}  // namespace adviz::cli
