// Programs too large to draw whole that do not roll up, shown as an overview of blocks: a
// 40,000-node program opens, its blocks partition the program, the values crossing between
// blocks are counted right (recounted here with a set), the caption at a step is what
// `adviz trace` prints for it, the current step's block is lit, and opening a block draws
// exactly its nodes with the whole sweep's numbers.

#include <catch2/catch.hpp>

#include <QProcess>
#include <QTemporaryFile>

#include <set>
#include <string>

#include "autodiff/limits.hpp"
#include "ui/model/overview_model.hpp"
#include "ui/model/roll_model.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/block_item.hpp"
#include "ui/scene/edge_item.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/scene/node_item.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// n statements, each combining the one before with one from half-way back: no two alike in
// their wiring, so nothing rolls up; one output (every tₖ but the last is used later).
std::string halfwayDag(int n) {
    std::string s = "t0 = x\nt1 = y\n";
    for (int k = 2; k < n; ++k)
        s += "t" + std::to_string(k) + " = " + (k % 3 ? "sin" : "cos") + "(t" + std::to_string(k - 1) + ")*t" +
             std::to_string((k - 2) / 2) + "\n";
    return s;
}

// The formula `adviz trace --format csv` prints for each step (its last column, unquoted).
std::vector<QString> cliFormulas(const std::string& program) {
    QTemporaryFile file;
    REQUIRE(file.open());
    file.write(program.c_str(), static_cast<qint64>(program.size()));
    file.flush();
    QProcess p;
    p.start(QStringLiteral(ADVIZ_EXE), {QStringLiteral("trace"), QStringLiteral("--file"), file.fileName(),
                                        QStringLiteral("--at"), QStringLiteral("x=1,y=0.62"), QStringLiteral("--mode"),
                                        QStringLiteral("reverse"), QStringLiteral("--format"), QStringLiteral("csv")});
    REQUIRE(p.waitForFinished(120000));
    REQUIRE(p.exitCode() == 0);
    std::vector<QString> formulas;
    const QList<QByteArray> rows = p.readAllStandardOutput().split('\n');
    for (qsizetype i = 1; i < rows.size(); ++i) {
        if (rows[i].isEmpty()) continue;
        QString row = QString::fromUtf8(rows[i]);
        // The formula is the tenth field; formulas have no commas of their own here, but may
        // be quoted.
        QString formula = row.section(QLatin1Char(','), 9);
        if (formula.startsWith(QLatin1Char('"'))) formula = formula.mid(1, formula.size() - 2);
        formulas.push_back(formula);
    }
    return formulas;
}

}  // namespace

