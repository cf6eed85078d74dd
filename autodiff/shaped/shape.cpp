#include "autodiff/shaped/shape.hpp"

#include <charconv>

namespace adviz::shaped {
namespace {

// A shape as two sizes aligned on the right: [n] is (1, n), a scalar (1, 1).
std::array<int, 2> padded(const Shape& s) {
    if (s.rank == 2) return s.dims;
    if (s.rank == 1) return {1, s.dims[0]};
    return {1, 1};
}

}  // namespace

std::string Shape::text() const {
    if (rank == 0) return "scalar";
    std::string out = "[" + std::to_string(dims[0]);
    if (rank == 2) out += ", " + std::to_string(dims[1]);
    return out + "]";
}

std::string Shape::indexText(std::size_t k) const {
    if (rank == 0) return {};
    // Written into one buffer: the parser names every element this way (10⁵ for a 784 layer).
    // Each number stops short of the buffer's end by the characters still to come.
    char buf[48];
    char* p = buf;
    *p++ = '[';
    if (rank == 1) {
        p = std::to_chars(p, buf + sizeof buf - 1, k).ptr;
    } else {
        const auto n = static_cast<std::size_t>(dims[1]);
        p = std::to_chars(p, buf + sizeof buf - 24, k / n).ptr;
        *p++ = ',';
        p = std::to_chars(p, buf + sizeof buf - 1, k % n).ptr;
    }
    *p++ = ']';
    return std::string(buf, p);
}

std::optional<Shape> broadcast(const Shape& a, const Shape& b) {
    const auto pa = padded(a);
    const auto pb = padded(b);
    std::array<int, 2> out{};
    for (std::size_t i = 0; i < 2; ++i) {
        if (pa[i] != pb[i] && pa[i] != 1 && pb[i] != 1) return std::nullopt;
        out[i] = pa[i] == 1 ? pb[i] : pa[i];
    }
    const int rank = a.rank > b.rank ? a.rank : b.rank;
    if (rank == 2) return Shape::matrix(out[0], out[1]);
    if (rank == 1) return Shape::vector(out[1]);
    return Shape::scalar();
}

std::size_t broadcastSource(const Shape& from, const Shape& to, std::size_t k) {
    const auto pf = padded(from);
    const auto pt = padded(to);
    const auto n = static_cast<std::size_t>(pt[1]);
    const std::size_t i = pf[0] == 1 ? 0 : k / n;
    const std::size_t j = pf[1] == 1 ? 0 : k % n;
    return i * static_cast<std::size_t>(pf[1]) + j;
}

}  // namespace adviz::shaped
