#pragma once
// A plain black or white sheet over the whole window, as slide software does with B and W: the
// class looks at the board, not the projection. Any of its own keys takes it away again.

#include <QWidget>

namespace adviz::ui {

class ScreenBlank : public QWidget {
    Q_OBJECT
public:
    explicit ScreenBlank(QWidget* window);

    /// Shows the sheet in colour (black or white), or hides it when that colour is already up.
    void toggle(const QColor& colour);
    bool isBlank() const { return isVisible(); }
    QColor colour() const { return colour_; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QColor colour_ = Qt::black;
};

}  // namespace adviz::ui
