#include "ui/model/player.hpp"

#include <algorithm>

#include "ui/model/session_model.hpp"

namespace adviz::ui {
namespace {
constexpr double baseSecondsPerStep = 0.9;
constexpr int frameMs = 16;  // ~60 frames per second
}  // namespace

Player::Player(SessionModel& model, QObject* parent) : QObject(parent), model_(model) {
    timer_.setInterval(frameMs);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &Player::tick);
    // Anything that moves the step from outside (a click in the table, a new trace) cancels the
    // animation in flight: the frame must match the model's step.
    connect(&model_, &SessionModel::stepChanged, this, [this](int) {
        if (!inFlight_) emit frameChanged(model_.step(), 0);
    });
    connect(&model_, &SessionModel::traceChanged, this, [this] {
        inFlight_ = false;
        progress_ = 0;
        emit frameChanged(model_.step(), 0);
    });
    connect(&model_, &SessionModel::levelChanged, this, [this] {
        inFlight_ = false;
        progress_ = 0;
    });
    connect(&model_, &SessionModel::graphChanged, this, [this] {
        pause();
        inFlight_ = false;
        progress_ = 0;
        emit frameChanged(model_.step(), 0);
    });
}

void Player::setSpeed(double multiple) { speed_ = std::clamp(multiple, 0.05, 20.0); }

void Player::play() {
    if (playing_) return;
    if (model_.step() >= model_.stepCount()) model_.setStep(0);  // replay from the start
    playing_ = true;
    emit playingChanged(true);
    if (!inFlight_) startStep();
}

void Player::pause() {
    if (!playing_) return;
    playing_ = false;
    emit playingChanged(false);
}

void Player::togglePlay() { playing_ ? pause() : play(); }

void Player::startStep() {
    if (model_.step() >= model_.stepCount() || (gate_ && !gate_())) {
        pause();
        timer_.stop();
        return;
    }
    if (!animated_) {
        model_.setStep(model_.step() + 1);
        if (playing_) startStep();
        return;
    }
    inFlight_ = true;
    progress_ = 0;
    clock_.restart();
    timer_.start();
    emit frameChanged(model_.step(), 0);
}

void Player::tick() {
    if (!inFlight_) {
        timer_.stop();
        return;
    }
    double duration = baseSecondsPerStep / speed_ * (playing_ ? 1.0 : 0.5);  // a single step is brisker
    setProgress(static_cast<double>(clock_.elapsed()) / 1000.0 / duration);
}

void Player::setProgress(double p) {
    if (p < 1) {
        progress_ = p;
        emit frameChanged(model_.step(), progress_);
        return;
    }
    inFlight_ = false;
    progress_ = 0;
    model_.setStep(model_.step() + 1);
    emit frameChanged(model_.step(), 0);
    if (playing_) startStep();
    else timer_.stop();
}

void Player::stepForward() {
    if (inFlight_) finish();
    pause();
    startStep();
}

void Player::stepBack() {
    pause();
    if (inFlight_) {
        // Stepping back from a step in flight returns to where it started.
        inFlight_ = false;
        progress_ = 0;
        timer_.stop();
        emit frameChanged(model_.step(), 0);
        return;
    }
    model_.setStep(model_.step() - 1);
}

void Player::toStart() {
    pause();
    inFlight_ = false;
    progress_ = 0;
    timer_.stop();
    model_.setStep(0);
    emit frameChanged(model_.step(), 0);
}

void Player::toEnd() {
    pause();
    inFlight_ = false;
    progress_ = 0;
    timer_.stop();
    model_.setStep(model_.stepCount());
    emit frameChanged(model_.step(), 0);
}

void Player::finish() {
    if (inFlight_) setProgress(1.0);
}

}  // namespace adviz::ui
