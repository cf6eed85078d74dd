#include "ui/charts/charts_panel.hpp"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>
#include <variant>

#include "ui/charts/chart_export.hpp"
#include "ui/charts/chart_style.hpp"
#include "ui/charts/fd_error_chart.hpp"
#include "ui/charts/slice_chart.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// Often enough to follow a dragged input, rarely enough not to queue work behind it.
constexpr int kThrottleMs = 150;

constexpr std::array<SwellFamily, 3> kFamilies{SwellFamily::Nested, SwellFamily::Squaring,
                                               SwellFamily::Product};

QFont scaledLabelFont(double factor, bool bold = false) {
    QFont f = Theme::current().labelFont();
    f.setPointSizeF(f.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

QString fileStem(int tab) {
    static const char* const stems[] = {"fd-error", "gradient-cost", "expression-swell",
                                        "function-slice"};
    return QString::fromLatin1(stems[tab]);
}

}  // namespace

// Copies, not references: the worker thread must not see the model change under it.
struct ChartsPanel::Request {
    int tab = 0;
    Graph graph;
    std::vector<double> x, dir;
    int output = 0, input = 0;
    SwellFamily family = SwellFamily::Nested;
    std::vector<CostRow> costFamily;
    std::vector<SwellRow> swellRows;
};

struct ChartsPanel::Result {
    unsigned generation = 0;
    std::variant<FdErrorData, CostData, SwellData, SliceData> data;
};

ChartsPanel::ChartsPanel(SessionModel& model, QWidget* parent)
    : QWidget(parent), model_(model), tabs_(new QTabWidget(this)), throttle_(new QTimer(this)),
      direction_(new QComboBox(this)), measure_(new QComboBox(this)),
      family_(new QComboBox(this)), input_(new QComboBox(this)),
      swellSummary_(new QLabel(this)), derivativeText_(new QPlainTextEdit(this)) {
    tabs_->setObjectName(QStringLiteral("chartTabs"));
    direction_->setObjectName(QStringLiteral("fdDirection"));
    direction_->setToolTip(tr("The direction of the finite differences and of forward mode"));
    measure_->setObjectName(QStringLiteral("costMeasure"));
    measure_->addItem(tr("passes over the program"));
    measure_->addItem(tr("elementary operations"));
    family_->setObjectName(QStringLiteral("swellFamily"));
    family_->addItem(tr("nested: sin(sin(…sin(x)))"));
    family_->addItem(tr("squaring: fₖ = fₖ₋₁·fₖ₋₁"));
    family_->addItem(tr("product: x₁·x₂·…·xₙ"));
    input_->setObjectName(QStringLiteral("sliceInput"));
    swellSummary_->setObjectName(QStringLiteral("swellSummary"));
    swellSummary_->setWordWrap(true);
    derivativeText_->setObjectName(QStringLiteral("derivativeText"));
    derivativeText_->setReadOnly(true);

    auto* below = new QWidget(this);
    auto* belowLayout = new QVBoxLayout(below);
    belowLayout->setContentsMargins(0, 0, 0, 0);
    belowLayout->addWidget(swellSummary_);
    belowLayout->addWidget(derivativeText_);
    tabs_->addTab(page(FdErrorTab, controlRow(tr("direction:"), direction_)), tr("FD vs AD"));
    tabs_->addTab(page(CostTab, controlRow(tr("count:"), measure_)), tr("Gradient cost"));
    tabs_->addTab(page(SwellTab, controlRow(tr("family:"), family_), below),
                  tr("Expression swell"));
    tabs_->addTab(page(SliceTab, controlRow(tr("input:"), input_)), tr("Along one input"));

    auto* exportButton = new QPushButton(tr("Export chart…"), this);
    exportButton->setObjectName(QStringLiteral("exportChart"));
    tabs_->setCornerWidget(exportButton, Qt::TopRightCorner);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);

    throttle_->setSingleShot(true);
    throttle_->setInterval(kThrottleMs);
    for (int tab = 0; tab < TabCount; ++tab) {
        state_[tab].watcher = new QFutureWatcher<Result>(this);
        connect(state_[tab].watcher, &QFutureWatcher<Result>::finished, this,
                [this, tab] { finished(tab); });
    }
    connect(throttle_, &QTimer::timeout, this, &ChartsPanel::refreshVisible);
    connect(tabs_, &QTabWidget::currentChanged, this, &ChartsPanel::refreshVisible);
    connect(exportButton, &QPushButton::clicked, this, &ChartsPanel::exportClicked);
    connect(direction_, &QComboBox::currentIndexChanged, this, [this] { markStale(FdErrorTab); });
    connect(input_, &QComboBox::currentIndexChanged, this, [this] { markStale(SliceTab); });
    connect(family_, &QComboBox::currentIndexChanged, this, [this] { markStale(SwellTab); });
    connect(measure_, &QComboBox::currentIndexChanged, this, [this] {
        // Both counts are in the data already: redraw, do not recompute.
        if (!cost_.family.empty() || cost_.program)
            display(CostTab, buildCostChart(cost_, CostMeasure(measure_->currentIndex())));
    });
    connect(&model_, &SessionModel::graphChanged, this, &ChartsPanel::rebuildChoices);
    connect(&model_, &SessionModel::graphChanged, this, &ChartsPanel::markAllStale);
    connect(&model_, &SessionModel::traceChanged, this, &ChartsPanel::markAllStale);
    connect(&model_, &SessionModel::pointChanged, this, &ChartsPanel::markAllStale);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &ChartsPanel::applyTheme);
    rebuildChoices();
    applyFonts();
}

