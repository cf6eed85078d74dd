#include "ui/main_window.hpp"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <memory>

#include "ui/chain/chain_panel.hpp"
#include "ui/charts/charts_panel.hpp"
#include "ui/charts/memory_chart.hpp"
#include "ui/examples.hpp"
#include "ui/export/diagram_export.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/presentation/presenter.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/session/session_controller.hpp"
#include "ui/shaped/shaped_scene.hpp"
#include "ui/shaped/shaped_table.hpp"
#include "ui/shaped/shaped_view.hpp"
#include "ui/teaching/teaching.hpp"
#include "ui/widgets/caption_bar.hpp"
#include "ui/widgets/expression_editor.hpp"
#include "ui/widgets/inputs_panel.hpp"
#include "ui/widgets/jacobian_panel.hpp"
#include "ui/widgets/scenes_panel.hpp"
#include "ui/widgets/trace_table.hpp"
#include "ui/widgets/transport_bar.hpp"

namespace adviz::ui {
namespace {

// A panel whose content has a large minimum size (charts, the Jacobian grid) scrolls inside its
// tab instead of making the whole window too large for a projector.
QWidget* scrolling(QWidget* content) {
    auto* area = new QScrollArea;
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

Mode modeFromName(const QString& name) {
    return name == "forward" ? Mode::Forward
           : name == "forward-over-reverse" ? Mode::ForwardOverReverse : Mode::Reverse;
}

// The size the window would like on a large screen.
constexpr QSize kPreferredSize(1500, 940);

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), themeName_(ThemeName::Light) {
    setWindowTitle(tr("adviz: automatic differentiation, made visible"));
    model_ = new SessionModel(this);
    model_->setBackgroundOpening(true);  // long programs: parse and sweep off the UI thread
    model_->setPreferShaped(true);  // programs with vectors and matrices: one node per operation
    player_ = new Player(*model_, this);
    scene_ = new GraphScene(*model_, this);
    view_ = new GraphView(scene_);
    editor_ = new ExpressionEditor;
    inputs_ = new InputsPanel(*model_);
    table_ = new TraceTable(*model_);
    jacobian_ = new JacobianPanel(*model_, *player_);
    transport_ = new TransportBar(*model_, *player_);
    caption_ = new CaptionBar;

    graphTab_ = new QWidget;
    auto* centreLayout = new QVBoxLayout(graphTab_);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    shapedScene_ = new ShapedScene(*model_, this);
    shapedView_ = new ShapedView(shapedScene_);
    graphStack_ = new QStackedWidget;
    graphStack_->addWidget(view_);
    graphStack_->addWidget(shapedView_);
    centreLayout->addWidget(graphStack_, 1);
    centreLayout->addWidget(caption_);

    // Everything may shrink: on a 1024×768 projector, or 1280×720 at 150%, the window must fit.
    // The editor keeps two lines, the side panel can be folded away (View ▸ Side panel).
    auto* left = editorSplit_ = new QSplitter(Qt::Vertical);
    left->addWidget(editor_);
    charts_ = new ChartsPanel(*model_);
    centreTabs_ = new QTabWidget;
    centreTabs_->setDocumentMode(true);
    centreTabs_->addTab(graphTab_, tr("Graph"));
    centreTabs_->addTab(scrolling(new ChainPanel(*model_)), tr("Chain rule"));  // J = J_K ⋯ J₁ as blocks
    centreTabs_->addTab(scrolling(charts_), tr("Charts: why not FD or symbolic"));
    left->addWidget(centreTabs_);
    left->setStretchFactor(0, 0);
    left->setStretchFactor(1, 1);
    left->setChildrenCollapsible(false);
    left->setSizes({110, 800});

    side_ = new QSplitter(Qt::Vertical);
    side_->addWidget(inputs_);
    sideTabs_ = new QTabWidget;
    // The Wengert list of the level shown: scalar rows, or one row per matrix operation.
    shapedTable_ = new ShapedTable(*model_, *shapedScene_);
    tableStack_ = new QStackedWidget;
    tableStack_->addWidget(table_);
    tableStack_->addWidget(shapedTable_);
    sideTabs_->addTab(tableStack_, tr("Wengert list"));
    sideTabs_->addTab(scrolling(jacobian_), tr("Jacobian"));
    memory_ = new MemoryPanel(*model_);
    sideTabs_->addTab(scrolling(memory_), tr("Memory"));
    side_->addWidget(sideTabs_);
    side_->setStretchFactor(0, 0);
    side_->setStretchFactor(1, 1);
    side_->setSizes({300, 600});

    auto* main = new QSplitter(Qt::Horizontal);
    main->addWidget(left);
    main->addWidget(side_);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 0);
    main->setCollapsible(0, false);
    main->setSizes({1000, 460});
    setCentralWidget(main);

