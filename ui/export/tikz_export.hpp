#pragma once
// TikZ for papers and Beamer slides: the diagram at a step as a `tikzpicture` at the layout's
// positions, in the theme's colours, with the numbers known at that step; with several steps a
// Beamer frame with one overlay per step. Text is turned into LaTeX (v̄₁ → $\bar{v}_{1}$) so
// plain pdflatex compiles it (packages: tikz, xcolor; beamer for the overlays).

#include <QString>

#include <optional>
#include <vector>

namespace adviz::ui {

class GraphScene;
class SessionModel;

/// "v̄₋₁ = 0.5" → "$\bar{v}_{-1}$ = 0.5": what pdflatex can typeset of adviz's labels.
QString toLatex(const QString& text);

/// Writes a standalone .tex (article with the picture, or Beamer with one overlay per step when
/// steps has more than one entry). An error message, or nothing.
std::optional<QString> exportTikz(GraphScene& scene, SessionModel& model, const QString& path,
                                  const std::vector<int>& steps);

}  // namespace adviz::ui
