#pragma once
// The shape of a value in the language: a scalar (rank 0), a vector [n] (rank 1) or a matrix
// [m, n] (rank 2). Elements are stored row-major everywhere (W[i, j] is element i·n + j).

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace adviz::shaped {

struct Shape {
    int rank = 0;                 ///< 0, 1 or 2
    std::array<int, 2> dims{1, 1};  ///< dims[0..rank) are meaningful; the rest are 1

    static Shape scalar() { return {}; }
    static Shape vector(int n) { return {1, {n, 1}}; }
    static Shape matrix(int m, int n) { return {2, {m, n}}; }

    /// Number of elements (1 for a scalar).
    std::size_t size() const {
        std::size_t n = 1;
        for (int i = 0; i < rank; ++i) n *= static_cast<std::size_t>(dims[static_cast<std::size_t>(i)]);
        return n;
    }
    int rows() const { return rank == 2 ? dims[0] : 1; }   ///< m of [m, n]; 1 otherwise
    int cols() const { return rank == 0 ? 1 : dims[static_cast<std::size_t>(rank - 1)]; }
    bool isScalar() const { return rank == 0; }

    /// "[3, 2]", "[3]", "scalar".
    std::string text() const;
    /// The label of element k (row-major) after name: "[1,0]", "[4]", "" for a scalar.
    std::string indexText(std::size_t k) const;

    friend bool operator==(const Shape&, const Shape&) = default;
};

/// The NumPy shape of an elementwise operation on a and b (rank ≤ 2, aligned on the right,
/// each size equal or 1), or nothing if they do not broadcast.
std::optional<Shape> broadcast(const Shape& a, const Shape& b);

/// Element of `from` that feeds element k of `to` when from is broadcast to `to`.
std::size_t broadcastSource(const Shape& from, const Shape& to, std::size_t k);

}  // namespace adviz::shaped
