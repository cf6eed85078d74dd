#pragma once
// The teaching modes of the window, added to it from outside so the window's own files stay as
// they were: View ▸ Dual numbers, Mode ▸ Predict, View ▸ Side by side (issue 14).

#include <QObject>

class QAction;
class QVBoxLayout;
class QWidget;

namespace adviz::ui {

class MainWindow;
class PredictBar;
class SideBySide;

class Teaching : public QObject {
    Q_OBJECT
public:
    /// centre: the layout of the graph tab (view above caption); graphParts: what side by side
    /// replaces there (the single view and its caption).
    Teaching(MainWindow& window, QVBoxLayout* centre, QWidget* view, QWidget* caption);

    void setDualNumbers(bool on);
    bool dualNumbers() const;
    void setPredicting(bool on);
    bool predicting() const;
    void setSideBySide(bool on);
    bool sideBySide() const;
    PredictBar& predictBar() { return *predict_; }
    SideBySide& sideBySidePanes() { return *sides_; }

private:
    bool toScalarLevel(QAction* action);  // the teaching views need the scalar graph
    void showTeaching();  // the scene's dual numbers and "?"

    MainWindow& window_;
    QWidget* view_;
    QWidget* caption_;
    PredictBar* predict_;
    SideBySide* sides_;
    QAction* dual_;
    QAction* predictAction_;
    QAction* sideAction_;
};

}  // namespace adviz::ui
