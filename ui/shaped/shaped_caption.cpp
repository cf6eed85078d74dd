#include "ui/shaped/shaped_caption.hpp"

#include <QHash>

#include <algorithm>

#include "autodiff/shaped/shaped_rules.hpp"
#include "ui/shaped/matrix_text.hpp"

namespace adviz::ui {
namespace {

using shaped::Kind;
using shaped::ShapedGraph;
using shaped::ShapedStep;

QString q(const std::string& s) { return QString::fromStdString(s); }
QString labelOf(const ShapedGraph& sg, int id) { return q(shaped::label(sg, id)); }

// An unnamed literal that is a row of a named matrix literal: (the matrix, the row), or nothing.
std::optional<std::pair<int, int>> rowOfLiteral(const ShapedGraph& sg, int id) {
    if (sg[id].kind != Kind::Literal || !sg[id].name.empty()) return std::nullopt;
    for (int z = id + 1; z < sg.size(); ++z) {
        if (sg[z].kind != Kind::Literal || sg[z].name.empty()) continue;
        const auto& ops = sg[z].operands;
        if (auto at = std::find(ops.begin(), ops.end(), id); at != ops.end())
            return std::pair{z, static_cast<int>(at - ops.begin())};
    }
    return std::nullopt;
}

// Superscript forms of the characters a name may use (no superscript q exists).
std::optional<QString> superscript(const QString& name) {
    static const QHash<QChar, QChar> up = [] {
        QHash<QChar, QChar> m;
        const QString plain = QStringLiteral("0123456789abcdefghijklmnoprstuvwxyz");
        const QString high = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ");
        for (int i = 0; i < plain.size(); ++i) m.insert(plain[i], high[i]);
        return m;
    }();
    QString out;
    for (QChar c : name) {
        auto it = up.find(c.toLower());
        if (it == up.end()) return std::nullopt;
        out += *it;
    }
    return out;
}


// The layer number of a pre-activation name "z2", or -1.
int layerOf(const QString& name) {
    if (name.size() < 2 || name[0] != 'z') return -1;
    bool ok = false;
    const int k = name.mid(1).toInt(&ok);
    return ok ? k : -1;
}

// The numbers of a reverse rule between its symbols and its result, where they are all in the
// trace and small enough to read: Z̄ Bᵀ, Aᵀ Z̄, Z̄ ⊙ B.
QString reverseNumbers(const ShapedGraph& sg, const ShapedStep& s, const std::vector<MatrixState>& state) {
    const shaped::Node& n = sg[s.consumer];
    const MatrixState& z = state[static_cast<std::size_t>(s.consumer)];
    auto valueOf = [&](int slot) -> const std::vector<double>& {
        return state[static_cast<std::size_t>(n.operands[static_cast<std::size_t>(slot)])].value;
    };
    auto shapeOf = [&](int slot) { return sg[n.operands[static_cast<std::size_t>(slot)]].shape; };
    if (!writtenOut(n.shape) || z.adjoint.empty()) return {};
    const QString zbar = matrixText(n.shape, z.adjoint);
    if (n.kind == Kind::MatMul && n.operands.size() == 2) {
        const int other = 1 - s.slot;
        if (!writtenOut(shapeOf(other)) || valueOf(other).empty()) return {};
        return s.slot == 0 ? zbar + ' ' + transposedText(shapeOf(1), valueOf(1))
                           : transposedText(shapeOf(0), valueOf(0)) + ' ' + zbar;
    }
    if (n.kind == Kind::Elementwise && n.op == Op::Mul && n.operands.size() == 2) {
        const int other = 1 - s.slot;
        if (!writtenOut(shapeOf(other)) || valueOf(other).empty()) return {};
        return zbar + QStringLiteral(" ⊙ ") + matrixText(shapeOf(other), valueOf(other));
    }
    return {};
}

}  // namespace

bool isOutputNode(const ShapedGraph& sg, int id) {
    for (const shaped::Port& p : sg.outputs)
        if (p.node == id) return true;
    return false;
}

QString expressionText(const ShapedGraph& sg, int id) {
    const shaped::Node& n = sg[id];
    auto L = [&](std::size_t slot) { return labelOf(sg, n.operands[slot]); };
    switch (n.kind) {
        case Kind::Input:
        case Kind::Scalar: return {};
        case Kind::MatMul: return L(0) + QStringLiteral(" @ ") + L(1);
        case Kind::Transpose: return L(0) + QStringLiteral("ᵀ");
        case Kind::Sum: return QStringLiteral("sum(%1)").arg(L(0));
        case Kind::SumAxis: return QStringLiteral("sum(%1, %2)").arg(L(0)).arg(n.axis);
        case Kind::Mean: return QStringLiteral("mean(%1)").arg(L(0));
        case Kind::Dot: return QStringLiteral("dot(%1, %2)").arg(L(0), L(1));
        case Kind::Softmax: return QStringLiteral("softmax(%1)").arg(L(0));
        case Kind::LogSumExp: return QStringLiteral("logsumexp(%1)").arg(L(0));
        case Kind::Index: {
            QStringList at;
            for (int i : n.index) at << QString::number(i);
            return L(0) + '[' + at.join(QStringLiteral(", ")) + ']';
        }
        case Kind::Literal: return QStringLiteral("[…]");
        case Kind::Elementwise: break;
    }
    if (n.op == Op::Sigmoid) return QStringLiteral("σ(%1)").arg(L(0));
    return q(substitute(info(n.op).pattern, L(0).toStdString(), n.operands.size() > 1 ? L(1).toStdString() : ""));
}

std::optional<QString> deltaName(const ShapedGraph& sg, int id) {
    const shaped::Node& n = sg[id];
    if (n.kind == Kind::Input || n.kind == Kind::Scalar || isOutputNode(sg, id)) return std::nullopt;
    if (!n.name.empty()) {
        const QString name = q(n.name);
        const int layer = layerOf(name);
        if (layer >= 0) {
            int last = layer;
            for (const shaped::Node& m : sg.nodes) last = std::max(last, layerOf(q(m.name)));
            // The theory calls the last layer's δ by its number alone: δ⁽²⁾.
            if (layer == last)
                if (auto up = superscript(QString::number(layer))) return QStringLiteral("δ⁽%1⁾").arg(*up);
        }
        if (auto up = superscript(name)) return QStringLiteral("δ⁽%1⁾").arg(*up);
        return std::nullopt;
    }
    // Unnamed: a matrix product whose one use is adding a bias has the sum's adjoint.
    int consumer = -1, uses = 0;
    for (int z = 0; z < sg.size(); ++z)
        for (std::size_t slot = 0; slot < sg[z].operands.size(); ++slot)
            if (sg[z].operands[slot] == id) {
                ++uses;
                consumer = z;
                if (!(sg[z].kind == Kind::Elementwise &&
                      (sg[z].op == Op::Add || (sg[z].op == Op::Sub && slot == 0))))
                    return std::nullopt;
            }
    if (uses != 1 || !(sg[consumer].shape == n.shape)) return std::nullopt;
    return deltaName(sg, consumer);
}

QString withDeltaNames(const ShapedGraph& sg, const std::string& rule) {
    QString out = q(rule);
    for (int id = sg.size() - 1; id >= 0; --id) {
        const auto delta = deltaName(sg, id);
        if (!delta) continue;
        const QString barred = q(shaped::bar(shaped::label(sg, id)));
        // Whole names only: z̄1 must not match inside z̄12.
        for (int at = out.indexOf(barred); at >= 0; at = out.indexOf(barred, at + 1)) {
            const int end = at + static_cast<int>(barred.size());
            if (end < out.size() && (out[end].isLetterOrNumber() || out[end] == '_')) continue;
            out.replace(at, barred.size(), *delta);
        }
    }
    return out;
}

void shapedCaption(const Graph& g, const shaped::ShapedTrace& trace, int k,
                   const std::vector<MatrixState>& state, QString& lead, QString& caption) {
    lead.clear();
    caption.clear();
    if (!g.shaped || k < 0 || k >= static_cast<int>(trace.steps.size())) return;
    const ShapedGraph& sg = *g.shaped;
    const ShapedStep& s = trace.steps[static_cast<std::size_t>(k)];
    const QString me = labelOf(sg, s.node);
    switch (s.phase) {
        case Phase::Primal:
            if (auto row = rowOfLiteral(sg, s.node)) {  // W1 = [[…], […]]: its rows, one by one
                // As the language writes a row: W1[1].
                caption = QStringLiteral("%1[%2] = %3").arg(labelOf(sg, row->first)).arg(row->second).arg(matrixText(s.shape, s.value));
                break;
            }
            caption = me + QStringLiteral(" = ") +
                      (sg[s.node].kind == Kind::Input ? QString() : expressionText(sg, s.node) + QStringLiteral(" = ")) +
                      matrixText(s.shape, s.value);
            break;
        case Phase::Recompute:  // checkpointing: computed again from a snapshot, numbers as before
            lead = QStringLiteral("not kept, so computed again for its adjoint rule");
            caption = QStringLiteral("recompute ") + me + QStringLiteral(" = ") + expressionText(sg, s.node) +
                      QStringLiteral(" = ") + matrixText(s.shape, s.value);
            break;
        case Phase::Checkpoint:
            lead = QStringLiteral("kept in a snapshot: the backward sweep recomputes from here");
            caption = q(s.rule) + QStringLiteral(" = ") + matrixText(s.shape, s.value);
            break;
        case Phase::Free:
            caption = q(s.rule) + QStringLiteral(": no longer held");
            break;
        case Phase::Tangent:
            lead = me + QStringLiteral(" = ") +
                   (sg[s.node].kind == Kind::Input ? QString() : expressionText(sg, s.node) + QStringLiteral(" = ")) +
                   matrixText(s.shape, s.value);
            caption = q(s.rule) + QStringLiteral(" = ") + matrixText(s.shape, s.tangent);
            break;
        case Phase::Seed:
            caption = q(s.rule) + QStringLiteral(" = ") + matrixText(s.shape, s.contribution);
            break;
        case Phase::Adjoint: {
            caption = withDeltaNames(sg, s.rule);
            const QString numbers = reverseNumbers(sg, s, state);
            if (!numbers.isEmpty()) caption += QStringLiteral(" = ") + numbers;
            caption += QStringLiteral(" = ") + matrixText(s.shape, s.contribution);
            if (!s.afterTangent.empty() && writtenOut(s.shape)) {
                // Forward-over-reverse: the adjoint's tangent along the direction rides along.
                lead = QStringLiteral("its tangent along the direction: %1 = %2")
                           .arg(q(shaped::dot(shaped::bar(shaped::label(sg, s.node)))), matrixText(s.shape, s.afterTangent));
                break;
            }
            bool accumulated = false;
            for (double b : s.before) accumulated = accumulated || b != 0;
            if (accumulated && writtenOut(s.shape)) {
                const QString target = deltaName(sg, s.node).value_or(q(shaped::bar(shaped::label(sg, s.node))));
                lead = QStringLiteral("%1 already held %2; with this use it is %3")
                           .arg(target, matrixText(s.shape, s.before), matrixText(s.shape, s.after));
            }
            break;
        }
        default: break;
    }
}

}  // namespace adviz::ui
