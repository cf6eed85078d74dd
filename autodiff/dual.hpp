#pragma once
// Dual numbers a + bε with ε² = 0: carrying a tangent b alongside a value a makes every operation
// compute its directional derivative too (forward mode). Templated on the scalar so duals nest:
// Dual<Dual<double>> carries a tangent of a tangent, which is how forward-over-reverse gets
// Hessian-vector products.
//
// Nothing here knows a derivative: every operation, arithmetic included, goes through the op
// table (op_table.hpp), so a dual number can never disagree with reverse mode.

#include <type_traits>

#include "autodiff/op_table.hpp"

namespace adviz {

template <class T>
struct Dual;

template <class T>
struct IsDual : std::false_type {};
template <class T>
struct IsDual<Dual<T>> : std::true_type {};

/// True when x is exactly zero in every component: such a tangent contributes nothing, even
/// through a partial that is infinite or NaN (a constant exponent in x^2 at x < 0, say).
inline bool isZero(double x) { return x == 0; }
template <class T>
bool isZero(const Dual<T>& x) { return isZero(x.v) && isZero(x.d); }

/// p · ṫ, with a structurally zero ṫ giving zero whatever p is.
template <class T>
T chainTerm(const T& p, const T& tangent) { return isZero(tangent) ? T(0.0) : p * tangent; }

/// Applies the table entry O to dual operands: value from O::value, tangent by the chain rule
/// from O::partials, y' = ∂y/∂a·a' + ∂y/∂b·b'.
template <class O, class T>
ADVIZ_FORCE_INLINE inline Dual<T> applyDual(const Dual<T>& x, const Dual<T>& y, int arity) {
    T value = O::value(x.v, y.v);
    T da, db = T(0.0);
    O::partials(x.v, y.v, value, da, db);
    T tangent = chainTerm(da, x.d);
    if (arity == 2) tangent = tangent + chainTerm(db, y.d);
    return {value, tangent};
}

template <class T>
struct Dual {
    T v{};  ///< the value
    T d{};  ///< the tangent: the derivative of the value along the chosen direction

    Dual() = default;
    Dual(T value, T tangent) : v(value), d(tangent) {}
    /// A constant: tangent zero.
    Dual(double c) : v(T(c)), d(T(0.0)) {}  // NOLINT(google-explicit-constructor)
    /// A constant of the inner type (nested duals only).
    template <class U = T, class = std::enable_if_t<IsDual<U>::value>>
    Dual(const T& c) : v(c), d(T(0.0)) {}  // NOLINT(google-explicit-constructor)

    friend Dual operator+(const Dual& a, const Dual& b) { return applyDual<ops::Add>(a, b, 2); }
    friend Dual operator-(const Dual& a, const Dual& b) { return applyDual<ops::Sub>(a, b, 2); }
    friend Dual operator*(const Dual& a, const Dual& b) { return applyDual<ops::Mul>(a, b, 2); }
    friend Dual operator/(const Dual& a, const Dual& b) { return applyDual<ops::Div>(a, b, 2); }
    friend Dual operator-(const Dual& a) { return applyDual<ops::Neg>(a, a, 1); }

    friend Dual pow(const Dual& a, const Dual& b) { return applyDual<ops::Pow>(a, b, 2); }
    friend Dual sin(const Dual& a) { return applyDual<ops::Sin>(a, a, 1); }
    friend Dual cos(const Dual& a) { return applyDual<ops::Cos>(a, a, 1); }
    friend Dual tan(const Dual& a) { return applyDual<ops::Tan>(a, a, 1); }
    friend Dual asin(const Dual& a) { return applyDual<ops::Asin>(a, a, 1); }
    friend Dual acos(const Dual& a) { return applyDual<ops::Acos>(a, a, 1); }
    friend Dual atan(const Dual& a) { return applyDual<ops::Atan>(a, a, 1); }
    friend Dual exp(const Dual& a) { return applyDual<ops::Exp>(a, a, 1); }
    friend Dual log(const Dual& a) { return applyDual<ops::Log>(a, a, 1); }
    friend Dual sqrt(const Dual& a) { return applyDual<ops::Sqrt>(a, a, 1); }
    friend Dual tanh(const Dual& a) { return applyDual<ops::Tanh>(a, a, 1); }
    friend Dual sinh(const Dual& a) { return applyDual<ops::Sinh>(a, a, 1); }
    friend Dual cosh(const Dual& a) { return applyDual<ops::Cosh>(a, a, 1); }
    friend Dual log1p(const Dual& a) { return applyDual<ops::Log1p>(a, a, 1); }

    friend double primal(const Dual& a) { return primal(a.v); }
};

/// Applies op to dual operands through the table (the forward-mode step for one node); arity is
/// info(op).arity, which the sweep knows from the node without a call.
template <class T>
ADVIZ_FORCE_INLINE inline Dual<T> applyOp(Op op, const Dual<T>& a, const Dual<T>& b, int arity) {
    return withOp(op, [&](auto o) ADVIZ_LAMBDA_INLINE { return applyDual<decltype(o)>(a, b, arity); });
}

template <class T>
Dual<T> applyOp(Op op, const Dual<T>& a, const Dual<T>& b) {
    return applyOp(op, a, b, info(op).arity);
}

}  // namespace adviz
