#pragma once
// Drawing one Jacobian block: its cells at a given cell size, numbers in them when the block is
// small (up to 6×6) and the cells are wide enough for the number font, otherwise cells shaded by
// value (diverging: blue positive, vermillion negative, the Okabe–Ito pair of the theme). A
// diagonal block draws only its diagonal cells inside its outline.

#include <QFont>
#include <QRectF>
#include <QString>

#include "ui/chain/chain_frames.hpp"

class QPainter;

namespace adviz::ui {

struct Theme;

/// Blocks with at most this many rows and columns show their numbers.
constexpr int maxNumberedSide = 6;

/// A cell's number as the tab writes it: two decimals ("−0.76", "1.20"; "0" for zero), or two
/// significant digits for tiny or huge values ("3.1e−4"); the typographic minus.
QString cellText(double v);

/// How a block stands out: not at all, as an operand of the product under way, or as the
/// partial product just formed (or the finished Jacobian).
enum class BlockMark { None, Operand, Formed };

/// Paints the block's cells into `cells` (its rows·cell × cols·cell rectangle), its outline and
/// its mark. numbers: write the values (the caller checked that they fit).
void paintBlock(QPainter& p, const QRectF& cells, const ChainBlock& block, double cell, bool numbers,
                const QFont& numberFont, BlockMark mark, const Theme& t);

}  // namespace adviz::ui
