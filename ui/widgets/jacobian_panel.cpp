#include "ui/widgets/jacobian_panel.hpp"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

#include "autodiff/limits.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/sweeps/jacobian.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QTableWidgetItem* cell(const QString& text, const QColor& colour) {
    auto* item = new QTableWidgetItem(text);
    item->setForeground(colour);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled);
    return item;
}

}  // namespace

JacobianPanel::JacobianPanel(SessionModel& model, Player& player, QWidget* parent)
    : QWidget(parent), model_(model), player_(player) {
    auto* layout = new QVBoxLayout(this);

    auto* buttons = new QHBoxLayout;
    byForward_ = new QPushButton(tr("By forward mode"), this);
    byForward_->setToolTip(tr("n forward sweeps, seeds e₁ … eₙ: one column of J each"));
    byReverse_ = new QPushButton(tr("By reverse mode"), this);
    byReverse_->setToolTip(tr("m reverse sweeps, seeds e₁ … eₘ: one row of J each"));
    stop_ = new QPushButton(tr("Stop"), this);
    for (QPushButton* b : {byForward_, byReverse_, stop_}) buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    matrix_ = new QTableWidget(this);
    matrix_->setObjectName(QStringLiteral("jacobianMatrix"));
    matrix_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    matrix_->setSelectionMode(QAbstractItemView::NoSelection);
    layout->addWidget(matrix_, 1);

    note_ = new QLabel(this);
    note_->setWordWrap(true);
    layout->addWidget(note_);

    costs_ = new QTableWidget(2, 4, this);
    costs_->setObjectName(QStringLiteral("jacobianCosts"));
    costs_->setHorizontalHeaderLabels({tr("method"), tr("sweeps"), tr("operations"), tr("values stored")});
    costs_->verticalHeader()->hide();
    costs_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    costs_->setSelectionMode(QAbstractItemView::NoSelection);
    costs_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    costs_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(costs_);
    applyFonts();

    pause_ = new QTimer(this);
    pause_->setSingleShot(true);
    pause_->setInterval(500);  // a breath between sweeps, so the filled column registers
    connect(pause_, &QTimer::timeout, this, &JacobianPanel::startSweep);

    connect(byForward_, &QPushButton::clicked, this, [this] { run(Mode::Forward); });
    connect(byReverse_, &QPushButton::clicked, this, [this] { run(Mode::Reverse); });
    connect(stop_, &QPushButton::clicked, this, &JacobianPanel::stop);
    connect(&model_, &SessionModel::graphChanged, this, [this] {
        userDirection_.reset();  // the user's vectors belong to the old program
        stop();
        rebuild();
    });
    // Both methods' costs mean n + m sweeps: only while the panel is on screen.
    connect(&model_, &SessionModel::pointChanged, this, [this] {
        costsStale_ = true;
        if (!running_ && isVisible()) refreshCosts();
    });
    connect(&model_, &SessionModel::stepChanged, this, &JacobianPanel::onStep);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &JacobianPanel::applyTheme);
    rebuild();
}

void JacobianPanel::applyFonts() {
    const Theme& t = Theme::current();
    for (QPushButton* b : {byForward_, byReverse_, stop_}) b->setFont(t.labelFont());
    matrix_->setFont(t.tableFont());
    note_->setFont(t.labelFont());
    costs_->setFont(t.labelFont());
    costs_->horizontalHeader()->setFont(t.labelFont());
    const int row = QFontMetrics(t.labelFont()).height() * 3 / 2;
    costs_->verticalHeader()->setDefaultSectionSize(row);
    costs_->setMaximumHeight(costs_->horizontalHeader()->sizeHint().height() + 2 * row + 6);
}

void JacobianPanel::applyTheme() {
    applyFonts();
    if (isVisible()) refreshCosts();  // its colours
    else costsStale_ = true;
}

