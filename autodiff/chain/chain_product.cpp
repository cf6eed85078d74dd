#include "autodiff/chain/chain_product.hpp"

#include <limits>
#include <memory>
#include <stdexcept>

namespace adviz::chain {

long long multiplyCost(int rows, int inner, int cols, bool leftDiagonal, bool rightDiagonal) {
    const long long r = rows, q = inner, c = cols;
    if (leftDiagonal && rightDiagonal) return q;  // diag·diag: one product per diagonal entry
    if (leftDiagonal) return q * c;               // D·B scales B's q rows
    if (rightDiagonal) return r * q;              // A·D scales A's q columns
    return r * q * c;
}

namespace {

// A bracketing as a binary tree over factor ranges [low, high]; a leaf is one factor.
struct Bracket {
    int low = 0, high = 0, mid = -1;  // mid: the right operand is [low, mid], the left [mid+1, high]
    std::unique_ptr<Bracket> left, right;
};

// A product being formed, with what is known of its structure.
struct Matrix {
    int rows = 0, cols = 0;
    bool diagonal = false;
    std::vector<double> entries;
};

Matrix multiply(const Matrix& a, const Matrix& b) {
    Matrix m{a.rows, b.cols, a.diagonal && b.diagonal,
             std::vector<double>(static_cast<std::size_t>(a.rows) * b.cols, 0.0)};
    auto at = [](const Matrix& x, int i, int j) { return x.entries[static_cast<std::size_t>(i) * x.cols + j]; };
    double* out = m.entries.data();
    if (a.diagonal && b.diagonal) {
        for (int i = 0; i < a.rows; ++i) out[i * m.cols + i] = at(a, i, i) * at(b, i, i);
    } else if (a.diagonal) {
        for (int i = 0; i < a.rows; ++i)
            for (int j = 0; j < b.cols; ++j) out[i * m.cols + j] = at(a, i, i) * at(b, i, j);
    } else if (b.diagonal) {
        for (int i = 0; i < a.rows; ++i)
            for (int j = 0; j < b.cols; ++j) out[i * m.cols + j] = at(a, i, j) * at(b, j, j);
    } else {
        for (int i = 0; i < a.rows; ++i)
            for (int k = 0; k < a.cols; ++k) {
                const double aik = at(a, i, k);
                for (int j = 0; j < b.cols; ++j) out[i * m.cols + j] += aik * at(b, k, j);
            }
    }
    return m;
}

class Evaluator {
public:
    explicit Evaluator(const std::vector<Factor>& f) : f_(f) {}

    Order run(std::string name, const Bracket& root) {
        Order o;
        o.name = std::move(name);
        o.bracketing = text(root);
        Matrix p = eval(root, o);
        o.product = std::move(p.entries);
        return o;
    }

private:
    // Every product in parentheses, the outermost too: "((J4 J3) (J2 J1))".
    static std::string text(const Bracket& b) {
        if (b.mid < 0) return "J" + std::to_string(b.low + 1);
        return "(" + text(*b.left) + " " + text(*b.right) + ")";
    }

    Matrix eval(const Bracket& b, Order& o) const {
        if (b.mid < 0) {
            const Factor& k = f_[static_cast<std::size_t>(b.low)];
            return Matrix{k.rows, k.cols, k.diagonal, k.entries};
        }
        Matrix right = eval(*b.right, o);  // right to left: the factor nearer the input first
        Matrix left = eval(*b.left, o);
        Matrix p = multiply(left, right);
        // The step keeps a copy of what it formed; the caller goes on with p.
        Multiplication m{b.low, b.mid, b.high,
                         multiplyCost(left.rows, left.cols, right.cols, left.diagonal, right.diagonal),
                         multiplyCost(left.rows, left.cols, right.cols, false, false),
                         p.rows, p.cols, p.diagonal, p.entries};
        o.multiplyAdds += m.multiplyAdds;
        o.multiplyAddsDense += m.multiplyAddsDense;
        o.steps.push_back(std::move(m));
        return p;
    }

