#include "autodiff/graph.hpp"

#include <bit>
#include <climits>
#include <algorithm>
#include <unordered_map>

#include "autodiff/node_key.hpp"
#include "autodiff/number_format.hpp"

namespace adviz {

std::string_view Graph::nameOf(int id) const {
    int n = (*this)[id].name;
    return n < 0 ? std::string_view{} : std::string_view{names[static_cast<std::size_t>(n)]};
}

int Graph::inputIndex(std::string_view name) const {
    for (int i = 0; i < inputs; ++i)
        if (nameOf(i) == name) return i;
    return -1;
}

int Graph::outputIndex(std::string_view name) const {
    for (int i = 0; i < outputCount(); ++i)
        if (outputs[static_cast<std::size_t>(i)].name == name) return i;
    return -1;
}

int Graph::wengertIndex(int id) const { return wengert[static_cast<std::size_t>(id)]; }

std::string subscript(int n) {
    static const char* digits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
    std::string out = n < 0 ? "₋" : "";
    std::string dec = std::to_string(n < 0 ? -static_cast<long long>(n) : n);
    for (char c : dec) out += digits[c - '0'];
    return out;
}

std::string Graph::wengertName(int id) const {
    const Node& node = (*this)[id];
    if (node.op == Op::Const) {
        auto label = nameOf(id);
        return label.empty() ? formatShort(node.constant) : std::string(label);
    }
    return "v" + subscript(wengertIndex(id));
}

std::string Graph::definition(int id) const {
    const Node& node = (*this)[id];
    if (node.op == Op::Input) return std::string(nameOf(id));
    if (node.op == Op::Const) return wengertName(id);
    std::string a = wengertName(node.a);
    std::string b = node.b >= 0 ? wengertName(node.b) : std::string{};
    return substitute(info(node.op).pattern, a, b);
}

std::vector<std::vector<int>> Graph::consumers() const {
    std::vector<std::vector<int>> out(nodes.size());
    for (int id = 0; id < size(); ++id) {
        const Node& node = (*this)[id];
        for (int s = 0; s < node.arity(); ++s) out[static_cast<std::size_t>(node.operand(s))].push_back(id);
    }
    return out;
}

std::size_t Graph::edgeCount() const {
    std::size_t n = 0;
    for (const Node& node : nodes) n += static_cast<std::size_t>(node.arity());
    return n;
}

// ---------------------------------------------------------------------------------------------

namespace {

NodeKey keyOf(const Node& n) {
    return {n.op, n.op == Op::Const ? -1 : n.a, n.op == Op::Const ? -1 : n.b,
            n.op == Op::Const ? std::bit_cast<std::uint64_t>(n.constant) : 0};
}

// Hash-consing table: open addressing over node ids (linear probing, kept at most half full).
// It stores ids only and reads keys back from the nodes, so a million-node program costs four
// bytes a slot instead of a heap node per entry, which dominated parsing large programs.
class NodeTable {
public:
    /// The id of the node with this key, or -1; `slot` is where it would go.
    int find(const std::vector<Node>& nodes, const NodeKey& key, std::size_t& slot) const {
        if (slots_.empty()) return -1;
        const std::size_t mask = slots_.size() - 1;
        for (slot = NodeKeyHash{}(key) & mask;; slot = (slot + 1) & mask) {
            const std::int32_t id = slots_[slot];
            if (id < 0) return -1;
            if (keyOf(nodes[static_cast<std::size_t>(id)]) == key) return id;
        }
    }

    /// Records id (whose key find() did not see) at `slot`, growing the table when needed.
    void insert(const std::vector<Node>& nodes, int id, std::size_t slot) {
        if (2 * (used_ + 1) > slots_.size()) {
            grow(nodes);
            find(nodes, keyOf(nodes[static_cast<std::size_t>(id)]), slot);
        }
        slots_[slot] = id;
        ++used_;
    }

    /// Room for count ids without growing.
    void reserve(const std::vector<Node>& nodes, std::size_t count) {
        if (2 * count > slots_.size()) grow(nodes, std::bit_ceil(2 * count));
    }

private:
    void grow(const std::vector<Node>& nodes, std::size_t size = 0) {
        std::vector<std::int32_t> old = std::move(slots_);
        slots_.assign(std::max<std::size_t>({64, 2 * old.size(), size}), -1);
        const std::size_t mask = slots_.size() - 1;
        for (std::int32_t id : old) {
            if (id < 0) continue;
            std::size_t slot = NodeKeyHash{}(keyOf(nodes[static_cast<std::size_t>(id)])) & mask;
            while (slots_[slot] >= 0) slot = (slot + 1) & mask;
            slots_[slot] = id;
        }
    }

