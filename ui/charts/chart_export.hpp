#pragma once
// Writing a chart as it stands to a file, like the graph's export: SVG (vector, text kept as
// text) or PNG (2× the view's size), chosen by the extension. A failed export (unknown
// extension, unwritable path) says why and leaves any existing file untouched.

#include <QString>

#include <optional>

class QChartView;

namespace adviz::ui {

/// Writes the chart shown by view to path (.svg or .png); returns an error message, or nothing
/// on success. The chart is drawn at the view's size (PNG: twice that many pixels).
std::optional<QString> exportChart(QChartView* view, const QString& path);

}  // namespace adviz::ui
