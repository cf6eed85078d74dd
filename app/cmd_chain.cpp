// `adviz chain`: the chain rule as a product of Jacobian matrices. For a program that is a chain
// x → s₁ → … → L, each local Jacobian (shape, diagonal or not, entries when small), then the
// product in forward mode's order (right to left), reverse mode's (left to right) and the
// cheapest bracketing, each with its multiply-adds, and the Jacobian they all give.

#include <algorithm>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <string>

#include "app/commands.hpp"
#include "autodiff/chain/chain_extract.hpp"
#include "autodiff/language/lexer.hpp"
#include "autodiff/language/parser.hpp"
#include "autodiff/number_format.hpp"

namespace adviz::cli {
namespace {

/// Matrices up to this many entries are printed as text (6 × 6 fits a terminal and a slide).
constexpr int maxPrintedEntries = 36;
/// Matrices up to this many entries are written into JSON; larger ones as null.
constexpr long long maxJsonEntries = 65536;

std::string shapeText(const std::vector<int>& dims) {
    if (dims.empty()) return "scalar";
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

const chain::Order& orderNamed(const std::vector<chain::Order>& orders, std::string_view name) {
    return *std::find_if(orders.begin(), orders.end(), [&](const chain::Order& o) { return o.name == name; });
}

void textMatrix(std::ostream& out, int rows, int cols, const std::vector<double>& entries) {
    if (rows * cols > maxPrintedEntries) {
        out << "    (" << rows << " × " << cols << " entries: --json lists them)\n";
        return;
    }
    // Right-aligned by characters, not bytes: "−0.4" is four characters in six bytes.
    auto characters = [](const std::string& s) {
        return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
    };
    std::vector<std::string> cell;
    std::size_t width = 0;
    for (double v : entries) {
        cell.push_back(formatShort(v));
        width = std::max(width, characters(cell.back()));
    }
    for (int i = 0; i < rows; ++i) {
        out << "   ";
        for (int j = 0; j < cols; ++j) {
            const std::string& c = cell[static_cast<std::size_t>(i * cols + j)];
            out << " " << std::string(width - characters(c), ' ') << c;
        }
        out << "\n";
    }
}

void jsonMatrix(JsonWriter& j, int rows, int cols, const std::vector<double>& entries) {
    if (static_cast<long long>(rows) * cols > maxJsonEntries) {
        j.null();
        return;
    }
    j.beginArray();
    for (int r = 0; r < rows; ++r) {
        j.beginArray();
        for (int c = 0; c < cols; ++c) j.value(entries[static_cast<std::size_t>(r * cols + c)]);
        j.endArray();
    }
    j.endArray();
}

void writeJson(std::ostream& out, const chain::Chain& c, const std::vector<chain::Order>& orders) {
    JsonWriter j;
    j.beginObject();
    j.key("wrt").value(c.stages.front().name);
    j.key("output").value(c.stages.back().name);
    j.key("stages").beginArray();
    for (const chain::Stage& s : c.stages) {
        j.beginObject();
        j.key("name").value(s.name);
        j.key("shape").beginArray();
        for (int d : s.dims) j.value(d);
        j.endArray();
        j.endObject();
    }
    j.endArray();
    j.key("factors").beginArray();
    for (const chain::Factor& f : c.factors) {
        j.beginObject();
        j.key("name").value(f.name);
        j.key("rows").value(f.rows);
        j.key("cols").value(f.cols);
        j.key("diagonal").value(f.diagonal);
        j.key("entries");
        jsonMatrix(j, f.rows, f.cols, f.entries);
        j.endObject();
    }
    j.endArray();
    j.key("orders").beginObject();
    for (const chain::Order& o : orders) {
        j.key(o.name).beginObject();
        j.key("bracketing").value(o.bracketing);
        j.key("multiply_adds").value(o.multiplyAdds);
        j.key("multiply_adds_dense").value(o.multiplyAddsDense);
        j.endObject();
    }
    j.endObject();
    const chain::Order& best = orderNamed(orders, "optimal");
    j.key("jacobian");
    jsonMatrix(j, c.factors.back().rows, c.factors.front().cols, best.product);
    j.endObject();
    out << j.str();
}

void writeText(std::ostream& out, const chain::Chain& c, const std::vector<chain::Order>& orders) {
    out << "chain ";
    for (std::size_t k = 0; k < c.stages.size(); ++k)
        out << (k ? " → " : "") << c.stages[k].name << " " << shapeText(c.stages[k].dims);
    out << "   (other inputs held fixed)\n\n";
    for (std::size_t k = 0; k < c.factors.size(); ++k) {
        const chain::Factor& f = c.factors[k];
        out << "J" << k + 1 << " = " << f.name << "   " << f.rows << " × " << f.cols
            << (f.diagonal ? ", diagonal" : "") << "\n";
        textMatrix(out, f.rows, f.cols, f.entries);
    }
    std::string product;
    for (std::size_t k = c.factors.size(); k-- > 0;) product += "J" + std::to_string(k + 1) + (k ? " " : "");
    const chain::Order& best = orderNamed(orders, "optimal");
    const int rows = c.factors.back().rows, cols = c.factors.front().cols;
    out << "\nJ = ∂" << c.stages.back().name << "/∂" << c.stages.front().name << " = " << product
        << "   " << rows << " × " << cols << "\n";
    textMatrix(out, rows, cols, best.product);

    const char* titles[] = {"forward (right to left)", "reverse (left to right)", "cheapest"};
    std::size_t width = 10;
    for (const chain::Order& o : orders) width = std::max(width, o.bracketing.size());
    out << "\n" << std::left << std::setw(25) << "order" << std::setw(static_cast<int>(width) + 2)
        << "bracketing" << std::right << std::setw(14) << "multiply-adds" << std::setw(12) << "dense" << "\n";
    for (std::size_t k = 0; k < orders.size(); ++k)
        out << std::left << std::setw(25) << titles[k] << std::setw(static_cast<int>(width) + 2)
            << orders[k].bracketing << std::right << std::setw(14) << orders[k].multiplyAdds
            << std::setw(12) << orders[k].multiplyAddsDense << "\n";
    out << std::left;
}

}  // namespace

int cmdChain(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    chain::ChainResult r = chain::extractChain(job.graph, job.x, opt.wrt);
    if (r.error) {
        if (r.error->span.length == 0)
            return fail(err, {InputErrorStatus, "chain: " + r.error->message});
        // Where the chain breaks, shown like a parse error: line, column, the line, a caret.
        ParseError e;
        e.offset = r.error->span.offset;
        e.length = r.error->span.length;
        const SourcePosition p = positionOf(opt.source, e.offset);
        e.line = p.line;
        e.column = p.column;
        e.message = "chain: " + r.error->message;
        err << formatDiagnostic(opt.source, e, opt.sourceName);
        return InputErrorStatus;
    }
    const std::vector<chain::Order> orders = chain::chainOrders(r.chain->factors);
    if (opt.json)
        writeJson(out, *r.chain, orders);
    else
        writeText(out, *r.chain, orders);
    return 0;
}

}  // namespace adviz::cli
