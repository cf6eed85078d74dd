#pragma once
// Reading the command line: which command, the program text (argument, --file PATH or stdin),
// and the name=value lists of --at, --dir and --seed.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "autodiff/graph.hpp"
#include "app/teach_options.hpp"

namespace adviz::cli {

/// Exit statuses: 2 for a program or values that cannot be evaluated, 64 for misuse.
inline constexpr int InputErrorStatus = 2;
inline constexpr int UsageStatus = 64;

/// A user-facing error and the exit status it deserves.
struct CliError {
    int status = 64;
    std::string message;
};

/// Everything given on the command line, not yet checked against a program.
struct Options {
    std::string command;
    std::string source;          ///< the program text
    std::string sourceName = "expr";  ///< for diagnostics: "expr", the file name, or "<stdin>"
    std::optional<std::string> at, dir, seed;
    std::optional<std::uint64_t> init;  ///< --init SEED: inputs without a value get init values
    bool json = false;
    std::string mode = "reverse";
    std::string format = "table";
    std::string level;                ///< trace --level shaped|scalar (default: shaped if shapes)
    std::string output;          ///< -o
    std::optional<std::string> step;  ///< --step K|end (export defaults to end, gui to 0)
    std::string screenshot;      ///< gui --screenshot
    bool topToBottom = false;
    bool csv = false;                 ///< --csv: data as CSV
    std::string method = "auto";      ///< jacobian --method forward|reverse|auto
    std::string panel;                ///< gui --panel wengert|jacobian|charts|memory|chain
    std::string jacobianDemo;         ///< gui --jacobian forward|reverse[:SWEEPS_DONE]
    std::string chainDemo;            ///< gui --chain forward|reverse|cheapest[:K|end]
    std::string strategy = "sqrt";
    bool strategyGiven = false;       ///< --strategy was on the command line
    bool backwardGraph = false;       ///< gui --backward-graph
    bool torchView = false;           ///< gui --pytorch-view: the shaped graph as PyTorch names it
    bool rolled = false;              ///< gui --rolled: a repeated body drawn rolled up
    std::string openBlock;            ///< gui --open-block 4.2: an overview's block 4, its block 2
    double progress = 0;              ///< gui --progress P: the next step P (0…1) under way
    std::string typed;                ///< gui --type TEXT: typed into the editor after loading    ///< checkpoint --strategy store-all|sqrt|every:K|binomial:S
    bool present = false;             ///< gui --present: presentation mode (full screen)
    std::string theme;                ///< gui --theme light|dark|high-contrast
    double textScale = 0;             ///< gui --text-scale S (0: the remembered one)
    std::string example;              ///< gui --example NAME: a built-in example by (part of) its title
    std::string edit;                 ///< gui --edit NAME: opens the grid of vector or matrix input NAME
    std::vector<std::string> expand;  ///< gui --expand NAME,…: shaped operations expanded in place
    bool modeGiven = false;           ///< --mode was on the command line
    int scene = 0;                    ///< --scene K (1-based) of a session file; 0: the first
    std::string sessionPath;          ///< the .adviz file the program came from, if any
    std::string sceneTitle;           ///< that scene's title
    std::string steps;                ///< export --steps all|K-L|K,L,M
    bool caption = false;             ///< export --caption: the step's formula under the picture
    int fps = 12;                     ///< export --fps (GIF)
    int width = 960;                  ///< export --width (GIF), pixels
    std::string wrt;                  ///< chain --wrt NAME: the input the chain starts from
    bool help = false;
    TeachOptions teach;               ///< trace --dual, quiz (teach_options.hpp)
};

/// Parses args (without the program name). Reads the program from a file or from in as asked.
std::optional<CliError> parseOptions(const std::vector<std::string>& args, std::istream& in,
                                     Options& opt);

/// "name=value,name=value" → values per input of g (missing ones NaN, listed in missing).
/// Values may be constant expressions: x=pi/2; vectors and matrices take nested lists
/// (x=[1,2], W=[[1,2],[3,4]]) or one number for every element, or single elements (W[1,0]=2).
/// missing names whole vectors and matrices. Unknown names are an error.
std::optional<CliError> assignInputs(const Graph& g, const std::string& text, const char* option,
                                     std::vector<double>& values,
                                     std::vector<std::string>* missing);

/// Gives the inputs named in missing (names of inputs or of whole vectors and matrices) the
/// values of --init SEED (shaped::initialValues; a part given by element keeps its values) and
/// empties missing.
void applyInit(const Graph& g, std::uint64_t seed, std::vector<double>& values,
               std::vector<std::string>& missing);

/// The same for outputs (--seed f=1).
std::optional<CliError> assignOutputs(const Graph& g, const std::string& text,
                                      std::vector<double>& values);

/// text, or its first 60 bytes and "… (N bytes)": messages quote input without flooding.
std::string quotedCapped(const std::string& text);
/// "a, b, c", at most limits::maxListedNames of them, then "… and 1,199,990 more".
std::string listed(const std::vector<std::string>& names, const std::string& separator = ", ");

/// The usage text.
std::string usage();

}  // namespace adviz::cli
