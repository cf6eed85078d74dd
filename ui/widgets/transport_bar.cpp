#include "ui/widgets/transport_bar.hpp"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QTextEdit>
#include <QToolButton>

#include <cmath>

#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/text_field.hpp"

namespace adviz::ui {
namespace {

constexpr int kIconSize = 32;  // readable from the back of a classroom
constexpr double kSpeeds[] = {0.25, 0.5, 1, 2, 4};

enum ModeId { ForwardId, ReverseId, SecondOrderId };

Mode modeOf(int id) {
    return id == ForwardId ? Mode::Forward : id == ReverseId ? Mode::Reverse : Mode::ForwardOverReverse;
}

QString counterText(int step, int count) {
    return QObject::tr("step %1 of %2").arg(step).arg(count);
}

QPushButton* modeButton(const QString& text, const QString& tip, const QString& name,
                        QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setCheckable(true);
    button->setToolTip(tip);
    button->setObjectName(name);
    return button;
}

}  // namespace

TransportBar::TransportBar(SessionModel& model, Player& player, QWidget* parent)
    : QWidget(parent), model_(model), player_(player), modes_(new QButtonGroup(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    QPushButton* forward = modeButton(tr("Forward"),
        tr("Forward mode: v̇ flows from the inputs along the direction ẋ, one pass"),
        QStringLiteral("forwardMode"), this);
    QPushButton* reverse = modeButton(tr("Reverse"),
        tr("Reverse mode: values forward, then v̄ flows back from the seed ȳ"),
        QStringLiteral("reverseMode"), this);
    QPushButton* second = modeButton(tr("H·v"),
        tr("Forward-over-reverse: the reverse sweep on dual numbers; each adjoint carries its "
           "tangent, and the inputs' adjoint tangents are H·ẋ"),
        QStringLiteral("secondOrderMode"), this);
    modes_->addButton(forward, ForwardId);
    modes_->addButton(reverse, ReverseId);
    modes_->addButton(second, SecondOrderId);
    modes_->setExclusive(true);
    layout->addWidget(forward);
    layout->addWidget(reverse);
    layout->addWidget(second);

    // Reverse mode only: what the backward sweep keeps in memory.
    strategy_ = new QComboBox(this);
    strategy_->setObjectName(QStringLiteral("checkpointStrategy"));
    strategy_->setToolTip(tr("Checkpointing: which values the reverse sweep keeps, and which it "
                             "recomputes from a snapshot"));
    strategy_->addItem(tr("store all values"), QStringLiteral("store-all"));
    strategy_->addItem(tr("√T checkpoints"), QStringLiteral("sqrt"));
    strategy_->addItem(tr("binomial, 2 snapshots"), QStringLiteral("binomial:2"));
    strategy_->addItem(tr("binomial, 3 snapshots"), QStringLiteral("binomial:3"));
    strategy_->addItem(tr("every 4 steps"), QStringLiteral("every:4"));
    // May shrink to a few letters (the popup still shows whole names): the bar has to fit a
    // 1024-pixel projector, and 1280 at 150%.
    strategy_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    strategy_->setMinimumContentsLength(5);
    // Hidden outside reverse mode but keeping its place, so the buttons after it do not jump
    // sideways under the teacher's pointer when the mode changes.
    QSizePolicy keepPlace = strategy_->sizePolicy();
    keepPlace.setRetainSizeWhenHidden(true);
    strategy_->setSizePolicy(keepPlace);
    layout->addWidget(strategy_);
    connect(strategy_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) model_.setCheckpointStrategy(Strategy::parse(strategy_->itemData(index).toString().toStdString()));
    });
    layout->addSpacing(8);

    toStart_ = addButton(QStringLiteral("toStart"), QStyle::SP_MediaSkipBackward,
                         tr("Go to start (Home)"), &Player::toStart);
    back_ = addButton(QStringLiteral("stepBack"), QStyle::SP_MediaSeekBackward,
                      tr("Step back (←)"), &Player::stepBack);
    play_ = addButton(QStringLiteral("playPause"), QStyle::SP_MediaPlay, tr("Play (Space)"),
                      &Player::togglePlay);
    forward_ = addButton(QStringLiteral("stepForward"), QStyle::SP_MediaSeekForward,
                         tr("Step forward (→)"), &Player::stepForward);
    toEnd_ = addButton(QStringLiteral("toEnd"), QStyle::SP_MediaSkipForward,
                       tr("Go to end (End)"), &Player::toEnd);
    for (QToolButton* b : {toStart_, back_, play_, forward_, toEnd_}) layout->addWidget(b);
    layout->addSpacing(8);

    counter_ = new QLabel(this);
    counter_->setObjectName(QStringLiteral("stepCounter"));
    layout->addWidget(counter_);
    layout->addStretch(1);

    auto* speedLabel = new QLabel(tr("speed"), this);
    speed_ = new QComboBox(this);
    speed_->setObjectName(QStringLiteral("speed"));
    speed_->setToolTip(tr("Playback speed"));
    int closest = 0;
    for (double s : kSpeeds) {
        speed_->addItem(QString::number(s) + QStringLiteral("×"), s);
        if (std::abs(s - player_.speed()) < std::abs(kSpeeds[closest] - player_.speed()))
            closest = speed_->count() - 1;
    }
    speed_->setCurrentIndex(closest);
    speedLabel->setBuddy(speed_);
    layout->addWidget(speedLabel);
    layout->addWidget(speed_);

