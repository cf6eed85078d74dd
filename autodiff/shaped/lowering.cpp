#include "autodiff/shaped/lowering.hpp"

#include <algorithm>

#include "autodiff/number_format.hpp"

namespace adviz::shaped {
namespace {

const Shape scalarShape{};

// How an elementwise operation reads in a shape message: "[3] + [2]", "max([3], [2])".
std::string pairText(Op op, const Shape& a, const Shape& b) {
    const char* infix = nullptr;
    switch (op) {
        case Op::Add: infix = " + "; break;
        case Op::Sub: infix = " - "; break;
        case Op::Mul: infix = " * "; break;
        case Op::Div: infix = " / "; break;
        case Op::Pow: infix = " ^ "; break;
        default: break;
    }
    if (infix) return a.text() + infix + b.text();
    return std::string(info(op).name) + "(" + a.text() + ", " + b.text() + ")";
}

Lowered failure(std::string message) { return {-1, std::move(message)}; }

Lowered tooLarge(std::size_t cost) {
    return failure("too large: it would need " + std::to_string(cost) +
                   " scalar nodes, and programs are limited to " + std::to_string(maxScalarNodes));
}

}  // namespace

const Shape& Lowering::shapeOf(const Operand& v) const {
    return v.shaped >= 0 ? g_[v.shaped].shape : scalarShape;
}

int Lowering::add(Node node) {
    // Everything the builder made since the previous shaped node belongs to this one (scalar
    // nodes parsed in between are constants or scalar operations on scalars: no edge of theirs
    // reaches a shaped element, so counting them in changes no grouping).
    const bool regroups = node.kind == Kind::Input || node.kind == Kind::Scalar ||
                          node.kind == Kind::Literal || node.kind == Kind::Index ||
                          node.kind == Kind::Transpose;
    node.first = regroups ? b_.size() : created_;
    node.end = created_ = b_.size();
    g_.nodes.push_back(std::move(node));
    return g_.size() - 1;
}

int Lowering::shapedOf(const Operand& v, Span span) {
    if (v.shaped >= 0) return v.shaped;
    Node n;
    n.kind = Kind::Scalar;
    n.span = span;
    n.elements = {v.node};
    // A constant is called by its value in rules: "2·u^(2−1)".
    if (b_.node(v.node).op == Op::Const) n.name = formatShort(b_.node(v.node).constant);
    return add(std::move(n));
}

int Lowering::sumOf(const std::vector<int>& terms, Span span) {
    int acc = terms.front();
    for (std::size_t i = 1; i < terms.size(); ++i) acc = b_.op(Op::Add, acc, terms[i], span);
    return acc;
}

int Lowering::maxOf(const std::vector<int>& terms, Span span) {
    int acc = terms.front();
    for (std::size_t i = 1; i < terms.size(); ++i) acc = b_.op(Op::Max, acc, terms[i], span);
    return acc;
}

int Lowering::input(std::string_view name, const Shape& shape, Span span) {
    Node n;
    n.kind = Kind::Input;
    n.shape = shape;
    n.name = std::string(name);
    n.span = span;
    n.elements.reserve(shape.size());
    b_.reserve(static_cast<std::size_t>(b_.size()) + shape.size());
    std::string label(name);
    for (std::size_t k = 0; k < shape.size(); ++k) {
        label.resize(name.size());
        label += shape.indexText(k);
        // The parser checked the declaration is the name's first: every element name is new.
        n.elements.push_back(b_.elementInput(label, span));
    }
    return add(std::move(n));
}

Lowered Lowering::literal(const std::vector<Operand>& items, Span span) {
    Node n;
    n.kind = Kind::Literal;
    n.span = span;
    const Shape first = shapeOf(items.front());
    if (first.rank > 1) return failure("a literal's items are numbers or vectors, got " + first.text());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Shape s = shapeOf(items[i]);
        if (s.rank != first.rank || s.size() != first.size())
            return failure("items 0 and " + std::to_string(i) + " differ: " + first.text() +
                           " and " + s.text() + " (a matrix literal must be rectangular)");
        if (items[i].shaped >= 0) {
            n.operands.push_back(items[i].shaped);
            const auto& e = elementsOf(items[i].shaped);
            n.elements.insert(n.elements.end(), e.begin(), e.end());
        } else {
            n.elements.push_back(items[i].node);
        }
    }
    const int count = static_cast<int>(items.size());
    n.shape = first.rank == 0 ? Shape::vector(count)
                              : Shape::matrix(count, static_cast<int>(first.size()));
    return {add(std::move(n)), {}};
}

