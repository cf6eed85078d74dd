#include "ui/layout/graph_layout.hpp"

#include <catch2/catch.hpp>

#include <QThread>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

using namespace adviz::layout;

namespace {

// Graphviz places nodes on whole points and converts sizes through inches: allow rounding.
constexpr double kTolerance = 0.5;
// How far an edge end may sit from its node's border ("on or near" the box).
constexpr double kBorderSlack = 2.0;

// (x + y) * sin(x): 0 = x, 1 = y, 2 = x + y, 3 = sin(x), 4 = product (the output).
LayoutSpec sumTimesSine(Direction dir) {
    LayoutSpec spec;
    spec.direction = dir;
    spec.nodes = {{40, 30, RankConstraint::First}, {40, 30, RankConstraint::First},
                  {70, 36, RankConstraint::Free},  {90, 36, RankConstraint::Free},
                  {110, 44, RankConstraint::Last}};
    spec.edges = {{0, 2}, {1, 2}, {0, 3}, {2, 4}, {3, 4}};
    return spec;
}

// x * x: both operands are the same node, so there are two edges 0 -> 1.
LayoutSpec square(Direction dir) {
    LayoutSpec spec;
    spec.direction = dir;
    spec.nodes = {{40, 30, RankConstraint::First}, {60, 36, RankConstraint::Last}};
    spec.edges = {{0, 1}, {0, 1}};
    return spec;
}

// A random expression-like DAG: a few inputs, then nodes taking one or two operands from a
// window of recent nodes, the first being the oldest one nothing consumes yet, so almost every
// node feeds another. Those that feed nothing are the outputs. Operands stay within the window
// because long-range reuse makes dot slow (TOOLCHAIN.md), which is not what these tests probe.
LayoutSpec randomDag(int count, unsigned seed, Direction dir) {
    std::mt19937 rng(seed);
    auto uniform = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    std::uniform_real_distribution<double> width(30, 120), height(24, 48);
    const int inputs = std::max(2, count / 12);
    const int window = std::max(8, count / 10);
    LayoutSpec spec;
    spec.direction = dir;
    std::vector<bool> consumed(static_cast<std::size_t>(count), false);
    auto use = [&](int from, int to) {
        spec.edges.push_back({from, to});
        consumed[static_cast<std::size_t>(from)] = true;
    };
    for (int i = 0; i < count; ++i) {
        spec.nodes.push_back({width(rng), height(rng),
                              i < inputs ? RankConstraint::First : RankConstraint::Free});
        if (i < inputs) continue;
        const int oldest = std::max(0, i - window);
        int first = oldest;
        while (first < i && consumed[static_cast<std::size_t>(first)]) ++first;
        use(first < i ? first : i - uniform(1, std::min(i, window)), i);
        if (uniform(0, 1) == 1) use(i - uniform(1, std::min(i, window)), i);
    }
    for (int i = inputs; i < count; ++i)
        if (!consumed[static_cast<std::size_t>(i)])
            spec.nodes[static_cast<std::size_t>(i)].rank = RankConstraint::Last;
    return spec;
}

// Distance from p to the border of node n's box (zero on the border, inside or out).
double distanceToBorder(const PlacedNode& n, Point p) {
    const double dx = std::abs(p.x - n.center.x) - n.width / 2;
    const double dy = std::abs(p.y - n.center.y) - n.height / 2;
    if (dx > 0 || dy > 0) return std::hypot(std::max(dx, 0.0), std::max(dy, 0.0));
    return std::min(-dx, -dy);
}

double along(const LayoutSpec& spec, Point p) {
    return spec.direction == Direction::LeftToRight ? p.x : p.y;
}

// Every property the scene relies on, checked for any spec.
void checkLayout(const LayoutSpec& spec, const LayoutResult& r) {
    REQUIRE(r.ok());
    REQUIRE(r.nodes.size() == spec.nodes.size());
    REQUIRE(r.edges.size() == spec.edges.size());
    CHECK(r.width > 0);
    CHECK(r.height > 0);

    double firstRank = INFINITY, lastRank = -INFINITY;
    for (std::size_t i = 0; i < r.nodes.size(); ++i) {
        INFO("node " << i);
        const PlacedNode& n = r.nodes[i];
        CHECK(n.width == Approx(spec.nodes[i].width).margin(kTolerance));
        CHECK(n.height == Approx(spec.nodes[i].height).margin(kTolerance));
        CHECK(n.center.x - n.width / 2 >= -kTolerance);
        CHECK(n.center.y - n.height / 2 >= -kTolerance);
        CHECK(n.center.x + n.width / 2 <= r.width + kTolerance);
        CHECK(n.center.y + n.height / 2 <= r.height + kTolerance);
        firstRank = std::min(firstRank, along(spec, n.center));
        lastRank = std::max(lastRank, along(spec, n.center));
    }
    for (std::size_t i = 0; i < r.nodes.size(); ++i) {
        INFO("node " << i);
        if (spec.nodes[i].rank == RankConstraint::First)
            CHECK(along(spec, r.nodes[i].center) == Approx(firstRank).margin(kTolerance));
        if (spec.nodes[i].rank == RankConstraint::Last)
            CHECK(along(spec, r.nodes[i].center) == Approx(lastRank).margin(kTolerance));
    }

    for (std::size_t i = 0; i < r.nodes.size(); ++i)
        for (std::size_t j = i + 1; j < r.nodes.size(); ++j) {
            const PlacedNode &a = r.nodes[i], &b = r.nodes[j];
            const bool apartX = std::abs(a.center.x - b.center.x) >= (a.width + b.width) / 2;
            const bool apartY = std::abs(a.center.y - b.center.y) >= (a.height + b.height) / 2;
            INFO("nodes " << i << " and " << j);
            CHECK((apartX || apartY));
        }

    for (std::size_t i = 0; i < r.edges.size(); ++i) {
        INFO("edge " << i << ": " << spec.edges[i].from << " -> " << spec.edges[i].to);
        const EdgePath& e = r.edges[i];
        REQUIRE(e.points.size() >= 4);
        CHECK((e.points.size() - 1) % 3 == 0);
        const PlacedNode& from = r.nodes[static_cast<std::size_t>(spec.edges[i].from)];
        const PlacedNode& to = r.nodes[static_cast<std::size_t>(spec.edges[i].to)];
        CHECK(distanceToBorder(from, e.points.front()) <= kBorderSlack);
        CHECK(distanceToBorder(to, e.hasArrow ? e.arrowTip : e.points.back()) <= kBorderSlack);
    }
}

bool samePath(const EdgePath& a, const EdgePath& b) {
    if (a.points.size() != b.points.size()) return false;
    for (std::size_t i = 0; i < a.points.size(); ++i)
        if (std::hypot(a.points[i].x - b.points[i].x, a.points[i].y - b.points[i].y) > 1.0)
            return false;
    return true;
}

}  // namespace

