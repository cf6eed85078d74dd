#pragma once
// What the Chain rule tab shows at each moment of multiplying J = J_K ⋯ J₁ out in one order: the
// row of blocks (factors and the partial products already formed), which two are being
// multiplied, and the multiply-adds so far. Only regroups the engine's numbers (each
// chain::Multiplication carries the partial product it forms); it computes nothing.
//
// Frames of an order with n products: 0 the factors as written; 2p−1 product p under way (its two
// operands highlighted); 2p product p formed (the partial product in their place). Frame 2n shows
// the Jacobian alone.

#include <QString>

#include <vector>

#include "autodiff/chain/chain_extract.hpp"

namespace adviz::ui {

/// One block of the row: a factor J_k, or the product of factors low … high (0-based, J₁ is 0).
struct ChainBlock {
    int low = 0, high = 0;
    int rows = 0, cols = 0;
    bool diagonal = false;
    std::vector<double> entries;  ///< rows·cols, row-major
    QString symbol;               ///< "J₃", "J₃J₂", "J₄⋯J₁"
    QString name;                 ///< "∂h2/∂h1": what the block is the Jacobian of
    QString shape() const { return QStringLiteral("%1×%2").arg(rows).arg(cols); }
};

/// The row at one frame, left to right as the product is written (J_K first).
struct ChainFrame {
    std::vector<ChainBlock> blocks;
    int leftOperand = -1, rightOperand = -1;  ///< indices into blocks: the pair being multiplied
    int formed = -1;                          ///< index of the partial product just formed
    int product = 0;                          ///< 1-based product shown; 0 before the first
    bool finished = false;                    ///< the last frame: only J is left
    long long multiplyAddsSoFar = 0;
    long long multiplyAddsTotal = 0;
};

/// 2n + 1 frames for an order of n products.
int chainFrameCount(const chain::Order& order);

/// The row at `frame` (clamped to 0 … chainFrameCount − 1).
ChainFrame chainFrameAt(const chain::Chain& chain, const chain::Order& order, int frame);

/// "J₃J₂" for factors low … high (spelled out up to four, then J₅⋯J₁).
QString chainSymbol(int low, int high);

/// The engine's bracketing "(J4 (J3 J2))" with subscript indices: "(J₄ (J₃ J₂))".
QString subscriptBracketing(const std::string& bracketing);

}  // namespace adviz::ui
