#include "ui/session/session_controller.hpp"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

#include "ui/model/session_model.hpp"
#include "ui/session/scene_state.hpp"

namespace adviz::ui {
namespace {
constexpr int kAutosaveDelayMs = 800;   // after the last change: typing does not write per key
constexpr int kRecentFiles = 8;
}

SessionController::SessionController(SessionModel& model, std::function<session::ViewOptions()> viewOf,
                                     std::function<void(const session::ViewOptions&)> applyView, QObject* parent)
    : QObject(parent), model_(model), viewOf_(std::move(viewOf)), applyView_(std::move(applyView)) {
    saved_.scenes.emplace_back();
    autosaveTimer_.setSingleShot(true);
    autosaveTimer_.setInterval(kAutosaveDelayMs);
    connect(&autosaveTimer_, &QTimer::timeout, this, &SessionController::autosave);
    // Program, point, mode and strategy are the document; the step is saved but moving through
    // the sweep is not an edit worth asking about.
    connect(&model_, &SessionModel::graphChanged, this, &SessionController::markModified);
    connect(&model_, &SessionModel::errorChanged, this, &SessionController::markModified);
    connect(&model_, &SessionModel::pointChanged, this, &SessionController::markModified);
    connect(&model_, &SessionModel::traceChanged, this, &SessionController::markModified);
    connect(&model_, &SessionModel::stepChanged, this, [this] { if (!loading_ && modified_) autosaveTimer_.start(); });
}

QString SessionController::autosavePath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("autosave.adviz"));
}

std::optional<QString> SessionController::leftoverAutosave() {
    const QString p = autosavePath();
    if (QFileInfo::exists(p)) return p;
    return std::nullopt;
}

QString SessionController::displayName() const {
    return path_.isEmpty() ? tr("untitled") : QFileInfo(path_).fileName();
}

session::Session SessionController::current() const {
    session::Session s = saved_;
    if (static_cast<int>(s.scenes.size()) <= scene_) s.scenes.resize(static_cast<std::size_t>(scene_) + 1);
    session::Scene& here = s.scenes[static_cast<std::size_t>(scene_)];
    session::Scene now = captureScene(model_, viewOf_());
    now.title = here.title;
    now.note = here.note;
    here = now;
    s.currentScene = scene_;
    return s;
}

std::optional<QString> SessionController::open(const QString& path) {
    session::LoadResult r = session::load(path);
    if (r.error) return r.error->text();
    return show(*r.session, path);
}

std::optional<QString> SessionController::show(const session::Session& s, const QString& path) {
    const session::Scene& scene = s.scenes[static_cast<std::size_t>(s.currentScene)];
    // Check the program before touching the screen: a file that does not parse changes nothing.
    {
        SessionModel probe;
        // Judged as the window's model will judge it: a program with shapes drawn one node per
        // matrix operation is not refused for its scalar size (the 784-128-10 MLP example).
        probe.setPreferShaped(model_.preferShaped());
        if (!probe.setSource(scene.program))
            return tr("%1: scene %2's program does not parse: %3").arg(path.isEmpty() ? tr("session") : path)
                .arg(s.currentScene + 1).arg(QString::fromStdString(probe.error()->message));
    }
    loading_ = true;
    applyView_(scene.view);
    applyScene(scene, model_);
    loading_ = false;
    saved_ = s;
    scene_ = s.currentScene;
    // A built-in lesson (a resource, ":/…") opens as an untitled copy: Save asks where.
    path_ = path.startsWith(QLatin1String(":/")) ? QString() : path;
    modified_ = false;
    removed_.reset();
    if (!path_.isEmpty()) remember(path_);
    emit changed();
    emit scenesChanged();
    return std::nullopt;
}

std::optional<QString> SessionController::saveTo(const QString& path) {
    const session::Session s = current();
    if (auto e = session::save(s, path)) return e;
    saved_ = s;
    path_ = path;
    modified_ = false;
    remember(path);
    emit changed();
    return std::nullopt;
}

void SessionController::reset() {
    autosaveTimer_.stop();  // nothing unsaved: nothing to keep
    saved_ = session::Session{};
    saved_.scenes.emplace_back();
    scene_ = 0;
    path_.clear();
    modified_ = false;
    removed_.reset();
    emit changed();
    emit scenesChanged();
}

void SessionController::autosave() {
    const QString p = autosavePath();
    QDir().mkpath(QFileInfo(p).path());
    session::save(current(), p);  // best effort: a full disk must not stop the lesson
}

void SessionController::discardAutosave() {
    autosaveTimer_.stop();
    QFile::remove(autosavePath());
}

