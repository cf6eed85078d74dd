#include "ui/presentation/key_table.hpp"

#include <QObject>

namespace adviz::ui {

const std::vector<KeyRow>& keyTable() {
    static const std::vector<KeyRow> rows = {
        {QObject::tr("→  PageDown"), QObject::tr("next step (presentation clickers send PageDown)"), {}},
        {QObject::tr("←  PageUp"), QObject::tr("previous step"), {}},
        {QObject::tr("Home  End"), QObject::tr("first / last step"), {}},
        {QObject::tr("Space"), QObject::tr("play / pause (presenting: next step, as in slide software)"), {}},
        {QObject::tr("P"), QObject::tr("play / pause while presenting"), QObject::tr("presenting")},
        {QObject::tr("digits, Enter"), QObject::tr("jump to that step"), QObject::tr("presenting")},
        {QObject::tr("B  ."), QObject::tr("black screen (again: back)"), QObject::tr("presenting")},
        {QObject::tr("W  ,"), QObject::tr("white screen (again: back)"), QObject::tr("presenting")},
        {QObject::tr("L"), QObject::tr("show / hide the Wengert list"), QObject::tr("presenting")},
        {QObject::tr("Esc"), QObject::tr("leave presentation mode or full screen"), {}},
        {QObject::tr("F5"), QObject::tr("presentation mode: full screen, graph and caption only"), {}},
        {QObject::tr("F11"), QObject::tr("full screen"), {}},
        {QObject::tr("F"), QObject::tr("fit the graph (never below readable text)"), {}},
        {QObject::tr("+  −"), QObject::tr("zoom the graph in / out; wheel zooms, dragging pans"), {}},
        {QObject::tr("Ctrl+=  Ctrl+−"), QObject::tr("larger / smaller text everywhere"), {}},
        {QObject::tr("Ctrl+0"), QObject::tr("text size back to normal"), {}},
        {QObject::tr("Ctrl+E"), QObject::tr("edge partials on / off"), {}},
        {QObject::tr("Ctrl+T"), QObject::tr("top to bottom / left to right"), {}},
        {QObject::tr("Ctrl+B"), QObject::tr("backward pass as a graph"), {}},
        {QObject::tr("Ctrl+G"), QObject::tr("vectors and matrices: scalar graph / one node per matrix operation"), {}},
        {QObject::tr("Ctrl+Shift+T"), QObject::tr("vectors and matrices: as PyTorch autograd names them"), {}},
        {QObject::tr("Ctrl+D  Ctrl+2  Ctrl+R"), QObject::tr("dual numbers, side by side, predict mode"), {}},
        {QObject::tr("H  A"), QObject::tr("predict mode: the rule without numbers; A: type the prediction (presenting)"), {}},
        {QObject::tr("Ctrl+Q"), QObject::tr("quit"), {}},
    };
    return rows;
}

QString keyTableHtml() {
    QString html = QStringLiteral("<table cellspacing='6'>");
    for (const KeyRow& r : keyTable()) {
        QString action = r.action.toHtmlEscaped();
        if (!r.where.isEmpty()) action += QStringLiteral(" <i>(%1)</i>").arg(r.where.toHtmlEscaped());
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(r.keys.toHtmlEscaped(), action);
    }
    return html + QStringLiteral("</table><p>Keys act wherever the program editor does not have "
                                 "the keyboard (click the graph, or press Esc in the editor).</p>");
}

}  // namespace adviz::ui
