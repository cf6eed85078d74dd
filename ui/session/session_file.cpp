#include "ui/session/session_file.hpp"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace adviz::session {
namespace {

QJsonValue number(double x) {
    if (std::isnan(x)) return QStringLiteral("nan");
    if (std::isinf(x)) return x > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return x;
}

QJsonObject numbers(const std::map<std::string, double>& m) {
    QJsonObject o;
    for (const auto& [name, x] : m) o.insert(QString::fromStdString(name), number(x));
    return o;
}

// Reading: each helper checks one field's kind and says where it is when it is wrong.
struct Reader {
    std::optional<LoadError> error;

    void fail(const QString& where, const QString& message) {
        if (!error) error = LoadError{where, message};
    }
    QString text(const QJsonObject& o, const char* key, const QString& at, bool required = false) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required) fail(at + '.' + key, QStringLiteral("missing"));
            return {};
        }
        if (!v.isString()) fail(at + '.' + key, QStringLiteral("expected text"));
        return v.toString();
    }
    bool flag(const QJsonObject& o, const char* key, const QString& at, bool otherwise) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) return otherwise;
        if (!v.isBool()) fail(at + '.' + key, QStringLiteral("expected true or false"));
        return v.toBool(otherwise);
    }
    double value(const QJsonValue& v, const QString& at) {
        if (v.isDouble()) return v.toDouble();
        if (v.isString()) {
            const QString s = v.toString();
            if (s == QLatin1String("nan")) return NAN;
            if (s == QLatin1String("inf")) return INFINITY;
            if (s == QLatin1String("-inf")) return -INFINITY;
        }
        fail(at, QStringLiteral("expected a number (or \"nan\", \"inf\", \"-inf\")"));
        return 0;
    }
    std::map<std::string, double> numbers(const QJsonObject& o, const char* key, const QString& at) {
        std::map<std::string, double> out;
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) return out;
        if (!v.isObject()) {
            fail(at + '.' + key, QStringLiteral("expected an object of name: number"));
            return out;
        }
        const QJsonObject m = v.toObject();
        for (auto it = m.begin(); it != m.end(); ++it)
            out[it.key().toStdString()] = value(it.value(), at + '.' + key + '.' + it.key());
        return out;
    }
    Scene scene(const QJsonObject& o, const QString& at) {
        Scene s;
        s.title = text(o, "title", at);
        s.note = text(o, "note", at);
        s.program = text(o, "program", at, true);
        s.inputs = numbers(o, "inputs", at);
        s.directions = numbers(o, "directions", at);
        s.seeds = numbers(o, "seeds", at);
        const QJsonValue init = o.value(QLatin1String("init"));
        if (!init.isUndefined()) {
            // A JSON number holds whole numbers exactly up to 2⁵³: seeds beyond are refused, not
            // rounded to another seed.
            const double k = init.toDouble(-1);
            if (!init.isDouble() || k < 0 || k != std::floor(k) || k > 9007199254740992.0)
                fail(at + ".init", QStringLiteral("expected a whole number from 0 to 2^53 (the --init seed)"));
            else s.init = static_cast<std::uint64_t>(k);
        }
        if (QString m = text(o, "mode", at); !m.isEmpty()) {
            if (m != QLatin1String("forward") && m != QLatin1String("reverse") && m != QLatin1String("forward-over-reverse"))
                fail(at + ".mode", QStringLiteral("expected forward, reverse or forward-over-reverse, not \"%1\"").arg(m));
            s.mode = m.toStdString();
        }
        if (QString st = text(o, "strategy", at); !st.isEmpty()) s.strategy = st.toStdString();
        const QJsonValue step = o.value(QLatin1String("step"));
        if (!step.isUndefined()) {
            const double k = step.toDouble(-1);
            if (!step.isDouble() || k < 0 || k != std::floor(k) || k > 1e9)
                fail(at + ".step", QStringLiteral("expected a whole number ≥ 0"));
            else s.step = static_cast<int>(k);
        }
        const QJsonValue view = o.value(QLatin1String("view"));
        if (!view.isUndefined() && !view.isObject()) fail(at + ".view", QStringLiteral("expected an object"));
        const QJsonObject v = view.toObject();
        s.view.edgeLabels = flag(v, "edge_labels", at + ".view", true);
        s.view.topToBottom = flag(v, "top_to_bottom", at + ".view", false);
        s.view.backwardGraph = flag(v, "backward_graph", at + ".view", false);
        s.view.panel = text(v, "panel", at + ".view");
        return s;
    }
};

// "line 3, column 14" for a byte offset into the text.
QString position(const QByteArray& json, int offset) {
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') { ++line; column = 1; }
        else if ((json[i] & 0xC0) != 0x80) ++column;  // count characters, not UTF-8 bytes
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

}  // namespace