QStringList SessionController::recentFiles() const {
    return QSettings().value(QStringLiteral("session/recent")).toStringList();
}

void SessionController::keepScreenInScene() {
    const session::Session now = current();
    saved_.scenes[static_cast<std::size_t>(scene_)] = now.scenes[static_cast<std::size_t>(scene_)];
}

void SessionController::addScene(const QString& title) {
    keepScreenInScene();
    session::Scene s = saved_.scenes[static_cast<std::size_t>(scene_)];
    s.title = title;
    s.note.clear();
    saved_.scenes.insert(saved_.scenes.begin() + scene_ + 1, s);
    ++scene_;
    modified_ = true;
    emit scenesChanged();
    emit changed();
    autosaveTimer_.start();
}

void SessionController::duplicateScene(int i) {
    if (i < 0 || i >= sceneCount()) return;
    keepScreenInScene();
    session::Scene s = saved_.scenes[static_cast<std::size_t>(i)];
    s.title = tr("%1 (copy)").arg(s.title);
    saved_.scenes.insert(saved_.scenes.begin() + i + 1, s);
    if (scene_ > i) ++scene_;
    markModified();
    emit scenesChanged();
}

void SessionController::renameScene(int i, const QString& title) {
    if (i < 0 || i >= sceneCount() || saved_.scenes[static_cast<std::size_t>(i)].title == title) return;
    saved_.scenes[static_cast<std::size_t>(i)].title = title;
    markModified();
    emit scenesChanged();
}

void SessionController::setSceneNote(int i, const QString& note) {
    if (i < 0 || i >= sceneCount() || saved_.scenes[static_cast<std::size_t>(i)].note == note) return;
    saved_.scenes[static_cast<std::size_t>(i)].note = note;
    markModified();
    emit scenesChanged();
}

void SessionController::moveScene(int from, int to) {
    const int n = sceneCount();
    if (from < 0 || from >= n || to < 0 || to >= n || from == to) return;
    keepScreenInScene();
    session::Scene s = saved_.scenes[static_cast<std::size_t>(from)];
    saved_.scenes.erase(saved_.scenes.begin() + from);
    saved_.scenes.insert(saved_.scenes.begin() + to, s);
    // The scene on screen keeps being the one on screen, wherever it moved.
    if (scene_ == from) scene_ = to;
    else if (from < scene_ && to >= scene_) --scene_;
    else if (from > scene_ && to <= scene_) ++scene_;
    markModified();
    emit scenesChanged();
}

bool SessionController::removeScene(int i) {
    if (i < 0 || i >= sceneCount() || sceneCount() == 1) return false;
    keepScreenInScene();
    removed_ = std::make_pair(i, saved_.scenes[static_cast<std::size_t>(i)]);
    saved_.scenes.erase(saved_.scenes.begin() + i);
    if (i == scene_) {
        scene_ = std::min(i, sceneCount() - 1);
        const session::Scene s = saved_.scenes[static_cast<std::size_t>(scene_)];
        loading_ = true;
        applyView_(s.view);
        applyScene(s, model_);
        loading_ = false;
    } else if (i < scene_) {
        --scene_;
    }
    markModified();
    emit scenesChanged();
    return true;
}

void SessionController::undoRemove() {
    if (!removed_) return;
    keepScreenInScene();
    auto [i, s] = *removed_;
    removed_.reset();
    i = std::min(i, sceneCount());
    saved_.scenes.insert(saved_.scenes.begin() + i, s);
    if (i <= scene_) ++scene_;
    markModified();
    emit scenesChanged();
}

bool SessionController::goToScene(int i, bool atEnd) {
    if (i < 0 || i >= sceneCount()) return false;
    if (i == scene_) return true;
    const session::Scene target = saved_.scenes[static_cast<std::size_t>(i)];
    {
        SessionModel probe;
        if (!probe.setSource(target.program)) return false;
    }
    keepScreenInScene();
    loading_ = true;
    applyView_(target.view);
    applyScene(target, model_);
    model_.setStep(atEnd ? model_.stepCount() : 0);
    loading_ = false;
    scene_ = i;
    emit scenesChanged();
    return true;
}

void SessionController::markModified() {
    if (loading_) return;
    autosaveTimer_.start();
    if (modified_) return;
    modified_ = true;
    emit changed();
}

void SessionController::remember(const QString& path) {
    QStringList recent = recentFiles();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kRecentFiles) recent.removeLast();
    QSettings().setValue(QStringLiteral("session/recent"), recent);
}

}  // namespace adviz::ui