void ChartsPanel::applyFonts() {
    tabs_->tabBar()->setFont(scaledLabelFont(1.3, true));
    // Controls, their labels, the summary and the export button: a size up, for the room.
    for (QWidget* w : findChildren<QWidget*>()) {
        if (qobject_cast<QLabel*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QPushButton*>(w))
            w->setFont(scaledLabelFont(1.2));
    }
    derivativeText_->setFont(Theme::current().editorFont());
    // A few lines: long derivatives scroll, the chart keeps most of the height.
    derivativeText_->setMaximumHeight(6 * derivativeText_->fontMetrics().lineSpacing());
}

void ChartsPanel::applyTheme() {
    applyFonts();
    // Every chart is drawn from the theme when it is built: build them again.
    markAllStale();
}

// The workers hold copies only, so they may finish after the panel is gone; their results
// then go nowhere (the watchers are deleted with the panel).
ChartsPanel::~ChartsPanel() = default;

QWidget* ChartsPanel::controlRow(const QString& label, QComboBox* combo) {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(8, 4, 8, 0);
    auto* text = new QLabel(label, row);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    layout->addWidget(text);
    layout->addWidget(combo);
    layout->addStretch(1);
    return row;
}

QWidget* ChartsPanel::page(int tab, QWidget* controls, QWidget* below) {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->addWidget(controls);
    auto* view = new QChartView(messageChart(tr("Charts"), tr("computing…")), page);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(360, 260);
    layout->addWidget(view, 1);
    // The legend, under the chart and wrapping between entries (see legendHtml).
    auto* legend = new QLabel(page);
    legend->setObjectName(QStringLiteral("chartLegend%1").arg(tab));
    legend->setTextFormat(Qt::RichText);
    legend->setWordWrap(true);
    legend->setContentsMargins(8, 0, 8, 0);
    legend->hide();
    layout->addWidget(legend);
    if (below) layout->addWidget(below);
    state_[tab].view = view;
    state_[tab].legend = legend;
    return page;
}

QChart* ChartsPanel::chart(int tab) const { return view(tab) ? view(tab)->chart() : nullptr; }

QChartView* ChartsPanel::view(int tab) const {
    return tab >= 0 && tab < TabCount ? state_[tab].view : nullptr;
}

void ChartsPanel::rebuildChoices() {
    const Graph& g = model_.graph();
    // Keep the chosen input across edits when the new program still has it.
    auto refill = [&g](QComboBox* combo, bool withModelDirection) {
        const QString kept = combo->currentData().toString();
        const QSignalBlocker blocker(combo);
        combo->clear();
        if (withModelDirection)
            combo->addItem(tr("ẋ from the inputs panel"), QString());  // no name: the model's
        for (int i = 0; i < g.inputCount(); ++i) {
            const QString name = qs(std::string(g.inputName(i)));
            combo->addItem(withModelDirection ? tr("along %1 only").arg(name) : name, name);
        }
        combo->setCurrentIndex(std::max(0, combo->findData(kept)));
    };
    refill(direction_, true);
    refill(input_, false);
}

void ChartsPanel::markStale(int tab) {
    state_[tab].stale = true;
    ++state_[tab].generation;
    if (!throttle_->isActive()) throttle_->start();
}

void ChartsPanel::markAllStale() {
    for (int tab = 0; tab < TabCount; ++tab) markStale(tab);
}

void ChartsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // The tab may have gone stale while hidden; check once the show has completed.
    QTimer::singleShot(0, this, &ChartsPanel::refreshVisible);
}

void ChartsPanel::refreshVisible() {
    if (!isVisible()) return;
    const int tab = tabs_->currentIndex();
    if (tab >= 0 && state_[tab].stale && !state_[tab].running) start(tab);
}

void ChartsPanel::start(int tab) {
    TabState& s = state_[tab];
    s.stale = false;
    s.running = true;
    s.watcher->setFuture(QtConcurrent::run(
        [request = snapshot(tab), generation = s.generation] {
            return compute(request, generation);
        }));
}