    connect(modes_, &QButtonGroup::idClicked, this, [this](int id) {
        model_.setMode(modeOf(id));
    });
    connect(speed_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) player_.setSpeed(speed_->itemData(index).toDouble());
    });
    connect(&player_, &Player::playingChanged, this, &TransportBar::syncPlaying);
    connect(&model_, &SessionModel::traceChanged, this, &TransportBar::syncMode);
    connect(&model_, &SessionModel::traceChanged, this, &TransportBar::syncStep);
    connect(&model_, &SessionModel::graphChanged, this, &TransportBar::syncStep);
    connect(&model_, &SessionModel::stepChanged, this, &TransportBar::syncStep);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &TransportBar::applyTheme);
    applyTheme();
    syncMode();
    syncPlaying(player_.isPlaying());
}

void TransportBar::applyTheme() {
    const Theme& theme = Theme::current();
    QFont bold = theme.labelFont();
    bold.setBold(true);
    for (QAbstractButton* mode : modes_->buttons()) mode->setFont(bold);
    for (QWidget* w : findChildren<QWidget*>())
        if (qobject_cast<QLabel*>(w) || qobject_cast<QComboBox*>(w)) w->setFont(theme.labelFont());
    syncStep();  // the counter's width follows its font
}

QToolButton* TransportBar::addButton(const QString& name, QStyle::StandardPixmap icon,
                                     const QString& tip, void (Player::*slot)()) {
    auto* button = new QToolButton(this);
    button->setObjectName(name);
    button->setIcon(style()->standardIcon(icon, nullptr, this));
    button->setIconSize(QSize(kIconSize, kIconSize));
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    // Clicking takes focus away from the editor, so Space then plays instead of typing.
    button->setFocusPolicy(Qt::StrongFocus);
    connect(button, &QToolButton::clicked, &player_, slot);
    return button;
}

void TransportBar::syncMode() {
    // setChecked does not emit idClicked, so this does not echo back to the model.
    const int id = model_.mode() == Mode::Forward ? ForwardId
                   : model_.mode() == Mode::Reverse ? ReverseId : SecondOrderId;
    if (QAbstractButton* button = modes_->button(id)) button->setChecked(true);
    strategy_->setVisible(model_.mode() == Mode::Reverse);
    const auto& strategy = model_.checkpointStrategy();
    const QString name = QString::fromStdString(strategy ? strategy->name() : std::string("store-all"));
    QSignalBlocker quiet(strategy_);  // showing the model's choice must not set it again
    int index = strategy_->findData(name);
    if (index < 0) {  // a strategy chosen elsewhere (command line): list it
        strategy_->addItem(name, name);
        index = strategy_->count() - 1;
    }
    strategy_->setCurrentIndex(index);
}

void TransportBar::syncStep() {
    const int count = model_.stepCount();
    counter_->setText(counterText(model_.step(), count));
    // As wide as the widest count it will show, so the bar does not twitch while playing.
    counter_->setMinimumWidth(counter_->fontMetrics().horizontalAdvance(counterText(count, count)));
}

void TransportBar::syncPlaying(bool playing) {
    play_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay,
                                         nullptr, this));
    const QString tip = playing ? tr("Pause (Space)") : tr("Play (Space)");
    play_->setToolTip(tip);
    play_->setAccessibleName(tip);
}

bool TransportBar::isTransportButton(const QWidget* widget) const {
    for (const QWidget* b : {toStart_, back_, play_, forward_, toEnd_})
        if (widget == b) return true;
    return false;
}

template <typename Action>
void TransportBar::addShortcut(QWidget* window, Qt::Key key, bool autoRepeat, Action action) {
    auto* shortcut = new QShortcut(QKeySequence(key), window);
    shortcut->setContext(Qt::WindowShortcut);
    shortcut->setAutoRepeat(autoRepeat);
    connect(shortcut, &QShortcut::activated, this, [action] {
        if (!isTextField(QApplication::focusWidget())) action();
    });
}

void TransportBar::installShortcuts(QWidget* window) {
    if (!window || window == shortcutWindow_) return;
    shortcutWindow_ = window;
    addShortcut(window, Qt::Key_Space, false, [this] { onSpace(); });
    // Holding an arrow walks through the steps, as holding a key does in a text.
    addShortcut(window, Qt::Key_Right, true, [this] { player_.stepForward(); });
    addShortcut(window, Qt::Key_Left, true, [this] { player_.stepBack(); });
    addShortcut(window, Qt::Key_Home, false, [this] { player_.toStart(); });
    addShortcut(window, Qt::Key_End, false, [this] { player_.toEnd(); });
}

void TransportBar::onSpace() {
    // A window-wide Space would take Space away from every focused button and combo box; give
    // it back to them (keyboard users press those with Space), except for the transport's own.
    QWidget* focus = QApplication::focusWidget();
    if (auto* button = qobject_cast<QAbstractButton*>(focus); button && !isTransportButton(button))
        button->animateClick();
    else if (auto* combo = qobject_cast<QComboBox*>(focus))
        combo->showPopup();
    else
        player_.togglePlay();
}

}  // namespace adviz::ui
