// The window's menus: File, View (graph options, text size, theme, presentation), Examples,
// Help. Every action is also added to the window itself, so its shortcut keeps working while
// presentation mode hides the menu bar.

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "ui/examples.hpp"
#include "ui/main_window.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/presentation/key_table.hpp"
#include "ui/presentation/presenter.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/session/session_controller.hpp"

#ifndef ADVIZ_VERSION
#define ADVIZ_VERSION "unknown"
#endif

namespace adviz::ui {
namespace {

QString themeTitle(ThemeName n) {
    switch (n) {
        case ThemeName::Light: return QObject::tr("&Light");
        case ThemeName::Dark: return QObject::tr("&Dark");
        case ThemeName::HighContrast: return QObject::tr("&High contrast (washed-out projectors)");
    }
    return {};
}

}  // namespace

void MainWindow::buildMenus() {
    buildFileMenu();
    buildViewMenu();

    QMenu* ex = menuBar()->addMenu(tr("E&xamples"));
    for (const Example& e : examples()) {
        ex->addAction(e.title, this, [this, e] {
            if (!maybeDiscard()) return;
            loadProgram(e.source, exampleValues(e), e.mode == "forward" ? Mode::Forward : Mode::Reverse);
            if (e.strategy != QLatin1String("store-all"))
                model_->setCheckpointStrategy(Strategy::parse(e.strategy.toStdString()));
            document_->reset();
        });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Lesson: Autodiff, forward and reverse"), this, [this] {
        if (!maybeDiscard()) return;
        if (auto e = openSession(builtInLesson())) QMessageBox::warning(this, tr("Cannot open the lesson"), *e);
    });
    help->addAction(tr("&Keys"), this, [this] {
        QMessageBox box(QMessageBox::NoIcon, tr("Keys"), keyTableHtml(), QMessageBox::Ok, this);
        box.setTextFormat(Qt::RichText);
        box.exec();
    });
    help->addAction(tr("&About adviz"), this, [this] {
        QMessageBox::about(this, tr("About adviz"),
            tr("<h3>adviz %1</h3><p>Automatic differentiation, made visible: forward and reverse "
               "mode animated on the computational graph, Jacobians, H·v, and why finite "
               "differences and symbolic differentiation lose.</p><p>Built with Qt %2 and "
               "Graphviz.</p>").arg(QStringLiteral(ADVIZ_VERSION), QString::fromLatin1(qVersion())));
    });
}

void MainWindow::buildViewMenu() {
    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto keyed = [this](QAction* a) { addAction(a); return a; };

    presentAction_ = keyed(view->addAction(tr("&Present")));
    presentAction_->setCheckable(true);
    presentAction_->setShortcut(QKeySequence(Qt::Key_F5));
    connect(presentAction_, &QAction::triggered, this, [this](bool on) { setPresenting(on); });
    keyed(view->addAction(tr("F&ull screen"), QKeySequence(Qt::Key_F11), this,
                          [this] { presenter_->toggleFullScreen(); }));
    view->addSeparator();

    keyed(view->addAction(tr("&Larger text"), QKeySequence(tr("Ctrl+=")), this,
                          [this] { setTextScale(Theme::largerScale(textScale())); }));
    // Ctrl++ too: on most keyboards "+" is Shift+=, and people press what the menu says.
    auto* larger2 = new QAction(this);
    larger2->setShortcut(QKeySequence(tr("Ctrl++")));
    connect(larger2, &QAction::triggered, this, [this] { setTextScale(Theme::largerScale(textScale())); });
    addAction(larger2);
    keyed(view->addAction(tr("&Smaller text"), QKeySequence(tr("Ctrl+-")), this,
                          [this] { setTextScale(Theme::smallerScale(textScale())); }));
    keyed(view->addAction(tr("&Reset text size"), QKeySequence(tr("Ctrl+0")), this,
                          [this] { setTextScale(presenter_->isPresenting() ? defaultPresentScale : 1.0); }));
    QMenu* themes = view->addMenu(tr("T&heme"));
    themeActions_ = new QActionGroup(this);
    for (ThemeName n : Theme::all()) {
        QAction* a = themes->addAction(themeTitle(n));
        a->setCheckable(true);
        a->setData(Theme::key(n));
        themeActions_->addAction(a);
        connect(a, &QAction::triggered, this, [this, n] { setTheme(n); });
    }
    view->addSeparator();

    edgeLabels_ = keyed(view->addAction(tr("&Edge partials")));
    edgeLabels_->setCheckable(true);
    edgeLabels_->setChecked(true);
    edgeLabels_->setShortcut(QKeySequence(tr("Ctrl+E")));
    connect(edgeLabels_, &QAction::toggled, scene_, &GraphScene::setEdgeLabelsVisible);
    topToBottom_ = keyed(view->addAction(tr("&Top to bottom")));
    topToBottom_->setCheckable(true);
    topToBottom_->setShortcut(QKeySequence(tr("Ctrl+T")));
    connect(topToBottom_, &QAction::toggled, this, [this](bool on) {
        scene_->setDirection(on ? layout::Direction::TopToBottom : layout::Direction::LeftToRight);
    });
    view->addAction(tr("&Fit the graph"), QKeySequence(tr("F")), view_, &GraphView::fitWhole);
    sidePanelAction_ = keyed(view->addAction(tr("Side &panel (inputs, Wengert list, Jacobian)")));
    sidePanelAction_->setCheckable(true);
    sidePanelAction_->setChecked(true);
    sidePanelAction_->setShortcut(QKeySequence(tr("Ctrl+L")));
    connect(sidePanelAction_, &QAction::toggled, this, [this](bool on) {
        if (!presenter_->isPresenting()) side_->setVisible(on);
    });
    view->addSeparator();
    scalarGraph_ = keyed(view->addAction(tr("&Scalar graph (every element of the matrices)")));
    scalarGraph_->setCheckable(true);
    scalarGraph_->setShortcut(QKeySequence(tr("Ctrl+G")));
    scalarGraph_->setToolTip(tr("Programs with vectors and matrices are drawn one node per matrix "
                                "operation; this draws every scalar node instead (double-click a "
                                "matrix node to open just that one in place)."));
    scalarGraph_->setEnabled(false);
    connect(scalarGraph_, &QAction::toggled, this, [this](bool on) {
        if (auto refused = setScalarGraph(on)) QMessageBox::information(this, tr("Scalar graph"), *refused);
    });
    torchView_ = keyed(view->addAction(tr("As &PyTorch autograd")));
    torchView_->setCheckable(true);
    torchView_->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
    torchView_->setToolTip(tr("Label the matrix operations as PyTorch's autograd records them: "
                              "grad_fn classes, leaves with AccumulateGrad and .grad."));
    torchView_->setEnabled(false);
    connect(torchView_, &QAction::toggled, this, &MainWindow::setTorchView);
    view->addSeparator();
    backwardGraph_ = keyed(view->addAction(tr("&Backward pass as a graph")));
    backwardGraph_->setCheckable(true);
    backwardGraph_->setShortcut(QKeySequence(tr("Ctrl+B")));
    backwardGraph_->setToolTip(tr("Add the reverse sweep as explicit nodes (each adjoint computed "
                                  "from local partials); differentiate it forward for H·v"));
    connect(backwardGraph_, &QAction::toggled, model_, &SessionModel::setShowBackwardGraph);
}

}  // namespace adviz::ui
