#include "app/quiz_export.hpp"

#include <QApplication>
#include <QFile>
#include <QFontMetricsF>
#include <QPainter>
#include <QTemporaryDir>

#include <iostream>
#include <optional>

#include "app/cli.hpp"
#include "app/cli_job.hpp"
#include "app/commands.hpp"
#include "autodiff/teaching/worksheet.hpp"
#include "ui/export/diagram_export.hpp"
#include "ui/export/step_export.hpp"
#include "ui/export/tikz_export.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/theme.hpp"

namespace adviz::cli {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString cellText(const WorksheetCell& c, bool answers) {
    if (!c.blank) return q(c.text);
    return answers ? QStringLiteral("[") + q(c.text) + QStringLiteral("]") : QStringLiteral("____________");
}

// One A4 landscape page: the task, the program, the graph without numbers, and the table.
std::optional<QString> writePdf(ui::GraphScene& scene, const Worksheet& w, const Options& opt, const QString& path) {
    ui::Handout handout(path);
    QRectF page;
    QPainter* p = handout.newPage(page);
    if (!p) return QObject::tr("cannot start the PDF");
    const ui::Theme& t = ui::Theme::current();
    QFont head = t.labelFont();
    head.setBold(true);
    head.setPointSizeF(14);
    QFont body = t.labelFont();
    body.setPointSizeF(11);
    QFont mono = t.tableFont();
    mono.setPointSizeF(11);
    QFontMetricsF hm(head, handout.device()), bm(body, handout.device()), mm(mono, handout.device());
    p->setPen(t.text);
    p->setFont(head);
    double y = page.top();
    p->drawText(QRectF(page.left(), y, page.width(), hm.height()), Qt::AlignLeft,
                opt.teach.answers ? QObject::tr("Answers") : QObject::tr("Exercise: automatic differentiation by hand"));
    y += hm.height() * 1.3;
    p->setFont(body);
    const QRectF task(page.left(), y, page.width(), bm.height() * 2.2);
    p->drawText(task, Qt::AlignLeft | Qt::TextWordWrap, q(w.task) + (opt.teach.answers ? QObject::tr("  (the blanks of the sheet in brackets)") : QString()));
    y += task.height();
    // The graph across the page, the table under it with room to write.
    const QRectF source = ui::exportRegion(scene);
    QRectF figure(page.left(), y, page.width(), (page.bottom() - y) * 0.42);
    const double wide = figure.height() * source.width() / std::max(1.0, source.height());
    if (wide < figure.width()) figure.setWidth(wide);
    else figure.setHeight(figure.width() * source.height() / std::max(1.0, source.width()));
    p->save();
    p->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene.render(p, figure, source, Qt::KeepAspectRatio);
    p->restore();
    y = figure.bottom() + bm.height();
    p->setFont(mono);
    const double x0 = page.left() + page.width() * 0.05;
    const double cols[] = {x0, x0 + mm.horizontalAdvance(QStringLiteral("v₋₁₀    ")),
                           x0 + mm.horizontalAdvance(QStringLiteral("v₋₁₀    v₋₁₀ + (−0.1)    ")),
                           x0 + mm.horizontalAdvance(QStringLiteral("v₋₁₀    v₋₁₀ + (−0.1)    ____________    "))};
    double ty = y;
    const QStringList header{QObject::tr("node"), QObject::tr("definition"), QObject::tr("value v"), q(w.secondName)};
    for (int c = 0; c < 4; ++c) p->drawText(QPointF(cols[c], ty + mm.ascent()), header[c]);
    ty += mm.height() * 1.2;
    p->drawLine(QPointF(x0, ty), QPointF(page.right(), ty));
    ty += mm.height() * 0.4;
    for (const WorksheetRow& r : w.rows) {
        if (ty > page.bottom() - mm.height()) break;
        const QStringList cells{q(r.name), q(r.definition).left(14), cellText(r.value, opt.teach.answers),
                                cellText(r.second, opt.teach.answers)};
        for (int c = 0; c < 4; ++c) p->drawText(QPointF(cols[c], ty + mm.ascent()), cells[c]);
        ty += mm.height() * 1.35;  // room to write by hand
    }
    return handout.finish();
}

// LaTeX: the TikZ picture of the graph (the diagram export's own), then the table.
std::optional<QString> writeTex(ui::GraphScene& scene, ui::SessionModel& model, const Worksheet& w,
                                const Options& opt, const QString& path) {
    QTemporaryDir dir;
    const QString pic = dir.filePath(QStringLiteral("graph.tex"));
    if (auto e = ui::exportTikz(scene, model, pic, {0})) return e;
    QFile f(pic);
    if (!f.open(QIODevice::ReadOnly)) return QObject::tr("cannot read the picture");
    QString tex = QString::fromUtf8(f.readAll());
    const int end = tex.lastIndexOf(QStringLiteral("\\end{document}"));
    if (end < 0) return QObject::tr("the picture has no document end");
    QString table = QStringLiteral("\n\\bigskip\n\\noindent ") + ui::toLatex(q(w.task)) +
                    (opt.teach.answers ? QStringLiteral(" (answers: the blanks in brackets)") : QString()) +
                    QStringLiteral("\n\n\\medskip\n\\noindent\\begin{tabular}{llll}\nnode & definition & value $v$ & ") +
                    ui::toLatex(q(w.secondName)) + QStringLiteral(" \\\\ \\hline\n");
    auto cell = [&](const WorksheetCell& c) {
        if (!c.blank) return ui::toLatex(q(c.text));
        return opt.teach.answers ? QStringLiteral("[") + ui::toLatex(q(c.text)) + QStringLiteral("]")
                                 : QStringLiteral("\\rule{5em}{0.4pt}");
    };
    for (const WorksheetRow& r : w.rows)
        table += ui::toLatex(q(r.name)) + QStringLiteral(" & ") + ui::toLatex(q(r.definition)) + QStringLiteral(" & ") +
                 cell(r.value) + QStringLiteral(" & ") + cell(r.second) + QStringLiteral(" \\\\[1.2ex]\n");
    table += QStringLiteral("\\end{tabular}\n");
    tex.insert(end, table);
    return ui::writeAtomically(path, tex.toUtf8());
}

}  // namespace