    auto* bar = addToolBar(tr("Transport"));
    bar->setMovable(false);
    bar->addWidget(transport_);
    transport_->installShortcuts(this);

    presenter_ = new Presenter(*this, *model_, *player_,
                               Presenter::Parts{editor_, side_, inputs_, sideTabs_, table_, centreTabs_,
                                                graphTab_, view_});
    connect(presenter_, &Presenter::presentingChanged, this, [this](bool on) {
        presentAction_->setChecked(on);
        if (!on) side_->setVisible(sidePanelAction_->isChecked());
        applyTheme();  // presentation mode has its own text scale
    });

    buildMenus();
    teaching_ = new Teaching(*this, centreLayout, graphStack_, caption_);
    scenes_ = new ScenesPanel(*document_);
    sideTabs_->addTab(scenes_, tr("Scenes"));
    presenter_->setScenes(
        [this](int delta) {
            const int to = document_->sceneIndex() + delta;
            return document_->goToScene(to, /*atEnd=*/delta < 0);
        },
        [this] { return document_->scene(document_->sceneIndex()).note; });
    // Esc in the editor hands the keyboard to the graph, where the teaching keys work.
    auto* esc = new QShortcut(QKeySequence(Qt::Key_Escape), editor_);
    esc->setContext(Qt::WidgetWithChildrenShortcut);
    connect(esc, &QShortcut::activated, this, [this] { view_->setFocus(Qt::ShortcutFocusReason); });

    connect(player_, &Player::frameChanged, scene_, &GraphScene::showFrame);
    connect(scene_, &GraphScene::frameShown, this, &MainWindow::showCaption);
    connect(player_, &Player::frameChanged, shapedScene_, &ShapedScene::showFrame);
    connect(shapedScene_, &ShapedScene::frameShown, this, &MainWindow::showCaption);
    connect(shapedScene_, &ShapedScene::expandRequested, this, &MainWindow::expandShaped);
    connect(model_, &SessionModel::levelChanged, this, &MainWindow::syncLevel);
    connect(editor_, &ExpressionEditor::sourceEdited, this, [this](const QString& text) {
        // What was typed is on disk before any parse or layout runs: nothing typed is lost.
        QSettings s;
        s.setValue("program/typed", text);
        s.sync();
        model_->setSource(text);
    });
    watchOpening();
    connect(model_, &SessionModel::errorChanged, this, &MainWindow::showParseState);
    connect(model_, &SessionModel::graphChanged, this, &MainWindow::showParseState);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &MainWindow::restyle);
    restoreSettings();
    restyle();
}

// Leaving normally (not a crash, not kill -9): whatever the user chose to keep is kept, and the
// autosave is not offered back next time.
MainWindow::~MainWindow() { document_->discardAutosave(); }

void MainWindow::loadLastOrDefault() {
    QSettings s;
    QString last = s.value("program/source").toString();
    if (last.trimmed().isEmpty()) {
        const Example& e = examples().front();
        loadProgram(e.source, exampleValues(e), Mode::Reverse);
        return;
    }
    loadProgram(last, parseValues(s.value("program/values").toString()),
                modeFromName(s.value("program/mode").toString()));
    // Typed after the last good parse and not yet parsed (a crash, or an error): back in the
    // editor, with its message, over the last good graph.
    QString typed = s.value("program/typed").toString();
    if (!typed.isEmpty() && typed != last) {
        editor_->setText(typed);
        model_->setSource(typed);
        showParseState();
        document_->reset();
    }
}

