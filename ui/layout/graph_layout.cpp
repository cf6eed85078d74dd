#include "ui/layout/graph_layout.hpp"

#include <pthread.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string_view>

// Graphviz is included here only: its headers #define MIN, MAX, TRUE and FALSE.
#include <graphviz/gvc.h>

// The plugin libraries (libgvplugin_dot_layout.so.6, libgvplugin_core.so.6) export these
// tables. Registering them directly means layout works without the plugin registry file
// (config6a), which is missing whenever libgvc6-config-update has not run.
extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
}

namespace adviz::layout {
namespace {

constexpr double kPointsPerInch = 72.0;
// Above this many nodes dot's network-simplex and crossing-minimisation passes dominate;
// capping their iterations cuts a 500-node layout from ~170 ms to ~70 ms (TOOLCHAIN.md).
constexpr std::size_t kSpeedupNodeCount = 150;

// Graphviz is not thread-safe and keeps global state (error handler, locale, attribute
// defaults): every call into it happens under this lock. (std::mutex has a trivial destructor,
// so a detached layout still holding it when the process exits is harmless.)
std::mutex graphvizMutex;

// dot's network simplex recurses along tree paths: one frame per node on a long chain, about
// 50 bytes each in release builds and several times that under sanitizers. A 1 GiB stack is
// only reserved address space (pages are committed as touched); if the system refuses it,
// smaller ones are tried.
constexpr std::size_t kStackSizes[] = {std::size_t{1} << 30, std::size_t{256} << 20,
                                       std::size_t{64} << 20};

// Graphviz 2.42 declares char* for strings it only reads. A mutable copy avoids casting const
// away from literals; it lives until the end of the full expression, as long as the call.
class CStr {
public:
    explicit CStr(std::string_view s) : buf_(s) {}
    operator char*() { return buf_.data(); }

private:
    std::string buf_;
};

std::string inches(double sceneUnits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", sceneUnits / kPointsPerInch);
    return buf;
}

// Created once and kept for the life of the process: building a context scans plugins, which
// costs more than laying out a small graph. Call with graphvizMutex held.
GVC_t* context() {
    static GVC_t* gvc = [] {
        static const lt_symlist_t builtins[] = {
            {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
            {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
            {nullptr, nullptr},
        };
        return gvContextPlugins(builtins, 0);   // 0: do not demand-load other plugins
    }();
    return gvc;
}

// Graphviz reports problems through agerr, which prints to stderr by default. While a layout
// runs we collect the messages instead, so a failure can be returned to the caller.
// Never destroyed: a detached layout may still write to it while the process exits.
std::string& capturedMessages() {
    static auto* messages = new std::string;
    return *messages;
}

int captureMessage(char* message) {
    capturedMessages() += message;
    return 0;
}

// Owns the graph: frees the layout before the graph, as Graphviz requires.
struct GraphGuard {
    GVC_t* gvc;
    Agraph_t* g;
    bool layoutStarted = false;
    ~GraphGuard() {
        if (layoutStarted) gvFreeLayout(gvc, g);
        agclose(g);
    }
};

std::string validate(const LayoutSpec& spec) {
    const auto count = static_cast<long long>(spec.nodes.size());
    if (count > maxLayoutBoxes)
        return "the graph has " + std::to_string(count) + " boxes to draw; the window draws up to " +
               std::to_string(maxLayoutBoxes) + " (the command line works at any size)";
    for (std::size_t i = 0; i < spec.nodes.size(); ++i) {
        const NodeBox& n = spec.nodes[i];
        if (!(std::isfinite(n.width) && n.width > 0 && std::isfinite(n.height) && n.height > 0))
            return "layout: node " + std::to_string(i) + " has a non-positive or invalid size";
    }
    for (std::size_t i = 0; i < spec.edges.size(); ++i) {
        const EdgeLink& e = spec.edges[i];
        if (!(std::isfinite(e.labelWidth) && e.labelWidth >= 0 && std::isfinite(e.labelHeight) &&
              e.labelHeight >= 0))
            return "layout: edge " + std::to_string(i) + " has an invalid label size";
        if (e.from < 0 || e.from >= count || e.to < 0 || e.to >= count)
            return "layout: edge " + std::to_string(i) + " (" + std::to_string(e.from) + " -> " +
                   std::to_string(e.to) + ") refers to a node outside 0.." +
                   std::to_string(count - 1);
        if (spec.nodes[static_cast<std::size_t>(e.from)].part != spec.nodes[static_cast<std::size_t>(e.to)].part)
            return "layout: edge " + std::to_string(i) + " joins two parts";
    }
    if (!(std::isfinite(spec.nodeSeparation) && spec.nodeSeparation >= 0 &&
          std::isfinite(spec.rankSeparation) && spec.rankSeparation >= 0))
        return "layout: separations must be finite and non-negative";
    return {};
}

void setGraphAttributes(Agraph_t* g, const LayoutSpec& spec) {
    auto set = [g](std::string_view name, const std::string& value) {
        agattr(g, AGRAPH, CStr(name), CStr(value));
    };
    set("rankdir", spec.direction == Direction::LeftToRight ? "LR" : "TB");
    set("nodesep", inches(spec.nodeSeparation));
    set("ranksep", inches(spec.rankSeparation));
    set("splines", "spline");
    // The newer ranking treats rank=source/sink as plain constraints; the old one collapses
    // those ranks first, which on a 1,300-box chain with two pinned inputs took 5.8 s instead of
    // 0.5 s, and 108 s instead of 3.5 s at 4,000 boxes.
    set("newrank", "true");
    if (spec.nodes.size() > kSpeedupNodeCount) {
        set("nslimit", "0.2");
        set("nslimit1", "0.2");
        set("mclimit", "0.1");
    }
    // Defaults shared by every node: we draw boxes and text ourselves, Graphviz only needs the
    // exact size. An empty label stops it from guessing text widths.
    agattr(g, AGNODE, CStr("shape"), CStr("box"));
    agattr(g, AGNODE, CStr("fixedsize"), CStr("true"));
    agattr(g, AGNODE, CStr("label"), CStr(""));
    agattr(g, AGNODE, CStr("width"), CStr("0.75"));
    agattr(g, AGNODE, CStr("height"), CStr("0.5"));
}

// The Graphviz objects standing for the spec: one node per box, and per edge either one dot
// edge or, for a labelled edge, two edges through a node the size of the label.
struct BuiltGraph {
    std::vector<Agnode_t*> nodes;
    std::vector<Agedge_t*> edges;        // per spec edge: the dot edge ending at the target
    std::vector<Agedge_t*> labelEdges;   // per spec edge: source -> label node, or null
    std::vector<Agnode_t*> labelNodes;   // per spec edge: the label's node, or null
};

// Keeps the nodes pinned to one rank in spec order: invisible edges between neighbours are
// "flat" edges, which dot always draws tail before head within a rank.
bool chainInOrder(Agraph_t* g, const std::vector<Agnode_t*>& chain, std::string_view prefix) {
    for (std::size_t i = 1; i < chain.size(); ++i) {
        Agedge_t* e = agedge(g, chain[i - 1], chain[i], CStr(std::string(prefix) + std::to_string(i)), 1);
        if (!e) return false;
        agsafeset(e, CStr("style"), CStr("invis"), CStr(""));
    }
    return true;
}

// Returns false if Graphviz refused to create an object (it returns null rather than throw).
bool buildGraph(Agraph_t* g, const LayoutSpec& spec, BuiltGraph& out) {
    Agsym_t* width = agattr(g, AGNODE, CStr("width"), nullptr);
    Agsym_t* height = agattr(g, AGNODE, CStr("height"), nullptr);
    Agsym_t* arrowhead = agattr(g, AGEDGE, CStr("arrowhead"), CStr("normal"));
    // rank=source/sink rather than min/max: the first rank then holds the inputs and nothing
    // else, and the last rank only the outputs, whatever other nodes lack in- or out-edges.
    Agraph_t* first = nullptr;
    Agraph_t* last = nullptr;
    std::vector<Agnode_t*> firstChain, lastChain;
    for (std::size_t i = 0; i < spec.nodes.size(); ++i) {
        Agnode_t* n = agnode(g, CStr(std::to_string(i)), 1);
        if (!n) return false;
        agxset(n, width, CStr(inches(spec.nodes[i].width)));
        agxset(n, height, CStr(inches(spec.nodes[i].height)));
        out.nodes.push_back(n);
        RankConstraint rank = spec.nodes[i].rank;
        if (rank == RankConstraint::Free) continue;
        Agraph_t*& sub = rank == RankConstraint::First ? first : last;
        if (!sub) {
            sub = agsubg(g, CStr(rank == RankConstraint::First ? "inputs" : "outputs"), 1);
            if (!sub) return false;
            agsafeset(sub, CStr("rank"), CStr(rank == RankConstraint::First ? "source" : "sink"),
                      CStr(""));
        }
        agsubnode(sub, n, 1);
        (rank == RankConstraint::First ? firstChain : lastChain).push_back(n);
    }
    // Clusters: dot keeps each one's boxes in a rectangle of their own; an empty label of the
    // header's size reserves the room for the frame's title (drawn by the scene).
    std::vector<Agraph_t*> clusters;
    for (std::size_t i = 0; i < spec.nodes.size(); ++i) {
        const int c = spec.nodes[i].cluster;
        if (c < 0 || spec.nodes[i].rank != RankConstraint::Free) continue;
        if (clusters.size() <= static_cast<std::size_t>(c)) clusters.resize(static_cast<std::size_t>(c) + 1, nullptr);
        Agraph_t*& sub = clusters[static_cast<std::size_t>(c)];
        if (!sub) {
            sub = agsubg(g, CStr("cluster_" + std::to_string(c)), 1);
            if (!sub) return false;
            agsafeset(sub, CStr("label"), CStr(" "), CStr(""));
            agsafeset(sub, CStr("labelloc"), CStr("t"), CStr("t"));
            agsafeset(sub, CStr("fontsize"), CStr(std::to_string(std::max(1.0, spec.clusterHeader - 4))), CStr("14"));
            agsafeset(sub, CStr("margin"), CStr("14"), CStr("8"));
        }
        agsubnode(sub, out.nodes[i], 1);
    }
    if (!chainInOrder(first ? first : g, firstChain, "first") ||
        !chainInOrder(last ? last : g, lastChain, "last"))
        return false;
    // A distinct name per edge: in a non-strict graph each agedge call then adds its own
    // edge, so x*x gets two routed paths from x instead of one shared one.
    for (std::size_t i = 0; i < spec.edges.size(); ++i) {
        const EdgeLink& e = spec.edges[i];
        Agnode_t* from = out.nodes[static_cast<std::size_t>(e.from)];
        Agnode_t* to = out.nodes[static_cast<std::size_t>(e.to)];
        Agnode_t* label = nullptr;
        Agedge_t* toLabel = nullptr;
        if (e.labelWidth > 0 && e.labelHeight > 0) {
            // The label is a box of its own on the edge's way: dot then keeps every label clear
            // of boxes, other labels and other edges, as it does for any node.
            label = agnode(g, CStr("l" + std::to_string(i)), 1);
            if (!label) return false;
            agxset(label, width, CStr(inches(e.labelWidth)));
            agxset(label, height, CStr(inches(e.labelHeight)));
            toLabel = agedge(g, from, label, CStr("a" + std::to_string(i)), 1);
            if (!toLabel) return false;
            agxset(toLabel, arrowhead, CStr("none"));
            from = label;
        }
        Agedge_t* edge = agedge(g, from, to, CStr("e" + std::to_string(i)), 1);
        if (!edge) return false;
        out.edges.push_back(edge);
        out.labelEdges.push_back(toLabel);
        out.labelNodes.push_back(label);
    }
    return true;
}

// Appends the straight segment a -> b as a cubic (control points at thirds), so paths stay in
// the 1 + 3n form.
void appendLine(std::vector<Point>& pts, Point a, Point b) {
    if (pts.empty()) pts.push_back(a);
    pts.push_back({a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3});
    pts.push_back({a.x + 2 * (b.x - a.x) / 3, a.y + 2 * (b.y - a.y) / 3});
    pts.push_back(b);
}

// Appends edge's routed spline(s) to path, bridging any gap to what is there already (the
// label box a labelled edge runs through, or the pieces dot splits an edge into).
template <class ToScene>
void appendSpline(EdgePath& path, Agedge_t* edge, const ToScene& toScene) {
    const splines* spl = ED_spl(edge);
    if (!spl) return;
    for (int b = 0; b < spl->size; ++b) {
        const bezier& bz = spl->list[b];
        if (bz.size < 4 || (bz.size - 1) % 3 != 0) continue;
        Point start = toScene(bz.list[0]);
        // A start arrow (never drawn with our defaults) leaves a gap at the source box:
        // close it with a straight piece so the path still touches the box.
        if (path.points.empty() && bz.sflag) appendLine(path.points, toScene(bz.sp), start);
        if (path.points.empty()) {
            path.points.push_back(start);
        } else {
            Point end = path.points.back();
            if (end.x != start.x || end.y != start.y) appendLine(path.points, end, start);
        }
        for (int k = 1; k < bz.size; ++k) path.points.push_back(toScene(bz.list[k]));
        path.hasArrow = bz.eflag != 0;
        if (bz.eflag) path.arrowTip = toScene(bz.ep);
    }
}

// The layout itself, on the calling thread (which must have a large stack).
LayoutResult layoutHere(const LayoutSpec& spec) {
    LayoutResult result;
    std::lock_guard lock(graphvizMutex);
    GVC_t* gvc = context();
    if (!gvc) {
        result.error = "layout: could not create a Graphviz context";
        return result;
    }
    capturedMessages().clear();
    agusererrf previousHandler = agseterrf(captureMessage);
    struct RestoreHandler {
        agusererrf previous;
        ~RestoreHandler() { agseterrf(previous); }
    } restoreHandler{previousHandler};

    Agraph_t* g = agopen(CStr("adviz"), Agdirected, nullptr);
    if (!g) {
        result.error = "layout: Graphviz could not create a graph";
        return result;
    }
    GraphGuard guard{gvc, g};
    setGraphAttributes(g, spec);
    BuiltGraph built;
    if (!buildGraph(g, spec, built)) {
        result.error = "layout: Graphviz could not build the graph";
        return result;
    }

    // Freed even when dot fails part-way: gvFreeLayout skips whatever was never set up.
    guard.layoutStarted = true;
    if (gvLayout(gvc, g, "dot") != 0) {
        result.error = "layout: Graphviz dot failed" +
                       (capturedMessages().empty() ? std::string{} : ": " + capturedMessages());
        while (!result.error.empty() && result.error.back() == '\n') result.error.pop_back();
        return result;
    }

    // The one place where Graphviz coordinates become scene coordinates: points stay points,
    // the origin moves from bottom-left to top-left and y flips to grow downwards.
    const boxf bb = GD_bb(g);
    auto toScene = [&bb](pointf p) { return Point{p.x - bb.LL.x, bb.UR.y - p.y}; };
    result.width = bb.UR.x - bb.LL.x;
    result.height = bb.UR.y - bb.LL.y;

    result.nodes.reserve(built.nodes.size());
    for (Agnode_t* n : built.nodes)
        result.nodes.push_back({toScene(ND_coord(n)), ND_width(n) * kPointsPerInch,
                                ND_height(n) * kPointsPerInch});

    result.edges.reserve(built.edges.size());
    for (std::size_t i = 0; i < built.edges.size(); ++i) {
        EdgePath path;
        if (built.labelNodes[i]) {
            // source -> label (no arrowhead), straight through the label box, label -> target.
            appendSpline(path, built.labelEdges[i], toScene);
            path.hasArrow = false;
            path.labelCenter = toScene(ND_coord(built.labelNodes[i]));
            path.hasLabel = true;
        }
        appendSpline(path, built.edges[i], toScene);
        if (path.points.empty()) {
            // dot routed nothing for this edge (it should not happen): fall back to a straight
            // line between the centres rather than leave the caller an unusable path.
            const EdgeLink& e = spec.edges[i];
            appendLine(path.points, result.nodes[static_cast<std::size_t>(e.from)].center,
                       result.nodes[static_cast<std::size_t>(e.to)].center);
        }
        result.edges.push_back(std::move(path));
    }
    return result;
}

// Lays out each part on its own and places them one after the other along the rank axis, a
// rank gap apart, aligned at the top (left to right) or the left (top to bottom).
LayoutResult layoutParts(const LayoutSpec& spec) {
    int parts = 0;
    for (const NodeBox& n : spec.nodes) parts = std::max(parts, n.part + 1);
    if (parts <= 1) return layoutHere(spec);
    LayoutResult result;
    result.nodes.resize(spec.nodes.size());
    result.edges.resize(spec.edges.size());
    const bool lr = spec.direction == Direction::LeftToRight;
    double offset = 0;
    for (int part = 0; part < parts; ++part) {
        LayoutSpec sub = spec;
        sub.nodes.clear();
        sub.edges.clear();
        std::vector<int> local(spec.nodes.size(), -1), nodeOf, edgeOf;
        for (std::size_t i = 0; i < spec.nodes.size(); ++i)
            if (spec.nodes[i].part == part) {
                local[i] = static_cast<int>(sub.nodes.size());
                sub.nodes.push_back(spec.nodes[i]);
                nodeOf.push_back(static_cast<int>(i));
            }
        if (sub.nodes.empty()) continue;
        for (std::size_t i = 0; i < spec.edges.size(); ++i) {
            EdgeLink e = spec.edges[i];
            if (local[static_cast<std::size_t>(e.from)] < 0) continue;
            e.from = local[static_cast<std::size_t>(e.from)];
            e.to = local[static_cast<std::size_t>(e.to)];
            sub.edges.push_back(e);
            edgeOf.push_back(static_cast<int>(i));
        }
        LayoutResult r = layoutHere(sub);
        if (!r.ok()) return r;
        auto shift = [&](Point& p) { (lr ? p.x : p.y) += offset; };
        for (std::size_t i = 0; i < r.nodes.size(); ++i) {
            shift(r.nodes[i].center);
            result.nodes[static_cast<std::size_t>(nodeOf[i])] = r.nodes[i];
        }
        for (std::size_t i = 0; i < r.edges.size(); ++i) {
            EdgePath& path = r.edges[i];
            for (Point& p : path.points) shift(p);
            shift(path.arrowTip);
            shift(path.labelCenter);
            result.edges[static_cast<std::size_t>(edgeOf[i])] = std::move(path);
        }
        offset += (lr ? r.width : r.height) + spec.rankSeparation + 40;
        if (lr) result.height = std::max(result.height, r.height);
        else result.width = std::max(result.width, r.width);
    }
    (lr ? result.width : result.height) = offset - spec.rankSeparation - 40;
    return result;
}

// Runs job on a new thread with a large stack. wait: join it; otherwise detach it. False if no
// thread could be started.
bool runOnLargeStack(std::function<void()> job, bool wait) {
    auto* heapJob = new std::function<void()>(std::move(job));
    auto entry = [](void* arg) -> void* {
        std::unique_ptr<std::function<void()>> owned(static_cast<std::function<void()>*>(arg));
        (*owned)();
        return nullptr;
    };
    for (std::size_t size : kStackSizes) {
        pthread_attr_t attr;
        if (pthread_attr_init(&attr) != 0) break;
        pthread_attr_setstacksize(&attr, size);
        if (!wait) pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pthread_t thread;
        const int rc = pthread_create(&thread, &attr, entry, heapJob);
        pthread_attr_destroy(&attr);
        if (rc != 0) continue;  // most likely the stack could not be reserved: try a smaller one
        if (wait) pthread_join(thread, nullptr);
        return true;
    }
    delete heapJob;
    return false;
}

constexpr const char* kNoThread = "layout: could not start a thread for Graphviz (out of memory?)";

}  // namespace

LayoutResult layoutGraph(const LayoutSpec& spec) {
    LayoutResult result;
    result.error = validate(spec);
    if (!result.ok() || spec.nodes.empty()) return result;
    if (!runOnLargeStack([&spec, &result] { result = layoutParts(spec); }, /*wait=*/true))
        result.error = kNoThread;
    return result;
}

bool layoutGraphDetached(LayoutSpec spec, std::function<void(LayoutResult)> done) {
    auto job = [spec = std::move(spec), done] {
        LayoutResult result;
        result.error = validate(spec);
        if (result.ok() && !spec.nodes.empty()) result = layoutParts(spec);
        done(std::move(result));
    };
    return runOnLargeStack(std::move(job), /*wait=*/false);
}

}  // namespace adviz::layout
