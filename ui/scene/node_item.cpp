#include "ui/scene/node_item.hpp"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QRegularExpression>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

#include "autodiff/number_format.hpp"
#include "autodiff/sweeps/dual_text.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

constexpr double pad = 8;
constexpr double halo = 7;  // room around the box for the active glow

QString number(double x, bool known) {
    return known ? QString::fromStdString(formatShort(x)) : QStringLiteral("···");
}

// Row labels: v, v̇ (combining dot), v̄ (combining macron).
const QString valueMark = QStringLiteral("v ");
const QString tangentMark = QStringLiteral("v\u0307 ");
const QString adjointMark = QStringLiteral("v\u0304 ");
const QString adjointTangentMark = QStringLiteral("v\u0304\u02D9");  // v̄˙: the adjoint's tangent

}  // namespace

NodeLabel nodeLabelOf(const Graph& g, int id, bool output) {
    NodeLabel l;
    const Node& nd = g[id];
    l.output = output;
    l.wengert = QString::fromStdString(g.wengertName(id));
    if (nd.op == Op::Input) {
        l.kind = NodeKind::Input;
        l.symbol = QString::fromUtf8(g.nameOf(id).data(), static_cast<qsizetype>(g.nameOf(id).size()));
    } else if (nd.op == Op::Const) {
        l.kind = NodeKind::Constant;
        l.symbol = l.wengert;
    } else {
        l.symbol = QString::fromUtf8(info(nd.op).symbol.data(), static_cast<qsizetype>(info(nd.op).symbol.size()));
        auto name = g.nameOf(id);
        l.name = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    }
    if (l.output && l.name.isEmpty()) {
        for (const Output& o : g.outputs)
            if (o.node == id) l.name = QString::fromStdString(o.name);
    }
    return l;
}

NodeItem::NodeItem(int id, NodeLabel label, QSizeF size)
    : id_(id), label_(std::move(label)), size_(size) {
    setFlag(ItemIsSelectable);
    // Hover lights every box of an input drawn more than once; the tooltip (definition, value,
    // partials, rule) is written by the scene, which knows the trace.
    setAcceptHoverEvents(true);
    setZValue(1);
}

void NodeItem::setWarning(const QString& message) {
    if (message == warning_) return;
    warning_ = message;
    update();
}

void NodeItem::setHighlighted(bool on) {
    if (on == highlighted_) return;
    highlighted_ = on;
    update();
}

void NodeItem::lightAllBoxes(bool on) {
    if (!scene()) return;
    for (QGraphicsItem* it : scene()->items())
        if (it->type() == Type && static_cast<NodeItem*>(it)->id() == id_)
            static_cast<NodeItem*>(it)->setHighlighted(on);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    lightAllBoxes(true);
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event) {
    lightAllBoxes(false);
    QGraphicsItem::hoverLeaveEvent(event);
}

QSizeF NodeItem::preferredSize(const NodeLabel& label, int rows) {
    const Theme& t = Theme::current();
    QFontMetricsF op(t.opFont()), lab(t.labelFont()), num(t.numberFont());
    if (label.kind == NodeKind::Constant)
        return {std::max(44.0, op.horizontalAdvance(label.symbol) * 0.8 + 2 * pad), 34};
    // The widest number formatShort writes is like "−1.234e+308": reserve that much.
    double numbers = num.horizontalAdvance(QStringLiteral("v̄ = −8.888e−888"));
    double top = lab.horizontalAdvance(label.wengert + "    " + label.name);
    double w = std::max({numbers, top, op.horizontalAdvance(label.symbol)}) + 2 * pad;
    double h = lab.height() + op.height() + rows * num.height() + 2 * pad;
    return {std::ceil(w), std::ceil(h)};
}

namespace {
bool same(double a, double b) { return a == b || (a != a && b != b); }  // NaN equals NaN here
bool sameState(const NodeState& a, const NodeState& b) {
    return a.hasValue == b.hasValue && a.hasTangent == b.hasTangent && a.hasAdjoint == b.hasAdjoint &&
           same(a.value, b.value) && same(a.tangent, b.tangent) && same(a.adjoint, b.adjoint) &&
           a.hasValueTangent == b.hasValueTangent && same(a.valueTangent, b.valueTangent) &&
           a.hasAdjointTangent == b.hasAdjointTangent && same(a.adjointTangent, b.adjointTangent) &&
           a.memory == b.memory;
}
}  // namespace

void NodeItem::setFrame(const NodeState& state, Mode mode, double glow, bool showMemory) {
    // Repaint only what changed: on a large graph most nodes stay the same from frame to frame.
    if (mode == mode_ && glow == glow_ && showMemory == showMemory_ && sameState(state, state_))
        return;
    showMemory_ = showMemory;
    state_ = state;
    mode_ = mode;
    glow_ = glow;
    update();
}

QRectF NodeItem::box() const {
    return {-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height()};
}

