#include "ui/charts/memory_chart.hpp"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

#include "autodiff/checkpoint.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {

QChart* buildMemoryChart(const std::vector<MemorySeries>& series) {
    const Theme& t = Theme::current();
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Values in memory, reverse sweep"));
    QFont title = t.captionFont();
    title.setPointSizeF(15);
    chart->setTitleFont(title);
    // The legend is a label under the chart (MemoryPanel): one line per strategy with its peak
    // and recomputed operations, which a side panel cannot fit in QLegend's single row.
    chart->legend()->hide();
    const QColor colours[] = {t.adjoint, t.tangent, t.outputBorder, t.selected};
    int longest = 1, highest = 1;
    for (std::size_t k = 0; k < series.size(); ++k) {
        const MemorySeries& m = series[k];
        auto* line = new QLineSeries;
        line->setName(QObject::tr("%1: peak %2 values, %3 recomputed").arg(m.name).arg(m.peak).arg(m.recomputed));
        for (std::size_t i = 0; i < m.alive.size(); ++i) line->append(static_cast<double>(i), m.alive[i]);
        QPen pen(colours[k % 4], 3);
        line->setPen(pen);
        chart->addSeries(line);
        longest = std::max(longest, static_cast<int>(m.alive.size()));
        highest = std::max(highest, m.peak);
    }
    auto* x = new QValueAxis;
    x->setTitleText(QObject::tr("tick of the sweep"));
    x->setRange(0, longest);
    x->setLabelFormat("%d");
    auto* y = new QValueAxis;
    y->setTitleText(QObject::tr("values in memory"));
    y->setRange(0, highest * 1.1 + 1);
    y->setLabelFormat("%d");
    for (QValueAxis* a : {x, y}) {
        a->setLabelsFont(t.labelFont());
        a->setTitleFont(t.labelFont());
    }
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
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
    auto* layout = new QVBoxLayout(this);
    view_ = new QChartView(this);
    view_->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(view_, 1);
    legend_ = new QLabel(this);
    legend_->setObjectName(QStringLiteral("memoryLegend"));
    legend_->setTextFormat(Qt::RichText);
    legend_->setFont(Theme::current().labelFont());
    layout->addWidget(legend_);
    note_ = new QLabel(this);
    note_->setWordWrap(true);
    note_->setFont(Theme::current().labelFont());
    layout->addWidget(note_);
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
        lines << QStringLiteral("<span style='color:%1; font-size:16pt'>■</span> %2")
                     .arg(line->pen().color().name(), line->name().toHtmlEscaped());
    }
    legend_->setText(lines.join(QStringLiteral("<br>")));
    const int ops = series_.empty() ? 0 : static_cast<int>(model_.graph().size() - model_.graph().inputCount());
    note_->setText(tr("Store-all keeps every value of the forward pass until the backward sweep "
                      "needs it. Checkpoints keep a few snapshots and recompute the rest: less "
                      "memory for more operations (%1 nodes here; try the 64-layer tanh example).")
                       .arg(ops));
}

QString MemoryPanel::legendText() const { return legend_->text(); }

}  // namespace adviz::ui
