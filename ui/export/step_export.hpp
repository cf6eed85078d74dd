#pragma once
// Exports of several steps, for slides and handouts: one image per step (`frame-%03d.svg`) or a
// PDF handout with one page per step (the diagram, the step's formula, the Wengert list at that
// step; vector, text selectable). Drawn by the window's own scene, step by step. A failed export
// writes nothing: every file is made in memory first and written only when all succeeded.

#include <QRectF>
#include <QString>

class QPainter;
class QPaintDevice;

#include <optional>
#include <vector>

namespace adviz::ui {

class GraphScene;
class SessionModel;

/// "all", "K-L" or "K,L,M" against a sweep of `count` steps (0 … count); an error or the steps.
std::optional<QString> parseSteps(const QString& text, int count, std::vector<int>& steps);

/// What one exported page or frame shows besides the diagram.
struct StepExportOptions {
    bool caption = false;   ///< the step's formula under the picture (always in a PDF)
    QString title;          ///< printed on each PDF page (a scene's title), may be empty
};

/// One image per step: pattern holds a printf-style number (`frame-%03d.png`), replaced by the
/// step. SVG or PNG by the extension.
std::optional<QString> exportFrames(GraphScene& scene, SessionModel& model, const QString& pattern,
                                    const std::vector<int>& steps, const StepExportOptions& options);

/// A page of a handout.
struct HandoutPage {
    int step = 0;
    QString title;
};

/// A PDF handout, one page per step of the model's sweep (pages may come from several scenes:
/// the caller puts each scene on screen and calls addHandoutPages for it).
class Handout {
public:
    explicit Handout(const QString& path);
    ~Handout();
    /// Adds a page per step for what the scene and the model show now.
    std::optional<QString> addPages(GraphScene& scene, SessionModel& model, const std::vector<int>& steps,
                                    const QString& title);
    /// A blank page for the caller's own drawing (exercise sheets): its painter, and the page in
    /// device units in page; nullptr if the PDF cannot take another page.
    QPainter* newPage(QRectF& page);
    /// The PDF device (for font metrics in device units).
    QPaintDevice* device();
    /// Writes the PDF (atomically). Nothing is written if any page failed.
    std::optional<QString> finish();
    int pageCount() const { return pages_; }

private:
    struct Impl;
    Impl* impl_;
    QString path_;
    int pages_ = 0;
};

}  // namespace adviz::ui
