#pragma once
// Mode ▸ Predict: before each step's new number appears, the node shows "?" and the field by the
// caption takes the class's prediction. Enter checks it (relative 10⁻³ or absolute 10⁻⁶), shows
// ✓ or the right value with the rule that gives it, then plays the step; H shows the rule without
// its numbers; a running score. "Next" on the transport or a clicker with the question still
// open shows the answer first and steps only on the next press: the sweep never moves past a
// number nobody has seen. The numbers come from the recorded trace (engine: prediction.hpp).

#include <QWidget>

#include "autodiff/teaching/prediction.hpp"

class QLabel;
class QLineEdit;
class QPushButton;

namespace adviz::ui {

class SessionModel;
class Player;

class PredictBar : public QWidget {
    Q_OBJECT
public:
    PredictBar(SessionModel& model, Player& player, QWidget* parent = nullptr);

    void setActive(bool on);
    bool isActive() const { return active_; }
    /// The question open now (asks = false: none).
    const Prediction& question() const { return question_; }
    /// The node and row shown as "?" now (-1: none).
    int hiddenNode() const;
    int hiddenRow() const { return question_.row; }
    /// Checks typed text against the open question, shows the verdict and plays the step.
    /// Returns whether it was right (false too for text that is not a number: nothing moves).
    bool submit(const QString& typed);
    /// Shows the rule without numbers (H).
    void showHint();
    /// Player gate: true lets the step start; with the question open, shows the answer and
    /// holds the step back once.
    bool allowStep();
    int right() const { return right_; }
    int asked() const { return asked_; }
    QString verdictText() const;
    QString scoreText() const;
    QLineEdit* field() const { return field_; }
    void applyTheme();

signals:
    void questionChanged();  ///< the "?" moved (the scene redraws)

private:
    void refresh();          // after the step or trace changed: the next question
    void reveal(const QString& lead);

    SessionModel& model_;
    Player& player_;
    QLabel* prompt_;
    QLineEdit* field_;
    QPushButton* hint_;
    QLabel* verdict_;
    QLabel* score_;
    bool active_ = false;
    Prediction question_;
    int questionStep_ = -1;  // the step the open question is about
    int answeredStep_ = -1;  // answered or revealed: that step may play
    int right_ = 0, asked_ = 0;
};

}  // namespace adviz::ui