QRectF NodeItem::boundingRect() const {
    // Room for the glow, and for the ⚠ badge that sticks out of the top-right corner.
    const double badge = QFontMetricsF(Theme::current().labelFont()).height();
    return box().adjusted(-halo, -std::max(halo, badge * 0.4), std::max(halo, badge * 0.5), halo);
}

QPainterPath NodeItem::shape() const {
    QPainterPath p;
    p.addRoundedRect(box(), 10, 10);
    return p;
}

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const Theme& t = Theme::current();
    p->setRenderHint(QPainter::Antialiasing);
    QRectF r = box();
    // Zoomed far out (a large graph fitted to the window) text is unreadable anyway: draw the
    // box alone, which keeps a thousand-node graph smooth to pan and step.
    const bool detailed = option->levelOfDetailFromTransform(p->worldTransform()) >= 0.25;
    if (!detailed) p->setRenderHint(QPainter::Antialiasing, false);  // tiny: speed over smoothness

    if (glow_ > 0) {  // the active node: a halo that grows with the step's progress
        QColor g = t.activeGlow;
        g.setAlphaF(g.alphaF() * glow_);
        p->setPen(Qt::NoPen);
        p->setBrush(g);
        double grow = halo * glow_;
        p->drawRoundedRect(r.adjusted(-grow, -grow, grow, grow), 14, 14);
    }

    QColor fill = t.opFill, border = t.opBorder;
    double width = 1.6;
    if (label_.kind == NodeKind::Input) { fill = t.inputFill; border = t.inputBorder; width = 2.2; }
    if (label_.kind == NodeKind::Constant) { fill = t.constFill; border = t.constBorder; width = 1.2; }
    if (label_.output) { fill = t.outputFill; border = t.outputBorder; width = 3.2; }
    if (glow_ > 0.5) border = t.active;
    if (isSelected() || highlighted_) { border = t.selected; width = 3.6; }
    QPen outline(border, width * t.lineScale);
    if (label_.copy) outline.setStyle(Qt::DashLine);  // the same input, drawn again nearby
    p->setPen(outline);
    p->setBrush(fill);
    // Inputs are rounder, but never so round that a row of numbers runs into the curve (four
    // rows in H·v mode make a tall box).
    double radius = label_.kind == NodeKind::Input ? std::min(r.height() / 2.6, 16.0) : 10;
    p->drawRoundedRect(r, radius, radius);
    if (label_.output) {  // a second outline marks an output, readable without colour
        p->setPen(QPen(border, 1.2 * t.lineScale));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(r.adjusted(4, 4, -4, -4), radius - 3, radius - 3);
    }

    if (!detailed) return;
    if (label_.kind == NodeKind::Constant) {
        p->setPen(t.text);
        p->setFont(t.numberFont());
        p->drawText(r, Qt::AlignCenter, label_.symbol);
        return;
    }

    QRectF inner = r.adjusted(pad, pad / 2, -pad, -pad / 2);
    QFontMetricsF lab(t.labelFont()), op(t.opFont());
    QRectF top(inner.left(), inner.top(), inner.width(), lab.height());
    p->setFont(t.labelFont());
    p->setPen(t.mutedText);
    p->drawText(top, Qt::AlignLeft | Qt::AlignVCenter, label_.wengert);
    p->setPen(t.text);
    p->drawText(top, Qt::AlignRight | Qt::AlignVCenter, label_.name);

    QRectF mid(inner.left(), top.bottom(), inner.width(), op.height());
    p->setFont(t.opFont());
    p->setPen(t.text);
    p->drawText(mid, Qt::AlignCenter, label_.symbol);

    paintNumbers(p, QRectF(inner.left(), mid.bottom(), inner.width(), inner.bottom() - mid.bottom()));
    if (showMemory_) paintMemory(p, r);
    if (showsWarning()) paintWarning(p, r);
}

// A ⚠ badge on the top-right corner, in the warning colour with the text colour's outline, so it
// reads on every theme and without colour.
void NodeItem::paintWarning(QPainter* p, const QRectF& r) const {
    const Theme& t = Theme::current();
    QFont f = t.labelFont();
    f.setBold(true);
    QFontMetricsF fm(f);
    const double d = fm.height() * 1.15;
    QRectF badge(r.right() - d * 0.7, r.top() - d * 0.3, d, d);
    p->setPen(QPen(t.text, 1.2 * t.lineScale));
    p->setBrush(t.warning);
    p->drawEllipse(badge);
    p->setFont(f);
    p->setPen(t.background);
    p->drawText(badge, Qt::AlignCenter, QStringLiteral("!"));
}

void NodeItem::setTeaching(NodeTeaching teaching) {
    if (teaching == teaching_) return;
    teaching_ = teaching;
    update();
}

