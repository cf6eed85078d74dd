#pragma once
// The numbers of every operation, defined once: its value and its local partial derivatives,
// templated on the scalar so the same definition runs on double, on Dual<double> (forward mode,
// Hessian-vector products) and on anything else with the elementary functions. Forward, reverse,
// higher-order and symbolic code all call these and nothing else.
//
// Conventions where a derivative does not exist follow PyTorch autograd (docs/conventions.md):
// relu'(0) = 0, |·|'(0) = 0, √'(0) = +inf, ∂/∂a a^b = 0 when b = 0, ∂/∂b a^b = 0 when a = 0 and
// b >= 0, and min/max split the derivative evenly on a tie.

#include <cmath>

#include "autodiff/op.hpp"

// The dispatch below must be inlined into the sweeps' loops, where the switch over the op and
// the op's few flops become one jump table with the arithmetic in place. GCC 12 at -O2 and -O3
// otherwise emits withOp<…> out of line (a call and a return per node, and no sincos fusion of
// a value with its partial). Standard attribute syntax; other compilers ignore it.
#if defined(__GNUC__) || defined(__clang__)
#define ADVIZ_FORCE_INLINE [[gnu::always_inline]]
#define ADVIZ_LAMBDA_INLINE __attribute__((always_inline))
#else
#define ADVIZ_FORCE_INLINE
#define ADVIZ_LAMBDA_INLINE
#endif