QByteArray toJson(const Session& s) {
    QJsonArray scenes;
    for (const Scene& sc : s.scenes) {
        QJsonObject o;
        o.insert(QStringLiteral("title"), sc.title);
        if (!sc.note.isEmpty()) o.insert(QStringLiteral("note"), sc.note);
        o.insert(QStringLiteral("program"), sc.program);
        o.insert(QStringLiteral("inputs"), numbers(sc.inputs));
        o.insert(QStringLiteral("directions"), numbers(sc.directions));
        o.insert(QStringLiteral("seeds"), numbers(sc.seeds));
        if (sc.init) o.insert(QStringLiteral("init"), static_cast<double>(*sc.init));
        o.insert(QStringLiteral("mode"), QString::fromStdString(sc.mode));
        o.insert(QStringLiteral("strategy"), QString::fromStdString(sc.strategy));
        o.insert(QStringLiteral("step"), sc.step);
        QJsonObject view{{QStringLiteral("edge_labels"), sc.view.edgeLabels},
                         {QStringLiteral("top_to_bottom"), sc.view.topToBottom},
                         {QStringLiteral("backward_graph"), sc.view.backwardGraph}};
        if (!sc.view.panel.isEmpty()) view.insert(QStringLiteral("panel"), sc.view.panel);
        o.insert(QStringLiteral("view"), view);
        scenes.append(o);
    }
    QJsonObject root{{QStringLiteral("format"), QString::fromLatin1(formatName)},
                     {QStringLiteral("version"), formatVersion},
                     {QStringLiteral("current_scene"), s.currentScene},
                     {QStringLiteral("scenes"), scenes}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

LoadResult fromJson(const QByteArray& json) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return {std::nullopt, LoadError{position(json, parseError.offset),
                                        QStringLiteral("not valid JSON (%1)%2").arg(parseError.errorString(),
                                            parseError.offset >= json.size() - 1 ? QStringLiteral("; the file may be cut short") : QString())}};
    if (!doc.isObject()) return {std::nullopt, LoadError{{}, QStringLiteral("not an adviz session (the top level is not an object)")}};
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(formatName))
        return {std::nullopt, LoadError{QStringLiteral("format"), QStringLiteral("not an adviz session (expected \"%1\")").arg(QLatin1String(formatName))}};
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != std::floor(version.toDouble()))
        return {std::nullopt, LoadError{QStringLiteral("version"), QStringLiteral("expected a whole number ≥ 1")}};
    if (version.toDouble() > formatVersion)
        return {std::nullopt, LoadError{QStringLiteral("version"),
            QStringLiteral("version %1 is newer than this adviz reads (%2): open it with a newer adviz")
                .arg(version.toDouble()).arg(formatVersion)}};
    const QJsonValue scenes = root.value(QStringLiteral("scenes"));
    if (!scenes.isArray() || scenes.toArray().isEmpty())
        return {std::nullopt, LoadError{QStringLiteral("scenes"), QStringLiteral("expected a list of at least one scene")}};
    Reader r;
    Session s;
    const QJsonArray list = scenes.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString at = QStringLiteral("scenes[%1]").arg(i);
        if (!list[i].isObject()) r.fail(at, QStringLiteral("expected an object"));
        else s.scenes.push_back(r.scene(list[i].toObject(), at));
    }
    const double current = root.value(QStringLiteral("current_scene")).toDouble(0);
    if (current < 0 || current >= list.size() || current != std::floor(current))
        r.fail(QStringLiteral("current_scene"), QStringLiteral("expected a scene number from 0 to %1").arg(list.size() - 1));
    else s.currentScene = static_cast<int>(current);
    if (r.error) return {std::nullopt, r.error};
    return {std::move(s), std::nullopt};
}

LoadResult load(const QString& path) {
    QFileInfo info(path);
    if (!info.exists()) return {std::nullopt, LoadError{path, QStringLiteral("no such file")}};
    if (info.isDir()) return {std::nullopt, LoadError{path, QStringLiteral("is a folder, not a session file")}};
    if (info.size() > maxFileBytes)
        return {std::nullopt, LoadError{path, QStringLiteral("%1 bytes: larger than the %2 MB a session file may have")
                                                  .arg(info.size()).arg(maxFileBytes / (1024 * 1024))}};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {std::nullopt, LoadError{path, QStringLiteral("cannot be read: %1").arg(f.errorString())}};
    const QByteArray json = f.read(maxFileBytes + 1);
    LoadResult r = fromJson(json);
    if (r.error) r.error->where = r.error->where.isEmpty() ? path : path + QStringLiteral(": ") + r.error->where;
    return r;
}

std::optional<QString> save(const Session& s, const QString& path) {
    QSaveFile f(path);  // writes a temporary file and renames it into place on commit
    if (!f.open(QIODevice::WriteOnly)) return QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
    const QByteArray json = toJson(s);
    if (f.write(json) != json.size()) return QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
    if (!f.commit()) return QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
    return std::nullopt;
}

bool isSessionPath(const QString& path) { return path.endsWith(QStringLiteral(".adviz"), Qt::CaseInsensitive); }

}  // namespace adviz::session
