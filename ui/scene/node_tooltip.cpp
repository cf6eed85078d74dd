#include "ui/scene/node_tooltip.hpp"

#include "autodiff/number_format.hpp"
#include "autodiff/op.hpp"
#include "autodiff/sweeps/trace_text.hpp"

namespace adviz::ui {
namespace {

QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QString number(double x, bool known) {
    return known ? QString::fromStdString(formatShort(x)) : QStringLiteral("··· (not computed yet)");
}

QString row(const QString& label, const QString& value) {
    return QStringLiteral("<tr><td>%1</td><td>&nbsp;=&nbsp;%2</td></tr>").arg(label.toHtmlEscaped(),
                                                                             value.toHtmlEscaped());
}

}  // namespace

QString nodeTooltip(const Graph& g, const Trace& trace, int id, const NodeState& s) {
    const Node& node = g[id];
    QString name = QString::fromStdString(g.wengertName(id));
    QString html = QStringLiteral("<b>%1 = %2</b>").arg(name.toHtmlEscaped(),
                                                       text(g.definition(id)).toHtmlEscaped());
    if (!g.nameOf(id).empty() && node.op != Op::Input)
        html += QStringLiteral(" &nbsp;(%1)").arg(text(g.nameOf(id)).toHtmlEscaped());
    html += QStringLiteral("<table>");
    html += row(QStringLiteral("value ") + name, number(s.value, s.hasValue));
    switch (trace.mode) {
        case Mode::Forward:
            html += row(QStringLiteral("tangent ") + QString::fromStdString(text::dotted(g, id)), number(s.tangent, s.hasTangent));
            break;
        case Mode::Reverse:
            html += row(QStringLiteral("adjoint ") + QString::fromStdString(text::barred(g, id)), number(s.adjoint, s.hasAdjoint));
            break;
        case Mode::ForwardOverReverse:
            html += row(QStringLiteral("tangent ") + QString::fromStdString(text::dotted(g, id)), number(s.valueTangent, s.hasValueTangent));
            html += row(QStringLiteral("adjoint ") + QString::fromStdString(text::barred(g, id)), number(s.adjoint, s.hasAdjoint));
            html += row(QStringLiteral("adjoint's tangent"), number(s.adjointTangent, s.hasAdjointTangent));
            break;
    }
    html += QStringLiteral("</table>");

    // Local partials (known once the node's value is) and the rule that gives them.
    const auto idx = static_cast<std::size_t>(id);
    for (int slot = 0; slot < node.arity(); ++slot) {
        if (g[node.operand(slot)].op == Op::Const) continue;  // nothing needs ∂/∂constant
        QString partial = QString::fromStdString(partialFormula(g, id, slot));
        if (s.hasValue && idx < trace.partials.size()) {
            QString value = QString::fromStdString(formatShort(trace.partials[idx][static_cast<std::size_t>(slot)]));
            if (!partial.endsWith(QStringLiteral(" = ") + value)) partial += QStringLiteral(" = ") + value;
        }
        html += QStringLiteral("<br>%1").arg(partial.toHtmlEscaped());
        html += QStringLiteral("<br><i>rule: %1</i>").arg(QString::fromStdString(ruleText(node.op, slot)).toHtmlEscaped());
    }
    for (const Warning& w : trace.warnings)
        if (w.node == id && s.hasValue)
            html += QStringLiteral("<br><b>⚠ %1</b>").arg(QString::fromStdString(w.message).toHtmlEscaped());
    return html;
}

}  // namespace adviz::ui