QStringList NodeItem::shownText() const {
    QStringList rows;
    auto shown = [&](int row, double x, bool known) {
        return teaching_.hiddenRow == row ? QStringLiteral("?") : number(x, known);
    };
    if (teaching_.dual && mode_ == Mode::Forward) {
        const bool known = state_.hasValue && state_.hasTangent;
        if (teaching_.hiddenRow >= 0 && state_.hasValue)
            return {valueMark + "= " + shown(0, state_.value, true) + " + " + shown(1, state_.tangent, state_.hasTangent) + "ε"};
        return {valueMark + "= " + (known ? QString::fromStdString(dualNumber(state_.value, state_.tangent))
                                          : shown(0, state_.value, false))};
    }
    rows << valueMark + "= " + shown(0, state_.value, state_.hasValue);
    switch (mode_) {
        case Mode::Forward: rows << tangentMark + "= " + shown(1, state_.tangent, state_.hasTangent); break;
        case Mode::Reverse: rows << adjointMark + "= " + shown(1, state_.adjoint, state_.hasAdjoint); break;
        case Mode::ForwardOverReverse:
            rows << tangentMark + "= " + number(state_.valueTangent, state_.hasValueTangent)
                 << adjointMark + "= " + shown(1, state_.adjoint, state_.hasAdjoint)
                 << adjointTangentMark + "= " + number(state_.adjointTangent, state_.hasAdjointTangent);
            break;
    }
    return rows;
}

void NodeItem::paintNumbers(QPainter* p, const QRectF& area) const {
    const Theme& t = Theme::current();
    QFontMetricsF num(t.numberFont());
    p->setFont(t.numberFont());
    QRectF row(area.left(), area.top(), area.width(), num.height());

    if (teaching_.dual && mode_ == Mode::Forward) {
        // One dual number across the two rows' height, in the tangent colour once it is known;
        // a long one is set smaller rather than clipped.
        // A dual number too wide for one row breaks before its ε part, at full size:
        // "v = 0.8415" over "    + 0.5403ε".
        const QString text = shownText().front();
        p->setPen(state_.hasTangent ? t.tangent : state_.hasValue ? t.value : t.pending);
        const int cut = text.lastIndexOf(QRegularExpression(QStringLiteral(" [+−] ")));
        if (num.horizontalAdvance(text) <= area.width() || cut < 0) {
            p->drawText(QRectF(area.left(), area.top(), area.width(), 2 * num.height()),
                        Qt::AlignLeft | Qt::AlignVCenter, text);
            return;
        }
        p->drawText(row, Qt::AlignLeft | Qt::AlignVCenter, text.left(cut));
        row.translate(0, num.height());
        p->drawText(row, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("    ") + text.mid(cut + 1));
        return;
    }
    auto line = [&](const QString& mark, double x, bool known, const QColor& colour) {
        const int index = static_cast<int>((row.top() - area.top()) / num.height() + 0.5);
        const bool hidden = teaching_.hiddenRow == index;
        p->setPen(hidden ? t.active : known ? colour : t.pending);
        p->drawText(row, Qt::AlignLeft | Qt::AlignVCenter,
                    mark + "= " + (hidden ? QStringLiteral("?") : number(x, known)));
        row.translate(0, num.height());
    };
    // A freed value is still known but no longer in memory: shown, but faded.
    QColor valueColour = state_.memory == Memory::Freed ? t.pending : t.value;
    line(valueMark, state_.value, state_.hasValue, valueColour);
    switch (mode_) {
        case Mode::Forward: line(tangentMark, state_.tangent, state_.hasTangent, t.tangent); break;
        case Mode::Reverse: line(adjointMark, state_.adjoint, state_.hasAdjoint, t.adjoint); break;
        case Mode::ForwardOverReverse:
            line(tangentMark, state_.valueTangent, state_.hasValueTangent, t.tangent);
            line(adjointMark, state_.adjoint, state_.hasAdjoint, t.adjoint);
            line(adjointTangentMark, state_.adjointTangent, state_.hasAdjointTangent, t.selected);
            break;
    }
}

// Checkpointing: where the value is. A checkpoint gets a flag, a freed value a dashed outline,
// a value in memory a filled dot, so the states read without colour too.
void NodeItem::paintMemory(QPainter* p, const QRectF& r) const {
    const Theme& t = Theme::current();
    switch (state_.memory) {
        case Memory::Unknown: return;
        case Memory::Stored:
            p->setPen(Qt::NoPen);
            p->setBrush(t.adjoint);
            p->drawEllipse(QPointF(r.right() - 9, r.bottom() - 9), 4.5, 4.5);
            return;
        case Memory::Freed:
            p->setPen(QPen(t.pending, 2, Qt::DashLine));
            p->setBrush(Qt::NoBrush);
            p->drawRoundedRect(r.adjusted(-4, -4, 4, 4), 12, 12);
            return;
        case Memory::Checkpoint: {
            QPolygonF flag;
            QPointF o(r.right() - 18, r.bottom() - 22);
            flag << o << o + QPointF(12, 4) << o + QPointF(0, 8);
            p->setPen(QPen(t.selected, 2));
            p->drawLine(o, o + QPointF(0, 16));
            p->setBrush(t.selected);
            p->drawPolygon(flag);
            return;
        }
    }
}

}  // namespace adviz::ui
