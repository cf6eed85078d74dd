#pragma once
// The frame drawn around a repeated body's copies in a rolled-up drawing: "×N" and the
// iterations it stands for in its title, the iteration shown now under it. Its context menu
// draws iterations out or rolls them up again; a double click draws out the iterations
// around the one shown.

#include <QGraphicsItem>
#include <QString>

#include <functional>

namespace adviz::ui {

class RollModel;

class RollFrameItem : public QGraphicsItem {
public:
    enum { Type = UserType + 7 };
    int type() const override { return Type; }

    /// A frame around `area` (scene coordinates of the boxes it encloses). segment: the rolled
    /// segment it draws, or -1 for the frame around the whole block.
    RollFrameItem(RollModel& roll, int segment, QRectF area);

    int segment() const { return segment_; }
    /// Title ("×62 · iterations 2–63") and the line under it ("iteration 4,812 of 100,000").
    void setText(const QString& title, const QString& detail);
    const QString& title() const { return title_; }
    const QString& detail() const { return detail_; }
    /// Room above the enclosed boxes for the two lines of text.
    static double headerHeight();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;

private:
    RollModel& roll_;
    int segment_;
    QRectF area_;
    QString title_, detail_;
};

}  // namespace adviz::ui
