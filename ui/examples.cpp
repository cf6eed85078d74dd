#include "ui/examples.hpp"

#include <QDir>

#include "autodiff/language/parser.hpp"
#include "autodiff/shaped/init.hpp"
#include "autodiff/shaped/value_list.hpp"
#include "ui/session/session_file.hpp"

namespace adviz::ui {
namespace {

// "x=1,y=2" in the order the program names them would be nicer, but a map is sorted by name:
// the values are only looked up by name, so the order does not matter.
QString valuesText(const std::map<std::string, double>& inputs) {
    QStringList v;
    for (const auto& [name, x] : inputs) v << QString::fromStdString(name) + '=' + QString::number(x, 'g', 17);
    return v.join(',');
}

}  // namespace

std::vector<std::pair<std::string, double>> parseValues(const QString& text) {
    std::vector<shaped::GivenValue> list;
    shaped::readValueList(text.toStdString(), "values", list);  // keeps what it read before an error
    std::vector<std::pair<std::string, double>> out;
    for (const shaped::GivenValue& v : list) {
        if (v.shape.isScalar()) {
            out.emplace_back(v.name, v.values.front());
            continue;
        }
        for (std::size_t k = 0; k < v.values.size(); ++k)
            out.emplace_back(shaped::elementName(v.name, v.shape, k), v.values[k]);
    }
    return out;
}

std::vector<std::pair<std::string, double>> parseValues(const QString& text, const Graph& g) {
    std::vector<shaped::GivenValue> list;
    shaped::readValueList(text.toStdString(), "values", list);
    // Unknown names are left out, not an error: one at a time, so the others still count.
    std::vector<double> values(static_cast<std::size_t>(g.inputCount()), 0.0);
    std::vector<bool> given(values.size(), false);
    for (const shaped::GivenValue& v : list) shaped::assignToPorts(g, true, {v}, "values", values, given);
    std::vector<std::pair<std::string, double>> out;
    for (int i = 0; i < g.inputCount(); ++i)
        if (given[static_cast<std::size_t>(i)])
            out.emplace_back(std::string(g.inputName(i)), values[static_cast<std::size_t>(i)]);
    return out;
}

std::vector<std::pair<std::string, double>> exampleValues(const Example& e) {
    if (!e.init) return parseValues(e.values);
    const ParseResult r = parse(e.source.toStdString());
    if (!r.ok()) return parseValues(e.values);
    std::vector<double> values = shaped::initialValues(r.graph, *e.init);
    for (const auto& [name, v] : parseValues(e.values, r.graph))
        values[static_cast<std::size_t>(r.graph.inputIndex(name))] = v;
    std::vector<std::pair<std::string, double>> out;
    out.reserve(values.size());
    for (int i = 0; i < r.graph.inputCount(); ++i)
        out.emplace_back(std::string(r.graph.inputName(i)), values[static_cast<std::size_t>(i)]);
    return out;
}

// Each example is a one-scene session file under resources/examples/, compiled in with the Qt
// resource system and listed in file-name order (the default example first).
const std::vector<Example>& examples() {
    static const std::vector<Example> list = [] {
        std::vector<Example> out;
        const QDir dir(QStringLiteral(":/examples"));
        for (const QString& file : dir.entryList({QStringLiteral("*.adviz")}, QDir::Files, QDir::Name)) {
            const session::LoadResult r = session::load(dir.filePath(file));
            if (!r.session) continue;  // a broken built-in file is caught by the tests
            const session::Scene& s = r.session->scenes.front();
            out.push_back({s.title, s.program, valuesText(s.inputs), QString::fromStdString(s.mode),
                           QString::fromStdString(s.strategy), dir.filePath(file), s.init});
        }
        return out;
    }();
    return list;
}

QString builtInLesson() { return QStringLiteral(":/lessons/autodiff-forward-reverse.adviz"); }

}  // namespace adviz::ui
