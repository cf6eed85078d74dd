#pragma once
// The row of Jacobian blocks, "J = J₄ · J₃ · J₂ · J₁", drawn with one cell size for all blocks
// so each block's size is proportional to its shape; each labelled with its symbol, what it is
// the Jacobian of (∂h2/∂h1) and its shape. The cell size is the largest that fits the widget,
// capped where numbers fit comfortably at the theme's number font (the nodes' font).

#include <QWidget>

#include <vector>

#include "ui/chain/chain_frames.hpp"

namespace adviz::ui {

class ChainCanvas : public QWidget {
    Q_OBJECT
public:
    explicit ChainCanvas(QWidget* parent = nullptr);

    void setFrame(ChainFrame frame);
    const ChainFrame& frame() const { return frame_; }

    /// Where block i is drawn (its cells), after the last layout; empty if none.
    QRectF blockRect(int i) const;
    /// The cell size of the last layout, and whether the small blocks show their numbers.
    double cellSize() const { return cell_; }
    bool showsNumbers() const { return numbers_; }

    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent* event) override;  // a cell's tooltip: its block, index and value
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void relayout();  // cell size and block rectangles for the widget's size

    ChainFrame frame_;
    std::vector<QRectF> rects_;  // per block, its cells
    std::vector<double> slots_;  // per block, the width of its column (cells or labels)
    double cell_ = 0;
    bool numbers_ = false;
    double fontScale_ = 1;       // the number font, shrunk a little when that lets numbers fit
};

}  // namespace adviz::ui
