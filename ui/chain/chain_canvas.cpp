#include "ui/chain/chain_canvas.hpp"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

#include "autodiff/number_format.hpp"
#include "ui/chain/block_painter.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

constexpr double kMargin = 10;

QFont symbolFont(const Theme& t) {
    QFont f = t.labelFont();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    return f;
}

QFont scaled(QFont f, double s) {
    f.setPointSizeF(f.pointSizeF() * s);
    return f;
}

// The widest of a block's three labels: its column is never narrower.
double labelWidth(const ChainBlock& b, const Theme& t) {
    const QFontMetricsF sym(symbolFont(t)), label(t.labelFont());
    return std::max({sym.horizontalAdvance(b.symbol), label.horizontalAdvance(b.name),
                     label.horizontalAdvance(b.shape() + (b.diagonal ? QStringLiteral(" diagonal") : QString()))}) + 10;
}

// The cell size at which numbers fit at the full number font: "−0.00" with room either side.
double numberCell(const Theme& t) {
    const QFontMetricsF m(t.numberFont());
    return std::max(m.horizontalAdvance(QStringLiteral("−0.00")) + 8, m.height() + 8);
}

}  // namespace

ChainCanvas::ChainCanvas(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ChainCanvas::setFrame(ChainFrame frame) {
    frame_ = std::move(frame);
    relayout();
    update();
}

QRectF ChainCanvas::blockRect(int i) const {
    return i >= 0 && i < static_cast<int>(rects_.size()) ? rects_[static_cast<std::size_t>(i)] : QRectF();
}

QSize ChainCanvas::minimumSizeHint() const { return {200, 160}; }

bool ChainCanvas::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip) return QWidget::event(event);
    const QPointF at = static_cast<QHelpEvent*>(event)->pos();
    for (std::size_t i = 0; i < rects_.size(); ++i) {
        const QRectF& r = rects_[i];
        if (!r.contains(at) || cell_ <= 0) continue;
        const ChainBlock& b = frame_.blocks[i];
        const int row = std::clamp(static_cast<int>((at.y() - r.top()) / cell_), 0, b.rows - 1);
        const int col = std::clamp(static_cast<int>((at.x() - r.left()) / cell_), 0, b.cols - 1);
        const double v = b.entries[static_cast<std::size_t>(row) * b.cols + col];
        QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(),
                           QStringLiteral("%1 = %2   [%3, %4] = %5").arg(b.symbol, b.name).arg(row).arg(col)
                               .arg(QString::fromStdString(formatShort(v))), this);
        return true;
    }
    QToolTip::hideText();
    return true;
}

void ChainCanvas::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

void ChainCanvas::relayout() {
    const Theme& t = Theme::current();
    const auto& blocks = frame_.blocks;
    rects_.assign(blocks.size(), QRectF());
    slots_.assign(blocks.size(), 0);
    if (blocks.empty()) return;

    const QFontMetricsF sym(symbolFont(t)), label(t.labelFont()), op(t.opFont());
    const double top = sym.height() + label.height() + 10, bottom = label.height() + 8;
    const double gap = op.horizontalAdvance(QStringLiteral("·")) + 16;
    const double prefix = op.horizontalAdvance(QStringLiteral("J =")) + 14;
    std::vector<double> labels;
    int maxRows = 0;
    bool allSmall = true;
    for (const ChainBlock& b : blocks) {
        labels.push_back(labelWidth(b, t));
        maxRows = std::max(maxRows, b.rows);
        allSmall = allSmall && b.rows <= maxNumberedSide && b.cols <= maxNumberedSide;
    }
    auto widthAt = [&](double u) {
        double w = prefix + 2 * kMargin + gap * static_cast<double>(blocks.size() - 1);
        for (std::size_t i = 0; i < blocks.size(); ++i) w += std::max(blocks[i].cols * u, labels[i]);
        return w;
    };
    const double fullNumbers = numberCell(t);
    const double availableHeight = height() - top - bottom - 2 * kMargin;
    // The largest cell that fits both ways, no larger than comfortable numbers need.
    double lo = 0.5, hi = allSmall ? fullNumbers * 1.15 : fullNumbers;
    if (widthAt(hi) <= width() && maxRows * hi <= availableHeight) lo = hi;
    for (int k = 0; k < 40 && hi - lo > 0.1; ++k) {
        const double u = (lo + hi) / 2;
        (widthAt(u) <= width() && maxRows * u <= availableHeight ? lo : hi) = u;
    }
    cell_ = lo;
    // Numbers at the nodes' font, or a little smaller if that is what lets them fit.
    fontScale_ = std::min(1.0, cell_ / fullNumbers);
    numbers_ = fontScale_ >= 0.8;

    double x = (width() - widthAt(cell_)) / 2 + kMargin + prefix;
    const double midY = kMargin + top + std::max(0.0, availableHeight) / 2;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const ChainBlock& b = blocks[i];
        const double w = b.cols * cell_, h = b.rows * cell_;
        slots_[i] = std::max(w, labels[i]);
        rects_[i] = QRectF(x + (slots_[i] - w) / 2, midY - h / 2, w, h);
        x += slots_[i] + gap;
    }
}

