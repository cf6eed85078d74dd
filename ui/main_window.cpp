#include "ui/main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "ui/charts/charts_panel.hpp"
#include "ui/charts/memory_chart.hpp"
#include "ui/examples.hpp"
#include "ui/export/diagram_export.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/expression_editor.hpp"
#include "ui/widgets/inputs_panel.hpp"
#include "ui/widgets/jacobian_panel.hpp"
#include "ui/widgets/trace_table.hpp"
#include "ui/widgets/transport_bar.hpp"

namespace adviz::ui {
namespace {

Mode modeFromName(const QString& name) {
    return name == "forward" ? Mode::Forward
           : name == "forward-over-reverse" ? Mode::ForwardOverReverse : Mode::Reverse;
}

// "x=1,y=2" → pairs (examples only hold plain numbers).
std::vector<std::pair<std::string, double>> assignments(const QString& text) {
    std::vector<std::pair<std::string, double>> out;
    for (const QString& item : text.split(',', Qt::SkipEmptyParts)) {
        auto kv = item.split('=');
        if (kv.size() == 2) out.emplace_back(kv[0].trimmed().toStdString(), kv[1].toDouble());
    }
    return out;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("adviz: automatic differentiation, made visible"));
    model_ = new SessionModel(this);
    player_ = new Player(*model_, this);
    scene_ = new GraphScene(*model_, this);
    view_ = new GraphView(scene_);
    editor_ = new ExpressionEditor;
    inputs_ = new InputsPanel(*model_);
    table_ = new TraceTable(*model_);
    jacobian_ = new JacobianPanel(*model_, *player_);
    transport_ = new TransportBar(*model_, *player_);

    const Theme& t = Theme::current();
    // Two one-line labels, not one two-line label: Qt 6.4 misplaces combining marks (the dot of
    // v̇) on the second line of a multi-line label.
    captionLead_ = new QLabel;
    caption_ = new QLabel;
    for (QLabel* l : {captionLead_, caption_}) {
        l->setFont(t.captionFont());
        l->setWordWrap(true);  // a long formula wraps rather than widening the window
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setContentsMargins(16, 4, 16, 4);
        l->setMinimumHeight(QFontMetrics(t.captionFont()).lineSpacing() + 12);
    }
    auto* captionBox = new QWidget;
    captionBox->setObjectName("caption");
    captionBox->setStyleSheet("#caption { background: #F6F6F2; border-top: 1px solid #DDDDDD; }");
    auto* captionLayout = new QVBoxLayout(captionBox);
    captionLayout->setContentsMargins(0, 4, 0, 4);
    captionLayout->setSpacing(0);
    captionLayout->addWidget(captionLead_);
    captionLayout->addWidget(caption_);
    warnings_ = new QLabel;
    warnings_->setWordWrap(true);
    warnings_->setContentsMargins(16, 2, 16, 4);
    warnings_->setStyleSheet(QString("QLabel { color: %1; font-size: 13pt; }").arg(t.error.name()));
    warnings_->hide();

    auto* centre = new QWidget;
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    centreLayout->addWidget(view_, 1);
    centreLayout->addWidget(warnings_);
    centreLayout->addWidget(captionBox);

    auto* left = new QSplitter(Qt::Vertical);
    left->addWidget(editor_);
    // The graph and the charts share the centre: the charts need its width, and the inputs
    // panel stays beside them (the slice chart follows it live).
    charts_ = new ChartsPanel(*model_);
    centreTabs_ = new QTabWidget;
    centreTabs_->setFont(t.labelFont());
    centreTabs_->setDocumentMode(true);
    centreTabs_->addTab(centre, tr("Graph"));
    centreTabs_->addTab(charts_, tr("Charts: why not FD or symbolic"));
    left->addWidget(centreTabs_);
    left->setStretchFactor(0, 0);
    left->setStretchFactor(1, 1);
    left->setChildrenCollapsible(false);
    left->setSizes({130, 800});

    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(inputs_);
    sideTabs_ = new QTabWidget;
    sideTabs_->setFont(t.labelFont());
    sideTabs_->addTab(table_, tr("Wengert list"));
    sideTabs_->addTab(jacobian_, tr("Jacobian"));
    memory_ = new MemoryPanel(*model_);
    sideTabs_->addTab(memory_, tr("Memory"));
    right->addWidget(sideTabs_);
    right->setStretchFactor(0, 0);
    right->setStretchFactor(1, 1);
    right->setChildrenCollapsible(false);
    right->setSizes({340, 600});