void ChartsPanel::finished(int tab) {
    TabState& s = state_[tab];
    s.running = false;
    Result result = s.watcher->result();
    keepFamilies(result);  // valid whatever the program: worth keeping even from stale work
    if (result.generation == s.generation) apply(tab, result);
    else refreshVisible();  // the model moved on while this ran: start over with its state
}

void ChartsPanel::recomputeNow() {
    for (int tab = 0; tab < TabCount; ++tab) {
        TabState& s = state_[tab];
        ++s.generation;  // whatever is still running for this tab is now out of date
        s.stale = false;
        Result result = compute(snapshot(tab), s.generation);
        apply(tab, result);
    }
}

ChartsPanel::Request ChartsPanel::snapshot(int tab) const {
    Request r;
    r.tab = tab;
    r.graph = model_.graph();
    r.x = model_.inputs();
    r.output = chosenOutput(model_.seed());
    const QString dir = direction_->currentData().toString();
    const int unit = model_.graph().inputIndex(dir.toStdString());
    r.dir = model_.direction();
    if (unit >= 0) {  // "along x only": eᵢ
        r.dir.assign(r.x.size(), 0.0);
        r.dir[static_cast<std::size_t>(unit)] = 1;
    }
    r.input = std::max(0, input_->currentIndex());
    r.family = kFamilies[static_cast<std::size_t>(std::max(0, family_->currentIndex()))];
    r.costFamily = costFamily_;
    r.swellRows = swellFamilies_[static_cast<std::size_t>(r.family)];
    return r;
}

ChartsPanel::Result ChartsPanel::compute(const Request& r, unsigned generation) {
    Result result{generation, {}};
    switch (r.tab) {
    case FdErrorTab:
        result.data = computeFdError(r.graph, r.x, r.dir, r.output);
        break;
    case CostTab:
        result.data = computeCost(r.graph, r.x, r.output, r.costFamily);
        break;
    case SwellTab:
        result.data = computeSwell(r.graph, r.x, r.output, r.family, r.swellRows);
        break;
    default:
        result.data = computeSlice(r.graph, r.x, r.input, r.output);
    }
    return result;
}

void ChartsPanel::keepFamilies(const Result& result) {
    if (auto* cost = std::get_if<CostData>(&result.data); cost && costFamily_.empty())
        costFamily_ = cost->family;
    if (auto* swell = std::get_if<SwellData>(&result.data)) {
        auto& cache = swellFamilies_[static_cast<std::size_t>(swell->family)];
        if (cache.empty()) cache = swell->rows;
    }
}

void ChartsPanel::apply(int tab, Result& result) {
    keepFamilies(result);
    if (auto* fd = std::get_if<FdErrorData>(&result.data)) {
        display(tab, buildFdErrorChart(*fd));
    } else if (auto* cost = std::get_if<CostData>(&result.data)) {
        cost_ = std::move(*cost);
        display(tab, buildCostChart(cost_, CostMeasure(measure_->currentIndex())));
    } else if (auto* swell = std::get_if<SwellData>(&result.data)) {
        swellSummary_->setText(swell->summary);
        derivativeText_->setPlainText(swell->derivativeText);
        display(tab, buildSwellChart(*swell));
    } else if (auto* slice = std::get_if<SliceData>(&result.data)) {
        display(tab, buildSliceChart(*slice));
    }
}

void ChartsPanel::display(int tab, QChart* chart) {
    QChartView* v = state_[tab].view;
    // setChart releases the old chart without deleting it.
    QChart* old = v->chart();
    v->setChart(chart);
    delete old;
    // On screen the legend is a wrapping label (its markers exist once the chart is in a
    // view); an exported chart shows its own (see exportCurrent), at the export's width.
    const QString legend = legendHtml(chart);
    state_[tab].legend->setText(legend);
    state_[tab].legend->setVisible(!legend.isEmpty());
    if (!legend.isEmpty()) chart->legend()->hide();
    emit chartUpdated(tab);
}

std::optional<QString> ChartsPanel::exportCurrent(const QString& path) {
    const int tab = tabs_->currentIndex();
    QChart* shown = chart(tab);
    // A file has no label under it: the chart's own legend goes into the export.
    const bool ownLegend = shown && !state_[tab].legend->isHidden();
    if (ownLegend) shown->legend()->show();
    auto result = exportChart(view(tab), path);
    if (ownLegend) shown->legend()->hide();
    return result;
}

void ChartsPanel::exportClicked() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export chart"), fileStem(tabs_->currentIndex()) + QStringLiteral(".svg"),
        tr("SVG image (*.svg);;PNG image, 2× (*.png)"));
    if (path.isEmpty()) return;
    if (const std::optional<QString> error = exportCurrent(path))
        QMessageBox::warning(this, tr("Export failed"), *error);
}

}  // namespace adviz::ui
