#include "autodiff/pytorch/shaped_grad_fn.hpp"

#include "autodiff/pytorch/torch_ops.hpp"
#include "autodiff/shaped/shaped_graph.hpp"

namespace adviz::pytorch {

std::string_view shapedGradFn(const Graph& g, int id) {
    using shaped::Kind;
    const shaped::ShapedGraph& sg = *g.shaped;
    const shaped::Node& n = sg[id];
    auto rankOf = [&](std::size_t slot) { return sg[n.operands[slot]].shape.rank; };
    auto isConstant = [&](std::size_t slot) {
        const shaped::Node& a = sg[n.operands[slot]];
        return a.kind == Kind::Scalar && a.elements.size() == 1 && g[a.elements.front()].op == Op::Const;
    };
    switch (n.kind) {
        case Kind::Input: return leafGradFn;
        case Kind::Scalar: {
            const Node& v = g[n.elements.front()];
            if (v.op == Op::Const) return {};
            if (v.op == Op::Input) return leafGradFn;
            return gradFnName(v.op);
        }
        case Kind::MatMul:
            if (rankOf(0) == 2) return rankOf(1) == 2 ? matrixMatrixGradFn : matrixVectorGradFn;
            return rankOf(1) == 2 ? vectorMatrixGradFn : dotGradFn;
        case Kind::Elementwise:
            // `z ** 2.0` records PowBackward0; a tensor exponent PowBackward1.
            return gradFnName(n.op, n.operands.size() > 1 && isConstant(1));
        case Kind::Transpose: return transposeGradFn;
        case Kind::Sum: return sumGradFn;
        case Kind::SumAxis: return sumAxisGradFn;
        case Kind::Mean: return meanGradFn;
        case Kind::Dot: return dotGradFn;
        case Kind::Softmax: return softmaxGradFn;
        case Kind::LogSumExp: return logsumexpGradFn;
        case Kind::Index: return indexGradFn;
        case Kind::Literal: return literalGradFn;
    }
    return {};
}

}  // namespace adviz::pytorch
