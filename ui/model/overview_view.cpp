#include "ui/model/overview_view.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "autodiff/limits.hpp"

namespace adviz::ui {

OverviewBlocks::OverviewBlocks(const Graph& g, int first, int end)
    : first_(std::clamp(first, 0, g.size())), end_(std::clamp(end, first_, g.size())) {
    const int n = end_ - first_;
    const bool withInputs = first_ == g.inputs && g.inputs > 0;
    inputBlock_ = withInputs ? 1 : 0;
    // Blocks of at most kDrawnBlockNodes (each then draws in full) when that takes no more than
    // the overview's boxes; otherwise as many equal blocks as fit, each opening as an overview
    // of its own. Never one block for a range of several nodes: opening it would show it again.
    const int wanted = (n + kDrawnBlockNodes - 1) / kDrawnBlockNodes;
    const int count = std::clamp(wanted, std::min(2, n), kOverviewBlocks);
    blockNodes_ = count > 0 ? (n + count - 1) / count : 1;
    if (withInputs) {
        OverviewBlock in;
        in.first = 0;
        in.end = g.inputs;
        in.inputs = true;
        blocks_.push_back(in);
    }
    for (int b = first_; b < end_; b += blockNodes_) {
        OverviewBlock block;
        block.first = b;
        block.end = std::min(end_, b + blockNodes_);
        blocks_.push_back(block);
    }

    // One pass over the nodes in order. A value u crossing into block B is counted once per
    // (u, B): the consumers come in order, so B only grows and one stamp per node suffices.
    std::vector<int> stampIn(g.nodes.size(), -1);
    std::vector<char> out(g.nodes.size(), 0);
    std::map<std::pair<int, int>, int> crossing;
    std::array<int, opCount> kinds{};
    const int from = withInputs ? 0 : first_;
    for (int v = from; v < g.size(); ++v) {
        const int bv = blockOf(v);
        const Node& nd = g[v];
        if (bv >= 0 && !blocks_[static_cast<std::size_t>(bv)].inputs && nd.op != Op::Const && nd.op != Op::Input) {
            ++blocks_[static_cast<std::size_t>(bv)].operations;
            ++kinds[static_cast<std::size_t>(nd.op)];
        }
        if (bv >= 0 && (v + 1 == g.size() || v + 1 == end_ || blockOf(v + 1) != bv)) {
            // The block ends here: its operations by kind.
            auto& ops = blocks_[static_cast<std::size_t>(bv)].ops;
            for (int k = 0; k < opCount; ++k)
                if (kinds[static_cast<std::size_t>(k)] > 0) ops.emplace_back(static_cast<Op>(k), kinds[static_cast<std::size_t>(k)]);
            std::stable_sort(ops.begin(), ops.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
            kinds.fill(0);
        }
        for (int slot = 0; slot < nd.arity(); ++slot) {
            const int u = nd.operand(slot);
            const int bu = blockOf(u);
            if (bu == bv) continue;
            const bool constant = g[u].op == Op::Const;
            // u's block sends a value out (to any node outside it, in this overview or not).
            if (bu >= 0 && !constant && !out[static_cast<std::size_t>(u)]) {
                out[static_cast<std::size_t>(u)] = 1;
                ++blocks_[static_cast<std::size_t>(bu)].valuesOut;
            }
            if (bv < 0 || stampIn[static_cast<std::size_t>(u)] == bv) continue;
            stampIn[static_cast<std::size_t>(u)] = bv;
            OverviewBlock& into = blocks_[static_cast<std::size_t>(bv)];
            if (constant) {
                ++into.constantsIn;
                continue;
            }
            ++into.valuesIn;
            if (bu >= 0) ++crossing[{bu, bv}];
        }
    }
    for (const auto& [pair, values] : crossing) links_.push_back({pair.first, pair.second, values});
}

int OverviewBlocks::blockOf(int id) const {
    if (inputBlock_ && id >= 0 && id < blocks_.front().end) return 0;
    if (id < first_ || id >= end_) return -1;
    return inputBlock_ + (id - first_) / blockNodes_;
}

bool OverviewBlocks::drawable(int b) const {
    const OverviewBlock& block = blocks_[static_cast<std::size_t>(b)];
    if (block.inputs) return false;
    return block.size() <= kDrawnBlockNodes &&
           block.size() + block.valuesIn + block.constantsIn <= limits::maxDrawnNodes;
}

BlockDrawing::BlockDrawing(const Graph& g, int first, int end)
    : first_(std::clamp(first, 0, g.size())), end_(std::clamp(end, first_, g.size())) {
    drawnOf_.assign(g.nodes.size(), -1);
    auto add = [&](const Node& nd, int real) {
        drawn_.nodes.push_back(nd);
        drawn_.wengert.push_back(g.wengert[static_cast<std::size_t>(real)]);
        real_.push_back(real);
        return drawn_.size() - 1;
    };
    // The values read from before the block, in program order, as the drawing's inputs (a
    // drawing's inputs come first). Constants are not among them: each is copied where used.
    std::vector<int> sources;
    for (int v = first_; v < end_; ++v)
        for (int slot = 0; slot < g[v].arity(); ++slot) {
            const int u = g[v].operand(slot);
            if (u < first_ && g[u].op != Op::Const) sources.push_back(u);
        }
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    for (int u : sources) {
        Node source;
        source.op = Op::Input;
        drawnOf_[static_cast<std::size_t>(u)] = add(source, u);
    }
    drawn_.inputs = drawn_.size();
    std::vector<int> constantCopy(g.nodes.size(), -1);
    for (int v = first_; v < end_; ++v) {
        Node nd = g[v];
        for (int slot = 0; slot < nd.arity(); ++slot) {
            int u = nd.operand(slot);
            if (u < first_ && g[u].op == Op::Const) {
                if (constantCopy[static_cast<std::size_t>(u)] < 0) constantCopy[static_cast<std::size_t>(u)] = add(g[u], u);
                u = constantCopy[static_cast<std::size_t>(u)];
            } else {
                u = drawnOf_[static_cast<std::size_t>(u)];
            }
            (slot == 0 ? nd.a : nd.b) = u;
        }
        drawnOf_[static_cast<std::size_t>(v)] = add(nd, v);
    }
    for (const Output& o : g.outputs)
        if (o.node >= first_ && o.node < end_) drawn_.outputs.push_back({o.name, drawnOf_[static_cast<std::size_t>(o.node)]});
    // Names: the program's; a source without one is called by its Wengert name (an input box
    // shows its name).
    for (int d = 0; d < drawn_.size(); ++d) {
        Node& nd = drawn_.nodes[static_cast<std::size_t>(d)];
        const int real = real_[static_cast<std::size_t>(d)];
        std::string name(g.nameOf(real));
        if (name.empty() && d < drawn_.inputs) name = g.wengertName(real);
        nd.name = -1;
        if (name.empty()) continue;
        nd.name = static_cast<std::int32_t>(drawn_.names.size());
        drawn_.names.push_back(std::move(name));
    }
}

int BlockDrawing::drawnNode(int id) const {
    if (id < 0 || static_cast<std::size_t>(id) >= drawnOf_.size()) return -1;
    return drawnOf_[static_cast<std::size_t>(id)];
}

}  // namespace adviz::ui
