#include "autodiff/structure/repetition.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace adviz {
namespace {

std::uint64_t bitsOf(double v) {
    std::uint64_t b = 0;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    return h;
}

// Open addressing from a hash to the last op position that had it: std::unordered_map's node
// allocations alone would take longer than the whole detection on 10⁵ iterations.
class LastSeen {
public:
    LastSeen() : keys_(1024, 0), pos_(1024, -1), mask_(1023) {}
    // The previous position with hash h (-1 if none); p becomes the last.
    int exchange(std::uint64_t h, int p) {
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            if (pos_[i] < 0) {
                keys_[i] = h;
                pos_[i] = p;
                if (++used_ * 2 > keys_.size()) grow();
                return -1;
            }
            if (keys_[i] == h) return std::exchange(pos_[i], p);
        }
    }

private:
    // Grows with the distinct hashes (a recurrence has a handful), so the table stays in cache.
    void grow() {
        std::vector<std::uint64_t> keys(keys_.size() * 2, 0);
        std::vector<int> pos(keys_.size() * 2, -1);
        mask_ = keys.size() - 1;
        for (std::size_t j = 0; j < keys_.size(); ++j) {
            if (pos_[j] < 0) continue;
            std::size_t i = keys_[j] & mask_;
            while (pos[i] >= 0) i = (i + 1) & mask_;
            keys[i] = keys_[j];
            pos[i] = pos_[j];
        }
        keys_ = std::move(keys);
        pos_ = std::move(pos);
    }

    std::vector<std::uint64_t> keys_;
    std::vector<int> pos_;
    std::size_t mask_;
    std::size_t used_ = 0;
};

// Operands further back than this are hashed as "far": a node every iteration reads from
// before the block would otherwise make each iteration's hash new.
constexpr int kNearOperands = 1 << 12;

struct Detector {
    const Graph& g;
    std::vector<int> ops;  // op position → node id
    std::vector<int> pos;  // node id → op position, -1 for leaves

    std::array<int, opCount> arity{};  // info(op).arity, without a call per operand

    bool isConst(int id) const { return g[id].op == Op::Const; }
    int arityOf(const Node& nd) const { return arity[static_cast<std::size_t>(nd.op)]; }
    int posOf(int id) const { return pos[static_cast<std::size_t>(id)]; }
    const Node& opAt(int p) const { return g[ops[static_cast<std::size_t>(p)]]; }

    // Proposes body lengths: for each op, the distance to the last op that looked the same,
    // once with operands seen as relative distances (a recurrence) and once with operations
    // seen as anonymous (a body reading a fixed node from before the block). The most frequent
    // distances are the candidates.
    std::vector<int> candidates() const {
        const int n = static_cast<int>(ops.size());
        LastSeen byWiring, byShape;
        std::vector<int> votes(static_cast<std::size_t>(n) + 1, 0);
        for (int p = 0; p < n; ++p) {
            const Node& nd = opAt(p);
            std::uint64_t wiring = static_cast<std::uint64_t>(nd.op) + 1, shape = wiring;
            for (int s = 0; s < arityOf(nd); ++s) {
                const int u = nd.operand(s);
                std::uint64_t w = 0, sh = 0;
                if (isConst(u)) w = sh = bitsOf(g[u].constant);
                else if (posOf(u) < 0) w = sh = (1ULL << 62) + static_cast<std::uint64_t>(u);
                else {
                    w = (1ULL << 63) + static_cast<std::uint64_t>(std::min(p - posOf(u), kNearOperands));
                    sh = 1ULL << 61;
                }
                wiring = mix(wiring, w);
                shape = mix(shape, sh);
            }
            for (int last : {byWiring.exchange(wiring, p), byShape.exchange(shape, p)})
                if (last >= 0) ++votes[static_cast<std::size_t>(p - last)];
        }
        std::vector<int> best;  // the most voted distances (at most eight)
        for (int d = 1; d <= n; ++d) {
            if (votes[static_cast<std::size_t>(d)] < 2) continue;
            best.push_back(d);
            std::sort(best.begin(), best.end(), [&](int a, int b) {
                return votes[static_cast<std::size_t>(a)] > votes[static_cast<std::size_t>(b)];
            });
            if (best.size() > 8) best.pop_back();
        }
        // A body repeated many times gets a vote from nearly every op; distances with a small
        // fraction of the leader's votes are chance coincidences not worth a pass.
        if (!best.empty()) {
            const int lead = votes[static_cast<std::size_t>(best.front())];
            std::erase_if(best, [&](int d) { return votes[static_cast<std::size_t>(d)] * 8 < lead; });
        }
        return best;
    }