Lowered Lowering::unary(Op op, const Operand& a, Span span) {
    if (!fits(shapeOf(a).size())) return tooLarge(shapeOf(a).size());
    const int sa = shapedOf(a, span);
    Node n;
    n.kind = Kind::Elementwise;
    n.op = op;
    n.operands = {sa};
    n.shape = g_[sa].shape;
    n.span = span;
    n.elements.reserve(n.shape.size());
    b_.reserve(static_cast<std::size_t>(b_.size()) + n.shape.size());
    for (int e : elementsOf(sa)) n.elements.push_back(b_.op(op, e, -1, span));
    return {add(std::move(n)), {}};
}

Lowered Lowering::binary(Op op, const Operand& a, const Operand& b, Span span) {
    const std::optional<Shape> out = broadcast(shapeOf(a), shapeOf(b));
    if (!out) {
        const Shape sa = shapeOf(a);
        const Shape sb = shapeOf(b);
        return failure(pairText(op, sa, sb) + ": shapes differ and do not broadcast (sizes " +
                       std::to_string(sa.cols()) + " and " + std::to_string(sb.cols()) +
                       (sa.cols() == sb.cols() ? ", rows " + std::to_string(sa.rows()) + " and " +
                                                     std::to_string(sb.rows())
                                               : std::string()) +
                       ")");
    }
    if (!fits(out->size())) return tooLarge(out->size());
    const int ia = shapedOf(a, span);
    const int ib = shapedOf(b, span);
    Node n;
    n.kind = Kind::Elementwise;
    n.op = op;
    n.operands = {ia, ib};
    n.shape = *out;
    n.span = span;
    const Shape& sa = g_[ia].shape;
    const Shape& sb = g_[ib].shape;
    n.elements.reserve(out->size());
    b_.reserve(static_cast<std::size_t>(b_.size()) + out->size());
    for (std::size_t k = 0; k < out->size(); ++k) {
        const int ea = elementsOf(ia)[broadcastSource(sa, *out, k)];
        const int eb = elementsOf(ib)[broadcastSource(sb, *out, k)];
        n.elements.push_back(b_.op(op, ea, eb, span));
    }
    return {add(std::move(n)), {}};
}

Lowered Lowering::matmul(const Operand& a, const Operand& b, Span span) {
    const Shape sa = shapeOf(a);
    const Shape sb = shapeOf(b);
    if (sa.rank == 0 || sb.rank == 0)
        return failure(sa.text() + " @ " + sb.text() +
                       ": @ multiplies vectors and matrices; use * to scale by a scalar");
    // [k] on the left is a row, [k] on the right a column, as in NumPy and PyTorch.
    const int m = sa.rank == 2 ? sa.dims[0] : 1;
    const int ka = sa.cols();
    const int kb = sb.rank == 2 ? sb.dims[0] : sb.dims[0];
    const int n = sb.rank == 2 ? sb.dims[1] : 1;
    if (ka != kb)
        return failure(sa.text() + " @ " + sb.text() + ": inner sizes " + std::to_string(ka) +
                       " and " + std::to_string(kb) + " differ");
    const std::size_t cost = 2 * static_cast<std::size_t>(m) * static_cast<std::size_t>(n) *
                             static_cast<std::size_t>(ka);
    if (!fits(cost)) return tooLarge(cost);
    const int ia = shapedOf(a, span);
    const int ib = shapedOf(b, span);
    Node z;
    z.kind = Kind::MatMul;
    z.operands = {ia, ib};
    z.span = span;
    if (sa.rank == 2 && sb.rank == 2) z.shape = Shape::matrix(m, n);
    else if (sa.rank == 2) z.shape = Shape::vector(m);
    else if (sb.rank == 2) z.shape = Shape::vector(n);
    else z.shape = Shape::scalar();
    const auto& A = elementsOf(ia);
    const auto& B = elementsOf(ib);
    z.elements.reserve(static_cast<std::size_t>(m) * static_cast<std::size_t>(n));
    b_.reserve(static_cast<std::size_t>(b_.size()) + cost);
    std::vector<int> terms(static_cast<std::size_t>(ka));
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j) {
            for (int k = 0; k < ka; ++k)
                terms[static_cast<std::size_t>(k)] =
                    b_.op(Op::Mul, A[static_cast<std::size_t>(i * ka + k)],
                          B[static_cast<std::size_t>(k * n + j)], span);
            z.elements.push_back(sumOf(terms, span));
        }
    return {add(std::move(z)), {}};
}

