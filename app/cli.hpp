#pragma once
// The headless command line: eval, jvp, vjp, trace, dot (and export, which draws with the UI's
// scene code). Runs on std streams so tests can call it in-process.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace adviz::cli {

/// Exit statuses (sysexits-style for usage).
enum Exit : int { Ok = 0, Failure = 1, InputError = 2, Usage = 64 };

/// True if name is a command the command line handles (as opposed to the GUI).
bool isCommand(std::string_view name);

/// True for `export … -o FILE.dot`: DOT is written by the command line (run), with no drawing
/// and no limit on boxes.
bool isDotExport(const std::vector<std::string>& args);

/// Runs `adviz <args…>` (args excludes the program name). Results go to out, messages to err.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        std::istream& in);

}  // namespace adviz::cli
