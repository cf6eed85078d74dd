#include "autodiff/pytorch/torch_ops.hpp"

namespace adviz::pytorch {

// A switch without default: a new Op that is not spelled here is a compiler warning.
std::string_view expression(Op op) {
    switch (op) {
        case Op::Input: case Op::Const: case Op::Count_: return "{a}";
        case Op::Add: return "{a} + {b}";
        case Op::Sub: return "{a} - {b}";
        case Op::Mul: return "{a} * {b}";
        case Op::Div: return "{a} / {b}";
        case Op::Pow: return "{a} ** {b}";
        case Op::Neg: return "-{a}";
        case Op::Sin: return "torch.sin({a})";
        case Op::Cos: return "torch.cos({a})";
        case Op::Tan: return "torch.tan({a})";
        case Op::Asin: return "torch.asin({a})";
        case Op::Acos: return "torch.acos({a})";
        case Op::Atan: return "torch.atan({a})";
        case Op::Exp: return "torch.exp({a})";
        case Op::Log: return "torch.log({a})";
        case Op::Sqrt: return "torch.sqrt({a})";
        case Op::Tanh: return "torch.tanh({a})";
        case Op::Sigmoid: return "torch.sigmoid({a})";
        case Op::Relu: return "torch.relu({a})";
        case Op::Abs: return "torch.abs({a})";
        case Op::Sinh: return "torch.sinh({a})";
        case Op::Cosh: return "torch.cosh({a})";
        case Op::Log1p: return "torch.log1p({a})";
        case Op::Min: return "torch.minimum({a}, {b})";
        case Op::Max: return "torch.maximum({a}, {b})";
    }
    return "{a}";
}

bool numberOperandAllowed(Op op, int slot) {
    switch (op) {
        case Op::Add: case Op::Mul: case Op::Pow: return true;
        case Op::Sub: case Op::Div: return slot == 1;
        default: return false;  // functions take tensors
    }
}

std::string_view gradFnName(Op op, bool exponentIsNumber) {
    switch (op) {
        case Op::Input: case Op::Const: case Op::Count_: return "AccumulateGrad";
        case Op::Add: return "AddBackward0";
        case Op::Sub: return "SubBackward0";
        case Op::Mul: return "MulBackward0";
        case Op::Div: return "DivBackward0";
        case Op::Pow: return exponentIsNumber ? "PowBackward0" : "PowBackward1";
        case Op::Neg: return "NegBackward0";
        case Op::Sin: return "SinBackward0";
        case Op::Cos: return "CosBackward0";
        case Op::Tan: return "TanBackward0";
        case Op::Asin: return "AsinBackward0";
        case Op::Acos: return "AcosBackward0";
        case Op::Atan: return "AtanBackward0";
        case Op::Exp: return "ExpBackward0";
        case Op::Log: return "LogBackward0";
        case Op::Sqrt: return "SqrtBackward0";
        case Op::Tanh: return "TanhBackward0";
        case Op::Sigmoid: return "SigmoidBackward0";
        case Op::Relu: return "ReluBackward0";
        case Op::Abs: return "AbsBackward0";
        case Op::Sinh: return "SinhBackward0";
        case Op::Cosh: return "CoshBackward0";
        case Op::Log1p: return "Log1PBackward0";
        case Op::Min: return "MinimumBackward0";
        case Op::Max: return "MaximumBackward0";
    }
    return "AccumulateGrad";
}

}  // namespace adviz::pytorch
