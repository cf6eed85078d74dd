// The name=value lists of --at, --dir and --seed. A value is a constant expression of the
// language: a number (x=pi/2), or a nested list for a vector or matrix (x=[0.5,-1],
// W=[[1,2],[3,4]]); a plain number fills a whole vector or matrix (b1=0). Single elements can
// be set by their labels too (W1[1,0]=0.5).

#include <cctype>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "app/cli_options.hpp"
#include "autodiff/derivatives.hpp"
#include "autodiff/parser.hpp"
#include "autodiff/shaped/init.hpp"

namespace adviz::cli {
namespace {

using shaped::Port;
using shaped::Shape;

// A value as written: a number (rank 0) or a vector or matrix, row-major.
struct Given {
    std::string name;
    Shape shape;
    std::vector<double> values;
};

std::optional<double> specialValue(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (text == "nan" || text == "+nan" || text == "-nan") return std::nan("");
    if (text == "inf" || text == "+inf" || text == "infinity") return HUGE_VAL;
    if (text == "-inf" || text == "-infinity") return -HUGE_VAL;
    return std::nullopt;
}

std::string trim(std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
}

// Splits "a=1, b=pow(2,3), W=[[1,2],[3,4]]" at the commas outside parentheses and brackets.
std::vector<std::string> items(const std::string& text) {
    std::vector<std::string> out;
    int depth = 0;
    std::string item;
    for (char c : text) {
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') --depth;
        if (c == ',' && depth == 0) {
            out.push_back(item);
            item.clear();
        } else {
            item += c;
        }
    }
    if (!item.empty() || !out.empty()) out.push_back(item);
    return out;
}

std::optional<CliError> readValue(const std::string& valueText, const char* option, Given& out) {
    if (auto special = specialValue(valueText)) {
        out.values = {*special};
        return std::nullopt;
    }
    ParseResult pr = parse(valueText);
    const std::string what = std::string(option) + ": '" + quotedCapped(valueText) + "'";
    if (!pr.ok())  // the parser's reason: "number out of range", "unknown function", …
        return CliError{UsageStatus, what + " is not a number, list or constant expression (" +
                                         pr.error->message + ")"};
    const auto ports = shaped::outputPorts(pr.graph);
    if (pr.graph.inputCount() != 0 || ports.size() != 1 ||
        valueText.find('=') != std::string::npos || valueText.find(';') != std::string::npos)
        return CliError{UsageStatus, what + " is not a number, list or constant expression"};
    EvalResult ev = evaluateAt(pr.graph, {});
    out.shape = ports.front().shape;
    out.values = ev.outputs;
    return std::nullopt;
}

std::optional<CliError> split(const std::string& text, const char* option, std::vector<Given>& out) {
    std::unordered_set<std::string> seen;
    for (const std::string& it : items(text)) {
        auto eq = it.find('=');
        if (eq == std::string::npos)
            return CliError{UsageStatus, std::string(option) + ": expected name=value, got '" +
                                             quotedCapped(it) + "'"};
        Given g;
        g.name = trim(it.substr(0, eq));
        if (g.name.empty())
            return CliError{UsageStatus, std::string(option) + ": a name is missing before '=' in '" +
                                             quotedCapped(it) + "'"};
        if (!seen.insert(g.name).second)  // x=1,x=2 silently kept the last
            return CliError{UsageStatus, std::string(option) + ": '" + quotedCapped(g.name) +
                                             "' is given twice"};
        if (auto e = readValue(trim(it.substr(eq + 1)), option, g)) return e;
        out.push_back(std::move(g));
    }
    return std::nullopt;
}

std::vector<std::string> portNames(const std::vector<Port>& ports) {
    std::vector<std::string> names;
    for (const Port& p : ports) names.push_back(p.name);
    return names;
}

// Writes a given value into a port's elements: equal shapes, or a number filling them all.
std::optional<CliError> store(const Given& v, const Port& port, const char* option,
                              std::vector<double>& values, std::vector<bool>& given) {
    const bool fill = v.shape.isScalar();
    if (!fill && !(v.shape == port.shape))
        return CliError{InputErrorStatus, std::string(option) + ": '" + v.name + "' is " +
                                              port.shape.text() + ", the value given is " +
                                              v.shape.text()};
    for (std::size_t k = 0; k < port.items.size(); ++k) {
        const auto i = static_cast<std::size_t>(port.items[k]);
        values[i] = fill ? v.values.front() : v.values[k];
        given[i] = true;
    }
    return std::nullopt;
}

// Name → port, and each element label (W1[1,0]) → a port of its own.
std::unordered_map<std::string, Port> portsByName(const std::vector<Port>& ports, bool inputs,
                                                  const Graph& g) {
    std::unordered_map<std::string, Port> byName;
    for (const Port& p : ports) {
        byName.emplace(p.name, p);
        if (p.shape.isScalar()) continue;
        for (std::int32_t i : p.items) {
            Port one;
            one.items = {i};
            byName.emplace(inputs ? std::string(g.inputName(i)) : g.outputs[static_cast<std::size_t>(i)].name, one);
        }
    }
    return byName;
}

}  // namespace

std::optional<CliError> assignInputs(const Graph& g, const std::string& text, const char* option,
                                     std::vector<double>& values,
                                     std::vector<std::string>* missing) {
    std::vector<Given> list;
    if (auto e = split(text, option, list)) return e;
    values.assign(static_cast<std::size_t>(g.inputCount()), std::nan(""));
    const std::vector<Port> ports = shaped::inputPorts(g);
    // Names to ports once: a linear search per name would be quadratic in 10⁵ inputs.
    const auto byName = portsByName(ports, true, g);
    std::vector<bool> given(values.size(), false);
    for (const Given& v : list) {
        const auto found = byName.find(v.name);
        if (found == byName.end()) {
            const auto names = portNames(ports);
            return CliError{InputErrorStatus, std::string(option) + ": '" + v.name +
                                                  "' is not an input of the program (inputs: " +
                                                  (names.empty() ? "none" : listed(names)) + ")"};
        }
        if (auto e = store(v, found->second, option, values, given)) return e;
    }
    if (missing) {
        // Only values that were never assigned count as missing: x=nan is a choice.
        for (const Port& p : ports)
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
    std::vector<Given> list;
    if (auto e = split(text, "--seed", list)) return e;
    values.assign(static_cast<std::size_t>(g.outputCount()), 0.0);
    const std::vector<Port> ports = shaped::outputPorts(g);
    const auto byName = portsByName(ports, false, g);
    std::vector<bool> given(values.size(), false);
    for (const Given& v : list) {
        const auto found = byName.find(v.name);
        if (found == byName.end())
            return CliError{InputErrorStatus, "--seed: '" + v.name +
                                                  "' is not an output of the program (outputs: " +
                                                  listed(portNames(ports)) + ")"};
        if (auto e = store(v, found->second, "--seed", values, given)) return e;
    }
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