    // Whether op p is wired like op p − L without knowing where the block starts: constants by
    // value, operations shifted by L (the earlier one must then lie in the block: the lowest
    // returned in earliest), or the very same node (which must lie before the block: the
    // highest returned in shared).
    bool shifted(int p, int L, int& shared, int& earliest) const {
        const Node &a = opAt(p), &b = opAt(p - L);
        if (a.op != b.op) return false;
        for (int s = 0; s < arityOf(a); ++s) {
            const int u = a.operand(s), w = b.operand(s);
            if (isConst(u) && isConst(w)) {
                if (bitsOf(g[u].constant) != bitsOf(g[w].constant)) return false;
            } else if (u == w) {
                shared = std::max(shared, posOf(u));
            } else if (posOf(u) < 0 || posOf(w) < 0 || posOf(u) - posOf(w) != L) {
                return false;
            } else {
                earliest = std::min(earliest, posOf(w));
            }
        }
        return true;
    }

    // Whether op p (in iteration 1 of a block starting at R) is wired like op p − L when
    // iteration 0 reads the loop's initial state: an operand of p in iteration 0 may correspond
    // to any node outside the block.
    bool entered(int p, int L, int R) const {
        const Node &a = opAt(p), &b = opAt(p - L);
        if (a.op != b.op) return false;
        for (int s = 0; s < arityOf(a); ++s) {
            const int u = a.operand(s), w = b.operand(s);
            const int pu = posOf(u), pw = posOf(w);
            if (isConst(u) && isConst(w)) {
                if (bitsOf(g[u].constant) != bitsOf(g[w].constant)) return false;
            } else if (u == w) {
                if (pu >= R) return false;
            } else if (pu >= R + L) {
                if (pw != pu - L) return false;
            } else if (pu >= R) {
                if (pw >= R) return false;  // iteration 0 must read it from outside
            } else {
                return false;
            }
        }
        return true;
    }

    // The best block of body length L: runs of ops wired like the op L before them, each
    // grown backwards by the iteration that reads the initial state.
    Repetition bestFor(int L, const RepetitionLimits& limits) const {
        const int n = static_cast<int>(ops.size());
        Repetition best;
        auto close = [&](int s, int e, int sharedMax) {
            if (e - s < L) return;  // not even one whole iteration repeated
            // The block ends where the run ends (the last iteration whole, so its results are
            // not left in a suffix)…
            int R = s - L;
            R += (e - R) % L;
            // …and may begin one iteration earlier, with the iteration that reads the loop's
            // initial state from outside (the ops between there and s were not shifted copies).
            if (const int R2 = R - L; R2 >= 0 && R2 > sharedMax) {
                bool ok = true;
                for (int p = R; p < s && ok; ++p) ok = entered(p, L, R2);
                if (ok) R = R2;
            }
            const int count = (e - R) / L;
            if (count < limits.minCount ||
                static_cast<long long>(count) * L < limits.minCoveredOps)
                return;
            if (static_cast<long long>(count) * L > best.coveredOps()) {
                best.start = R;
                best.length = L;
                best.count = count;
            }
        };
        int s = L, sharedMax = -1;
        for (int p = L; p < n; ++p) {
            int shared = -1, earliest = n;
            // Shifted operands from before the block are different nodes outside it, not the
            // same one: not a repetition (one iteration of slack for the block's first, which
            // may still grow backwards).
            if (!shifted(p, L, shared, earliest) || earliest < s - 2 * L) {
                close(s, p, sharedMax);
                s = p + 1;
                sharedMax = -1;
                continue;
            }
            // A node read by every iteration must come from before the block.
            if (shared >= s - L) {
                close(s, p, sharedMax);
                s = std::max(p, shared + L + 1);
                sharedMax = -1;
                if (s > p) continue;
            }
            sharedMax = std::max(sharedMax, shared);
        }
        close(s, n, sharedMax);
        return best;
    }
};

}  // namespace

Repetition findRepetition(const Graph& g, RepetitionLimits limits) {
    Detector d{g, {}, std::vector<int>(g.nodes.size(), -1)};
    for (int op = 0; op < opCount; ++op) d.arity[static_cast<std::size_t>(op)] = info(static_cast<Op>(op)).arity;
    for (int id = 0; id < g.size(); ++id)
        if (d.arity[static_cast<std::size_t>(g[id].op)] > 0) {
            d.pos[static_cast<std::size_t>(id)] = static_cast<int>(d.ops.size());
            d.ops.push_back(id);
        }
    Repetition best;
    for (int L : d.candidates()) {
        Repetition r = d.bestFor(L, limits);
        if (r.coveredOps() > best.coveredOps() ||
            (r.found() && r.coveredOps() == best.coveredOps() && r.length < best.length))
            best = r;
    }
    if (!best.found()) return Repetition{};
    best.ops = std::move(d.ops);
    best.firstNode = best.ops[static_cast<std::size_t>(best.start)];
    best.prefixOps = best.start;
    best.suffixOps = static_cast<int>(best.ops.size()) - best.start - best.count * best.length;
    return best;
}

std::vector<RepetitionPlace> placesOf(const Graph& g, const Repetition& r) {
    std::vector<RepetitionPlace> places(g.nodes.size());
    for (int i = 0; i < r.count; ++i)
        for (int k = 0; k < r.length; ++k)
            places[static_cast<std::size_t>(r.node(i, k))] = {i, k};
    return places;
}

}  // namespace adviz
