#pragma once
// The identity of a node for hash-consing: operation, operands and (for constants) the bit
// pattern of the value. Two nodes with the same key compute the same thing. Used by the graph
// builder and by the symbolic differentiator's common-subexpression elimination.

#include <cstddef>
#include <cstdint>

#include "autodiff/op.hpp"

namespace adviz {

struct NodeKey {
    Op op;
    std::int32_t a, b;
    std::uint64_t bits;  ///< a constant's bit pattern (0 for operations)
    bool operator==(const NodeKey&) const = default;
};

struct NodeKeyHash {
    std::size_t operator()(const NodeKey& k) const {
        // Boost-style combining of the three parts; operands packed into one 64-bit word.
        std::uint64_t h = static_cast<std::uint64_t>(k.op) * 0x9E3779B97F4A7C15ULL;
        h ^= (static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.a)) << 32 |
              static_cast<std::uint32_t>(k.b)) + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
        h ^= k.bits + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
        // Final avalanche (MurmurHash3's fmix64): every input bit reaches the low bits, which a
        // power-of-two table indexes by (a chain's operands differ only in high bits above).
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDULL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53ULL;
        h ^= h >> 33;
        return static_cast<std::size_t>(h);
    }
};

}  // namespace adviz
