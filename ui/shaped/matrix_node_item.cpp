#include "ui/shaped/matrix_node_item.hpp"

#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

#include "autodiff/number_format.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

constexpr double pad = 10;
constexpr double halo = 12;
constexpr double gap = 12;          // between the two grids
constexpr double heatWidth = 220;   // the most a heatmap takes, scene units
constexpr double heatHeight = 150;
constexpr double heatCell = 14;     // the largest heatmap cell

QString numberText(double v) { return QString::fromStdString(formatShort(v)); }

// Three significant digits in a cell ("−0.00371", "1.03e+03"): a small matrix of them stays
// narrow enough for a projector; the hover and the caption give four.
QString cellText(double v) {
    if (!std::isfinite(v)) return numberText(v);
    QString s = QString::number(v, 'g', 3);
    s.replace('-', QChar(0x2212));
    return s;
}

double cellWidth() { return QFontMetricsF(Theme::current().numberFont()).horizontalAdvance(QStringLiteral("−0.00000")) + 8; }
double cellHeight() { return QFontMetricsF(Theme::current().numberFont()).height() + 4; }

bool heatmapFor(const DrawnGrid& g) {
    return g.rows > MatrixNodeItem::maxCellsPerSide || g.cols > MatrixNodeItem::maxCellsPerSide;
}

// One grid's cells: their size and the block with its head (and scale line for a heatmap).
struct Block {
    double cellW = 0, cellH = 0;
    double width = 0, height = 0;  // cells only
    double head = 0, scale = 0;    // heights of the lines above and below
    double total() const { return head + height + scale; }
};

Block blockOf(const DrawnGrid& g) {
    Block b;
    const QFontMetricsF lab(Theme::current().labelFont());
    b.head = lab.height();
    if (heatmapFor(g)) {
        const double c = std::min({heatWidth / g.cols, heatHeight / g.rows, heatCell});
        b.cellW = b.cellH = c;
        b.scale = lab.height();
    } else {
        b.cellW = cellWidth();
        b.cellH = cellHeight();
    }
    b.width = std::max(b.cellW * g.cols, lab.horizontalAdvance(QStringLiteral("±0.0000")) + (heatmapFor(g) ? 30 : 0));
    b.height = b.cellH * g.rows;
    return b;
}

bool sideBySide(const DrawnGrid& g, const Block& b) { return g.cols == 1 || b.width <= 170; }

}  // namespace

DrawnGrid drawnGrid(const shaped::Shape& shape) {
    DrawnGrid g;
    if (shape.rank == 2) {
        g.rows = shape.dims[0];
        g.cols = shape.dims[1];
    } else if (shape.rank == 1) {
        g.rows = shape.dims[0];
        // A long vector (784 pixels of an image) as one column would be a needle: wrap it into a
        // near-square, row by row.
        if (g.rows > 36) {
            g.cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(g.rows))));
            g.rows = (shape.dims[0] + g.cols - 1) / g.cols;
            g.wrapped = true;
        }
    }
    return g;
}

QColor heatColour(double v, double limit) {
    if (!std::isfinite(v)) return QColor(0x40, 0x40, 0x40);
    const double t = limit > 0 ? std::clamp(v / limit, -1.0, 1.0) : 0.0;
    // ColorBrewer PuOr ends: purple #542788 (negative), orange #B35806 (positive), white at 0.
    const QColor end = t < 0 ? QColor(0x54, 0x27, 0x88) : QColor(0xB3, 0x58, 0x06);
    const double a = std::abs(t);
    auto mix = [a](int from, int to) { return static_cast<int>(std::lround(from + (to - from) * a)); };
    return QColor(mix(255, end.red()), mix(255, end.green()), mix(255, end.blue()));
}

MatrixNodeItem::MatrixNodeItem(int id, MatrixLabel label) : id_(id), label_(std::move(label)) {
    size_ = preferredSize(label_);
    setAcceptHoverEvents(true);
    setFlag(ItemIsSelectable);
}

