#pragma once
// The shaped trace's rules for humans (shaped_rules.cpp).

#include <string>

#include "autodiff/shaped/shaped_graph.hpp"

namespace adviz::shaped {

std::string label(const ShapedGraph& sg, int id);  // shaped_trace.cpp
std::string bar(const std::string& name);  ///< "z1" → "z̄1"
std::string dot(const std::string& name);  ///< "z1" → "ż1"
/// The reverse rule of operation z for its operand slot: "W̄1 += z̄1 xᵀ".
std::string reverseRule(const ShapedGraph& sg, int z, int slot);
/// The forward rule of node z: "ż1 = Ẇ1 x + W1 ẋ".
std::string forwardRule(const ShapedGraph& sg, int z);

}  // namespace adviz::shaped
