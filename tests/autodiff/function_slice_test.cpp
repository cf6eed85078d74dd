// f along one input: sampled values and forward-mode slopes against the hand-derived curve.

#include <catch2/catch.hpp>

#include "autodiff/theory/function_slice.hpp"
#include "test_support.hpp"

using namespace adviz;

TEST_CASE("a slice along one input samples f and its slope", "[slice]") {
    Graph g = test::parseOk("x^2*y");  // along x with y = 3: f = 3t², f' = 6t
    FunctionSlice s = sliceAlong(g, std::vector<double>{0.5, 3.0}, 0, 0, -1.0, 1.0, 21);
    REQUIRE(s.points.size() == 21);
    for (const SlicePoint& p : s.points) {
        CHECK(p.value == Approx(3 * p.t * p.t).margin(1e-15));
        CHECK(p.slope == Approx(6 * p.t).margin(1e-15));
    }
    CHECK(s.points.front().t == -1.0);
    CHECK(s.points.back().t == 1.0);
    CHECK(s.at == 0.5);
    CHECK(s.valueAt == Approx(0.75));
    CHECK(s.slopeAt == Approx(3.0));
}

TEST_CASE("a slice keeps points outside the domain as NaN", "[slice]") {
    Graph g = test::parseOk("log(x)");
    FunctionSlice s = sliceAlong(g, std::vector<double>{1.0}, 0, 0, -1.0, 1.0, 5);
    CHECK(std::isnan(s.points[0].value));
    CHECK(s.points[4].value == 0);
    CHECK(s.points[4].slope == 1);
}