QSizeF MatrixNodeItem::preferredSize(const MatrixLabel& label) {
    const Theme& t = Theme::current();
    const QFontMetricsF op(t.opFont()), lab(t.labelFont());
    const DrawnGrid g = drawnGrid(label.shape);
    const Block b = blockOf(g);
    const bool beside = sideBySide(g, b);
    const int grids = 1 + (label.second ? 1 : 0) + (label.third ? 1 : 0);
    double w = beside ? b.width * grids + gap * (grids - 1) : b.width;
    double h = beside ? b.total() : b.total() * grids + gap * (grids - 1);
    const double title = op.horizontalAdvance(label.title) + lab.horizontalAdvance(label.shapeText) + 24;
    w = std::max({w, title, lab.horizontalAdvance(label.subtitle)});
    h += op.height() + (label.subtitle.isEmpty() ? 0 : lab.height()) + 4;
    return {std::ceil(w + 2 * pad), std::ceil(h + 2 * pad)};
}

bool MatrixNodeItem::isHeatmap() const { return heatmapFor(drawnGrid(label_.shape)); }

QRectF MatrixNodeItem::box() const { return {-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height()}; }

QRectF MatrixNodeItem::boundingRect() const { return box().adjusted(-halo, -halo, halo, halo); }

MatrixNodeItem::GridGeometry MatrixNodeItem::geometry() const {
    const Theme& t = Theme::current();
    const QFontMetricsF op(t.opFont()), lab(t.labelFont());
    const DrawnGrid g = drawnGrid(label_.shape);
    const Block b = blockOf(g);
    const QRectF inner = box().adjusted(pad, pad, -pad, -pad);
    const double top = inner.top() + op.height() + (label_.subtitle.isEmpty() ? 0 : lab.height()) + 4;
    GridGeometry geo;
    geo.rows = g.rows;
    geo.cols = g.cols;
    geo.cell = b.cellW;
    geo.cellHeight = b.cellH;
    const bool beside = sideBySide(g, b);
    const int grids = 1 + (label_.second ? 1 : 0) + (label_.third ? 1 : 0);
    const double used = beside ? b.width * grids + gap * (grids - 1) : b.width;
    const double left = inner.center().x() - used / 2;
    geo.value = QRectF(left, top + b.head, b.cellW * g.cols, b.height);
    if (beside) geo.second = geo.value.translated(b.width + gap, 0);
    else geo.second = geo.value.translated(0, b.total() + gap);
    const QRectF afterValue = label_.second ? geo.second : geo.value;
    geo.third = beside ? afterValue.translated(b.width + gap, 0) : afterValue.translated(0, b.total() + gap);
    return geo;
}

void MatrixNodeItem::setFrame(const std::vector<double>& value, const std::vector<double>& second, Mode mode,
                              double glow, const std::vector<double>& third) {
    if (value == value_ && second == second_ && third == third_ && mode == mode_ && glow == glow_) return;
    if (value != value_) valueDirty_ = true;
    if (second != second_) secondDirty_ = true;
    if (third != third_) thirdDirty_ = true;
    value_ = value;
    second_ = second;
    third_ = third;
    mode_ = mode;
    glow_ = glow;
    update();
}

void MatrixNodeItem::setMemory(const QString& memory) {
    if (memory == memory_) return;
    memory_ = memory;
    update();
}