namespace adviz {

/// The plain number inside a scalar (itself for double; the innermost value for nested duals).
inline double primal(double x) { return x; }

namespace ops {

using std::acos; using std::asin; using std::atan; using std::cos; using std::cosh;
using std::exp; using std::log; using std::log1p; using std::pow; using std::sin; using std::sinh;
using std::sqrt; using std::tan; using std::tanh;

// Each operation: value(a, b) and partials(a, b, y, ∂y/∂a, ∂y/∂b) where y is the value, plus
// domain(a, b): why a non-finite result happened (nullptr if the inputs were in the domain).
// Unary operations ignore b.

struct Add {
    static constexpr Op op = Op::Add;
    template <class T> static T value(const T& a, const T& b) { return a + b; }
    template <class T> static void partials(const T&, const T&, const T&, T& da, T& db) {
        da = T(1.0); db = T(1.0);  // ∂(a+b)/∂a = 1, ∂(a+b)/∂b = 1
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Sub {
    static constexpr Op op = Op::Sub;
    template <class T> static T value(const T& a, const T& b) { return a - b; }
    template <class T> static void partials(const T&, const T&, const T&, T& da, T& db) {
        da = T(1.0); db = T(-1.0);
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Mul {
    static constexpr Op op = Op::Mul;
    template <class T> static T value(const T& a, const T& b) { return a * b; }
    template <class T> static void partials(const T& a, const T& b, const T&, T& da, T& db) {
        da = b; db = a;  // (a·b)' wrt a = b, wrt b = a
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Div {
    static constexpr Op op = Op::Div;
    template <class T> static T value(const T& a, const T& b) { return a / b; }
    template <class T> static void partials(const T&, const T& b, const T& y, T& da, T& db) {
        da = T(1.0) / b;
        db = -(y / b);  // −a/b² written as −(a/b)/b to reuse the value
    }
    static const char* domain(double, double b) { return b == 0 ? "division by zero" : nullptr; }
};

struct Pow {
    static constexpr Op op = Op::Pow;
    template <class T> static T value(const T& a, const T& b) { return pow(a, b); }
    template <class T> static void partials(const T& a, const T& b, const T& y, T& da, T& db) {
        // ∂/∂a a^b = b·a^(b−1), taken as 0 for b = 0 (PyTorch), so x^0 has slope 0 even at x = 0.
        da = primal(b) == 0 ? T(0.0) : b * pow(a, b - T(1.0));
        // ∂/∂b a^b = a^b·log a, taken as 0 for a = 0 and b >= 0 (PyTorch).
        db = (primal(a) == 0 && primal(b) >= 0) ? T(0.0) : y * log(a);
    }
    static const char* domain(double a, double b) {
        if (a < 0 && b != std::floor(b)) return "negative base with a non-integer exponent";
        if (a == 0 && b < 0) return "zero to a negative power";
        return nullptr;
    }
};

struct Neg {
    static constexpr Op op = Op::Neg;
    template <class T> static T value(const T& a, const T&) { return -a; }
    template <class T> static void partials(const T&, const T&, const T&, T& da, T&) {
        da = T(-1.0);
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Sin {
    static constexpr Op op = Op::Sin;
    template <class T> static T value(const T& a, const T&) { return sin(a); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = cos(a);
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Cos {
    static constexpr Op op = Op::Cos;
    template <class T> static T value(const T& a, const T&) { return cos(a); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = -sin(a);
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Tan {
    static constexpr Op op = Op::Tan;
    template <class T> static T value(const T& a, const T&) { return tan(a); }
    template <class T> static void partials(const T&, const T&, const T& y, T& da, T&) {
        da = T(1.0) + y * y;  // sec² a = 1 + tan² a
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Asin {
    static constexpr Op op = Op::Asin;
    template <class T> static T value(const T& a, const T&) { return asin(a); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = T(1.0) / sqrt(T(1.0) - a * a);
    }
    static const char* domain(double a, double) {
        return std::fabs(a) > 1 ? "asin of a number outside [−1, 1]" : nullptr;
    }
};

struct Acos {
    static constexpr Op op = Op::Acos;
    template <class T> static T value(const T& a, const T&) { return acos(a); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = T(-1.0) / sqrt(T(1.0) - a * a);
    }
    static const char* domain(double a, double) {
        return std::fabs(a) > 1 ? "acos of a number outside [−1, 1]" : nullptr;
    }
};

struct Atan {
    static constexpr Op op = Op::Atan;
    template <class T> static T value(const T& a, const T&) { return atan(a); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = T(1.0) / (T(1.0) + a * a);
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Exp {
    static constexpr Op op = Op::Exp;
    template <class T> static T value(const T& a, const T&) { return exp(a); }
    template <class T> static void partials(const T&, const T&, const T& y, T& da, T&) {
        da = y;  // exp is its own derivative
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Log {
    static constexpr Op op = Op::Log;
    template <class T> static T value(const T& a, const T&) { return log(a); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = T(1.0) / a;
    }
    static const char* domain(double a, double) {
        return a < 0 ? "log of a negative number" : a == 0 ? "log of zero" : nullptr;
    }
};

struct Sqrt {
    static constexpr Op op = Op::Sqrt;
    template <class T> static T value(const T& a, const T&) { return sqrt(a); }
    template <class T> static void partials(const T&, const T&, const T& y, T& da, T&) {
        da = T(0.5) / y;  // 1/(2√a); +inf at a = 0 as in PyTorch
    }
    static const char* domain(double a, double) {
        return a < 0 ? "square root of a negative number" : nullptr;
    }
};

struct Tanh {
    static constexpr Op op = Op::Tanh;
    template <class T> static T value(const T& a, const T&) { return tanh(a); }
    template <class T> static void partials(const T&, const T&, const T& y, T& da, T&) {
        da = T(1.0) - y * y;
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Sigmoid {
    static constexpr Op op = Op::Sigmoid;
    template <class T> static T value(const T& a, const T&) { return T(1.0) / (T(1.0) + exp(-a)); }
    template <class T> static void partials(const T&, const T&, const T& y, T& da, T&) {
        da = y * (T(1.0) - y);  // σ' = σ(1 − σ)
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Relu {
    static constexpr Op op = Op::Relu;
    template <class T> static T value(const T& a, const T&) { return primal(a) > 0 ? a : T(0.0); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = T(primal(a) > 0 ? 1.0 : 0.0);  // 0 at the kink, as in PyTorch
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Abs {
    static constexpr Op op = Op::Abs;
    template <class T> static T value(const T& a, const T&) { return primal(a) < 0 ? -a : a; }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        double p = primal(a);
        da = T(p > 0 ? 1.0 : p < 0 ? -1.0 : 0.0);  // sign(a), 0 at 0 as in PyTorch
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Sinh {
    static constexpr Op op = Op::Sinh;
    template <class T> static T value(const T& a, const T&) { return sinh(a); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = cosh(a);
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Cosh {
    static constexpr Op op = Op::Cosh;
    template <class T> static T value(const T& a, const T&) { return cosh(a); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = sinh(a);
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Log1p {
    static constexpr Op op = Op::Log1p;
    template <class T> static T value(const T& a, const T&) { return log1p(a); }
    template <class T> static void partials(const T& a, const T&, const T&, T& da, T&) {
        da = T(1.0) / (T(1.0) + a);
    }
    static const char* domain(double a, double) {
        return a < -1 ? "log1p of a number below −1" : a == -1 ? "log1p of −1" : nullptr;
    }
};

struct Min {
    static constexpr Op op = Op::Min;
    template <class T> static T value(const T& a, const T& b) { return primal(b) < primal(a) ? b : a; }
    template <class T> static void partials(const T& a, const T& b, const T&, T& da, T& db) {
        double pa = primal(a), pb = primal(b);  // a tie splits evenly, as torch.minimum does
        da = T(pa < pb ? 1.0 : pa > pb ? 0.0 : 0.5);
        db = T(pb < pa ? 1.0 : pb > pa ? 0.0 : 0.5);
    }
    static const char* domain(double, double) { return nullptr; }
};

struct Max {
    static constexpr Op op = Op::Max;
    template <class T> static T value(const T& a, const T& b) { return primal(b) > primal(a) ? b : a; }
    template <class T> static void partials(const T& a, const T& b, const T&, T& da, T& db) {
        double pa = primal(a), pb = primal(b);
        da = T(pa > pb ? 1.0 : pa < pb ? 0.0 : 0.5);
        db = T(pb > pa ? 1.0 : pb < pa ? 0.0 : 0.5);
    }
    static const char* domain(double, double) { return nullptr; }
};

}  // namespace ops

/// Calls f with the op's table entry (an empty struct with static value/partials/domain).
/// Leaves (Input, Const) have no entry: callers handle them before dispatching.
template <class F>
ADVIZ_FORCE_INLINE inline decltype(auto) withOp(Op op, F&& f) {
    switch (op) {
        case Op::Add: return f(ops::Add{});
        case Op::Sub: return f(ops::Sub{});
        case Op::Mul: return f(ops::Mul{});
        case Op::Div: return f(ops::Div{});
        case Op::Pow: return f(ops::Pow{});
        case Op::Neg: return f(ops::Neg{});
        case Op::Sin: return f(ops::Sin{});
        case Op::Cos: return f(ops::Cos{});
        case Op::Tan: return f(ops::Tan{});
        case Op::Asin: return f(ops::Asin{});
        case Op::Acos: return f(ops::Acos{});
        case Op::Atan: return f(ops::Atan{});
        case Op::Exp: return f(ops::Exp{});
        case Op::Log: return f(ops::Log{});
        case Op::Sqrt: return f(ops::Sqrt{});
        case Op::Tanh: return f(ops::Tanh{});
        case Op::Sigmoid: return f(ops::Sigmoid{});
        case Op::Relu: return f(ops::Relu{});
        case Op::Abs: return f(ops::Abs{});
        case Op::Sinh: return f(ops::Sinh{});
        case Op::Cosh: return f(ops::Cosh{});
        case Op::Log1p: return f(ops::Log1p{});
        case Op::Min: return f(ops::Min{});
        case Op::Max: return f(ops::Max{});
        case Op::Input: case Op::Const: case Op::Count_: break;
    }
    __builtin_unreachable();
}

/// The value of op at (a, b), for any scalar type.
template <class T>
ADVIZ_FORCE_INLINE inline T opValue(Op op, const T& a, const T& b) {
    return withOp(op, [&](auto o) ADVIZ_LAMBDA_INLINE { return decltype(o)::value(a, b); });
}

/// The local partials ∂y/∂a, ∂y/∂b of op at (a, b) with value y.
template <class T>
ADVIZ_FORCE_INLINE inline void opPartials(Op op, const T& a, const T& b, const T& y, T& da, T& db) {
    db = T(0.0);  // unary ops leave ∂y/∂b alone
    withOp(op, [&](auto o) ADVIZ_LAMBDA_INLINE { decltype(o)::partials(a, b, y, da, db); });
}

/// The value y of op at (a, b) and its partials, in one dispatch: what the reverse sweep's
/// forward pass stores.
template <class T>
ADVIZ_FORCE_INLINE inline void opValuePartials(Op op, const T& a, const T& b, T& y, T& da, T& db) {
    db = T(0.0);
    withOp(op, [&](auto o) ADVIZ_LAMBDA_INLINE {
        y = decltype(o)::value(a, b);
        decltype(o)::partials(a, b, y, da, db);
    });
}

/// Why op produced a non-finite value at (a, b), or nullptr if (a, b) is inside its domain.
inline const char* opDomainProblem(Op op, double a, double b) {
    return withOp(op, [&](auto o) { return decltype(o)::domain(a, b); });
}

}  // namespace adviz
