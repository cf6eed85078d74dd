#pragma once
// Between the window's model and a saved scene: what to write down of the state on screen, and
// how to put a saved scene back (program first, then its point, direction, seeds, mode, step).

#include "ui/session/session_file.hpp"

namespace adviz::ui {

class SessionModel;

/// The model's state as a scene (title and note empty), with the given view options.
session::Scene captureScene(const SessionModel& model, const session::ViewOptions& view);
/// Puts a scene into the model. Returns the parse error's text if its program does not parse
/// (the model then keeps its last good graph), empty otherwise.
QString applyScene(const session::Scene& scene, SessionModel& model);

}  // namespace adviz::ui
