// The teaching commands of the command line: `trace --mode forward --dual` (each forward step
// as dual-number arithmetic) and `quiz` as text (the exercise sheet and its key; PDF and TeX
// sheets are drawn by app/quiz_export.cpp with the window's scene).

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>

#include "app/cli.hpp"
#include "app/cli_job.hpp"
#include "app/commands.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/sweeps/dual_text.hpp"
#include "autodiff/teaching/worksheet.hpp"

namespace adviz::cli {

int traceDual(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const Graph& g = job.graph;
    if (opt.mode != "forward")
        return fail(err, {UsageStatus, "--dual shows forward mode: give --mode forward"});
    if (opt.format != "table") return fail(err, {UsageStatus, "--dual writes a table: leave out --format"});
    if (auto why = limits::traceRefusal(g, Mode::Forward, nullptr, true))
        return fail(err, {InputErrorStatus, "trace: " + *why});
    const Trace t = traceForward(g, job.x, job.xdot);
    out << "forward mode as dual numbers a + bε (ε² = 0: the ε part of each value is its tangent)\n";
    // The state before each step: operands are known there; stepping it keeps this linear.
    std::vector<NodeState> state = t.initial;
    for (std::size_t k = 0; k < t.steps.size(); ++k) {
        const Step& s = t.steps[k];
        std::string n = std::to_string(k + 1);
        out << n << std::string(n.size() < 5 ? 5 - n.size() : 1, ' ') << dualFormula(g, s, state, t.partials) << "\n";
        Trace::apply(s, state);
    }
    printWarnings(t.warnings, err);
    return 0;
}

std::optional<Worksheet> quizSheet(const Job& job, const Options& opt, std::ostream& err, int& status) {
    const Graph& g = job.graph;
    if (opt.mode != "forward" && opt.mode != "reverse") {
        status = fail(err, {UsageStatus, "quiz: --mode must be forward or reverse"});
        return std::nullopt;
    }
    if (auto why = limits::traceRefusal(g, modeNamed(opt.mode), nullptr, true)) {
        status = fail(err, {InputErrorStatus, "quiz: " + *why});
        return std::nullopt;
    }
    const Trace t = opt.mode == "forward" ? traceForward(g, job.x, job.xdot) : traceReverse(g, job.x, job.ybar);
    const int blanks = opt.teach.blanks == "all" ? -1 : std::stoi(opt.teach.blanks);
    return makeWorksheet(g, t, job.x, blanks, opt.teach.random.value_or(0));
}

int cmdQuiz(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    int status = 0;
    const auto sheet = quizSheet(job, opt, err, status);
    if (!sheet) return status;
    std::string text = "Program:\n";
    for (std::size_t a = 0, b; a < opt.source.size(); a = b + 1) {
        b = opt.source.find('\n', a);
        if (b == std::string::npos) b = opt.source.size();
        if (b > a) text += "    " + opt.source.substr(a, b - a) + "\n";
    }
    text += "\n" + worksheetText(*sheet, opt.teach.answers);
    if (opt.output.empty()) {
        out << text;
        return 0;
    }
    if (!opt.output.ends_with(".txt"))
        return fail(err, {UsageStatus, "quiz -o writes .txt, .pdf or .tex, not '" + opt.output + "'"});
    const std::string temporary = opt.output + ".adviz-tmp";
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file || std::rename(temporary.c_str(), opt.output.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(temporary.c_str());
        return fail(err, {Failure, "cannot write '" + quotedCapped(opt.output) + "': " + why});
    }
    return 0;
}

}  // namespace adviz::cli
