// The window's File menu and its document: New, Open…, Open Recent, Save, Save As…, the title
// with its unsaved-changes mark, the question before unsaved work is lost, and the offer to
// restore the autosave a crash left behind; loading a program afresh (in the background when
// it is long).

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include <memory>

#include "ui/export/gif_export.hpp"
#include "ui/export/html_export.hpp"
#include "ui/export/pytorch_export.hpp"
#include "ui/export/step_export.hpp"
#include "ui/export/tikz_export.hpp"
#include "ui/main_window.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/graph_view.hpp"
#include "ui/session/session_controller.hpp"
#include "ui/widgets/expression_editor.hpp"

namespace adviz::ui {
namespace {
const QString kFilter = QObject::tr("adviz sessions (*.adviz)");
}

void MainWindow::buildFileMenu() {
    document_ = new SessionController(
        *model_,
        [this] {
            return session::ViewOptions{edgeLabels_->isChecked(), topToBottom_->isChecked(),
                                        backwardGraph_->isChecked(), shownPanel()};
        },
        [this](const session::ViewOptions& v) {
            edgeLabels_->setChecked(v.edgeLabels);
            topToBottom_->setChecked(v.topToBottom);
            backwardGraph_->setChecked(v.backwardGraph);
            if (!v.panel.isEmpty()) showPanel(v.panel);
        },
        this);
    connect(document_, &SessionController::changed, this, &MainWindow::retitle);
    // The editor shows what the document holds after an open or a recovery.
    connect(document_, &SessionController::changed, this, [this] {
        if (editor_->text() != model_->source()) editor_->setText(model_->source());
    });

    QMenu* file = menuBar()->addMenu(tr("&File"));
    addAction(file->addAction(tr("&New"), QKeySequence::New, this, [this] {
        if (!maybeDiscard()) return;
        loadProgram(QStringLiteral("(x+y)*sin(x)"), {{"x", 1}, {"y", 2}}, Mode::Reverse);
        document_->reset();
    }));
    addAction(file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        if (!maybeDiscard()) return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a session"), QString(), kFilter);
        if (path.isEmpty()) return;
        if (auto e = openSession(path)) QMessageBox::warning(this, tr("Cannot open"), *e);
    }));
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, [this] {
        recentMenu_->clear();
        for (const QString& path : document_->recentFiles())
            recentMenu_->addAction(QFileInfo(path).fileName() + QStringLiteral("   ") + QFileInfo(path).path(), this, [this, path] {
                if (!maybeDiscard()) return;
                if (auto e = openSession(path)) QMessageBox::warning(this, tr("Cannot open"), *e);
            });
        if (recentMenu_->isEmpty()) recentMenu_->addAction(tr("(none yet)"))->setEnabled(false);
    });
    addAction(file->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
        QString path = document_->path();
        if (path.isEmpty()) path = QFileDialog::getSaveFileName(this, tr("Save the session"), QStringLiteral("lesson.adviz"), kFilter);
        if (path.isEmpty()) return;
        if (auto e = saveSession(path)) QMessageBox::warning(this, tr("Cannot save"), *e);
    }));
    addAction(file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] {
        QString path = QFileDialog::getSaveFileName(this, tr("Save the session as"),
                                                    document_->path().isEmpty() ? QStringLiteral("lesson.adviz") : document_->path(), kFilter);
        if (path.isEmpty()) return;
        if (auto e = saveSession(path)) QMessageBox::warning(this, tr("Cannot save"), *e);
    }));
    file->addSeparator();
    file->addAction(tr("Export &SVG…"), this, [this] { exportAs(tr("SVG image (*.svg)"), "svg"); });
    file->addAction(tr("Export &PNG (2×)…"), this, [this] { exportAs(tr("PNG image (*.png)"), "png"); });
    file->addAction(tr("Export &DOT…"), this, [this] { exportAs(tr("Graphviz DOT (*.dot)"), "dot"); });
    file->addAction(tr("Export s&teps…"), this, &MainWindow::exportSteps);
    // What `adviz pytorch` prints for this program and point: PyTorch autograd checks the numbers.
    file->addAction(tr("Export as P&yTorch script…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export as PyTorch script"),
                                                          QStringLiteral("check.py"), tr("Python script (*.py)"));
        if (path.isEmpty()) return;
        if (auto e = exportPytorch(*model_, path)) QMessageBox::warning(this, tr("Export failed"), *e);
        else statusBar()->showMessage(tr("Wrote %1 (python3 %1 prints PyTorch's values and gradients)").arg(path), 8000);
    });
    file->addSeparator();
    addAction(file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close));
    retitle();
}

