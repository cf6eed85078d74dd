#pragma once
// How PyTorch spells each operation, and which autograd node (grad_fn) it records: the one place
// that maps adviz's operations to PyTorch's, read by `adviz pytorch` (a script that checks
// adviz's numbers with torch.autograd) and by the window's PyTorch view. The names were read
// off PyTorch 1.13 (type(t.grad_fn).__name__ for each expression as the script writes it).

#include <string_view>

#include "autodiff/op.hpp"

namespace adviz::pytorch {

/// The expression PyTorch evaluates for op, with {a} and {b} for the operands: "{a} + {b}",
/// "torch.sin({a})", "{a} ** {b}".
std::string_view expression(Op op);

/// Whether a constant operand in `slot` (0 or 1) may be written as a plain Python number (as in
/// `z ** 2.0` or `x * 0.5`) with PyTorch recording the same node; otherwise it is written as a
/// 0-dimensional tensor. (`2.0 - x` would record RsubBackward1 and `2.0 / x` a reciprocal and a
/// product, so a constant left of − and / is a tensor.)
bool numberOperandAllowed(Op op, int slot);

/// The grad_fn class PyTorch records for op, given which operand is a constant written as a
/// Python number: "AddBackward0", "PowBackward0" (tensor ** number), "PowBackward1".
std::string_view gradFnName(Op op, bool exponentIsNumber = false);

/// The grad_fn class of the shaped operations, by what the script writes for them.
inline constexpr std::string_view matrixVectorGradFn = "MvBackward0";      ///< [m,k] @ [k]
inline constexpr std::string_view matrixMatrixGradFn = "MmBackward0";      ///< [m,k] @ [k,n]
inline constexpr std::string_view vectorMatrixGradFn = "SqueezeBackward3"; ///< [k] @ [k,n]: mm then squeeze
inline constexpr std::string_view dotGradFn = "DotBackward0";              ///< [k] @ [k], dot(a, b)
inline constexpr std::string_view transposeGradFn = "TBackward0";
inline constexpr std::string_view sumGradFn = "SumBackward0";              ///< sum(A)
inline constexpr std::string_view sumAxisGradFn = "SumBackward1";          ///< sum(A, axis)
inline constexpr std::string_view meanGradFn = "MeanBackward0";
inline constexpr std::string_view softmaxGradFn = "SoftmaxBackward0";
inline constexpr std::string_view logsumexpGradFn = "LogsumexpBackward0";
inline constexpr std::string_view indexGradFn = "SelectBackward0";          ///< x[i], W[i]; W[i, j] is two
inline constexpr std::string_view literalGradFn = "StackBackward0";         ///< [a, b] of tensors
inline constexpr std::string_view leafGradFn = "AccumulateGrad";            ///< an input's .grad

}  // namespace adviz::pytorch
