#include "autodiff/shaped/shaped_graph.hpp"

namespace adviz::shaped {

std::string_view kindName(Kind kind) {
    switch (kind) {
        case Kind::Input: return "input";
        case Kind::Scalar: return "scalar";
        case Kind::Literal: return "literal";
        case Kind::Elementwise: return "elementwise";
        case Kind::MatMul: return "matmul";
        case Kind::Transpose: return "transpose";
        case Kind::Sum: return "sum";
        case Kind::SumAxis: return "sum_axis";
        case Kind::Mean: return "mean";
        case Kind::Dot: return "dot";
        case Kind::Softmax: return "softmax";
        case Kind::LogSumExp: return "logsumexp";
        case Kind::Index: return "index";
    }
    return "?";
}

namespace {
int find(const std::vector<Port>& ports, std::string_view name) {
    for (std::size_t i = 0; i < ports.size(); ++i)
        if (ports[i].name == name) return static_cast<int>(i);
    return -1;
}
}  // namespace

int ShapedGraph::inputPort(std::string_view name) const { return find(inputs, name); }
int ShapedGraph::outputPort(std::string_view name) const { return find(outputs, name); }

void ShapedGraph::renumber(const std::vector<std::int32_t>& newId) {
    for (Node& node : nodes) {
        for (std::int32_t& e : node.elements) e = newId[static_cast<std::size_t>(e)];
        // Operations create no inputs, so their nodes stay consecutive.
        if (node.kind != Kind::Input && node.first < node.end) {
            const std::int32_t count = node.end - node.first;
            node.first = newId[static_cast<std::size_t>(node.first)];
            node.end = node.first + count;
        } else {
            node.first = node.end = 0;
        }
    }
}

}  // namespace adviz::shaped
