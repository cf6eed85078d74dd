#pragma once
// Every colour and font of the window and of exported diagrams, in one place. Three themes share
// one set of roles: light (the default), dark, and high contrast for washed-out projectors (black
// on white, thick lines, bold text). Colours follow the Okabe–Ito palette (distinguishable with
// the common colour-vision deficiencies). One text scale multiplies every font the class reads.

#include <QColor>
#include <QFont>
#include <QObject>
#include <QPalette>
#include <QString>

#include <optional>
#include <vector>

namespace adviz::ui {

enum class ThemeName { Light, Dark, HighContrast };

struct Theme {
    ThemeName name = ThemeName::Light;

    // Canvas
    QColor background{0xFF, 0xFF, 0xFF};
    QColor text{0x1A, 0x1A, 0x1A};
    QColor mutedText{0x6B, 0x6B, 0x6B};
    QColor pending{0x9A, 0x9A, 0x9A};     ///< numbers not known yet
    QColor panel{0xF6, 0xF6, 0xF2};       ///< the caption's strip
    QColor panelBorder{0xDD, 0xDD, 0xDD};
    QColor labelBackground{0xFF, 0xFF, 0xFF, 0xE1};  ///< behind edge labels and tokens

    // Node kinds
    QColor inputFill{0xD6, 0xEC, 0xFA};   ///< sky blue, light
    QColor inputBorder{0x00, 0x72, 0xB2};  ///< blue
    QColor constFill{0xEE, 0xEE, 0xEE};
    QColor constBorder{0x9A, 0x9A, 0x9A};
    QColor opFill{0xFF, 0xFF, 0xFF};
    QColor opBorder{0x44, 0x44, 0x44};
    QColor outputBorder{0x00, 0x9E, 0x73};  ///< bluish green
    QColor outputFill{0xE0, 0xF4, 0xEC};

    // What flows
    QColor value{0x1A, 0x1A, 0x1A};
    QColor tangent{0xD5, 0x5E, 0x00};     ///< vermillion: forward mode's v̇
    QColor adjoint{0x00, 0x72, 0xB2};     ///< blue: reverse mode's v̄
    QColor active{0xE6, 0x9F, 0x00};      ///< orange: the node or edge of the current step
    QColor activeGlow{0xF0, 0xE4, 0x42, 0x90};  ///< yellow halo
    QColor selected{0xCC, 0x79, 0xA7};    ///< reddish purple
    QColor edge{0x70, 0x70, 0x70};
    QColor error{0xC0, 0x10, 0x10};
    QColor warning{0xB3, 0x5A, 0x00};     ///< ⚠ markers on nodes

    double lineScale = 1.0;   ///< multiplies every outline and edge width
    bool boldText = false;    ///< high contrast: every font bold
    double textScale = 1.0;   ///< View ▸ Larger/Smaller text; presentation mode has its own

    // Fonts (sizes chosen for the back of a classroom at 100% zoom, times textScale)
    QFont opFont() const;       ///< the big operation symbol in a node
    QFont labelFont() const;    ///< Wengert and user names, panel text
    QFont numberFont() const;   ///< v, v̇, v̄ rows
    QFont edgeFont() const;     ///< partials on edges
    QFont captionFont() const;  ///< the current step's formula under the graph
    QFont editorFont() const;   ///< the expression editor
    QFont tableFont() const;    ///< the Wengert list, inputs panel and Jacobian grid

    /// A widget palette matching the theme (window, base, text, highlight).
    QPalette palette() const;

    /// The built-in theme of that name at a text scale.
    static Theme named(ThemeName name, double textScale = 1.0);
    /// "light", "dark", "high-contrast" (also the names stored in the settings).
    static QString key(ThemeName name);
    static std::optional<ThemeName> fromKey(const QString& key);
    static std::vector<ThemeName> all() { return {ThemeName::Light, ThemeName::Dark, ThemeName::HighContrast}; }

    /// Text scales offered by Larger/Smaller text: each step about 12% apart.
    static double largerScale(double s);
    static double smallerScale(double s);
    static constexpr double minScale = 0.7;
    static constexpr double maxScale = 3.0;

    /// The theme in use.
    static const Theme& current();
    /// Replaces the theme in use and tells everyone who listens (ThemeNotifier::changed).
    static void setCurrent(const Theme& theme);
};

/// Announces theme and text-scale changes: scenes re-lay out (fonts set node sizes), widgets
/// re-apply their fonts and colours.
class ThemeNotifier : public QObject {
    Q_OBJECT
public:
    static ThemeNotifier& instance();
signals:
    void changed();
};

}  // namespace adviz::ui