TEST_CASE("(x + y) * sin(x) lays out with inputs first and the output last", "[layout]") {
    const Direction dir = GENERATE(Direction::LeftToRight, Direction::TopToBottom);
    const LayoutSpec spec = sumTimesSine(dir);
    const LayoutResult r = layoutGraph(spec);
    checkLayout(spec, r);
    for (const EdgePath& e : r.edges) CHECK(e.hasArrow);
    // The drawing grows along the rank axis: 3 ranks are longer than the 2 nodes across.
    if (dir == Direction::LeftToRight)
        CHECK(r.nodes[4].center.x > r.nodes[2].center.x);
    else
        CHECK(r.nodes[4].center.y > r.nodes[2].center.y);
}

TEST_CASE("a random 60-node DAG lays out cleanly", "[layout]") {
    const Direction dir = GENERATE(Direction::LeftToRight, Direction::TopToBottom);
    const LayoutSpec spec = randomDag(60, 2024, dir);
    checkLayout(spec, layoutGraph(spec));
}

TEST_CASE("a double edge (x * x) gets two distinct paths", "[layout]") {
    const Direction dir = GENERATE(Direction::LeftToRight, Direction::TopToBottom);
    const LayoutSpec spec = square(dir);
    const LayoutResult r = layoutGraph(spec);
    checkLayout(spec, r);
    CHECK_FALSE(samePath(r.edges[0], r.edges[1]));
}

