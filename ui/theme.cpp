#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace adviz::ui {
namespace {

QFont font(const char* family, double points, bool bold, const Theme& t) {
    QFont f(family);
    f.setPointSizeF(points * t.textScale);
    f.setBold(bold || t.boldText);
    f.setStyleHint(QFont::SansSerif);
    return f;
}

// Dark: light text on near-black; the flow colours are the Okabe–Ito hues lifted so they keep
// their contrast on a dark ground.
Theme dark() {
    Theme t;
    t.name = ThemeName::Dark;
    t.background = QColor(0x1E, 0x1F, 0x22);
    t.text = QColor(0xEE, 0xEE, 0xEE);
    t.mutedText = QColor(0xA8, 0xA8, 0xA8);
    t.pending = QColor(0x80, 0x80, 0x80);
    t.panel = QColor(0x2A, 0x2B, 0x2F);
    t.panelBorder = QColor(0x44, 0x44, 0x48);
    t.labelBackground = QColor(0x1E, 0x1F, 0x22, 0xE1);
    t.inputFill = QColor(0x12, 0x35, 0x4D);
    t.inputBorder = QColor(0x56, 0xB4, 0xE9);
    t.constFill = QColor(0x33, 0x33, 0x36);
    t.constBorder = QColor(0x88, 0x88, 0x88);
    t.opFill = QColor(0x26, 0x27, 0x2B);
    t.opBorder = QColor(0xB0, 0xB0, 0xB0);
    t.outputBorder = QColor(0x2E, 0xC4, 0x97);
    t.outputFill = QColor(0x12, 0x3B, 0x30);
    t.value = t.text;
    t.tangent = QColor(0xF5, 0x8A, 0x3C);
    t.adjoint = QColor(0x56, 0xB4, 0xE9);
    t.active = QColor(0xF0, 0xB4, 0x2A);
    t.activeGlow = QColor(0xF0, 0xE4, 0x42, 0x70);
    t.selected = QColor(0xE0, 0x9A, 0xC4);
    t.edge = QColor(0x9A, 0x9A, 0x9A);
    t.error = QColor(0xFF, 0x6B, 0x6B);
    t.warning = QColor(0xF0, 0xB4, 0x2A);
    return t;
}

// High contrast: pure black on white, saturated flow colours, every line and letter heavier,
// for projectors that wash pale colours out.
Theme highContrast() {
    Theme t;
    t.name = ThemeName::HighContrast;
    t.background = Qt::white;
    t.text = Qt::black;
    t.mutedText = QColor(0x30, 0x30, 0x30);
    t.pending = QColor(0x60, 0x60, 0x60);
    t.panel = Qt::white;
    t.panelBorder = Qt::black;
    t.labelBackground = QColor(0xFF, 0xFF, 0xFF, 0xF5);
    t.inputFill = QColor(0xC8, 0xE4, 0xF8);
    t.inputBorder = QColor(0x00, 0x4E, 0x8A);
    t.constFill = QColor(0xE4, 0xE4, 0xE4);
    t.constBorder = Qt::black;
    t.opFill = Qt::white;
    t.opBorder = Qt::black;
    t.outputBorder = QColor(0x00, 0x6B, 0x4E);
    t.outputFill = QColor(0xD2, 0xF0, 0xE4);
    t.value = Qt::black;
    t.tangent = QColor(0xB0, 0x3A, 0x00);
    t.adjoint = QColor(0x00, 0x4E, 0x9A);
    t.active = QColor(0xD0, 0x80, 0x00);
    t.activeGlow = QColor(0xFF, 0xD8, 0x00, 0xB0);
    t.selected = QColor(0xA0, 0x30, 0x80);
    t.edge = Qt::black;
    t.error = QColor(0xB0, 0x00, 0x00);
    t.warning = QColor(0x9A, 0x40, 0x00);
    t.lineScale = 1.8;
    t.boldText = true;
    return t;
}

Theme& currentTheme() {
    static Theme theme;
    return theme;
}

}  // namespace