void MainWindow::exportAs(const QString& filter, const QString& suffix) {
    QString path = QFileDialog::getSaveFileName(this, tr("Export diagram"), "graph." + suffix, filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += "." + suffix;
    if (auto err = exportDiagram(*scene_, *model_, path)) {
        QMessageBox::warning(this, tr("Export failed"), *err);
        return;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::showCaption() {
    if (model_->level() == Level::Shaped) {
        const ShapedFrame& f = shapedScene_->frame();
        const auto& steps = model_->shapedTrace().steps;
        const bool shown = f.shownStep >= 0 && static_cast<std::size_t>(f.shownStep) < steps.size();
        caption_->showText(f.captionLead, f.caption,
                           shown ? std::optional<Phase>(steps[static_cast<std::size_t>(f.shownStep)].phase) : std::nullopt);
        return;
    }
    caption_->showFrame(scene_->frame(), model_->graph(), model_->trace());
}

void MainWindow::showParseState() {
    if (model_->isOpening()) return;  // "Opening… (N statements)" stays until it has opened
    if (const auto& e = model_->error()) {
        editor_->showError(*e);
        return;
    }
    const Graph& g = model_->graph();
    editor_->clearError();
    auto count = [](int n, const QString& one, const QString& many) {
        return QLocale().toString(n) + " " + (n == 1 ? one : many);
    };
    if (model_->level() == Level::Shaped && g.shaped) {
        editor_->showStatus("✓ " + count(g.shaped->size(), tr("matrix operation"), tr("matrix operations")) + " (" +
                            count(g.size(), tr("scalar node"), tr("scalar nodes")) + "), " +
                            count(static_cast<int>(g.shaped->inputs.size()), tr("input"), tr("inputs")) + ", " +
                            count(static_cast<int>(g.shaped->outputs.size()), tr("output"), tr("outputs")));
        return;
    }
    editor_->showStatus("✓ " + count(g.size(), tr("node"), tr("nodes")) + ", " +
                        count(g.inputCount(), tr("input"), tr("inputs")) + ", " +
                        count(g.outputCount(), tr("output"), tr("outputs")));
}

void MainWindow::setPresenting(bool on) { presenter_->setPresenting(on); }

double MainWindow::textScale() const { return presenter_->isPresenting() ? presentScale_ : normalScale_; }

void MainWindow::setTextScale(double scale) {
    scale = std::clamp(scale, Theme::minScale, Theme::maxScale);
    (presenter_->isPresenting() ? presentScale_ : normalScale_) = scale;
    applyTheme();
}

void MainWindow::setTheme(ThemeName name) {
    themeName_ = name;
    applyTheme();
}

void MainWindow::applyTheme() {
    const Theme& now = Theme::current();
    if (now.name == themeName_ && now.textScale == textScale()) return;
    Theme::setCurrent(Theme::named(themeName_, textScale()));
}

void MainWindow::restyle() {
    const Theme& t = Theme::current();
    qApp->setPalette(t.palette());
    // Menus, tabs and panels follow the text scale through the application font.
    QFont base = t.labelFont();
    qApp->setFont(base);
    centreTabs_->setFont(base);
    sideTabs_->setFont(base);
    caption_->applyTheme();
    // The editor may shrink to about one line on a small projector (the splitter gives it back).
    editor_->editor()->setMinimumHeight(QFontMetrics(t.editorFont()).lineSpacing() + 14);
    for (QAction* a : themeActions_ ? themeActions_->actions() : QList<QAction*>())
        a->setChecked(Theme::fromKey(a->data().toString()) == t.name);
    showCaption();
}

void MainWindow::fitToScreen() {
    QScreen* s = screen() ? screen() : QGuiApplication::primaryScreen();
    if (s) fitTo(s->availableGeometry());
}

void MainWindow::fitTo(const QRect& avail) {
    // A frame around the window takes a few pixels; leave them on small screens.
    const QSize fits = kPreferredSize.boundedTo(avail.size() - QSize(16, 40));
    if (fits.width() < kPreferredSize.width() || fits.height() < kPreferredSize.height()) {
        setGeometry(avail);  // a projector-sized screen: all of it
    } else {
        resize(fits);
        move(avail.center() - QPoint(fits.width() / 2, fits.height() / 2));
    }
    // The graph is what the class looks at: the side panel takes about a third, at most 460 px;
    // on a very small screen (1280×720 at 150% is 853×480) it starts folded away (Ctrl+L).
    if (auto* split = qobject_cast<QSplitter*>(centralWidget())) {
        const int side = std::min(460, width() * 34 / 100);
        split->setSizes({width() - side, side});
    }
    if (width() < 1000 && sidePanelAction_) sidePanelAction_->setChecked(false);
    if (height() < 600) editorSplit_->setSizes({editor_->minimumSizeHint().height(), height()});
}

void MainWindow::restoreSettings() {
    QSettings s;
    const QRect avail = (screen() ? screen() : QGuiApplication::primaryScreen())->availableGeometry();
    // A geometry remembered on a larger monitor does not fit a projector: fit the screen instead.
    if (!restoreGeometry(s.value("window/geometry").toByteArray()) ||
        !avail.contains(QRect(pos(), size()))) {
        fitToScreen();
    }
    edgeLabels_->setChecked(s.value("view/edgeLabels", true).toBool());
    topToBottom_->setChecked(s.value("view/topToBottom", false).toBool());
    normalScale_ = std::clamp(s.value("view/textScale", 1.0).toDouble(), Theme::minScale, Theme::maxScale);
    presentScale_ = std::clamp(s.value("view/presentTextScale", defaultPresentScale).toDouble(), Theme::minScale, Theme::maxScale);
    themeName_ = Theme::fromKey(s.value("view/theme").toString()).value_or(ThemeName::Light);
    sidePanelAction_->setChecked(s.value("view/sidePanel", true).toBool());
    applyTheme();
}

void MainWindow::saveSettings() const {
    QSettings s;
    if (!presenter_->isPresenting()) s.setValue("window/geometry", saveGeometry());
    s.setValue("view/edgeLabels", edgeLabels_->isChecked());
    s.setValue("view/topToBottom", topToBottom_->isChecked());
    s.setValue("view/textScale", normalScale_);
    s.setValue("view/presentTextScale", presentScale_);
    s.setValue("view/theme", Theme::key(themeName_));
    s.setValue("view/sidePanel", sidePanelAction_->isChecked());
    s.setValue("program/source", model_->goodSource());
    s.setValue("program/typed", model_->source());
    QStringList values;
    const Graph& g = model_->program();
    for (int i = 0; i < g.inputCount(); ++i)  // (the program's inputs: the same in any view)
        values << QString::fromStdString(std::string(g.inputName(i))) + "=" +
                      QString::number(model_->inputs()[static_cast<std::size_t>(i)], 'g', 17);
    s.setValue("program/values", values.join(','));
    s.setValue("program/mode", QString::fromUtf8(modeName(model_->mode()).data()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeDiscard()) {
        event->ignore();
        return;
    }
    saveSettings();
    document_->discardAutosave();  // a clean exit: nothing to restore next time
    event->accept();
}

bool MainWindow::showPanel(const QString& name) {
    // The panels sit in scroll areas: show the tab that holds each.
    auto tabOf = [](QTabWidget* tabs, QWidget* w) {
        for (int i = 0; i < tabs->count(); ++i)
            if (tabs->widget(i) == w || tabs->widget(i)->isAncestorOf(w)) tabs->setCurrentIndex(i);
    };
    const bool side = name == "wengert" || name == "jacobian" || name == "memory" || name == "scenes";
    if (side) centreTabs_->setCurrentWidget(graphTab_);
    if (name == "wengert") tabOf(sideTabs_, table_);
    else if (name == "jacobian") tabOf(sideTabs_, jacobian_);
    else if (name == "memory") tabOf(sideTabs_, memory_);
    else if (name == "scenes") tabOf(sideTabs_, scenes_);
    else if (name == "charts") tabOf(centreTabs_, charts_);
    else if (name == "chain") tabOf(centreTabs_, findChild<ChainPanel*>());
    else if (name.startsWith("charts:")) {  // charts:0 … charts:3, one chart each
        tabOf(centreTabs_, charts_);
        charts_->tabs()->setCurrentIndex(name.mid(7).toInt());
    }
    else return false;
    return true;
}

QString MainWindow::shownPanel() const {
    if (centreTabs_->currentWidget()->isAncestorOf(findChild<ChainPanel*>())) return QStringLiteral("chain");
    if (centreTabs_->currentWidget() != graphTab_)
        return QStringLiteral("charts:%1").arg(charts_->tabs()->currentIndex());
    QWidget* tab = sideTabs_->currentWidget();
    if (tab == table_ || (tab && tab->isAncestorOf(table_))) return QStringLiteral("wengert");  // (in tableStack_)
    if (tab == scenes_) return QStringLiteral("scenes");
    if (tab && tab->isAncestorOf(jacobian_)) return QStringLiteral("jacobian");
    if (tab && tab->isAncestorOf(memory_)) return QStringLiteral("memory");
    return {};
}

void MainWindow::setShowBackwardGraph(bool on) { backwardGraph_->setChecked(on); }

void MainWindow::screenshotWhenReady(const QString& path, std::function<void(const QString&)> done,
                                     double progress) {
    // Poll until the layout is done and the window has painted, then grab it.
    auto* timer = new QTimer(this);
    timer->setInterval(100);
    auto waited = std::make_shared<int>(0);
    connect(timer, &QTimer::timeout, this, [this, timer, path, done, waited, progress] {
        if ((scene_->isLayingOut() || model_->isOpening() || !isVisible()) && ++*waited < 600) return;
        timer->stop();
        timer->deleteLater();
        view_->fitGraph();
        if (progress > 0) {
            scene_->showFrame(model_->step(), progress);
            shapedScene_->showFrame(model_->step(), progress);
        }
        QApplication::processEvents();
        QPixmap shot = grab();
        done(shot.save(path) ? QString() : tr("cannot write screenshot '%1'").arg(path));
    });
    QTimer::singleShot(400, timer, qOverload<>(&QTimer::start));
}

}  // namespace adviz::ui
