#include "ui/charts/memory_chart.hpp"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QScrollArea>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

#include "autodiff/checkpoint/checkpoint.hpp"
#include "ui/charts/chart_style.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {

QChart* buildMemoryChart(const std::vector<MemorySeries>& series) {
    const Theme& t = Theme::current();
    QChart* chart = themedChart(QObject::tr("Values in memory, reverse sweep"));
    QFont title = t.labelFont();  // a side panel's chart: its height is for the curves
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.2);
    chart->setTitleFont(title);
    // The legend is a label under the chart (MemoryPanel): one line per strategy with its peak
    // and recomputed operations, which a side panel cannot fit in QLegend's single row.
    chart->legend()->hide();
    const QColor colours[] = {t.adjoint, t.tangent, t.outputBorder, t.selected};
    int longest = 1, highest = 1;
    std::vector<QLineSeries*> lines;
    for (std::size_t k = 0; k < series.size(); ++k) {
        const MemorySeries& m = series[k];
        auto* line = lineSeries(QObject::tr("%1: peak %2 values, %3 recomputed")
                                    .arg(m.name).arg(m.peak).arg(m.recomputed),
                                QStringLiteral("memory%1").arg(k), colours[k % 4]);
        for (std::size_t i = 0; i < m.alive.size(); ++i) line->append(static_cast<double>(i), m.alive[i]);
        lines.push_back(line);
        longest = std::max(longest, static_cast<int>(m.alive.size()) - 1);
        highest = std::max(highest, m.peak);
    }
    // Whole-number ticks (1, 2 or 5 × 10ᵏ) with the top tick above the highest peak, so the
    // peak the legend states can be read off the axis. A twentieth of headroom keeps the
    // highest line off the frame.
    QValueAxis* x = valueAxis(QObject::tr("tick of the sweep"), 0, longest, true, 3);
    QValueAxis* y = valueAxis(QObject::tr("values"), 0, highest * 1.05, true);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries* line : lines) {
        attach(chart, line, x, y);
        showValuesOnHover(chart, line, QObject::tr("tick"), QObject::tr("values"));
    }
    return chart;
}

std::vector<MemorySeries> MemoryPanel::seriesFor(const SessionModel& model) {
    const Graph& g = model.graph();
    std::vector<MemorySeries> out;
    if (g.outputCount() == 0) return out;
    const std::pair<QString, Strategy> strategies[] = {
        {QObject::tr("store all"), Strategy::storeAll()},
        {QObject::tr("√T checkpoints"), Strategy::sqrt()},
        {QObject::tr("binomial, 3 snapshots"), Strategy::binomial(3)},
    };
    for (const auto& [name, strategy] : strategies) {
        CheckpointResult r = checkpointedGradient(g, model.inputs(), model.seed(), strategy, true);
        out.push_back({name, std::move(r.aliveOverTime), r.peakStored, r.recomputedOps, r.totalOps});
    }
    return out;
}

MemoryPanel::MemoryPanel(SessionModel& model, QWidget* parent) : QWidget(parent), model_(model) {
    // Chart, legend and note scroll together when the panel is shorter than they need: the
    // chart keeps a readable height, the note is a scroll away.
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(content);
    view_ = new QChartView(this);
    view_->setRenderHint(QPainter::Antialiasing);
    // Below this the axis labels turn into "…": a side panel too short for it scrolls instead.
    view_->setMinimumHeight(220);
    view_->setMinimumWidth(240);
    layout->addWidget(view_, 1);
    legend_ = new QLabel(this);
    legend_->setObjectName(QStringLiteral("memoryLegend"));
    legend_->setTextFormat(Qt::RichText);
    legend_->setWordWrap(true);  // a narrow panel wraps the lines rather than scrolling sideways
    layout->addWidget(legend_);
    note_ = new QLabel(this);
    note_->setObjectName(QStringLiteral("memoryNote"));
    note_->setWordWrap(true);
    layout->addWidget(note_);
    applyFonts();
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(150);
    connect(debounce, &QTimer::timeout, this, [this] {
        if (isVisible()) refresh();
    });
    auto changed = [this, debounce] {
        stale_ = true;
        debounce->start();
    };
    connect(&model_, &SessionModel::graphChanged, this, changed);
    connect(&model_, &SessionModel::pointChanged, this, changed);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::changed, this, &MemoryPanel::applyTheme);
}

void MemoryPanel::applyFonts() {
    const Theme& theme = Theme::current();
    for (QLabel* label : {legend_, note_}) {
        label->setFont(theme.labelFont());
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, theme.text);
        label->setPalette(palette);
    }
}

void MemoryPanel::applyTheme() {
    applyFonts();
    stale_ = true;
    if (isVisible()) refresh();  // the chart is built from the theme: build it again
}

void MemoryPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (stale_) refresh();  // only the visible panel computes
}

void MemoryPanel::refresh() {
    stale_ = false;
    series_ = seriesFor(model_);
    QChart* old = view_->chart();
    view_->setChart(buildMemoryChart(series_));
    delete old;
    QStringList lines;
    const QList<QAbstractSeries*> drawn = view_->chart()->series();
    for (qsizetype k = 0; k < drawn.size(); ++k) {
        auto* line = static_cast<QLineSeries*>(drawn[k]);
        lines << QStringLiteral("<span style='color:%1; font-size:large'>■</span> %2")
                     .arg(line->pen().color().name(), line->name().toHtmlEscaped());
    }
    legend_->setText(lines.join(QStringLiteral("<br>")));
    const int ops = series_.empty() ? 0 : static_cast<int>(model_.graph().size() - model_.graph().inputCount());
    const QString note = tr("Store-all keeps every value of the forward pass until the backward "
                            "sweep needs it. Checkpoints keep a few snapshots and recompute the "
                            "rest: less memory for more operations (%1 nodes here; try the "
                            "64-layer tanh example).")
                             .arg(ops);
    note_->setText(note);
}

QString MemoryPanel::legendText() const { return legend_->text(); }

}  // namespace adviz::ui
