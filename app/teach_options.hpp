#pragma once
// The command-line options of the teaching features, kept apart from cli_options.cpp so they
// rebase easily: `trace --dual` (forward mode as dual-number arithmetic) and `quiz` (exercise
// sheets: --blanks, --answers, and --random SEED --family chain|diamond|mlp --size N).

#include <cstdint>
#include <optional>
#include <string>

class QCommandLineParser;
#include <QStringList>

namespace adviz::cli {

struct CliError;
struct Options;

struct TeachOptions {
    bool dual = false;                    ///< trace --dual, gui --dual (View ▸ Dual numbers)
    bool predict = false;                 ///< gui --predict (Mode ▸ Predict)
    bool sideBySide = false;              ///< gui --side-by-side (View ▸ Side by side)
    std::string blanks = "all";           ///< quiz --blanks all|K
    bool answers = false;                 ///< quiz --answers: the key
    std::optional<std::uint64_t> random;  ///< quiz --random SEED
    std::string family = "chain";         ///< quiz --family
    int size = 4;                         ///< quiz --size N
};

/// Registers the teaching options with p (before parsing).
void addTeachOptions(QCommandLineParser& p);

/// Reads them after parsing. With --random, puts the generated program and its point into opt
/// (an EXPR as well is an error). positional: the arguments after the command.
std::optional<CliError> readTeachOptions(const QCommandLineParser& p, const QStringList& positional,
                                         Options& opt);

}  // namespace adviz::cli
