#include "autodiff/shaped/same_inputs.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "autodiff/shaped/shaped_graph.hpp"

namespace adviz::shaped {
namespace {

// Every input looked up by its name: any two programs (scalar ones name few inputs each).
std::vector<int> byName(const Graph& previous, const Graph& next) {
    std::unordered_map<std::string_view, int> old;
    old.reserve(static_cast<std::size_t>(previous.inputCount()));
    for (int i = 0; i < previous.inputCount(); ++i) old.emplace(previous.inputName(i), i);
    std::vector<int> from(static_cast<std::size_t>(next.inputCount()), -1);
    for (int i = 0; i < next.inputCount(); ++i)
        if (const auto it = old.find(next.inputName(i)); it != old.end()) from[static_cast<std::size_t>(i)] = it->second;
    return from;
}

// Both with shapes: one lookup per port. An element's name is its port's name and its index
// ("W1" + "[2,5]", "x" + "[3]", a scalar input's name alone), so equal names are equal port
// names, equal ranks and the same row and column, which both shapes must have.
std::vector<int> byPort(const ShapedGraph& previous, const ShapedGraph& next, int inputCount) {
    std::unordered_map<std::string_view, const Port*> old;
    for (const Port& p : previous.inputs) old.emplace(p.name, &p);
    std::vector<int> from(static_cast<std::size_t>(inputCount), -1);
    for (const Port& p : next.inputs) {
        const auto it = old.find(p.name);
        if (it == old.end() || it->second->shape.rank != p.shape.rank) continue;
        const Port& q = *it->second;
        // Row-major in both (a vector is one row, a scalar one element).
        const int rows = std::min(p.shape.rows(), q.shape.rows());
        const int cols = std::min(p.shape.cols(), q.shape.cols());
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                from[static_cast<std::size_t>(p.items[static_cast<std::size_t>(r * p.shape.cols() + c)])] =
                    q.items[static_cast<std::size_t>(r * q.shape.cols() + c)];
    }
    return from;
}

}  // namespace

std::vector<int> sameNamedInputs(const Graph& previous, const Graph& next) {
    if (previous.shaped && next.shaped) return byPort(*previous.shaped, *next.shaped, next.inputCount());
    return byName(previous, next);
}

}  // namespace adviz::shaped