void MatrixNodeItem::paintGrid(QPainter* p, const QRectF& area, const QString& head, const std::vector<double>& v,
                               const QColor& colour, QImage& cache, bool& dirty) const {
    const Theme& t = Theme::current();
    const QFontMetricsF lab(t.labelFont());
    const DrawnGrid g = drawnGrid(label_.shape);
    const bool known = v.size() == label_.shape.size();
    p->setFont(t.labelFont());
    p->setPen(known ? colour : t.pending);
    p->drawText(QRectF(area.left(), area.top() - lab.height(), std::max(area.width(), 80.0), lab.height()),
                Qt::AlignLeft | Qt::AlignVCenter, head);
    const double cw = area.width() / g.cols, ch = area.height() / g.rows;
    if (heatmapFor(g)) {
        if (!known) {
            p->fillRect(area, t.constFill);
            return;
        }
        double limit = 0;
        for (double x : v)
            if (std::isfinite(x)) limit = std::max(limit, std::abs(x));
        if (dirty || cache.isNull()) {
            cache = QImage(g.cols, g.rows, QImage::Format_RGB32);
            cache.fill(t.background);
            for (std::size_t k = 0; k < v.size(); ++k)
                cache.setPixelColor(static_cast<int>(k % static_cast<std::size_t>(g.cols)),
                                    static_cast<int>(k / static_cast<std::size_t>(g.cols)), heatColour(v[k], limit));
            dirty = false;
        }
        p->save();
        p->setRenderHint(QPainter::SmoothPixmapTransform, false);
        p->drawImage(area, cache);
        p->restore();
        p->setPen(QPen(t.panelBorder, 1));
        p->setBrush(Qt::NoBrush);
        p->drawRect(area);
        // The scale: the colours' ends and the largest magnitude they stand for.
        // The block is at least as wide as this line, however narrow its cells (a column of ten).
        const double textWidth = lab.horizontalAdvance(QStringLiteral("±0.0000"));
        const double bar = std::clamp(area.width() - textWidth - 6, 24.0, 60.0);
        const QRectF scale(area.left(), area.bottom() + 2, std::max(area.width(), bar + 6 + textWidth), lab.height() - 2);
        QLinearGradient grad(scale.left(), 0, scale.left() + bar, 0);
        grad.setColorAt(0, heatColour(-1, 1));
        grad.setColorAt(0.5, heatColour(0, 1));
        grad.setColorAt(1, heatColour(1, 1));
        p->fillRect(QRectF(scale.left(), scale.top() + 3, bar, scale.height() - 6), grad);
        p->setPen(t.text);
        p->drawText(QRectF(scale.left() + bar + 6, scale.top(), scale.width() - bar - 6, scale.height()),
                    Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("±") + numberText(limit));
        return;
    }
    p->setFont(t.numberFont());
    p->setPen(QPen(t.panelBorder, 1));
    p->setBrush(Qt::NoBrush);
    p->drawRect(area);
    for (int i = 0; i < g.rows; ++i)
        for (int j = 0; j < g.cols; ++j) {
            const QRectF cell(area.left() + j * cw, area.top() + i * ch, cw, ch);
            const std::size_t k = static_cast<std::size_t>(i * g.cols + j);
            p->setPen(known ? colour : t.pending);
            p->drawText(cell.adjusted(2, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter,
                        known ? cellText(v[k]) : QStringLiteral("·"));
        }
}

void MatrixNodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const Theme& t = Theme::current();
    p->setRenderHint(QPainter::Antialiasing);
    const QRectF r = box();
    if (glow_ > 0) {
        QColor g = t.activeGlow;
        g.setAlphaF(g.alphaF() * glow_);
        p->setPen(Qt::NoPen);
        p->setBrush(g);
        const double grow = halo * glow_;
        p->drawRoundedRect(r.adjusted(-grow, -grow, grow, grow), 14, 14);
    }
    QColor fill = t.opFill, border = t.opBorder;
    double width = 1.6;
    switch (label_.style) {
        case MatrixStyle::Input: fill = t.inputFill; border = t.inputBorder; width = 2.2; break;
        case MatrixStyle::Output: fill = t.outputFill; border = t.outputBorder; width = 3.2; break;
        case MatrixStyle::Operation: break;
        // torchviz's colours: leaves light blue, grad_fn boxes light grey, the output green.
        case MatrixStyle::TorchLeaf: fill = QColor(0xAD, 0xD8, 0xE6); border = QColor(0x33, 0x33, 0x33); break;
        case MatrixStyle::TorchFunction: fill = QColor(0xD3, 0xD3, 0xD3); border = QColor(0x33, 0x33, 0x33); break;
        case MatrixStyle::TorchOutput: fill = QColor(0xCA, 0xFF, 0x70); border = QColor(0x33, 0x33, 0x33); break;
    }
    if (glow_ > 0.5) border = t.active;
    if (isSelected()) {
        border = t.selected;
        width = 3.6;
    }
    p->setPen(QPen(border, width * t.lineScale));
    p->setBrush(fill);
    p->drawRoundedRect(r, 10, 10);
    if (option->levelOfDetailFromTransform(p->worldTransform()) < 0.2) return;

    const QRectF inner = r.adjusted(pad, pad, -pad, -pad);
    const QFontMetricsF op(t.opFont()), lab(t.labelFont());
    const QRectF title(inner.left(), inner.top(), inner.width(), op.height());
    p->setFont(t.opFont());
    p->setPen(t.text);
    p->drawText(title, Qt::AlignLeft | Qt::AlignVCenter, label_.title);
    p->setFont(t.labelFont());
    p->setPen(t.mutedText);
    p->drawText(title, Qt::AlignRight | Qt::AlignVCenter, label_.shapeText);
    if (!memory_.isEmpty()) {
        // Where a checkpointed sweep keeps this value: a tag on the top edge, dashed when freed.
        QFont f = t.labelFont();
        f.setBold(true);
        const QFontMetricsF fm(f);
        const QRectF tag(r.right() - fm.horizontalAdvance(memory_) - 22, r.top() - fm.height() / 2,
                         fm.horizontalAdvance(memory_) + 14, fm.height());
        const bool freed = memory_ == QObject::tr("freed");
        p->setPen(QPen(freed ? t.pending : t.adjoint, 1.4, freed ? Qt::DashLine : Qt::SolidLine));
        p->setBrush(t.background);
        p->drawRoundedRect(tag, 6, 6);
        p->setFont(f);
        p->setPen(freed ? t.pending : t.adjoint);
        p->drawText(tag, Qt::AlignCenter, memory_);
    }
    if (!label_.subtitle.isEmpty()) {
        p->setFont(t.labelFont());
        p->setPen(t.text);
        p->drawText(QRectF(inner.left(), title.bottom(), inner.width(), lab.height()), Qt::AlignLeft | Qt::AlignVCenter,
                    label_.subtitle);
    }
    const GridGeometry geo = geometry();
    paintGrid(p, geo.value, label_.valueName, value_, t.value, valueImage_, valueDirty_);
    if (label_.second)
        paintGrid(p, geo.second, label_.secondName, second_, mode_ == Mode::Forward ? t.tangent : t.adjoint,
                  secondImage_, secondDirty_);
    if (label_.third) paintGrid(p, geo.third, label_.thirdName, third_, t.tangent, thirdImage_, thirdDirty_);
}

