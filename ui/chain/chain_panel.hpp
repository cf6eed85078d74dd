#pragma once
// The "Chain rule" tab: the theory's J = J_K ⋯ J₂ J₁ as blocks sized by their shapes, and the
// product worked out in forward mode's order (right to left), reverse mode's (left to right) or
// the cheapest bracketing, one multiplication at a time with its multiply-adds counted. The
// chain, its factors, the orders and every partial product come from the engine
// (autodiff/chain); for a program that is not a chain the tab shows the engine's reason.

#include <QWidget>

#include <optional>
#include <vector>

#include "autodiff/chain/chain_extract.hpp"
#include "ui/chain/chain_frames.hpp"

class QLabel;
class QPushButton;
class QTimer;

namespace adviz::ui {

class SessionModel;
class ChainCanvas;

class ChainPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChainPanel(SessionModel& model, QWidget* parent = nullptr);

    /// Animates an order ("forward", "reverse", "cheapest" or the engine's "optimal"), one
    /// product about every 0.9 s: first its two operands marked, then the product in their place.
    /// False if the program is not a chain or the name is unknown.
    bool play(const QString& order);
    /// Product k (1-based) of an order under way, without animation; 0: the factors as written;
    /// past the last product: the Jacobian. For screenshots and tests.
    bool showProduct(const QString& order, int k);
    /// Frame `frame` (0 … 2n) of an order: see chain_frames.hpp.
    bool showFrame(const QString& order, int frame);
    /// The end of an order: the Jacobian alone, every multiply-add counted.
    bool showEnd(const QString& order);
    /// One frame further in the order on show (or the cheapest, if none); false at the end.
    bool stepForward();
    void stop();
    bool isPlaying() const;

    /// The engine's chain and orders at the model's point (nothing if not a chain).
    const std::optional<chain::Chain>& chain();
    const std::vector<chain::Order>& orders();
    /// Why the program is not a chain (the engine's message), empty if it is one.
    QString reason();
    /// The order on show (the engine's name), empty before one was chosen.
    QString orderName() const;
    int frameIndex() const { return frame_; }
    const ChainFrame& frame() const;
    QString countText() const;   ///< "multiply-adds so far: 18 of 48"
    QString stepText() const;    ///< what the product under way is
    ChainCanvas* canvas() const { return canvas_; }

    /// Takes fonts and colours from Theme::current() again.
    void applyTheme();

signals:
    void frameShown(int frame);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void ensureFresh();   // recomputes the chain if the program or point changed since
    void rebuild();
    int orderIndex(const QString& name);  // -1 if unknown
    void display(int order, int frame);  // shows frame of orders_[order] (-1: none chosen)
    void advance();       // the timer's tick

    SessionModel& model_;
    QLabel* title_;
    QPushButton* forward_;
    QPushButton* reverse_;
    QPushButton* cheapest_;
    QPushButton* step_;
    QPushButton* end_;
    ChainCanvas* canvas_;
    QLabel* count_;
    QLabel* stepLine_;
    QLabel* reason_;
    QTimer* timer_;
    bool stale_ = true;
    std::vector<double> x_;  // the point the chain was computed at
    std::optional<chain::Chain> chain_;
    std::vector<chain::Order> orders_;
    QString reasonText_;
    int order_ = -1;
    int frame_ = 0;
};

}  // namespace adviz::ui
