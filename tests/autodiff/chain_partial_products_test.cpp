// Each multiplication of an order keeps the partial product it forms: the numbers a teaching
// view shows replacing the two operands. Checked against products worked out by hand.

#include <catch2/catch.hpp>

#include <vector>

#include "autodiff/chain/chain_product.hpp"

namespace adviz::chain {
namespace {

const Order& named(const std::vector<Order>& orders, const char* name) {
    for (const Order& o : orders)
        if (o.name == name) return o;
    FAIL("no order " << name);
    return orders.front();
}

// J₁ = [1 2; 3 4] (2×2), J₂ = diag(2, 3), J₃ = [1 1] (1×2).
std::vector<Factor> smallChain() {
    return {Factor{"∂a/∂x", 2, 2, false, {1, 2, 3, 4}},
            Factor{"∂b/∂a", 2, 2, true, {2, 0, 0, 3}},
            Factor{"∂L/∂b", 1, 2, false, {1, 1}}};
}

}  // namespace

TEST_CASE("forward order: J2 J1 first, then J3 (J2 J1)", "[chain]") {
    const std::vector<Order> orders = chainOrders(smallChain());
    const Order& o = named(orders, "forward");
    REQUIRE(o.steps.size() == 2);
    // J₂J₁ = diag(2,3)·[1 2; 3 4] = [2 4; 9 12]: rows scaled, 4 multiply-adds.
    const Multiplication& first = o.steps[0];
    CHECK(first.low == 0);
    CHECK(first.high == 1);
    CHECK(first.rows == 2);
    CHECK(first.cols == 2);
    CHECK_FALSE(first.diagonal);
    CHECK(first.entries == std::vector<double>{2, 4, 9, 12});
    CHECK(first.multiplyAdds == 4);
    // J₃(J₂J₁) = [1 1]·[2 4; 9 12] = [11 16], 1·2·2 = 4 multiply-adds.
    const Multiplication& second = o.steps[1];
    CHECK(second.low == 0);
    CHECK(second.high == 2);
    CHECK(second.rows == 1);
    CHECK(second.cols == 2);
    CHECK(second.entries == std::vector<double>{11, 16});
    CHECK(second.entries == o.product);
}

TEST_CASE("reverse order: J3 J2 first, then (J3 J2) J1", "[chain]") {
    const std::vector<Order> orders = chainOrders(smallChain());
    const Order& o = named(orders, "reverse");
    REQUIRE(o.steps.size() == 2);
    // J₃J₂ = [1 1]·diag(2,3) = [2 3]: columns scaled, 2 multiply-adds.
    const Multiplication& first = o.steps[0];
    CHECK(first.low == 1);
    CHECK(first.high == 2);
    CHECK(first.rows == 1);
    CHECK(first.cols == 2);
    CHECK(first.entries == std::vector<double>{2, 3});
    CHECK(first.multiplyAdds == 2);
    // (J₃J₂)J₁ = [2 3]·[1 2; 3 4] = [2+9 4+12] = [11 16].
    CHECK(o.steps[1].entries == std::vector<double>{11, 16});
}

TEST_CASE("two diagonal factors give a diagonal partial product", "[chain]") {
    // diag(2,3)·diag(5,7) = diag(10, 21), one multiply per diagonal entry.
    const std::vector<Factor> f{Factor{"∂a/∂x", 2, 2, true, {5, 0, 0, 7}},
                                Factor{"∂b/∂a", 2, 2, true, {2, 0, 0, 3}}};
    const std::vector<Order> orders = chainOrders(f);
    const Order& o = named(orders, "forward");
    REQUIRE(o.steps.size() == 1);
    CHECK(o.steps[0].diagonal);
    CHECK(o.steps[0].entries == std::vector<double>{10, 0, 0, 21});
    CHECK(o.steps[0].multiplyAdds == 2);
}

}  // namespace adviz::chain