QFont Theme::opFont() const { return font("DejaVu Sans", 17, true, *this); }
QFont Theme::labelFont() const { return font("DejaVu Sans", 11, false, *this); }
// 12 pt is 16 px at 96 dpi: the node numbers' floor for the back row at 100% zoom (the view
// never fits a graph smaller than that, see GraphView::readableZoom).
QFont Theme::numberFont() const { return font("DejaVu Sans Mono", 12, false, *this); }
QFont Theme::edgeFont() const { return font("DejaVu Sans", 11, false, *this); }
// Serif for formulas: it reads as maths, and DejaVu Sans (2.37) misplaces the combining dot of
// v̇ (U+0307) far above the letter while DejaVu Serif and Mono place it right. 21.5 pt is about
// 29 px at 96 dpi: at least 28 px for the back row.
QFont Theme::captionFont() const { return font("DejaVu Serif", 21.5, false, *this); }
QFont Theme::editorFont() const {
    QFont f = font("DejaVu Sans Mono", 14, false, *this);
    f.setStyleHint(QFont::Monospace);
    return f;
}
QFont Theme::tableFont() const { return font("DejaVu Sans Mono", 11.5, false, *this); }

QPalette Theme::palette() const {
    QPalette p;
    const bool darkGround = name == ThemeName::Dark;
    const QColor window = darkGround ? panel : QColor(0xF2, 0xF2, 0xF0);
    for (auto group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, name == ThemeName::HighContrast ? QColor(Qt::white) : window);
        p.setColor(group, QPalette::WindowText, text);
        p.setColor(group, QPalette::Base, background);
        p.setColor(group, QPalette::AlternateBase, darkGround ? QColor(0x26, 0x27, 0x2B) : QColor(0xF7, 0xF7, 0xF5));
        p.setColor(group, QPalette::Text, text);
        p.setColor(group, QPalette::Button, darkGround ? QColor(0x33, 0x34, 0x38) : window);
        p.setColor(group, QPalette::ButtonText, text);
        p.setColor(group, QPalette::ToolTipBase, darkGround ? panel : QColor(0xFF, 0xFF, 0xE8));
        p.setColor(group, QPalette::ToolTipText, text);
        p.setColor(group, QPalette::Highlight, darkGround ? QColor(0x2F, 0x5F, 0x8A) : QColor(0xC7, 0xDF, 0xF5));
        p.setColor(group, QPalette::HighlightedText, text);
        p.setColor(group, QPalette::PlaceholderText, mutedText);
        p.setColor(group, QPalette::Link, adjoint);
    }
    p.setColor(QPalette::Disabled, QPalette::WindowText, pending);
    p.setColor(QPalette::Disabled, QPalette::Text, pending);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, pending);
    p.setColor(QPalette::Disabled, QPalette::Window, window);
    p.setColor(QPalette::Disabled, QPalette::Base, background);
    p.setColor(QPalette::Disabled, QPalette::Button, darkGround ? QColor(0x33, 0x34, 0x38) : window);
    return p;
}

Theme Theme::named(ThemeName name, double textScale) {
    Theme t = name == ThemeName::Dark ? dark() : name == ThemeName::HighContrast ? highContrast() : Theme{};
    t.textScale = std::clamp(textScale, minScale, maxScale);
    return t;
}

QString Theme::key(ThemeName name) {
    switch (name) {
        case ThemeName::Light: return QStringLiteral("light");
        case ThemeName::Dark: return QStringLiteral("dark");
        case ThemeName::HighContrast: return QStringLiteral("high-contrast");
    }
    return QStringLiteral("light");
}

std::optional<ThemeName> Theme::fromKey(const QString& key) {
    for (ThemeName n : all())
        if (Theme::key(n) == key) return n;
    return std::nullopt;
}

// Steps of 2^(1/6) ≈ 12%, snapped to that grid so Larger then Smaller returns exactly.
double Theme::largerScale(double s) {
    double k = std::round(std::log2(s) * 6) + 1;
    return std::min(maxScale, std::exp2(k / 6));
}
double Theme::smallerScale(double s) {
    double k = std::round(std::log2(s) * 6) - 1;
    return std::max(minScale, std::exp2(k / 6));
}

const Theme& Theme::current() { return currentTheme(); }

void Theme::setCurrent(const Theme& theme) {
    currentTheme() = theme;
    emit ThemeNotifier::instance().changed();
}

ThemeNotifier& ThemeNotifier::instance() {
    static ThemeNotifier notifier;
    return notifier;
}

}  // namespace adviz::ui
