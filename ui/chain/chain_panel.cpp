#include "ui/chain/chain_panel.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "autodiff/language/lexer.hpp"
#include "ui/chain/chain_canvas.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

/// Half a product: its operands marked, then the product in their place (~0.9 s a product).
constexpr int kFrameMs = 450;

QString shapeText(const std::vector<int>& dims) {
    if (dims.empty()) return QStringLiteral("scalar");
    QStringList d;
    for (int n : dims) d << QString::number(n);
    return '[' + d.join(", ") + ']';
}

QString titleOf(const std::string& engineName) {
    if (engineName == "forward") return ChainPanel::tr("Forward (right to left)");
    if (engineName == "reverse") return ChainPanel::tr("Reverse (left to right)");
    return ChainPanel::tr("Cheapest");
}

QFont scaledFont(QFont f, double s, bool bold) {
    f.setPointSizeF(f.pointSizeF() * s);
    f.setBold(bold || f.bold());
    return f;
}

}  // namespace

ChainPanel::ChainPanel(SessionModel& model, QWidget* parent) : QWidget(parent), model_(model) {
    auto* layout = new QVBoxLayout(this);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    layout->addWidget(title_);

    auto* buttons = new QHBoxLayout;
    forward_ = new QPushButton(tr("Forward (right to left)"), this);
    forward_->setToolTip(tr("Forward mode's order: J₂J₁ first, then each next factor from the left"));
    reverse_ = new QPushButton(tr("Reverse (left to right)"), this);
    reverse_->setToolTip(tr("Reverse mode's order: J_K J_{K−1} first, then each next factor from the right"));
    cheapest_ = new QPushButton(tr("Cheapest"), this);
    cheapest_->setToolTip(tr("The bracketing with the fewest multiply-adds (the matrix-chain ordering problem)"));
    step_ = new QPushButton(tr("Step ▸"), this);
    step_->setToolTip(tr("One half-product further: operands, then their product"));
    end_ = new QPushButton(tr("End"), this);
    end_->setToolTip(tr("Jump to the finished Jacobian"));
    for (QPushButton* b : {forward_, reverse_, cheapest_}) buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    canvas_ = new ChainCanvas(this);
    layout->addWidget(canvas_, 1);
    // The count with the step buttons beside it: the top row stays narrow enough for a
    // projector at a large text scale.
    auto* counting = new QHBoxLayout;
    count_ = new QLabel(this);
    count_->setObjectName(QStringLiteral("chainCount"));
    counting->addWidget(count_, 1);
    counting->addWidget(step_);
    counting->addWidget(end_);
    layout->addLayout(counting);
    stepLine_ = new QLabel(this);
    stepLine_->setWordWrap(true);
    layout->addWidget(stepLine_);
    reason_ = new QLabel(this);
    reason_->setObjectName(QStringLiteral("chainReason"));
    reason_->setWordWrap(true);
    reason_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    reason_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(reason_, 1);

    timer_ = new QTimer(this);
    timer_->setInterval(kFrameMs);
    connect(timer_, &QTimer::timeout, this, &ChainPanel::advance);
    connect(forward_, &QPushButton::clicked, this, [this] { play(QStringLiteral("forward")); });
    connect(reverse_, &QPushButton::clicked, this, [this] { play(QStringLiteral("reverse")); });
    connect(cheapest_, &QPushButton::clicked, this, [this] { play(QStringLiteral("optimal")); });
    connect(step_, &QPushButton::clicked, this, [this] {
        stop();
        stepForward();
    });
    connect(end_, &QPushButton::clicked, this, [this] {
        stop();
        showEnd(order_ >= 0 ? orderName() : QStringLiteral("optimal"));
    });
    // A new program or point: a new chain (computed when the tab is on screen: forward sweeps
    // per column of every factor).
    auto changed = [this] {
        stop();
        stale_ = true;
        if (isVisible()) ensureFresh();
    };
    connect(&model_, &SessionModel::graphChanged, this, changed);
    // The chain depends on x only: a new direction or seed (the Jacobian panel's demo sets
    // them sweep by sweep) leaves it, and its animation, alone.
    connect(&model_, &SessionModel::pointChanged, this, [this, changed] {
        if (stale_ || model_.inputs() != x_) changed();
    });
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &ChainPanel::applyTheme);
    applyTheme();
}

