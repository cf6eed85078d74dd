#include "ui/chain/block_painter.hpp"

#include <QImage>
#include <QPainter>
#include <QPen>

#include <algorithm>
#include <cmath>

#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// Shading: the cell's colour at an opacity growing with |v| against the block's largest |v|,
// lighter under numbers so the text stays black on a light cell.
QColor shade(double v, double maxAbs, bool underText, const Theme& t) {
    QColor c = v >= 0 ? t.adjoint : t.tangent;
    const double share = maxAbs > 0 && std::isfinite(v) ? std::min(1.0, std::abs(v) / maxAbs) : 0.0;
    c.setAlphaF(static_cast<float>((underText ? 0.06 + 0.30 * share : 0.10 + 0.80 * share)));
    return c;
}

double largest(const std::vector<double>& entries) {
    double m = 0;
    for (double v : entries)
        if (std::isfinite(v)) m = std::max(m, std::abs(v));
    return m;
}

}  // namespace

QString cellText(double v) {
    QString s;
    if (v == 0) s = QStringLiteral("0");
    else if (std::abs(v) >= 0.005 && std::abs(v) < 100) s = QString::number(v, 'f', 2);
    else s = QString::number(v, 'g', 2);
    return s.replace('-', QChar(0x2212));
}

void paintBlock(QPainter& p, const QRectF& cells, const ChainBlock& block, double cell, bool numbers,
                const QFont& numberFont, BlockMark mark, const Theme& t) {
    p.save();
    // The mark: a halo behind the block, so it reads from the back of the room.
    if (mark != BlockMark::None) {
        const double halo = std::max(5.0, cell * 0.12);
        p.setPen(Qt::NoPen);
        p.setBrush(mark == BlockMark::Operand ? t.activeGlow : t.outputFill);
        p.drawRoundedRect(cells.adjusted(-halo, -halo, halo, halo), halo, halo);
    }
    p.setPen(Qt::NoPen);
    p.setBrush(t.background);
    p.drawRect(cells);

    const double maxAbs = largest(block.entries);
    const int R = block.rows, C = block.cols;
    auto at = [&](int i, int j) { return block.entries[static_cast<std::size_t>(i) * C + j]; };
    if (cell >= 3) {
        p.setFont(numberFont);
        const QPen grid(t.panelBorder, 1);
        for (int i = 0; i < R; ++i)
            for (int j = 0; j < C; ++j) {
                if (block.diagonal && i != j) continue;  // a diagonal block: only its diagonal
                const QRectF r(cells.left() + j * cell, cells.top() + i * cell, cell, cell);
                p.setPen(cell >= 8 ? grid : QPen(Qt::NoPen));
                p.setBrush(shade(at(i, j), maxAbs, numbers, t));
                p.drawRect(r);
                if (numbers) {
                    p.setPen(t.text);
                    p.drawText(r, Qt::AlignCenter, cellText(at(i, j)));
                }
            }
    } else if (block.diagonal) {  // too small for cells: the diagonal as a line
        p.setPen(QPen(t.adjoint, 2));
        p.drawLine(cells.topLeft(), cells.bottomRight());
    } else {  // too small for cells: one pixel per entry, scaled into the block
        QImage img(C, R, QImage::Format_ARGB32);
        for (int i = 0; i < R; ++i)
            for (int j = 0; j < C; ++j) img.setPixelColor(j, i, shade(at(i, j), maxAbs, false, t));
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(cells, img);
    }

    const QColor outline = mark == BlockMark::Operand ? t.active
                           : mark == BlockMark::Formed ? t.outputBorder : t.opBorder;
    const double width = (mark == BlockMark::None ? 1.5 : 3.5) * t.lineScale;
    p.setPen(QPen(outline, width));
    p.setBrush(Qt::NoBrush);
    p.drawRect(cells);
    p.restore();
}

}  // namespace adviz::ui