TEST_CASE("a 40,000-node program without repetition opens as an overview of blocks", "[overview]") {
    const std::string program = halfwayDag(20'000);
    SessionModel model;
    REQUIRE(model.setSource(QString::fromStdString(program)));
    model.setInputsByName({{"x", 1.0}, {"y", 0.62}});
    REQUIRE_FALSE(model.error().has_value());
    const Graph& g = model.graph();
    REQUIRE(g.size() == 2 + 2 * 19'998);  // two inputs, then a sin or cos and a product each
    REQUIRE(g.size() > limits::maxDrawnBoxes);
    GraphScene scene(model, nullptr, /*synchronous=*/true);
    CHECK_FALSE(scene.roll().isRolled());
    REQUIRE(scene.overview().showsBlocks());
    CHECK(scene.layoutError().isEmpty());
    CHECK(scene.nodeItems().empty());

    // Twelve blocks of ⌈39,996 / 12⌉ = 3,333 nodes and the inputs' box on top.
    const OverviewBlocks& blocks = *scene.overview().blocks();
    REQUIRE(scene.blockItems().size() == 13);
    REQUIRE(blocks.blocks().size() == 13);
    CHECK(blocks.blocks()[0].inputs);
    CHECK(blocks.blocks()[0].end == 2);
    int next = 2;
    for (std::size_t b = 1; b < blocks.blocks().size(); ++b) {
        CHECK(blocks.blocks()[b].first == next);  // consecutive, covering every node once
        CHECK(blocks.blocks()[b].size() == std::min(3'333, g.size() - next));
        next = blocks.blocks()[b].end;
    }
    CHECK(next == g.size());

    SECTION("the values crossing between blocks, counted again from the graph") {
        auto blockOf = [&](int id) {
            for (std::size_t b = 0; b < blocks.blocks().size(); ++b)
                if (id >= blocks.blocks()[b].first && id < blocks.blocks()[b].end) return static_cast<int>(b);
            return -1;
        };
        std::set<std::tuple<int, int, int>> crossing;  // (from block, to block, value)
        for (int v = 0; v < g.size(); ++v)
            for (int s = 0; s < g[v].arity(); ++s) {
                const int u = g[v].operand(s);
                if (g[u].op != Op::Const && blockOf(u) != blockOf(v)) crossing.insert({blockOf(u), blockOf(v), u});
            }
        std::map<std::pair<int, int>, int> want;
        for (const auto& [from, to, u] : crossing) ++want[{from, to}];
        REQUIRE(blocks.links().size() == want.size());
        REQUIRE(scene.blockEdges().size() == want.size());
        for (std::size_t e = 0; e < blocks.links().size(); ++e) {
            const OverviewLink& l = blocks.links()[e];
            INFO("block " << l.from << " → " << l.to);
            CHECK(l.values == want[{l.from, l.to}]);
            CHECK(scene.blockEdges()[e]->partialLabel() ==
                  (l.values == 1 ? QStringLiteral("1 value") : QStringLiteral("%1 values").arg(l.values)));
        }
        // By hand: block 1 reads x and y; each later block reads the last value of the block
        // before it, and the values half-way back.
        CHECK(want[{0, 1}] == 2);
        CHECK(want[{1, 2}] >= 1);
    }

    SECTION("the caption at a step is the command line's, and its block is lit") {
        const std::vector<QString> formulas = cliFormulas(program);
        REQUIRE(static_cast<int>(formulas.size()) == model.stepCount());
        for (int k : {1, 2, 3, 17'000, 39'998, 40'001, 60'000, 99'000, model.stepCount()}) {
            model.setStep(k);
            scene.showFrame(k, 0);
            const Frame& f = scene.frame();
            REQUIRE(f.shownStep == k - 1);
            // The block's name leads; the rest is the step's formula as the command line prints
            // it (a compound adjoint step is split over the two lines at its ";  ").
            QString lead = f.captionLead;
            const int dot = lead.indexOf(QStringLiteral(" · "));
            lead = dot < 0 ? QString() : lead.mid(dot + 3);
            const QString shown = lead.isEmpty() ? f.caption : lead + QStringLiteral(";  ") + f.caption;
            INFO("step " << k << ": " << shown.toStdString());
            CHECK(shown == formulas[static_cast<std::size_t>(k - 1)]);
            const int node = model.trace().steps[static_cast<std::size_t>(k - 1)].node;
            for (BlockItem* b : scene.blockItems()) {
                const OverviewBlock& block = blocks.blocks()[static_cast<std::size_t>(b->block())];
                CHECK(b->isCurrent() == (node >= block.first && node < block.end));
            }
        }
    }
}

TEST_CASE("opening a block of the overview draws exactly its nodes with the sweep's numbers",
          "[overview]") {
    SessionModel model;
    REQUIRE(model.setSource(QString::fromStdString(halfwayDag(20'000))));
    const Graph& g = model.graph();
    GraphScene scene(model, nullptr, true);
    OverviewModel& overview = scene.overview();
    REQUIRE(overview.showsBlocks());
    // Block 5 (3,333 nodes) is too large to draw: it opens as four blocks of its own.
    const OverviewBlock five = overview.blocks()->blocks()[5];
    REQUIRE_FALSE(overview.blocks()->drawable(5));
    overview.open(5);
    REQUIRE(overview.showsBlocks());
    CHECK(overview.depth() == 1);
    REQUIRE(overview.blocks()->blocks().size() == 4);  // ⌈3,333 / 1,000⌉
    CHECK(overview.blocks()->blocks().front().first == five.first);
    CHECK(overview.blocks()->blocks().back().end == five.end);
    CHECK(scene.blockItems().size() == 4);
    CHECK(overview.blockName(1) == QStringLiteral("Block 5.2"));

    const OverviewBlock part = overview.blocks()->blocks()[1];
    REQUIRE(overview.blocks()->drawable(1));
    overview.open(1);
    REQUIRE(overview.drawing() != nullptr);
    const Graph& drawn = scene.drawnGraph();
    const BlockDrawing& d = *overview.drawing();
    // Its sources: every value from before the block it reads, once, in program order.
    std::set<int> sources;
    for (int v = part.first; v < part.end; ++v)
        for (int s = 0; s < g[v].arity(); ++s)
            if (g[v].operand(s) < part.first) sources.insert(g[v].operand(s));
    REQUIRE(d.sources() == static_cast<int>(sources.size()));
    int k = 0;
    for (int u : sources) CHECK(scene.realNode(k++) == u);
    // Then exactly the block's nodes, in order, each the same operation on the same operands.
    REQUIRE(drawn.size() == d.sources() + part.size());
    for (int id = part.first; id < part.end; ++id) {
        const int dn = d.sources() + (id - part.first);
        REQUIRE(scene.realNode(dn) == id);
        REQUIRE(drawn[dn].op == g[id].op);
        for (int s = 0; s < g[id].arity(); ++s) REQUIRE(scene.realNode(drawn[dn].operand(s)) == g[id].operand(s));
    }
    REQUIRE(scene.nodeItems().size() == static_cast<std::size_t>(drawn.size()));
    CHECK(scene.layoutError().isEmpty());

    // Every box shows the whole sweep's numbers, at steps inside and outside the block.
    for (int step : {0, part.first + 5, part.end + 10, model.stepCount() / 2, model.stepCount() - 3}) {
        model.setStep(step);
        scene.showFrame(step, 0);
        const auto all = model.trace().stateAt(static_cast<std::size_t>(step));
        for (NodeItem* n : scene.nodeItems()) {
            const NodeState& want = all[static_cast<std::size_t>(scene.realNode(n->id()))];
            INFO("step " << step << ", drawn " << n->id());
            REQUIRE(n->shownState().hasValue == want.hasValue);
            REQUIRE(n->shownState().hasAdjoint == want.hasAdjoint);
            if (want.hasValue) REQUIRE(n->shownState().value == want.value);
            if (want.hasAdjoint) REQUIRE(n->shownState().adjoint == want.adjoint);
        }
    }

    // Back: to the block's blocks, then the whole program's; the step stays.
    const int step = model.step();
    overview.back();
    CHECK(overview.showsBlocks());
    CHECK(overview.depth() == 1);
    overview.top();
    CHECK(overview.depth() == 0);
    CHECK(scene.blockItems().size() == 13);
    CHECK(model.step() == step);
}

TEST_CASE("constants shared by every block are copied where used, never counted as crossing",
          "[overview]") {
    // tₖ = 0.6·sin(tₖ₋₁) + 0.5·cos(t₍ₖ₋₂₎/₂): the constants 0.6 and 0.5 are one node each (hash-
    // consed), made in the first block and used in all.
    std::string s = "t0 = x\nt1 = y\n";
    for (int k = 2; k < 2'000; ++k)
        s += "t" + std::to_string(k) + " = 0.6*sin(t" + std::to_string(k - 1) + ") + 0.5*cos(t" +
             std::to_string((k - 2) / 2) + ")\n";
    const Graph g = [&] {
        SessionModel m;
        REQUIRE(m.setSource(QString::fromStdString(s)));
        return m.graph();
    }();
    REQUIRE(g.size() > limits::maxDrawnNodes);
    const OverviewBlocks blocks(g);
    for (const OverviewLink& l : blocks.links()) {
        // Recounted: distinct non-constant values of block `from` read in block `to`.
        std::set<int> values;
        const OverviewBlock &a = blocks.blocks()[static_cast<std::size_t>(l.from)],
                            &b = blocks.blocks()[static_cast<std::size_t>(l.to)];
        for (int v = b.first; v < b.end; ++v)
            for (int k = 0; k < g[v].arity(); ++k) {
                const int u = g[v].operand(k);
                if (u >= a.first && u < a.end && g[u].op != Op::Const) values.insert(u);
            }
        CHECK(l.values == static_cast<int>(values.size()));
    }
    // Every block after the first uses both constants from the first: copied, not sources.
    const OverviewBlock& last = blocks.blocks().back();
    CHECK(last.constantsIn == 2);
    const BlockDrawing d(g, last.first, last.end);
    int copies = 0;
    for (int n = d.sources(); n < d.graph().size(); ++n)
        if (d.realNode(n) < last.first) {
            CHECK(g[d.realNode(n)].op == Op::Const);
            CHECK(d.graph()[n].constant == g[d.realNode(n)].constant);
            ++copies;
        }
    CHECK(copies == 2);
    CHECK(d.graph().size() == d.sources() + last.size() + 2);
    for (int n = 0; n < d.sources(); ++n) CHECK(g[d.realNode(n)].op != Op::Const);
}
