#include "autodiff/shaped/init.hpp"

#include <cmath>
#include <string>

namespace adviz::shaped {

std::uint64_t SplitMix64::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double SplitMix64::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

std::vector<Port> inputPorts(const Graph& g) {
    if (g.shaped) return g.shaped->inputs;
    std::vector<Port> ports(static_cast<std::size_t>(g.inputCount()));
    for (int i = 0; i < g.inputCount(); ++i) {
        ports[static_cast<std::size_t>(i)].name = std::string(g.inputName(i));
        ports[static_cast<std::size_t>(i)].items = {i};
    }
    return ports;
}

std::vector<Port> outputPorts(const Graph& g) {
    if (g.shaped) return g.shaped->outputs;
    std::vector<Port> ports(static_cast<std::size_t>(g.outputCount()));
    for (int k = 0; k < g.outputCount(); ++k) {
        ports[static_cast<std::size_t>(k)].name = g.outputs[static_cast<std::size_t>(k)].name;
        ports[static_cast<std::size_t>(k)].items = {k};
    }
    return ports;
}

double initScale(const Shape& shape) {
    if (shape.rank != 2) return 1;
    return std::sqrt(6.0 / static_cast<double>(shape.dims[0] + shape.dims[1]));
}

std::vector<double> initialValues(const Graph& g, std::uint64_t seed) {
    std::vector<double> values(static_cast<std::size_t>(g.inputCount()), 0.0);
    SplitMix64 rng(seed);
    for (const Port& port : inputPorts(g)) {
        const double a = initScale(port.shape);
        for (std::int32_t i : port.items) values[static_cast<std::size_t>(i)] = a * (2 * rng.unit() - 1);
    }
    return values;
}

}  // namespace adviz::shaped
