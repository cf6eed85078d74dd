#include "ui/export/tikz_export.hpp"

#include "ui/export/diagram_export.hpp"

#include <QPainterPath>

#include "autodiff/number_format.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// Scene units are pixels at 96 dpi; TikZ gets points (72 per inch), y flipped to grow upwards.
constexpr double kPt = 72.0 / 96.0;
QString pt(double x) { return QString::number(x * kPt, 'f', 1) + QStringLiteral("pt"); }
QString at(QPointF p) { return QStringLiteral("(%1,%2)").arg(pt(p.x()), pt(-p.y())); }

QString colour(const char* name, const QColor& c) {
    return QStringLiteral("\\definecolor{%1}{RGB}{%2,%3,%4}\n").arg(QLatin1String(name)).arg(c.red()).arg(c.green()).arg(c.blue());
}

QString subscriptOf(QChar c) {
    static const QString subs = QStringLiteral("₀₁₂₃₄₅₆₇₈₉");
    if (int i = subs.indexOf(c); i >= 0) return QString::number(i);
    if (c == QChar(0x208B)) return QStringLiteral("-");
    return {};
}

QString picture(GraphScene& scene, const SessionModel& model) {
    QString s = QStringLiteral("\\begin{tikzpicture}[x=1pt,y=1pt,font=\\sffamily\\normalsize]\n");
    const Frame& f = scene.frame();
    // Edges first (under the boxes), the active ones in the flow's colour.
    for (EdgeItem* e : scene.edgeItems()) {
        const QPainterPath& path = e->path();
        if (path.elementCount() == 0) continue;
        QString d = QStringLiteral("\\draw[-{Stealth},advizedge] ") + at(path.elementAt(0));
        for (int i = 1; i + 2 < path.elementCount(); i += 3)
            d += QStringLiteral(" .. controls %1 and %2 .. %3").arg(at(path.elementAt(i)), at(path.elementAt(i + 1)), at(path.elementAt(i + 2)));
        s += d + QStringLiteral(";\n");
        if (e->labelVisible())
            s += QStringLiteral("\\node[advizmuted,fill=advizbg,inner sep=1pt] at %1 {%2};\n")
                     .arg(at(e->labelRect().center()), toLatex(e->partialLabel()));
    }
    auto node = [&](NodeItem* n) {
        const NodeLabel& l = n->label();
        const QSizeF size = n->boundingRect().size();
        QString style = l.kind == NodeKind::Input ? QStringLiteral("draw=advizinput,fill=advizinputfill,rounded corners=6pt")
                        : l.kind == NodeKind::Constant ? QStringLiteral("draw=advizconst,fill=advizconstfill,rounded corners=4pt")
                        : l.output ? QStringLiteral("draw=advizoutput,fill=advizoutputfill,double,rounded corners=4pt")
                                   : QStringLiteral("draw=advizop,fill=advizopfill,rounded corners=4pt");
        if (n->id() == f.activeNode) style += QStringLiteral(",line width=1.6pt,draw=advizactive");
        const NodeState& st = n->shownState();
        QString text = toLatex(l.symbol);
        if (l.kind != NodeKind::Constant) {
            text = toLatex(l.wengert) + (l.name.isEmpty() ? QString() : QStringLiteral(" ") + toLatex(l.name)) +
                   QStringLiteral("\\\\ \\textbf{") + toLatex(l.symbol) + QStringLiteral("}\\\\ $v$ = ") +
                   (st.hasValue ? toLatex(QString::fromStdString(formatShort(st.value))) : QStringLiteral("$\\cdots$"));
            if (model.mode() == Mode::Forward)
                text += QStringLiteral("\\\\ \\textcolor{adviztangent}{$\\dot v$ = ") +
                        (st.hasTangent ? toLatex(QString::fromStdString(formatShort(st.tangent))) : QStringLiteral("$\\cdots$")) + '}';
            else
                text += QStringLiteral("\\\\ \\textcolor{advizadjoint}{$\\bar v$ = ") +
                        (st.hasAdjoint ? toLatex(QString::fromStdString(formatShort(st.adjoint))) : QStringLiteral("$\\cdots$")) + '}';
        }
        s += QStringLiteral("\\node[%1,minimum width=%2,minimum height=%3,align=center,inner sep=2pt] at %4 {%5};\n")
                 .arg(style, pt(size.width() - 16), pt(size.height() - 16), at(n->pos()), text);
    };
    for (NodeItem* n : scene.nodeItems()) node(n);
    for (NodeItem* n : scene.nodeCopies()) node(n);
    return s + QStringLiteral("\\end{tikzpicture}\n");
}