TEST_CASE("separate parts share the first and the last rank", "[layout]") {
    // f = sin(cos(x)) and g = -y: both inputs first, both outputs last, paths of unequal length.
    const Direction dir = GENERATE(Direction::LeftToRight, Direction::TopToBottom);
    LayoutSpec spec;
    spec.direction = dir;
    spec.nodes = {{40, 30, RankConstraint::First}, {50, 30}, {50, 30},
                  {60, 30, RankConstraint::Last},  {40, 30, RankConstraint::First},
                  {60, 30, RankConstraint::Last}};
    spec.edges = {{0, 1}, {1, 2}, {2, 3}, {4, 5}};
    checkLayout(spec, layoutGraph(spec));
}

TEST_CASE("a 400-node DAG lays out", "[layout]") {
    const LayoutSpec spec = randomDag(400, 7, Direction::LeftToRight);
    const LayoutResult r = layoutGraph(spec);
    REQUIRE(r.ok());
    CHECK(r.nodes.size() == 400);
    CHECK(r.edges.size() == spec.edges.size());
}

TEST_CASE("an edge to a missing node is an error, not a crash", "[layout]") {
    LayoutSpec spec;
    spec.nodes = {{}, {}};
    spec.edges = {{0, 99}};
    const LayoutResult r = layoutGraph(spec);
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("99") != std::string::npos);
    CHECK(r.nodes.empty());
}

TEST_CASE("an invalid node size is an error", "[layout]") {
    LayoutSpec spec;
    spec.nodes = {{-5, 30}};
    CHECK_FALSE(layoutGraph(spec).ok());
}

TEST_CASE("an empty spec gives an empty drawing", "[layout]") {
    const LayoutResult r = layoutGraph(LayoutSpec{});
    CHECK(r.ok());
    CHECK(r.nodes.empty());
    CHECK(r.edges.empty());
}

TEST_CASE("a lone node (the program `x`) lays out", "[layout]") {
    const RankConstraint rank = GENERATE(RankConstraint::First, RankConstraint::Last);
    LayoutSpec spec;
    spec.nodes = {{50, 30, rank}};
    const LayoutResult r = layoutGraph(spec);
    checkLayout(spec, r);
    CHECK(r.width == Approx(50).margin(kTolerance));
    CHECK(r.height == Approx(30).margin(kTolerance));
}

TEST_CASE("concurrent layouts are serialised and agree with a serial one", "[layout]") {
    const LayoutSpec spec = randomDag(60, 99, Direction::TopToBottom);
    const LayoutResult expected = layoutGraph(spec);
    REQUIRE(expected.ok());
    std::vector<LayoutResult> results(4);
    std::vector<std::thread> threads;
    for (LayoutResult& out : results)
        threads.emplace_back([&spec, &out] { out = layoutGraph(spec); });
    for (std::thread& t : threads) t.join();
    for (const LayoutResult& r : results) {
        REQUIRE(r.ok());
        for (std::size_t i = 0; i < r.nodes.size(); ++i) {
            CHECK(r.nodes[i].center.x == expected.nodes[i].center.x);
            CHECK(r.nodes[i].center.y == expected.nodes[i].center.y);
        }
    }
}

TEST_CASE("a long chain lays out even when called from a thread with a tiny stack", "[layout][crash]") {
    // dot's ranking recurses once per node along the chain: 3,000 nodes need far more than the
    // 256 KB this caller has. The layout must run on a stack of its own.
    LayoutSpec spec;
    const int n = 3000;
    for (int i = 0; i < n; ++i)
        spec.nodes.push_back({40, 30, i == 0 ? RankConstraint::First : RankConstraint::Free});
    for (int i = 1; i < n; ++i) spec.edges.push_back({i - 1, i});
    LayoutResult r;
    QThread* caller = QThread::create([&spec, &r] { r = layoutGraph(spec); });
    caller->setStackSize(256 * 1024);
    caller->start();
    REQUIRE(caller->wait(QDeadlineTimer(300000)));
    delete caller;
    REQUIRE(r.ok());
    REQUIRE(r.nodes.size() == static_cast<std::size_t>(n));
    CHECK(r.nodes.back().center.x > r.nodes.front().center.x);
}