    std::vector<std::int32_t> slots_;  // node ids, −1 for empty; size a power of two
    std::size_t used_ = 0;
};

// Renumbers: inputs first in order of appearance (order: their ids), then everything else in
// creation order, which is already topological (operands are always created before their users).
void inputsToFront(Graph& g, const std::vector<int>& order) {
    std::vector<std::int32_t> newId(g.nodes.size(), -1);
    std::vector<Node> nodes;
    nodes.reserve(g.nodes.size());
    for (int id : order) {
        newId[static_cast<std::size_t>(id)] = static_cast<std::int32_t>(nodes.size());
        nodes.push_back(g.nodes[static_cast<std::size_t>(id)]);
    }
    for (std::size_t id = 0; id < g.nodes.size(); ++id) {
        if (g.nodes[id].op == Op::Input) continue;
        newId[id] = static_cast<std::int32_t>(nodes.size());
        nodes.push_back(g.nodes[id]);
    }
    for (Node& node : nodes) {
        if (node.a >= 0) node.a = newId[static_cast<std::size_t>(node.a)];
        if (node.b >= 0) node.b = newId[static_cast<std::size_t>(node.b)];
    }
    for (Output& out : g.outputs) out.node = newId[static_cast<std::size_t>(out.node)];
    g.nodes = std::move(nodes);
}

}  // namespace

struct GraphBuilder::Impl {
    Graph graph;
    NodeTable seen;  // constants and operations (inputs are looked up by name)
    std::unordered_map<std::string, int> inputsByName;
    std::vector<int> inputOrder;  // node ids of the inputs, in order of appearance
};

GraphBuilder::GraphBuilder() : impl_(std::make_unique<Impl>()) {}
GraphBuilder::~GraphBuilder() = default;

int GraphBuilder::size() const { return impl_->graph.size(); }
const Node& GraphBuilder::node(int id) const { return impl_->graph[id]; }

int GraphBuilder::input(std::string_view name, Span span) {
    auto [it, fresh] = impl_->inputsByName.try_emplace(std::string(name), size());
    if (!fresh) return it->second;
    Node node;
    node.op = Op::Input;
    node.span = span;
    impl_->graph.nodes.push_back(node);
    this->name(it->second, name);
    impl_->inputOrder.push_back(it->second);
    return it->second;
}

int GraphBuilder::elementInput(std::string_view name, Span span) {
    const int id = size();
    Node node;
    node.op = Op::Input;
    node.span = span;
    impl_->graph.nodes.push_back(node);
    this->name(id, name);
    impl_->inputOrder.push_back(id);
    return id;
}

void GraphBuilder::reserve(std::size_t nodes) {
    auto& list = impl_->graph.nodes;
    // Geometric beyond what was asked for, so that many small requests stay linear in all.
    if (nodes > list.capacity()) list.reserve(std::max(nodes, list.capacity() + list.capacity() / 2));
    impl_->seen.reserve(list, nodes);
}

int GraphBuilder::constant(double value, Span span, std::string_view label) {
    Node node;
    node.op = Op::Const;
    node.constant = value;
    node.span = span;
    return add(node, label);
}

int GraphBuilder::op(Op op, int a, int b, Span span) {
    Node node;
    node.op = op;
    node.a = a;
    node.b = b;
    node.span = span;
    return add(node, {});
}

int GraphBuilder::add(const Node& node, std::string_view label) {
    auto& nodes = impl_->graph.nodes;
    std::size_t slot = 0;
    if (int existing = impl_->seen.find(nodes, keyOf(node), slot); existing >= 0) return existing;
    const int id = size();
    nodes.push_back(node);
    impl_->seen.insert(nodes, id, slot);
    if (!label.empty()) name(id, label);
    return id;
}

void GraphBuilder::name(int id, std::string_view name) {
    Graph& g = impl_->graph;
    Node& node = g.nodes[static_cast<std::size_t>(id)];
    if (node.name >= 0) return;
    node.name = static_cast<std::int32_t>(g.names.size());
    g.names.emplace_back(name);
}

void GraphBuilder::output(std::string name, int id) {
    impl_->graph.outputs.push_back({std::move(name), id});
}

Graph GraphBuilder::finish() {
    Graph g = std::move(impl_->graph);
    const auto& order = impl_->inputOrder;
    // Nothing moves when the inputs came first (declarations head most programs with shapes).
    bool inputsFirst = true;
    for (std::size_t i = 0; i < order.size() && inputsFirst; ++i) inputsFirst = order[i] == static_cast<int>(i);
    if (!inputsFirst) inputsToFront(g, order);
    g.inputs = static_cast<int>(order.size());
    // Griewank's numbering: inputs v₁₋ₙ … v₀, operations v₁, v₂, …; constants are unnumbered.
    g.wengert.assign(g.nodes.size(), INT32_MIN);
    int next = 1;
    for (std::size_t id = 0; id < g.nodes.size(); ++id) {
        if (static_cast<int>(id) < g.inputs) g.wengert[id] = static_cast<std::int32_t>(id) - g.inputs + 1;
        else if (g.nodes[id].op != Op::Const) g.wengert[id] = next++;
    }
    g.hot.resize(g.nodes.size());
    for (std::size_t id = 0; id < g.nodes.size(); ++id)
        g.hot[id] = {g.nodes[id].a, g.nodes[id].b, g.nodes[id].op};
    impl_ = std::make_unique<Impl>();
    return g;
}

}  // namespace adviz
