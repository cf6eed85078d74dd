#include "ui/chain/chain_frames.hpp"

#include <QRegularExpression>

#include <algorithm>

namespace adviz::ui {
namespace {

QString subscript(int k) {
    static const QString digits = QStringLiteral("₀₁₂₃₄₅₆₇₈₉");
    QString out;
    for (QChar c : QString::number(k)) out += digits[c.digitValue()];
    return out;
}

// ∂s_{high+1}/∂s_{low}: the product of factors low … high maps stage low to stage high + 1.
QString nameOf(const chain::Chain& c, int low, int high) {
    const auto& to = c.stages[static_cast<std::size_t>(high + 1)].name;
    const auto& from = c.stages[static_cast<std::size_t>(low)].name;
    return QStringLiteral("∂%1/∂%2").arg(QString::fromStdString(to), QString::fromStdString(from));
}

ChainBlock factorBlock(const chain::Chain& c, int k) {
    const chain::Factor& f = c.factors[static_cast<std::size_t>(k)];
    return {k, k, f.rows, f.cols, f.diagonal, f.entries, chainSymbol(k, k), nameOf(c, k, k)};
}

int indexOf(const std::vector<ChainBlock>& row, int low, int high) {
    for (std::size_t i = 0; i < row.size(); ++i)
        if (row[i].low == low && row[i].high == high) return static_cast<int>(i);
    return -1;
}

// The row after the first `done` products of the order: each product replaces its two operands
// (adjacent in the row, the left one standing for the later factors) by the engine's result.
std::vector<ChainBlock> rowAfter(const chain::Chain& c, const chain::Order& o, int done) {
    std::vector<ChainBlock> row;
    for (int k = static_cast<int>(c.factors.size()) - 1; k >= 0; --k) row.push_back(factorBlock(c, k));
    for (int s = 0; s < done; ++s) {
        const chain::Multiplication& m = o.steps[static_cast<std::size_t>(s)];
        const int left = indexOf(row, m.mid + 1, m.high);
        if (left < 0 || left + 1 >= static_cast<int>(row.size())) continue;  // not the engine's order
        ChainBlock p{m.low, m.high, m.rows, m.cols, m.diagonal, m.entries, chainSymbol(m.low, m.high),
                     nameOf(c, m.low, m.high)};
        row.erase(row.begin() + left + 1);
        row[static_cast<std::size_t>(left)] = std::move(p);
    }
    return row;
}

long long costOfFirst(const chain::Order& o, int products) {
    long long sum = 0;
    for (int s = 0; s < products; ++s) sum += o.steps[static_cast<std::size_t>(s)].multiplyAdds;
    return sum;
}

}  // namespace

int chainFrameCount(const chain::Order& order) { return 2 * static_cast<int>(order.steps.size()) + 1; }

ChainFrame chainFrameAt(const chain::Chain& chain, const chain::Order& order, int frame) {
    const int n = static_cast<int>(order.steps.size());
    frame = std::clamp(frame, 0, 2 * n);
    ChainFrame f;
    f.multiplyAddsTotal = order.multiplyAdds;
    f.finished = frame == 2 * n;
    f.product = (frame + 1) / 2;
    if (frame == 0) {
        f.blocks = rowAfter(chain, order, 0);
        return f;
    }
    const chain::Multiplication& m = order.steps[static_cast<std::size_t>(f.product - 1)];
    if (frame % 2 == 1) {  // under way: the row before it, its operands marked
        f.blocks = rowAfter(chain, order, f.product - 1);
        f.leftOperand = indexOf(f.blocks, m.mid + 1, m.high);
        f.rightOperand = indexOf(f.blocks, m.low, m.mid);
        f.multiplyAddsSoFar = costOfFirst(order, f.product - 1);
    } else {  // formed: the partial product in their place
        f.blocks = rowAfter(chain, order, f.product);
        f.formed = indexOf(f.blocks, m.low, m.high);
        f.multiplyAddsSoFar = costOfFirst(order, f.product);
    }
    return f;
}

QString chainSymbol(int low, int high) {
    if (high - low >= 4) return QStringLiteral("J%1⋯J%2").arg(subscript(high + 1), subscript(low + 1));
    QString s;
    for (int k = high; k >= low; --k) s += QStringLiteral("J") + subscript(k + 1);
    return s;
}

QString subscriptBracketing(const std::string& bracketing) {
    QString s = QString::fromStdString(bracketing);
    static const QRegularExpression index(QStringLiteral("J(\\d+)"));
    QString out;
    qsizetype at = 0;
    for (auto it = index.globalMatch(s); it.hasNext();) {
        const auto m = it.next();
        out += s.mid(at, m.capturedStart() - at) + QStringLiteral("J") + subscript(m.captured(1).toInt());
        at = m.capturedEnd();
    }
    return out + s.mid(at);
}

}  // namespace adviz::ui
