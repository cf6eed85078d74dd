#include "app/teach_options.hpp"

#include <QCommandLineParser>
#include <QStringList>

#include "app/cli_options.hpp"
#include "autodiff/teaching/random_program.hpp"

namespace adviz::cli {
namespace {

const QCommandLineOption& option(const char* name) {
    // The options live as long as the program: a parser only keeps their names.
    static const QCommandLineOption dual("dual", "forward mode as dual numbers");
    static const QCommandLineOption blanks("blanks", "blanks on the sheet", "all|K");
    static const QCommandLineOption answers("answers", "the sheet's key");
    static const QCommandLineOption random("random", "a random program", "seed");
    static const QCommandLineOption family("family", "random program family", "name");
    static const QCommandLineOption size("size", "random program size", "n");
    static const QCommandLineOption predict("predict", "predict mode");
    static const QCommandLineOption sides("side-by-side", "forward and reverse side by side");
    const std::string n = name;
    return n == "dual" ? dual : n == "blanks" ? blanks : n == "answers" ? answers
         : n == "random" ? random : n == "family" ? family : n == "predict" ? predict
         : n == "side-by-side" ? sides : size;
}

}  // namespace

void addTeachOptions(QCommandLineParser& p) {
    for (const char* n : {"dual", "blanks", "answers", "random", "family", "size", "predict", "side-by-side"}) p.addOption(option(n));
}

std::optional<CliError> readTeachOptions(const QCommandLineParser& p, const QStringList& positional,
                                         Options& opt) {
    TeachOptions& t = opt.teach;
    t.dual = p.isSet(option("dual"));
    t.answers = p.isSet(option("answers"));
    t.predict = p.isSet(option("predict"));
    t.sideBySide = p.isSet(option("side-by-side"));
    if ((t.predict || t.sideBySide) && opt.command != "gui")
        return CliError{UsageStatus, "--predict and --side-by-side go with the gui command"};
    if (p.isSet(option("blanks"))) {
        t.blanks = p.value(option("blanks")).toStdString();
        bool ok = false;
        const int k = p.value(option("blanks")).toInt(&ok);
        if (t.blanks != "all" && (!ok || k < 0))
            return CliError{UsageStatus, "--blanks must be 'all' or a number of blanks, not '" + t.blanks + "'"};
    }
    if (p.isSet(option("family"))) t.family = p.value(option("family")).toStdString();
    if (!familyNamed(t.family))
        return CliError{UsageStatus, "--family must be chain, diamond or mlp, not '" + t.family + "'"};
    if (p.isSet(option("size"))) {
        bool ok = false;
        t.size = p.value(option("size")).toInt(&ok);
        if (!ok || t.size < 1 || t.size > 12) return CliError{UsageStatus, "--size must be from 1 to 12"};
    }
    if (p.isSet(option("random"))) {
        bool ok = false;
        const qulonglong seed = p.value(option("random")).toULongLong(&ok);
        if (!ok) return CliError{UsageStatus, "--random must be a whole number (the seed)"};
        if (!positional.isEmpty()) return CliError{UsageStatus, "give EXPR or --random SEED, not both"};
        t.random = seed;
        const RandomProgram r = randomProgram(seed, *familyNamed(t.family), t.size);
        opt.source = r.source;
        opt.sourceName = "random program " + std::to_string(seed);
        if (!opt.at) opt.at = r.at;
    }
    const bool quiz = opt.command == "quiz";
    if (!quiz && (t.random || p.isSet(option("blanks")) || t.answers || p.isSet(option("family")) || p.isSet(option("size"))))
        return CliError{UsageStatus, "--random, --family, --size, --blanks and --answers go with the quiz command"};
    if (t.dual && opt.command != "trace" && opt.command != "gui")
        return CliError{UsageStatus, "--dual goes with the trace and gui commands"};
    return std::nullopt;
}

}  // namespace adviz::cli
