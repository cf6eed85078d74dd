#pragma once
// The yardstick: each family's gradient written out by hand, as a numerical programmer would
// without any AD tool: store the values forward, then one backward loop with the derivative of
// each statement spelled out (the chain and the ladder need no value array beyond the forward
// one; the sum's gradient is all ones after the forward sum). The DAG is a switch over the same
// compact operation arrays the peers interpret.

#include <cmath>
#include <vector>

#include "problems.hpp"

namespace adviz::peers {

/// Evaluation only: the objective at x, values kept in v.
inline double handEvaluate(const Problem& p, const std::vector<double>& x, std::vector<double>& v) {
    switch (p.family) {
        case Family::Chain:
            v.resize(static_cast<std::size_t>(p.n) + 1);
            v[0] = x[0];
            for (int i = 0; i < p.n; ++i) v[static_cast<std::size_t>(i) + 1] = std::sin(v[static_cast<std::size_t>(i)]);
            return v.back();
        case Family::Ladder:
            v.resize(static_cast<std::size_t>(p.n / 2) + 1);
            v[0] = x[0];
            for (std::size_t i = 0; i + 1 < v.size(); ++i) v[i + 1] = v[i] * v[i] - v[i];
            return v.back();
        case Family::Sum: {
            double s = x[0];
            for (std::size_t i = 1; i < x.size(); ++i) s += x[i];
            return s;
        }
        case Family::Dag: {
            v.resize(p.op.size());
            for (int i = 0; i < p.inputs; ++i) v[static_cast<std::size_t>(i)] = x[static_cast<std::size_t>(i)];
            for (std::size_t id = static_cast<std::size_t>(p.inputs); id < p.op.size(); ++id) {
                const double u = v[static_cast<std::size_t>(p.a[id])];
                switch (p.op[id]) {
                    case Op::Add: v[id] = u + v[static_cast<std::size_t>(p.b[id])]; break;
                    case Op::Sub: v[id] = u - v[static_cast<std::size_t>(p.b[id])]; break;
                    case Op::Mul: v[id] = u * v[static_cast<std::size_t>(p.b[id])]; break;
                    case Op::Sin: v[id] = std::sin(u); break;
                    case Op::Cos: v[id] = std::cos(u); break;
                    default: v[id] = std::exp(u); break;  // Op::Exp
                }
            }
            double s = 0;
            for (std::int32_t o : p.outputs) s += v[static_cast<std::size_t>(o)];
            return s;
        }
    }
    return 0;
}

/// The gradient of the objective at x into g (one entry per input).
inline void handGradient(const Problem& p, const std::vector<double>& x, std::vector<double>& v,
                         std::vector<double>& adj, std::vector<double>& g) {
    handEvaluate(p, x, v);
    g.assign(x.size(), 0.0);
    switch (p.family) {
        case Family::Chain: {
            double bar = 1;
            for (std::size_t i = v.size() - 1; i-- > 0;) bar *= std::cos(v[i]);
            g[0] = bar;
            return;
        }
        case Family::Ladder: {
            double bar = 1;
            for (std::size_t i = v.size() - 1; i-- > 0;) bar *= 2 * v[i] - 1;
            g[0] = bar;
            return;
        }
        case Family::Sum:
            for (double& gi : g) gi = 1;
            return;
        case Family::Dag: {
            adj.assign(v.size(), 0.0);
            for (std::int32_t o : p.outputs) adj[static_cast<std::size_t>(o)] += 1;
            for (std::size_t id = v.size() - 1; id >= static_cast<std::size_t>(p.inputs); --id) {
                const double bar = adj[id];
                const auto ia = static_cast<std::size_t>(p.a[id]);
                const double u = v[ia];
                switch (p.op[id]) {
                    case Op::Add: adj[ia] += bar; adj[static_cast<std::size_t>(p.b[id])] += bar; break;
                    case Op::Sub: adj[ia] += bar; adj[static_cast<std::size_t>(p.b[id])] -= bar; break;
                    case Op::Mul: {
                        const auto ib = static_cast<std::size_t>(p.b[id]);
                        adj[ia] += bar * v[ib];
                        adj[ib] += bar * u;
                        break;
                    }
                    case Op::Sin: adj[ia] += bar * std::cos(u); break;
                    case Op::Cos: adj[ia] -= bar * std::sin(u); break;
                    default: adj[ia] += bar * v[id]; break;  // exp' = exp
                }
                if (id == 0) break;
            }
            for (int i = 0; i < p.inputs; ++i) g[static_cast<std::size_t>(i)] = adj[static_cast<std::size_t>(i)];
            return;
        }
    }
}

}  // namespace adviz::peers
