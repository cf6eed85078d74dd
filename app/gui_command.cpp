#include "app/gui_command.hpp"

#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QScreen>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <ostream>

#include "app/cli_job.hpp"
#include "app/cli_options.hpp"
#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/shaped/shaped_trace.hpp"
#include "autodiff/sweeps/derivatives.hpp"
#include "ui/chain/chain_panel.hpp"
#include "ui/examples.hpp"
#include "ui/export/diagram_export.hpp"
#include "ui/export/gif_export.hpp"
#include "ui/export/html_export.hpp"
#include "ui/export/step_export.hpp"
#include "ui/export/tikz_export.hpp"
#include "ui/main_window.hpp"
#include "ui/model/overview_model.hpp"
#include "ui/model/roll_model.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/frame.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/session/scene_state.hpp"
#include "ui/session/session_controller.hpp"
#include "ui/session/session_file.hpp"
#include "ui/shaped/shaped_scene.hpp"
#include "ui/teaching/teaching.hpp"
#include "ui/widgets/expression_editor.hpp"
#include "ui/widgets/inputs_panel.hpp"
#include "ui/widgets/jacobian_panel.hpp"

namespace adviz::cli {
namespace {

int fail(std::ostream& err, int status, const std::string& message) {
    err << "adviz: " << message << "\n";
    return status;
}

/// "--at x=1,y=2" checked against the program: name/value pairs, or an error.
std::optional<CliError> valuesFor(const Options& opt, std::vector<std::pair<std::string, double>>& out,
                                  bool requireAll) {
    ParseResult pr = parse(opt.source);
    if (!pr.ok()) return CliError{InputErrorStatus, formatDiagnostic(opt.source, *pr.error, opt.sourceName)};
    std::vector<double> x;
    std::vector<std::string> missing;
    if (auto e = assignInputs(pr.graph, opt.at.value_or(""), "--at", x, &missing)) return e;
    if (opt.init) applyInit(pr.graph, *opt.init, x, missing);
    if (requireAll && !missing.empty()) {
        std::string names;
        for (const auto& m : missing) names += (names.empty() ? "" : ", ") + m;
        return CliError{InputErrorStatus, "no value for " + names + " (give --at)"};
    }
    for (int i = 0; i < pr.graph.inputCount(); ++i)
        // Missing lists whole vectors and matrices by name: their elements are left unset (NaN).
        if (std::find(missing.begin(), missing.end(), pr.graph.inputName(i)) == missing.end() &&
            !(pr.graph.shaped && std::isnan(x[static_cast<std::size_t>(i)])))
            out.emplace_back(pr.graph.inputName(i), x[static_cast<std::size_t>(i)]);
    return std::nullopt;
}

/// "--step 9" or "--step end" against the trace's length.
std::optional<int> stepFor(const std::string& text, int count, std::string& error) {
    if (text == "end") return count;
    char* end = nullptr;
    long k = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || k < 0) {
        error = "--step must be a number or 'end', not '" + text + "'";
        return std::nullopt;
    }
    if (k > count) {
        error = "--step " + text + " is past the end: this sweep has " + std::to_string(count) + " steps";
        return std::nullopt;
    }
    return static_cast<int>(k);
}

void setupApplication() {
    QCoreApplication::setOrganizationName("adviz");
    QCoreApplication::setApplicationName("adviz");
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/adviz.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("adviz"));  // the installed adviz.desktop
}

}  // namespace

