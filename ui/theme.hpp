#pragma once
// Every colour and font of the window and of exported diagrams, in one place. Colours follow
// the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies) and are dark
// enough on white to read on a washed-out projector.

#include <QColor>
#include <QFont>

namespace adviz::ui {

struct Theme {
    // Canvas
    QColor background{0xFF, 0xFF, 0xFF};
    QColor text{0x1A, 0x1A, 0x1A};
    QColor mutedText{0x6B, 0x6B, 0x6B};
    QColor pending{0x9A, 0x9A, 0x9A};     ///< numbers not known yet

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

    // Fonts (point sizes chosen for the back of a classroom at 100% zoom)
    QFont opFont() const;       ///< the big operation symbol in a node
    QFont labelFont() const;    ///< Wengert and user names
    QFont numberFont() const;   ///< v, v̇, v̄ rows
    QFont edgeFont() const;     ///< partials on edges
    QFont captionFont() const;  ///< the current step's formula under the graph
    QFont editorFont() const;   ///< the expression editor

    /// The theme in use.
    static const Theme& current();
};

}  // namespace adviz::ui
