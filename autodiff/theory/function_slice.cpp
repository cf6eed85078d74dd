#include "autodiff/theory/function_slice.hpp"

#include <algorithm>

#include "autodiff/sweeps/sweep.hpp"

namespace adviz {
namespace {

SlicePoint sampleAt(const Graph& g, std::vector<double>& x, std::span<const double> dir, int input,
                    int output, double t, std::vector<Dual<double>>& scratch) {
    x[static_cast<std::size_t>(input)] = t;
    forwardSweep(g, std::span<const double>(x), dir, scratch);  // value and slope in one sweep
    const Dual<double>& y = scratch[static_cast<std::size_t>(g.outputs[static_cast<std::size_t>(output)].node)];
    return {t, y.v, y.d};
}

}  // namespace

FunctionSlice sliceAlong(const Graph& g, std::span<const double> x, int input, int output,
                         double from, double to, int samples) {
    FunctionSlice s;
    if (input < 0 || input >= g.inputCount() || output < 0 || output >= g.outputCount()) return s;
    samples = std::max(samples, 2);
    std::vector<double> point(x.begin(), x.end());
    std::vector<double> dir(point.size(), 0.0);
    dir[static_cast<std::size_t>(input)] = 1;  // eᵢ: the derivative along this input
    std::vector<Dual<double>> scratch;
    s.at = point[static_cast<std::size_t>(input)];
    SlicePoint here = sampleAt(g, point, dir, input, output, s.at, scratch);
    s.valueAt = here.value;
    s.slopeAt = here.slope;
    s.points.reserve(static_cast<std::size_t>(samples));
    for (int k = 0; k < samples; ++k) {
        double t = from + (to - from) * k / (samples - 1);
        s.points.push_back(sampleAt(g, point, dir, input, output, t, scratch));
    }
    return s;
}

}  // namespace adviz