int runExport(int& argc, char** argv, const std::vector<std::string>& args, std::ostream& err) {
    Options opt;
    if (auto e = parseOptions(args, std::cin, opt)) return fail(err, e->status, e->message);
    if (opt.help) {
        std::cout << usage();
        return 0;
    }
    if (opt.source.empty()) return fail(err, UsageStatus, "export: no EXPR given");
    if (opt.output.empty()) return fail(err, UsageStatus, "export: give the output file with -o FILE.svg|.png|.dot");
    std::vector<std::pair<std::string, double>> values;
    if (auto e = valuesFor(opt, values, true)) {
        err << (e->message.find("error:") != std::string::npos ? "" : "adviz: ") << e->message
            << (e->message.back() == '\n' ? "" : "\n");
        return e->status;
    }
    // Drawing needs fonts, not a screen: the offscreen platform works everywhere.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    setupApplication();
    ui::SessionModel model;
    model.setSource(QString::fromStdString(opt.source));
    model.setMode(modeNamed(opt.mode));
    model.setInputsByName(values);
    // After the point: the backward graph is built at it (relu and friends branch there).
    if (opt.backwardGraph) model.setShowBackwardGraph(true);
    std::string stepError;
    auto step = stepFor(opt.step.value_or("end"), model.stepCount(), stepError);
    if (!step) return fail(err, UsageStatus, stepError);
    model.setStep(*step);
    if (opt.strategyGiven) {
        auto s = Strategy::parse(opt.strategy);
        if (!s) return fail(err, UsageStatus, "--strategy must be store-all, sqrt, every:K or binomial:S");
        model.setCheckpointStrategy(s);
        model.setStep(*step);
    }
    ui::GraphScene scene(model, nullptr, /*synchronous=*/true);
    if (opt.topToBottom) scene.setDirection(layout::Direction::TopToBottom);
    scene.showFrame(*step, 0);
    if (!scene.layoutError().isEmpty()) return fail(err, 1, scene.layoutError().toStdString());
    // Too large to draw and no repeated body: the window shows blocks, a picture of the
    // program's boxes would have none.
    if (scene.overview().isActive() && QFileInfo(QString::fromStdString(opt.output)).suffix().toLower() != "dot")
        return fail(err, 1, *limits::drawingRefusal(model.graph().size()) +
                                "; the window shows it as an overview of blocks, and `-o FILE.dot` has no limit");
    const QString out = QString::fromStdString(opt.output);
    const QString ext = QFileInfo(out).suffix().toLower();
    const bool sequence = ext == "pdf" || ext == "gif" || ext == "html" || ext == "tex" || !opt.steps.empty();
    if (!sequence) {
        const ui::Frame& f = scene.frame();
        const QString caption = opt.caption ? (f.captionLead + '\n' + f.caption).trimmed() : QString();
        if (auto e = ui::exportDiagram(scene, model, out, caption)) return fail(err, 1, e->toStdString());
        return 0;
    }
    auto stepsOf = [&](std::vector<int>& steps) {
        // A TeX figure is the one step (--step) unless --steps asks for overlays.
        const std::string spec = !opt.steps.empty() ? opt.steps : ext == "tex" ? std::to_string(*step) : "all";
        return ui::parseSteps(QString::fromStdString(spec), model.stepCount(), steps);
    };
    std::vector<int> steps;
    if (auto e = stepsOf(steps)) return fail(err, UsageStatus, e->toStdString());
    if (ext == "gif") {
        if (auto e = ui::exportGif(scene, model, out, steps, {opt.fps, opt.width, true})) return fail(err, 1, e->toStdString());
        return 0;
    }
    if (ext == "tex") {
        if (auto e = ui::exportTikz(scene, model, out, steps)) return fail(err, 1, e->toStdString());
        return 0;
    }
    if (ext == "html") {
        if (auto e = ui::exportHtml(scene, model, out, steps, QString::fromStdString(opt.sceneTitle)))
            return fail(err, 1, e->toStdString());
        return 0;
    }
    if (ext != "pdf") {
        if (auto e = ui::exportFrames(scene, model, out, steps, {opt.caption, {}})) return fail(err, 1, e->toStdString());
        return 0;
    }
    // A handout: one page per step; a session with several scenes gives every scene in order,
    // each under its title (unless --scene chose one).
    ui::Handout handout(out);
    if (auto e = handout.addPages(scene, model, steps, QString::fromStdString(opt.sceneTitle)))
        return fail(err, 1, e->toStdString());
    if (!opt.sessionPath.empty() && opt.scene == 0) {
        const session::LoadResult r = session::load(QString::fromStdString(opt.sessionPath));
        for (std::size_t i = 1; r.session && i < r.session->scenes.size(); ++i) {
            const session::Scene& sc = r.session->scenes[i];
            if (QString e = ui::applyScene(sc, model); !e.isEmpty())
                return fail(err, InputErrorStatus, "scene " + std::to_string(i + 1) + ": " + e.toStdString());
            if (!scene.layoutError().isEmpty()) return fail(err, 1, scene.layoutError().toStdString());
            if (auto e = stepsOf(steps)) return fail(err, UsageStatus, "scene " + std::to_string(i + 1) + ": " + e->toStdString());
            if (auto e = handout.addPages(scene, model, steps, sc.title)) return fail(err, 1, e->toStdString());
        }
    }
    if (auto e = handout.finish()) return fail(err, 1, e->toStdString());
    return 0;
}

