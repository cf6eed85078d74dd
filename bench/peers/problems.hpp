#pragma once
// The four benchmark families as every tool sees them: the adviz graph parsed from the program
// text, and the same function written once as a template on the scalar, the way a user of an
// operator-overloading tool writes it (a loop for the chain, the sum and the ladder; the random
// DAG interpreted from a compact copy of the adviz graph's operations). The objective is the sum
// of the program's outputs, whose gradient adviz gets by seeding every output with 1.

#include <cstdint>
#include <string>
#include <vector>

#include "../programs.hpp"

namespace adviz::peers {

enum class Family { Chain, Sum, Ladder, Dag };

inline const char* familyName(Family f) {
    switch (f) {
        case Family::Chain: return "chain";
        case Family::Sum: return "sum";
        case Family::Ladder: return "ladder";
        case Family::Dag: return "dag";
    }
    return "?";
}

/// One family at one size: n operations.
struct Problem {
    Family family;
    int n = 0;
    Graph graph;
    std::vector<double> x;  ///< the benchmark point
    // The random DAG's operations, structure of arrays (nodes below `inputs` are the inputs).
    std::vector<Op> op;
    std::vector<std::int32_t> a, b, outputs;
    int inputs = 0;
};

inline Problem makeProblem(Family f, int n) {
    Problem p{f, n, {}, {}, {}, {}, {}, {}, 0};
    switch (f) {
        case Family::Chain: p.graph = bench::parseProgram(bench::unaryChain(n)); break;
        case Family::Sum: p.graph = bench::parseProgram(bench::longSum(n)); break;
        case Family::Ladder: p.graph = bench::parseProgram(bench::diamondLadder(n / 2)); break;
        case Family::Dag: p.graph = bench::parseProgram(bench::randomDag(n)); break;
    }
    p.x = bench::point(p.graph);
    p.inputs = p.graph.inputs;
    for (const Node& nd : p.graph.nodes) {
        p.op.push_back(nd.op);
        p.a.push_back(nd.a);
        p.b.push_back(nd.b);
    }
    for (const Output& o : p.graph.outputs) p.outputs.push_back(o.node);
    return p;
}

/// The objective on any scalar type T (adouble, Rad's ADvar, SFad, double): the same operations
/// in the same order as the adviz graph. work is a buffer for the DAG's node values.
template <class T>
T objective(const Problem& p, const std::vector<T>& x, std::vector<T>& work) {
    switch (p.family) {
        case Family::Chain: {
            T v = x[0];
            for (int i = 0; i < p.n; ++i) v = sin(v);
            return v;
        }
        case Family::Sum: {
            T s = x[0];
            for (std::size_t i = 1; i < x.size(); ++i) s = s + x[i];
            return s;
        }
        case Family::Ladder: {
            T v = x[0];
            for (int i = 0; i < p.n / 2; ++i) v = v * v - v;
            return v;
        }
        case Family::Dag: {
            work.resize(p.op.size());
            for (int i = 0; i < p.inputs; ++i) work[static_cast<std::size_t>(i)] = x[static_cast<std::size_t>(i)];
            for (std::size_t id = static_cast<std::size_t>(p.inputs); id < p.op.size(); ++id) {
                const T& u = work[static_cast<std::size_t>(p.a[id])];
                switch (p.op[id]) {
                    case Op::Add: work[id] = u + work[static_cast<std::size_t>(p.b[id])]; break;
                    case Op::Sub: work[id] = u - work[static_cast<std::size_t>(p.b[id])]; break;
                    case Op::Mul: work[id] = u * work[static_cast<std::size_t>(p.b[id])]; break;
                    case Op::Sin: work[id] = sin(u); break;
                    case Op::Cos: work[id] = cos(u); break;
                    case Op::Exp: work[id] = exp(u); break;
                    default: throw std::runtime_error("the DAG has an op the peers do not drive");
                }
            }
            T s = work[static_cast<std::size_t>(p.outputs[0])];
            for (std::size_t j = 1; j < p.outputs.size(); ++j) s = s + work[static_cast<std::size_t>(p.outputs[j])];
            return s;
        }
    }
    return x[0];
}

}  // namespace adviz::peers
