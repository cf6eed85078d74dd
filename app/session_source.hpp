#pragma once
// A lesson as a program source: every command that takes a program takes a .adviz session file
// too (`--file lesson.adviz`). The scene (the first, or `--scene K`) gives the program and, unless
// options say otherwise, its point, direction, seeds, mode, strategy and step.

#include <optional>
#include <string>

#include "app/cli_options.hpp"

namespace adviz::cli {

struct Options;

/// Whether path names a session file (by its extension).
bool isSessionFile(const std::string& path);

/// Reads the session at path into opt: the chosen scene's program and its defaults for what the
/// command line did not give. Errors say what and where.
std::optional<CliError> readSessionSource(const std::string& path, Options& opt);

}  // namespace adviz::cli
