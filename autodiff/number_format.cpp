#include "autodiff/number_format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace adviz {

std::string formatExact(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    std::array<char, 32> buf{};
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), x);
    return ec == std::errc{} ? std::string(buf.data(), end) : std::string("nan");
}

std::string formatShort(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "∞" : "−∞";
    if (x == 0) return "0";  // also for −0: a student should not see "−0"
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%.4g", x);
    std::string s(buf.data());
    if (s[0] == '-') s.replace(0, 1, "−");
    return s;
}

}  // namespace adviz
