#pragma once
// Under the graph: the current step's formula in two lines (the class reads it from the back
// row: the caption font is at least 28 px), and above it the domain warnings known at this frame,
// capped to a few with "show all". Replays what the frame and the trace say; computes nothing.

#include <QWidget>

#include <optional>

#include "autodiff/graph.hpp"
#include "autodiff/sweeps/trace.hpp"

class QLabel;

namespace adviz::ui {

struct Frame;

class CaptionBar : public QWidget {
    Q_OBJECT
public:
    explicit CaptionBar(QWidget* parent = nullptr);

    /// Warnings shown before "show all".
    static constexpr int warningsShown = 3;

    /// Shows the frame's caption and the warnings of the nodes whose values it knows.
    void showFrame(const Frame& frame, const Graph& g, const Trace& trace);
    /// Shows two lines as they are (the shaped view's captions), coloured by the step's phase.
    void showText(const QString& lead, const QString& caption, std::optional<Phase> phase);
    /// Forward steps as dual-number arithmetic (View ▸ Dual numbers), the engine's text.
    void setDualNumbers(bool on) { dual_ = on; }
    bool dualNumbers() const { return dual_; }
    /// Re-reads fonts and colours from the theme.
    void applyTheme();

    QString captionText() const;        ///< both lines, for tests
    QString warningsText() const;       ///< what the warnings line says now, for tests
    QLabel* warningsLabel() const { return warnings_; }
    QLabel* captionLabel() const { return caption_; }

private:
    void showWarnings();

    QLabel* lead_;      // forward steps: the value's formula, above the tangent's
    QLabel* caption_;
    QLabel* warnings_;
    QStringList known_;  // warnings whose node's value is known at the frame
    bool expanded_ = false;
    bool dual_ = false;
    QColor captionColour_, leadColour_;
};

}  // namespace adviz::ui
