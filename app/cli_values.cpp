// The name=value lists of --at, --dir and --seed: read by the engine (shaped/value_list.hpp, which
// the window's examples and settings read too); here only what is missing and the exit status.

#include <cmath>
#include <unordered_set>

#include "app/cli_options.hpp"
#include "autodiff/shaped/init.hpp"
#include "autodiff/shaped/value_list.hpp"

namespace adviz::cli {
namespace {

using shaped::Port;

CliError cliError(const shaped::ValueListError& e) {
    return CliError{e.malformed ? UsageStatus : InputErrorStatus, e.message};
}

}  // namespace

std::optional<CliError> assignInputs(const Graph& g, const std::string& text, const char* option,
                                     std::vector<double>& values,
                                     std::vector<std::string>* missing) {
    std::vector<shaped::GivenValue> list;
    if (auto e = shaped::readValueList(text, option, list)) return cliError(*e);
    values.assign(static_cast<std::size_t>(g.inputCount()), std::nan(""));
    std::vector<bool> given(values.size(), false);
    if (auto e = shaped::assignToPorts(g, true, list, option, values, given)) return cliError(*e);
    if (missing) {
        // Only values that were never assigned count as missing: x=nan is a choice.
        for (const Port& p : shaped::inputPorts(g))
            for (std::int32_t i : p.items)
                if (!given[static_cast<std::size_t>(i)]) {
                    missing->push_back(p.name);
                    break;
                }
    }
    return std::nullopt;
}

std::optional<CliError> assignOutputs(const Graph& g, const std::string& text,
                                      std::vector<double>& values) {
    std::vector<shaped::GivenValue> list;
    if (auto e = shaped::readValueList(text, "--seed", list)) return cliError(*e);
    values.assign(static_cast<std::size_t>(g.outputCount()), 0.0);
    std::vector<bool> given(values.size(), false);
    if (auto e = shaped::assignToPorts(g, false, list, "--seed", values, given)) return cliError(*e);
    return std::nullopt;
}

void applyInit(const Graph& g, std::uint64_t seed, std::vector<double>& values,
               std::vector<std::string>& missing) {
    if (missing.empty()) return;
    const std::vector<double> init = shaped::initialValues(g, seed);
    const std::unordered_set<std::string> wanted(missing.begin(), missing.end());
    // A port given in part (W1[0,0]=1) keeps what was given; the rest is drawn.
    for (const Port& p : shaped::inputPorts(g)) {
        if (wanted.count(p.name) == 0) continue;
        for (std::int32_t i : p.items)
            if (std::isnan(values[static_cast<std::size_t>(i)]))
                values[static_cast<std::size_t>(i)] = init[static_cast<std::size_t>(i)];
    }
    missing.clear();
}

}  // namespace adviz::cli