void JacobianPanel::rebuild() {
    const Graph& g = model_.graph();
    matrix_->clear();
    const long long n = g.inputCount(), m = g.outputCount();
    // Too large to read or to fill: say so instead of building 10⁵ columns or running 10⁵ sweeps.
    refusal_.clear();
    if (n * m > maxShownEntries)
        refusal_ = tr("J is %1 × %2 (%3 entries): too large to show here. Forward mode would "
                      "need %4 sweeps, reverse mode %5; `adviz jacobian` computes it, and a "
                      "single reverse sweep gives the gradient of one output.")
                       .arg(m).arg(n).arg(QString::fromStdString(limits::grouped(n * m)))
                       .arg(QString::fromStdString(limits::grouped(n)))
                       .arg(QString::fromStdString(limits::grouped(m)));
    for (QPushButton* b : {byForward_, byReverse_}) b->setEnabled(refusal_.isEmpty());
    matrix_->setVisible(refusal_.isEmpty());
    if (!refusal_.isEmpty()) {
        matrix_->setRowCount(0);
        matrix_->setColumnCount(0);
        costs_->clearContents();
        note_->setText(refusal_);
        return;
    }
    matrix_->setRowCount(g.outputCount());
    matrix_->setColumnCount(g.inputCount());
    QStringList rows, cols;
    for (const Output& o : g.outputs) rows << qs(o.name);
    for (int i = 0; i < g.inputCount(); ++i) cols << "∂/∂" + qs(g.inputName(i));
    matrix_->setVerticalHeaderLabels(rows);
    matrix_->setHorizontalHeaderLabels(cols);
    // A few columns share the width; more (a shaped program's ∂/∂W1[1,0], …) keep the width
    // of their labels and numbers, and the table scrolls: squeezed, they would read as "…".
    matrix_->horizontalHeader()->setSectionResizeMode(g.inputCount() <= 6 ? QHeaderView::Stretch
                                                                          : QHeaderView::ResizeToContents);
    // The costs run both methods' sweeps: a hidden panel (a tab not chosen) counts them when it
    // is shown, not on every program loaded (a 10⁵-iteration program: 70 ms for nobody).
    if (isVisible()) refreshCosts();
    else costsStale_ = true;
}

void JacobianPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (costsStale_) refreshCosts();
}

void JacobianPanel::refreshCosts() {
    costsStale_ = false;
    const Graph& g = model_.graph();
    if (g.inputCount() == 0 || g.outputCount() == 0 || !refusal_.isEmpty()) return;
    const long long visits = (static_cast<long long>(g.inputCount()) + g.outputCount()) * g.size();
    if (visits > maxCostVisits) {
        costs_->clearContents();
        note_->setText(tr("J is %1 × %2: forward mode needs one sweep per input (%2), reverse "
                          "mode one per output (%1); measuring both would take %3 node visits, "
                          "too long to wait for here.")
                           .arg(g.outputCount()).arg(g.inputCount())
                           .arg(QString::fromStdString(limits::grouped(visits))));
        return;
    }
    // The engine runs both methods and counts what each did.
    JacobianResult r = jacobian(g, model_.inputs(), JacobianMethod::Auto);
    const SweepCost& fwd = r.method == Mode::Forward ? r.cost : r.otherCost;
    const SweepCost& rev = r.method == Mode::Forward ? r.otherCost : r.cost;
    const Theme& t = Theme::current();
    auto row = [&](int k, const QString& name, const SweepCost& c, bool cheaper) {
        QColor colour = cheaper ? t.outputBorder : t.text;
        costs_->setItem(k, 0, cell(name + (cheaper ? "  ✓" : ""), colour));
        costs_->setItem(k, 1, cell(QString::number(c.sweeps), colour));
        costs_->setItem(k, 2, cell(QString::number(c.operations), colour));
        costs_->setItem(k, 3, cell(QString::number(c.valuesStored), colour));
    };
    row(0, tr("forward (n = %1)").arg(g.inputCount()), fwd, r.method == Mode::Forward);
    row(1, tr("reverse (m = %1)").arg(g.outputCount()), rev, r.method == Mode::Reverse);
    note_->setText(tr("J is %1 × %2: forward mode needs one sweep per input, reverse mode one per "
                      "output. ✓ marks the cheaper for this program.")
                       .arg(g.outputCount()).arg(g.inputCount()));
}

