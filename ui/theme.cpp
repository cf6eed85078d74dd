#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

QFont font(const char* family, double points, bool bold = false) {
    QFont f(family);
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setStyleHint(QFont::SansSerif);
    return f;
}

}  // namespace

QFont Theme::opFont() const { return font("DejaVu Sans", 17, true); }
QFont Theme::labelFont() const { return font("DejaVu Sans", 10.5); }
QFont Theme::numberFont() const { return font("DejaVu Sans Mono", 11); }
QFont Theme::edgeFont() const { return font("DejaVu Sans", 9.5); }
// Serif for formulas: it reads as maths, and DejaVu Sans (2.37) misplaces the combining dot of
// v̇ (U+0307) far above the letter while DejaVu Serif and Mono place it right.
QFont Theme::captionFont() const { return font("DejaVu Serif", 18); }
QFont Theme::editorFont() const {
    QFont f = font("DejaVu Sans Mono", 14);
    f.setStyleHint(QFont::Monospace);
    return f;
}

const Theme& Theme::current() {
    static const Theme theme;
    return theme;
}

}  // namespace adviz::ui
