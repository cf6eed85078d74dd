#pragma once
// The window's document: which .adviz file is open, whether what is on screen differs from it,
// the other scenes of a multi-scene session, the recent files, and the autosave that makes a
// crash or a kill -9 lose nothing (debounced, atomic, to the application's data folder; removed
// on a clean exit, offered back on the next start).

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

#include "ui/session/session_file.hpp"

namespace adviz::ui {

class SessionModel;

class SessionController : public QObject {
    Q_OBJECT
public:
    /// viewOf reads the window's view options, applyView sets them.
    SessionController(SessionModel& model, std::function<session::ViewOptions()> viewOf,
                      std::function<void(const session::ViewOptions&)> applyView, QObject* parent = nullptr);

    /// Where autosaves go (the application's data folder).
    static QString autosavePath();
    /// The autosave left by a session that did not end cleanly, if any.
    static std::optional<QString> leftoverAutosave();

    const QString& path() const { return path_; }   ///< empty: not saved yet
    bool isModified() const { return modified_; }
    /// The document's name for the title bar: the file's name, or "untitled".
    QString displayName() const;
    /// The session as it stands: the saved scenes with the current one taken from the screen.
    session::Session current() const;
    int sceneIndex() const { return scene_; }

    /// Opens a file; on any error nothing on screen changes and the message is returned.
    std::optional<QString> open(const QString& path);
    /// Puts a session on screen (a loaded file or a recovered autosave).
    std::optional<QString> show(const session::Session& s, const QString& path);
    std::optional<QString> saveTo(const QString& path);
    /// A new, empty document around the program on screen.
    void reset();
    /// Writes the autosave now (the debounce timer calls this).
    void autosave();
    /// A clean exit: the autosave is no longer needed.
    void discardAutosave();
    QStringList recentFiles() const;

    // Scenes: an ordered list of prepared states; the one on screen is sceneIndex().
    int sceneCount() const { return static_cast<int>(saved_.scenes.size()); }
    /// Title and note of scene i (the one on screen included).
    const session::Scene& scene(int i) const { return saved_.scenes[static_cast<std::size_t>(i)]; }
    /// Adds the state on screen as a new scene after the current one, and goes to it.
    void addScene(const QString& title);
    void duplicateScene(int i);
    void renameScene(int i, const QString& title);
    void setSceneNote(int i, const QString& note);
    /// Moves scene from to position to (the scene on screen stays on screen).
    void moveScene(int from, int to);
    /// Removes scene i (not the last one left); undoRemove() puts it back.
    bool removeScene(int i);
    bool canUndoRemove() const { return removed_.has_value(); }
    void undoRemove();
    /// Keeps the state on screen in its scene, then shows scene i. False if i is out of range
    /// or its program does not parse (then nothing changes).
    bool goToScene(int i, bool atEnd = false);

signals:
    void changed();        ///< path or modified state changed: retitle
    void scenesChanged();  ///< the list of scenes or the current one changed

private:
    void markModified();
    void remember(const QString& path);
    void keepScreenInScene();   // writes the state on screen into saved_.scenes[scene_]

    SessionModel& model_;
    std::function<session::ViewOptions()> viewOf_;
    std::function<void(const session::ViewOptions&)> applyView_;
    session::Session saved_;   // the scenes as last opened or saved
    int scene_ = 0;
    QString path_;
    bool modified_ = false;
    bool loading_ = false;     // putting a session on screen is not a change
    QTimer autosaveTimer_;
    std::optional<std::pair<int, session::Scene>> removed_;  // the last removed scene, for undo
};

}  // namespace adviz::ui
