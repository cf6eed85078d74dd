#pragma once
// An animated GIF of a sweep with the in-between motion (tokens travelling along the edges),
// looping, for slides and web pages that cannot play a video. Qt reads GIF but cannot write it:
// giflib (Debian's libgif) encodes. Only the part of each frame that changed is stored, which
// keeps a whole sweep small.

#include <QString>

#include <optional>
#include <vector>

namespace adviz::ui {

class GraphScene;
class SessionModel;

struct GifOptions {
    int fps = 12;          ///< frames per second of the motion
    int width = 960;       ///< pixels; the height follows the drawing
    bool caption = true;   ///< the step's formula under the picture
};

/// Writes the steps' animation to path (atomically). An error message, or nothing.
std::optional<QString> exportGif(GraphScene& scene, SessionModel& model, const QString& path,
                                 const std::vector<int>& steps, const GifOptions& options);

}  // namespace adviz::ui
