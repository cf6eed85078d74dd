#include "app/session_source.hpp"

#include <QString>


#include "app/cli_options.hpp"
#include "autodiff/number_format.hpp"
#include "ui/session/session_file.hpp"

namespace adviz::cli {
namespace {

// name=value pairs in the form --at reads (shortest round-trip numbers; nan and ±inf by name).
std::string assignments(const std::map<std::string, double>& values) {
    std::string out;
    for (const auto& [name, x] : values) {
        out += (out.empty() ? "" : ",") + name + "=" + formatExact(x);  // reads back bit for bit
    }
    return out;
}

}  // namespace

bool isSessionFile(const std::string& path) { return session::isSessionPath(QString::fromStdString(path)); }

std::optional<CliError> readSessionSource(const std::string& path, Options& opt) {
    const session::LoadResult r = session::load(QString::fromStdString(path));
    if (r.error) return CliError{InputErrorStatus, r.error->text().toStdString()};
    const auto& scenes = r.session->scenes;
    const int count = static_cast<int>(scenes.size());
    if (opt.scene < 0 || opt.scene > count)
        return CliError{UsageStatus, "--scene " + std::to_string(opt.scene) + ": " + path + " has " +
                                         std::to_string(count) + (count == 1 ? " scene" : " scenes")};
    const int index = opt.scene > 0 ? opt.scene - 1 : 0;
    const session::Scene& s = scenes[static_cast<std::size_t>(index)];
    opt.source = s.program.toStdString();
    opt.sourceName = path;
    opt.sessionPath = path;
    opt.sceneTitle = s.title.toStdString();
    if (!opt.at && !s.inputs.empty()) opt.at = assignments(s.inputs);
    if (!opt.dir && !s.directions.empty()) opt.dir = assignments(s.directions);
    if (!opt.seed && !s.seeds.empty()) opt.seed = assignments(s.seeds);
    if (!opt.modeGiven) opt.mode = s.mode;
    if (!opt.strategyGiven && s.strategy != "store-all") {
        opt.strategy = s.strategy;
        opt.strategyGiven = true;
    }
    return std::nullopt;
}

}  // namespace adviz::cli
