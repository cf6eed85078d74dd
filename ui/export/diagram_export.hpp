#pragma once
// Writing the diagram as it stands to a file: SVG (vector, text kept as text), PNG (2× scale) or
// DOT, chosen by the extension. The same code serves File ▸ Export and `adviz export`. A failed
// export (unwritable path, unknown extension) says why and leaves any existing file untouched.

#include <QByteArray>
#include <QRectF>
#include <QString>

#include <optional>

namespace adviz::ui {

class GraphScene;
class SessionModel;

/// Writes the diagram to path; returns an error message, or nothing on success. A caption
/// (the step's formula) is written under the picture in the caption font.
std::optional<QString> exportDiagram(GraphScene& scene, const SessionModel& model,
                                     const QString& path, const QString& caption = {});

/// The diagram as it stands, as SVG text (for pages that inline it); empty on failure.
QByteArray svgOf(GraphScene& scene, const SessionModel& model);

/// Writes bytes to path through a temporary file renamed into place (a failure leaves any old
/// file as it was); an error message, or nothing.
std::optional<QString> writeAtomically(const QString& path, const QByteArray& bytes);

/// The scene region an export covers: every item plus a margin.
QRectF exportRegion(const GraphScene& scene);

}  // namespace adviz::ui