QString MatrixNodeItem::cellTextAt(QPointF pos) const {
    const GridGeometry geo = geometry();
    const auto at = [&](const QRectF& area, const QString& head, const std::vector<double>& v) -> QString {
        if (!area.contains(pos)) return {};
        const int j = std::clamp(static_cast<int>((pos.x() - area.left()) / (area.width() / geo.cols)), 0, geo.cols - 1);
        const int i = std::clamp(static_cast<int>((pos.y() - area.top()) / (area.height() / geo.rows)), 0, geo.rows - 1);
        const std::size_t k = static_cast<std::size_t>(i * geo.cols + j);
        if (k >= label_.shape.size()) return {};
        const QString index = QString::fromStdString(label_.shape.indexText(k));
        const QString number = k < v.size() ? QString::fromStdString(formatShort(v[k])) : QStringLiteral("not known yet");
        return QStringLiteral("%1%2 = %3").arg(head, index, number);
    };
    QString s = at(geo.value, label_.valueName, value_);
    if (s.isEmpty() && label_.second) s = at(geo.second, label_.secondName, second_);
    if (s.isEmpty() && label_.third) s = at(geo.third, label_.thirdName, third_);
    return s;
}

void MatrixNodeItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
    setToolTip(cellTextAt(event->pos()));
    QGraphicsItem::hoverMoveEvent(event);
}

}  // namespace adviz::ui
