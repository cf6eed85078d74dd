#pragma once
// The frame around the scalar nodes one matrix operation made, titled by it ("z1 = u₆ + b1
// [3]"): in the scalar drawing of a program with vectors and matrices, and around an operation
// expanded in place in the shaped view. Double-clicking the frame goes back to one box.

#include <QGraphicsItem>
#include <QString>

#include <functional>

namespace adviz::ui {

class OperationFrameItem : public QGraphicsItem {
public:
    enum { Type = UserType + 12 };
    int type() const override { return Type; }

    /// A frame around area (scene coordinates of its boxes) for shaped node `operation`.
    OperationFrameItem(int operation, const QString& title, QRectF area, std::function<void()> collapse);
    int operation() const { return operation_; }
    const QString& title() const { return title_; }
    /// Room above the enclosed boxes for the title.
    static double headerHeight();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;

private:
    int operation_;
    QString title_;
    QRectF area_;
    std::function<void()> collapse_;
};

}  // namespace adviz::ui
