#include "autodiff/chain/chain_extract.hpp"

#include <algorithm>
#include <unordered_set>

#include "autodiff/limits.hpp"
#include "autodiff/op_table.hpp"
#include "autodiff/shaped/shaped_graph.hpp"
#include "autodiff/sweeps/sweep.hpp"

namespace adviz::chain {
namespace {

using Ids = std::vector<std::int32_t>;

std::string quote(std::string_view name) { return "'" + std::string(name) + "'"; }

std::vector<int> dimsOf(const shaped::Shape& s) {
    return std::vector<int>(s.dims.begin(), s.dims.begin() + s.rank);
}

// The input the chain starts from: a port of the shaped graph, or a scalar input.
std::optional<Stage> inputStage(const Graph& g, std::string_view wrt) {
    if (g.shaped) {
        for (const shaped::Port& p : g.shaped->inputs)
            if (wrt.empty() || p.name == wrt)
                return Stage{p.name, dimsOf(p.shape), p.items, g[p.items.front()].span};
        return std::nullopt;
    }
    const int i = wrt.empty() ? (g.inputCount() > 0 ? 0 : -1) : g.inputIndex(wrt);
    if (i < 0) return std::nullopt;
    return Stage{std::string(g.inputName(i)), {}, {i}, g[i].span};
}

// Every named value of the program that is not an input: shaped bindings, and scalar bindings
// (a scalar program's only kind). A shaped binding names its elements "z1[0]", "z1[1]", …, so
// scalar names without '[' that no shaped binding has are the scalar statements.
std::vector<Stage> namedValues(const Graph& g) {
    std::vector<Stage> values;
    std::unordered_set<std::string> shapedNames;
    if (g.shaped)
        for (const shaped::Node& n : g.shaped->nodes)
            if (!n.name.empty() && n.kind != shaped::Kind::Input) {
                values.push_back({n.name, dimsOf(n.shape), n.elements, n.span});
                shapedNames.insert(n.name);
            }
    for (int id = g.inputCount(); id < g.size(); ++id) {
        const std::string_view name = g.nameOf(id);
        if (name.empty() || name.find('[') != std::string_view::npos ||
            shapedNames.contains(std::string(name)))
            continue;
        values.push_back({std::string(name), {}, {id}, g[id].span});
    }
    return values;
}

std::int32_t completedAt(const Stage& s) { return *std::max_element(s.elements.begin(), s.elements.end()); }
std::int32_t startedAt(const Stage& s) { return *std::min_element(s.elements.begin(), s.elements.end()); }

// reach[id]: node id depends on one of the sources; a barrier neither is reached nor passes it on.
std::vector<char> reachFrom(const Graph& g, const Ids& sources, const std::vector<char>& barrier) {
    std::vector<char> reach(static_cast<std::size_t>(g.size()), 0);
    for (std::int32_t s : sources)
        if (!barrier[static_cast<std::size_t>(s)]) reach[static_cast<std::size_t>(s)] = 1;
    for (int id = 0; id < g.size(); ++id) {
        const Node& n = g[id];
        if (barrier[static_cast<std::size_t>(id)] || n.arity() == 0) continue;
        if (reach[static_cast<std::size_t>(n.a)] || (n.b >= 0 && reach[static_cast<std::size_t>(n.b)]))
            reach[static_cast<std::size_t>(id)] = 1;
    }
    return reach;
}

bool anyOf(const Ids& ids, const std::vector<char>& flag) {
    return std::any_of(ids.begin(), ids.end(), [&](std::int32_t id) { return flag[static_cast<std::size_t>(id)] != 0; });
}

// The local partials ∂v/∂a, ∂v/∂b of every node in [lo, hi], from the op table at the point.
struct Partials {
    std::vector<double> da, db;
    Partials(const Graph& g, const std::vector<double>& value, int lo, int hi)
        : da(static_cast<std::size_t>(hi - lo + 1), 0.0), db(da.size(), 0.0) {
        for (int id = lo; id <= hi; ++id) {
            const Node& n = g[id];
            if (n.arity() == 0) continue;
            const double a = value[static_cast<std::size_t>(n.a)];
            const double b = n.b >= 0 ? value[static_cast<std::size_t>(n.b)] : a;
            const auto k = static_cast<std::size_t>(id - lo);
            opPartials(n.op, a, b, value[static_cast<std::size_t>(id)], da[k], db[k]);
        }
    }
};

// J = ∂to/∂from by forward tangents, one sweep over [lo, hi] per column (from's elements seeded
// one at a time; every other element of `from` held at tangent 0).
std::vector<double> jacobianForward(const Graph& g, const Partials& p, const Stage& from, const Stage& to,
                                    const std::vector<char>& isFrom, int lo, int hi) {
    std::vector<double> J(to.size() * from.size(), 0.0), t(static_cast<std::size_t>(hi - lo + 1));
    for (std::size_t j = 0; j < from.size(); ++j) {
        std::fill(t.begin(), t.end(), 0.0);
        for (int id = lo; id <= hi; ++id) {
            const auto k = static_cast<std::size_t>(id - lo);
            if (isFrom[static_cast<std::size_t>(id)]) {
                t[k] = id == from.elements[j] ? 1.0 : 0.0;
                continue;
            }
            const Node& n = g[id];
            if (n.arity() == 0) continue;
            auto tangentOf = [&](int u) { return u >= lo ? t[static_cast<std::size_t>(u - lo)] : 0.0; };
            double v = chainTerm(p.da[k], tangentOf(n.a));  // v̇ = Σ ∂v/∂u · u̇
            if (n.b >= 0) v += chainTerm(p.db[k], tangentOf(n.b));
            t[k] = v;
        }
        for (std::size_t i = 0; i < to.size(); ++i)
            J[i * from.size() + j] = t[static_cast<std::size_t>(to.elements[i] - lo)];
    }
    return J;
}

// J = ∂to/∂from by adjoints, one backward sweep over [lo, hi] per row, stopping at from's elements.
std::vector<double> jacobianReverse(const Graph& g, const Partials& p, const Stage& from, const Stage& to,
                                    const std::vector<char>& isFrom, int lo, int hi) {
    std::vector<double> J(to.size() * from.size(), 0.0), a(static_cast<std::size_t>(hi - lo + 1));
    for (std::size_t i = 0; i < to.size(); ++i) {
        std::fill(a.begin(), a.end(), 0.0);
        a[static_cast<std::size_t>(to.elements[i] - lo)] = 1.0;
        for (int id = hi; id > lo; --id) {
            const auto k = static_cast<std::size_t>(id - lo);
            const Node& n = g[id];
            if (isFrom[static_cast<std::size_t>(id)] || n.arity() == 0 || a[k] == 0.0) continue;
            if (n.a >= lo) a[static_cast<std::size_t>(n.a - lo)] += a[k] * p.da[k];  // ū += v̄·∂v/∂u
            if (n.b >= lo) a[static_cast<std::size_t>(n.b - lo)] += a[k] * p.db[k];
        }
        for (std::size_t j = 0; j < from.size(); ++j)
            J[i * from.size() + j] = a[static_cast<std::size_t>(from.elements[j] - lo)];
    }
    return J;
}

// Whether element i of `to` depends on element i of `from` at most (structurally, whatever the
// numbers): each node carries the one element of `from` it depends on, -1 none, -2 several.
bool structurallyDiagonal(const Graph& g, const Stage& from, const Stage& to, int lo, int hi) {
    if (from.size() != to.size()) return false;
    std::vector<int> origin(static_cast<std::size_t>(hi - lo + 1), -1);
    std::vector<int> fromIndex(static_cast<std::size_t>(hi - lo + 1), -1);
    for (std::size_t j = 0; j < from.size(); ++j) {
        int& f = fromIndex[static_cast<std::size_t>(from.elements[j] - lo)];
        f = f == -1 ? static_cast<int>(j) : -2;  // one node as two elements: not diagonal
    }
    auto combine = [](int x, int y) { return x == -1 ? y : y == -1 || x == y ? x : -2; };
    for (int id = lo; id <= hi; ++id) {
        const auto k = static_cast<std::size_t>(id - lo);
        if (fromIndex[k] != -1) {
            origin[k] = fromIndex[k];
            continue;
        }
        const Node& n = g[id];
        if (n.arity() == 0) continue;
        auto of = [&](int u) { return u >= lo ? origin[static_cast<std::size_t>(u - lo)] : -1; };
        origin[k] = combine(of(n.a), n.b >= 0 ? of(n.b) : -1);
    }
    for (std::size_t i = 0; i < to.size(); ++i) {
        const int o = origin[static_cast<std::size_t>(to.elements[i] - lo)];
        if (o != -1 && o != static_cast<int>(i)) return false;
    }
    return true;
}

ChainResult failure(std::string message, Span span = {}) {
    ChainResult r;
    r.error = ChainError{std::move(message), span};
    return r;
}

}  // namespace

ChainResult extractChain(const Graph& g, std::span<const double> x, std::string_view wrt) {
    std::optional<Stage> input = inputStage(g, wrt);
    if (!input)
        return failure(wrt.empty() ? "the program has no inputs" : "no input called " + quote(wrt));
    std::vector<char> none(static_cast<std::size_t>(g.size()), 0);
    const std::vector<char> dependsOnInput = reachFrom(g, input->elements, none);

    // The output the chain ends in: the one output that depends on the input.
    std::vector<std::string> dependent;
    Stage output;
    const auto outputs = g.shaped ? g.shaped->outputs.size() : g.outputs.size();
    for (std::size_t k = 0; k < outputs; ++k) {
        Stage s;
        if (g.shaped) {
            const shaped::Port& p = g.shaped->outputs[k];
            s.name = p.name;
            s.dims = dimsOf(p.shape);
            for (std::int32_t item : p.items) s.elements.push_back(g.outputs[static_cast<std::size_t>(item)].node);
        } else {
            s.name = g.outputs[k].name;
            s.elements = {g.outputs[k].node};
        }
        s.span = g[completedAt(s)].span;
        if (anyOf(s.elements, dependsOnInput)) {
            dependent.push_back(s.name);
            output = std::move(s);
        }
    }
    if (dependent.empty()) return failure("no output depends on " + quote(input->name));
    if (dependent.size() > 1)
        return failure("a chain ends in one output, but " + std::to_string(dependent.size()) +
                       " depend on " + quote(input->name) + ": " + dependent.front() + ", " + dependent[1] +
                       (dependent.size() > 2 ? ", …" : ""));

    // The stages: the named values that depend on the input, in the order they are complete.
    std::vector<Stage> stages{*input};
    std::vector<Stage> named = namedValues(g);
    std::stable_sort(named.begin(), named.end(),
                     [](const Stage& a, const Stage& b) { return completedAt(a) < completedAt(b); });
    bool outputNamed = false;
    for (Stage& s : named) {
        if (!anyOf(s.elements, dependsOnInput)) continue;
        if (s.elements == output.elements) outputNamed = true;
        stages.push_back(std::move(s));
        if (outputNamed) break;
    }
    if (!outputNamed) {
        if (stages.size() > 1 && completedAt(stages.back()) > completedAt(output))
            return failure("the chain breaks at " + quote(stages.back().name) + ": it depends on " +
                               quote(input->name) + " but " + quote(output.name) + " does not use it",
                           stages.back().span);
        stages.push_back(output);
    }

    std::vector<double> value;
    evaluate<double>(g, x, value);

    Chain chain;
    for (std::size_t k = 1; k < stages.size(); ++k) {
        const Stage& from = stages[k - 1];
        const Stage& to = stages[k];
        std::vector<char> isFrom(static_cast<std::size_t>(g.size()), 0);
        for (std::int32_t e : from.elements) isFrom[static_cast<std::size_t>(e)] = 1;
        // Every path from the input to `to` must pass through `from`.
        if (anyOf(to.elements, reachFrom(g, input->elements, isFrom)))
            return failure("the chain breaks at " + quote(to.name) + ": it uses " + quote(input->name) +
                               " other than through " + quote(from.name),
                           to.span);
        const long long entries = static_cast<long long>(to.size()) * static_cast<long long>(from.size());
        if (entries > limits::maxMatrixEntries)
            return failure("∂" + to.name + "/∂" + from.name + " has " + limits::grouped(entries) +
                           " entries, over the limit of " + limits::grouped(limits::maxMatrixEntries) +
                           " (autodiff/limits.hpp)", to.span);
        const int lo = startedAt(from), hi = std::max(completedAt(to), lo);
        const Partials partials(g, value, lo, hi);
        Factor f;
        f.name = "∂" + to.name + "/∂" + from.name;
        f.rows = static_cast<int>(to.size());
        f.cols = static_cast<int>(from.size());
        f.diagonal = structurallyDiagonal(g, from, to, lo, hi);
        f.entries = from.size() <= to.size() ? jacobianForward(g, partials, from, to, isFrom, lo, hi)
                                             : jacobianReverse(g, partials, from, to, isFrom, lo, hi);
        chain.factors.push_back(std::move(f));
    }
    chain.stages = std::move(stages);
    ChainResult r;
    r.chain = std::move(chain);
    return r;
}

}  // namespace adviz::chain
