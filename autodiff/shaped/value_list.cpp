#include "autodiff/shaped/value_list.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/shaped/init.hpp"
#include "autodiff/sweeps/derivatives.hpp"

namespace adviz::shaped {
namespace {

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
std::vector<std::string> items(std::string_view text) {
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

std::optional<ValueListError> readValue(const std::string& valueText, const char* option,
                                        GivenValue& out) {
    if (auto special = specialValue(valueText)) {
        out.values = {*special};
        return std::nullopt;
    }
    // A plain decimal number needs no parser: a saved point of 10⁵ weights reads in milliseconds.
    double plain = 0;
    const char* end = valueText.data() + valueText.size();
    if (auto [ptr, ec] = std::from_chars(valueText.data(), end, plain);
        !valueText.empty() && ec == std::errc{} && ptr == end && std::isfinite(plain)) {
        out.values = {plain};
        return std::nullopt;
    }
    ParseResult pr = parse(valueText);
    const std::string what = std::string(option) + ": '" + quotedCapped(valueText) + "'";
    if (!pr.ok())  // the parser's reason: "number out of range", "unknown function", …
        return ValueListError{true, what + " is not a number, list or constant expression (" +
                                        pr.error->message + ")"};
    const auto ports = outputPorts(pr.graph);
    if (pr.graph.inputCount() != 0 || ports.size() != 1 ||
        valueText.find('=') != std::string::npos || valueText.find(';') != std::string::npos)
        return ValueListError{true, what + " is not a number, list or constant expression"};
    EvalResult ev = evaluateAt(pr.graph, {});
    out.shape = ports.front().shape;
    out.values = ev.outputs;
    return std::nullopt;
}

std::vector<std::string> portNames(const std::vector<Port>& ports) {
    std::vector<std::string> names;
    for (const Port& p : ports) names.push_back(p.name);
    return names;
}

// Writes a given value into a port's elements: equal shapes, or a number filling them all.
std::optional<ValueListError> store(const GivenValue& v, const Port& port, const char* option,
                                    std::vector<double>& values, std::vector<bool>& given) {
    const bool fill = v.shape.isScalar();
    if (!fill && !(v.shape == port.shape))
        return ValueListError{false, std::string(option) + ": '" + v.name + "' is " +
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
            byName.emplace(inputs ? std::string(g.inputName(i))
                                  : g.outputs[static_cast<std::size_t>(i)].name,
                           one);
        }
    }
    return byName;
}

}  // namespace

std::optional<ValueListError> readValueList(std::string_view text, const char* option,
                                            std::vector<GivenValue>& out) {
    std::unordered_set<std::string> seen;
    for (const std::string& it : items(text)) {
        auto eq = it.find('=');
        if (eq == std::string::npos)
            return ValueListError{true, std::string(option) + ": expected name=value, got '" +
                                            quotedCapped(it) + "'"};
        GivenValue g;
        g.name = trim(it.substr(0, eq));
        if (g.name.empty())
            return ValueListError{true, std::string(option) + ": a name is missing before '=' in '" +
                                            quotedCapped(it) + "'"};
        if (!seen.insert(g.name).second)  // x=1,x=2 silently kept the last
            return ValueListError{true, std::string(option) + ": '" + quotedCapped(g.name) +
                                            "' is given twice"};
        if (auto e = readValue(trim(it.substr(eq + 1)), option, g)) return e;
        out.push_back(std::move(g));
    }
    return std::nullopt;
}

std::optional<ValueListError> assignToPorts(const Graph& g, bool inputs,
                                            const std::vector<GivenValue>& list,
                                            const char* option, std::vector<double>& values,
                                            std::vector<bool>& given) {
    const std::vector<Port> ports = inputs ? inputPorts(g) : outputPorts(g);
    // Names to ports once: a linear search per name would be quadratic in 10⁵ inputs.
    const auto byName = portsByName(ports, inputs, g);
    for (const GivenValue& v : list) {
        const auto found = byName.find(v.name);
        if (found == byName.end()) {
            const auto names = portNames(ports);
            return ValueListError{
                false, std::string(option) + ": '" + v.name + "' is not an " +
                           (inputs ? "input" : "output") + " of the program (" +
                           (inputs ? "inputs: " : "outputs: ") +
                           (names.empty() && inputs ? "none" : listed(names)) + ")"};
        }
        if (auto e = store(v, found->second, option, values, given)) return e;
    }
    return std::nullopt;
}

std::string elementName(std::string_view name, const Shape& shape, std::size_t k) {
    return std::string(name) + shape.indexText(k);
}

std::string quotedCapped(std::string_view text) {
    constexpr std::size_t most = 60;
    if (text.size() <= most) return std::string(text);
    std::size_t cut = most;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "… (" +
           limits::grouped(static_cast<long long>(text.size())) + " bytes)";
}

std::string listed(const std::vector<std::string>& names, const std::string& separator) {
    std::string s;
    const std::size_t shown = std::min(names.size(), limits::maxListedNames);
    for (std::size_t i = 0; i < shown; ++i) s += (i ? separator : "") + quotedCapped(names[i]);
    if (shown < names.size())
        s += " … and " + limits::grouped(static_cast<long long>(names.size() - shown)) + " more";
    return s;
}

}  // namespace adviz::shaped
