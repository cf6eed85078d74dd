// The catalogue of hostile input (issue 15), run against the real `adviz` executable: each row
// states the exit status, a bound on time and peak memory, what the message must say and how
// long stderr may be. Inputs that once crashed, exhausted memory or flooded the terminal.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
constexpr double slowdown = 4;  // sanitized builds are slower and hold shadow memory
#else
constexpr double slowdown = 1;
#endif

struct Outcome {
    int status = -1;       ///< exit status, or −signal
    double seconds = 0;
    long peakMB = 0;       ///< peak resident memory of the child
    std::string out, err;
    bool timedOut = false;
};

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

/// Runs adviz with args, stdin from `input`, killing it after `limit` seconds.
Outcome runAdviz(const std::vector<std::string>& args, const std::string& input, double limit,
                 const fs::path& dir, bool keepStdout) {
    const fs::path outPath = dir / "stdout", errPath = dir / "stderr";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, input.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, keepStdout ? outPath.c_str() : "/dev/null",
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<std::string> argv{ADVIZ_EXE};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    Outcome o;
    pid_t pid = 0;
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(posix_spawn(&pid, ADVIZ_EXE, &actions, nullptr, cargv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    int wstatus = 0;
    rusage usage{};
    for (;;) {
        const pid_t done = wait4(pid, &wstatus, WNOHANG, &usage);
        o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (done == pid) break;
        if (o.seconds > limit && !o.timedOut) {
            o.timedOut = true;
            kill(pid, SIGKILL);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    o.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -WTERMSIG(wstatus);
    o.peakMB = usage.ru_maxrss / 1024;
    if (keepStdout) o.out = slurp(outPath);
    o.err = slurp(errPath);
    return o;
}

struct Case {
    Case(const char* w, std::vector<std::string> a, std::string in, int st, std::string err = "",
         std::string out = "", double s = 5)
        : what(w), args(std::move(a)), input(std::move(in)), status(st), errHas(std::move(err)),
          outHas(std::move(out)), seconds(s) {}
    const char* what;
    std::vector<std::string> args;
    std::string input;                ///< standard input
    int status = 0;
    std::string errHas;               ///< the message must say this
    std::string outHas;               ///< standard output must hold this (kept only then)
    double seconds = 5;
    long megabytes = 300;
    std::size_t errBytes = 1000;      ///< stderr at most this long
};

/// a1 = sin(x), ak = sin(a(k−1))*a(k−1): 2·length − 1 operations.
std::string chain(int length) {
    std::string src = "a1 = sin(x)\n";
    for (int k = 2; k <= length; ++k)
        src += "a" + std::to_string(k) + " = sin(a" + std::to_string(k - 1) + ")*a" +
               std::to_string(k - 1) + "\n";
    return src;
}

std::string sumOf(int inputs) {
    std::string src = "x1";
    for (int i = 2; i <= inputs; ++i) src += "+x" + std::to_string(i);
    return src;
}

fs::path write(const fs::path& dir, const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
}

}  // namespace

TEST_CASE("the catalogue of hostile input: status, time, memory and message", "[catalogue]") {
    const fs::path dir = fs::temp_directory_path() / ("adviz-catalogue-" + std::to_string(getpid()));
    fs::create_directories(dir);
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
    const std::string chain5k = write(dir, "chain5k", chain(5000));
    const std::string chain50k = write(dir, "chain50k", chain(50'000));
    const std::string chain300k = write(dir, "chain300k", chain(300'000));  // 9 MB
    const std::string long1 = write(dir, "oneline", std::string(10'000'000, 'x') + "+)");
    const std::string nuls = write(dir, "nuls", std::string(1'000'000, '\0'));
    const std::string deep = write(dir, "deep", std::string(100'000, '(') + "x");
    const std::string wide = write(dir, "wide", sumOf(100'000));
    const std::string sum8k = write(dir, "sum8k", sumOf(8000));
    const std::string crOnly = write(dir, "cr", "a = x\rb = a*2\rc = b + y");
    const std::string crlf = write(dir, "crlf", "# comment\r\na = x\r\nb = a*2 + y\r\n");
    const std::string comments = write(dir, "comments", "# only\n# comments\n");
    const std::string big = write(dir, "big4k", chain(2000));  // 3,999 operations
    const std::string version = std::string("adviz ") + ADVIZ_VERSION + "\n";

    const std::vector<Case> cases{
        {"every:K near INT_MAX", {"checkpoint", "sin(x)*x", "--at", "x=1", "--strategy", "every:2147483647"}, "/dev/null", 0, "", "∂f/∂x = "},
        {"trace binomial:1 on 10k operations", {"trace", "--file", chain5k, "--at", "x=0.5", "--strategy", "binomial:1"}, "/dev/null", 2, "--format csv"},
        {"checkpoint binomial:1 on 100k operations", {"checkpoint", "--file", chain50k, "--at", "x=0.5", "--strategy", "binomial:1"}, "/dev/null", 2, "500,000,000"},
        {"trace JSON of 600k operations", {"trace", "--file", chain300k, "--at", "x=0.5", "--format", "json"}, "/dev/null", 2, "--format csv"},
        {"trace CSV of 100k operations streams", {"trace", "--file", chain50k, "--at", "x=0.5", "--format", "csv"}, "/dev/null", 0, "", "", 20},
        {"stdin of /dev/zero", {"eval", "-", "--at", "x=1"}, "/dev/zero", 2, "16 MB"},
        {"a 10 MB line with an error at its end", {"eval", "--file", long1}, "/dev/null", 2, "error:"},
        {"1 MB of NUL bytes", {"eval", "--file", nuls}, "/dev/null", 2, "error:"},
        {"100,000 nested parentheses", {"eval", "--file", deep}, "/dev/null", 2, "nesting deeper than"},
        {"100,000 inputs without values", {"eval", "--file", wide}, "/dev/null", 2, "and 99,990 more"},
        {"swell stopped by the visit limit", {"swell", "--file", sum8k, "--csv"}, "/dev/null", 0, "", "program,8000,15999,15999,8000,1,visits", 20},
        {"--at out of range", {"eval", "x", "--at", "x=1e999"}, "/dev/null", 64, "out of range"},
        {"--at nan is a value", {"eval", "x+1", "--at", "x=nan"}, "/dev/null", 0, "", "f = nan"},
        {"--at twice", {"eval", "x", "--at", "x=1,x=2"}, "/dev/null", 64, "given twice"},
        {"a file that does not exist", {"eval", "--file", (dir / "missing").string()}, "/dev/null", 2, "No such file or directory"},
        {"a directory", {"eval", "--file", dir.string()}, "/dev/null", 2, "is a directory"},
        {"CR-only line endings", {"eval", "--file", crOnly, "--at", "x=1,y=2"}, "/dev/null", 0, "", "c = 4"},
        {"CRLF line endings", {"eval", "--file", crlf, "--at", "x=1,y=2"}, "/dev/null", 0, "", "b = 4"},
        {"empty input", {"eval", "-"}, "/dev/null", 2, "empty program"},
        {"only comments", {"eval", "--file", comments}, "/dev/null", 2, "empty program"},
        {"typeset operators", {"eval", "x × y − x ÷ y", "--at", "x=1,y=2"}, "/dev/null", 0, "", "f = 1.5"},
        {"a dash for a minus", {"eval", "x – y", "--at", "x=1,y=2"}, "/dev/null", 2, "use '-'"},
        {"a negative base prints as one", {"eval", "pow(-8, 1/3)"}, "/dev/null", 0, "(−8)^"},
        {"export to an unwritable path", {"export", "x*y", "--at", "x=1,y=2", "-o", "/nonexistent-dir/out.svg"}, "/dev/null", 1, "cannot write", "", 20},
        {"export DOT to an unwritable path", {"export", "x*y", "--at", "x=1,y=2", "-o", "/nonexistent-dir/out.dot"}, "/dev/null", 1, "No such file or directory"},
        {"export DOT above the drawing limit", {"export", "--file", big, "--at", "x=0.5", "-o", (dir / "big.dot").string()}, "/dev/null", 0},
        {"--version", {"--version"}, "/dev/null", 0, "", version},
    };
    for (const Case& c : cases) {
        DYNAMIC_SECTION(c.what) {
            const Outcome o = runAdviz(c.args, c.input, c.seconds * slowdown + 5, dir,
                                       !c.outHas.empty());
            INFO("stderr: " << o.err.substr(0, 2000));
            CHECK_FALSE(o.timedOut);
            CHECK(o.status == c.status);
            CHECK(o.seconds <= c.seconds * slowdown);
            CHECK(o.peakMB <= static_cast<long>(c.megabytes * (slowdown > 1 ? 3 : 1)));
            CHECK(o.err.size() <= c.errBytes);
            CHECK(o.err.find('\0') == std::string::npos);
            if (!c.errHas.empty()) CHECK_THAT(o.err, Catch::Contains(c.errHas));
            if (!c.outHas.empty()) CHECK_THAT(o.out, Catch::Contains(c.outHas));
        }
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
}