    auto* main = new QSplitter(Qt::Horizontal);
    main->addWidget(left);
    main->addWidget(right);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 0);
    main->setSizes({1100, 480});
    setCentralWidget(main);

    auto* bar = addToolBar(tr("Transport"));
    bar->setMovable(false);
    bar->addWidget(transport_);
    transport_->installShortcuts(this);

    buildMenus();

    connect(player_, &Player::frameChanged, scene_, &GraphScene::showFrame);
    connect(scene_, &GraphScene::frameShown, this, &MainWindow::showCaption);
    connect(editor_, &ExpressionEditor::sourceEdited, model_, &SessionModel::setSource);
    connect(model_, &SessionModel::errorChanged, this, &MainWindow::showParseState);
    connect(model_, &SessionModel::graphChanged, this, &MainWindow::showParseState);
    connect(model_, &SessionModel::traceChanged, this, &MainWindow::showWarnings);
    connect(model_, &SessionModel::graphChanged, this, &MainWindow::showWarnings);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Export &SVG…"), this, [this] { exportAs(tr("SVG image (*.svg)"), "svg"); });
    file->addAction(tr("Export &PNG (2×)…"), this, [this] { exportAs(tr("PNG image (*.png)"), "png"); });
    file->addAction(tr("Export &DOT…"), this, [this] { exportAs(tr("Graphviz DOT (*.dot)"), "dot"); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    edgeLabels_ = view->addAction(tr("&Edge partials"));
    edgeLabels_->setCheckable(true);
    edgeLabels_->setChecked(true);
    edgeLabels_->setShortcut(QKeySequence(tr("Ctrl+E")));
    connect(edgeLabels_, &QAction::toggled, scene_, &GraphScene::setEdgeLabelsVisible);
    topToBottom_ = view->addAction(tr("&Top to bottom"));
    topToBottom_->setCheckable(true);
    topToBottom_->setShortcut(QKeySequence(tr("Ctrl+T")));
    connect(topToBottom_, &QAction::toggled, this, [this](bool on) {
        scene_->setDirection(on ? layout::Direction::TopToBottom : layout::Direction::LeftToRight);
    });
    view->addAction(tr("&Fit the whole graph"), QKeySequence(tr("F")), view_, &GraphView::fitWhole);
    view->addSeparator();
    backwardGraph_ = view->addAction(tr("&Backward pass as a graph"));
    backwardGraph_->setCheckable(true);
    backwardGraph_->setShortcut(QKeySequence(tr("Ctrl+B")));
    backwardGraph_->setToolTip(tr("Add the reverse sweep as explicit nodes (each adjoint computed "
                                  "from local partials); differentiate it forward for H·v"));
    connect(backwardGraph_, &QAction::toggled, model_, &SessionModel::setShowBackwardGraph);

    QMenu* ex = menuBar()->addMenu(tr("E&xamples"));
    for (const Example& e : examples()) {
        ex->addAction(e.title, this, [this, e] {
            loadProgram(e.source, assignments(e.values), e.mode == "forward" ? Mode::Forward : Mode::Reverse);
        });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keys"), this, [this] {
        QMessageBox::information(this, tr("Keys"),
            tr("Space  play / pause\n→  step forward\n←  step back\nHome / End  first / last step\n"
               "F  fit the graph\nwheel  zoom, drag  pan\nCtrl+E  edge partials\nCtrl+T  top to bottom"));
    });
}

void MainWindow::loadProgram(const QString& source,
                             const std::vector<std::pair<std::string, double>>& values, Mode mode) {
    editor_->setText(source);
    model_->setSource(source);
    model_->setMode(mode);
    model_->setInputsByName(values);
    player_->toStart();
    showParseState();
}

void MainWindow::loadLastOrDefault() {
    QSettings s;
    QString last = s.value("program/source").toString();
    if (last.trimmed().isEmpty()) {
        const Example& e = examples().front();
        loadProgram(e.source, assignments(e.values), Mode::Reverse);
        return;
    }
    loadProgram(last, assignments(s.value("program/values").toString()),
                modeFromName(s.value("program/mode").toString()));
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
    const Frame& f = scene_->frame();
    const Theme& t = Theme::current();
    QColor c = t.text;
    if (f.shownStep >= 0 && f.shownStep < model_->stepCount()) {
        Phase p = model_->trace().steps[static_cast<std::size_t>(f.shownStep)].phase;
        c = p == Phase::Tangent ? t.tangent : (p == Phase::Adjoint || p == Phase::Seed) ? t.adjoint : t.text;
    }
    caption_->setStyleSheet(QString("QLabel { color: %1; }").arg(c.name()));
    caption_->setText(f.caption);
    // The value's formula (forward steps) in black; the first half of a compound formula in
    // the step's colour. Always two lines, so the graph does not jump while stepping.
    bool tangentStep = f.shownStep >= 0 && f.shownStep < model_->stepCount() &&
                       model_->trace().steps[static_cast<std::size_t>(f.shownStep)].phase == Phase::Tangent;
    captionLead_->setStyleSheet(QString("QLabel { color: %1; }").arg((tangentStep ? t.text : c).name()));
    captionLead_->setText(f.captionLead);
}

void MainWindow::showWarnings() {
    const auto& w = model_->trace().warnings;
    if (w.empty()) {
        warnings_->hide();
        return;
    }
    QStringList lines;
    for (const Warning& x : w) lines << "⚠ " + QString::fromStdString(x.message);
    warnings_->setText(lines.join("\n"));
    warnings_->show();
}

void MainWindow::showParseState() {
    if (const auto& e = model_->error()) {
        editor_->showError(*e);
        return;
    }
    const Graph& g = model_->graph();
    editor_->clearError();
    auto count = [](int n, const QString& one, const QString& many) {
        return QString::number(n) + " " + (n == 1 ? one : many);
    };
    editor_->showStatus("✓ " + count(g.size(), tr("node"), tr("nodes")) + ", " +
                        count(g.inputCount(), tr("input"), tr("inputs")) + ", " +
                        count(g.outputCount(), tr("output"), tr("outputs")));
}

void MainWindow::restoreSettings() {
    QSettings s;
    if (!restoreGeometry(s.value("window/geometry").toByteArray())) resize(1500, 940);
    edgeLabels_->setChecked(s.value("view/edgeLabels", true).toBool());
    topToBottom_->setChecked(s.value("view/topToBottom", false).toBool());
}

void MainWindow::saveSettings() const {
    QSettings s;
    s.setValue("window/geometry", saveGeometry());
    s.setValue("view/edgeLabels", edgeLabels_->isChecked());
    s.setValue("view/topToBottom", topToBottom_->isChecked());
    s.setValue("program/source", model_->goodSource());
    QStringList values;
    const Graph& g = model_->program();
    for (int i = 0; i < g.inputCount(); ++i)  // (the program's inputs: the same in any view)
        values << QString::fromStdString(std::string(g.inputName(i))) + "=" +
                      QString::number(model_->inputs()[static_cast<std::size_t>(i)], 'g', 17);
    s.setValue("program/values", values.join(','));
    s.setValue("program/mode", QString::fromUtf8(modeName(model_->mode()).data()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    event->accept();
}

bool MainWindow::showPanel(const QString& name) {
    if (name == "wengert") sideTabs_->setCurrentWidget(table_);
    else if (name == "jacobian") sideTabs_->setCurrentWidget(jacobian_);
    else if (name == "memory") sideTabs_->setCurrentWidget(memory_);
    else if (name == "charts") centreTabs_->setCurrentWidget(charts_);
    else if (name.startsWith("charts:")) {  // charts:0 … charts:3, one chart each
        centreTabs_->setCurrentWidget(charts_);
        charts_->tabs()->setCurrentIndex(name.mid(7).toInt());
    }
    else return false;
    return true;
}

void MainWindow::setShowBackwardGraph(bool on) { backwardGraph_->setChecked(on); }

void MainWindow::screenshotWhenReady(const QString& path, std::function<void(const QString&)> done,
                                     double progress) {
    // Poll until the layout is done and the window has painted, then grab it.
    auto* timer = new QTimer(this);
    timer->setInterval(100);
    auto waited = std::make_shared<int>(0);
    connect(timer, &QTimer::timeout, this, [this, timer, path, done, waited, progress] {
        if ((scene_->isLayingOut() || !isVisible()) && ++*waited < 600) return;
        timer->stop();
        timer->deleteLater();
        view_->fitGraph();
        if (progress > 0) scene_->showFrame(model_->step(), progress);
        QApplication::processEvents();
        QPixmap shot = grab();
        done(shot.save(path) ? QString() : tr("cannot write screenshot '%1'").arg(path));
    });
    QTimer::singleShot(400, timer, qOverload<>(&QTimer::start));
}

}  // namespace adviz::ui
