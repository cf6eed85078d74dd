#include "ui/shaped/matrix_text.hpp"

#include <QStringList>

#include "autodiff/number_format.hpp"

namespace adviz::ui {
namespace {

// Six numbers fit one line of the caption at the back-row size next to the rule.
constexpr std::size_t maxWrittenEntries = 6;

QString number(double v) { return QString::fromStdString(formatShort(v)); }

// rows × cols entries, entry (i, j) from at(i, j): "[a; b]" for a column, "[a b; c d]" else.
template <class At>
QString grid(int rows, int cols, At at) {
    if (rows == 1 && cols == 1) return number(at(0, 0));
    QStringList lines;
    for (int i = 0; i < rows; ++i) {
        QStringList cells;
        for (int j = 0; j < cols; ++j) cells << number(at(i, j));
        lines << cells.join(' ');
    }
    return '[' + lines.join(QStringLiteral("; ")) + ']';
}

QString sizeText(int rows, int cols) {
    return cols == 1 ? QString::number(rows) + QStringLiteral(" values")
                     : QStringLiteral("%1×%2").arg(rows).arg(cols);
}

}  // namespace

GridSize gridOf(const shaped::Shape& shape) {
    if (shape.rank == 2) return {shape.dims[0], shape.dims[1]};
    if (shape.rank == 1) return {shape.dims[0], 1};
    return {};
}

bool writtenOut(const shaped::Shape& shape) { return shape.size() <= maxWrittenEntries; }

QString matrixText(const shaped::Shape& shape, const std::vector<double>& v) {
    const GridSize g = gridOf(shape);
    if (v.size() != shape.size()) return QStringLiteral("?");
    if (!writtenOut(shape)) return sizeText(g.rows, g.cols);
    return grid(g.rows, g.cols, [&](int i, int j) { return v[static_cast<std::size_t>(i * g.cols + j)]; });
}

QString transposedText(const shaped::Shape& shape, const std::vector<double>& v) {
    const GridSize g = gridOf(shape);
    if (v.size() != shape.size()) return QStringLiteral("?");
    if (!writtenOut(shape)) return sizeText(g.cols, g.rows);
    return grid(g.cols, g.rows, [&](int i, int j) { return v[static_cast<std::size_t>(j * g.cols + i)]; });
}

}  // namespace adviz::ui