Lowered Lowering::dot(const Operand& a, const Operand& b, Span span) {
    const Shape sa = shapeOf(a);
    const Shape sb = shapeOf(b);
    if (sa.rank != 1 || sb.rank != 1 || sa.size() != sb.size())
        return failure("dot(" + sa.text() + ", " + sb.text() +
                       "): dot takes two vectors of one size");
    Lowered z = matmul(a, b, span);
    if (z.id >= 0) g_.nodes[static_cast<std::size_t>(z.id)].kind = Kind::Dot;
    return z;
}

Lowered Lowering::transpose(const Operand& a, Span span) {
    const Shape s = shapeOf(a);
    if (s.rank != 2)
        return failure("T(" + s.text() + "): T transposes a matrix; a vector [n] is already " +
                       "both a row and a column to @");
    const int ia = shapedOf(a, span);
    Node t;
    t.kind = Kind::Transpose;
    t.operands = {ia};
    t.span = span;
    const int m = s.dims[0];
    const int n = s.dims[1];
    t.shape = Shape::matrix(n, m);
    const auto& A = elementsOf(ia);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < m; ++i) t.elements.push_back(A[static_cast<std::size_t>(i * n + j)]);
    return {add(std::move(t)), {}};
}

Lowered Lowering::sum(const Operand& a, Span span) {
    if (!fits(shapeOf(a).size())) return tooLarge(shapeOf(a).size());
    const int ia = shapedOf(a, span);
    Node s;
    s.kind = Kind::Sum;
    s.operands = {ia};
    s.span = span;
    const auto& A = elementsOf(ia);
    s.elements = {sumOf(std::vector<int>(A.begin(), A.end()), span)};
    return {add(std::move(s)), {}};
}

Lowered Lowering::sumAxis(const Operand& a, int axis, Span span) {
    const Shape sh = shapeOf(a);
    if (axis < 0 || axis >= std::max(sh.rank, 1) || sh.rank == 0)
        return failure("sum(" + sh.text() + ", " + std::to_string(axis) + "): axis " +
                       std::to_string(axis) + " does not exist (axes are 0" +
                       (sh.rank == 2 ? " and 1)" : ")"));
    if (sh.rank == 1) {
        Lowered r = sum(a, span);
        node(r.id).kind = Kind::SumAxis;
        node(r.id).axis = 0;
        return r;
    }
    if (!fits(sh.size())) return tooLarge(sh.size());
    const int ia = shapedOf(a, span);
    Node s;
    s.kind = Kind::SumAxis;
    s.axis = axis;
    s.operands = {ia};
    s.span = span;
    const int m = sh.dims[0];
    const int n = sh.dims[1];
    const auto& A = elementsOf(ia);
    std::vector<int> terms;
    const int outer = axis == 0 ? n : m;
    const int inner = axis == 0 ? m : n;
    s.shape = Shape::vector(outer);
    for (int o = 0; o < outer; ++o) {
        terms.clear();
        for (int i = 0; i < inner; ++i)
            terms.push_back(A[static_cast<std::size_t>(axis == 0 ? i * n + o : o * n + i)]);
        s.elements.push_back(sumOf(terms, span));
    }
    return {add(std::move(s)), {}};
}

Lowered Lowering::mean(const Operand& a, Span span) {
    if (!fits(shapeOf(a).size())) return tooLarge(shapeOf(a).size());
    const int ia = shapedOf(a, span);
    const auto& A = elementsOf(ia);
    const int total = sumOf(std::vector<int>(A.begin(), A.end()), span);
    const int count = b_.constant(static_cast<double>(A.size()), span);
    Node s;
    s.kind = Kind::Mean;
    s.operands = {ia};
    s.span = span;
    s.elements = {b_.op(Op::Div, total, count, span)};
    return {add(std::move(s)), {}};
}

