#pragma once
// One self-contained HTML page of a sweep, for a course website or a projector without adviz:
// every step's diagram inline as SVG, its formula under it, ◀ ▶ buttons and the keys ← →
// PageUp PageDown Home End. No network: no script, style or font is fetched.

#include <QString>

#include <optional>
#include <vector>

namespace adviz::ui {

class GraphScene;
class SessionModel;

/// Writes the page (atomically); an error message, or nothing.
std::optional<QString> exportHtml(GraphScene& scene, SessionModel& model, const QString& path,
                                  const std::vector<int>& steps, const QString& title);

}  // namespace adviz::ui