int runGui(int& argc, char** argv, const std::vector<std::string>& args, std::ostream& err) {
    Options opt;
    std::vector<std::string> withCommand = args;
    if (withCommand.empty() || withCommand.front() != "gui") withCommand.insert(withCommand.begin(), "gui");
    if (auto e = parseOptions(withCommand, std::cin, opt)) return fail(err, e->status, e->message);
    if (opt.help) {
        std::cout << usage();
        return 0;
    }
    // Without a display Qt would abort; say what to do instead.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return fail(err, 1, "no display to open the window on (run it on a desktop, under "
                            "xvfb-run, or with QT_QPA_PLATFORM=offscreen); the command line works "
                            "without one: adviz --help");
    std::vector<std::pair<std::string, double>> values;
    if (!opt.source.empty()) {
        if (auto e = valuesFor(opt, values, false)) {
            // A parse error already reads like a compiler's; other messages get the prefix.
            err << (e->message.find(": error: ") != std::string::npos ? "" : "adviz: ") << e->message
                << (e->message.back() == '\n' ? "" : "\n");
            return e->status;
        }
    }
    QApplication app(argc, argv);
    setupApplication();
    ui::MainWindow window;
    // The options below act on the loaded program at once: it is opened on this thread. What
    // is typed afterwards (--type, the user) opens long programs in the background.
    window.model().setBackgroundOpening(false);
    if (!opt.theme.empty()) {
        auto name = ui::Theme::fromKey(QString::fromStdString(opt.theme));
        if (!name) return fail(err, UsageStatus, "--theme must be light, dark or high-contrast");
        window.setTheme(*name);
    }
    if (!opt.example.empty()) {
        const ui::Example* found = nullptr;
        for (const ui::Example& e : ui::examples())
            if (e.title.contains(QString::fromStdString(opt.example), Qt::CaseInsensitive)) {
                found = &e;
                break;
            }
        if (!found) return fail(err, UsageStatus, "--example: no built-in example's title contains '" + opt.example + "'");
        ui::Example chosen = *found;
        if (opt.init) chosen.init = opt.init;  // the inputs it leaves to a seed get this one
        window.loadProgram(found->source, ui::exampleValues(chosen),
                           found->mode == "forward" ? Mode::Forward : Mode::Reverse);
        if (opt.mode != "reverse") window.model().setMode(modeNamed(opt.mode));
    } else if (!opt.sessionPath.empty()) {
        if (auto e = window.openSession(QString::fromStdString(opt.sessionPath)))
            return fail(err, InputErrorStatus, e->toStdString());
        if (opt.scene > 0) window.document().goToScene(opt.scene - 1);
        if (opt.modeGiven) window.model().setMode(modeNamed(opt.mode));
    } else if (opt.source.empty()) window.loadLastOrDefault();
    else window.loadProgram(QString::fromStdString(opt.source), values,
                            modeNamed(opt.mode));
    if (opt.topToBottom) window.scene().setDirection(layout::Direction::TopToBottom);
    if (opt.backwardGraph) window.setShowBackwardGraph(true);
    if (opt.rolled) window.scene().roll().setRolled(true);
    // Blocks are numbered as their boxes are ("Block 4", then "Block 4.2" inside it); the
    // inputs' box at the top level is number 0.
    for (const QString& part : QString::fromStdString(opt.openBlock).split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        ui::OverviewModel& overview = window.scene().overview();
        const bool inputsBox = overview.blocks() && overview.blocks()->blocks().front().inputs;
        overview.open(part.toInt() - (inputsBox ? 0 : 1));
    }
    if (opt.level == "scalar")
        if (auto refused = window.setScalarGraph(true)) err << "adviz: " << refused->toStdString() << "\n";
    if (opt.level == "shaped" && window.model().level() != ui::Level::Shaped)
        if (auto refused = window.setScalarGraph(false)) err << "adviz: " << refused->toStdString() << "\n";
    if (opt.torchView) window.setTorchView(true);
    for (const std::string& name : opt.expand) {
        // As a double-click on the box: the operation's scalar nodes in place.
        const Graph& g = window.model().program();
        int id = -1;
        for (int k = 0; g.shaped && k < g.shaped->size() && id < 0; ++k)
            if ((*g.shaped)[k].name == name || shaped::label(*g.shaped, k) == name) id = k;
        if (id < 0) return fail(err, UsageStatus, "--expand: no matrix operation is called '" + name + "'");
        if (auto refused = window.expandShaped(id)) err << "adviz: " << refused->toStdString() << "\n";
    }
    if (opt.strategyGiven) {
        auto s = Strategy::parse(opt.strategy);
        if (!s) return fail(err, UsageStatus, "--strategy must be store-all, sqrt, every:K or binomial:S");
        window.model().setCheckpointStrategy(s);
    }
    if (!opt.panel.empty() && !window.showPanel(QString::fromStdString(opt.panel)))
        return fail(err, UsageStatus, "--panel must be wengert, jacobian, charts, memory or chain");
    if (!opt.chainDemo.empty()) {
        // "cheapest:2": the Chain rule tab, the cheapest order's second product under way
        // (its operands marked); ":end" the finished Jacobian, ":0" the factors as written.
        const auto colon = opt.chainDemo.find(':');
        const std::string order = opt.chainDemo.substr(0, colon);
        const std::string at = colon == std::string::npos ? "1" : opt.chainDemo.substr(colon + 1);
        if (order != "forward" && order != "reverse" && order != "cheapest")
            return fail(err, UsageStatus, "--chain must be forward, reverse or cheapest, optionally :K or :end");
        window.showPanel("chain");
        auto* panel = window.findChild<ui::ChainPanel*>();
        if (!panel->reason().isEmpty())
            return fail(err, InputErrorStatus, "--chain: not a chain: " + panel->reason().toStdString());
        panel->showProduct(QString::fromStdString(order), at == "end" ? 1 << 20 : std::atoi(at.c_str()));
    }
    if (opt.teach.dual) window.teaching().setDualNumbers(true);
    if (opt.teach.sideBySide) window.teaching().setSideBySide(true);  // before --step: it picks the mode
    if (opt.teach.predict) window.teaching().setPredicting(true);
    if (!opt.jacobianDemo.empty()) {
        // "forward:2": the Jacobian by forward mode with two sweeps done and the third under way
        // (at --step, default half-way).
        std::string method = opt.jacobianDemo.substr(0, opt.jacobianDemo.find(':'));
        int done = 0;
        if (auto colon = opt.jacobianDemo.find(':'); colon != std::string::npos)
            done = std::atoi(opt.jacobianDemo.c_str() + colon + 1);
        if (method != "forward" && method != "reverse")
            return fail(err, UsageStatus, "--jacobian must be forward or reverse, optionally :SWEEPS");
        window.showPanel("jacobian");
        Mode m = method == "forward" ? Mode::Forward : Mode::Reverse;
        window.jacobianPanel().showProgress(m, done, 0);
        std::string stepError;
        auto step = stepFor(opt.step.value_or("0"), window.model().stepCount(), stepError);
        if (!step) return fail(err, UsageStatus, stepError);
        window.model().setStep(*step);
    } else if (opt.step) {
        std::string stepError;
        auto step = stepFor(*opt.step, window.model().stepCount(), stepError);
        if (!step) return fail(err, UsageStatus, stepError);
        window.model().setStep(*step);
    }
    window.model().setBackgroundOpening(true);
    if (!opt.typed.empty()) {
        // As if typed: the editor's own debounced path, errors and all.
        window.editor().editor()->setPlainText(QString::fromStdString(opt.typed));
    }
    if (opt.textScale > 0) window.setTextScale(opt.textScale);
    if (!opt.screenshot.empty()) {
        window.fitToScreen();  // as a teacher would see it on this screen
        const QString shot = QString::fromStdString(opt.screenshot);
        const bool wholeScreen = !opt.edit.empty();
        window.screenshotWhenReady(shot, [&err, shot, wholeScreen](const QString& e) {
            QString error = e;
            // The grid editor is a window of its own: the screen shows it beside the main one.
            if (error.isEmpty() && wholeScreen) {
                QApplication::processEvents();
                const QPixmap screen = QGuiApplication::primaryScreen()->grabWindow(0);
                if (screen.isNull() || !screen.save(shot)) error = "cannot capture the screen into " + shot;
            }
            if (!error.isEmpty()) err << "adviz: " << error.toStdString() << "\n";
            QCoreApplication::exit(error.isEmpty() ? 0 : 1);
        }, opt.progress);
    }
    window.show();
    if (!opt.edit.empty() && !window.inputsPanel().openEditor(QString::fromStdString(opt.edit)))
        return fail(err, UsageStatus, "--edit: '" + opt.edit + "' is not a vector or matrix input "
                                      "small enough for a grid (at most 12 × 12)");
    // Ask for the keyboard: without a window manager (a bare X server, Xvfb) nothing else gives
    // the window focus, and the teaching keys would go nowhere.
    window.activateWindow();
    if (opt.present) window.setPresenting(true);
    if (window.offerRecovery())
        err << "adviz: unsaved work from the last session was found; the window offers to restore it\n";
    return QApplication::exec();
}

}  // namespace adviz::cli
