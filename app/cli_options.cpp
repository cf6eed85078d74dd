#include "app/cli_options.hpp"

#include <QCommandLineParser>
#include <QStringList>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <iterator>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "app/session_source.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/shaped/value_list.hpp"
#include "autodiff/sweeps/derivatives.hpp"

namespace adviz::cli {

// The engine's, so its value lists and the command line quote alike.
std::string quotedCapped(const std::string& text) { return shaped::quotedCapped(text); }

std::string listed(const std::vector<std::string>& names, const std::string& separator) {
    return shaped::listed(names, separator);
}

namespace {

// Reads at most the program size limit (and one byte more, to know it was exceeded): /dev/zero
// or a 1.5 GB file is refused after 16 MB, not after exhausting memory.
// name is for messages ("standard input", "'p.txt'"), sourceName for diagnostics.
std::optional<CliError> readBounded(std::istream& in, const std::string& name,
                                    const std::string& sourceName, Options& opt) {
    constexpr std::size_t limit = limits::maxProgramBytes;
    opt.source.clear();
    char buffer[65536];
    while (opt.source.size() <= limit && in) {
        in.read(buffer, static_cast<std::streamsize>(sizeof buffer));
        opt.source.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (opt.source.size() > limit) {
        opt.source.clear();
        return CliError{InputErrorStatus, "cannot read " + name + ": larger than the " +
                                              std::to_string(limit / (1024 * 1024)) +
                                              " MB program size limit (split it, or generate a "
                                              "smaller program)"};
    }
    if (in.bad()) return CliError{InputErrorStatus, "cannot read " + name + ": read error"};
    opt.sourceName = sourceName;
    return std::nullopt;
}

std::optional<CliError> readSource(const std::string& path, std::istream& in, Options& opt) {
    if (path == "-") return readBounded(in, "standard input", "<stdin>", opt);
    const std::string name = "'" + quotedCapped(path) + "'";
    // Say which problem it is, in the system's words: missing, a directory, not permitted.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec) return CliError{InputErrorStatus, "cannot read " + name + ": " + ec.message()};
    if (std::filesystem::is_directory(status))
        return CliError{InputErrorStatus, "cannot read " + name + ": it is a directory"};
    errno = 0;
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return CliError{InputErrorStatus, "cannot read " + name + ": " +
                                              (errno ? std::strerror(errno) : "cannot open it")};
    return readBounded(file, name, path, opt);
}

}  // namespace

std::string usage() {
    return R"(usage: adviz COMMAND EXPR [options]        (EXPR may be --file PATH, or - for stdin)

commands:
  eval    EXPR --at x=1,y=2 [--json]                  values and, per output, the gradient
  jvp     EXPR --at x=1,y=2 --dir x=1,y=0 [--json]    forward mode: values and J·ẋ
  vjp     EXPR --at x=1,y=2 --seed f=1 [--json]       reverse mode: values and ȳᵀJ
  trace   EXPR --at ... --mode forward|reverse|forward-over-reverse [--dir ...|--seed ...]
          [--strategy ...] [--format table|csv|json] [--level shaped|scalar]
  dot     EXPR                                        the graph in Graphviz DOT
  jacobian EXPR --at ... [--method forward|reverse|auto] [--json]   the Jacobian and its cost
  hvp     EXPR --at ... [--dir ...] [--seed f=1] [--json]  H·v by forward-over-reverse
  hessian EXPR --at ... [--seed f=1] [--json]            every second derivative (n H·v products)
  fd-error EXPR --at ... [--dir ...] [--csv|--json]   |FD − AD| against the step eps, 1e-16 … 1
  swell   EXPR [--at ...] [--csv|--json]              symbolic derivative size against the AD graph
  cost    EXPR --at ... [--csv|--json]                passes and operations for a full gradient
  checkpoint EXPR --at ... --strategy store-all|sqrt|every:K|binomial:S [--json]
                                                      checkpointed reverse mode: gradient, memory
  chain   EXPR --at ... [--wrt x] [--json]           the chain rule as a product of Jacobians:
                                                      forward, reverse and cheapest orders
  pytorch EXPR --at ... [--seed ...]                  a PyTorch script that checks the numbers
  export  EXPR --at ... --mode forward|reverse --step K|end -o FILE.svg|.png|.dot
  gui     [EXPR] [--at ...] [--mode ...] [--step K|end] [--screenshot FILE.png]
          [--panel wengert|jacobian|charts|memory|chain] [--jacobian forward|reverse[:DONE]]
          [--chain forward|reverse|cheapest[:K|end]]   (the Chain rule tab, product K under way)
          [--strategy store-all|sqrt|every:K|binomial:S] [--backward-graph] [--rolled] [--top-to-bottom]
          [--open-block B[.B…]]   (a program shown as an overview of blocks: block B opened)
          [--progress P]   (screenshots: the next step P of the way through its animation)
          [--type TEXT]    (as if TEXT were typed into the editor after loading)
          [--present] [--theme light|dark|high-contrast] [--text-scale S] [--example NAME]
          [--dual] [--predict] [--side-by-side]   (dual numbers, predict mode, both modes)
          [--level shaped|scalar] [--pytorch-view]   (vectors and matrices: one node per matrix
                           operation, the default, or every scalar; PyTorch's autograd names)
          [--expand NAME[,NAME...]]   (those matrix operations drawn in place as their scalar
                           nodes, as a double-click does; NAME as on its box: z1, h, u₆)
          [--init SEED] [--edit NAME]   (inputs without a value as --init gives them; the grid
          editor of vector or matrix input NAME open: a screenshot then shows the whole screen)
  trace   EXPR --at ... --mode forward --dual         forward mode as dual numbers a + bε
  quiz    EXPR --at ... --mode forward|reverse [--blanks all|K] [--answers] [-o sheet.pdf|.tex|.txt]
  quiz    --random SEED --family chain|diamond|mlp --size N [...]   an exercise sheet
  export  ... [--steps all|K-L|K,L,M] -o 'frame-%03d.svg'|handout.pdf|sweep.gif [--caption]
          [--fps N] [--width PIXELS]
EXPR may be a session file: --file lesson.adviz [--scene K] (its point, direction and seeds
unless options say otherwise).

values may be constant expressions (--at x=pi/2); vectors and matrices take lists
(--at 'x=[0.5,-1],W=[[1,2],[3,4]],b=0': a number fills them). --init SEED gives every input
without a value a reproducible random one (README, "Vectors and matrices"). --dir defaults to e1 (the first input),
--seed to e1 (the first output). An EXPR starting with '-' goes last, after '--': adviz eval --at x=3 -- '-x^2'
adviz --version prints the version. Limits (program size, nesting, boxes drawn, trace steps):
docs/limits.md.
exit status: 0 success, 2 parse or evaluation error, 64 usage error.
)";
}

std::optional<CliError> parseOptions(const std::vector<std::string>& args, std::istream& in,
                                     Options& opt) {
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    QCommandLineOption at("at", "input values", "values"), dir("dir", "direction", "values"),
        seed("seed", "output seed", "values"), json("json", "JSON output"),
        file("file", "read EXPR from a file", "path"), mode("mode", "mode", "mode"),
        format("format", "trace format", "format"), output({"o", "output"}, "output", "path"),
        step("step", "step", "k"), shot("screenshot", "screenshot", "path"),
        tb("top-to-bottom", "layout top to bottom"), help({"h", "help"}, "help"),
        csv("csv", "CSV output"), method("method", "method", "method"),
        strategy("strategy", "strategy", "strategy"), panel("panel", "panel", "name"),
        jac("jacobian", "jacobian demo", "method"), backward("backward-graph", "backward graph"),
        progress("progress", "progress", "p"), typed("type", "type into the editor", "text"),
        present("present", "presentation mode"), theme("theme", "theme", "name"),
        textScale("text-scale", "text scale", "s"), example("example", "built-in example", "name"),
        scene("scene", "scene of a session file", "k"), steps("steps", "steps to export", "steps"),
        caption("caption", "caption under exported pictures"), fps("fps", "GIF frames per second", "n"),
        width("width", "GIF width", "pixels"), init("init", "random values for inputs without one", "seed"),
        level("level", "trace level", "level"), rolled("rolled", "draw a repeated body rolled up");
    p.addOptions({at, dir, seed, json, file, mode, format, output, step, shot, tb, help, csv, method,
                  strategy, panel, jac, backward, progress, typed, present, theme, textScale, example,
                  scene, steps, caption, fps, width, init, level, rolled});
    QCommandLineOption wrt("wrt", "the input a chain starts from", "name");
    p.addOption(wrt);
    QCommandLineOption torchView("pytorch-view", "label the shaped graph as PyTorch autograd");
    p.addOption(torchView);
    QCommandLineOption chainDemo("chain", "the chain rule tab at a product", "order");
    p.addOption(chainDemo);
    QCommandLineOption edit("edit", "open the grid editor of a vector or matrix input", "name");
    p.addOption(edit);
    QCommandLineOption expand("expand", "expand shaped operations in place", "names");
    p.addOption(expand);
    QCommandLineOption openBlock("open-block", "an overview's block opened, e.g. 4.2", "path");
    p.addOption(openBlock);
    p.addPositionalArgument("command", "command");
    addTeachOptions(p);

    QStringList list{"adviz"};
    for (const auto& a : args) list << QString::fromStdString(a);
    if (!p.parse(list)) {
        std::string msg = p.errorText().toStdString();
        const QStringList known = p.optionNames();
        for (const auto& a : args)
            if (a.size() > 1 && a[0] == '-' && a[1] != '-' &&
                !known.contains(QString::fromStdString(a.substr(1))))
                msg += "\n(an expression starting with '-' goes last, after '--': "
                       "adviz eval --at x=3 -- '" + a + "')";
        return CliError{UsageStatus, msg};
    }
    opt.help = p.isSet(help);
    QStringList pos = p.positionalArguments();
    if (pos.isEmpty()) {
        if (opt.help) return std::nullopt;
        return CliError{UsageStatus, "no command given"};
    }
    opt.command = pos.takeFirst().toStdString();
    if (auto e = readTeachOptions(p, pos, opt)) return e;
    if (p.isSet(at)) opt.at = p.value(at).toStdString();
    if (p.isSet(dir)) opt.dir = p.value(dir).toStdString();
    if (p.isSet(seed)) opt.seed = p.value(seed).toStdString();
    if (p.isSet(init)) {
        bool ok = false;
        opt.init = p.value(init).toULongLong(&ok);
        if (!ok) return CliError{UsageStatus, "--init must be a whole number from 0 (the seed)"};
    }
    opt.json = p.isSet(json);
    opt.wrt = p.value(wrt).toStdString();
    if (p.isSet(mode)) opt.mode = p.value(mode).toStdString();
    if (p.isSet(format)) opt.format = p.value(format).toStdString();
    opt.level = p.value(level).toStdString();
    if (!opt.level.empty() && opt.level != "shaped" && opt.level != "scalar")
        return CliError{UsageStatus, "--level must be shaped or scalar, not '" + opt.level + "'"};
    opt.output = p.value(output).toStdString();
    if (p.isSet(step)) opt.step = p.value(step).toStdString();
    opt.screenshot = p.value(shot).toStdString();
    opt.topToBottom = p.isSet(tb);
    opt.csv = p.isSet(csv);
    if (p.isSet(method)) opt.method = p.value(method).toStdString();
    if (p.isSet(strategy)) opt.strategy = p.value(strategy).toStdString();
    opt.panel = p.value(panel).toStdString();
    opt.jacobianDemo = p.value(jac).toStdString();
    opt.chainDemo = p.value(chainDemo).toStdString();
    opt.backwardGraph = p.isSet(backward);
    opt.rolled = p.isSet(rolled);
    opt.openBlock = p.value(openBlock).toStdString();
    opt.torchView = p.isSet(torchView);
    opt.typed = p.value(typed).toStdString();
    if (p.isSet(progress)) {
        bool ok = false;
        opt.progress = p.value(progress).toDouble(&ok);
        if (!ok || opt.progress < 0 || opt.progress >= 1)
            return CliError{UsageStatus, "--progress must be a number from 0 to below 1"};
    }
    opt.strategyGiven = p.isSet(strategy);
    opt.present = p.isSet(present);
    opt.modeGiven = p.isSet(mode);
    opt.steps = p.value(steps).toStdString();
    opt.caption = p.isSet(caption);
    auto whole = [&p](const QCommandLineOption& o, int lo, int hi, int& out) {
        if (!p.isSet(o)) return true;
        bool ok = false;
        out = p.value(o).toInt(&ok);
        return ok && out >= lo && out <= hi;
    };
    if (!whole(scene, 1, 100000, opt.scene)) return CliError{UsageStatus, "--scene must be a scene number from 1"};
    if (!whole(fps, 1, 50, opt.fps)) return CliError{UsageStatus, "--fps must be a whole number from 1 to 50"};
    if (!whole(width, 64, 4096, opt.width)) return CliError{UsageStatus, "--width must be from 64 to 4096 pixels"};
    opt.theme = p.value(theme).toStdString();
    opt.example = p.value(example).toStdString();
    opt.edit = p.value(edit).toStdString();
    for (const QString& names : p.values(expand))
        for (const QString& name : names.split(',', Qt::SkipEmptyParts)) opt.expand.push_back(name.trimmed().toStdString());
    if (p.isSet(textScale)) {
        bool ok = false;
        opt.textScale = p.value(textScale).toDouble(&ok);
        if (!ok || !(opt.textScale >= 0.7 && opt.textScale <= 3))
            return CliError{UsageStatus, "--text-scale must be a number from 0.7 to 3"};
    }

    if (opt.mode != "forward" && opt.mode != "reverse" && opt.mode != "forward-over-reverse")
        return CliError{UsageStatus, "--mode must be forward, reverse or forward-over-reverse, not '" +
                                         opt.mode + "'"};
    if (opt.format != "table" && opt.format != "csv" && opt.format != "json")
        return CliError{UsageStatus, "--format must be table, csv or json, not '" + opt.format + "'"};

    if (p.isSet(file)) {
        if (!pos.isEmpty()) return CliError{UsageStatus, "give EXPR or --file, not both"};
        const std::string path = p.value(file).toStdString();
        if (isSessionFile(path)) return readSessionSource(path, opt);  // a lesson: its scene
        return readSource(path, in, opt);
    }
    if (opt.scene > 0) return CliError{UsageStatus, "--scene goes with --file SESSION.adviz"};
    if (pos.size() > 1)
        return CliError{UsageStatus, "too many arguments: put EXPR in quotes ('" +
                                         quotedCapped(pos.join(' ').toStdString()) + "')"};
    if (pos.size() == 1 && !opt.teach.random) {
        std::string e = pos.front().toStdString();
        if (e == "-") return readSource("-", in, opt);
        if (isSessionFile(e)) return readSessionSource(e, opt);  // adviz gui lesson.adviz
        opt.source = e;
    }
    return std::nullopt;
}

}  // namespace adviz::cli
