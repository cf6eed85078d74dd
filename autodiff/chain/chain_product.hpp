#pragma once
// The chain rule as a product of Jacobian matrices. For a chain x → s₁ → s₂ → … → s_K the
// Jacobian is J = J_K ⋯ J₂ J₁ with J_k = ∂s_k/∂s_{k−1}. Matrix multiplication is associative,
// so every bracketing gives the same J (to rounding), but not at the same price:
//   forward mode  evaluates right to left, J_K (⋯ (J₃ (J₂ J₁))): one column per input direction;
//   reverse mode  evaluates left to right, ((J_K J_{K−1}) ⋯) J₁: one row per output direction;
//   the cheapest  bracketing is the matrix-chain ordering problem, solved by dynamic programming
//                 over the chain, which neither pure mode does.
// Elementwise functions have diagonal Jacobians; multiplying by one scales rows or columns, so
// the counts are given both dense and with diagonal factors exploited.

#include <string>
#include <vector>

namespace adviz::chain {

/// One local Jacobian J_k = ∂s_k/∂s_{k−1}: rows × cols, entries row-major.
struct Factor {
    std::string name;              ///< "∂h/∂z1"
    int rows = 0;
    int cols = 0;
    bool diagonal = false;         ///< square, and only its diagonal can be non-zero
    std::vector<double> entries;   ///< rows·cols numbers, row-major
};

/// One multiplication of an order: the product of factors [low, mid] (right operand) and
/// [mid+1, high] (left operand), 0-based factor indices, J₁ being index 0.
struct Multiplication {
    int low = 0, mid = 0, high = 0;
    long long multiplyAdds = 0;       ///< with diagonal operands exploited
    long long multiplyAddsDense = 0;  ///< as if both operands were dense
    /// The partial product J_{high+1} ⋯ J_{low+1} this step forms: rows × cols, row-major
    /// (what a teaching view shows replacing its two operands).
    int rows = 0, cols = 0;
    bool diagonal = false;  ///< both operands were diagonal
    std::vector<double> entries;
};

/// A way of multiplying the chain out, with what it costs and what it gives.
struct Order {
    std::string name;               ///< "forward", "reverse", "optimal"
    std::string bracketing;         ///< "((J4 J3) (J2 J1))"
    std::vector<Multiplication> steps;  ///< in the order they are done
    long long multiplyAdds = 0;         ///< Σ over steps, diagonal factors exploited
    long long multiplyAddsDense = 0;    ///< Σ over steps, every factor dense
    std::vector<double> product;        ///< rows(J_K) × cols(J₁), row-major
};

/// The chain J_K ⋯ J₁ given as factors[0] = J₁ … factors[K−1] = J_K (adjacent sizes agree:
/// factors[k].cols == factors[k−1].rows). Returns forward, reverse and optimal, in that order.
/// The optimal order minimises multiplyAdds (diagonals exploited); among equals it prefers the
/// bracketing found first (splits tried from the right, so reverse-like products win ties).
std::vector<Order> chainOrders(const std::vector<Factor>& factors);

/// The cost of multiplying a rows×inner matrix by an inner×cols one, the left or right operand
/// possibly diagonal: dense r·q·c; a diagonal operand scales rows or columns (q·c or r·q); two
/// diagonals multiply their diagonals (q).
long long multiplyCost(int rows, int inner, int cols, bool leftDiagonal, bool rightDiagonal);

}  // namespace adviz::chain