// Several steps at once: a PDF handout, a GIF, an HTML page, a Beamer file, or one picture per
// step; which steps is asked as on the command line (all, K-L, K,L,M).
void MainWindow::exportSteps() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export steps"), QStringLiteral("handout.pdf"),
        tr("PDF handout (*.pdf);;Animated GIF (*.gif);;Web page (*.html);;Beamer slides (*.tex);;"
           "One SVG per step (*.svg);;One PNG per step (*.png)"));
    if (path.isEmpty()) return;
    bool ok = false;
    const QString spec = QInputDialog::getText(this, tr("Which steps"),
        tr("Steps to export: all, a range K-L, or a list K,L,M (0 to %1)").arg(model_->stepCount()),
        QLineEdit::Normal, QStringLiteral("all"), &ok);
    if (!ok) return;
    std::vector<int> steps;
    if (auto e = parseSteps(spec, model_->stepCount(), steps)) {
        QMessageBox::warning(this, tr("Export failed"), *e);
        return;
    }
    const QString ext = QFileInfo(path).suffix().toLower();
    if ((ext == QLatin1String("svg") || ext == QLatin1String("png")) && !path.contains('%'))
        path.insert(path.size() - ext.size() - 1, QStringLiteral("-%03d"));  // frame-000.svg, …
    const int step = model_->step();
    player_->pause();
    std::optional<QString> error;
    if (ext == QLatin1String("pdf")) {
        Handout h(path);
        error = h.addPages(*scene_, *model_, steps, document_->scene(document_->sceneIndex()).title);
        if (!error) error = h.finish();
    } else if (ext == QLatin1String("gif")) error = exportGif(*scene_, *model_, path, steps, {});
    else if (ext == QLatin1String("html")) error = exportHtml(*scene_, *model_, path, steps, {});
    else if (ext == QLatin1String("tex")) error = exportTikz(*scene_, *model_, path, steps);
    else error = exportFrames(*scene_, *model_, path, steps, {true, {}});
    model_->setStep(step);  // back where the teacher was
    if (error) QMessageBox::warning(this, tr("Export failed"), *error);
    else statusBar()->showMessage(tr("Exported %1 steps to %2").arg(steps.size()).arg(path), 5000);
}

std::optional<QString> MainWindow::openSession(const QString& path) {
    auto e = document_->open(path);
    if (!e) {
        player_->pause();
        showParseState();
        statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
    }
    return e;
}

std::optional<QString> MainWindow::saveSession(const QString& path) {
    QString p = path;
    if (QFileInfo(p).suffix().isEmpty()) p += QStringLiteral(".adviz");
    auto e = document_->saveTo(p);
    if (!e) statusBar()->showMessage(tr("Saved %1").arg(p), 5000);
    return e;
}

bool MainWindow::maybeDiscard() {
    if (!document_->isModified()) return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
        tr("%1 has changes that are not saved. Save them first?").arg(document_->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Discard) return true;
    QString path = document_->path();
    if (path.isEmpty()) path = QFileDialog::getSaveFileName(this, tr("Save the session"), QStringLiteral("lesson.adviz"), kFilter);
    if (path.isEmpty()) return false;
    if (auto e = saveSession(path)) {
        QMessageBox::warning(this, tr("Cannot save"), *e);
        return false;
    }
    return true;
}

void MainWindow::retitle() {
    setWindowTitle(document_->displayName() + QStringLiteral("[*] — adviz"));
    setWindowModified(document_->isModified());
}

bool MainWindow::offerRecovery() {
    const auto left = SessionController::leftoverAutosave();
    if (!left) return false;
    const session::LoadResult r = session::load(*left);
    if (r.error) {  // unreadable leftovers help nobody; say so and move on
        statusBar()->showMessage(tr("An autosave from the last session could not be read (%1)").arg(r.error->text()), 8000);
        return false;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Restore unsaved work?"),
        tr("adviz did not close normally last time. Restore the work it was doing (saved %1)?")
            .arg(QFileInfo(*left).lastModified().toString(QStringLiteral("yyyy-MM-dd hh:mm"))),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("recoveryQuestion"));
    box->addButton(tr("Restore"), QMessageBox::AcceptRole);
    box->addButton(tr("Discard"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, s = *r.session] {
        if (auto e = document_->show(s, QString())) QMessageBox::warning(this, tr("Cannot restore"), *e);
        else document_->autosave();
    });
    box->open();  // window-modal, does not block: the lesson can go on behind it
    return true;
}

void MainWindow::watchOpening() {
    // A long program opens on a worker thread (SessionModel::setBackgroundOpening): the window
    // says so meanwhile and keeps the last good program on screen.
    connect(model_, &SessionModel::openingChanged, this, [this](bool running, int statements) {
        if (running) {
            const QString text = tr("Opening… (%L1 statements)").arg(statements);
            editor_->showStatus(text);
            view_->setBusy(text);
            return;
        }
        view_->setBusy({});
        showParseState();
    });
}

void MainWindow::loadProgram(const QString& source,
                             const std::vector<std::pair<std::string, double>>& values, Mode mode) {
    editor_->setText(source);
    model_->load(source, values, mode);  // one sweep for the program, its point and mode
    auto settle = [this] {
        player_->toStart();
        showParseState();
        document_->reset();  // a program loaded afresh is a new, unsaved document
    };
    if (model_->isOpening()) {
        // A long program opens in the background: settle when it has arrived.
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(model_, &SessionModel::openingChanged, this, [this, once, settle](bool running, int) {
            if (running) return;
            disconnect(*once);
            settle();
        });
    } else {
        settle();
    }
    // The graph has the keyboard: → steps at once, nothing lands in the program by accident.
    view_->setFocus(Qt::OtherFocusReason);
}

}  // namespace adviz::ui