void ChainPanel::applyTheme() {
    const Theme& t = Theme::current();
    for (QPushButton* b : {forward_, reverse_, cheapest_, step_, end_}) b->setFont(t.labelFont());
    title_->setFont(t.labelFont());
    count_->setFont(scaledFont(t.labelFont(), 1.35, true));
    stepLine_->setFont(t.labelFont());
    reason_->setFont(scaledFont(t.labelFont(), 1.2, false));
    QPalette p = reason_->palette();
    p.setColor(QPalette::WindowText, t.error);
    reason_->setPalette(p);
    if (!stale_) display(order_, frame_);  // the canvas measures its labels in the new fonts
}

void ChainPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    ensureFresh();
}

void ChainPanel::ensureFresh() {
    if (stale_) rebuild();
}

void ChainPanel::rebuild() {
    stale_ = false;
    x_ = model_.inputs();
    chain_.reset();
    orders_.clear();
    reasonText_.clear();
    chain::ChainResult r = chain::extractChain(model_.program(), model_.inputs());
    if (r.error) {
        reasonText_ = QString::fromStdString(r.error->message);
        if (r.error->span.length > 0) {
            const std::string source = model_.goodSource().toStdString();
            const SourcePosition at = positionOf(source, r.error->span.offset);
            reasonText_ += tr(" (line %1, column %2)").arg(at.line).arg(at.column);
        }
    } else if (r.chain->factors.empty()) {
        reasonText_ = tr("the output is the input itself: there is nothing to multiply");
    } else {
        chain_ = std::move(r.chain);
        orders_ = chain::chainOrders(chain_->factors);
    }
    const bool isChain = chain_.has_value();
    for (QWidget* w : std::initializer_list<QWidget*>{forward_, reverse_, cheapest_, step_, end_, canvas_, count_, stepLine_})
        w->setVisible(isChain);
    reason_->setVisible(!isChain);
    if (!isChain) {
        title_->setText(tr("The chain rule as a product of Jacobians works on programs that are a chain "
                           "x → s₁ → s₂ → … → y, each named statement using x only through the one before."));
        reason_->setText(tr("This program is not a chain: %1.").arg(reasonText_));
        order_ = -1;
        frame_ = 0;
        canvas_->setFrame({});
        return;
    }
    QStringList stages;
    for (const chain::Stage& s : chain_->stages)
        stages << QString::fromStdString(s.name) + ' ' + shapeText(s.dims);
    const bool others = static_cast<std::size_t>(model_.program().inputCount()) > chain_->stages.front().size();
    title_->setText(tr("Chain %1").arg(stages.join(QStringLiteral(" → "))) +
                    (others ? tr("   (other inputs held fixed)") : QString()));
    for (std::size_t k = 0; k < orders_.size(); ++k) {
        QPushButton* b = k == 0 ? forward_ : k == 1 ? reverse_ : cheapest_;
        b->setToolTip(tr("%1: %2 multiply-adds").arg(subscriptBracketing(orders_[k].bracketing))
                          .arg(orders_[k].multiplyAdds));
    }
    order_ = -1;
    display(-1, 0);
}

const std::optional<chain::Chain>& ChainPanel::chain() {
    ensureFresh();
    return chain_;
}

const std::vector<chain::Order>& ChainPanel::orders() {
    ensureFresh();
    return orders_;
}

QString ChainPanel::reason() {
    ensureFresh();
    return reasonText_;
}

QString ChainPanel::orderName() const {
    return order_ >= 0 ? QString::fromStdString(orders_[static_cast<std::size_t>(order_)].name) : QString();
}

int ChainPanel::orderIndex(const QString& name) {
    ensureFresh();
    const QString engine = name == QLatin1String("cheapest") ? QStringLiteral("optimal") : name;
    for (std::size_t k = 0; k < orders_.size(); ++k)
        if (QString::fromStdString(orders_[k].name) == engine) return static_cast<int>(k);
    return -1;
}

const ChainFrame& ChainPanel::frame() const { return canvas_->frame(); }

bool ChainPanel::play(const QString& order) {
    if (!showFrame(order, 0)) return false;
    timer_->start();
    return true;
}

