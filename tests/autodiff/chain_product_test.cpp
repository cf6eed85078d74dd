// The chain rule as a matrix product: the three orders, their counts and their products.

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "autodiff/chain/chain_product.hpp"

namespace adviz::chain {
namespace {

// Deterministic entries that are not all alike (a splitmix-style hash to (−1, 1)).
double entry(std::uint64_t k) {
    k = (k + 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
    k ^= k >> 31;
    return static_cast<double>(k >> 11) / 9007199254740992.0 * 2 - 1;
}

Factor dense(int rows, int cols, std::uint64_t salt) {
    Factor f{"J", rows, cols, false, {}};
    for (int i = 0; i < rows * cols; ++i) f.entries.push_back(entry(salt * 1000 + i));
    return f;
}

Factor diagonal(int n, std::uint64_t salt) {
    Factor f{"D", n, n, true, std::vector<double>(static_cast<std::size_t>(n) * n, 0.0)};
    for (int i = 0; i < n; ++i) f.entries[static_cast<std::size_t>(i) * n + i] = entry(salt * 1000 + i);
    return f;
}

// J_K ⋯ J₁ the plain way, left to right, with three nested loops per product.
std::vector<double> naiveProduct(const std::vector<Factor>& f) {
    std::vector<double> p = f.back().entries;
    int rows = f.back().rows, inner = f.back().cols;
    for (int k = static_cast<int>(f.size()) - 2; k >= 0; --k) {
        const Factor& b = f[static_cast<std::size_t>(k)];
        std::vector<double> q(static_cast<std::size_t>(rows) * b.cols, 0.0);
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < b.cols; ++j)
                for (int t = 0; t < inner; ++t)
                    q[static_cast<std::size_t>(i) * b.cols + j] +=
                        p[static_cast<std::size_t>(i) * inner + t] * b.entries[static_cast<std::size_t>(t) * b.cols + j];
        p = std::move(q);
        inner = b.cols;
    }
    return p;
}

const Order& named(const std::vector<Order>& orders, const char* name) {
    for (const Order& o : orders)
        if (o.name == name) return o;
    FAIL("no order " << name);
    return orders.front();
}

}  // namespace

TEST_CASE("three matrices: the textbook example's two bracketings", "[chain]") {
    // Cormen et al.: A₁ 10×30, A₂ 30×5, A₃ 5×60; (A₁A₂)A₃ costs 4,500, A₁(A₂A₃) 27,000.
    // As a chain J₃ J₂ J₁: J₁ = A₃, J₂ = A₂, J₃ = A₁.
    const std::vector<Factor> f{dense(5, 60, 1), dense(30, 5, 2), dense(10, 30, 3)};
    const auto orders = chainOrders(f);
    CHECK(named(orders, "forward").bracketing == "(J3 (J2 J1))");
    CHECK(named(orders, "forward").multiplyAdds == 27000);
    CHECK(named(orders, "reverse").bracketing == "((J3 J2) J1)");
    CHECK(named(orders, "reverse").multiplyAdds == 4500);
    CHECK(named(orders, "optimal").multiplyAdds == 4500);
}

TEST_CASE("six matrices: the cheapest order is neither mode's", "[chain]") {
    // Cormen et al.'s six matrices 30×35, 35×15, 15×5, 5×10, 10×20, 20×25: the optimum is
    // 15,125 multiplications, ((A₁(A₂A₃))((A₄A₅)A₆)); A₆ is J₁ here.
    const int dims[] = {30, 35, 15, 5, 10, 20, 25};
    std::vector<Factor> f;
    for (int k = 5; k >= 0; --k) f.push_back(dense(dims[k], dims[k + 1], static_cast<std::uint64_t>(k)));
    const auto orders = chainOrders(f);
    const Order& best = named(orders, "optimal");
    CHECK(best.multiplyAdds == 15125);
    CHECK(best.bracketing == "((J6 (J5 J4)) ((J3 J2) J1))");
    CHECK(best.multiplyAdds < named(orders, "forward").multiplyAdds);
    CHECK(best.multiplyAdds < named(orders, "reverse").multiplyAdds);
    CHECK(best.steps.size() == 5);
}

TEST_CASE("diagonal factors are multiplied as scalings", "[chain]") {
    // The theory's MLP with respect to x: J₁ = W₁ (3×2), J₂ = diag σ′(z₁) (3×3), J₃ = W₂ (1×3).
    const std::vector<Factor> f{dense(3, 2, 1), diagonal(3, 2), dense(1, 3, 3)};
    const auto orders = chainOrders(f);
    const Order& fwd = named(orders, "forward");   // D·W₁ scales 3 rows of 2: 6; then 1·3·2
    CHECK(fwd.multiplyAdds == 6 + 6);
    CHECK(fwd.multiplyAddsDense == 18 + 6);
    const Order& rev = named(orders, "reverse");   // W₂·D scales 3 columns: 3; then 1·3·2
    CHECK(rev.multiplyAdds == 3 + 6);
    CHECK(rev.multiplyAddsDense == 9 + 6);
    CHECK(named(orders, "optimal").multiplyAdds == 9);
    CHECK(multiplyCost(4, 4, 4, true, true) == 4);
}

TEST_CASE("every order gives the same product as plain loops", "[chain]") {
    const std::vector<Factor> f{dense(4, 3, 7), diagonal(4, 8), dense(2, 4, 9), dense(5, 2, 10),
                                diagonal(5, 11), dense(1, 5, 12)};
    const std::vector<double> expected = naiveProduct(f);
    for (const Order& o : chainOrders(f)) {
        INFO(o.name << " " << o.bracketing);
        REQUIRE(o.product.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            CHECK(o.product[i] == Approx(expected[i]).epsilon(1e-13).margin(1e-15));
    }
}

TEST_CASE("one factor needs no multiplication; sizes that do not chain are refused", "[chain]") {
    const auto orders = chainOrders({dense(2, 3, 1)});
    for (const Order& o : orders) {
        CHECK(o.bracketing == "J1");
        CHECK(o.multiplyAdds == 0);
        CHECK(o.product == dense(2, 3, 1).entries);
    }
    CHECK_THROWS(chainOrders({dense(2, 3, 1), dense(4, 4, 2)}));
}

}  // namespace adviz::chain