QString preamble(const char* documentClass) {
    const Theme& t = Theme::current();
    return QStringLiteral("%% Drawn by adviz. Compile with pdflatex.\n\\documentclass{%1}\n"
                          "\\usepackage[utf8]{inputenc}\n\\usepackage{tikz}\n"
                          "\\usetikzlibrary{arrows.meta}\n").arg(QLatin1String(documentClass)) +
           colour("advizbg", t.background) + colour("advizedge", t.edge) + colour("advizmuted", t.mutedText) +
           colour("advizinput", t.inputBorder) + colour("advizinputfill", t.inputFill) +
           colour("advizconst", t.constBorder) + colour("advizconstfill", t.constFill) +
           colour("advizop", t.opBorder) + colour("advizopfill", t.opFill) + colour("advizoutput", t.outputBorder) +
           colour("advizoutputfill", t.outputFill) + colour("adviztangent", t.tangent) +
           colour("advizadjoint", t.adjoint) + colour("advizactive", t.active);
}

}  // namespace

QString toLatex(const QString& in) {
    QString out;
    bool math = false;
    auto enter = [&] { if (!math) { out += '$'; math = true; } };
    auto leave = [&] { if (math) { out += '$'; math = false; } };
    for (int i = 0; i < in.size(); ++i) {
        const QChar c = in[i];
        const QChar next = i + 1 < in.size() ? in[i + 1] : QChar();
        if (next == QChar(0x0304) || next == QChar(0x0307)) {  // combining bar / dot over c
            enter();
            out += (next == QChar(0x0304) ? QStringLiteral("\\bar{") : QStringLiteral("\\dot{")) + c + '}';
            ++i;
            continue;
        }
        if (QString sub = subscriptOf(c); !sub.isEmpty()) {
            enter();
            QString all = sub;
            while (i + 1 < in.size() && !subscriptOf(in[i + 1]).isEmpty()) all += subscriptOf(in[++i]);
            out += QStringLiteral("_{") + all + '}';
            continue;
        }
        static const std::pair<char16_t, const char*> symbols[] = {
            {u'∂', "\\partial "}, {u'·', "\\cdot "}, {u'×', "\\times "}, {u'−', "-"}, {u'√', "\\surd "},
            {u'σ', "\\sigma "}, {u'ε', "\\varepsilon "}, {u'⊙', "\\odot "}, {u'≤', "\\le "}, {u'≥', "\\ge "},
            {u'∞', "\\infty "}, {u'π', "\\pi "}, {u'ȳ', "\\bar{y}"}, {u'ẋ', "\\dot{x}"}};
        bool done = false;
        for (const auto& [u, tex] : symbols)
            if (c.unicode() == u) {
                enter();
                out += QLatin1String(tex);
                done = true;
            }
        if (done) continue;
        leave();
        switch (c.unicode()) {
            case '\\': out += QStringLiteral("\\textbackslash{}"); break;
            case '{': case '}': case '$': case '&': case '#': case '_': case '%': out += '\\' + QString(c); break;
            case '^': out += QStringLiteral("\\textasciicircum{}"); break;
            case '~': out += QStringLiteral("\\textasciitilde{}"); break;
            default: out += c.unicode() < 128 ? QString(c) : QStringLiteral("?");  // nothing pdflatex would choke on
        }
    }
    leave();
    return out;
}

std::optional<QString> exportTikz(GraphScene& scene, SessionModel& model, const QString& path,
                                  const std::vector<int>& steps) {
    if (scene.nodeItems().empty()) return QObject::tr("nothing to export: the graph has not been laid out");
    if (steps.empty()) return QObject::tr("no steps to export");
    QString tex;
    if (steps.size() == 1) {
        model.setStep(steps.front());
        scene.showFrame(steps.front(), 0);
        tex = preamble("article") + QStringLiteral("\\usepackage[margin=1cm,landscape]{geometry}\n\\pagestyle{empty}\n"
                                                   "\\begin{document}\n\\resizebox{\\linewidth}{!}{%\n") +
              picture(scene, model) + QStringLiteral("}\n\\end{document}\n");
    } else {
        tex = preamble("beamer") + QStringLiteral("\\begin{document}\n\\begin{frame}{%1}\n\\centering\n")
                                       .arg(toLatex(model.goodSource().section('\n', 0, 0).left(60)));
        int overlay = 1;
        for (int k : steps) {
            model.setStep(k);
            scene.showFrame(k, 0);
            const Frame& f = scene.frame();
            tex += QStringLiteral("\\only<%1>{\\resizebox{\\linewidth}{!}{%\n").arg(overlay++) + picture(scene, model) +
                   QStringLiteral("}\\par\\smallskip\\small %1}\n").arg(toLatex(f.caption));
        }
        tex += QStringLiteral("\\end{frame}\n\\end{document}\n");
    }
    return writeAtomically(path, tex.toUtf8());
}

}  // namespace adviz::ui