// Both shift by the row's maximum so that exp never overflows (softmax([1000, 1001]) is fine).
// The shift's derivative cancels exactly: the maximum is an ordinary node of the graph.
Lowered Lowering::softmax(const Operand& a, Span span) {
    const Shape sh = shapeOf(a);
    if (sh.rank == 0) return failure("softmax(scalar): softmax takes a vector (or a matrix, by rows)");
    if (!fits(5 * sh.size())) return tooLarge(5 * sh.size());
    const int ia = shapedOf(a, span);
    Node s;
    s.kind = Kind::Softmax;
    s.operands = {ia};
    s.shape = sh;
    s.span = span;
    const auto& A = elementsOf(ia);
    const auto n = static_cast<std::size_t>(sh.cols());
    std::vector<int> row(n), exps(n);
    for (std::size_t r = 0; r < static_cast<std::size_t>(sh.rows()); ++r) {
        std::copy_n(A.begin() + static_cast<std::ptrdiff_t>(r * n), n, row.begin());
        const int m = maxOf(row, span);
        for (std::size_t j = 0; j < n; ++j)
            exps[j] = b_.op(Op::Exp, b_.op(Op::Sub, row[j], m, span), -1, span);
        const int total = sumOf(exps, span);
        for (std::size_t j = 0; j < n; ++j) s.elements.push_back(b_.op(Op::Div, exps[j], total, span));
    }
    return {add(std::move(s)), {}};
}

Lowered Lowering::logsumexp(const Operand& a, Span span) {
    const Shape sh = shapeOf(a);
    if (sh.rank == 0)
        return failure("logsumexp(scalar): logsumexp takes a vector (or a matrix, by rows)");
    if (!fits(4 * sh.size())) return tooLarge(4 * sh.size());
    const int ia = shapedOf(a, span);
    Node s;
    s.kind = Kind::LogSumExp;
    s.operands = {ia};
    s.shape = sh.rank == 2 ? Shape::vector(sh.rows()) : Shape::scalar();
    s.span = span;
    const auto& A = elementsOf(ia);
    const auto n = static_cast<std::size_t>(sh.cols());
    std::vector<int> row(n), exps(n);
    for (std::size_t r = 0; r < static_cast<std::size_t>(sh.rows()); ++r) {
        std::copy_n(A.begin() + static_cast<std::ptrdiff_t>(r * n), n, row.begin());
        const int m = maxOf(row, span);
        for (std::size_t j = 0; j < n; ++j)
            exps[j] = b_.op(Op::Exp, b_.op(Op::Sub, row[j], m, span), -1, span);
        const int lse = b_.op(Op::Log, sumOf(exps, span), -1, span);
        s.elements.push_back(b_.op(Op::Add, m, lse, span));
    }
    return {add(std::move(s)), {}};
}

Lowered Lowering::index(const Operand& a, const std::vector<long long>& indices, Span span) {
    const Shape sh = shapeOf(a);
    std::string written = "[";
    for (std::size_t i = 0; i < indices.size(); ++i)
        written += (i ? ", " : "") + std::to_string(indices[i]);
    written += "]";
    if (sh.rank == 0) return failure("a scalar cannot be indexed");
    if (static_cast<int>(indices.size()) > sh.rank)
        return failure(written + " on " + sh.text() + ": " + std::to_string(indices.size()) +
                       " indices for " + std::to_string(sh.rank) +
                       (sh.rank == 1 ? " axis" : " axes"));
    std::vector<long long> at(indices);
    for (std::size_t i = 0; i < at.size(); ++i) {
        const long long size = sh.dims[i];
        if (at[i] < -size || at[i] >= size)
            return failure(written + " on " + sh.text() + ": index " + std::to_string(indices[i]) +
                           " is out of range 0.." + std::to_string(size - 1));
        if (at[i] < 0) at[i] += size;
    }
    const int ia = shapedOf(a, span);
    Node x;
    x.kind = Kind::Index;
    x.operands = {ia};
    x.span = span;
    for (long long i : indices) x.index.push_back(static_cast<std::int32_t>(i));
    const auto& A = elementsOf(ia);
    if (sh.rank == 2 && at.size() == 1) {  // a row
        const auto n = static_cast<std::size_t>(sh.dims[1]);
        x.shape = Shape::vector(sh.dims[1]);
        for (std::size_t j = 0; j < n; ++j) x.elements.push_back(A[static_cast<std::size_t>(at[0]) * n + j]);
    } else {
        const std::size_t k = sh.rank == 2 ? static_cast<std::size_t>(at[0] * sh.dims[1] + at[1])
                                           : static_cast<std::size_t>(at[0]);
        x.shape = Shape::scalar();
        x.elements = {A[k]};
    }
    return {add(std::move(x)), {}};
}

}  // namespace adviz::shaped