void ChainCanvas::paintEvent(QPaintEvent*) {
    const Theme& t = Theme::current();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.fillRect(rect(), t.background);
    const auto& blocks = frame_.blocks;
    if (blocks.empty() || rects_.size() != blocks.size()) return;

    const QFont symFont = symbolFont(t), labelFont = t.labelFont(), opFont = t.opFont();
    const QFont numberFont = scaled(t.numberFont(), fontScale_);
    const QFontMetricsF sym(symFont), label(labelFont);
    const double midY = rects_.front().center().y();
    double topLine = midY, bottomLine = midY;
    for (const QRectF& r : rects_) {
        topLine = std::min(topLine, r.top());
        bottomLine = std::max(bottomLine, r.bottom());
    }

    p.setFont(opFont);
    p.setPen(t.text);
    const QRectF first = rects_.front();
    const double firstSlotLeft = first.center().x() - slots_.front() / 2;
    p.drawText(QRectF(firstSlotLeft - 200, midY - 40, 200 - 10, 80), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("J ="));

    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const ChainBlock& b = blocks[i];
        const QRectF& r = rects_[i];
        const int index = static_cast<int>(i);
        const BlockMark mark = index == frame_.leftOperand || index == frame_.rightOperand ? BlockMark::Operand
                               : index == frame_.formed || frame_.finished          ? BlockMark::Formed
                                                                                      : BlockMark::None;
        const bool numbers = numbers_ && b.rows <= maxNumberedSide && b.cols <= maxNumberedSide;
        paintBlock(p, r, b, cell_, numbers, numberFont, mark, t);

        // Labels: symbol and what it is the Jacobian of above, the shape below.
        const QRectF slot(r.center().x() - slots_[i] / 2, 0, slots_[i], 0);
        const double halo = 8;
        p.setPen(t.text);
        p.setFont(symFont);
        p.drawText(QRectF(slot.left(), topLine - halo - label.height() - sym.height(), slot.width(), sym.height()),
                   Qt::AlignCenter, b.symbol);
        p.setFont(labelFont);
        p.drawText(QRectF(slot.left(), topLine - halo - label.height(), slot.width(), label.height()),
                   Qt::AlignCenter, b.name);
        p.setPen(t.mutedText);
        p.drawText(QRectF(slot.left(), bottomLine + halo, slot.width(), label.height()), Qt::AlignCenter,
                   b.shape() + (b.diagonal ? tr(" diagonal") : QString()));

        if (i + 1 < blocks.size()) {  // the multiplication sign between neighbours
            p.setPen(t.text);
            p.setFont(scaled(opFont, 1.5));  // the product sign, big enough to see from the back
            const double from = slot.right(), to = rects_[i + 1].center().x() - slots_[i + 1] / 2;
            p.drawText(QRectF(from, midY - 40, to - from, 80), Qt::AlignCenter, QStringLiteral("·"));
        }
    }
}

}  // namespace adviz::ui