    const std::vector<Factor>& f_;
};

std::unique_ptr<Bracket> leaf(int k) {
    auto b = std::make_unique<Bracket>();
    b->low = b->high = k;
    return b;
}

std::unique_ptr<Bracket> join(std::unique_ptr<Bracket> left, std::unique_ptr<Bracket> right) {
    auto b = std::make_unique<Bracket>();
    b->low = right->low;
    b->mid = right->high;
    b->high = left->high;
    b->left = std::move(left);
    b->right = std::move(right);
    return b;
}

// J_K (⋯ (J₂ J₁)): each new factor multiplies the product so far from the left.
std::unique_ptr<Bracket> rightToLeft(int count) {
    auto b = leaf(0);
    for (int k = 1; k < count; ++k) b = join(leaf(k), std::move(b));
    return b;
}

// ((J_K J_{K−1}) ⋯) J₁: each new factor multiplies the product so far from the right.
std::unique_ptr<Bracket> leftToRight(int count) {
    auto b = leaf(count - 1);
    for (int k = count - 2; k >= 0; --k) b = join(std::move(b), leaf(k));
    return b;
}

// The matrix-chain ordering problem by dynamic programming: cost[i][j] is the cheapest way to
// form J_{j+1} ⋯ J_{i+1}, trying every last multiplication (J_j ⋯ J_{m+1})·(J_m ⋯ J_i).
std::unique_ptr<Bracket> cheapest(const std::vector<Factor>& f) {
    const int n = static_cast<int>(f.size());
    const auto N = static_cast<std::size_t>(n);
    std::vector<long long> cost(N * N, 0);
    std::vector<int> split(N * N, -1);
    std::vector<char> diagonal(N * N, 0);
    for (int i = 0; i < n; ++i) diagonal[i * N + i] = f[static_cast<std::size_t>(i)].diagonal;
    for (int len = 2; len <= n; ++len)
        for (int i = 0; i + len - 1 < n; ++i) {
            const int j = i + len - 1;
            long long best = std::numeric_limits<long long>::max();
            for (int m = i; m < j; ++m) {  // ties: the split nearest J₁ (reverse mode's) wins
                const long long c =
                    cost[i * N + m] + cost[(m + 1) * N + j] +
                    multiplyCost(f[static_cast<std::size_t>(j)].rows, f[static_cast<std::size_t>(m)].rows,
                                 f[static_cast<std::size_t>(i)].cols, diagonal[(m + 1) * N + j],
                                 diagonal[i * N + m]);
                if (c < best) {
                    best = c;
                    split[i * N + j] = m;
                }
            }
            cost[i * N + j] = best;
            diagonal[i * N + j] = diagonal[i * N + j - 1] && diagonal[j * N + j];
        }
    auto build = [&](auto&& self, int i, int j) -> std::unique_ptr<Bracket> {
        if (i == j) return leaf(i);
        const int m = split[i * N + j];
        return join(self(self, m + 1, j), self(self, i, m));
    };
    return build(build, 0, n - 1);
}

}  // namespace

std::vector<Order> chainOrders(const std::vector<Factor>& factors) {
    if (factors.empty()) throw std::invalid_argument("chainOrders: an empty chain");
    for (std::size_t k = 1; k < factors.size(); ++k)
        if (factors[k].cols != factors[k - 1].rows)
            throw std::invalid_argument("chainOrders: factor sizes do not chain");
    const int n = static_cast<int>(factors.size());
    Evaluator e(factors);
    std::vector<Order> orders;
    orders.push_back(e.run("forward", *rightToLeft(n)));
    orders.push_back(e.run("reverse", *leftToRight(n)));
    orders.push_back(e.run("optimal", *cheapest(factors)));
    return orders;
}

}  // namespace adviz::chain
