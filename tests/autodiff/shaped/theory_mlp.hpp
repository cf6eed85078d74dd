#pragma once
// The theory's 2-layer MLP in matrix form with one output (2-3-1), as the README and the
// examples write it: shared by the shaped engine's and the shaped view's tests.

namespace adviz::test {

inline constexpr const char* theoryMlp = R"(x: [2]
W1: [3, 2]; b1: [3]
W2: [1, 3]; b2: [1]
y: [1]
z1 = W1 @ x + b1
h  = sigmoid(z1)
z2 = W2 @ h + b2
L  = sum((z2 - y)^2))";

}  // namespace adviz::test
