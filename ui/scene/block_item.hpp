#pragma once
// One block of an overview (ui/model/overview_model.hpp) as a box: its name in bold, then a
// few lines (the Wengert range, the operations, the values in and out). The block holding the
// current step is lit. A double click draws the block (or opens its own overview); its context
// menu also leads back up.

#include <QGraphicsItem>
#include <QStringList>

namespace adviz::ui {

class OverviewModel;

class BlockItem : public QGraphicsItem {
public:
    enum { Type = UserType + 9 };
    int type() const override { return Type; }

    /// Block `block` of the overview shown, with its title and lines of text; openable: a
    /// double click opens it.
    BlockItem(OverviewModel& overview, int block, QString title, QStringList lines, bool openable);

    int block() const { return block_; }
    const QString& title() const { return title_; }
    const QStringList& lines() const { return lines_; }
    /// The box's size for this text with the theme's fonts.
    static QSizeF preferredSize(const QString& title, const QStringList& lines);
    void setSize(QSizeF size);
    /// Lit: the current step's node is in this block.
    void setCurrent(bool on);
    bool isCurrent() const { return current_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

private:
    OverviewModel& overview_;
    int block_;
    QString title_;
    QStringList lines_;
    bool openable_;
    bool current_ = false;
    QSizeF size_;
};

}  // namespace adviz::ui