void JacobianPanel::run(Mode method) {
    if (!refusal_.isEmpty()) return;
    stop();
    rebuild();  // a fresh, empty matrix
    // The demo seeds e₁, e₂, …; what the user had set comes back when it ends or is stopped.
    userDirection_ = model_.direction();
    userSeed_ = model_.seed();
    method_ = method;
    sweep_ = 0;
    running_ = true;
    model_.setMode(method);
    startSweep();
}

void JacobianPanel::showProgress(Mode method, int sweepsDone, int step) {
    stop();
    rebuild();
    if (!refusal_.isEmpty()) return;
    method_ = method;
    model_.setMode(method);
    const Graph& g = model_.graph();
    const int sweeps = method == Mode::Forward ? g.inputCount() : g.outputCount();
    for (sweep_ = 0; sweep_ < std::min(sweepsDone, sweeps); ++sweep_) {
        if (method == Mode::Forward) model_.setUnitDirection(sweep_);
        else model_.setUnitSeed(sweep_);
        fillFromTrace();
    }
    if (sweep_ < sweeps) {
        prepareSweep();  // the next sweep's seed and highlight, paused at `step`
        model_.setStep(step);
    }
}

void JacobianPanel::stop() {
    running_ = false;
    pause_->stop();
    restoreUserVectors();
}

void JacobianPanel::restoreUserVectors() {
    if (!userDirection_) return;
    std::vector<double> direction = std::move(*userDirection_);
    userDirection_.reset();
    model_.setDirectionAndSeed(std::move(direction), std::move(userSeed_));
}

void JacobianPanel::startSweep() {
    if (!running_) return;
    const Graph& g = model_.graph();
    const int sweeps = method_ == Mode::Forward ? g.inputCount() : g.outputCount();
    if (sweep_ >= sweeps) {
        stop();
        return;
    }
    prepareSweep();
    player_.toStart();
    player_.play();
}

void JacobianPanel::prepareSweep() {
    if (method_ == Mode::Forward) model_.setUnitDirection(sweep_);  // seed eᵢ: column i
    else model_.setUnitSeed(sweep_);                                  // seed eⱼ: row j
    // Highlight the column or row being computed.
    const Theme& t = Theme::current();
    for (int r = 0; r < matrix_->rowCount(); ++r)
        for (int c = 0; c < matrix_->columnCount(); ++c) {
            bool current = method_ == Mode::Forward ? c == sweep_ : r == sweep_;
            if (!matrix_->item(r, c)) matrix_->setItem(r, c, cell(QStringLiteral("·"), t.pending));
            matrix_->item(r, c)->setBackground(current ? t.activeGlow : QColor(Qt::transparent));
        }
}

void JacobianPanel::onStep(int step) {
    if (!running_ || step < model_.stepCount() || model_.stepCount() == 0) return;
    if (pause_->isActive()) return;
    fillFromTrace();
    emit sweepFinished(sweep_);
    ++sweep_;
    pause_->start();
}

void JacobianPanel::fillFromTrace() {
    // The finished sweep's result: J·eᵢ (column i) in forward mode, eⱼᵀJ (row j) in reverse.
    const Trace& tr = model_.trace();
    const Theme& t = Theme::current();
    QColor colour = method_ == Mode::Forward ? t.tangent : t.adjoint;
    for (std::size_t k = 0; k < tr.result.size(); ++k) {
        int r = method_ == Mode::Forward ? static_cast<int>(k) : sweep_;
        int c = method_ == Mode::Forward ? sweep_ : static_cast<int>(k);
        if (r >= matrix_->rowCount() || c >= matrix_->columnCount()) continue;
        matrix_->setItem(r, c, cell(QString::fromStdString(formatShort(tr.result[k])), colour));
    }
}

}  // namespace adviz::ui
