#pragma once
// The .adviz session file: JSON with a format name and a version, holding one or more scenes,
// each the whole state a teacher prepares (program, point, direction, seeds, mode, checkpoint
// strategy, step, view options). Read by the window and by every command-line command. Written
// atomically (a temporary file renamed into place). Uses Qt Core only. The format is documented
// in docs/session-format.md.

#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "autodiff/limits.hpp"

namespace adviz::session {

inline constexpr const char* formatName = "adviz-session";
inline constexpr int formatVersion = 1;
/// Larger files are refused before they are read (autodiff/limits.hpp).
inline constexpr qint64 maxFileBytes = static_cast<qint64>(limits::maxSessionBytes);

/// View options saved with a scene.
struct ViewOptions {
    bool edgeLabels = true;
    bool topToBottom = false;
    bool backwardGraph = false;
    /// The panel on show: "wengert", "jacobian", "memory", "scenes", "charts:0" … "charts:3";
    /// empty: leave the panels as they are.
    QString panel;
};

/// One prepared state of the window.
struct Scene {
    QString title;
    QString note;                       ///< for the teacher (N in presentation mode)
    QString program;
    std::map<std::string, double> inputs;      ///< name → value
    std::map<std::string, double> directions;  ///< input name → ẋ
    std::map<std::string, double> seeds;       ///< output name → ȳ
    /// "init": inputs without a value in `inputs` start at `adviz --init SEED`'s values
    /// (shaped::initialValues); for programs with too many weights to list. Absent: none.
    std::optional<std::uint64_t> init;
    std::string mode = "reverse";       ///< forward | reverse | forward-over-reverse
    std::string strategy = "store-all"; ///< store-all | sqrt | every:K | binomial:S
    int step = 0;
    ViewOptions view;
};

struct Session {
    std::vector<Scene> scenes;   ///< at least one
    int currentScene = 0;
};

/// What went wrong reading a file, and where: a line and column for broken JSON, a path such as
/// `scenes[1].inputs.x` for a field of the wrong kind.
struct LoadError {
    QString where;
    QString message;
    QString text() const { return where.isEmpty() ? message : where + QStringLiteral(": ") + message; }
};

struct LoadResult {
    std::optional<Session> session;
    std::optional<LoadError> error;
};

/// The session as JSON text (UTF-8, indented). NaN and infinities as "nan", "inf", "-inf".
QByteArray toJson(const Session& s);
/// Reads JSON text; name is used in messages.
LoadResult fromJson(const QByteArray& json);
/// Reads a file: missing, unreadable, oversized, truncated, corrupt or newer-version files give
/// an error saying what and where; nothing is half-read.
LoadResult load(const QString& path);
/// Writes atomically (temporary file, then rename); an error message, or nothing on success.
std::optional<QString> save(const Session& s, const QString& path);

/// Whether a path names a session file (by its extension), for commands that take a program.
bool isSessionPath(const QString& path);

}  // namespace adviz::session
