#include "ui/examples.hpp"

#include <QDir>

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
    std::vector<std::pair<std::string, double>> out;
    for (const QString& item : text.split(',', Qt::SkipEmptyParts))
        if (auto kv = item.split('='); kv.size() == 2) out.emplace_back(kv[0].trimmed().toStdString(), kv[1].toDouble());
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
                           QString::fromStdString(s.strategy), dir.filePath(file)});
        }
        return out;
    }();
    return list;
}

QString builtInLesson() { return QStringLiteral(":/lessons/autodiff-forward-reverse.adviz"); }

}  // namespace adviz::ui