TEST_CASE("a labelled edge gets a slot clear of every box, and runs through it", "[layout]") {
    const Direction dir = GENERATE(Direction::LeftToRight, Direction::TopToBottom);
    LayoutSpec spec = sumTimesSine(dir);
    for (EdgeLink& e : spec.edges) {
        e.labelWidth = 90;
        e.labelHeight = 16;
    }
    const LayoutResult r = layoutGraph(spec);
    checkLayout(spec, r);
    std::vector<std::pair<Point, Point>> labels;  // top-left, bottom-right
    for (std::size_t i = 0; i < r.edges.size(); ++i) {
        INFO("edge " << i);
        const EdgePath& e = r.edges[i];
        REQUIRE(e.hasLabel);
        CHECK(e.hasArrow);
        const Point c = e.labelCenter;
        labels.push_back({{c.x - 45, c.y - 8}, {c.x + 45, c.y + 8}});
        for (const PlacedNode& n : r.nodes) {
            const bool apartX = std::abs(n.center.x - c.x) >= (n.width + 90) / 2 - kTolerance;
            const bool apartY = std::abs(n.center.y - c.y) >= (n.height + 16) / 2 - kTolerance;
            CHECK((apartX || apartY));
        }
        // The path passes the label's centre (a straight piece through the slot).
        double nearest = INFINITY;
        for (const Point& p : e.points) nearest = std::min(nearest, std::hypot(p.x - c.x, p.y - c.y));
        CHECK(nearest <= 50);
    }
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            const bool apartX = labels[i].second.x <= labels[j].first.x + kTolerance ||
                                labels[j].second.x <= labels[i].first.x + kTolerance;
            const bool apartY = labels[i].second.y <= labels[j].first.y + kTolerance ||
                                labels[j].second.y <= labels[i].first.y + kTolerance;
            INFO("labels " << i << " and " << j);
            CHECK((apartX || apartY));
        }
}

TEST_CASE("parts are laid out one after the other along the ranks", "[layout]") {
    const Direction dir = GENERATE(Direction::LeftToRight, Direction::TopToBottom);
    LayoutSpec spec = sumTimesSine(dir);
    const std::size_t n = spec.nodes.size();
    LayoutSpec second = sumTimesSine(dir);
    for (NodeBox& b : second.nodes) {
        b.part = 1;
        spec.nodes.push_back(b);
    }
    for (EdgeLink e : second.edges) {
        e.from += static_cast<int>(n);
        e.to += static_cast<int>(n);
        spec.edges.push_back(e);
    }
    const LayoutResult r = layoutGraph(spec);
    REQUIRE(r.ok());
    double endOfFirst = -INFINITY, startOfSecond = INFINITY;
    for (std::size_t i = 0; i < r.nodes.size(); ++i) {
        const PlacedNode& p = r.nodes[i];
        const double half = (dir == Direction::LeftToRight ? p.width : p.height) / 2;
        if (i < n) endOfFirst = std::max(endOfFirst, along(spec, p.center) + half);
        else startOfSecond = std::min(startOfSecond, along(spec, p.center) - half);
    }
    CHECK(startOfSecond > endOfFirst);
    // Each part is drawn as it would be alone, shifted along the ranks.
    const LayoutResult alone = layoutGraph(second);
    REQUIRE(alone.ok());
    const double shift = along(spec, r.nodes[n].center) - along(second, alone.nodes[0].center);
    for (std::size_t i = 0; i < alone.nodes.size(); ++i)
        CHECK(along(spec, r.nodes[n + i].center) == Approx(along(second, alone.nodes[i].center) + shift).margin(kTolerance));
    for (std::size_t i = 0; i < spec.edges.size(); ++i) {
        const PlacedNode& to = r.nodes[static_cast<std::size_t>(spec.edges[i].to)];
        CHECK(distanceToBorder(to, r.edges[i].hasArrow ? r.edges[i].arrowTip : r.edges[i].points.back()) <= kBorderSlack);
    }

    spec.edges.push_back({0, static_cast<int>(n)});  // across the cut: refused
    CHECK_FALSE(layoutGraph(spec).ok());
}
