#include "autodiff/theory/symbolic.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <unordered_map>

#include "autodiff/language/parser.hpp"
#include "autodiff/node_key.hpp"
#include "autodiff/number_format.hpp"
#include "autodiff/op_table.hpp"

namespace adviz {
namespace {

// The expression being built, with every node's value at the point (for the branches).
struct Arena {
    SymExpr& e;
    std::vector<double>& value;
    std::size_t maxNodes;

    // A new node; when the arena is full, marks e.tooLarge and returns 0 (callers check
    // tooLarge after every graph node and give up).
    std::int32_t add(const SymNode& n, double v) {
        if (e.nodes.size() >= maxNodes) {
            e.tooLarge = true;
            e.stoppedBy = SymStop::Nodes;
            return 0;
        }
        e.nodes.push_back(n);
        value.push_back(v);
        return static_cast<std::int32_t>(e.nodes.size() - 1);
    }
};

// A scalar whose arithmetic writes expression nodes: the op table's partials instantiated on
// it are the derivative rules written out as trees. A Sym without an arena is a plain number,
// so arithmetic on numbers folds and the identities 0·e, 1·e, e + 0 … apply before any node is
// made. v is the value at the point, which primal() hands to the op table's branches.
struct Sym {
    Arena* arena = nullptr;
    std::int32_t id = -1;
    double v = 0;

