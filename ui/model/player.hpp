#pragma once
// Plays the trace: which step, and how far the animation of the next step has come. Every frame
// the scene draws is a pure function of (step, progress), so stepping back is exact.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace adviz::ui {

class SessionModel;

class Player : public QObject {
    Q_OBJECT
public:
    explicit Player(SessionModel& model, QObject* parent = nullptr);

    bool isPlaying() const { return playing_; }
    /// How far the animation from step() to step()+1 has come, in [0, 1).
    double progress() const { return progress_; }
    /// Playback speed as a multiple of the base pace (one step per 0.9 s at 1×).
    double speed() const { return speed_; }
    void setSpeed(double multiple);
    /// Whether stepping animates (off: steps jump, as in tests and exports).
    void setAnimated(bool on) { animated_ = on; }
    /// Asked before each step starts (predict mode, ui/teaching): false holds the step back.
    void setGate(std::function<bool()> gate) { gate_ = std::move(gate); }

public slots:
    void play();
    void pause();
    void togglePlay();
    void stepForward();   ///< animates to the next step (completing any step in flight)
    void stepBack();      ///< jumps to the previous step
    void toStart();
    void toEnd();
    void finish();        ///< completes the step in flight now

signals:
    void frameChanged(int step, double progress);
    void playingChanged(bool playing);

private:
    void tick();
    void startStep();
    void setProgress(double p);

    SessionModel& model_;
    QTimer timer_;
    QElapsedTimer clock_;
    bool playing_ = false;
    bool inFlight_ = false;
    bool animated_ = true;
    double progress_ = 0;
    double speed_ = 1;
    std::function<bool()> gate_;
};

}  // namespace adviz::ui