bool ChainPanel::showProduct(const QString& order, int k) {
    const int o = orderIndex(order);
    if (o < 0) return false;
    const int n = static_cast<int>(orders_[static_cast<std::size_t>(o)].steps.size());
    return showFrame(order, k <= 0 ? 0 : k > n ? 2 * n : 2 * k - 1);
}

bool ChainPanel::showFrame(const QString& order, int frame) {
    stop();
    const int o = orderIndex(order);
    if (o < 0) return false;
    display(o, frame);
    return true;
}

bool ChainPanel::showEnd(const QString& order) { return showFrame(order, 1 << 20); }

bool ChainPanel::stepForward() {
    ensureFresh();
    if (!chain_) return false;
    if (order_ < 0) {
        display(orderIndex(QStringLiteral("optimal")), 1);
        return true;
    }
    if (frame_ + 1 >= chainFrameCount(orders_[static_cast<std::size_t>(order_)])) return false;
    display(order_, frame_ + 1);
    return true;
}

void ChainPanel::stop() { timer_->stop(); }

bool ChainPanel::isPlaying() const { return timer_->isActive(); }

void ChainPanel::advance() {
    if (!stepForward()) stop();
    else if (order_ >= 0 && frame_ + 1 >= chainFrameCount(orders_[static_cast<std::size_t>(order_)])) stop();
}

void ChainPanel::display(int order, int frame) {
    if (!chain_) return;
    order_ = order;
    if (order < 0) {  // no order chosen yet: the factors as written
        frame_ = 0;
        canvas_->setFrame(chainFrameAt(*chain_, orders_.front(), 0));
    } else {
        const chain::Order& o = orders_[static_cast<std::size_t>(order)];
        frame_ = std::clamp(frame, 0, chainFrameCount(o) - 1);
        canvas_->setFrame(chainFrameAt(*chain_, o, frame_));
    }
    count_->setText(countText());
    stepLine_->setText(stepText());
    emit frameShown(frame_);
}

QString ChainPanel::countText() const {
    if (order_ < 0 || !chain_) return tr("multiply-adds: choose an order");
    const ChainFrame& f = frame();
    return tr("multiply-adds so far: %1 of %2").arg(f.multiplyAddsSoFar).arg(f.multiplyAddsTotal);
}

QString ChainPanel::stepText() const {
    if (!chain_) return {};
    if (order_ < 0) {
        QStringList totals;
        for (const chain::Order& o : orders_) totals << tr("%1 %2").arg(titleOf(o.name)).arg(o.multiplyAdds);
        return tr("Three orders, one J. Multiply-adds: %1.").arg(totals.join(QStringLiteral(", ")));
    }
    const chain::Order& o = orders_[static_cast<std::size_t>(order_)];
    const QString head = titleOf(o.name) + "  " + subscriptBracketing(o.bracketing) + ":  ";
    const ChainFrame& f = frame();
    const int n = static_cast<int>(o.steps.size());
    if (f.finished) {
        const ChainBlock& j = f.blocks.front();
        return head + tr("J = %1, %2: the Jacobian tab's entries for %1").arg(j.name, j.shape());
    }
    if (f.product == 0) return head + tr("%n product(s) to do", nullptr, n);
    const chain::Multiplication& m = o.steps[static_cast<std::size_t>(f.product - 1)];
    if (f.leftOperand >= 0 && f.rightOperand >= 0) {
        const ChainBlock& a = f.blocks[static_cast<std::size_t>(f.leftOperand)];
        const ChainBlock& b = f.blocks[static_cast<std::size_t>(f.rightOperand)];
        auto operand = [](const ChainBlock& x) { return x.shape() + (x.diagonal ? tr(" diagonal") : QString()); };
        return head + tr("product %1 of %2: %3 · %4  (%5 · %6): %7 multiply-adds")
                          .arg(f.product).arg(n).arg(a.symbol, b.symbol, operand(a), operand(b))
                          .arg(m.multiplyAdds);
    }
    const ChainBlock& p = f.blocks[static_cast<std::size_t>(std::max(0, f.formed))];
    return head + tr("product %1 of %2: %3 = %4, %5").arg(f.product).arg(n).arg(p.symbol, p.name, p.shape());
}

}  // namespace adviz::ui