    Sym() = default;
    Sym(double c) : v(c) {}  // NOLINT(google-explicit-constructor): T(1.0) in the op table
    Sym(Arena* ar, std::int32_t node, double value) : arena(ar), id(node), v(value) {}
    bool isNumber() const { return arena == nullptr; }
    bool is(double c) const { return isNumber() && v == c; }
};

[[maybe_unused]] double primal(const Sym& s) { return s.v; }

std::int32_t nodeOf(Arena& ar, const Sym& s) {
    if (!s.isNumber()) return s.id;
    SymNode n;
    n.constant = s.v;
    return ar.add(n, s.v);
}

// op(a, b) as a new node (b ignored by unary ops), or the folded number if no operand is a node.
Sym make(Op op, const Sym& a, const Sym& b) {
    const bool unary = info(op).arity == 1;
    const double v = opValue(op, a.v, unary ? a.v : b.v);
    Arena* ar = a.arena ? a.arena : unary ? nullptr : b.arena;
    if (!ar) return Sym(v);
    SymNode n;
    n.op = op;
    n.a = nodeOf(*ar, a);
    n.b = unary ? -1 : nodeOf(*ar, b);
    return Sym(ar, ar->add(n, v), v);
}

// The simplifications of a naive CAS, and nothing more.
Sym operator+(const Sym& a, const Sym& b) {
    if (a.is(0)) return b;  // 0 + e → e
    if (b.is(0)) return a;  // e + 0 → e
    return make(Op::Add, a, b);
}
Sym operator-(const Sym& a) { return make(Op::Neg, a, a); }
Sym operator-(const Sym& a, const Sym& b) {
    if (b.is(0)) return a;                        // e − 0 → e
    if (a.is(0) && !b.isNumber()) return -b;      // 0 − e → −e
    return make(Op::Sub, a, b);
}
Sym operator*(const Sym& a, const Sym& b) {
    if (a.is(0) || b.is(0)) return Sym(0.0);  // 0·e → 0
    if (a.is(1)) return b;                    // 1·e → e
    if (b.is(1)) return a;                    // e·1 → e
    return make(Op::Mul, a, b);
}
Sym operator/(const Sym& a, const Sym& b) {
    if (a.is(0) && !b.isNumber()) return Sym(0.0);  // 0/e → 0
    if (b.is(1)) return a;                          // e/1 → e
    return make(Op::Div, a, b);
}
[[maybe_unused]] Sym pow(const Sym& a, const Sym& b) {
    if (b.is(1)) return a;            // e^1 → e
    if (b.is(0)) return Sym(1.0);     // e^0 → 1
    return make(Op::Pow, a, b);
}
[[maybe_unused]] Sym sin(const Sym& a) { return make(Op::Sin, a, a); }
[[maybe_unused]] Sym cos(const Sym& a) { return make(Op::Cos, a, a); }
[[maybe_unused]] Sym tan(const Sym& a) { return make(Op::Tan, a, a); }
[[maybe_unused]] Sym asin(const Sym& a) { return make(Op::Asin, a, a); }
[[maybe_unused]] Sym acos(const Sym& a) { return make(Op::Acos, a, a); }
[[maybe_unused]] Sym atan(const Sym& a) { return make(Op::Atan, a, a); }
[[maybe_unused]] Sym exp(const Sym& a) { return make(Op::Exp, a, a); }
[[maybe_unused]] Sym log(const Sym& a) { return make(Op::Log, a, a); }
[[maybe_unused]] Sym sqrt(const Sym& a) { return make(Op::Sqrt, a, a); }
[[maybe_unused]] Sym tanh(const Sym& a) { return make(Op::Tanh, a, a); }
[[maybe_unused]] Sym sinh(const Sym& a) { return make(Op::Sinh, a, a); }
[[maybe_unused]] Sym cosh(const Sym& a) { return make(Op::Cosh, a, a); }
[[maybe_unused]] Sym log1p(const Sym& a) { return make(Op::Log1p, a, a); }

bool isLeaf(Op op) { return op == Op::Input || op == Op::Const; }

// Which nodes the roots reach (children come before parents, so one pass downwards).
std::vector<char> reachable(const SymExpr& e) {
    std::vector<char> live(e.nodes.size(), 0);
    for (std::int32_t r : e.roots) live[static_cast<std::size_t>(r)] = 1;
    for (std::size_t i = e.nodes.size(); i-- > 0;) {
        const SymNode& n = e.nodes[i];
        if (!live[i] || isLeaf(n.op)) continue;
        live[static_cast<std::size_t>(n.a)] = 1;
        if (n.b >= 0) live[static_cast<std::size_t>(n.b)] = 1;
    }
    return live;
}

// Every node's value at x.
std::vector<double> valuesAt(const SymExpr& e, std::span<const double> x) {
    std::vector<double> v(e.nodes.size());
    for (std::size_t i = 0; i < e.nodes.size(); ++i) {
        const SymNode& n = e.nodes[i];
        if (n.op == Op::Input) v[i] = x[static_cast<std::size_t>(n.a)];
        else if (n.op == Op::Const) v[i] = n.constant;
        else v[i] = opValue(n.op, v[static_cast<std::size_t>(n.a)],
                            v[static_cast<std::size_t>(n.b >= 0 ? n.b : n.a)]);
    }
    return v;
}

// d(node)/d(x_input) for the first `count` nodes of the arena (the function), the live ones:
// the chain rule at every node, d(y) = ∂y/∂a · d(a) + ∂y/∂b · d(b), with the partials from the
// op table. Each d is built once and referenced wherever it is used; as a tree it is the same
// expression that the recursive textbook differentiator copies out.
std::vector<Sym> derive(Arena& ar, std::size_t count, const std::vector<char>& live, int input) {
    std::vector<Sym> d(count, Sym(0.0));
    auto sym = [&](std::int32_t id) {
        const SymNode& n = ar.e.nodes[static_cast<std::size_t>(id)];
        return n.op == Op::Const ? Sym(n.constant)
                                 : Sym(&ar, id, ar.value[static_cast<std::size_t>(id)]);
    };
    for (std::size_t id = 0; id < count && !ar.e.tooLarge; ++id) {
        if (!live[id]) continue;
        const SymNode n = ar.e.nodes[id];  // a copy: adding nodes may move the arena
        if (n.op == Op::Input) d[id] = Sym(n.a == input ? 1.0 : 0.0);  // dxᵢ/dxⱼ = δᵢⱼ
        if (isLeaf(n.op)) continue;
        const Sym da = d[static_cast<std::size_t>(n.a)];
        const Sym db = n.b >= 0 ? d[static_cast<std::size_t>(n.b)] : Sym(0.0);
        if (da.is(0) && db.is(0)) continue;  // does not depend on the input
        const Sym a = sym(n.a), b = n.b >= 0 ? sym(n.b) : a;
        Sym pa, pb;
        opPartials(n.op, a, b, sym(static_cast<std::int32_t>(id)), pa, pb);
        // As chainTerm in dual.hpp: a structurally zero derivative contributes nothing.
        const Sym ta = da.is(0) ? Sym(0.0) : pa * da;
        const Sym tb = db.is(0) ? Sym(0.0) : pb * db;
        d[id] = ta + tb;
    }
    return d;
}

long long saturatingSum(long long a, long long b) {
    return (a >= symSizeCap || b >= symSizeCap || a + b >= symSizeCap) ? symSizeCap : a + b;
}

// Tree size of every node: 1 + the sizes of its children, counted again at every use.
std::vector<long long> treeSizes(const SymExpr& e) {
    std::vector<long long> s(e.nodes.size(), 1);
    for (std::size_t i = 0; i < e.nodes.size(); ++i) {
        const SymNode& n = e.nodes[i];
        if (isLeaf(n.op)) continue;
        s[i] = saturatingSum(1, s[static_cast<std::size_t>(n.a)]);
        if (n.b >= 0) s[i] = saturatingSum(s[i], s[static_cast<std::size_t>(n.b)]);
    }
    return s;
}

using Key = NodeKey;
using KeyHash = NodeKeyHash;

}  // namespace

SymExpr functionTree(const Graph& g, int output) {
    SymExpr e;
    e.nodes.reserve(g.nodes.size());
    for (const Node& n : g.nodes) e.nodes.push_back({n.op, n.a, n.b, n.constant});
    for (int i = 0; i < g.inputCount(); ++i) {
        e.nodes[static_cast<std::size_t>(i)].a = i;  // inputs are the graph's first nodes
        e.inputNames.emplace_back(g.inputName(i));
    }
    e.roots.push_back(g.outputs[static_cast<std::size_t>(output)].node);
    return e;
}

SymExpr differentiate(const SymExpr& f, int input, std::span<const double> x,
                      const SymLimits& limits) {
    SymExpr out{f.nodes, f.inputNames, {}, f.tooLarge};
    std::vector<double> value = valuesAt(f, x);
    Arena ar{out, value, limits.maxNodes};
    const std::vector<Sym> d = derive(ar, f.nodes.size(), reachable(f), input);
    for (std::int32_t r : f.roots) out.roots.push_back(nodeOf(ar, d[static_cast<std::size_t>(r)]));
    return out;
}

SymExpr symbolicGradient(const Graph& g, std::span<const double> x, int output,
                         const SymLimits& limits) {
    const SymExpr f = functionTree(g, output);
    SymExpr out{f.nodes, f.inputNames, {}, false};
    std::vector<double> value = valuesAt(f, x);
    Arena ar{out, value, limits.maxNodes};
    const std::vector<char> live = reachable(f);
    const auto root = static_cast<std::size_t>(f.roots[0]);
    const auto liveCount = static_cast<double>(std::count(live.begin(), live.end(), 1));
    if (liveCount * g.inputCount() > limits.maxVisits) {
        out.tooLarge = true;
        out.stoppedBy = SymStop::Visits;
    }
    for (int i = 0; i < g.inputCount() && !out.tooLarge; ++i) {
        const std::vector<Sym> d = derive(ar, f.nodes.size(), live, i);
        const std::int32_t r = nodeOf(ar, d[root]);
        if (!out.tooLarge) out.roots.push_back(r);  // only complete derivatives are kept
    }
    return out;
}

long long treeSize(const SymExpr& e, std::int32_t root) {
    if (e.tooLarge) return tooLargeToCount;
    const long long s = treeSizes(e)[static_cast<std::size_t>(root)];
    return s >= symSizeCap ? tooLargeToCount : s;
}

long long treeSize(const SymExpr& e) {
    if (e.tooLarge) return tooLargeToCount;
    const std::vector<long long> s = treeSizes(e);
    long long total = 0;
    for (std::int32_t r : e.roots) total = saturatingSum(total, s[static_cast<std::size_t>(r)]);
    return total >= symSizeCap ? tooLargeToCount : total;
}

std::vector<long long> rootTreeSizes(const SymExpr& e) {
    std::vector<long long> out(e.roots.size(), tooLargeToCount);
    if (e.tooLarge) return out;
    const std::vector<long long> s = treeSizes(e);
    for (std::size_t i = 0; i < e.roots.size(); ++i) {
        const long long n = s[static_cast<std::size_t>(e.roots[i])];
        out[i] = n >= symSizeCap ? tooLargeToCount : n;
    }
    return out;
}

std::string stopText(SymStop s) {
    switch (s) {
        case SymStop::None: return "";
        case SymStop::Nodes:
            return "the limit of " + limits::grouped(static_cast<long long>(limits::maxSymbolicNodes)) +
                   " symbolic nodes";
        case SymStop::Visits:
            return "the limit of " +
                   limits::grouped(static_cast<long long>(limits::maxSymbolicVisits)) +
                   " node visits (program nodes × inputs)";
    }
    return "";
}

SymExpr cse(const SymExpr& e) {
    SymExpr out;
    out.inputNames = e.inputNames;
    out.tooLarge = e.tooLarge;
    const std::vector<char> live = reachable(e);
    std::vector<std::int32_t> newId(e.nodes.size(), -1);
    std::unordered_map<Key, std::int32_t, KeyHash> seen;
    for (std::size_t i = 0; i < e.nodes.size(); ++i) {
        if (!live[i]) continue;
        SymNode n = e.nodes[i];
        if (!isLeaf(n.op)) {
            n.a = newId[static_cast<std::size_t>(n.a)];
            if (n.b >= 0) n.b = newId[static_cast<std::size_t>(n.b)];
        }
        const std::uint64_t bits =
            n.op == Op::Const ? std::bit_cast<std::uint64_t>(n.constant) : 0;
        const Key key{n.op, n.a, n.b, bits};
        auto [it, fresh] = seen.try_emplace(key, static_cast<std::int32_t>(out.nodes.size()));
        if (fresh) out.nodes.push_back(n);
        newId[i] = it->second;
    }
    for (std::int32_t r : e.roots) out.roots.push_back(newId[static_cast<std::size_t>(r)]);
    return out;
}

long long dagSize(const SymExpr& e) {
    if (e.tooLarge) return tooLargeToCount;
    return static_cast<long long>(cse(e).nodes.size());
}

SwellRow swellOf(const Graph& g, std::span<const double> x, int output, std::string label) {
    SwellRow r;
    r.label = std::move(label);
    r.n = g.inputCount();
    r.adNodes = g.size();
    r.functionTreeNodes = treeSize(functionTree(g, output));
    SymExpr grad = symbolicGradient(g, x, output);
    r.stoppedBy = grad.stoppedBy;
    if (!grad.tooLarge) {
        r.derivativeTreeNodes = treeSize(grad);
        r.afterCse = dagSize(grad);
        return r;
    }
    // Stopped at a limit: lower bounds. The derivatives built are complete (their sizes are
    // exact), every one not built has at least one node, and CSE over some of the roots cannot
    // find more distinct subterms than over all of them.
    const auto built = static_cast<long long>(grad.roots.size());
    grad.tooLarge = false;
    const long long sizeBuilt = treeSize(grad);
    r.derivativeTreeNodes = sizeBuilt == tooLargeToCount ? tooLargeToCount
                                                         : sizeBuilt + (r.n - built);
    r.afterCse = std::max(dagSize(grad), r.n > 0 ? 1LL : 0LL);
    return r;
}

const char* familyName(SwellFamily kind) {
    switch (kind) {
        case SwellFamily::Nested: return "nested";
        case SwellFamily::Squaring: return "squaring";
        case SwellFamily::Product: return "product";
    }
    return "";
}

std::string familyProgram(SwellFamily kind, int n) {
    std::string src;
    auto s = [](int k) { return std::to_string(k); };
    // Statements rather than nested parentheses, so that depth is no parsing limit.
    for (int k = 1; k <= n; ++k) {
        switch (kind) {
            case SwellFamily::Nested:
                src += "s" + s(k) + " = sin(" + (k == 1 ? "x" : "s" + s(k - 1)) + ")\n";
                break;
            case SwellFamily::Squaring: {
                const std::string prev = k == 1 ? "x" : "f" + s(k - 1);
                src += "f" + s(k) + " = " + prev + "*" + prev + "\n";
                break;
            }
            case SwellFamily::Product: src += (k == 1 ? "x" : "*x") + s(k); break;
        }
    }
    return src;
}

std::vector<SwellRow> swellFamily(SwellFamily kind, int maxN) {
    std::vector<SwellRow> rows;
    for (int n = 1; n <= maxN; ++n) {
        ParseResult p = parse(familyProgram(kind, n));
        if (!p.ok()) break;  // cannot happen: the programs are well formed
        const std::vector<double> x(static_cast<std::size_t>(p.graph.inputCount()), 0.5);
        SwellRow r = swellOf(p.graph, x, 0, familyName(kind));
        r.n = n;
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace adviz