bool quizNeedsDrawing(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "-o" || args[i] == "--output") {
            const std::string& o = args[i + 1];
            return o.ends_with(".pdf") || o.ends_with(".tex");
        }
    return false;
}

int runQuizExport(int& argc, char** argv, const std::vector<std::string>& args, std::ostream& err) {
    Options opt;
    if (auto e = parseOptions(args, std::cin, opt)) return fail(err, *e);
    Job job;
    int status = 0;
    if (!prepare(opt, true, err, job, status)) return status;
    const auto sheet = quizSheet(job, opt, err, status);
    if (!sheet) return status;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ui::SessionModel model;
    model.setSource(QString::fromStdString(opt.source));
    model.setMode(modeNamed(opt.mode));
    std::vector<std::pair<std::string, double>> values;
    for (int i = 0; i < job.graph.inputCount(); ++i)
        values.emplace_back(std::string(job.graph.inputName(i)), job.x[static_cast<std::size_t>(i)]);
    model.setInputsByName(values);
    model.setDirectionAndSeed(job.xdot, job.ybar);
    model.setStep(0);  // the figure shows the graph without numbers: the table asks for them
    ui::GraphScene scene(model, nullptr, /*synchronous=*/true);
    scene.showFrame(0, 0);
    const QString out = QString::fromStdString(opt.output);
    const auto e = out.endsWith(QLatin1String(".pdf")) ? writePdf(scene, *sheet, opt, out)
                                                       : writeTex(scene, model, *sheet, opt, out);
    if (e) return fail(err, {Failure, e->toStdString()});
    return 0;
}

}  // namespace adviz::cli
